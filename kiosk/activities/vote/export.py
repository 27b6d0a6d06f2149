"""The votes in the export: each vote's results (a row per issue), its section and its chart."""

from __future__ import annotations

from ...export import absentees as page
from ...export import pictures as paint
from ...export.sheets import Table
from . import domain
from .domain import GRADE_LABELS, METHOD_LABELS
from .tally import GRADES

GRADE_COLORS = ("#1a7f37", "#4c9a2a", "#8db33a", "#c8b630", "#e59a2f", "#df6434", "#b8312f")
BAR_COLOR = "#2f6db5"


def grade_label(view, grade) -> str:
    return view._(GRADE_LABELS[grade]) if grade in GRADE_LABELS else ""


def item(view, vote, item_id) -> str:
    """An item's text: the issue's, or the text a vote over another source carries."""
    for entry in vote.get("items") or ():
        if entry["id"] == item_id:
            return entry["text"]
    return view.issue(item_id)


def method(view, vote) -> str:
    return view._(METHOD_LABELS["dots" if vote["method"] == "dots" else "majority"])


def status(view, vote) -> str:
    return view._("closed") if vote["status"] == "closed" else view._("open")


def title(view, vote, number: int) -> str:
    """"Vote 1 · Dot voting (closed)"."""
    return f"{view._('Vote')} {number} · {method(view, vote)} ({status(view, vote)})"


def sheets(view) -> list[Table]:
    _ = view._
    rows = []
    for number, vote in enumerate(view.data.get("votes", []), start=1):
        for r in vote["results"]:
            grades = r.get("grades") or {}
            rows.append([number, method(view, vote), status(view, vote),
                         r["rank"], r["issue_id"], item(view, vote, r["issue_id"]), r.get("dots", ""),
                         grade_label(view, r.get("median")), *[grades.get(g, "") if grades else "" for g in GRADES]])
    return [Table("votes.csv", _("Votes"),
                  [_("Vote"), _("Method"), _("Status"), _("Rank"), _("Issue id"), _("Issue"), _("Dots"),
                   _("Median grade"), *[grade_label(view, g) for g in GRADES]], rows)]


def pdf(report, view) -> None:
    label_w, bar_w = report.width * 0.45, report.width * 0.43
    for number, vote in enumerate(view.data.get("votes", []), start=1):
        if not vote["results"]:
            continue
        report.heading(title(view, vote, number))
        if vote["method"] == "majority":
            report.set_font("DejaVu", "", 8)
            for grade, color in zip(GRADES, GRADE_COLORS):
                report.fill(color)
                report.rect(report.get_x(), report.get_y() + 1, 3, 3, style="F")
                report.set_x(report.get_x() + 4)
                report.cell(report.get_string_width(grade_label(view, grade)) + 4, 5, grade_label(view, grade))
            report.ln(7)
        most = max([r.get("dots", 0) for r in vote["results"]] + [1])
        for r in vote["results"]:
            report.set_font("DejaVu", "", 9.5)
            text = f"{r['rank']}. {item(view, vote, r['issue_id'])}"
            lines = report.lines(text, label_w)
            row_h = max(8, 5 * len(lines) + 2)
            if report.will_page_break(row_h):
                report.add_page()
            top = report.get_y()
            report.column(report.l_margin, top, label_w, 5, lines, align="L")
            x = report.l_margin + label_w + 3
            if vote["method"] == "dots":
                length = bar_w * r.get("dots", 0) / most
                report.fill(BAR_COLOR)
                if length:
                    report.rect(x, top + 1, length, 4.5, style="F")
                report.set_xy(x + length + 1.5, top)
                report.cell(15, 6, str(r.get("dots", 0)))
            else:
                grades = r.get("grades") or {}
                total = sum(grades.values())
                cursor = x
                for grade, color in zip(GRADES, GRADE_COLORS):
                    part = bar_w * grades.get(grade, 0) / total if total else 0
                    if part:
                        report.fill(color)
                        report.rect(cursor, top + 1, part, 4.5, style="F")
                    cursor += part
                report.set_draw_color(0)
                report.line(x + bar_w / 2, top, x + bar_w / 2, top + 6.5)
                report.set_xy(x + bar_w + 1.5, top)
                report.set_font("DejaVu", "", 7.5)
                report.multi_cell(report.width - label_w - bar_w - 4.5, 3.5, grade_label(view, r.get("median")), align="L")
            report.set_xy(report.l_margin, top + row_h)


def pictures(view) -> dict[str, bytes]:
    """One chart per vote: `vote-1.png`, `vote-2.png`…"""
    return {f"vote-{number}.png": chart(view, vote, number)
            for number, vote in enumerate(view.data.get("votes", []), start=1)}


#: The rows of a chart: its best results (1600 × 2900 px at most); votes.csv and the report list all.
CHART_TOP = 30


def chart(view, vote: dict, number: int) -> bytes:
    """A bar chart of one vote: dots per issue, or each issue's grades stacked (majority judgment);
    its CHART_TOP best results, then a line saying how many more the report and votes.csv list."""
    from PIL import Image, ImageDraw

    width, label_w, pad, row_h = 1600, 620, 40, 86
    results = vote["results"][:CHART_TOP]
    more = len(vote["results"]) - len(results)
    legend_h = 70 if vote["method"] == "majority" else 0
    height = 130 + legend_h + max(1, len(results)) * row_h + pad + (row_h if more else 0)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, text_font, small = paint.font(40, True), paint.font(26), paint.font(22)
    draw.text((pad, 30), title(view, vote, number), font=title_font, fill="black")
    top = 110
    if legend_h:
        x = pad
        for grade, color in zip(GRADES, GRADE_COLORS):
            draw.rectangle([x, top + 8, x + 26, top + 34], fill=color)
            label = grade_label(view, grade)
            draw.text((x + 34, top + 8), label, font=small, fill="black")
            x += 34 + draw.textlength(label, font=small) + 30
        top += legend_h
    bar_x, bar_w = pad + label_w + 20, width - pad * 2 - label_w - 20 - 110
    most = max([r.get("dots", 0) for r in results] + [1])
    for index, r in enumerate(results):
        y = top + index * row_h
        lines = paint.wrap(lambda s: draw.textlength(s, font=text_font), f"{r['rank']}. {item(view, vote, r['issue_id'])}",
                      label_w, max_lines=2)
        for n, line in enumerate(lines):
            draw.text((pad, y + 8 + n * 32), line, font=text_font, fill="black")
        if vote["method"] == "dots":
            length = int(bar_w * r.get("dots", 0) / most)
            if length:
                draw.rectangle([bar_x, y + 12, bar_x + length, y + row_h - 20], fill=BAR_COLOR)
            draw.text((bar_x + length + 12, y + 22), str(r.get("dots", 0)), font=text_font, fill="black")
        else:
            grades = r.get("grades") or {}
            total = sum(grades.values())
            x = bar_x
            for grade, color in zip(GRADES, GRADE_COLORS):
                part = int(round(bar_w * grades.get(grade, 0) / total)) if total else 0
                if part:
                    draw.rectangle([x, y + 12, min(x + part, bar_x + bar_w), y + row_h - 20], fill=color)
                x += part
            middle = bar_x + bar_w // 2
            draw.line([middle, y + 4, middle, y + row_h - 12], fill="black", width=3)
            draw.text((bar_x + bar_w + 12, y + 22), grade_label(view, r.get("median")), font=small, fill="black")
    if more:
        note = view._("…and %(count)d more: every result is in the report and in votes.csv.") % {"count": more}
        draw.text((pad, top + len(results) * row_h + 22), note, font=text_font, fill="#444444")
    return paint.png(image)


def results(db) -> dict:
    """`results.json`'s `votes`: every vote with its times and results (live ones tallied now)."""
    def one(doc):
        tallied = doc["results"] if doc["status"] == "closed" else domain.tally(db, doc)
        return {**domain.public(db, doc), "opened": doc.get("opened"), "closed": doc.get("closed"), "results": tallied}

    return {"votes": [one(doc) for doc in db.table("votes").all()]}


ABSENTEES_TOP = 10  # the results of each vote that absentees.html lists, best first


def absentees(view):
    """The section of absentees.html: each closed vote's best results (the needs, when the vote
    was on the review's needs), with their dots or their median grade."""
    _ = view._
    votes = []
    for number, vote in enumerate(view.data.get("votes", []), start=1):
        if vote["status"] != "closed" or not vote["results"]:
            continue
        heading = view.labelled(_("Vote"), vote["bucket"]) if vote.get("bucket") else title(view, vote, number)
        dots = vote["method"] == "dots"
        votes.append({"title": heading, "results": [
            {"text": item(view, vote, r["issue_id"]),
             "score": view.ngettext("%(n)d dot", "%(n)d dots", r.get("dots", 0)) % {"n": r.get("dots", 0)} if dots
             else grade_label(view, r.get("median"))}
            for r in vote["results"][:ABSENTEES_TOP]]})
    return page.section(view, "activities/vote/absentees.html", votes=votes) if votes else None
