"""Choosing the deck: shipped, imported or from a USB stick; kept across a restart."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import PIN, events

from kiosk import create_app, library, usb

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "decks" / "collaborative-practices.en.toml"


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """A USB stick holding one good deck and one broken file, seen by the box."""
    mount = tmp_path / "stick"
    (mount / "decks").mkdir(parents=True)
    shutil.copy(ENGLISH, mount / "decks" / "mon-jeu.toml")
    (mount / "broken.toml").write_text('id = "x"\ntitle = ', encoding="utf-8")
    drive = usb.Drive(label="CLE", path=str(mount), free=10**9)
    monkeypatch.setattr(usb, "find_drives", lambda *a, **k: [drive])
    return mount


def entries(facilitator):
    answer = facilitator.emit("decks.list", {}, callback=True)
    assert answer["ok"], answer
    return answer["decks"]


def test_the_console_lists_the_box_decks_and_a_sticks_decks_with_their_problems(actions, stick):
    listed = entries(actions.facilitator())
    by_file = {e["file"]: e for e in listed}
    assert by_file["pratiques-collaboratives.fr.toml"]["source"] == "box"
    assert by_file["mon-jeu.toml"]["source"] == "usb" and by_file["mon-jeu.toml"]["ok"]
    assert by_file["broken.toml"]["ok"] is False and by_file["broken.toml"]["problems"]


def test_a_deck_from_a_stick_is_copied_into_the_box_and_used_by_everyone(actions, stick, app, client):
    facilitator, wall = actions.facilitator(), actions.wall()
    path = next(e["path"] for e in entries(facilitator) if e["file"] == "mon-jeu.toml")
    ack = facilitator.emit("deck.choose", {"path": path}, callback=True)
    assert ack["ok"] and ack["deck"]["id"] == "collaborative-practices"
    assert events(wall, "deck.changed")[0]["deck"]["title"] == ack["deck"]["title"]
    copied = Path(app.config["KIOSK"]["data"]) / "decks" / "mon-jeu.toml"
    assert copied.read_bytes() == ENGLISH.read_bytes()
    assert client.get("/api/state").json["deck"]["id"] == "collaborative-practices"
    assert client.get("/api/deck").json["id"] == "collaborative-practices"
    shutil.rmtree(stick)  # the stick leaves: the workshop keeps its deck
    again = create_app({"data": app.config["KIOSK"]["data"], "pin": PIN, "async_mode": "threading"})
    assert again.test_client().get("/api/state").json["deck"]["id"] == "collaborative-practices"


def test_a_broken_deck_or_an_unknown_path_is_refused_and_changes_nothing(actions, stick, client):
    facilitator = actions.facilitator()
    broken = next(e["path"] for e in entries(facilitator) if e["file"] == "broken.toml")
    assert facilitator.emit("deck.choose", {"path": broken}, callback=True)["code"] == "bad_deck"
    assert facilitator.emit("deck.choose", {"path": "/etc/passwd"}, callback=True)["code"] == "not_found"
    assert facilitator.emit("deck.choose", {}, callback=True)["code"] == "bad_input"
    assert client.get("/api/state").json["deck"]["id"] == "pratiques-collaboratives"


def test_the_deck_cannot_change_once_experts_use_it(actions, stick, client):
    facilitator, ana = actions.facilitator(), actions.phone("Ana")
    assert ana.emit("family.claim", {"family_id": "agriculture-urbaine"}, callback=True)["ok"]
    path = next(e["path"] for e in entries(facilitator) if e["file"] == "collaborative-practices.en.toml")
    ack = facilitator.emit("deck.choose", {"path": path}, callback=True)
    assert ack["code"] == "deck_in_use" and ack["error"]
    assert client.get("/api/state").json["deck"]["id"] == "pratiques-collaboratives"


def test_only_the_facilitator_chooses_the_deck(actions, stick):
    phone = actions.phone("Ana")
    assert phone.emit("decks.list", {}, callback=True)["code"] == "forbidden"
    assert phone.emit("deck.choose", {"path": str(ENGLISH)}, callback=True)["code"] == "forbidden"


def test_stick_files_are_looked_for_at_the_top_and_in_a_decks_folder_only(tmp_path):
    (tmp_path / "decks").mkdir()
    (tmp_path / "deep" / "er").mkdir(parents=True)
    for place in ("a.toml", "decks/b.toml", "deep/er/c.toml"):
        (tmp_path / place).write_text("")
    assert sorted(p.name for p in library._stick_files(tmp_path)) == ["a.toml", "b.toml"]


def test_the_cli_export_uses_the_deck_chosen_in_the_console_and_keeps_its_experts(actions, stick, app, tmp_path, capsys):
    from kiosk import cli

    # A deck of its own: its families are not the default deck's.
    own = (stick / "decks" / "mon-jeu.toml").read_text(encoding="utf-8")
    (stick / "decks" / "mon-jeu.toml").write_text(own.replace("agriculture-urbaine", "jardins-partages"), encoding="utf-8")
    facilitator, ana = actions.facilitator(), actions.phone("Ana")
    path = next(e["path"] for e in entries(facilitator) if e["file"] == "mon-jeu.toml")
    deck = facilitator.emit("deck.choose", {"path": path}, callback=True)["deck"]
    family = next(f for f in deck["families"] if f["id"] == "jardins-partages")
    assert ana.emit("family.claim", {"family_id": family["id"]}, callback=True)["ok"]

    assert cli.main(["export", "--data", app.config["KIOSK"]["data"], "--to", str(tmp_path / "out")]) == 0
    bundle = Path(capsys.readouterr().out.strip())
    results = json.loads((bundle / "results.json").read_text(encoding="utf-8"))
    assert results["deck"]["id"] == "collaborative-practices"
    assert results["claims"][family["id"]] == [1]
    assert f"{family['name']};" in (bundle / "families.csv").read_text(encoding="utf-8-sig")
    assert "Ana" in (bundle / "families.csv").read_text(encoding="utf-8-sig")
