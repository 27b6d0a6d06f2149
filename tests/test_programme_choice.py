"""Choosing the programme like a deck: shipped, imported or from a USB stick, before the first step;
`kiosk serve --programme`; `kiosk programme phases`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import PIN, events

from kiosk import activities, cli, create_app, usb

ROOT = Path(__file__).resolve().parent.parent
ENGLISH = ROOT / "decks" / "programmes" / "sharitories.en.toml"


@pytest.fixture
def stick(tmp_path, monkeypatch):
    """A USB stick with a programmes folder: one short programme and one broken file."""
    mount = tmp_path / "stick"
    (mount / "programmes").mkdir(parents=True)
    (mount / "programmes" / "court.toml").write_text(
        'title = "Atelier court"\nlang = "fr"\n\n[[steps]]\ntitle = "Accueil"\nminutes = 5\nphase = "welcome"\n\n'
        '[[steps]]\ntitle = "Idées"\nminutes = 20\nphase = "issues"\n', encoding="utf-8")
    (mount / "programmes" / "broken.toml").write_text('title = "x"\nsteps = 3\n', encoding="utf-8")
    drive = usb.Drive(label="CLE", path=str(mount), free=10**9)
    monkeypatch.setattr(usb, "find_drives", lambda *a, **k: [drive])
    return mount


def listed(facilitator) -> dict[str, dict]:
    answer = facilitator.emit("programmes.list", {}, callback=True)
    assert answer["ok"], answer
    return {entry["file"]: entry for entry in answer["programmes"]}


def test_the_console_lists_the_shipped_programmes_and_a_sticks_with_their_problems(actions, stick):
    by_file = listed(actions.facilitator())
    assert by_file["sharitories.fr.toml"]["source"] == "box" and by_file["sharitories.fr.toml"]["steps"] == 10
    assert by_file["sharitories.en.toml"]["lang"] == "en"
    assert by_file["court.toml"]["source"] == "usb" and by_file["court.toml"]["minutes"] == 25
    assert by_file["broken.toml"]["ok"] is False and by_file["broken.toml"]["problems"]


def test_a_programme_from_a_stick_is_copied_in_runs_and_stays_after_a_restart(actions, stick, app, box):
    facilitator = actions.facilitator()
    ack = facilitator.emit("programme.choose", {"path": listed(facilitator)["court.toml"]["path"]}, callback=True)
    assert ack["ok"] and ack["programme"]["title"] == "Atelier court"
    assert events(facilitator, "programme.changed")[0]["programme"]["steps"][1]["phase"] == "issues"
    copied = Path(app.config["KIOSK"]["data"]) / "programmes" / "court.toml"
    assert copied.is_file() and box.programme.title == "Atelier court"
    step = facilitator.emit("programme.next", {}, callback=True)["step"]
    assert (step["title"], step["count"]) == ("Accueil", 2)
    shutil.rmtree(stick)  # the stick leaves: the workshop keeps its programme
    again = create_app({"data": app.config["KIOSK"]["data"], "pin": PIN, "async_mode": "threading"})
    assert again.extensions["kiosk_box"].programme.title == "Atelier court"


def test_no_other_programme_once_the_first_step_has_begun(actions, stick, box):
    facilitator = actions.facilitator()
    assert facilitator.emit("programme.next", {}, callback=True)["ok"]
    answer = facilitator.emit("programme.choose", {"path": str(ENGLISH)}, callback=True)
    assert answer["code"] == "programme_started" and "première étape" in answer["error"]
    assert box.programme.lang == "fr"
    assert not (Path(box.data_dir) / "programmes").exists()  # nothing was copied


@pytest.mark.parametrize("path", ["", "/etc/passwd", str(ROOT / "decks" / "pratiques-collaboratives.fr.toml")])
def test_a_path_the_box_does_not_list_is_refused(actions, box, path):
    answer = actions.facilitator().emit("programme.choose", {"path": path}, callback=True)
    assert answer["ok"] is False and answer["code"] in ("bad_input", "not_found")
    assert box.programme.title.startswith("Sharitories")


def test_only_the_facilitator_chooses_a_programme(actions):
    phone = actions.phone()
    assert phone.emit("programme.choose", {"path": str(ENGLISH)}, callback=True)["code"] == "forbidden"


def test_kiosk_serve_takes_a_programme_by_name_or_path(tmp_path):
    args = cli._parser().parse_args(["serve", "--programme", str(ENGLISH)])
    assert args.programme == str(ENGLISH)
    app = create_app({"data": str(tmp_path / "data"), "programme": args.programme, "async_mode": "threading"})
    assert app.extensions["kiosk_box"].programme.lang == "en"
    named = create_app({"data": str(tmp_path / "other"), "programme": "sharitories", "deck": "collaborative-practices",
                        "async_mode": "threading"})
    assert named.extensions["kiosk_box"].programme.lang == "en"  # in the deck's language


def test_kiosk_programme_phases_prints_every_phase_and_its_step_options(capsys):
    assert cli.main(["programme", "phases"]) == 0
    out = capsys.readouterr().out
    printed = [line.split()[0] for line in out.splitlines() if line and not line.startswith(" ")][:-1]
    assert printed == list(activities.PHASES)
    for activity in activities.ACTIVITIES:
        for option in activity.step_keys:
            assert f"{option} = " in out
