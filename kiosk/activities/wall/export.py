"""The commitments wall in the export: every commitment, the shown ones in the report and on a
poster (`wall.png`), and the matches between them."""

from __future__ import annotations

from ...export import pictures as paint
from ...export.sheets import Table

POSTER_WIDTH = 1920
NOTE_COLORS = ("#fff4a8", "#ffd9a8", "#d4f2c4", "#cfe6ff", "#f6d3f0", "#e6e0ff")


def shown_posts(view) -> list[dict]:
    return list(view.data.get("wall") or [])


def sheets(view) -> list[Table]:
    _ = view._
    states = {"shown": _("shown"), "pending": _("waiting for approval"), "hidden": _("hidden")}
    rows = [[p["id"], p["text"], view.name(p.get("author")), view.group_name(p.get("group_id")),
             view.family_name(p.get("family_id")) if p.get("family_id") else "",
             states.get(p.get("status"), p.get("status") or ""), view.yes_no(p.get("pinned")), p.get("contact") or ""]
            for p in view.data.get("posts", [])]
    return [Table("wall.csv", _("Commitments wall"),
                  [_("Id"), _("Commitment"), _("Author"), _("Group"), _("Family"), _("Status"), _("Pinned"),
                   _("Contact")], rows)]


def pdf(report, view) -> None:
    posts = shown_posts(view)
    report.heading(view._("Commitments wall"))
    if not posts:
        report.paragraph(view._("No commitment yet."), 10, False, 5.5)
    for post in posts:
        who = view.name(post.get("author"))
        extra = [view.group_name(post.get("group_id")), view.family_name(post.get("family_id"))
                 if post.get("family_id") else ""]
        report.paragraph(post["text"], 10, False, 5.2)
        report.paragraph(" · ".join([who, *[e for e in extra if e]]), 8.5, True, 4.5, indent=4)
        report.ln(1.5)


def matches_pdf(report, view) -> None:
    """Each participant's few strongest matches, one paragraph each: names and why, never a contact
    (the report goes to people nobody agreed to give one to; the phones release contacts,
    `matches.mine`, under their rules). The commitments' texts are in the wall's section.

    The report has always closed with them, after the motivation buddies: the buddies' section
    calls this, so the wall's part stays here.
    """
    _ = view._
    links = view.data.get("matches") or []
    if not links:
        return
    report.heading(_("Matches"))
    report.paragraph(_("Each participant’s strongest matches, best first: same group, same family, key words "
                       "in common."), 9.5, False, 5)
    report.ln(1)
    by_person: dict = {}
    for link in links:
        by_person.setdefault(link["authors"][0], []).append(link)
    name_w, line_h = 42, 4.6
    for person, found in by_person.items():
        ranked = sorted(found, key=lambda link: link.get("rank", 0))
        report.set_font("DejaVu", "B", 9)
        names = report.lines(view.name(person), name_w)
        report.set_font("DejaVu", "", 9)
        whys = report.lines(" · ".join(_why(view, link) for link in ranked), report.width - name_w)
        height = line_h * max(len(names), len(whys)) + 1.5
        if report.will_page_break(height):
            report.add_page()
        top = report.get_y()
        report.set_font("DejaVu", "B", 9)
        report.column(report.l_margin, top, name_w, line_h, names)
        report.set_font("DejaVu", "", 9)
        report.column(report.l_margin + name_w, top, report.width - name_w, line_h, whys)
        report.set_xy(report.l_margin, top + height)


#: The key words of a match the report shows (results.json has them all).
WORDS_SHOWN = 4


def _why(view, link: dict) -> str:
    """"Bruno (same group, words: jardin, voisin)": whom, and why."""
    _ = view._
    why = [_("same family")] if link.get("family_id") else []
    why += [_("same group")] if link.get("group_id") else []
    words = link.get("words") or []
    shown = ", ".join(words[:WORDS_SHOWN]) + (", …" if len(words) > WORDS_SHOWN else "")
    why += [_("words: {words}").format(words=shown)] if words else []
    return f"{view.name(link['authors'][1])} ({', '.join(why)})"


def pictures(view) -> dict[str, bytes]:
    """The wall as posters of NOTES_PER_PAGE notes each: `wall.png`, then `wall-2.png`… up to
    PAGES_MAX; the last says how many more commitments the report and wall.csv hold."""
    posts = shown_posts(view)
    pages = [posts[start:start + NOTES_PER_PAGE] for start in range(0, len(posts), NOTES_PER_PAGE)] or [[]]
    more = sum(len(page) for page in pages[PAGES_MAX:])
    pages = pages[:PAGES_MAX]
    return {("wall.png" if number == 1 else f"wall-{number}.png"):
            poster(view, page, number, len(pages), more if number == len(pages) else 0)
            for number, page in enumerate(pages, start=1)}


#: Notes on one poster (4 columns, 6 rows: 1920 × 2440 px at most): a page a person reads, printed
#: or on a screen, not one poster 45,000 px tall for a room of 500. At most PAGES_MAX posters
#: (144 notes, a few seconds on the box): the report and wall.csv hold every commitment.
COLUMNS, ROWS = 4, 6
NOTES_PER_PAGE = COLUMNS * ROWS
PAGES_MAX = 6


def poster(view, posts: list[dict], number: int = 1, pages: int = 1, more: int = 0) -> bytes:
    """One page of the commitments wall: sticky notes on a grid, 1920 px wide."""
    from PIL import Image

    columns, margin, gap, note_w, note_h = COLUMNS, 60, 40, 420, 320
    header = 220
    rows = (len(posts) + columns - 1) // columns
    height = max(1080, header + rows * (note_h + gap) + margin + (60 if more else 0))
    image = Image.new("RGB", (POSTER_WIDTH, height), "#f4f1ea")
    pen = paint.Pen(image)
    draw = pen.draw
    title_font, sub_font = paint.font(64, True), paint.font(34)
    heading = view._("Commitments wall")
    if pages > 1:
        heading += f" ({number}/{pages})"
    pen.text((margin, 50), heading, font=title_font, fill="#222222")
    pen.text((margin, 140), view.title(), font=sub_font, fill="#444444")
    if not posts:
        text = view._("No commitment yet.")
        font = paint.font(48)
        draw.text(((POSTER_WIDTH - draw.textlength(text, font=font)) / 2, height / 2), text, font=font, fill="#666666")
        return paint.png(image)
    text_font, name_font = paint.font(30), paint.font(24, True)
    measure = lambda s: pen.length(s, text_font)  # noqa: E731
    first = (number - 1) * NOTES_PER_PAGE  # the notes' colours go on from page to page
    for index, post in enumerate(posts):
        col, row = index % columns, index // columns
        x = margin + col * (note_w + gap)
        y = header + row * (note_h + gap)
        draw.rectangle([x + 6, y + 6, x + note_w + 6, y + note_h + 6], fill="#d8d2c4")
        draw.rectangle([x, y, x + note_w, y + note_h], fill=NOTE_COLORS[(first + index) % len(NOTE_COLORS)])
        family = view.families.get(post.get("family_id"))
        if family:
            draw.rectangle([x, y, x + note_w, y + 14], fill=family.get("color") or "#888888")
        if post.get("pinned"):
            draw.ellipse([x + note_w / 2 - 12, y - 10, x + note_w / 2 + 12, y + 14], fill="#c0392b")
        for n, line in enumerate(paint.wrap(measure, post["text"], note_w - 40, max_lines=6)):
            pen.text((x + 20, y + 30 + n * 38), line, font=text_font, fill="#1d1d1d")
        signature = view.name(post.get("author"))
        if family:
            signature += f" · {family['name']}"
        signature = paint.wrap(lambda s: pen.length(s, name_font), signature, note_w - 40, max_lines=1)[0]
        pen.text((x + 20, y + note_h - 44), signature, font=name_font, fill="#333333")
    if more:
        note = view._("…and %(count)d more commitments: every one is in the report and in wall.csv.") % {"count": more}
        pen.text((margin, height - margin - 40), note, font=sub_font, fill="#444444")
    return paint.png(image)
