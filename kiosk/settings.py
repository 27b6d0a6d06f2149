"""One table of settings: it drives the configuration, the command-line help and the README.

A setting's value comes, last one wins, from: its default, `settings.toml` in the data directory,
its `KIOSK_*` environment variable, then the command line or a test's config.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable



@dataclass(frozen=True)
class Setting:
    """One setting: its name in code and in `settings.toml`, its environment variable, its help."""

    name: str
    default: Any
    help: str
    parse: Callable[[str], Any] = str

    @property
    def env(self) -> str:
        return "KIOSK_" + self.name.upper()


def _bool(text: str) -> bool:
    return str(text).strip().lower() in {"1", "true", "yes", "on", "oui"}


def _choice(text: str, options: tuple[str, ...], env: str) -> str:
    text = str(text).strip().lower()
    if text not in options:
        raise ValueError(f"{env} takes {' or '.join(options)}")
    return text


def _lang(text: str) -> str:
    text = str(text).strip().lower()[:2]
    if text not in {"fr", "en"}:
        raise ValueError("KIOSK_LANG takes fr or en")
    return text


SETTINGS: tuple[Setting, ...] = (
    Setting("data", "./kiosk-data", "Directory holding the workshop's data, PIN and secret key."),
    Setting("host", "0.0.0.0", "Address the box listens on."),
    Setting("port", 8000, "Port the box listens on.", int),
    Setting("deck", None, "Card deck: an id from decks/ or a path to a deck file (default: the deck in the box's "
            "language, pratiques-collaboratives in French, collaborative-practices in English)."),
    Setting("programme", "sharitories", "Programme (the timed agenda): a name from decks/programmes/, whose file in the "
            "deck's language is taken (sharitories: sharitories.fr.toml for a French deck), or a path to a programme file."),
    Setting("pin", None, "Facilitator PIN; when unset one is generated at first start and kept in the data directory."),
    Setting("public_url", None, "Join URL printed and put in the QR codes (default: http://<LAN address>:<port>/)."),
    Setting("wifi_ssid", None, "Wi-Fi network name: when set, the wall shows a QR code that joins it."),
    Setting("wifi_password", None, "Wi-Fi password for that QR code (leave unset for an open network)."),
    Setting("lang", "fr", "Language of the box: fr or en. Phones and consoles follow their browser's language.", _lang),
    Setting("portal", "online", "How the box answers phones' captive-portal probes: online (stay quietly) or portal "
            "(open the join page).", lambda text: _choice(text, ("online", "portal"), "KIOSK_PORTAL")),
    Setting("join_cap", 5, "How many participants may join from one network address (0: no cap; the box's own "
            "address has none). On the box's hotspot, and behind a travel router, each phone has its own address; 5 "
            "leaves room for a phone that rejoins after clearing its data and a tablet passed round a table, while a "
            "laptop cannot make a crowd of voters. Those removed by the facilitator still count.", int),
    Setting("secure_cookies", False, "Mark cookies Secure (only behind an HTTPS proxy).", _bool),
    Setting("network_mode", "none", "How the installed box reaches the phones, set by scripts/install-pi: hotspot (its "
            "own Wi-Fi), join (a travel router's or the venue's Wi-Fi) or none (the network is left as it is).",
            lambda text: _choice(text, ("hotspot", "join", "none"), "KIOSK_NETWORK_MODE")),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


def load_settings(overrides: dict | None = None, environ: dict | None = None) -> dict:
    """Resolve every setting: defaults, then data dir's settings.toml, environment, overrides."""
    environ = os.environ if environ is None else environ
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    values = {s.name: s.default for s in SETTINGS}
    data_dir = overrides.get("data") or environ.get(BY_NAME["data"].env) or values["data"]
    toml_path = Path(data_dir) / "settings.toml"
    if toml_path.exists():
        with open(toml_path, "rb") as handle:
            for key, value in tomllib.load(handle).items():
                if key in BY_NAME:
                    values[key] = value
    for setting in SETTINGS:
        if environ.get(setting.env) not in (None, ""):
            values[setting.name] = setting.parse(environ[setting.env])
    for key, value in overrides.items():
        if key in BY_NAME:
            values[key] = value
    values["data"] = str(Path(values["data"]))
    return values
