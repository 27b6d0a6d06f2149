"""Every registered command, fuzzed (Hypothesis): random JSON payloads with wrong types, huge and
nested values, text from every Unicode category (lone surrogates, NUL and bidi controls included).
Whatever comes in: never an exception nor an error in the log, always an acknowledgement, and
when the answer is `ok: false` the workshop is exactly as it was.

In-process (the app fixture, Socket.IO's test client), with a bounded number of examples: a few
seconds. The room is set up once per test with something for every command to act on.
"""

from __future__ import annotations

import json
import logging
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kiosk.activities  # noqa: F401  (importing the activities registers their commands)
from kiosk import auth
from kiosk.limits import RateLimit
from kiosk.protocol import COMMANDS

FIELDS = ["text", "name", "contact", "share_contact", "issue_id", "into", "group_id", "participant_id", "card_id",
          "family_id", "field", "position", "dots", "grade", "method", "max_per_issue", "count", "phase", "title",
          "date", "territory", "lang", "on", "open", "mode", "pinned", "post_id", "reaction_id", "kind", "seconds",
          "target", "index", "max", "path", "hidden", "replace",
          # the formats' activities: review, statements, debate, criteria, recommendations, grid, census,
          # examples, forces, surprises
          "id", "base", "bucket", "buckets", "category_id", "code", "column", "effort", "flag", "form", "from",
          "impact", "indicator", "keep", "label", "moderation", "order", "page", "practice", "prompt", "row_ids",
          "search", "seed_id", "shown", "side", "source", "statement", "use", "value", "values", "version", "view",
          "vote", "word", "words", "axis_id", "row_id", "entry_id", "resource_id", "criterion_id",
          "recommendation_id", "note_id", "example_id", "item_id", "entry", "answers", "strength", "actionable"]
NASTY = ["\ud800", "\udfff", "a\ud83d", "\x00", "x\x00y", "\u202eevil", "\u200b", "\u2066ab\u2069", "\ufeff", "",
         " ", "\n\r\t", "é" * 600, "x" * 5000, "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "🙂" * 50]
PLAUSIBLE = [0, 1, 2, 3, -1, 2**63, -(2**70), 1.5, True, False, None, "1", "dots", "majority", "bien", "steps",
             "positive", "step", "report", "grid", "issues", "vote", "fr", "en", "2026-03-01"]

texts = st.one_of(st.text(st.characters(exclude_categories=()), max_size=80), st.sampled_from(NASTY))
leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                   texts, st.sampled_from(PLAUSIBLE))
values = st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(texts, inner, max_size=4)), max_leaves=12)
deep = st.integers(min_value=9, max_value=60).map(lambda n: json.loads("[" * n + "]" * n))
# A right-looking text with something nasty in it: it passes the type and length checks, and so
# reaches the store unless the boundary refuses it.
tainted = st.tuples(st.sampled_from(["Un jardin partagé ", "Ana", "steps", "1"]), st.sampled_from(NASTY)).map("".join)
field_values = st.one_of(st.sampled_from(PLAUSIBLE), tainted, values)
payloads = st.one_of(
    # Most fields present at once, with plausible or tainted values: the command finds what it reads.
    st.fixed_dictionaries({}, optional={field: field_values for field in FIELDS}),
    st.dictionaries(st.one_of(st.sampled_from(FIELDS), texts), st.one_of(values, deep), max_size=6),
    values,  # not even an object
)
# A payload each command takes (in the room below): the fuzzer mostly changes one of its fields, so
# that the nasty value gets past every other check and reaches as deep as it can.
CARD = "__card__"
VALID = {
    "issue.propose": {"text": "Un jardin au collège"}, "issue.edit": {"issue_id": 1, "text": "Un jardin"},
    "issue.hide": {"issue_id": 2}, "issue.merge": {"issue_id": 2, "into": 1}, "issues.proposals": {"open": True},
    "vote.cast": {"issue_id": 1, "dots": 1}, "vote.open": {"method": "dots"}, "groups.form": {"count": 1},
    "group.join": {"group_id": 1}, "group.secretary": {"group_id": 1, "participant_id": 1},
    "wall.post": {"text": "Je m’engage à venir", "share_contact": False}, "wall.pin": {"post_id": 1},
    "wall.hide": {"post_id": 1}, "wall.mode": {"mode": "grid"}, "wall.premoderation": {"on": False},
    "workshop.update": {"title": "Atelier", "territory": "Brest", "date": "2026-03-01", "lang": "fr"},
    "phase.set": {"phase": "vote"}, "board.place": {"group_id": 1, "card_id": CARD},
    "board.note": {"group_id": 1, "card_id": CARD, "field": "steps", "text": "Demander à la mairie"},
    "board.move": {"group_id": 1, "card_id": CARD, "position": 0}, "family.claim": {"family_id": "__family__"},
    "buddy.choose": {"participant_id": 2}, "timer.add": {"seconds": 60}, "families.limit": {"max": 3},
    "reaction.post": {"group_id": 2, "kind": "positive", "text": "Bravo"}, "programme.go": {"index": 1},
}
SETTINGS = settings(max_examples=300, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch):
    """What is fuzzed is what gets written, not how durably: skipping fsync makes examples cheap."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


@pytest.fixture
def room(actions, box):
    """A workshop with issues, a closed vote, groups, a card on a board, a post, and an open vote."""
    box.command_rate = RateLimit(1e9, 1e9)  # the fuzzer sends far faster than any phone may
    facilitator = actions.facilitator()
    phone = actions.phone("Ana")
    other = actions.phone("Bruno")
    for text in ("Un jardin partagé", "Covoiturage vers la gare"):
        assert phone.emit("issue.propose", {"text": text}, callback=True)["ok"]
    for name, payload in [("vote.open", {"method": "dots"}), ("vote.close", {}), ("groups.form", {"count": 2}),
                          ("group.join", {"group_id": 1, "participant_id": 1}), ("vote.open", {"method": "dots", "replace": True})]:
        assert facilitator.emit(name, payload, callback=True)["ok"], name
    card = box.deck.full()["families"][0]["cards"][0]["id"]
    assert phone.emit("board.place", {"group_id": 1, "card_id": card}, callback=True)["ok"]
    assert phone.emit("wall.post", {"text": "Je m’engage"}, callback=True)["ok"]
    return {"facilitator": facilitator, "participant": phone, "other": other}


def workshop(box) -> str:
    """Everything the workshop holds but the idempotency keys (a refusal under a key is kept, by design)."""
    return box.store.read(lambda db: json.dumps({name: table for name, table in db.storage.read().items()
                                                 if name != "keys"}, sort_keys=True, ensure_ascii=True))


def mutated(draw, name: str, deck) -> object:
    """A random payload for command `name`: its valid one with a field changed or added, or anything."""
    family = deck.full()["families"][0]
    base = {field: (family["cards"][0]["id"] if value == CARD else family["id"] if value == "__family__" else value)
            for field, value in VALID.get(name, {}).items()}
    how = draw(st.sampled_from(["field", "field", "field", "key", "extra", "random"]))
    if how == "random":
        return draw(payloads)
    if how == "key":
        return {**base, "key": draw(st.one_of(tainted, texts, values))}
    field = draw(st.sampled_from(sorted(base))) if base and how == "field" else draw(st.sampled_from(FIELDS))
    return {**base, field: draw(st.one_of(tainted, tainted, field_values, deep))}


@SETTINGS
@given(data=st.data(), name=st.sampled_from(sorted(COMMANDS)), role=st.sampled_from(["facilitator", "participant"]))
def test_any_payload_to_any_command_is_acknowledged_and_a_refusal_changes_nothing(room, box, caplog, data, name, role):
    payload = mutated(data.draw, name, box.deck)
    caplog.set_level(logging.ERROR)
    caplog.clear()
    before = workshop(box)
    answer = room[role].emit(name, payload, callback=True)
    assert isinstance(answer, dict) and isinstance(answer.get("ok"), bool), (name, payload, answer)
    if not answer["ok"]:
        assert answer["code"] not in ("internal_error", "storage_failed"), (name, payload, answer)
        assert isinstance(answer["error"], str) and answer["error"]
        assert workshop(box) == before, (name, payload, answer)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


@settings(SETTINGS, max_examples=100)
@given(path=st.sampled_from(["/api/join", "/api/facilitator", "/api/export"]), payload=payloads)
def test_any_json_body_to_the_api_gets_an_answer_in_the_one_shape(app, box, caplog, path, payload):
    caplog.set_level(logging.ERROR)
    caplog.clear()
    box.store.read(lambda db: None)
    http = app.test_client()
    app.extensions["kiosk_join_rate"] = RateLimit(1e9, 1e9)
    app.extensions["kiosk_throttle"] = auth.PinThrottle()
    response = http.post(path, data=json.dumps(payload), content_type="application/json")
    assert response.status_code < 500 and response.is_json, (path, payload, response.status_code)
    assert isinstance(response.json["ok"], bool)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
