"""The analysis grid (DOMINO, seed 001): axes validated from a vote (six at most), groups around
them, each group's grid written by several members at once without loss, flags, the secretary's
order, the resources list, the wall's views, Next with the step options, and the export."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import refused
from tinydb import TinyDB
from tinydb.storages import MemoryStorage

from kiosk import export, participants, programmes, timer, workshop
from kiosk.activities.grid import domain as grid
from kiosk.activities.groups import domain as groups
from kiosk.activities.review import domain as review
from kiosk.activities.vote import domain as votes
from kiosk.programmes import ProgrammeError

AXES = ["Se loger", "Se déplacer", "Se nourrir", "Consommer et réparer", "Travailler", "Partager des savoirs",
        "Prendre soin", "Financer"]
T0 = 1_700_000_000.0


@pytest.fixture
def db():
    """Twelve participants; a closed review of eight proposed axes and a closed dot vote on them,
    the axes ranked in the order of AXES."""
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    for n in range(12):
        participants.join(db, {"name": f"P{n + 1}"})
    review.open_review(db, {"prompt": "Quels axes ?", "buckets": ["Axes"]}, None)
    notes = [review.post(db, {"bucket": "Axes", "text": text}, 1 + n % 12)[0]["note"] for n, text in enumerate(AXES)]
    votes.open_vote(db, {"method": "dots", "dots": 20, "max_per_issue": 20, "source": "review", "bucket": "Axes"})
    for rank, note in enumerate(notes):
        votes.cast(db, {"issue_id": note["id"], "dots": 20 - 2 * rank}, 1 + rank)
    votes.close_vote(db, {})
    return db


def validated(db, count=3):
    """`count` axes, one group per axis, participants 1-4 in the first, 5-8 in the second, 9-12 in
    the third; 1, 5 and 9 their secretaries."""
    grid.validate(db, {"count": count})
    formed = groups.form(db, {"from": "grid", "count": count})[0]["groups"]
    for person in range(1, 13):
        groups.join(db, {"group_id": formed[(person - 1) // 4]["id"]}, person)
    for k, group in enumerate(formed):
        groups.set_secretary(db, {"group_id": group["id"], "participant_id": 1 + 4 * k}, None)
    return grid.public(db)["axes"]


# --- The axes -------------------------------------------------------------------------------------

def test_the_vote_top_six_become_the_axes_when_eight_were_proposed(db):
    result, evts = grid.validate(db, {})
    assert [a["title"] for a in result["grid"]["axes"]] == AXES[:6]
    assert [e.name for e in evts] == ["grid.axes"]


def test_a_seventh_axis_is_refused(db):
    refused("bad_input", grid.validate, db, {"count": 7})
    assert grid.public(db)["axes"] == []


def test_the_axes_step_option_is_six_at_most(tmp_path):
    path = tmp_path / "jour.fr.toml"
    path.write_text('title = "Jour"\nlang = "fr"\n[[steps]]\ntitle = "Axes"\nminutes = 5\nphase = "axes"\naxes = 7\n',
                    encoding="utf-8")
    with pytest.raises(ProgrammeError) as error:
        programmes.load_programme(path)
    assert any("axes" in p and "1 to 6" in p for p in error.value.problems)


def test_axes_need_a_closed_vote(db):
    votes.open_vote(db, {"method": "dots", "source": "review", "bucket": "Axes", "replace": True})
    refused("no_results", grid.validate, db, {})


def test_the_groups_are_formed_one_per_axis_and_name_it(db):
    axes = validated(db)
    assert [a["title"] for a in axes] == AXES[:3]
    assert all(a["group_id"] is not None for a in axes)
    named = {g["id"]: g for g in groups.all_groups(db)}
    assert [named[a["group_id"]]["name"] for a in axes] == AXES[:3]
    assert {named[a["group_id"]]["source"] for a in axes} == {"grid"}


def test_the_axes_cannot_be_validated_again_once_a_grid_is_started(db):
    axes = validated(db)
    grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "Habitat participatif"}, 2)
    refused("grid_started", grid.validate, db, {"count": 2})
    refused("grid_started", grid.drop, db, {"axis_id": axes[0]["id"]})
    grid.drop(db, {"axis_id": axes[2]["id"]})
    assert [a["title"] for a in grid.public(db)["axes"]] == AXES[:2]


# --- Who writes -----------------------------------------------------------------------------------

def test_only_the_axis_group_writes_its_grid(db):
    axes = validated(db)
    refused("not_member", grid.add_row, db, {"axis_id": axes[0]["id"], "practice": "Autopartage"}, 5)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "Autopartage"}, 2)[0]["row"]
    refused("not_member", grid.add_entry, db, {"row_id": row["id"], "column": "examples", "text": "X"}, 9)
    entry = grid.add_entry(db, {"row_id": row["id"], "column": "examples", "text": "Citiz"}, None)[0]["entry"]
    assert entry["author"] is None  # the facilitator writes anywhere


def test_hostile_text_is_cleaned_or_refused_and_changes_nothing(db):
    axes = validated(db)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "  Habitat\u202e  participatif "}, 2)[0]["row"]
    assert row["practice"] == "Habitat participatif"
    refused("bad_input", grid.add_entry, db, {"row_id": row["id"], "column": "examples", "text": "x" * 201}, 2)
    refused("bad_input", grid.add_entry, db, {"row_id": row["id"], "column": "budget", "text": "x"}, 2)
    refused("bad_input", grid.add_entry, db, {"row_id": row["id"], "column": "examples", "text": "x", "flag": "top"}, 2)
    refused("bad_input", grid.add_row, db, {"axis_id": axes[0]["id"], "practice": ["x"]}, 2)
    assert grid.public(db)["entries"] == []


# --- Several members at once ----------------------------------------------------------------------

def test_two_members_writing_in_one_cell_at_once_both_keep_their_text(db):
    axes = validated(db)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "Habitat participatif"}, 2)[0]["row"]
    a = grid.add_entry(db, {"row_id": row["id"], "column": "stakes", "text": "Garder les jeunes"}, 2)[0]["entry"]
    b = grid.add_entry(db, {"row_id": row["id"], "column": "stakes", "text": "Le foncier"}, 3)[0]["entry"]
    cell = [e for e in grid.public(db)["entries"] if e["row_id"] == row["id"] and e["column"] == "stakes"]
    assert [(e["text"], e["author"]) for e in cell] == [("Garder les jeunes", 2), ("Le foncier", 3)]
    # Each rewrites their own; another's entry is not theirs to change.
    refused("forbidden", grid.edit_entry, db, {"entry_id": a["id"], "text": "Effacé"}, 3)
    grid.edit_entry(db, {"entry_id": a["id"], "text": "Garder les jeunes ménages", "base": "Garder les jeunes"}, 2)
    grid.edit_entry(db, {"entry_id": b["id"], "text": "Le foncier cher", "base": "Le foncier"}, 3)
    texts = sorted(e["text"] for e in grid.public(db)["entries"])
    assert texts == ["Garder les jeunes ménages", "Le foncier cher"]


def test_an_edit_from_a_stale_text_is_refused_with_the_saved_one(db):
    axes = validated(db)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "Habitat"}, 2)[0]["row"]
    entry = grid.add_entry(db, {"row_id": row["id"], "column": "cultural", "text": "Méfiance"}, 2)[0]["entry"]
    grid.edit_entry(db, {"entry_id": entry["id"], "text": "Méfiance du voisin", "base": "Méfiance"}, 2)  # phone 1
    error = refused("conflict", grid.edit_entry, db, {"entry_id": entry["id"], "text": "Peur", "base": "Méfiance"}, 2)
    assert "Méfiance du voisin" in str(error)
    assert grid.public(db)["entries"][0]["text"] == "Méfiance du voisin"


def test_a_double_tap_adds_one_entry_and_one_row(db):
    axes = validated(db)
    first = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "Habitat"}, 2)
    again = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "habitat "}, 3)
    assert again == ({"row": first[0]["row"]}, [])
    row = first[0]["row"]
    grid.add_entry(db, {"row_id": row["id"], "column": "examples", "text": "Babayagas"}, 2)
    _, evts = grid.add_entry(db, {"row_id": row["id"], "column": "examples", "text": "Babayagas"}, 2)
    assert evts == [] and len(grid.public(db)["entries"]) == 1


# --- Flags, order, resources ----------------------------------------------------------------------

def test_any_member_flags_any_entry_and_clears_it(db):
    axes = validated(db)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "Habitat"}, 2)[0]["row"]
    entry = grid.add_entry(db, {"row_id": row["id"], "column": "innovation", "text": "Bail collectif",
                                "flag": "pepite"}, 2)[0]["entry"]
    assert entry["flag"] == "pepite"
    assert grid.flag_entry(db, {"entry_id": entry["id"], "flag": "vigilance"}, 3)[0]["entry"]["flag"] == "vigilance"
    refused("not_member", grid.flag_entry, db, {"entry_id": entry["id"], "flag": "pepite"}, 6)
    refused("bad_input", grid.flag_entry, db, {"entry_id": entry["id"], "flag": "gold"}, 3)
    assert grid.flag_entry(db, {"entry_id": entry["id"], "flag": None}, 4)[0]["entry"]["flag"] is None


def test_the_secretary_orders_the_rows_and_a_member_cannot(db):
    axes = validated(db)
    ids = [grid.add_row(db, {"axis_id": axes[0]["id"], "practice": p}, 2)[0]["row"]["id"] for p in ("A", "B", "C")]
    refused("not_secretary", grid.order_rows, db, {"axis_id": axes[0]["id"], "row_ids": ids[::-1]}, 2)
    refused("bad_input", grid.order_rows, db, {"axis_id": axes[0]["id"], "row_ids": ids[:2]}, 1)
    _, evts = grid.order_rows(db, {"axis_id": axes[0]["id"], "row_ids": [ids[2], ids[0], ids[1]]}, 1)
    assert [e.name for e in evts] == ["grid.rows"]
    assert [r["practice"] for r in grid.public(db)["axes"][0]["rows"]] == ["C", "A", "B"]


def test_removing_a_practice_takes_its_entries(db):
    axes = validated(db)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "A"}, 2)[0]["row"]
    grid.add_entry(db, {"row_id": row["id"], "column": "examples", "text": "x"}, 3)
    refused("not_secretary", grid.remove_row, db, {"row_id": row["id"]}, 2)
    _, evts = grid.remove_row(db, {"row_id": row["id"]}, 1)
    assert [e.name for e in evts] == ["grid.rows", "grid.entries"]
    assert evts[1].data["entries"][0]["removed"] is True
    assert grid.public(db)["entries"] == [] and grid.public(db)["axes"][0]["rows"] == []


def test_each_group_lists_its_resources(db):
    axes = validated(db)
    grid.add_resource(db, {"axis_id": axes[1]["id"], "text": "L'étude de l'ADEME"}, 6)
    refused("not_member", grid.add_resource, db, {"axis_id": axes[1]["id"], "text": "x"}, 2)
    resource = grid.public(db)["axes"][1]["resources"][0]
    refused("not_secretary", grid.remove_resource, db, {"resource_id": resource["id"]}, 7)
    grid.remove_resource(db, {"resource_id": resource["id"]}, 6)
    assert grid.public(db)["axes"][1]["resources"] == []


def test_the_events_go_to_the_screens_and_the_axis_group_only(db):
    axes = validated(db)
    _, evts = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "A"}, 2)
    assert set(evts[0].to) == {"wall", "facilitator", *(f"participant:{p}" for p in (1, 2, 3, 4))}


def test_the_wall_view_follows_the_console_and_falls_back_when_the_axis_goes(db):
    axes = validated(db)
    assert grid.shown(db) == {"view": "matrix", "axis_id": None}
    grid.show(db, {"view": "axis", "axis_id": axes[2]["id"]})
    assert grid.shown(db) == {"view": "axis", "axis_id": axes[2]["id"]}
    grid.drop(db, {"axis_id": axes[2]["id"]})
    assert grid.shown(db) == {"view": "matrix", "axis_id": None}
    refused("bad_input", grid.show, db, {"view": "poster"})


# --- Next -----------------------------------------------------------------------------------------

def test_next_validates_the_axes_then_forms_their_groups_and_sets_the_wall(db, tmp_path):
    path = tmp_path / "jour.fr.toml"
    path.write_text('title = "Jour"\nlang = "fr"\n'
                    '[[steps]]\ntitle = "Accueil"\nminutes = 5\nphase = "welcome"\n'
                    '[[steps]]\ntitle = "Axes"\nminutes = 5\nphase = "axes"\naxes = 4\n'
                    '[[steps]]\ntitle = "Groupes"\nminutes = 5\nphase = "groups"\nfrom = "grid"\ngroups = 6\n'
                    '[[steps]]\ntitle = "Grille"\nminutes = 5\nphase = "grid"\nshow = "axis"\n', encoding="utf-8")
    programme = programmes.load_programme(path)
    timer.next_step(db, programme, {}, T0)
    timer.next_step(db, programme, {}, T0 + 10)
    assert [a["title"] for a in grid.public(db)["axes"]] == AXES[:4]
    timer.next_step(db, programme, {}, T0 + 20)
    assert [g["name"] for g in groups.all_groups(db)] == AXES[:4]
    timer.next_step(db, programme, {}, T0 + 30)
    assert grid.shown(db) == {"view": "axis", "axis_id": grid.public(db)["axes"][0]["id"]}
    timer.previous_step(db, programme, {}, T0 + 40)
    timer.next_step(db, programme, {}, T0 + 50)  # Back and Next change nothing
    assert [g["name"] for g in groups.all_groups(db)] == AXES[:4]


def test_a_grid_step_option_on_an_axes_step_is_a_problem(tmp_path):
    path = tmp_path / "jour.fr.toml"
    path.write_text('title = "Jour"\nlang = "fr"\n[[steps]]\ntitle = "G"\nminutes = 5\nphase = "grid"\nshow = "poster"\n'
                    '[[steps]]\ntitle = "A"\nminutes = 5\nphase = "axes"\nshow = "matrix"\n', encoding="utf-8")
    with pytest.raises(ProgrammeError) as error:
        programmes.load_programme(path)
    assert len([p for p in error.value.problems if "show" in p]) == 2


# --- Forgetting and the export --------------------------------------------------------------------

def test_a_removed_participant_s_entries_stay_without_their_name(db):
    axes = validated(db)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "A"}, 2)[0]["row"]
    grid.add_entry(db, {"row_id": row["id"], "column": "examples", "text": "x"}, 2)
    evts = grid.forget(db, 2)
    assert {e.name for e in evts} == {"grid.rows", "grid.entries"}
    assert grid.public(db)["entries"][0]["author"] is None and grid.public(db)["axes"][0]["rows"][0]["author"] is None


def test_the_export_lays_each_axis_out_as_the_grid(db):
    axes = validated(db)
    row = grid.add_row(db, {"axis_id": axes[0]["id"], "practice": "Habitat participatif"}, 2)[0]["row"]
    grid.add_entry(db, {"row_id": row["id"], "column": "examples", "text": "=Babayagas", "flag": "pepite"}, 2)
    grid.add_entry(db, {"row_id": row["id"], "column": "examples", "text": "Hameau des Buis"}, 3)
    grid.add_resource(db, {"axis_id": axes[0]["id"], "text": "Étude ADEME"}, 4)
    bundle = export.build(export.collect(db, None))
    lines = list(csv.reader(io.StringIO(bundle.files["grid.csv"].decode("utf-8-sig")), delimiter=";"))
    assert lines[0] == ["Axe", "Pratique", "Colonne", "Texte", "Marque", "Groupe de l’auteur"]
    assert lines[1:] == [["Se loger", "Habitat participatif", "Exemples emblématiques", "'=Babayagas", "Pépite", "Se loger"],
                         ["Se loger", "Habitat participatif", "Exemples emblématiques", "Hameau des Buis", "", "Se loger"]]
    sheet = list(csv.reader(io.StringIO(bundle.files["grid-axis-1.csv"].decode("utf-8-sig")), delimiter=";"))
    assert sheet[0] == ["Pratique", "Exemples emblématiques", "Enjeux territoriaux", "Pistes d’innovation",
                        "Limites réglementaires", "Freins culturels"]
    assert sheet[1] == ["Habitat participatif", "★ Pépite\u00a0: =Babayagas\nHameau des Buis", "", "", "", ""]
    assert sheet[-1] == ["À collecter d’ici le prochain atelier", "Étude ADEME"]
    assert bundle.files["grid.pdf"].startswith(b"%PDF")
