"""Translations: the French catalogue is complete and compiled, and each screen picks its language.

Message ids are English and French is every screen's default, so a string without a French
translation shows English to a French room. `scripts/i18n` extracts, updates and compiles; these
tests fail until its output is translated and committed.
"""

from __future__ import annotations

import gettext
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from markupsafe import escape

from kiosk import create_app

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "kiosk" / "translations"
FR_PO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.po"
FR_MO = TRANSLATIONS / "fr" / "LC_MESSAGES" / "messages.mo"
KEYWORDS = ("N_", "_l", "lazy_gettext")  # as in babel.cfg and scripts/i18n

# %(name)s, %d, %% (printf style, as the edge and Jinja format them) and {name} (as the pages' scripts do).
PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]|\{\w+\}")
NBSP = "\u00a0"


def read_catalog(path: Path):
    with open(path, "rb") as handle:
        return read_po(handle)


@pytest.fixture(scope="module")
def french():
    return read_catalog(FR_PO)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What `scripts/i18n` would extract from the sources right now."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    subprocess.run([sys.executable, "-c", "from babel.messages.frontend import main; main()",
                    "-q", "extract", "-F", "babel.cfg", *keywords, "--no-location", "-o", str(pot), "."],
                   cwd=ROOT, check=True)
    return read_catalog(pot)


def fr(catalog, msgid: str) -> str:
    """A message as a French page shows it (HTML-escaped like Jinja does)."""
    return str(escape(catalog[msgid].string))


def translated(catalog):
    return [m for m in catalog if m.id and not isinstance(m.id, tuple)]


# --- The catalogue ------------------------------------------------------------------------------

def test_every_extracted_message_has_a_french_entry(extracted, french):
    missing = sorted(m.id for m in extracted if m.id and french.get(m.id) is None)
    assert not missing, f"run scripts/i18n and translate: {missing}"


def test_no_french_translation_is_empty_or_fuzzy(french):
    todo = sorted(m.id for m in french if m.id and (m.fuzzy or not m.string or
                                                  (isinstance(m.string, tuple) and not all(m.string))))
    assert not todo, f"translate these in {FR_PO.relative_to(ROOT)} (and drop '#, fuzzy'): {todo}"


def test_compiled_mo_matches_the_po(french):
    fresh = io.BytesIO()
    write_mo(fresh, french)
    fresh.seek(0)
    with open(FR_MO, "rb") as handle:
        committed = gettext.GNUTranslations(handle)
    expected = gettext.GNUTranslations(fresh)
    # The header ("" entry) carries dates and tool versions: only the messages must agree.
    drop_header = lambda translations: {k: v for k, v in translations._catalog.items() if k != ""}  # noqa: E731
    assert drop_header(committed) == drop_header(expected), "messages.mo is stale: run scripts/i18n"


def test_french_translation_keeps_exactly_the_placeholders_of_its_msgid(french):
    wrong = []
    for message in translated(french):
        if message.string and sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
            wrong.append((message.id, message.string))
    assert not wrong


def test_french_typography_uses_non_breaking_spaces_guillemets_and_curly_apostrophes(french):
    """One rule for the whole catalogue: "Bienvenue\u00a0!", « … », l’atelier."""
    wrong = []
    for message in translated(french):
        text = message.string
        if re.search(r"[ \u202f][:;!?](\s|$)", text) or "“" in text or "”" in text or "'" in text \
                or re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text):
            wrong.append(text)
    assert not wrong, f"use '{NBSP}' (U+00A0) before : ; ! ? and inside « », and ’ for apostrophes"


# --- Which language a screen speaks -------------------------------------------------------------

def test_phone_page_is_french_when_the_browser_states_no_language(client):
    page = client.get("/").get_data(as_text=True)
    assert "Prénom" in page
    assert 'lang="fr"' in page


def test_phone_page_follows_an_english_browser(client, french):
    page = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert "First name" in page
    assert "Prénom" not in page
    assert 'lang="en"' in page


def test_phone_page_follows_a_french_browser_on_an_english_box(tmp_path):
    client = create_app({"data": str(tmp_path / "data"), "lang": "en", "async_mode": "threading"}).test_client()
    assert "Prénom" in client.get("/", headers={"Accept-Language": "fr-FR"}).get_data(as_text=True)
    assert "First name" in client.get("/").get_data(as_text=True)


def test_lang_choice_beats_the_browser_and_is_kept_for_the_next_pages(client):
    first = client.get("/?lang=en", headers={"Accept-Language": "fr"})
    assert "First name" in first.get_data(as_text=True)
    assert "kiosk_lang=en" in first.headers.get("Set-Cookie", "")
    assert "First name" in client.get("/", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "Facilitator console" in client.get("/facilitator").get_data(as_text=True)
    assert "Prénom" in client.get("/?lang=fr").get_data(as_text=True)
    assert "Prénom" in client.get("/").get_data(as_text=True)


def test_wall_speaks_the_box_language_not_the_browser(client, french):
    page = client.get("/wall", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert fr(french, "Join with your phone") in page
    assert "Join with your phone" not in page


def test_wall_of_an_english_box_is_english_even_for_a_french_browser(tmp_path, french):
    client = create_app({"data": str(tmp_path / "data"), "lang": "en", "async_mode": "threading"}).test_client()
    page = client.get("/wall", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).get_data(as_text=True)
    assert "Join with your phone" in page
    assert fr(french, "Join with your phone") not in page


def test_api_refusal_is_french_by_default_with_a_french_field_label(client, french):
    response = client.post("/api/join", json={"name": ""})
    assert response.status_code == 400
    expected = french["The field “%(field)s” is required."].string % {"field": french["first name"].string}
    assert response.json["error"] == expected
    assert response.json["code"] == "bad_input"


def test_api_refusal_follows_an_english_browser(client):
    response = client.post("/api/join", json={"name": ""}, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    assert response.json["error"] == "The field “first name” is required."
