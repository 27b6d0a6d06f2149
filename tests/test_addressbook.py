"""The address book: cards with a consent per use, useful contacts limited to organisations, and
consent honoured in every file of the export."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest
from conftest import events, refused
from pypdf import PdfReader
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import export, workshop
from kiosk.activities.addressbook import domain as book
from kiosk.activities.addressbook import export as book_export

ANA = {"name": "Ana Martin", "structure": "Mairie de Briançon", "role": "Chargée de mission",
       "email": "ana@mairie.example", "phone": "+33 4 92 00 00 01", "bring": "Des salles, un réseau d'élus",
       "seek": "Des bénévoles"}
BRUNO = {"name": "Bruno", "structure": "Café associatif; « Le Refuge »", "role": "Président",
         "email": "bruno.secret@example.org", "phone": "06 11 22 33 44", "bring": "Un lieu", "seek": "Des idées"}


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


def test_consents_are_never_given_for_you(db):
    card = book.save(db, ANA, 1)[0]["card"]
    assert card["consents"] == {"room": False, "report": False, "absentees": False}
    for use in book.USES:
        assert book.cards(db, use) == []


def test_each_use_gets_only_the_cards_ticked_for_it(db):
    book.save(db, {**ANA, "room": True}, 1)
    book.save(db, {**BRUNO, "report": True, "absentees": True}, 2)
    book.save(db, {"name": "Chloé", "structure": "Collectif", "absentees": True}, 3)
    assert [c["participant"] for c in book.cards(db, "room")] == [1]
    assert [c["participant"] for c in book.cards(db, "report")] == [2]
    assert [c["participant"] for c in book.cards(db, "absentees")] == [2, 3]
    assert book.public(db)["filled"] == 3 and book.public(db)["consents"] == {"room": 1, "report": 1, "absentees": 2}


def test_taking_back_a_consent_holds_at_once_for_the_room(db):
    book.save(db, {**ANA, "room": True, "report": True}, 1)
    result, evts = book.consent(db, {"use": "room", "given": False}, 1)
    assert result["card"]["consents"] == {"room": False, "report": True, "absentees": False}
    room_event = next(e for e in evts if e.name == "addressbook.card")
    assert room_event.data["key"] == "p1" and room_event.data["card"] is None
    assert book.cards(db, "room") == [] and [c["participant"] for c in book.cards(db, "report")] == [1]
    mine = next(e for e in evts if e.name == "addressbook.mine")
    assert mine.to == ("participant:1",) and mine.data["card"]["email"] == ANA["email"]


def test_the_room_event_never_carries_a_card_its_owner_keeps_private(db):
    _, evts = book.save(db, {**BRUNO, "report": True}, 2)
    assert "bruno.secret" not in json.dumps([e.data for e in evts if e.name == "addressbook.card"])


@pytest.mark.parametrize("payload,code", [
    ({**ANA, "email": "ana.mairie.example"}, "bad_input"),
    ({**ANA, "email": "ana@mairie"}, "bad_input"),
    ({**ANA, "phone": "appelez-moi"}, "bad_input"),
    ({**ANA, "phone": "12"}, "bad_input"),
    ({**ANA, "name": ""}, "bad_input"),
    ({**ANA, "bring": "x" * 281}, "bad_input"),
    ({**ANA, "room": "oui"}, "bad_input"),
    ({"name": "Ana", "room": True}, "bad_input"),
])
def test_a_wrong_card_is_refused_and_changes_nothing(db, payload, code):
    book.save(db, {**ANA, "room": True}, 1)
    refused(code, book.save, db, payload, 1)
    assert book.card_of(db, 1)["email"] == ANA["email"] and book.card_of(db, 1)["consents"]["room"] is True


def test_a_card_is_yours_to_remove_and_a_removed_participant_loses_it(db):
    book.save(db, {**ANA, "room": True}, 1)
    book.save(db, {**BRUNO, "room": True}, 2)
    assert book.remove(db, {}, 1)[0] == {"card": None} and book.card_of(db, 1) is None
    refused("no_card", book.remove, db, {}, 1)
    refused("no_card", book.consent, db, {"use": "room", "given": True}, 1)
    evts = book.forget(db, 2)
    assert [(e.name, e.data["card"]) for e in evts] == [("addressbook.card", None)]
    assert book.cards(db, "room") == [] and book.forget(db, 2) == []


def test_useful_contacts_are_organisations_with_a_way_to_reach_them(db):
    card = book.add_contact(db, {"organisation": "Office de tourisme", "kind": "public_contact",
                                 "service": "Accueil", "email": "accueil@ot.example", "website": "www.ot.example"})[0]["card"]
    assert card["kind"] == "public_contact" and card["name"] == "" and card["structure"] == "Office de tourisme"
    for use in book.USES:
        assert [c["key"] for c in book.cards(db, use)] == [card["key"]]
    refused("bad_input", book.add_contact, db, {"kind": "organisation", "email": "a@b.example"})
    refused("bad_input", book.add_contact, db, {"organisation": "X", "kind": "person", "email": "a@b.example"})
    refused("bad_input", book.add_contact, db, {"organisation": "X", "kind": "organisation"})
    refused("bad_input", book.add_contact, db, {"organisation": "X", "kind": "organisation", "website": "pas un site"})
    book.edit_contact(db, {"contact_id": card["id"], "organisation": "OT du Briançonnais", "kind": "organisation",
                           "phone": "04 92 24 98 98"})
    assert book.cards(db, "room")[0]["structure"] == "OT du Briançonnais"
    refused("not_found", book.edit_contact, db, {"contact_id": 99, "organisation": "X", "kind": "organisation",
                                                 "phone": "04 92 24 98 98"})
    assert book.remove_contact(db, {"contact_id": card["id"]})[1][0].data == {
        "key": card["key"], "card": None, "filled": 0, "consents": {"room": 0, "report": 0, "absentees": 0}}
    assert book.cards(db, "room") == []


# --- vCard 4.0 ------------------------------------------------------------------------------------

def parse_vcards(data: bytes) -> list[dict[str, list[tuple[str, str]]]]:
    """A small RFC 6350 reader for the tests: CRLF lines, unfolding, name;params:value, unescaping.
    (vobject reads vCard 3.0 first and is barely maintained: a reader of 20 lines checks more.)"""
    text = data.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "every line ends with CRLF"
    physical = text.split("\r\n")
    assert physical[-1] == ""
    for line in physical[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
    logical: list[str] = []
    for line in physical[:-1]:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    cards, card = [], None
    for line in logical:
        head, value = re.match(r"^([^:]+):(.*)$", line).groups()
        name = head.split(";")[0].upper()
        unescaped = re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
        if name == "BEGIN":
            card = {}
        elif name == "END":
            cards.append(card)
        else:
            card.setdefault(name, []).append((head, unescaped))
    return cards


def test_the_vcard_file_escapes_folds_and_reads_back(db):
    long_bring = "Un atelier vélo, des outils; et une « vélo-école » pour les enfants du quartier " * 3
    book.save(db, {**BRUNO, "bring": long_bring.strip()[:280], "report": True}, 2)
    book.add_contact(db, {"organisation": "Maison de l'emploi", "kind": "service", "service": "Accueil",
                          "phone": "04 92 00 00 00"})
    data = book_export.vcards(book.cards(db, "report"), lambda s: s)
    cards = parse_vcards(data)
    assert [c["VERSION"][0][1] for c in cards] == ["4.0", "4.0"]
    bruno, office = cards
    assert bruno["FN"][0][1] == "Bruno" and bruno["ORG"][0][1] == BRUNO["structure"]
    assert "\\;" in data.decode() and "\\," in data.decode()  # escaped in the file, read back whole
    assert bruno["TITLE"][0][1] == "Président" and bruno["EMAIL"][0][1] == BRUNO["email"]
    assert bruno["TEL"][0][1] == BRUNO["phone"]
    assert bruno["NOTE"][0][1] == f"What I bring: {long_bring.strip()[:280]}\nWhat I seek: Des idées"
    assert office["FN"][0][1] == "Maison de l'emploi" and office["KIND"][0][1] == "org"
    assert office["ORG"][0][1] == "Maison de l'emploi;Accueil"


def test_folding_never_cuts_a_character():
    line = "NOTE:" + "é" * 100
    folded = book_export.fold(line)
    assert all(len(part) <= 75 for part in folded.split(b"\r\n"))
    assert folded.replace(b"\r\n ", b"").decode("utf-8") == line + "\r\n"


# --- Consent in every file of the export -----------------------------------------------------------

def bundle_texts(bundle) -> dict[str, str]:
    texts = {}
    for name, content in bundle.files.items():
        if name.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                texts[name] = "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
        elif name.endswith(".pdf"):
            texts[name] = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
        elif name.endswith(".png"):
            continue
        else:
            texts[name] = content.decode("utf-8", "replace")
    return texts


def test_no_export_file_holds_the_contact_of_someone_who_did_not_tick_the_report(box, actions):
    ana, bruno, chloe = actions.phone("Ana"), actions.phone("Bruno"), actions.phone("Chloé")
    assert ana.emit("addressbook.save", {**ANA, "room": True, "report": True}, callback=True)["ok"]
    # Bruno lets the room see his card but keeps it out of the report; Chloé ticks the report, then takes it back.
    assert bruno.emit("addressbook.save", {**BRUNO, "room": True, "absentees": True}, callback=True)["ok"]
    assert chloe.emit("addressbook.save", {"name": "Chloé", "email": "chloe.privee@example.net", "phone": "07 00 00 00 07",
                                           "report": True}, callback=True)["ok"]
    assert chloe.emit("addressbook.consent", {"use": "report", "given": False}, callback=True)["ok"]
    bundle = export.build(box.store.read(lambda db: export.collect(db, box.deck)))
    assert {"address-book.vcf", "address-book.csv"} <= set(bundle.files)
    texts = bundle_texts(bundle)
    assert {"results.json", "results.xlsx", "report.pdf", "address-book.vcf", "address-book.csv"} <= set(texts)
    for name, text in texts.items():
        if name == "absentees.html":  # the page for those who could not come: Bruno ticked it, nobody else
            assert "bruno.secret@example.org" in text and "06 11 22 33 44" in text and ANA["email"] not in text
            assert "chloe.privee@example.net" not in text and "07 00 00 00 07" not in text
            continue
        for secret in ("bruno.secret@example.org", "06 11 22 33 44", "chloe.privee@example.net", "07 00 00 00 07"):
            assert secret not in text, (name, secret)
    assert ANA["email"] in texts["address-book.vcf"] and ANA["email"] in texts["address-book.csv"]
    assert ANA["email"] in texts["results.xlsx"] and ANA["email"] in texts["results.json"]
    assert ANA["email"] not in texts["report.pdf"] and ANA["phone"] not in texts["report.pdf"]
    assert "Mairie de Briançon" in texts["report.pdf"]  # the organisations present are listed
    csv_lines = texts["address-book.csv"].lstrip("\ufeff").split("\r\n")
    assert csv_lines[0].count(";") == 8 and len([line for line in csv_lines[1:] if line]) == 1


def test_over_the_protocol_the_room_sees_consented_cards_and_the_owner_their_own(actions):
    console, wall, ana, bruno = actions.facilitator(), actions.wall(), actions.phone("Ana"), actions.phone("Bruno")
    assert ana.emit("addressbook.save", {**ANA, "room": True}, callback=True)["ok"]
    assert bruno.emit("addressbook.save", BRUNO, callback=True)["ok"]
    shown = [e["card"] for e in events(wall, "addressbook.card")]
    assert [c["name"] if c else None for c in shown] == ["Ana Martin", None]
    assert "bruno.secret" not in json.dumps(events(ana))
    assert events(bruno, "addressbook.mine")[-1]["card"]["email"] == BRUNO["email"]
    assert ana.emit("addressbook.add_contact", {"organisation": "X", "kind": "organisation", "phone": "0492000000"},
                    callback=True)["code"] == "forbidden"
    assert console.emit("addressbook.add_contact", {"organisation": "Mission locale", "kind": "organisation",
                                                    "phone": "04 92 00 00 00"}, callback=True)["ok"]
    state = wall.emit("state.get", {}, callback=True) and events(wall, "state")[-1]
    assert [c["structure"] for c in state["addressbook"]["cards"]] == ["Mairie de Briançon", "Mission locale"]
    assert "bruno.secret" not in json.dumps(state)
