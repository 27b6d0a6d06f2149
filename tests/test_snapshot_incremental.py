"""The public snapshot is built from the last one (`snapshot.PublicBuilder`): the participants' list
grows by the new ones, an activity's part and its JSON are kept while the tables it read did not
change. Nothing stale may ever be sent: in a seeded random order of joins, renames, removals and
other commands, every client's `state` (as sent, its JSON) is the snapshot built from scratch."""

from __future__ import annotations

import json
import os
import random

import pytest
from socketio import packet

from kiosk import auth, derived, participants, snapshot
from kiosk.limits import RateLimit
from kiosk.sockets import TextPacket, WireJSON
from kiosk.store import Store

FACILITATOR = auth.Actor(auth.FACILITATOR)


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch):
    """What is checked is what is sent, not how durably it was written: skipping fsync keeps it quick."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)


def sent(state) -> dict:
    """A `state` as a client reads it: the text of its Socket.IO packet, parsed."""
    sending = TextPacket(packet.EVENT, data=["state", state])
    sending.json = WireJSON  # as the app's server has it
    text = sending.encode()
    assert text.startswith('2["state",')
    return json.loads(text[1:])[1]


def from_scratch(box, actor) -> dict:
    return box.store.read(lambda db: snapshot.state_for(db, box.deck, actor, box.programme, 0))


def test_every_client_state_is_the_snapshot_built_from_scratch(box):
    rng = random.Random(26)
    box.command_rate = RateLimit(1e9, 1e9)
    tokens: dict[int, str] = {}  # participant id -> token, while they are in
    names = ["Ana", "Bruno", "Chloé", "Driss", "Éloïse", "Farid", "Gaëlle", "Hugo", "Inès", "Jules", "Zoé 🌱",
             'Léa "la grande"', "Mårten", "Nadia\\N"]
    built = 0

    def join(token=None):
        payload = {"name": rng.choice(names), "_token": token}
        if rng.random() < 0.3:
            payload.update(contact=f"{rng.randint(1, 99)}@example.org", share_contact=rng.random() < 0.5)
        phone = auth.Actor(auth.WALL, origin=f"10.0.{rng.randint(0, 3)}.{rng.randint(1, 60)}")
        answer = box.execute(phone, "participant.join", payload)
        assert answer["ok"], answer
        tokens[answer["participant"]["id"]] = answer["token"] or tokens[answer["participant"]["id"]]

    def remove(participant_id):
        assert box.execute(FACILITATOR, "participant.remove", {"participant_id": participant_id})["ok"]
        del tokens[participant_id]

    def someone():
        return auth.Actor(auth.PARTICIPANT, rng.choice(sorted(tokens)))

    commands = [
        lambda: join(),
        lambda: join(),
        lambda: join(),
        lambda: tokens and join(tokens[rng.choice(sorted(tokens))]),  # a new name, the same participant
        lambda: tokens and remove(rng.choice(sorted(tokens))),
        lambda: box.execute(FACILITATOR, "phase.set", {"phase": rng.choice(["welcome", "issues", "vote", "groups"])}),
        lambda: box.execute(FACILITATOR, "workshop.update", {"title": rng.choice(["Atelier", "Brest", "Été"])}),
        lambda: tokens and box.execute(someone(), "issue.propose", {"text": f"Idée {rng.randint(1, 10**6)}"}),
        lambda: box.execute(FACILITATOR, "issue.hide", {"issue_id": rng.randint(1, 8)}),
        lambda: box.execute(FACILITATOR, "vote.open", {"method": "dots"}),
        lambda: tokens and box.execute(someone(), "vote.cast", {"issue_id": rng.randint(1, 8), "dots": 1}),
        lambda: box.execute(FACILITATOR, "vote.close", {}),
        lambda: tokens and box.execute(someone(), "wall.post", {"text": f"Je viens {rng.randint(1, 99)}",
                                                               "share_contact": False}),
        lambda: box.execute(FACILITATOR, "wall.hide", {"post_id": rng.randint(1, 6)}),
        lambda: box.execute(FACILITATOR, "timer.add", {"seconds": 60}),
    ]
    for step in range(400):
        if step % 97 == 96:
            box.store._undo_between_flushes()  # the store back to its file: a new database, nothing kept holds
        else:
            rng.choice(commands)()
        clients = [auth.ANONYMOUS, FACILITATOR] + [auth.Actor(auth.PARTICIPANT, pid)
                                                   for pid in rng.sample(sorted(tokens), min(3, len(tokens)))]
        for actor in clients:
            state = box.state(actor)
            expected = from_scratch(box, actor)
            assert {**state, "now": 0} == expected
            assert {**sent(state), "now": 0} == json.loads(json.dumps(expected))
        built += isinstance(box._public[1], snapshot.Public)
    assert len(tokens) > 20 and built == 400
    # The lists kept match the tables they come from.
    db = box.store.db
    assert participants.public_list(db).value() == participants.all_public(db)


def test_a_join_reads_no_other_participant(tmp_path, monkeypatch):
    """The participants' list and its JSON grow by the new one; a rename or a removal reads them all again."""
    monkeypatch.setattr(os, "fsync", lambda fd: None)
    store = Store(tmp_path / "kiosk.json")
    joined = []

    def join(name, token=None):
        answer = store.write(lambda db: participants.join(db, {"name": name}, token, "10.0.0.1"))
        joined.append(answer)
        return answer

    for n in range(30):
        join(f"P{n}")
    db = store.db
    people = participants.public_list(db)
    before = people.value()
    text = people.json(before, json.dumps)
    join("Nouveau")
    after = people.value()
    assert after[:30] == before and after[:30][0] is before[0] and after[-1] == {"id": 31, "name": "Nouveau"}
    assert people.json(after, json.dumps) == text[:-1] + ',{"id":31,"name":"Nouveau"}]' == json.dumps(
        participants.all_public(db), separators=(",", ":"))
    assert people.value() is after  # nothing changed: the same list
    join("Renommée", joined[3]["token"])
    store.write(lambda db: participants.remove(db, {"participant_id": 7}, lambda db, pid: [], 0.0))
    renamed = people.value()
    assert renamed == participants.all_public(db) and renamed[3]["name"] == "Renommée" and len(renamed) == 30
    assert people.json(renamed, json.dumps) == json.dumps(renamed, separators=(",", ":"))
    # The old list, still held by a client being sent it, is its JSON still.
    assert people.json(before, json.dumps) == json.dumps(before, separators=(",", ":"))
    # A new phone from an address others joined from: the index says who, the removed one left out.
    assert participants.joined_from(db, "10.0.0.1") == [p["id"] for p in renamed]
    assert derived.indexed(db, participants.REMOVED, "address", "10.0.0.1") == [7]
    assert join("Encore")["participant"]["id"] == 32  # never a removed participant's id
