"""The phone's page carries the core; each activity's screen is a part fetched when its step comes."""

from __future__ import annotations

import gzip
import json
import re
from html import unescape

from kiosk import create_app, pages


def phone_page(client, lang="fr") -> str:
    return client.get(f"/?lang={lang}").get_data(as_text=True)


def part_url(page: str, name: str) -> str:
    return re.search(r'data-parts="([^"]+)"', page).group(1) + f"{name}.json"


def test_the_phone_page_carries_no_activitys_section_or_texts_only_their_places(client):
    page = phone_page(client)
    strings = json.loads(unescape(re.search(r'data-strings="([^"]*)"', page).group(1)))
    assert 'id="vote"' not in page and 'id="wordcloud-form"' not in page
    assert '<div data-part="vote"></div>' in page and '<div data-part="wordcloud"></div>' in page
    assert "dot_add" not in strings and "hello" in strings
    assert strings["phases"]["vote"] and strings["phase_texts"]["vote"]  # every phase's sentence stays
    screens = json.loads(unescape(re.search(r'data-screens="([^"]*)"', page).group(1)))
    assert screens["vote"] == ["vote"] and screens["examples"] == ["examples", "typology"]
    assert screens["buddies"] == []


def test_a_screens_part_holds_its_section_and_texts_in_the_pages_language(client):
    french = client.get(part_url(phone_page(client, "fr"), "vote"))
    english = client.get(part_url(phone_page(client, "en"), "vote"))
    assert french.status_code == english.status_code == 200
    assert french.mimetype == "application/json"
    assert french.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert french.headers["X-Content-Type-Options"] == "nosniff"  # the security headers, as on every response
    assert 'id="vote"' in french.json["html"] and 'id="vote"' in english.json["html"]
    assert french.json["strings"]["dot_add"] != english.json["strings"]["dot_add"]
    assert english.json["strings"]["dot_add"] == "Add a dot to “{issue}”"
    assert "dot_add" not in client.get(part_url(phone_page(client), "wordcloud")).json["strings"]


def test_a_part_travels_gzipped_and_is_compressed_once(client):
    url = part_url(phone_page(client), "board")
    first = client.get(url, headers={"Accept-Encoding": "gzip"})
    again = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert first.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in first.headers["Vary"]
    assert first.data == again.data
    assert 'id="board"' in json.loads(gzip.decompress(first.data))["html"]


def test_a_part_of_another_version_language_or_activity_is_not_found(client):
    url = part_url(phone_page(client), "vote")
    version = url.split("/")[2]
    assert client.get(url).status_code == 200
    assert client.get(url.replace(version, "0123456789")).status_code == 404
    assert client.get(url.replace("/fr/", "/de/")).status_code == 404
    assert client.get(url.replace("vote.json", "nothing.json")).status_code == 404
    assert client.get(url.replace("vote.json", "..%2Fvote.json")).status_code == 404


def test_the_parts_version_changes_with_a_screens_template(tmp_path, monkeypatch):
    source = tmp_path / "tree" / "templates" / "activities" / "vote"
    source.mkdir(parents=True)
    (source / "phone.html").write_text("<section id=\"vote\" hidden></section>")
    monkeypatch.setattr(pages, "ROOT", tmp_path / "tree")

    def version():
        app = create_app({"data": str(tmp_path / "data"), "async_mode": "threading"})
        with app.test_request_context("/"):
            return pages.parts_version()

    before = version()
    assert version() == before
    (source / "phone.html").write_text("<section id=\"vote\" hidden><p>Vote</p></section>")
    assert version() != before
