"""The activity registry: every activity complete, nothing claimed twice, everything documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask_babel import force_locale
from conftest import PIN

from kiosk import activities, events, protocol
from kiosk.activities import ACTIVITIES, CORE_KEYS, Activity, check

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
GOLDEN_EXPORT = ROOT / "tests" / "golden" / "sharitories" / "export.json"
PHASES = [(activity, phase) for activity in ACTIVITIES for phase in activity.phases]


def _section(title: str) -> str:
    start = README.index(f"\n## {title}")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


@pytest.mark.parametrize("activity,phase", PHASES, ids=[phase for _, phase in PHASES])
def test_every_phase_has_a_name_and_a_text_in_both_languages(app, activity, phase):
    name, text = activity.phases[phase]
    with app.test_request_context():
        for lang in ("fr", "en"):
            with force_locale(lang):
                assert str(name).strip() and str(text).strip(), (phase, lang)


@pytest.mark.parametrize("activity,phase", PHASES, ids=[phase for _, phase in PHASES])
@pytest.mark.parametrize("screen", ["phone", "wall"])
def test_every_phase_has_a_phone_and_a_wall_partial(activity, phase, screen):
    # `wall.html`, or a partial placed elsewhere on that screen (`wall_board.html`: under the board shown large).
    folder = ROOT / "templates" / "activities" / activity.name
    partials = list(folder.glob(f"{screen}.html")) + list(folder.glob(f"{screen}_*.html"))
    assert partials, f"{activity.name} shows its phase {phase!r} on no {screen}: no {folder}/{screen}*.html"
    script = ROOT / "static" / "js" / "activities" / activity.name / f"{screen}.js"
    assert script.is_file(), f"{activity.name} has a {screen} partial but no {script}"


CONSOLES = [a for a in ACTIVITIES if (ROOT / "templates" / "activities" / a.name / "console.html").is_file()]


@pytest.mark.parametrize("activity", CONSOLES, ids=[a.name for a in CONSOLES])
def test_every_console_panel_opens_on_its_activitys_phases(activity):
    # On a phone the console's panels start folded; a panel opens when the workshop enters a phase it names.
    html = (ROOT / "templates" / "activities" / activity.name / "console.html").read_text(encoding="utf-8")
    section = re.match(r"\s*<section\b[^>]*>", html)
    assert section, f"{activity.name}/console.html does not start with its panel's <section>"
    named = re.search(r'data-phases="([^"]*)"', section.group(0))
    missing = set(activity.phases) - set(named.group(1).split() if named else ())
    assert not missing, f"{activity.name}/console.html: its section's data-phases lacks {sorted(missing)}"


def test_every_activity_reduces_its_events_in_one_module():
    for activity in ACTIVITIES:
        assert (ROOT / "static" / "js" / "activities" / activity.name / "events.js").is_file(), activity.name


def test_the_registry_is_well_formed_as_shipped():
    check(ACTIVITIES)
    assert activities.PHASES[0] == "welcome" and activities.PHASES[-1] == "closing"
    assert len(set(activities.PHASES)) == len(activities.PHASES)


@pytest.mark.parametrize("twice", [
    (Activity("a"), Activity("a")),
    (Activity("a", phases={"x": ("X", "X")}), Activity("b", phases={"x": ("X", "X")})),
    (Activity("a", phases={"welcome": ("W", "W")}),),
    (Activity("a", keys=("cloud",)), Activity("b", keys=("cloud",))),
    (Activity("a", keys=("phase",)),),
    (Activity("a", console_keys=("secret",)), Activity("b", keys=("secret",))),
    (Activity("a", me_keys=("mine",)), Activity("b", me_keys=("mine",))),
    (Activity("a", strings={"hello_cloud": "Hi"}), Activity("b", strings={"hello_cloud": "Hi"})),
], ids=["name", "phase", "core phase", "snapshot key", "core key", "console key", "me key", "ui string"])
def test_a_name_phase_key_or_string_claimed_twice_is_refused(twice):
    with pytest.raises(RuntimeError, match="claimed by both"):
        check(ACTIVITIES + twice)


def test_a_ui_string_of_the_core_cannot_be_claimed_by_an_activity():
    from kiosk.pages import CORE_STRINGS

    with pytest.raises(RuntimeError, match="claimed by both"):
        check(ACTIVITIES + (Activity("cloud", strings={"hello": "Hi"}),), CORE_STRINGS)


def test_a_command_or_an_event_registered_twice_fails():
    with pytest.raises(RuntimeError, match="registered twice"):
        protocol.command("vote.open", protocol.FACILITATOR, "again")(lambda ctx: ({}, []))
    with pytest.raises(RuntimeError, match="declared twice"):
        events.event_type("vote.opened", "again")


def test_each_activity_returns_exactly_the_snapshot_keys_it_declares(actions, box):
    console = actions.facilitator()
    phone = actions.phone("Ana")
    assert console.emit("issue.propose", {"text": "Un jardin partagé"}, callback=True)["ok"]
    participant = phone.participant["id"]
    for activity in ACTIVITIES:
        def read(db, activity=activity):
            parts = []
            if activity.public:
                parts.append((activity.keys, activity.public(db, box.deck)))
            if activity.personal:
                parts.append((activity.me_keys, activity.personal(db, participant)))
            if activity.console:
                parts.append((activity.console_keys, activity.console(db)))
            return parts

        for declared, part in box.store.read(read):
            assert sorted(part) == sorted(declared), activity.name


def test_the_snapshots_hold_the_core_keys_and_every_activitys():
    golden = json.loads((ROOT / "tests" / "golden" / "sharitories" / "console.snapshots.json").read_text("utf-8"))
    phone = json.loads((ROOT / "tests" / "golden" / "sharitories" / "ana.snapshots.json").read_text("utf-8"))
    console_keys = set(CORE_KEYS) - {"me"} | {k for a in ACTIVITIES for k in a.keys + a.console_keys}
    assert set(golden["10-closing"]) == console_keys
    me_keys = {"id", "name", "contact", "share_contact"} | {k for a in ACTIVITIES for k in a.me_keys}
    assert set(phone["10-closing"]["me"]) == me_keys


def test_the_readme_lists_every_phase_snapshot_key_and_export_file():
    protocol_section = _section("Protocol")
    for phase in activities.PHASES:
        assert f"`{phase}`" in protocol_section, f"the README's Protocol section misses the phase {phase}"
    for key in set(CORE_KEYS) | {k for a in ACTIVITIES for k in a.keys + a.me_keys + a.console_keys}:
        assert f"`{key}`" in protocol_section, f"the README's Protocol section misses the snapshot key {key}"
    export_section = _section("Export")
    files = [name for name in json.loads(GOLDEN_EXPORT.read_text("utf-8")) if name != "name"]
    for name in files:
        assert f"`{re.sub(r'-[0-9]+[.]', '-1.', name)}`" in export_section, f"the README's Export misses {name}"
