"""The export bundle: every result of the workshop, for Excel, LibreOffice and the printer.

Three steps, so that an export while the workshop runs is consistent and never slows the room:

1. `collect(db, deck)` runs under the store's lock (`box.store.read`) and copies the data into
   plain lists and dicts: one consistent state, with its `seq`. Tokens never leave it; a contact
   leaves only with its owner's consent (`share_contact` when joining, or on a commitment for
   that commitment's line).
2. `build(data)` renders every file in memory, outside the lock: results.json, CSV files for
   French Excel (UTF-8 with BOM, `;`, formulas neutralised), results.xlsx, report.pdf, wall.png
   and one chart per vote.
3. `write_bundle(bundle, target)` puts the files on the stick under a temporary name, fsyncs each
   file and the folder, renames the folder to `kiosk-<slug>-<YYYYMMDD-HHMM>` and fsyncs the
   parent: the final name appears only over a complete bundle. A full, read-only or pulled-out
   stick is a `KioskError` with a sentence saying so; the partial folder is removed if it can be.

The box's own data is only ever read. `read_data_dir` loads it read-only for `kiosk export`
beside a running `kiosk serve`.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import re
import shutil
import threading
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Callable

from tinydb import TinyDB

from . import auth, snapshot, store, usb, votes
from .errors import N_, KioskError
from .tally import GRADES

FORMAT = 1
HERE = Path(__file__).resolve().parent
FONTS = HERE / "fonts"
FONT = FONTS / "DejaVuSans.ttf"
FONT_BOLD = FONTS / "DejaVuSans-Bold.ttf"
TRANSLATIONS = HERE / "translations"

# Tables that hold secrets (tokens, and answers that carry them) or nothing of the workshop.
EXCLUDED_TABLES = frozenset({"keys", "facilitator_sessions"})
SECRET_FIELDS = frozenset({"token"})
# A spreadsheet reads a cell starting with one of these as a formula (or a DDE call).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
POSTER_WIDTH = 1920

GRADE_LABELS = {
    "excellent": N_("Excellent"),
    "tres_bien": N_("Very good"),
    "bien": N_("Good"),
    "assez_bien": N_("Fairly good"),
    "passable": N_("Passable"),
    "insuffisant": N_("Insufficient"),
    "a_rejeter": N_("To reject"),
}
GRADE_COLORS = ("#1a7f37", "#4c9a2a", "#8db33a", "#c8b630", "#e59a2f", "#df6434", "#b8312f")
BAR_COLOR = "#2f6db5"
NOTE_COLORS = ("#fff4a8", "#ffd9a8", "#d4f2c4", "#cfe6ff", "#f6d3f0", "#e6e0ff")
BOARD_FIELDS = {"steps": N_("Steps"), "partners": N_("Partners"), "success": N_("Key success factors"),
                "blockers": N_("Blockers")}
REACTION_KINDS = {"positive": N_("Positive point"), "improve": N_("Way to improve")}

MESSAGES = {
    "target_missing": N_("There is no folder %(path)s to export to."),
    "target_full": N_("The USB stick is full: the export needs %(mb)d MB. Free some space or use another stick."),
    "target_read_only": N_("The USB stick is read-only (check its lock switch): nothing was written."),
    "target_removed": N_("The USB stick was removed or stopped answering during the export: plug it in again and export again."),
    "export_failed": N_("The export could not be written: %(reason)s."),
}


# --- Languages ------------------------------------------------------------------------------------

def translator(lang: str) -> Callable[[str], str]:
    """`gettext` for the workshop's language, without Flask (the CLI has no request)."""
    from babel.support import Translations

    return Translations.load(str(TRANSLATIONS), [lang], domain="messages").gettext


def message(error: KioskError, lang: str) -> str:
    """A refusal as one sentence in `lang`."""
    _ = translator(lang)
    values = {k: _(v) if isinstance(v, str) else v for k, v in error.values.items()}
    text = _(error.message)
    return text % values if values else text


# --- 1. One consistent copy of the data ------------------------------------------------------------

def _scrub(value, allowed_contacts: set[str]):
    """A deep copy without tokens, and without any contact its owner did not agree to share."""
    if isinstance(value, dict):
        clean = {}
        for key, item in value.items():
            if key in SECRET_FIELDS:
                continue
            if key == "contact" and isinstance(item, str) and item and item not in allowed_contacts:
                continue
            clean[str(key)] = _scrub(item, allowed_contacts)
        return clean
    if isinstance(value, (list, tuple)):
        return [_scrub(item, allowed_contacts) for item in value]
    return value


def _vote(db: TinyDB, doc) -> dict:
    results = doc["results"] if doc["status"] == "closed" else votes.tally(db, doc)
    view = votes.public(db, doc)
    return {**view, "opened": doc.get("opened"), "closed": doc.get("closed"), "results": results}


def collect(db: TinyDB, deck) -> dict:
    """Everything of the workshop as plain data (run it under the store's lock)."""
    state = snapshot.state_for(db, deck, auth.Actor(auth.FACILITATOR))
    state.pop("role", None)
    people = db.table("participants").all()
    consented = {doc.doc_id for doc in people if doc.get("share_contact") and doc.get("contact")}
    contact_of = {doc.doc_id: doc.get("contact") or "" for doc in people}
    participants = [{"id": doc.doc_id, "name": doc["name"],
                     "contact": contact_of[doc.doc_id] if doc.doc_id in consented else "",
                     "share_contact": doc.doc_id in consented, "joined_at": doc.get("joined_at")}
                    for doc in people]
    posts = [{**post, "contact": contact_of.get(post.get("author"), "") if post.get("share_contact") else ""}
             for post in state.get("posts", [])]
    allowed = {contact_of[p] for p in consented} | {post["contact"] for post in posts if post["contact"]}
    tables = {name: [{"id": doc.doc_id, **doc} for doc in db.table(name).all()]
              for name in sorted(db.tables()) if name not in EXCLUDED_TABLES and name != "participants"}
    tables["participants"] = participants
    data = {**state, "participants": participants, "posts": posts,
            "votes": [_vote(db, doc) for doc in db.table("votes").all()], "tables": tables}
    return _scrub(data, allowed)


def read_data_dir(data_dir: str | os.PathLike, deck) -> dict:
    """`collect` on a data directory, read-only: works beside a running `kiosk serve`."""
    path = Path(data_dir) / "kiosk.json"
    raw = store.load_read_only(path)
    if raw is None:
        raise KioskError("no_data", N_("No workshop data in %(path)s."), path=str(data_dir))
    db = TinyDB(storage=store.DurableStorage, data=raw)
    return collect(db, deck)


# --- 2. The files, in memory -------------------------------------------------------------------------

@dataclass
class Bundle:
    """The export's folder name and its files (name → bytes), in writing order."""

    name: str
    files: dict[str, bytes] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(len(data) for data in self.files.values())


def slug(text: str, fallback: str = "atelier") -> str:
    """A folder-name-safe form of a title: "L’été à Briançon" → "l-ete-a-briancon"."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-")
    return text or fallback


_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})


def neutralise(value) -> str:
    """A cell's text that no spreadsheet runs as a formula: a leading = + - @ tab or CR gets a '."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


class _View:
    """Lookups over the collected data, and the texts in the workshop's language."""

    def __init__(self, data: dict):
        self.data = data
        self.lang = (data.get("workshop") or {}).get("lang") or "fr"
        self._ = translator(self.lang)
        self.people = {p["id"]: p for p in data.get("participants", [])}
        self.issues = {i["id"]: i for i in data.get("issues", [])}
        self.groups = {g["id"]: g for g in data.get("groups", [])}
        deck = data.get("deck") or {}
        self.families = {f["id"]: f for f in deck.get("families", [])}
        self.cards = {c["id"]: (c, f) for f in deck.get("families", []) for c in f.get("cards", [])}
        self.group_of = {m: g for g in data.get("groups", []) for m in g.get("members", [])}
        self.claims = {fid: list(pids) for fid, pids in (data.get("claims") or {}).items()}

    def name(self, participant_id) -> str:
        person = self.people.get(participant_id)
        return person["name"] if person else ("" if participant_id is None else f"#{participant_id}")

    def issue(self, issue_id) -> str:
        issue = self.issues.get(issue_id)
        return issue["text"] if issue else f"#{issue_id}"

    def group_name(self, group_id) -> str:
        group = self.groups.get(group_id)
        return group["name"] if group else ""

    def family_name(self, family_id) -> str:
        family = self.families.get(family_id)
        return family["name"] if family else (family_id or "")

    def labelled(self, label: str, value) -> str:
        """"Label: value", with the language's typography (French puts a space before the colon)."""
        return self._("%(label)s: %(value)s") % {"label": label, "value": value}

    def yes_no(self, flag) -> str:
        return self._("yes") if flag else self._("no")

    def method(self, vote) -> str:
        return self._("Dot voting") if vote["method"] == "dots" else self._("Majority judgment")

    def grade(self, grade) -> str:
        return self._(GRADE_LABELS[grade]) if grade in GRADE_LABELS else ""

    def families_of(self, participant_id) -> list[str]:
        return [self.family_name(fid) for fid, pids in self.claims.items() if participant_id in pids]

    def title(self) -> str:
        return (self.data.get("workshop") or {}).get("title") or self._("Workshop")

    def shown_posts(self) -> list[dict]:
        return list(self.data.get("wall") or [])

    def reaction_kind(self, kind) -> str:
        return self._(REACTION_KINDS[kind]) if kind in REACTION_KINDS else (kind or "")

    def reactions(self) -> list[tuple[dict, list[dict]]]:
        """Each group with the reactions to its report-back that stayed on the wall."""
        shown = [r for r in self.data.get("reactions") or [] if not r.get("hidden")]
        return [(g, [r for r in shown if r.get("group_id") == g["id"]]) for g in self.data.get("groups", [])
                if any(r.get("group_id") == g["id"] for r in shown)]

    def boards(self) -> list[tuple[dict, list[dict]]]:
        boards = self.data.get("boards") or {}
        return [(g, boards.get(str(g["id"])) or []) for g in self.data.get("groups", [])
                if boards.get(str(g["id"]))]


@dataclass
class Table:
    """One activity as rows: a CSV file and a sheet of the workbook."""

    file: str
    sheet: str
    headers: list[str]
    rows: list[list]


def tables(view: _View) -> list[Table]:
    _ = view._
    data = view.data
    people = data.get("participants", [])
    result = [Table("participants.csv", _("Participants"),
                    [_("Id"), _("First name"), _("Group"), _("Secretary"), _("Expert families"), _("Contact")],
                    [[p["id"], p["name"], view.group_name((view.group_of.get(p["id"]) or {}).get("id")),
                      view.yes_no((view.group_of.get(p["id"]) or {}).get("secretary") == p["id"]),
                      ", ".join(view.families_of(p["id"])), p.get("contact") or ""] for p in people])]

    def status(issue):
        if issue.get("merged_into"):
            return _("merged into #%(id)s") % {"id": issue["merged_into"]}
        return _("hidden") if issue.get("hidden") else _("shown")

    result.append(Table("issues.csv", _("Issues"), [_("Id"), _("Issue"), _("Proposed by"), _("Status")],
                        [[i["id"], i["text"], view.name(i["author"]) if i.get("author") is not None
                          else _("facilitator"), status(i)] for i in data.get("issues", [])]))

    rows = []
    for number, vote in enumerate(data.get("votes", []), start=1):
        for r in vote["results"]:
            grades = r.get("grades") or {}
            rows.append([number, view.method(vote), _("closed") if vote["status"] == "closed" else _("open"),
                         r["rank"], r["issue_id"], view.issue(r["issue_id"]), r.get("dots", ""),
                         view.grade(r.get("median")), *[grades.get(g, "") if grades else "" for g in GRADES]])
    result.append(Table("votes.csv", _("Votes"),
                        [_("Vote"), _("Method"), _("Status"), _("Rank"), _("Issue id"), _("Issue"), _("Dots"),
                         _("Median grade"), *[view.grade(g) for g in GRADES]], rows))

    rows = []
    for g in data.get("groups", []):
        members = g.get("members") or [None]
        for member in members:
            rows.append([g["id"], g["name"], view.issue(g["issue_id"]), view.name(member),
                         view.yes_no(member is not None and member == g.get("secretary"))])
    result.append(Table("groups.csv", _("Groups"), [_("Id"), _("Group"), _("Issue"), _("Member"), _("Secretary")], rows))

    rows = []
    for family in (data.get("deck") or {}).get("families", []):
        experts = view.claims.get(family["id"], [])
        rows.append([family["name"], len(family.get("cards", [])), len(experts),
                     ", ".join(view.name(p) for p in experts)])
    result.append(Table("families.csv", _("Expert families"),
                        [_("Family"), _("Cards"), _("Number of experts"), _("Experts")], rows))

    rows = []
    for group, board in view.boards():
        for priority, item in enumerate(board, start=1):
            card, family = view.cards.get(item.get("card_id"), ({"title": item.get("card_id")}, {}))
            rows.append([group["name"], priority, card["title"], family.get("name", ""),
                         *[item.get(name, "") for name in BOARD_FIELDS]])
    result.append(Table("boards.csv", _("Group boards"),
                        [_("Group"), _("Priority"), _("Card"), _("Family"), *[_(t) for t in BOARD_FIELDS.values()]],
                        rows))

    rows = [[r["id"], view.group_name(r.get("group_id")), view.reaction_kind(r.get("kind")), r["text"],
             view.name(r.get("author")), _("hidden") if r.get("hidden") else _("shown")]
            for r in data.get("reactions", [])]
    result.append(Table("reactions.csv", _("Report-back reactions"),
                        [_("Id"), _("Group"), _("Kind"), _("Reaction"), _("Author"), _("Status")], rows))

    states = {"shown": _("shown"), "pending": _("waiting for approval"), "hidden": _("hidden")}
    rows = [[p["id"], p["text"], view.name(p.get("author")), view.group_name(p.get("group_id")),
             view.family_name(p.get("family_id")) if p.get("family_id") else "",
             states.get(p.get("status"), p.get("status") or ""), view.yes_no(p.get("pinned")), p.get("contact") or ""]
            for p in data.get("posts", [])]
    result.append(Table("wall.csv", _("Commitments wall"),
                        [_("Id"), _("Commitment"), _("Author"), _("Group"), _("Family"), _("Status"), _("Pinned"),
                         _("Contact")], rows))

    rows = [[view.name(a), view.name(b)] for a, b, *_rest in (data.get("buddies") or [])]
    result.append(Table("buddies.csv", _("Motivation buddies"), [_("Participant"), _("Buddy")], rows))

    rows = [[p["name"], p["contact"], view.group_name((view.group_of.get(p["id"]) or {}).get("id"))]
            for p in people if p.get("share_contact") and p.get("contact")]
    result.append(Table("contacts.csv", _("Contacts"), [_("First name"), _("Contact"), _("Group")], rows))
    return result


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in table.headers])
    for row in table.rows:
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(all_tables: list[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    used = set()
    bold = Font(bold=True)
    for table in all_tables:
        title = re.sub(r"[\[\]:*?/\\]", " ", table.sheet)[:31].strip() or table.file
        while title in used:
            title = title[:28] + f" {len(used)}"
        used.add(title)
        sheet = book.create_sheet(title)
        widths = [len(str(h)) for h in table.headers]
        for row_index, row in enumerate([table.headers, *table.rows], start=1):
            for col_index, value in enumerate(row, start=1):
                cell = sheet.cell(row=row_index, column=col_index)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    cell.value = value
                else:
                    text = ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))
                    cell.value = text
                    cell.data_type = "s"  # text, always: a cell starting with = is never a formula
                    if text.startswith(FORMULA_START):
                        cell.quotePrefix = True  # and stays text when someone edits it
                if row_index == 1:
                    cell.font = bold
                longest = max((len(line) for line in str(value if value is not None else "").split("\n")), default=0)
                widths[col_index - 1] = max(widths[col_index - 1], longest)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- Pictures (Pillow) ---------------------------------------------------------------------------

def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    return ImageFont.truetype(str(FONT_BOLD if bold else FONT), size)


def _wrap(measure: Callable[[str], float], text: str, width: float, max_lines: int | None = None) -> list[str]:
    """Lines of `text` no wider than `width` (words cut when they must be), an ellipsis when cut short."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if measure(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while measure(word) > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and measure(word[:cut]) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and measure(last + "…") > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def _png(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def vote_chart(view: _View, vote: dict, number: int) -> bytes:
    """A bar chart of one vote: dots per issue, or each issue's grades stacked (majority judgment)."""
    from PIL import Image, ImageDraw

    width, label_w, pad, row_h = 1600, 620, 40, 86
    results = vote["results"]
    legend_h = 70 if vote["method"] == "majority" else 0
    height = 130 + legend_h + max(1, len(results)) * row_h + pad
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    title_font, text_font, small = _font(40, True), _font(26), _font(22)
    status = view._("closed") if vote["status"] == "closed" else view._("open")
    draw.text((pad, 30), f"{view._('Vote')} {number} · {view.method(vote)} ({status})", font=title_font, fill="black")
    top = 110
    if legend_h:
        x = pad
        for grade, color in zip(GRADES, GRADE_COLORS):
            draw.rectangle([x, top + 8, x + 26, top + 34], fill=color)
            label = view.grade(grade)
            draw.text((x + 34, top + 8), label, font=small, fill="black")
            x += 34 + draw.textlength(label, font=small) + 30
        top += legend_h
    bar_x, bar_w = pad + label_w + 20, width - pad * 2 - label_w - 20 - 110
    most = max([r.get("dots", 0) for r in results] + [1])
    for index, r in enumerate(results):
        y = top + index * row_h
        lines = _wrap(lambda s: draw.textlength(s, font=text_font), f"{r['rank']}. {view.issue(r['issue_id'])}",
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
            draw.text((bar_x + bar_w + 12, y + 22), view.grade(r.get("median")), font=small, fill="black")
    return _png(image)


def wall_poster(view: _View) -> bytes:
    """The commitments wall as a poster: sticky notes on a grid, at least 1920 px wide."""
    from PIL import Image, ImageDraw

    posts = view.shown_posts()
    columns, margin, gap, note_w, note_h = 4, 60, 40, 420, 320
    header = 220
    rows = (len(posts) + columns - 1) // columns
    height = max(1080, header + rows * (note_h + gap) + margin)
    image = Image.new("RGB", (POSTER_WIDTH, height), "#f4f1ea")
    draw = ImageDraw.Draw(image)
    title_font, sub_font = _font(64, True), _font(34)
    draw.text((margin, 50), view._("Commitments wall"), font=title_font, fill="#222222")
    draw.text((margin, 140), view.title(), font=sub_font, fill="#444444")
    if not posts:
        text = view._("No commitment yet.")
        font = _font(48)
        draw.text(((POSTER_WIDTH - draw.textlength(text, font=font)) / 2, height / 2), text, font=font, fill="#666666")
        return _png(image)
    text_font, name_font = _font(30), _font(24, True)
    measure = lambda s: draw.textlength(s, font=text_font)  # noqa: E731
    for index, post in enumerate(posts):
        col, row = index % columns, index // columns
        x = margin + col * (note_w + gap)
        y = header + row * (note_h + gap)
        draw.rectangle([x + 6, y + 6, x + note_w + 6, y + note_h + 6], fill="#d8d2c4")
        draw.rectangle([x, y, x + note_w, y + note_h], fill=NOTE_COLORS[index % len(NOTE_COLORS)])
        family = view.families.get(post.get("family_id"))
        if family:
            draw.rectangle([x, y, x + note_w, y + 14], fill=family.get("color") or "#888888")
        if post.get("pinned"):
            draw.ellipse([x + note_w / 2 - 12, y - 10, x + note_w / 2 + 12, y + 14], fill="#c0392b")
        for n, line in enumerate(_wrap(measure, post["text"], note_w - 40, max_lines=6)):
            draw.text((x + 20, y + 30 + n * 38), line, font=text_font, fill="#1d1d1d")
        signature = view.name(post.get("author"))
        if family:
            signature += f" · {family['name']}"
        signature = _wrap(lambda s: draw.textlength(s, font=name_font), signature, note_w - 40, max_lines=1)[0]
        draw.text((x + 20, y + note_h - 44), signature, font=name_font, fill="#333333")
    return _png(image)


# --- The printable report (fpdf2) ----------------------------------------------------------------

def add_fonts(pdf) -> None:
    """DejaVu Sans, regular and bold, as the family "DejaVu": every accent prints (kiosk.tents too)."""
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))


def report_pdf(view: _View, exported: datetime) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    _ = view._
    data = view.data
    exported_on = _("Exported on %(date)s") % {"date": exported.strftime("%Y-%m-%d %H:%M")}
    footer_text = f"{view.title()} · {exported_on}"

    class Report(FPDF):
        def footer(self):
            self.set_y(-12)
            self.set_font("DejaVu", "", 8)
            self.set_text_color(110)
            self.cell(0, 6, f"{footer_text} · {self.page_no()}/{{nb}}", align="C")
            self.set_text_color(0)

    pdf = Report(orientation="P", unit="mm", format="A4")
    add_fonts(pdf)
    pdf.set_title(view.title())
    pdf.set_creator("Kiosk")
    pdf.set_lang(view.lang)
    pdf.set_margins(18, 18, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.epw

    def line(text, size=10.5, bold=False, height=None, indent=0.0):
        pdf.set_font("DejaVu", "B" if bold else "", size)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(width - indent, height or size * 0.5, str(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def heading(text):
        if pdf.will_page_break(30):
            pdf.add_page()
        pdf.ln(4)
        line(text, 15, True, 8)
        pdf.set_draw_color(180)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
        pdf.ln(2)

    def fill(color):
        pdf.set_fill_color(*_rgb(color))

    workshop = data.get("workshop") or {}
    line(_("Results of the workshop"), 11, False, 6)
    line(view.title(), 22, True, 11)
    facts = [(_("Date"), workshop.get("date")), (_("Territory"), workshop.get("territory")),
             (_("Participants"), str(len(data.get("participants", []))))]
    for label, value in facts:
        if value:
            line(view.labelled(label, value), 11, False, 6)

    shown = [i for i in data.get("issues", []) if not i.get("hidden")]
    if shown:
        heading(_("Issues"))
        for n, issue in enumerate(shown, start=1):
            line(f"{n}. {issue['text']}", 10.5, False, 5.5)

    label_w, bar_w = width * 0.45, width * 0.43
    for number, vote in enumerate(data.get("votes", []), start=1):
        if not vote["results"]:
            continue
        status = _("closed") if vote["status"] == "closed" else _("open")
        heading(f"{_('Vote')} {number} · {view.method(vote)} ({status})")
        if vote["method"] == "majority":
            pdf.set_font("DejaVu", "", 8)
            for grade, color in zip(GRADES, GRADE_COLORS):
                fill(color)
                pdf.rect(pdf.get_x(), pdf.get_y() + 1, 3, 3, style="F")
                pdf.set_x(pdf.get_x() + 4)
                pdf.cell(pdf.get_string_width(view.grade(grade)) + 4, 5, view.grade(grade))
            pdf.ln(7)
        most = max([r.get("dots", 0) for r in vote["results"]] + [1])
        for r in vote["results"]:
            pdf.set_font("DejaVu", "", 9.5)
            text = f"{r['rank']}. {view.issue(r['issue_id'])}"
            lines = pdf.multi_cell(label_w, 5, text, dry_run=True, output="LINES")
            row_h = max(8, 5 * len(lines) + 2)
            if pdf.will_page_break(row_h):
                pdf.add_page()
            top = pdf.get_y()
            pdf.multi_cell(label_w, 5, text, new_x=XPos.RIGHT, new_y=YPos.TOP)
            x = pdf.l_margin + label_w + 3
            if vote["method"] == "dots":
                length = bar_w * r.get("dots", 0) / most
                fill(BAR_COLOR)
                if length:
                    pdf.rect(x, top + 1, length, 4.5, style="F")
                pdf.set_xy(x + length + 1.5, top)
                pdf.cell(15, 6, str(r.get("dots", 0)))
            else:
                grades = r.get("grades") or {}
                total = sum(grades.values())
                cursor = x
                for grade, color in zip(GRADES, GRADE_COLORS):
                    part = bar_w * grades.get(grade, 0) / total if total else 0
                    if part:
                        fill(color)
                        pdf.rect(cursor, top + 1, part, 4.5, style="F")
                    cursor += part
                pdf.set_draw_color(0)
                pdf.line(x + bar_w / 2, top, x + bar_w / 2, top + 6.5)
                pdf.set_xy(x + bar_w + 1.5, top)
                pdf.set_font("DejaVu", "", 7.5)
                pdf.multi_cell(width - label_w - bar_w - 4.5, 3.5, view.grade(r.get("median")))
            pdf.set_xy(pdf.l_margin, top + row_h)

    groups = data.get("groups", [])
    if groups:
        heading(_("Groups"))
        for group in groups:
            line(group["name"], 11, True, 6)
            secretary = group.get("secretary")
            line(view.labelled(_("Secretary"), view.name(secretary) if secretary is not None else "—"),
                 9.5, False, 5, indent=4)
            members = ", ".join(view.name(m) for m in group.get("members", [])) or "—"
            line(members, 9.5, False, 5, indent=4)
            pdf.ln(1.5)

    families = (data.get("deck") or {}).get("families", [])
    if families and any(view.claims.get(f["id"]) for f in families):
        heading(_("Expert families"))
        for family in families:
            experts = ", ".join(view.name(p) for p in view.claims.get(family["id"], [])) or "—"
            if pdf.will_page_break(6):
                pdf.add_page()
            fill(family.get("color") or "#888888")
            pdf.rect(pdf.l_margin, pdf.get_y() + 1, 3.5, 3.5, style="F")
            line(view.labelled(family["name"], experts), 9.5, False, 5.5, indent=6)

    boards = view.boards()
    if boards:
        heading(_("Group boards"))
        for group, board in boards:
            line(group["name"], 11, True, 6)
            for priority, item in enumerate(board, start=1):
                card, family = view.cards.get(item.get("card_id"), ({"title": item.get("card_id")}, {}))
                suffix = f" ({family['name']})" if family.get("name") else ""
                line(f"{priority}. {card['title']}{suffix}", 9.5, True, 5, indent=4)
                for name, label in BOARD_FIELDS.items():
                    if item.get(name):
                        line(view.labelled(_(label), item[name]), 9, False, 4.6, indent=9)
            pdf.ln(1.5)

    reactions = view.reactions()
    if reactions:
        heading(_("Report-back reactions"))
        for group, items in reactions:
            line(group["name"], 11, True, 6)
            for kind in REACTION_KINDS:
                for item in (r for r in items if r.get("kind") == kind):
                    line(view.labelled(view.reaction_kind(kind), item["text"]), 9.5, False, 5, indent=4)
            pdf.ln(1.5)

    posts = view.shown_posts()
    heading(_("Commitments wall"))
    if not posts:
        line(_("No commitment yet."), 10, False, 5.5)
    for post in posts:
        who = view.name(post.get("author"))
        extra = [view.group_name(post.get("group_id")), view.family_name(post.get("family_id"))
                 if post.get("family_id") else ""]
        line(post["text"], 10, False, 5.2)
        line(" · ".join([who, *[e for e in extra if e]]), 8.5, True, 4.5, indent=4)
        pdf.ln(1.5)

    pairs = data.get("buddies") or []
    links = data.get("matches") or []
    if pairs:
        heading(_("Motivation buddies"))
        for pair in pairs:
            line(" ↔ ".join(view.name(p) for p in pair), 10, False, 5.5)
    if links:
        heading(_("Matches"))
        by_id = {p["id"]: p for p in data.get("posts", [])}
        for link in links:
            a, b = (by_id.get(i, {"text": f"#{i}", "author": None}) for i in link.get("posts", [])[:2])
            line(f"{view.name(a.get('author'))} ↔ {view.name(b.get('author'))}", 9.5, True, 5)
            for post in (a, b):
                line(_("“%(text)s”") % {"text": post["text"]}, 9, False, 4.6, indent=4)
            contacts = [view.labelled(view.name(p.get("author")), p["contact"]) for p in (a, b) if p.get("contact")]
            if contacts:
                line(" · ".join(contacts), 8.5, False, 4.5, indent=4)
            pdf.ln(1)
    return bytes(pdf.output())


# --- The bundle -------------------------------------------------------------------------------------

def build(data: dict, now: datetime | None = None) -> Bundle:
    """Every file of the export, rendered in memory from `collect`'s data."""
    now = now or datetime.now().astimezone()
    view = _View(data)
    folder = f"kiosk-{slug(view.data.get('workshop', {}).get('title') or '', slug(view._('Workshop')))}-" \
             f"{now.strftime('%Y%m%d-%H%M')}"
    bundle = Bundle(folder)
    results = {"kiosk_export": FORMAT, "exported_at": now.isoformat(timespec="seconds"), **data}
    bundle.files["results.json"] = json.dumps(results, ensure_ascii=False, indent=2).encode("utf-8")
    all_tables = tables(view)
    for table in all_tables:
        bundle.files[table.file] = to_csv(table)
    bundle.files["results.xlsx"] = to_xlsx(all_tables)
    bundle.files["report.pdf"] = report_pdf(view, now)
    bundle.files["wall.png"] = wall_poster(view)
    for number, vote in enumerate(data.get("votes", []), start=1):
        bundle.files[f"vote-{number}.png"] = vote_chart(view, vote, number)
    return bundle


def zip_bytes(bundle: Bundle) -> bytes:
    """The bundle as a zip file holding its folder."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in bundle.files.items():
            archive.writestr(f"{bundle.name}/{name}", content)
    return out.getvalue()


# --- 3. Onto the stick ------------------------------------------------------------------------------

FULL = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
READ_ONLY = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
GONE = frozenset({errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOTDIR, errno.ESTALE,
                  errno.ENOTCONN, errno.ESHUTDOWN})
# Filesystems that cannot fsync a directory say so; the files themselves were synced.
NO_DIR_SYNC = frozenset({errno.EINVAL, errno.ENOTSUP, errno.EBADF})


def _write_file(path: Path, content: bytes) -> None:
    """Write one file of the bundle and sync it (tests replace this to fail midway)."""
    with open(path, "xb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_dir(directory: Path) -> None:
    try:
        store._fsync_dir(directory)
    except OSError as exc:
        if exc.errno not in NO_DIR_SYNC:
            raise


def _full(needed: int) -> KioskError:
    return KioskError("target_full", MESSAGES["target_full"], mb=max(1, -(-needed // 1_000_000)))


def failure(exc: OSError, needed: int) -> KioskError:
    """The sentence for what the stick did: full, read-only, pulled out, or anything else."""
    code = exc.errno
    if code in FULL:
        return _full(needed)
    if code in READ_ONLY:
        return KioskError("target_read_only", MESSAGES["target_read_only"])
    if code in GONE:
        return KioskError("target_removed", MESSAGES["target_removed"])
    return KioskError("export_failed", MESSAGES["export_failed"], reason=exc.strerror or str(exc))


def _final_path(target: Path, name: str) -> Path:
    final, n = target / name, 2
    while os.path.lexists(final):
        final, n = target / f"{name}-{n}", n + 1
    return final


def write_bundle(bundle: Bundle, target: str | os.PathLike) -> Path:
    """Write the bundle into `target`; return its folder. All or nothing under the final name."""
    target = Path(target)
    if not target.is_dir():
        raise KioskError("target_missing", MESSAGES["target_missing"], path=str(target))
    # A FAT stick rounds every file up to its cluster (32 kB at most): count that.
    needed = bundle.size + 32 * 1024 * (len(bundle.files) + 1)
    try:
        free = usb.free_bytes(target)
    except OSError as exc:
        raise failure(exc, needed) from exc
    if free < needed:
        raise _full(needed)
    partial = target / f".{bundle.name}-partial"
    final = None
    try:
        if os.path.lexists(partial):  # left by an export whose stick was pulled out
            shutil.rmtree(partial)
        os.mkdir(partial)
        for name, content in bundle.files.items():
            _write_file(partial / name, content)
        _sync_dir(partial)
        final = _final_path(target, bundle.name)
        os.rename(partial, final)
        _sync_dir(target)
    except OSError as exc:
        shutil.rmtree(partial, ignore_errors=True)
        if final is not None:
            shutil.rmtree(final, ignore_errors=True)
        raise failure(exc, needed) from exc
    return final


_busy = threading.Lock()


def _one_at_a_time(work: Callable):
    """Run one export at a time (a double click must not make two writers of one folder)."""
    if not _busy.acquire(blocking=False):
        raise KioskError("busy", N_("An export is already under way: wait until it ends."))
    try:
        return work()
    finally:
        _busy.release()


def export_box(box, target: str | os.PathLike) -> Path:
    """Export a running box's workshop into `target`.

    The data is copied under the store's lock (one consistent state); rendering and the slow
    writes to the stick run off the event loop, while the room goes on.
    """
    def work():
        data = box.store.read(lambda db: collect(db, box.deck))
        return store._run_blocking(lambda: write_bundle(build(data), target))

    return _one_at_a_time(work)


def zip_box(box) -> tuple[str, bytes]:
    """The same bundle as a zip file: (file name, bytes)."""
    def work():
        data = box.store.read(lambda db: collect(db, box.deck))
        bundle = store._run_blocking(build, data)
        return f"{bundle.name}.zip", store._run_blocking(zip_bytes, bundle)

    return _one_at_a_time(work)


# --- `kiosk export` --------------------------------------------------------------------------------

def _load_deck(name: str):
    from . import decks
    from .app import ROOT

    try:
        return decks.load_deck(decks.find_deck(name, ROOT / "decks"))
    except Exception:  # a deck that moved away must not stop the export: families show their ids
        return None


def choose_target(drives: list) -> str:
    """The only mounted stick, or a refusal naming what was found."""
    if not drives:
        raise KioskError("no_stick", N_("No USB stick found: plug one in and wait until it is mounted, "
                                        "or give a folder with --to."))
    if len(drives) > 1:
        raise KioskError("several_sticks", N_("Several USB sticks are plugged in (%(sticks)s): choose one with --to."),
                         sticks=", ".join(drive.path for drive in drives))
    return drives[0].path


def run_cli(data_dir: str | None, to: str | None, out=None, err=None) -> int:
    """`kiosk export [--data DIR] [--to DIR]`: print the bundle's path, or one line and exit 1."""
    import sys

    from .settings import load_settings

    out, err = out or sys.stdout, err or sys.stderr
    lang = "fr"
    try:
        config = load_settings({"data": data_dir})
        lang = config["lang"]
        data = read_data_dir(config["data"], _load_deck(config["deck"]))
        lang = (data.get("workshop") or {}).get("lang") or lang
        if to:
            target = Path(to)
            try:
                target.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise failure(exc, 0) from exc
        else:
            target = choose_target(usb.find_drives())
        path = write_bundle(build(data), target)
    except KioskError as error:
        print(f"kiosk export: {message(error, lang)}", file=err)
        return 1
    except Exception as exc:  # what the code did not foresee (the XLSX writer's "File too large"…): one line
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        error = KioskError("export_failed", MESSAGES["export_failed"], reason=reason)
        print(f"kiosk export: {message(error, lang)}", file=err)
        return 1
    print(path, file=out)
    return 0
