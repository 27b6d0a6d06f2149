"""The société contributive's units: the tables' pads (a whole table writing at once without
losing anyone's text, remote tables), the typology (one category per example), the surprises
table by table, the board of blockers and triggers and its levers groups; programmes in parts;
a groups step's source; refusals that change nothing; then over the protocol."""

from __future__ import annotations

import pytest
from conftest import events, refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import programmes, workshop
from kiosk.activities.examples import domain as examples
from kiosk.activities.forces import domain as forces
from kiosk.activities.groups import domain as groups
from kiosk.activities.surprises import domain as surprises
from kiosk.errors import KioskError
from kiosk.app import PROGRAMMES_DIR
from kiosk.programmes import Step

SOCIETE = PROGRAMMES_DIR / "societe-contributive.fr.toml"


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


def tables(db, count=3, people=9):
    """`count` tables, person p (1..people) at table (p - 1) % count."""
    formed = groups.form(db, {"count": count, "from": "tables"})[0]["groups"]
    for person in range(1, people + 1):
        groups.join(db, {"group_id": formed[(person - 1) % count]["id"]}, person)
    return formed


def add(db, person, title, **fields):
    return examples.add(db, {"title": title, **fields}, person)[0]["example"]


# --- Examples per table ----------------------------------------------------------------------

def test_each_table_writes_in_its_own_pad_and_a_remote_table_works_the_same(db):
    formed = tables(db)
    assert [g["name"] for g in formed] == ["Table 1", "Table 2", "Table 3"]
    examples.open_pads(db, {"prompt": "Vos exemples"})
    first = add(db, 1, "Wikipédia", what="Une encyclopédie\ncollaborative", where="En ligne", who="Wikimédia")
    assert first == {"id": 1, "table": "Table 1", "group_id": formed[0]["id"], "title": "Wikipédia",
                     "what": "Une encyclopédie\ncollaborative", "where": "En ligne", "who": "Wikimédia", "link": "",
                     "category": None}
    examples.set_remote(db, {"on": True}, 3)  # person 3 is at Table 3
    add(db, 3, "Repair café")
    assert examples.public(db)["remote"] == ["Table 3"]
    assert [e["table"] for e in examples.examples(db)] == ["Table 1", "Table 3"]
    examples.add(db, {"title": "Lu au téléphone", "group_id": formed[2]["id"]}, None)  # the console, for a remote room
    assert [e["title"] for e in examples.examples(db, "Table 3")] == ["Repair café", "Lu au téléphone"]
    _, evts = examples.add(db, {"title": " wikipédia "}, 1)  # a double tap
    assert evts == [] and len(examples.examples(db)) == 3
    examples.set_remote(db, {"on": False, "group_id": formed[2]["id"]}, None)
    assert examples.public(db)["remote"] == []


def test_two_members_saving_the_same_field_lose_neither_text(db):
    tables(db)
    examples.open_pads(db, {})
    example = add(db, 1, "La Fabrique")
    examples.edit(db, {"example_id": example["id"], "field": "what", "base": "", "text": "Un atelier"}, 4)
    examples.edit(db, {"example_id": example["id"], "field": "who", "base": "", "text": "L'association"}, 7)  # another field
    refused("conflict", examples.edit, db, {"example_id": example["id"], "field": "what", "base": "",
                                            "text": "partagé"}, 7)
    assert examples.examples(db)[0]["what"] == "Un atelier"
    examples.edit(db, {"example_id": example["id"], "field": "what", "base": "Un atelier",
                       "text": "Un atelier partagé"}, 7)
    assert {k: examples.examples(db)[0][k] for k in ("what", "who")} == {"what": "Un atelier partagé",
                                                                        "who": "L'association"}


def test_the_pads_refuse_what_does_not_belong_and_change_nothing(db):
    formed = tables(db)
    refused("no_pads", examples.add, db, {"title": "Trop tôt"}, 1)
    examples.open_pads(db, {})
    example = add(db, 1, "Wikipédia")
    refused("no_group", examples.add, db, {"title": "Sans table"}, 42)
    refused("forbidden", examples.edit, db, {"example_id": example["id"], "field": "what", "base": "", "text": "x"}, 2)
    refused("bad_input", examples.edit, db, {"example_id": example["id"], "field": "author", "base": "", "text": "x"}, 1)
    refused("bad_input", examples.edit, db, {"example_id": example["id"], "field": "what", "text": "x"}, 1)
    refused("bad_input", examples.add, db, {"title": "x" * 81}, 1)
    refused("bad_input", examples.add, db, {"title": "\u202e\u200b "}, 1)  # nothing visible is no title
    refused("not_found", examples.remove, db, {"example_id": 99}, 1)
    examples.close_pads(db, {})
    refused("pads_closed", examples.add, db, {"title": "Trop tard"}, 1)
    refused("pads_closed", examples.remove, db, {"example_id": example["id"]}, 1)
    assert [e["title"] for e in examples.examples(db)] == ["Wikipédia"]
    examples.remove(db, {"example_id": example["id"]}, None)  # the facilitator, at any time
    assert examples.examples(db) == [] and formed


def test_a_pad_holds_sixty_examples_and_a_person_writes_thirty(db):
    tables(db, count=1, people=3)
    examples.open_pads(db, {})
    for n in range(examples.PER_PERSON):
        add(db, 1, f"Exemple {n}")
    refused("too_many_examples", examples.add, db, {"title": "Encore"}, 1)
    for n in range(examples.PER_TABLE - examples.PER_PERSON):
        add(db, 2, f"Autre {n}")
    refused("pad_full", examples.add, db, {"title": "Encore"}, 3)


def test_an_example_has_one_category_and_keeps_its_table_when_other_groups_form(db):
    tables(db)
    examples.open_pads(db, {})
    wiki, fab = add(db, 1, "Wikipédia"), add(db, 2, "La Fabrique")
    communs = examples.add_category(db, {"label": "Communs"})[0]["category"]
    lieux = examples.add_category(db, {"label": "Lieux"})[0]["category"]
    assert examples.add_category(db, {"label": "communs"})[0]["category"] == communs  # the same label
    examples.sort(db, {"example_id": wiki["id"], "category_id": communs["id"]})
    examples.sort(db, {"example_id": wiki["id"], "category_id": lieux["id"]})
    examples.sort(db, {"example_id": fab["id"], "category_id": lieux["id"]})
    assert [e["category"] for e in examples.examples(db)] == [lieux["id"], lieux["id"]]
    examples.sort(db, {"example_id": wiki["id"], "category_id": None})
    assert examples.examples(db)[0]["category"] is None
    refused("not_found", examples.sort, db, {"example_id": wiki["id"], "category_id": 99})
    refused("bad_input", examples.rename_category, db, {"category_id": lieux["id"], "label": "COMMUNS"})
    examples.rename_category(db, {"category_id": lieux["id"], "label": "Tiers-lieux"})
    assert [c["label"] for c in examples.categories(db)] == ["Communs", "Tiers-lieux"]
    assert [g["name"] for g in examples.typology(db)] == ["Tiers-lieux"]  # only a category with examples
    forces.open_board(db, {})
    forces.add(db, {"kind": "trigger", "text": "Un tiers-lieu", "strength": 3, "actionable": 5}, 1)
    groups.form(db, {"count": 1, "from": "forces"})
    assert [e["table"] for e in examples.examples(db)] == ["Table 1", "Table 2"]


def test_next_opens_the_pads_once_with_the_steps_question(db):
    step = Step(title="Exemples", phase="examples", duration_s=600, options={"prompt": "Vos exemples ?"})
    assert [e.name for e in examples.start(db, step, 3, 0.0)] == ["examples.status"]
    assert examples.public(db)["prompt"] == "Vos exemples ?"
    assert examples.start(db, step, 3, 0.0) == []
    typology = Step(title="Typologie", phase="typology", duration_s=600, options={"prompt": ""})
    assert examples.start(db, typology, 4, 0.0) == []


# --- Surprises -------------------------------------------------------------------------------

def test_each_table_posts_its_surprises_and_a_member_takes_one_back(db):
    tables(db)
    refused("surprises_closed", surprises.post, db, {"text": "Trop tôt"}, 1)
    surprises.open_surprises(db, {})
    one = surprises.post(db, {"text": "Tant d'exemples"}, 1)[0]["surprise"]
    surprises.post(db, {"text": "Des élus ouverts"}, 2)
    assert surprises.post(db, {"text": "tant d'exemples "}, 1)[1] == []  # a double tap
    refused("forbidden", surprises.withdraw, db, {"surprise_id": one["id"]}, 2)
    surprises.withdraw(db, {"surprise_id": one["id"]}, 4)  # Table 1 too
    assert [(s["table"], s["text"]) for s in surprises.surprises(db)] == [("Table 2", "Des élus ouverts")]
    refused("no_group", surprises.post, db, {"text": "Sans table"}, 42)
    refused("bad_input", surprises.post, db, {"text": "x" * 281}, 1)
    hidden = surprises.set_hidden(db, {"surprise_id": 2}, True)
    assert hidden[1][0].data == {"items": [{"id": 2, "gone": True}]}  # the room's copy
    assert surprises.public(db)["items"] == [] and surprises.console(db)["items"][0]["hidden"] is True


def test_the_pads_and_surprises_indexes_equal_a_reading_of_the_tables_after_any_sequence():
    """Examples added, double-tapped and removed, surprises posted, double-tapped and taken back,
    participants removed and restarts, in a seeded random order: after each step each pad's
    examples, each person's examples and each person's surprises, read through the indexes, equal
    what reading every document gives, and so do the refusals their counts make."""
    import random

    from conftest import restarted

    from kiosk import derived

    rng = random.Random(17)
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    formed = tables(db, count=3, people=12)
    examples.open_pads(db, {})
    surprises.open_surprises(db, {})
    people = list(range(1, 13))
    names = [g["name"] for g in formed]

    def check():
        for table, field, values in ((examples.EXAMPLES, "table", names), (examples.EXAMPLES, "author", people),
                                     (surprises.SURPRISES, "author", people)):
            every = sorted(db.table(table).all(), key=lambda d: d.doc_id)
            for value in values:
                assert [d.doc_id for d in derived.having(db, table, field, value)] == \
                    [d.doc_id for d in every if d.get(field) == value]

    def one_left(table, gone):
        """The id of one document of `table` not `gone` (removed, withdrawn), or None."""
        left = [d.doc_id for d in db.table(table).all() if not d.get(gone)]
        return rng.choice(left) if left else None

    steps = {"examples": 0, "surprises": 0}
    for _ in range(500):
        roll, person = rng.random(), rng.choice(people)
        try:
            if roll < 0.4:
                examples.add(db, {"title": f"Exemple {rng.randrange(40)}"}, person)
                steps["examples"] += 1
            elif roll < 0.5 and (example := one_left(examples.EXAMPLES, "removed")):
                examples.remove(db, {"example_id": example}, None)
            elif roll < 0.85:
                surprises.post(db, {"text": f"Surprise {rng.randrange(15)}"}, person)
                steps["surprises"] += 1
            elif roll < 0.92 and (surprise := one_left(surprises.SURPRISES, "withdrawn")):
                surprises.withdraw(db, {"surprise_id": surprise}, person)
            elif roll < 0.96 and len(people) > 4:
                examples.forget(db, person)
                surprises.forget(db, person)
                people.remove(person)
            else:  # a restart: the box opens its data file again, without the indexes
                db = restarted(db)
        except KioskError as error:
            assert error.code in ("too_many_examples", "pad_full", "too_many_surprises", "forbidden", "no_group")
        check()
    assert steps["examples"] > 150 and steps["surprises"] > 150


# --- Blockers and triggers -------------------------------------------------------------------

def item(db, who, kind, text, strength, actionable):
    return forces.add(db, {"kind": kind, "text": text, "strength": strength, "actionable": actionable}, who)[0]["item"]


def test_the_board_lists_the_strongest_first_and_the_levers_are_the_most_actionable(db):
    forces.open_board(db, {"prompt": "Qu'est-ce qui bloque ?"})
    item(db, 1, "blocker", "Élus frileux", 5, 2)
    item(db, 2, "trigger", "Un tiers-lieu", 4, 5)
    item(db, 3, "blocker", "Bénévoles épuisés", 4, 3)
    item(db, 4, "trigger", "Une crise", 5, 1)
    assert [i["text"] for i in forces.items(db)] == ["Élus frileux", "Une crise", "Un tiers-lieu", "Bénévoles épuisés"]
    formed = groups.form(db, {"count": 2, "from": "forces"})[0]["groups"]
    assert [(g["name"], g["source"]) for g in formed] == [("Un tiers-lieu", "forces"), ("Bénévoles épuisés", "forces")]


def test_a_figure_outside_one_to_five_or_another_kind_is_refused(db):
    refused("no_forces", forces.add, db, {"kind": "blocker", "text": "x", "strength": 3, "actionable": 3}, 1)
    forces.open_board(db, {})
    for bad in ({"strength": 0}, {"strength": 6}, {"strength": True}, {"strength": "3"}, {"actionable": 9},
                {"kind": "neutral"}, {"text": "x" * 141}):
        refused("bad_input", forces.add, db, {"kind": "blocker", "text": "Un frein", "strength": 3, "actionable": 3,
                                              **bad}, 1)
    assert forces.items(db) == []
    refused("no_forces", groups.form, db, {"count": 1, "from": "forces"})


def test_the_author_changes_their_item_while_the_board_is_open_and_the_facilitator_hides(db):
    forces.open_board(db, {})
    mine = item(db, 1, "blocker", "Élus frileux", 5, 2)
    _, evts = forces.add(db, {"kind": "blocker", "text": "élus  frileux", "strength": 1, "actionable": 1}, 1)
    assert evts == []  # a double tap
    refused("forbidden", forces.change, db, {"item_id": mine["id"], "strength": 1}, 2)
    forces.change(db, {"item_id": mine["id"], "actionable": 4}, 1)
    assert forces.items(db)[0]["actionable"] == 4 and forces.mine(db, 1) == [mine["id"]]
    _, evts = forces.set_hidden(db, {"item_id": mine["id"]}, True)
    assert [e.data for e in evts][0] == {"items": [{"id": mine["id"], "hidden": True}]}
    assert forces.public(db)["items"] == [] and forces.items(db) == []
    forces.close_board(db, {})
    refused("forces_closed", forces.change, db, {"item_id": mine["id"], "strength": 2}, 1)
    forces.change(db, {"item_id": mine["id"], "strength": 2}, None)  # the facilitator, at any time
    assert forces.console(db)["items"][0]["strength"] == 2


def test_a_removed_participant_leaves_the_board_and_the_pads_keep_their_examples(db):
    tables(db)
    forces.open_board(db, {})
    examples.open_pads(db, {})
    item(db, 1, "trigger", "Un tiers-lieu", 4, 5)
    add(db, 1, "Wikipédia")
    forces.forget(db, 1)
    examples.forget(db, 1)
    assert forces.items(db) == [] and forces.console(db)["items"][0]["author"] is None
    assert [e["title"] for e in examples.examples(db)] == ["Wikipédia"]


# --- Programmes in parts, a groups step's source ---------------------------------------------

def test_a_part_runs_until_the_next_and_a_programme_without_parts_has_none():
    programme = programmes.load_programme(SOCIETE)
    parts = list(dict.fromkeys(step.part for step in programme.steps))
    assert [p.split(" :")[0] for p in parts] == ["Mercredi", "Jeudi", "Vendredi"]
    assert all(step.part for step in programme.steps)
    assert programme.steps[0].public()["part"] == parts[0]
    english = programmes.load_programme(SOCIETE.with_name("societe-contributive.en.toml"))
    assert [s.phase for s in english.steps] == [s.phase for s in programme.steps]
    sharitories = programmes.load_programme(PROGRAMMES_DIR / "sharitories.fr.toml")
    assert all(step.part == "" and "part" not in step.public() for step in sharitories.steps)


def test_a_groups_step_names_its_source_and_an_unknown_one_is_a_problem(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text('title = "T"\nlang = "fr"\n[[steps]]\ntitle = "Tables"\nminutes = 5\nphase = "groups"\n'
                    'from = "chairs"\n', "utf-8")
    with pytest.raises(programmes.ProgrammeError) as error:
        programmes.load_programme(path)
    assert "steps[1].from: must be one of" in error.value.problems[0]
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    step = Step(title="Tables", phase="groups", duration_s=300, options={"groups": 4, "from": "tables"})
    groups.start(db, step, 2, 0.0)
    assert [g["name"] for g in groups.all_groups(db)] == ["Table 1", "Table 2", "Table 3", "Table 4"]
    assert groups.start(db, Step(title="Leviers", phase="groups", duration_s=300,
                                 options={"groups": 2, "from": "forces"}), 9, 0.0) == []  # never over existing groups


# --- Over the protocol ------------------------------------------------------------------------

def test_a_table_writes_its_pad_over_sockets_and_the_wall_sees_it(actions):
    console = actions.facilitator()
    wall = actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    assert console.emit("groups.form", {"count": 2, "from": "tables"}, callback=True)["ok"]
    table = events(wall, "groups.formed")[0]["groups"][0]["id"]
    for phone in (ana, bruno):
        assert phone.emit("group.join", {"group_id": table}, callback=True)["ok"]
    assert console.emit("examples.open", {}, callback=True)["ok"]
    answer = ana.emit("examples.add", {"title": "Wikipédia"}, callback=True)
    assert answer["ok"] and answer["example"]["table"] == "Table 1"
    clash = bruno.emit("examples.edit", {"example_id": answer["example"]["id"], "field": "title", "base": "Wiki",
                                         "text": "Wikipédia !"}, callback=True)
    assert clash == {"ok": False, "code": "conflict", "error": clash["error"]}
    assert "table" in clash["error"]
    seen = [e for batch in events(wall, "examples.changed") for e in batch["examples"]]
    assert [e["title"] for e in seen] == ["Wikipédia"]
    assert ana.emit("examples.sort", {"example_id": 1, "category_id": None}, callback=True)["code"] == "forbidden"


def test_forces_and_surprises_over_sockets_each_screen_hears_its_copy(actions):
    console = actions.facilitator()
    wall = actions.wall()
    ana = actions.phone("Ana")
    assert console.emit("forces.open", {"prompt": "Freins ?"}, callback=True)["ok"]
    posted = ana.emit("forces.add", {"kind": "trigger", "text": "Un tiers-lieu", "strength": 4, "actionable": 5},
                      callback=True)
    assert posted["ok"]
    assert [e["item_id"] for e in events(ana, "forces.mine")] == [posted["item"]["id"]]
    assert [i for b in events(wall, "forces.item") for i in b["items"]] == [posted["item"]]
    console_copy = [i for b in events(console, "forces.item") for i in b["items"]]
    assert console_copy[0]["author"] == ana.participant["id"]
    bad = ana.emit("forces.add", {"kind": "trigger", "text": "x", "strength": 7, "actionable": 5}, callback=True)
    assert bad["ok"] is False and "1" in bad["error"] and "5" in bad["error"]
    assert console.emit("surprises.open", {}, callback=True)["ok"]
    assert ana.emit("surprises.post", {"text": "Étonnant"}, callback=True)["code"] == "no_group"


def test_each_authors_forces_from_the_index_equal_a_reading_of_the_table_after_any_sequence(db):
    """Items, double taps, changes, hides, removed participants and restarts, in a seeded random
    order: after each step each phone's `me.forces` and the limit per person, read from the index of
    the items by author, equal what reading every item gives."""
    import random

    from conftest import restarted

    from kiosk import participants

    rng = random.Random(17)
    people = [participants.join(db, {"name": f"P{n}"})[0]["participant"]["id"] for n in range(8)]
    everyone = list(people)
    forces.open_board(db, {})
    for step in range(400):
        items = db.table(forces.ITEMS).all()
        roll = rng.random()
        try:
            if roll < 0.6 or not items:
                forces.add(db, {"kind": rng.choice(["blocker", "trigger"]), "text": f"Frein {rng.randrange(40)}",
                                "strength": 3, "actionable": 3}, rng.choice(people + [None]))
            elif roll < 0.72:
                doc = rng.choice(items)
                forces.change(db, {"item_id": doc.doc_id, "text": f"Levier {step}"}, doc.get("author"))
            elif roll < 0.82:
                forces.set_hidden(db, {"item_id": rng.choice(items).doc_id}, rng.random() < 0.5)
            elif roll < 0.87 and len(people) > 3:
                gone = rng.choice(people)
                participants.remove(db, {"participant_id": gone}, forces.forget, 100.0 + step)
                people.remove(gone)
            else:
                db = restarted(db)
        except KioskError as error:
            assert error.code in ("too_many_items", "forbidden")
        every = sorted(db.table(forces.ITEMS).all(), key=lambda d: d.doc_id)
        for person in everyone:
            assert forces.mine(db, person) == [d.doc_id for d in every if d.get("author") == person]
    assert len(db.table(forces.ITEMS)) > 100
