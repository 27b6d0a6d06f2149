"""The README documents the whole protocol and every setting: a test fails when one is missing."""

from __future__ import annotations

from pathlib import Path

from kiosk.events import EVENT_TYPES
from kiosk.protocol import COMMANDS
from kiosk.settings import SETTINGS

README = Path(__file__).resolve().parent.parent / "README.md"


def protocol_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Protocol")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def test_every_registered_command_is_in_the_protocol_section():
    section = protocol_section()
    missing = [name for name in COMMANDS if f"`{name}`" not in section]
    assert missing == []


def test_every_event_type_is_in_the_protocol_section():
    section = protocol_section()
    missing = [name for name in EVENT_TYPES if f"`{name}`" not in section]
    assert missing == []


def test_every_setting_is_in_the_readme():
    text = README.read_text(encoding="utf-8")
    assert [s.env for s in SETTINGS if f"`{s.env}`" not in text] == []


def test_the_readme_shows_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "scripts/serve" in text and "scripts/test" in text
