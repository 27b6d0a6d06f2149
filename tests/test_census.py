"""The census (DOMINO method): form files and their check, answers checked field by field, sources,
paper-form codes, possible duplicates (rule, blocking, merge, "not a duplicate"), the paper PDF,
the protocol, the programme step and the export."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess

import pytest
from conftest import PIN, JoinActions, events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import workshop
from kiosk.activities.census import answers, codes, domain, forms, paper

DOMINO_FR = forms.FORMS_DIR / "domino.fr.toml"


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


def opened(db):
    return domain.open_census(db, {}, None, None, 100.0)[0]["census"]


def entry(name="Repair café de Redon", commune="Redon", theme="Réemploi et réparation", **more):
    return {"name": name, "commune": commune, "theme": theme, **more}


def phone_add(db, participant=1, **values):
    return domain.add(db, {"values": entry(**values)}, participant, None, 200.0)


def paper_add(db, code=None, **values):
    return domain.add(db, {"values": entry(**values), "code": code or codes.new_codes(1)[0]}, None, None, 200.0)


# --- Forms and `kiosk form check` ---------------------------------------------------------------------

def test_the_shipped_forms_are_valid_and_have_every_field_type():
    assert forms.check_forms(sorted(forms.FORMS_DIR.glob("*.toml"))) == []
    for lang in ("fr", "en"):
        form = forms.load_form(forms.find_form("domino", lang))
        assert {f.type for f in form.fields} == set(forms.TYPES)
        assert form.lang == lang and form.name_field == "name" and form.commune_field == "commune"
        assert len(form.field("commune").communes) >= 30 and "Redon" in form.field("commune").communes


BAD_FORM = '''id = "essai"
title = "Essai"
name_field = "nom"

[[fields]]
id = "nom"
type = "text"
label = "Nom"
required = true

[[fields]]
id = "theme"
type = "one_choice"
label = "Thème"
choices = ["Seul"]

[[fields]]
id = "lieu"
type = "commune"
label = "Commune"
communes = "absentes.txt"

[[fields]]
id = "nom"
type = "sondage"
label = "Encore"
colour = "rouge"
'''


def test_form_check_reports_every_problem_with_the_line_of_its_block(tmp_path):
    path = tmp_path / "essai.fr.toml"
    path.write_text(BAD_FORM, encoding="utf-8")
    problems = forms.check_forms([path])
    text = "\n".join(problems)
    assert f"{path}: fields[2] (theme) line 11.choices: give at least two choices" in problems
    assert "fields[3] (lieu) line 17.communes: no such file" in text
    assert "fields[4] (nom) line 23.colour: unknown key" in text
    assert "fields[4] (nom) line 23.type: must be one of: text, long_text" in text
    assert len(problems) == 4, problems


def test_kiosk_form_check_prints_the_problems_and_exits_1(tmp_path, capsys):
    from kiosk.cli import main

    path = tmp_path / "essai.fr.toml"
    path.write_text(BAD_FORM.replace('name_field = "nom"', 'name_field = "titre"'), encoding="utf-8")
    assert main(["form", "check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "name_field: 'titre' is not the id of a field" in out and out.count("\n") == 5
    assert main(["form", "check", str(DOMINO_FR)]) == 0


def test_a_toml_syntax_error_names_its_line(tmp_path):
    path = tmp_path / "cassé.toml"
    path.write_text('id = "x"\ntitle = "X\n', encoding="utf-8")
    assert forms.check_forms([path])[0].startswith(f"{path}: line 2: TOML syntax error")


# --- Answers ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def form():
    return forms.load_form(DOMINO_FR)


def test_answers_are_cleaned_and_matched_without_minding_case_or_accents(form):
    clean = answers.check(form, {"name": "  Jardin\u200b partagé  ", "theme": "alimentation", "commune": "st nicolas de redon",
                                 "public": ["Jeunes", "familles"], "people": "1 200", "started": "03/2019",
                                 "contact": {"address": "ana@exemple.fr", "consent": True}, "description": ""})
    assert clean == {"name": "Jardin partagé", "theme": "Alimentation", "commune": "Saint-Nicolas-de-Redon",
                     "public": ["Familles", "Jeunes"], "people": 1200, "started": "2019-03",
                     "contact": {"address": "ana@exemple.fr", "consent": True}}


@pytest.mark.parametrize("values,field", [
    ({"theme": "Alimentation", "commune": "Redon"}, "name"),
    (entry(commune="Paris"), "commune"),
    (entry(theme="Sport"), "theme"),
    (entry(people=-3), "people"),
    (entry(people="beaucoup"), "people"),
    (entry(started="2019-02-30"), "started"),
    (entry(started="hier"), "started"),
    (entry(started="3019"), "started"),
    (entry(public="Jeunes"), "public"),
    (entry(name="x" * 81), "name"),
    (entry(contact={"address": "ana@exemple.fr"}), "contact"),
    (entry(contact={"address": "pas un contact", "consent": True}), "contact"),
])
def test_a_wrong_answer_is_refused_naming_its_question(form, values, field):
    error = refused("bad_input", answers.check, form, values)
    assert error.values["field_id"] == field


def test_an_unknown_question_is_refused(form):
    refused("bad_input", answers.check, form, {**entry(), "couleur": "rouge"})


def test_a_consent_without_a_contact_keeps_nothing(form):
    assert "contact" not in answers.check(form, entry(contact={"address": "", "consent": True}))


# --- Codes --------------------------------------------------------------------------------------------

def test_codes_are_five_unambiguous_characters_and_catch_a_typo():
    batch = codes.new_codes(300)
    assert len(set(batch)) == 300 and all(len(c) == 5 and codes.is_valid(c) for c in batch)
    assert not set("".join(batch)) & set("0O1IL2Z5SG8BUV")
    for code in batch[:50]:
        for n in range(5):
            for other in codes.ALPHABET:
                if other != code[n]:
                    assert not codes.is_valid(code[:n] + other + code[n + 1:])
    assert codes.is_valid(batch[0].lower()[:2] + "-" + batch[0].lower()[2:])


# --- Duplicates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b,reason", [
    ("Repair café de Redon", "REPAIR CAFE DE REDON", "same name"),
    ("Le Repair Café", "repair-café", "same name"),
    ("Jardin partagé des Bénédictins", "Jardin partagé des Bénédictin", "close spelling"),
    ("Accorderie du Pays de Redon", "Acorderie du pays de Redon", "close spelling"),
    ("Jardin partagé", "Repair café", None),
    ("AMAP", "AMEP", None),
])
def test_the_duplicate_rule_folds_names_and_tolerates_close_spellings(a, b, reason):
    assert domain.similar(domain.name_key(a), domain.name_key(b)) == reason


def test_duplicates_are_grouped_within_a_commune_only():
    rows = [{"name": "Repair café", "commune": "Redon"}, {"name": "Le repair cafe", "commune": "redon"},
            {"name": "Repair café", "commune": "Allaire"}, {"name": "Repair cafés", "commune": "REDON"},
            {"name": "Troc de graines", "commune": "Redon"}]
    groups = domain.duplicates(rows)
    assert len(groups) == 1 and groups[0]["reason"] == "close spelling"
    assert [r["commune"] for r in groups[0]["entries"]] == ["Redon", "redon", "REDON"]


def test_a_possible_duplicate_is_flagged_and_merged_only_by_the_facilitator(db):
    opened(db)
    first = phone_add(db, 1)[0]["entry"]
    result, events_ = paper_add(db, name="Le Repair Café de Rédon", description="Réparer ensemble.")
    assert result["duplicates"] == 1 and domain.counts(db)["total"] == 2
    review = domain.review(db)
    assert review["pending"] == 1 and review["pairs"][0]["reason"] == "same name"
    pair = review["pairs"][0]
    assert any(e.name == domain.CENSUS_REVIEW for e in events_)
    refused("bad_input", domain.merge, db, {"pair": pair["id"], "keep": 999})
    domain.merge(db, {"pair": pair["id"], "keep": first["id"]})
    counts = domain.counts(db)
    assert counts["total"] == 1 and counts["commune"] == {"Redon": 1} and counts["source"] == {"phone": 1}
    kept = {e["id"]: e for e in domain.entries(db)}
    assert kept[first["id"]]["values"]["description"] == "Réparer ensemble."  # filled from the other
    assert kept[pair["b"]["id"]]["status"] == "merged" and kept[pair["b"]["id"]]["merged_into"] == first["id"]
    refused("pair_decided", domain.distinct, db, {"pair": pair["id"]})


def test_not_a_duplicate_leaves_the_review_for_good(db):
    opened(db)
    phone_add(db, 1, name="Jardin des Bénédictins")
    phone_add(db, 2, name="Jardins des Bénédictins")
    pair = domain.review(db)["pairs"][0]
    domain.distinct(db, {"pair": pair["id"]})
    assert domain.review(db)["pending"] == 0 and domain.counts(db)["total"] == 2


def test_entries_of_other_communes_are_not_compared(db, monkeypatch):
    opened(db)
    compared = []
    real = domain.similar
    monkeypatch.setattr(domain, "similar", lambda a, b: compared.append(b) or real(a, b))
    for n, commune in enumerate(["Allaire", "Peillac", "Rieux", "Redon"] * 5):
        phone_add(db, n, name=f"Initiative {n}", commune=commune)
    compared.clear()
    phone_add(db, 99, name="Initiative nouvelle", commune="Rieux")
    assert len(compared) == 5  # the five of Rieux, not the twenty


# --- Sources, double taps, codes typed twice ----------------------------------------------------------

def test_every_entry_records_its_source_and_workshop(db):
    workshop.update_details(db, {"title": "Recensement à Redon", "date": "2026-11-30", "territory": "Pays de Redon"})
    opened(db)
    phone_add(db, 3, name="Troc de graines")
    code = codes.new_codes(1)[0]
    paper_add(db, code, name="Accorderie")
    rows = domain.entries(db)
    assert [(r["source"], r["code"]) for r in rows] == [("phone", ""), ("paper", code)]
    assert rows[0]["workshop"] == {"title": "Recensement à Redon", "date": "2026-11-30", "territory": "Pays de Redon"}
    assert domain.counts(db)["source"] == {"phone": 1, "paper": 1}


def test_a_double_tap_does_not_make_two_entries(db):
    opened(db)
    first, events_ = phone_add(db, 1)
    again, more = phone_add(db, 1)
    assert again["entry"]["id"] == first["entry"]["id"] and again["again"] and more == []
    assert domain.counts(db)["total"] == 1


def test_a_paper_code_with_a_typo_or_typed_twice_is_refused(db):
    opened(db)
    code = codes.new_codes(1)[0]
    typo = code[:4] + next(c for c in codes.ALPHABET if c != code[4])
    refused("bad_code", paper_add, db, typo)
    paper_add(db, code)
    error = refused("code_typed", paper_add, db, code.lower(), name="Autre chose")
    assert error.values["name"] == "Repair café de Redon"
    assert domain.counts(db)["total"] == 1


def test_a_new_code_is_none_printed_nor_typed_before(db):
    opened(db)
    typed = codes.new_codes(1)[0]
    paper_add(db, typed)
    printed = domain.reserve_codes(db, 3)
    assert domain.taken_codes(db) == {typed, *printed}


def test_no_entry_before_the_census_opens_or_after_it_closes(db):
    refused("no_census", phone_add, db)
    opened(db)
    domain.close_census(db, {})
    refused("census_closed", phone_add, db)
    domain.open_census(db, {}, None)
    assert phone_add(db)[0]["entry"]["name"] == "Repair café de Redon"


def test_the_console_pages_and_searches_the_census(db):
    opened(db)
    for n in range(60):
        phone_add(db, n, name=f"Initiative numéro {n}", commune="Peillac" if n % 3 else "Rieux")
    first = domain.page(db, {})
    assert (first["total"], first["pages"], len(first["entries"])) == (60, 3, 25)
    assert first["entries"][0]["name"] == "Initiative numéro 59"
    found = domain.page(db, {"search": "RIEUX"})
    assert found["total"] == 20 and domain.page(db, {"page": 9})["page"] == 3


def test_phones_get_their_own_entries_and_counts_never_the_census(db):
    opened(db)
    for n in range(30):
        phone_add(db, n % 3, name=f"Initiative {n}")
    public = domain.public(db)
    assert set(public) == {"form", "status", "counts"} and public["counts"]["total"] == 30
    assert len(domain.mine(db, 1)) == 10


# --- Paper forms --------------------------------------------------------------------------------------

@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils")
def test_the_paper_forms_have_one_page_per_code_with_its_code(form, tmp_path):
    batch = codes.new_codes(4)
    pdf = paper.render(form, batch, "http://kiosk.test:8000/", "Pays de Redon")
    (tmp_path / "f.pdf").write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(tmp_path / "f.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) == 4 and all(batch[n] in pages[n] and batch[n - 1] not in pages[n] for n in range(4))
    assert "Nom de l’initiative" in pages[0] and "J’accepte que l’équipe" in pages[0]
    assert paper.entry_url("http://kiosk.test:8000/", "K7MQ3") == "http://kiosk.test:8000/facilitator#census-K7MQ3"


@pytest.mark.skipif(not shutil.which("zbarimg") or not shutil.which("pdftoppm"), reason="zbar-tools, poppler-utils")
def test_a_paper_forms_qr_code_opens_the_entry_screen_at_its_code(form, tmp_path):
    code = codes.new_codes(1)[0]
    (tmp_path / "f.pdf").write_bytes(paper.render(form, [code], "http://kiosk.test:8000/"))
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "f.pdf"), str(tmp_path / "p")], check=True)
    found = subprocess.run(["zbarimg", "-q", "--raw", str(next(tmp_path.glob("p*.png")))], capture_output=True,
                           text=True).stdout.strip()
    assert found == f"http://kiosk.test:8000/facilitator#census-{code}"


def test_the_console_prints_paper_forms_with_codes_it_never_gives_twice(app, client, box):
    assert client.get("/api/census-forms.pdf?count=2").status_code == 403
    client.post("/api/facilitator", json={"pin": PIN})
    assert client.get("/api/census-forms.pdf?count=0").status_code == 400
    assert client.get("/api/census-forms.pdf?count=deux").status_code == 400
    response = client.get("/api/census-forms.pdf?count=3")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    client.get("/api/census-forms.pdf?count=2")
    printed = box.store.read(lambda db: [c for b in db.table(domain.CODES).all() for c in b["codes"]])
    assert len(printed) == len(set(printed)) == 5


def test_kiosk_census_forms_writes_the_pdf(tmp_path, capsys):
    from kiosk.cli import main

    target = tmp_path / "formulaires.pdf"
    assert main(["census", "forms", "--count", "2", "--data", str(tmp_path / "data"), "--to", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF") and capsys.readouterr().out.strip() == str(target)
    assert main(["census", "forms", "--count", "0", "--data", str(tmp_path / "data"), "--to", str(target)]) == 1
    assert main(["census", "forms", "--form", "inconnu", "--data", str(tmp_path / "data")]) == 1


# --- Protocol, programme, export ----------------------------------------------------------------------

def test_over_the_protocol_the_wall_gets_counts_the_phone_its_entries_the_console_the_review(actions):
    console, wall, phone, other = actions.facilitator(), actions.wall(), actions.phone("Ana"), actions.phone("Léo")
    assert phone.emit("census.open", {}, callback=True)["code"] == "forbidden"
    assert console.emit("census.open", {}, callback=True)["ok"]
    answer = phone.emit("census.add", {"values": entry(), "key": "k1"}, callback=True)
    assert answer["ok"] and answer["entry"]["source"] == "phone"
    again = phone.emit("census.add", {"values": entry(), "key": "k1"}, callback=True)
    assert again["entry"]["id"] == answer["entry"]["id"]
    assert events(phone, "census.mine")[-1]["entries"][0]["name"] == "Repair café de Redon"
    assert events(other, "census.mine") == []
    assert events(wall, "census.counts")[-1]["counts"]["total"] == 1
    bad = phone.emit("census.add", {"values": entry(commune="Paris")}, callback=True)
    assert bad["code"] == "bad_input" and "Commune" in bad["error"]
    assert other.emit("census.add", {"values": entry(name="Repair Cafe de Redon")}, callback=True)["duplicates"] == 1
    review = events(console, "census.review")[-1]["review"]
    assert review["pending"] == 1 and events(wall, "census.review") == []
    listed = console.emit("census.list", {"search": "repair"}, callback=True)
    assert listed["ok"] and listed["total"] == 2 and "contact" not in str(listed)
    assert phone.emit("census.list", {}, callback=True)["code"] == "forbidden"
    typed = console.emit("census.add", {"values": entry(name="Accorderie"), "code": codes.new_codes(1)[0]}, callback=True)
    assert typed["ok"] and typed["entry"]["source"] == "paper"


PROGRAMME = '''title = "Recensement"
lang = "fr"

[[steps]]
title = "Recenser les initiatives"
minutes = 30
phase = "census"
form = "domino"
'''


def test_next_opens_the_census_with_the_steps_form_and_back_changes_nothing(tmp_path):
    from kiosk import create_app, programmes

    path = tmp_path / "recensement.toml"
    path.write_text(PROGRAMME, encoding="utf-8")
    assert programmes.load_programme(path).steps[0].options == {"form": "domino"}
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "programme": str(path),
                      "async_mode": "threading", "tally_interval": 0})
    console = JoinActions(app).facilitator()
    assert console.emit("programme.next", {}, callback=True)["ok"]
    box = app.extensions["kiosk_box"]
    census = box.store.read(domain.public)
    assert census["status"] == "open" and census["form"]["id"] == "domino"
    step = programmes.load_programme(path).steps[0]
    assert box.store.write(lambda db: (domain.start(db, step, 0, 0.0), [])) == []  # open already: nothing again


@pytest.mark.parametrize("option,problem", [('form = "inconnu"', "no form 'inconnu'"), ("form = 3", "form")])
def test_a_wrong_form_option_is_one_line_of_the_programme_check(tmp_path, option, problem):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text(PROGRAMME.replace('form = "domino"', option), encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert len(problems) == 1 and "steps[1].form" in problems[0] and problem in problems[0], problems


def test_the_export_has_census_csv_with_consented_contacts_and_a_report_section(box, tmp_path):
    from kiosk import auth, export

    console = auth.Actor(auth.FACILITATOR)
    assert box.execute(console, "census.open", {})["ok"]
    assert box.execute(console, "census.add", {"values": entry(contact={"address": "ana@exemple.fr", "consent": True}),
                                               "code": codes.new_codes(1)[0]})["ok"]
    assert box.execute(console, "census.add", {"values": entry(name="Troc de graines", public=["Jeunes", "Familles"]),
                                               "code": codes.new_codes(1)[0]})["ok"]
    path = export.export_box(box, tmp_path)
    rows = list(csv.reader(io.StringIO((path / "census.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert "Nom de l’initiative" in header and "Source" in header and len(rows) == 3
    contact = header.index("Un contact (courriel ou téléphone)")
    assert rows[1][contact] == "ana@exemple.fr" and rows[2][contact] == ""
    assert rows[2][header.index("Pour qui ?")] == "Familles ; Jeunes"
    report = subprocess.run(["pdftotext", str(path / "report.pdf"), "-"], capture_output=True, text=True).stdout
    assert "Recensement" in report and "Réemploi et réparation (2)" in report
    assert "ana@exemple.fr" not in report


@pytest.mark.slow
def test_a_census_of_1500_typed_through_the_protocol_keeps_the_room_answered(actions, box, monkeypatch):
    import json
    import time

    from kiosk.store import Store

    # The tests' check of every flush against a whole json.dumps (conftest) costs what the data file
    # weighs: off here, so that the figures printed are the box's.
    monkeypatch.setattr(Store, "check_dumps", False)
    console, wall, phone = actions.facilitator(), actions.wall(), actions.phone("Ana")
    assert console.emit("census.open", {}, callback=True)["ok"]
    communes = forms.load_form(DOMINO_FR).field("commune").communes
    themes = forms.load_form(DOMINO_FR).field("theme").choices
    compared, spent = [], []
    real_similar, real_add = domain.similar, domain.add
    monkeypatch.setattr(domain, "similar", lambda a, b: compared.append(1) or real_similar(a, b))

    def timed_add(*args):  # the census's own CPU for one entry, in the thread that runs the command
        started = time.thread_time()
        try:
            return real_add(*args)
        finally:
            spent.append(time.thread_time() - started)

    monkeypatch.setattr(domain, "add", timed_add)
    batch = codes.new_codes(1500)
    box_cpu, comparisons = [], []
    for n, code in enumerate(batch):
        if n % 300 == 0:
            started, before = time.process_time(), len(compared)
        values = {"name": f"Initiative {n} {TOPICS[n % len(TOPICS)]}", "theme": themes[n % len(themes)],
                  "commune": communes[n % len(communes)]}
        assert console.emit("census.add", {"values": values, "code": code}, callback=True)["ok"]
        if n % 300 == 299:
            box_cpu.append(time.process_time() - started)
            comparisons.append(len(compared) - before)
            wall.get_received()
            console.get_received()
            phone.get_received()
    state = box.store.read(domain.public)
    assert state["counts"]["total"] == 1500 and sum(state["counts"]["source"].values()) == 1500
    assert state["counts"]["commune"][communes[0]] == -(-1500 // len(communes))
    # An entry is compared with its commune's entries only: the 1,500th costs 48 comparisons, not 1,499.
    assert comparisons[-1] <= 300 * (1500 // len(communes) + 1) < 300 * 1200, comparisons
    print("CPU s per 300 entries, the whole box:", [round(c, 2) for c in box_cpu], "comparisons:", comparisons)
    # The census's own CPU per entry stays flat: the last 300 cost about what the 300 after the first
    # did, whatever the census holds (the whole command, flushes included, is printed for the record).
    census_cpu = [sum(spent[k:k + 300]) for k in range(0, 1500, 300)]
    assert census_cpu[-1] < 3 * census_cpu[1], census_cpu
    # A phone's command is still answered, and its snapshot holds no entry of others.
    answer = phone.emit("census.add", {"values": entry(name="Troc de graines", commune="Peillac")}, callback=True)
    assert answer["ok"] and answer["entry"]["source"] == "phone"
    phone.get_received()
    phone.emit("state.get", {})
    snapshot = events(phone, "state")[-1]
    assert snapshot["census"]["counts"]["total"] == 1501 and len(snapshot["me"]["census"]) == 1
    assert len(json.dumps(snapshot["census"])) < 6000 and "Initiative 1499" not in json.dumps(snapshot)
    listed = console.emit("census.list", {"search": "Initiative 1499"}, callback=True)
    assert listed["total"] == 1 and listed["entries"][0]["code"] == batch[-1]


TOPICS = ["repair café", "jardin partagé", "covoiturage", "épicerie coopérative", "atelier vélo", "boîte à livres"]


def test_the_demo_fills_the_census_from_phones_and_paper_with_one_duplicate_to_review(tmp_path):
    from kiosk import create_app, demo

    path = tmp_path / "recensement.toml"
    path.write_text(PROGRAMME, encoding="utf-8")
    app = create_app({"data": str(tmp_path / "data"), "pin": PIN, "programme": str(path),
                      "async_mode": "threading", "tally_interval": 0})
    box = app.extensions["kiosk_box"]
    assert demo.fill(box) is True
    counts = box.store.read(domain.counts)
    # Its only census step is its last: the phones, then the paper forms, then the census closes.
    assert counts["total"] == 61 and counts["source"] == {"phone": 40, "paper": 21}
    assert box.store.read(domain.census)["status"] == "closed"
    review = box.store.read(domain.review)
    assert review["pending"] == 1 and {review["pairs"][0]["a"]["name"], review["pairs"][0]["b"]["name"]} == \
        {"Repair café de Redon", "Le Repair Café de Rédon"}
