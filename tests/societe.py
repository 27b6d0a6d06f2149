"""The société contributive programme for the tests: the shipped file, or, while the statements
unit (another branch's) is not in this build, a copy without its step, so that the rest of the
three days is tested now and the whole programme once both are merged."""

from __future__ import annotations

from pathlib import Path

from kiosk.activities import PHASES

DIR = Path(__file__).resolve().parent.parent / "decks" / "programmes"
NAME = "societe-contributive"


def programme(tmp_path: Path, lang: str = "fr") -> Path:
    shipped = DIR / f"{NAME}.{lang}.toml"
    if "statements" in PHASES:
        return shipped
    blocks = shipped.read_text("utf-8").split("[[steps]]")
    copy = tmp_path / f"{NAME}.{lang}.toml"
    copy.write_text("[[steps]]".join(b for b in blocks if 'phase = "statements"' not in b), "utf-8")
    return copy
