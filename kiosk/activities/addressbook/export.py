"""The address book in the export: `address-book.vcf` (vCard 4.0) and `address-book.csv`, a sheet of
`results.xlsx`, and in `report.pdf` the organisations present, never a contact detail.

Every file holds only the cards whose owners ticked "in the report", and the useful contacts:
`results` replaces the snapshot's `addressbook` (the room's cards) with exactly those, and the
cards' table is private (`Activity.private_tables`), so results.json holds nothing more.
"""

from __future__ import annotations

from ...export import absentees as page
from ...export.sheets import Table
from . import domain

VCF, CSV = "address-book.vcf", "address-book.csv"


def results(db) -> dict:
    """`results.json`'s `addressbook`: the cards ticked "in the report" and the useful contacts,
    the counts, and the organisations present."""
    filled, consents = domain.counts(db)
    return {"addressbook": {"cards": domain.cards(db, "report"), "filled": filled, "consents": consents,
                            "organisations": domain.organisations(db)}}


def _book(view) -> dict:
    return view.data.get("addressbook") or {"cards": [], "organisations": [], "filled": 0}


def _used(view) -> bool:
    """A workshop that never used the address book gets none of its files or sections."""
    book = _book(view)
    return bool(book.get("filled") or book["cards"])


def _kind(view, card) -> str:
    return view._("Participant") if card["kind"] == "participant" else view.label(domain.KIND_LABELS, card["kind"])


def sheets(view) -> list[Table]:
    if not _used(view):
        return []
    _ = view._
    headers = [_("Kind"), _("Name"), _("Structure"), _("Role"), _("E-mail"), _("Phone"), _("Website"),
               _("What I bring"), _("What I seek")]
    rows = [[_kind(view, c), c["name"], c["structure"], c["role"], c["email"], c["phone"], c["website"], c["bring"],
             c["seek"]] for c in _book(view)["cards"]]
    return [Table(CSV, _("Address book"), headers, rows)]


def pdf(report, view) -> None:
    """The organisations present and the count of cards: no name with a contact, no e-mail, no phone."""
    if not _used(view):
        return
    _ = view._
    book = _book(view)
    report.heading(_("Address book"))
    people = sum(1 for c in book["cards"] if c["kind"] == "participant")
    useful = len(book["cards"]) - people
    report.paragraph(view.labelled(_("Cards in the exported address book"), people) + " · "
                     + view.labelled(_("Useful contacts"), useful), 10.5, False, 5.5)
    report.paragraph(view.labelled(_("Organisations present"), ", ".join(book.get("organisations") or []) or "—"),
                     10.5, False, 5.5)


def files(view) -> dict[str, bytes]:
    return {VCF: vcards(_book(view)["cards"], view._)} if _used(view) else {}


# --- vCard 4.0 (RFC 6350) -------------------------------------------------------------------------

def escape(value: str) -> str:
    r"""A property value's text (RFC 6350 §3.4): \ , ; and newlines escaped."""
    return (value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> bytes:
    """A content line in UTF-8, folded at 75 octets (RFC 6350 §3.2) without cutting a character:
    each continuation starts with one space; CRLF ends every physical line."""
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while end > start and (data[end] & 0xC0) == 0x80:  # not inside a multi-byte character
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # a continuation line's leading space counts
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def vcard(card: dict, _) -> bytes:
    """One card: FN (the person, or the organisation for a useful contact), ORG, TITLE, EMAIL, TEL,
    URL, NOTE (what they bring and seek)."""
    lines = ["BEGIN:VCARD", "VERSION:4.0"]
    if card["kind"] == "participant":
        lines += [f"FN:{escape(card['name'])}"]
    else:
        lines += ["KIND:org", f"FN:{escape(card['structure'])}"]
    if card["structure"]:
        # ORG is a structured value (organisation;unit): the name's own ; and , are escaped.
        lines.append(f"ORG:{escape(card['structure'])}" + (f";{escape(card['role'])}" if card["kind"] != "participant" and card["role"] else ""))
    if card["role"] and card["kind"] == "participant":
        lines.append(f"TITLE:{escape(card['role'])}")
    if card["email"]:
        lines.append(f"EMAIL;TYPE=work:{escape(card['email'])}")
    if card["phone"]:
        lines.append(f"TEL;VALUE=text;TYPE=work,voice:{escape(card['phone'])}")
    if card["website"]:
        website = card["website"] if "://" in card["website"] else "https://" + card["website"]
        lines.append(f"URL:{website}")
    labels = (_("What I bring"), _("What I seek")) if card["kind"] == "participant" else (_("What they offer"), "")
    note = "\n".join(f"{label}: {text}" for label, text in zip(labels, (card["bring"], card["seek"])) if text)
    if note:
        lines.append(f"NOTE:{escape(note)}")
    lines.append("END:VCARD")
    return b"".join(fold(line) for line in lines)


def vcards(cards: list[dict], _) -> bytes:
    return b"".join(vcard(card, _) for card in cards)


def absentees_data(db) -> dict:
    """What only absentees.html shows: the cards whose owners ticked "sent to those who could not
    come", and the useful contacts."""
    return {"cards": domain.cards(db, "absentees")}


def absentees(view):
    """The section of absentees.html: the organisations present, then the cards meant for those absent."""
    if not _used(view):
        return None
    cards = (view.for_absentees("addressbook") or {}).get("cards", [])
    return page.section(view, "activities/addressbook/absentees.html", cards=cards,
                        organisations=_book(view).get("organisations", []))
