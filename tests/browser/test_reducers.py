"""The JavaScript reducers fold every event into the snapshot the box would send next (Zulip's
`verify_action`).

A real box (`kiosk serve`) plays a scenario that touches every event of the core and of every
activity, with python-socketio clients in each role: the wall, the console and two phones. For
each part of the scenario and each client, the test records a snapshot (`state.get`), the events
the client received after it, and the next snapshot. Then Chromium imports the core reducers and
every activity's `static/js/activities/<name>/events.js` from the box, applies the events to the
first snapshot as `runScreen` does (every feature's reducer for that event name, in the screens'
order) and the result must equal the next snapshot. A reducer that drifts from the box (a key
forgotten, a role's copy of a list not kept) fails here, naming the role, the part and the key.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
import urllib.request

import pytest

from kiosk.activities import ACTIVITIES
from kiosk.activities.census import codes as census_codes
from kiosk.activities.wordcloud.words import key as word_key
from kiosk.events import EVENT_TYPES

from .conftest import QuickClient, _stop

pytestmark = pytest.mark.browser

WAIT_S = 10

# Keys that legitimately differ between the folded snapshot and the next one.
IGNORED = {
    "seq",  # the snapshot's own position in the event log: screens compare it, never reduce it
    "now",  # the server's clock when the snapshot was built: events carry their own `now`
    "tags",  # fingerprints of the snapshot's large parts as sent, for a reconnection: never reduced
}
# What a role never hears of, by design (each event goes only to whom it concerns: CONVENTIONS.md,
# "fan-out"): these keys of its snapshot stay as they were until its next snapshot (a screen that
# shows one, like the phone's list of possible buddies, asks for a fresh snapshot). (role, key) -> why.
NOT_HEARD = {
    ("facilitator", "buddy_choices"): "no event carries the pending choices; the console shows the pairs",
    ("facilitator", "matches"): "matches are computed when asked for (state.get, 'Refresh the matches')",
    ("participant", "participants"): "participant.joined goes to the wall and the console",
    ("participant", "chime"): "timer.chime goes to the wall and the console",
    ("participant", "wall_board"): "wall.board goes to the wall and the console",
    ("participant", "reactions"): "reactions go to the wall and the console",
    ("participant", "wall"): "a phone hears of its own posts only",
    ("participant", "wall_mode"): "wall.mode goes to the wall and the console",
    ("participant", "grid_wall"): "grid.wall goes to the wall and the console",
    ("participant", "buddies"): "buddies.updated goes to the wall and the console; a phone hears of its own buddy",
    ("participant", "spotlight"): "spotlight.changed goes to the wall and the console: phones never show it",
}
# Under a phone's `me`: kept from the answers to its own commands, or computed at snapshot time.
ME_NOT_HEARD = {
    "issue_ids": "the phone's own proposals come back in the answer to issue.propose (issues/phone.js)",
}
# What a phone does not hear of the moving debate's line, the radar and the recommendations' scores.
DEBATE_LINE = {"counts", "start", "moves", "movers", "people"}
SCORES = {"impact", "effort", "n", "quadrant"}
# A phone shows the step, not its countdown: timer.changed goes to the wall and the console.
COUNTDOWN = {"ends_at", "paused", "remaining_s", "started_at"}


def in_view(case: dict, state: dict) -> dict:
    """What of a snapshot the client's events keep up to date: all of it, but for what is ignored,
    not heard (above), and on a phone what concerns others only: the other groups, their boards, who
    else holds a family, the buddy offered (computed from everyone's choices)."""
    role = case["role"]
    view = {k: v for k, v in state.items() if k not in IGNORED and (role, k) not in NOT_HEARD}
    if role == "participant":
        me = case["after"]["me"]
        mine = me["group_id"]
        view["me"] = {k: v for k, v in state["me"].items() if k not in ME_NOT_HEARD}
        if view["me"].get("buddy"):
            view["me"]["buddy"] = {k: v for k, v in view["me"]["buddy"].items() if k != "suggestion"}
        # Every phone hears who is in every group (groups.members), not only its own group.
        view["boards"] = {k: v for k, v in state["boards"].items() if k == str(mine)}
        view["claims"] = sorted(f for f, holders in state["claims"].items() if me["id"] in holders)
        # A phone hears the grid of its own axis only (its group's): the other axes' titles, not their rows.
        axis = next((a["id"] for a in state["grid"]["axes"] if a["group_id"] == mine and mine is not None), None)
        view["grid"] = {"axes": [a if a["id"] == axis else {k: v for k, v in a.items() if k not in ("rows", "resources")}
                                 for a in state["grid"]["axes"]],
                        "entries": [e for e in state["grid"]["entries"] if e["axis_id"] == axis]}
        if state.get("step"):
            view["step"] = {k: v for k, v in state["step"].items() if k not in COUNTDOWN}
        if state.get("wordcloud") and case["after"].get("wordcloud", {}).get("status") == "open":
            # wordcloud.words goes to the wall and the console; a phone hears the final words at the close.
            view["wordcloud"] = {k: v for k, v in state["wordcloud"].items() if k not in ("words", "people")}
        # The line, the radar and the quadrants go to the wall and the console (a few times a second);
        # a phone shows its own side and ratings, and hears the whole at each change of status.
        if state.get("debate"):
            view["debate"] = {k: v for k, v in state["debate"].items() if k not in DEBATE_LINE}
        if state.get("criteria"):
            view["criteria"] = {"status": state["criteria"]["status"],
                                "items": [{k: i[k] for k in ("id", "name", "indicator")} for i in state["criteria"]["items"]]}
        if state.get("recommendations"):
            view["recommendations"] = {**state["recommendations"], "items": [
                {k: v for k, v in i.items() if k not in SCORES} for i in state["recommendations"]["items"]]}
        # statements.tally goes to the wall and the console; a phone hears the count and its own statements.
        view["statements"] = {k: v for k, v in state["statements"].items()
                              if k not in ("voters", "answers", "consensus", "divisive")}
    return view


class Recorder:
    """A python-socketio client keeping every event it receives, in order."""

    def __init__(self, url: str, role: str, token: str | None = None, name: str = ""):
        self.role = role
        self.name = name or role
        self.received: list[tuple[str, dict]] = []
        self._changed = threading.Condition()
        self.sio = QuickClient(reconnection=False)
        self.sio.on("*", self._record)
        self.sio.connect(url, auth={"token": token} if token else None, transports=["websocket"], wait_timeout=10)

    def _record(self, event, data=None):
        with self._changed:
            self.received.append((event, data))
            self._changed.notify_all()

    def wait(self, name: str, match=lambda data: True, since: int = 0) -> int:
        """The index in `received` of the first event `name` since `since` that `match`es (awaited)."""
        def found():
            return next((i for i, (event, data) in enumerate(self.received) if i >= since and event == name
                         and match(data)), None)

        with self._changed:
            if not self._changed.wait_for(lambda: found() is not None, timeout=WAIT_S):
                raise AssertionError(f"{self.name} never received a matching {name!r}")
            return found()

    def snapshot(self) -> tuple[int, dict]:
        """Ask for a fresh snapshot: its index in `received` and the snapshot."""
        with self._changed:
            since = len(self.received)
        answer = self.call("state.get")
        assert answer["ok"], answer
        at = self.wait("state", since=since)
        return at, self.received[at][1]

    def call(self, name: str, payload: dict | None = None) -> dict:
        """Send a command as a phone's outbox does: refused for its rate (a phone may send 5 a
        second after a burst of 20), it is sent again a moment later."""
        for _ in range(40):
            answer = self.sio.call(name, payload or {}, timeout=WAIT_S)
            if answer.get("code") != "too_many_requests":
                break
            time.sleep(0.25)
        return answer

    def ok(self, name: str, payload: dict | None = None) -> dict:
        answer = self.call(name, payload)
        assert answer["ok"], (self.name, name, payload, answer)
        return answer


def post_json(base: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


class Room:
    """The wall, the console, two phones whose events are recorded and others that only act;
    `part(title)` records, for each recorded client, (snapshot, events, next snapshot)."""

    def __init__(self, server):
        self.url = f"http://127.0.0.1:{server.port}"
        self.wall = Recorder(self.url, "wall")
        token = post_json(self.url, "/api/facilitator", {"pin": server.pin})["token"]
        self.console = Recorder(self.url, "facilitator", token)
        self.people: list[int] = []  # participant ids, in joining order
        self.clients = [self.wall, self.console]
        self.phones = [self.join("Ana"), self.join("Bruno")]
        self.recorded = [self.wall, self.console, *self.phones]
        self.cases: list[dict] = []
        self._barrier = 0

    def join(self, name: str, contact: str = "") -> Recorder:
        """A participant joins (POST /api/join) and connects their phone."""
        joined = post_json(self.url, "/api/join", {"name": name, "contact": contact, "share_contact": bool(contact)})
        assert joined["ok"], joined
        self.people.append(joined["participant"]["id"])
        self.clients.append(Recorder(self.url, "participant", joined["token"], name))
        return self.clients[-1]

    def settle(self) -> None:
        """Wait until every event so far has reached every client: the console updates the workshop,
        an event to everyone that the box sends only after what it holds back for the same clients
        (a coalesced tally, gathered issues)."""
        self._barrier += 1
        title = f"Atelier {self._barrier}"
        marks = [len(client.received) for client in self.recorded]
        self.console.ok("workshop.update", {"title": title, "date": "2026-11-27", "territory": "Diois"})
        for client, mark in zip(self.recorded, marks):
            client.wait("workshop.updated", lambda d: d["workshop"]["title"] == title, mark)

    @contextlib.contextmanager
    def part(self, title: str):
        self.settle()
        before = [client.snapshot() for client in self.recorded]
        yield
        self.settle()
        for client, (start, first) in zip(self.recorded, before):
            end, second = client.snapshot()
            events = [[name, data] for name, data in client.received[start + 1:end] if name != "state"]
            self.cases.append({"part": title, "client": client.name, "role": client.role,
                               "before": first, "events": events, "after": second})

    def close(self) -> None:
        for client in self.clients:
            client.sio.disconnect()


# Applies the recorded events with the screens' own reducers, the way runScreen registers them:
# the core's, then each activity's, in the registry's order.
FOLD = """async ({ paths, json }) => {
  const cases = JSON.parse(json);
  const modules = await Promise.all(paths.map((path) => import(path)));
  const [kiosk, timer, ...activities] = modules;
  const features = [kiosk.common, timer.programme, ...activities];
  const updaters = {};
  for (const feature of features) {
    for (const [name, update] of Object.entries(feature.events || {})) {
      (updaters[name] = updaters[name] || []).push(update);
    }
  }
  return JSON.stringify(cases.map(({ before, events }) => {
    const state = structuredClone(before);
    const unreduced = [];
    for (const [name, event] of events) {
      if (event.seq <= before.seq) continue; // already in the snapshot (kiosk.js connect())
      if (!updaters[name]) unreduced.push(name);
      for (const update of updaters[name] || []) update(state, event);
    }
    return { state, unreduced };
  }));
}"""


def differences(folded: dict, expected: dict, path: str = "") -> list[str]:
    if isinstance(folded, dict) and isinstance(expected, dict):
        found = []
        for key in sorted(set(folded) | set(expected), key=str):
            if key not in folded:
                found.append(f"{path}{key}: missing after the events, the box has {json.dumps(expected[key])[:200]}")
            elif key not in expected:
                found.append(f"{path}{key}: {json.dumps(folded[key])[:200]}, not in the box's snapshot")
            else:
                found += differences(folded[key], expected[key], f"{path}{key}.")
        return found
    if folded != expected:
        return [f"{path[:-1]}: reduced to {json.dumps(folded)[:300]}\n    the box says {json.dumps(expected)[:300]}"]
    return []


def compared(case: dict, state: dict) -> list[str]:
    return differences(in_view(case, state), in_view(case, case["after"]))


def scenario(room: Room) -> None:
    """Every event of the core and of each activity, in a workshop's order."""
    console = room.console
    ana, bruno = room.phones
    ana_id, bruno_id = room.people[:2]

    with room.part("core: deck, programme, timer, phase, joining"):
        decks = console.ok("decks.list")["decks"]
        other = next(d for d in decks if d["ok"] and d["lang"] == "en")
        first = next(d for d in decks if d["ok"] and d["lang"] == "fr")
        console.ok("deck.choose", {"path": other["path"]})
        console.ok("deck.choose", {"path": first["path"]})
        programmes = console.ok("programmes.list")["programmes"]
        english = next(p for p in programmes if p["ok"] and p["lang"] == "en")
        french = next(p for p in programmes if p["ok"] and p["lang"] == "fr")
        console.ok("programme.choose", {"path": english["path"]})
        console.ok("programme.choose", {"path": french["path"]})
        console.ok("programme.next")
        console.ok("timer.add", {"seconds": 60})
        console.ok("timer.pause", {"target": "step"})
        console.ok("timer.chime", {"on": True})
        chloe, driss = room.join("Chloé", contact="chloe@exemple.fr"), room.join("Driss")
        console.ok("phase.set", {"phase": "issues"})

    with room.part("wordcloud: opened, words sent, merged, hidden, restored, split, closed, a second one"):
        console.ok("phase.set", {"phase": "wordcloud"})
        console.ok("wordcloud.open", {"prompt": "En un mot, ce qui vous amène ?"})
        ana.ok("wordcloud.send", {"words": ["vélo", "partage"]})
        bruno.ok("wordcloud.send", {"words": ["Vélos", "bicyclette", "jardin"]})
        chloe.ok("wordcloud.send", {"words": ["bicyclette"]})
        keys = {text: word_key(text) for text in ("vélo", "bicyclette", "jardin", "partage")}
        console.ok("wordcloud.merge", {"word": keys["bicyclette"], "into": keys["vélo"]})
        console.ok("wordcloud.hide", {"word": keys["jardin"]})
        console.ok("wordcloud.restore", {"word": keys["jardin"]})
        console.ok("wordcloud.hide", {"word": keys["partage"]})
        console.ok("wordcloud.split", {"word": keys["vélo"]})
        console.ok("wordcloud.merge", {"word": keys["bicyclette"], "into": keys["vélo"]})
        ana.ok("wordcloud.send", {"words": ["vélo", "envie"]})
        console.ok("wordcloud.close")
        console.ok("wordcloud.open", {"prompt": "Et en repartant ?", "max_words": 1})
        bruno.ok("wordcloud.send", {"words": ["confiance"]})

    with room.part("review: moderated notes, +1s, merged, moved, corrected, hidden, withdrawn, closed, a second one"):
        console.ok("phase.set", {"phase": "review"})
        console.ok("review.open", {"prompt": "État des lieux", "buckets": ["Freins", "Moyens", "Besoins"],
                                   "moderation": True})
        room_note = ana.ok("review.post", {"bucket": "Besoins", "text": "Un local partagé"})["note"]["id"]
        duplicate = bruno.ok("review.post", {"bucket": "Besoins", "text": "Une salle commune"})["note"]["id"]
        bus = bruno.ok("review.post", {"bucket": "Freins", "text": "Pas de bus le soir"})["note"]["id"]
        off_topic = ana.ok("review.post", {"bucket": "Freins", "text": "Hors sujet"})["note"]["id"]
        for note in (room_note, duplicate, bus):
            console.ok("review.accept", {"note_id": note})
        console.ok("review.reject", {"note_id": off_topic})
        bruno.ok("review.plus", {"note_id": room_note})
        ana.ok("review.plus", {"note_id": duplicate})
        ana.ok("review.plus", {"note_id": bus})
        console.ok("review.merge", {"note_id": duplicate, "into": room_note})
        console.ok("review.move", {"note_id": bus, "bucket": "Moyens"})
        console.ok("review.fix", {"note_id": bus, "text": "Pas de bus après 19 h"})
        console.ok("review.hide", {"note_id": bus})
        console.ok("review.restore", {"note_id": bus})
        ana.ok("review.plus", {"note_id": bus, "on": False})
        printer = ana.ok("review.post", {"bucket": "Moyens", "text": "Une imprimante"})["note"]["id"]
        console.ok("review.accept", {"note_id": printer})
        ana.ok("review.edit", {"note_id": printer, "text": "Une imprimante 3D"})  # back to the inbox
        bruno.ok("review.post", {"bucket": "Freins", "text": "Peu de bénévoles"})
        ana.ok("review.withdraw", {"note_id": printer})
        console.ok("review.close")
        console.ok("review.open", {"prompt": "Et ensuite ?", "buckets": ["Envies"]})
        bruno.ok("review.post", {"bucket": "Envies", "text": "Se revoir en mars"})
        console.ok("phase.set", {"phase": "issues"})

    with room.part("debate: statements read, sides taken and moved, arguments noted and removed, closed"):
        console.ok("phase.set", {"phase": "debate"})
        console.ok("debate.open", {"statement": "Le covoiturage est une pratique durable."})
        ana.ok("debate.take", {"side": "agree"})
        bruno.ok("debate.take", {"side": "disagree"})
        chloe.ok("debate.take", {"side": "doubt"})
        slip = console.ok("debate.argument", {"side": "agree", "text": "Moins de voitures"})["argument"]["id"]
        bruno.ok("debate.take", {"side": "doubt"})
        console.ok("debate.argument", {"side": "disagree", "text": "Dépend d'une plateforme"})
        console.ok("debate.unargue", {"argument_id": slip})
        ana.ok("debate.take", {"side": "disagree"})
        console.ok("debate.close")
        console.ok("debate.open", {"statement": "Une pratique durable doit être gratuite."})
        bruno.ok("debate.take", {"side": "agree"})

    with room.part("criteria: recorded, corrected, removed, rated with don't know, closed"):
        console.ok("phase.set", {"phase": "criteria"})
        ids = [console.ok("criteria.add", {"name": name, "indicator": f"Indicateur {name}"})["criterion"]["id"]
               for name in ("Lien social", "Sobriété", "Gouvernance", "Économie locale")]
        console.ok("criteria.edit", {"criterion_id": ids[2], "name": "Gouvernance partagée", "indicator": "Décisions"})
        console.ok("criteria.remove", {"criterion_id": ids[3]})
        console.ok("criteria.open")
        ana.ok("criteria.rate", {"criterion_id": ids[0], "value": 3})
        bruno.ok("criteria.rate", {"criterion_id": ids[0], "value": None})
        bruno.ok("criteria.rate", {"criterion_id": ids[1], "value": 1})
        chloe.ok("criteria.rate", {"criterion_id": ids[0], "value": 4})
        ana.ok("criteria.rate", {"criterion_id": ids[0], "value": 2})
        console.ok("criteria.close")

    with room.part("recommendations: proposed, rated, volunteered, planned, removed, closed"):
        console.ok("phase.set", {"phase": "recommendations"})
        card = ana.ok("recommendations.propose", {"text": "Une carte des initiatives"})["recommendation"]["id"]
        fund = bruno.ok("recommendations.propose", {"text": "Un fonds local"})["recommendation"]["id"]
        extra = console.ok("recommendations.propose", {"text": "Une idée en trop"})["recommendation"]["id"]
        ana.ok("recommendations.rate", {"recommendation_id": card, "impact": 4, "effort": 1})
        bruno.ok("recommendations.rate", {"recommendation_id": card, "impact": 3, "effort": 2})
        chloe.ok("recommendations.rate", {"recommendation_id": fund, "impact": 4, "effort": 4})
        bruno.ok("recommendations.volunteer", {"recommendation_id": card})
        console.ok("recommendations.plan", {"recommendation_id": card, "who": "Comité", "when": "Mars 2027"})
        console.ok("recommendations.remove", {"recommendation_id": extra})
        console.ok("recommendations.close")
        ana.ok("recommendations.volunteer", {"recommendation_id": fund})
        console.ok("recommendations.open")
        console.ok("phase.set", {"phase": "issues"})

    chloe_id, driss_id = room.people[2:4]
    with room.part("addressbook: cards saved, consents given and taken back, a card removed; useful contacts"):
        console.ok("phase.set", {"phase": "addressbook"})
        ana.ok("addressbook.save", {"name": "Ana", "structure": "Mairie", "email": "ana@mairie.example", "room": True})
        bruno.ok("addressbook.save", {"name": "Bruno", "structure": "Café associatif", "phone": "06 11 22 33 44"})
        bruno.ok("addressbook.consent", {"use": "room", "given": True})
        ana.ok("addressbook.consent", {"use": "room", "given": False})
        ana.ok("addressbook.consent", {"use": "report", "given": True})
        driss.ok("addressbook.save", {"name": "Driss", "bring": "Un camion", "room": True, "absentees": True})
        useful = console.ok("addressbook.add_contact", {"organisation": "Mission locale", "kind": "organisation",
                                                        "phone": "04 92 00 00 00"})["card"]
        console.ok("addressbook.edit_contact", {"contact_id": useful["id"], "organisation": "Mission locale du Briançonnais",
                                                "kind": "public_contact", "service": "Accueil", "phone": "04 92 00 00 00"})
        other = console.ok("addressbook.add_contact", {"organisation": "Office de tourisme", "kind": "service",
                                                       "website": "www.ot.example"})["card"]
        console.ok("addressbook.remove_contact", {"contact_id": other["id"]})
        chloe.ok("addressbook.save", {"name": "Chloé", "seek": "Des bénévoles", "room": True})
        chloe.ok("addressbook.remove")

    with room.part("roundtable: started in a random order, next, more time, skip, pick"):
        console.ok("phase.set", {"phase": "roundtable"})
        console.ok("roundtable.start", {"order": "random", "seconds": 45})
        console.ok("roundtable.next")
        console.ok("timer.add", {"seconds": 30, "target": "roundtable"})
        skipped = console.ok("roundtable.skip")["roundtable"]["later"][0]
        console.ok("roundtable.pick", {"participant_id": skipped})  # back sooner than later
        console.ok("roundtable.next")

    with room.part("statements: seeded, proposed, moderated, answered, changed, fared, shown"):
        console.ok("phase.set", {"phase": "statements"})
        console.ok("statements.prompt", {"prompt": "Qu'est-ce qui rend un territoire contributif ?"})
        seeded = console.ok("statements.seed", {"text": "Les tiers-lieux sont le cœur du territoire."})["statement"]["id"]
        mine = ana.ok("statements.propose", {"text": "Le local doit rester ouvert le soir."})["statement"]["id"]
        off_topic = bruno.ok("statements.propose", {"text": "Rien à voir avec le sujet du jour."})["statement"]["id"]
        console.ok("statements.accept", {"id": mine})
        console.ok("statements.reject", {"id": off_topic})
        ana.ok("statements.answer", {"id": seeded, "vote": 1})
        bruno.ok("statements.answer", {"id": seeded, "vote": -1})
        bruno.ok("statements.answer", {"id": mine, "vote": 1})
        bruno.ok("statements.answer", {"id": seeded, "vote": 0})
        console.ok("statements.show", {"shown": True})

    with room.part("issues: proposed, edited, hidden, restored, merged; proposals"):
        texts = ["Covoiturage vers la gare", "Un jardin partagé", "Un tiers-lieu", "Réparer plutôt que jeter",
                 "Covoiturage"]
        issues = [who.ok("issue.propose", {"text": text})["issue"]["id"]
                  for who, text in zip([ana, bruno, chloe, console, driss], texts)]
        console.ok("issue.edit", {"issue_id": issues[0], "text": "Covoiturage vers la gare de Die"})
        console.ok("issue.hide", {"issue_id": issues[3]})
        console.ok("issue.restore", {"issue_id": issues[3]})
        console.ok("issue.hide", {"issue_id": issues[2]})
        console.ok("issue.merge", {"issue_id": issues[4], "into": issues[0]})
        console.ok("issues.proposals", {"open": False})
        console.ok("issues.proposals", {"open": True})

    with room.part("spotlight: an issue shown large, reworded, taken off; another shown, gone with the phase"):
        console.ok("wall.spotlight", {"activity": "issues", "id": issues[1]})
        console.ok("issue.edit", {"issue_id": issues[1], "text": "Un jardin partagé au village"})
        console.ok("wall.spotlight", {})
        console.ok("wall.spotlight", {"activity": "issues", "id": issues[0]})

    with room.part("vote: opened (a dots vote's zero results laid out from its ids)"):
        console.ok("phase.set", {"phase": "vote"})
        console.ok("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2})

    with room.part("vote: cast, an issue leaves it, closed (the phones keep what closing leaves)"):
        ana.ok("vote.cast", {"issue_id": issues[0], "dots": 2})
        ana.ok("vote.cast", {"issue_id": issues[3], "dots": 1})
        bruno.ok("vote.cast", {"issue_id": issues[1], "dots": 2})
        chloe.ok("vote.cast", {"issue_id": issues[3], "dots": 2})
        console.ok("issue.hide", {"issue_id": issues[3]})  # it leaves the vote, its dots go back
        driss.ok("vote.cast", {"issue_id": issues[0], "dots": 1})
        console.ok("vote.close")

    with room.part("groups: formed, joined, secretary, moved, balanced"):
        console.ok("phase.set", {"phase": "groups"})
        groups = [g["id"] for g in console.ok("groups.form", {"count": 2})["groups"]]
        ana.ok("group.join", {"group_id": groups[0]})
        bruno.ok("group.join", {"group_id": groups[1]})
        chloe.ok("group.join", {"group_id": groups[0]})
        ana.ok("group.secretary", {"group_id": groups[0], "participant_id": ana_id})
        console.ok("group.join", {"group_id": groups[1], "participant_id": chloe_id})
        console.ok("group.leave", {"participant_id": chloe_id})
        console.ok("groups.balance")

    with room.part("examples: pads opened, a remote table, written, a clash, removed, a typology sorted, closed"):
        console.ok("phase.set", {"phase": "examples"})
        console.ok("examples.open", {"prompt": "Vos exemples"})
        bruno.ok("examples.remote", {"on": True})
        wiki = ana.ok("examples.add", {"title": "Wikipédia", "what": "Une encyclopédie"})["example"]["id"]
        repair = bruno.ok("examples.add", {"title": "Repair café", "where": "Médiathèque"})["example"]["id"]
        console.ok("examples.add", {"title": "Lu au téléphone", "group_id": groups[1]})
        ana.ok("examples.edit", {"example_id": wiki, "field": "who", "base": "", "text": "Wikimédia"})
        assert ana.call("examples.edit", {"example_id": wiki, "field": "who", "base": "",
                                          "text": "Autre"})["code"] == "conflict"
        bruno.ok("examples.remove", {"example_id": repair})
        console.ok("phase.set", {"phase": "typology"})
        communs = console.ok("examples.category", {"label": "Communs"})["category"]["id"]
        console.ok("examples.category", {"label": "Lieux"})
        console.ok("examples.rename", {"category_id": communs, "label": "Communs de la connaissance"})
        console.ok("examples.sort", {"example_id": wiki, "category_id": communs})
        console.ok("examples.close")

    with room.part("surprises: opened, posted, taken back, hidden, restored, closed"):
        console.ok("phase.set", {"phase": "surprises"})
        console.ok("surprises.open", {})
        first = ana.ok("surprises.post", {"text": "Tant d'exemples"})["surprise"]["id"]
        bruno.ok("surprises.post", {"text": "Des élus ouverts"})
        gone = ana.ok("surprises.post", {"text": "Une erreur"})["surprise"]["id"]
        ana.ok("surprises.withdraw", {"surprise_id": gone})
        console.ok("surprises.hide", {"surprise_id": first})
        console.ok("surprises.restore", {"surprise_id": first})
        console.ok("surprises.close")

    with room.part("forces: opened, items added, changed, hidden, restored, closed"):
        console.ok("phase.set", {"phase": "forces"})
        console.ok("forces.open", {"prompt": "Qu'est-ce qui bloque ?"})
        lever = ana.ok("forces.add", {"kind": "trigger", "text": "Un tiers-lieu", "strength": 4, "actionable": 5})["item"]["id"]
        brake = bruno.ok("forces.add", {"kind": "blocker", "text": "Élus frileux", "strength": 5, "actionable": 2})["item"]["id"]
        driss.ok("forces.add", {"kind": "blocker", "text": "Le temps", "strength": 3, "actionable": 3})
        console.ok("forces.add", {"kind": "trigger", "text": "Une crise", "strength": 2, "actionable": 1})
        ana.ok("forces.change", {"item_id": lever, "strength": 5})
        console.ok("forces.hide", {"item_id": brake})
        console.ok("forces.restore", {"item_id": brake})
        console.ok("forces.close")

    with room.part("seeds: cards opened, written, a late save refused, action groups, referent, one shown"):
        console.ok("phase.set", {"phase": "seeds"})  # entering the phase opens one card per group
        seeds = [s["id"] for s in console.snapshot()[1]["seeds"]]
        ana.ok("seed.edit", {"seed_id": seeds[0], "field": "title", "value": "Covoiturage solidaire", "version": 0})
        assert ana.call("seed.edit", {"seed_id": seeds[0], "field": "title", "value": "Autre", "version": 0})["code"] \
            == "conflict"
        console.ok("seed.edit", {"seed_id": seeds[1], "field": "meeting_date", "value": "2026-12-14", "version": 0})
        bruno.ok("seed.join", {"seed_id": seeds[0]})
        chloe.ok("seed.join", {"seed_id": seeds[0]})
        driss.ok("seed.join", {"seed_id": seeds[1]})
        bruno.ok("seed.referent", {"seed_id": seeds[0], "participant_id": bruno_id})
        chloe.ok("seed.leave", {"seed_id": seeds[0]})
        console.ok("seeds.open")
        console.ok("seeds.show", {"seed_id": seeds[0]})

    with room.part("census: opened, entries from phones and paper, a double tap, duplicates merged and kept apart, closed"):
        console.ok("phase.set", {"phase": "census"})
        console.ok("census.open")
        entry = {"name": "Repair café de Redon", "theme": "Réemploi et réparation", "commune": "Redon"}
        ana.ok("census.add", {"values": entry})
        ana.ok("census.add", {"values": entry})  # a double tap: the same entry back, nothing sent
        bruno.ok("census.add", {"values": {**entry, "name": "Le repair cafe de Redon", "public": ["Jeunes"]}})
        chloe.ok("census.add", {"values": {"name": "Jardin des Bénédictins", "theme": "Alimentation", "commune": "Redon"}})
        console.ok("census.add", {"values": {"name": "Jardins des Bénédictins", "theme": "Alimentation",
                                             "commune": "Redon"}, "code": census_codes.new_codes(1)[0]})
        pairs = console.snapshot()[1]["census_review"]["pairs"]
        console.ok("census.merge", {"pair": pairs[0]["id"], "keep": pairs[0]["a"]["id"]})
        console.ok("census.distinct", {"pair": pairs[1]["id"]})
        console.ok("census.close")
        console.ok("census.open")

    with room.part("families: claimed, released, assigned, limit"):
        console.ok("phase.set", {"phase": "families"})
        deck = console.snapshot()[1]["deck"]
        families = [f["id"] for f in deck["families"]]
        cards = [f["cards"][0]["id"] for f in deck["families"]]
        console.ok("families.limit", {"max": 3})
        ana.ok("family.claim", {"family_id": families[0]})
        ana.ok("family.claim", {"family_id": families[1]})
        bruno.ok("family.claim", {"family_id": families[1]})
        ana.ok("family.release", {"family_id": families[1]})
        console.ok("family.assign", {"family_id": families[2], "participant_id": driss_id})
        console.ok("family.release", {"family_id": families[2], "participant_id": driss_id})

    with room.part("board: placed, moved, noted, removed; one on the wall"):
        console.ok("phase.set", {"phase": "board"})
        for card in cards[:3]:
            ana.ok("board.place", {"group_id": groups[0], "card_id": card})
        bruno.ok("board.place", {"group_id": groups[1], "card_id": cards[3]})
        ana.ok("board.move", {"group_id": groups[0], "card_id": cards[2], "position": 0})
        ana.ok("board.note", {"group_id": groups[0], "card_id": cards[0], "field": "steps", "text": "Réunir"})
        console.ok("board.note", {"group_id": groups[1], "card_id": cards[3], "field": "blockers", "text": "Argent"})
        ana.ok("board.remove", {"group_id": groups[0], "card_id": cards[1]})
        console.ok("wall.show_board", {"group_id": groups[1]})

    with room.part("report: started, reactions posted and hidden, next, more time, stopped"):
        console.ok("phase.set", {"phase": "report"})
        console.ok("report.start")
        console.ok("report.next")
        bruno.ok("reaction.post", {"group_id": groups[0], "kind": "positive", "text": "Très clair"})
        driss.ok("reaction.post", {"group_id": groups[0], "kind": "improve", "text": "Plus de partenaires"})
        console.ok("timer.add", {"seconds": 60, "target": "report"})
        hidden = console.snapshot()[1]["reactions"][-1]["id"]
        console.ok("reaction.hide", {"reaction_id": hidden})
        console.ok("report.next")
        ana.ok("reaction.post", {"group_id": groups[1], "kind": "positive", "text": "Bravo"})
        console.ok("report.stop")

    with room.part("wall: posted, pre-moderated, approved, hidden, restored, pinned, mode"):
        console.ok("phase.set", {"phase": "wall"})
        first_post = ana.ok("wall.post", {"text": "Un covoiturage le mardi", "group_id": groups[0]})["post"]["id"]
        bruno.ok("wall.post", {"text": "Lancer un repair café", "share_contact": False})
        console.ok("wall.premoderation", {"on": True})
        held = ana.ok("wall.post", {"text": "En parler au conseil municipal"})["post"]["id"]
        chloe.ok("wall.post", {"text": "Rejoindre l’AMAP", "share_contact": True})
        console.ok("wall.restore", {"post_id": held})
        console.ok("wall.hide", {"post_id": first_post})
        console.ok("wall.restore", {"post_id": first_post})
        console.ok("wall.pin", {"post_id": held, "pinned": True})
        console.ok("wall.premoderation", {"on": False})
        console.ok("wall.mode", {"mode": "slideshow"})

    with room.part("buddies: chosen, paired, the rest paired"):
        console.ok("phase.set", {"phase": "closing"})
        ana.ok("buddy.choose", {"participant_id": bruno_id})
        bruno.ok("buddy.choose", {"participant_id": ana_id})
        chloe.ok("buddy.choose", {"participant_id": ana_id})
        console.ok("buddies.pair_rest")

    with room.part("a participant removed: their dots, group, claim, buddy and name go"):
        driss.ok("wall.post", {"text": "Un pas de Driss"})
        console.ok("family.assign", {"family_id": families[2], "participant_id": driss_id})
        console.ok("participant.remove", {"participant_id": driss_id})
        assert driss.call("wall.post", {"text": "Encore"})["code"] == "removed"

    with room.part("groups formed again: the boards and the wall's board go"):
        console.ok("groups.form", {"count": 2})
        console.ok("groups.form", {"count": 2, "from": "forces"})  # the levers groups

    with room.part("grid: axes validated and one dropped, a group per axis, practices, entries, flags, edits, "
                   "order, resources, the wall's views"):
        console.ok("phase.set", {"phase": "axes"})
        dropped = console.ok("grid.validate", {"count": 2})["grid"]["axes"][1]["id"]
        console.ok("grid.drop", {"axis_id": dropped})
        axes = [a["id"] for a in console.ok("grid.validate", {"count": 2})["grid"]["axes"]]  # again, both
        formed = [g["id"] for g in console.ok("groups.form", {"from": "grid", "count": 2})["groups"]]
        ana.ok("group.join", {"group_id": formed[0]})
        bruno.ok("group.join", {"group_id": formed[0]})
        chloe.ok("group.join", {"group_id": formed[1]})
        ana.ok("group.secretary", {"group_id": formed[0], "participant_id": ana_id})
        console.ok("phase.set", {"phase": "grid"})
        first = ana.ok("grid.row", {"axis_id": axes[0], "practice": "Autopartage"})["row"]["id"]
        second = bruno.ok("grid.row", {"axis_id": axes[0], "practice": "Habitat partcipatif"})["row"]["id"]
        bruno.ok("grid.rename", {"row_id": second, "practice": "Habitat participatif"})
        citiz = ana.ok("grid.add", {"row_id": first, "column": "examples", "text": "Citiz", "flag": "pepite"})["entry"]["id"]
        other = bruno.ok("grid.add", {"row_id": first, "column": "examples", "text": "Getaround"})["entry"]["id"]
        bruno.ok("grid.add", {"row_id": second, "column": "cultural", "text": "Chacun chez soi"})
        bruno.ok("grid.flag", {"entry_id": citiz, "flag": "opportunite"})
        ana.ok("grid.edit", {"entry_id": citiz, "text": "Citiz (Strasbourg)", "base": "Citiz"})
        ana.ok("grid.order", {"axis_id": axes[0], "row_ids": [second, first]})
        ana.ok("grid.remove", {"entry_id": other})
        farm = chloe.ok("grid.row", {"axis_id": axes[1], "practice": "AMAP"})["row"]["id"]
        chloe.ok("grid.add", {"row_id": farm, "column": "stakes", "text": "Des fermes qui restent", "flag": "vigilance"})
        console.ok("grid.add", {"row_id": farm, "column": "regulatory", "text": "Les règles d'hygiène"})
        resource = bruno.ok("grid.resource", {"axis_id": axes[0], "text": "L'étude de l'ADEME"})["resource"]["id"]
        chloe.ok("grid.resource", {"axis_id": axes[1], "text": "Le réseau des AMAP"})
        ana.ok("grid.resource_remove", {"resource_id": resource})
        ana.ok("grid.row_remove", {"row_id": first})
        console.ok("grid.show", {"view": "axis", "axis_id": axes[1]})
        console.ok("grid.show", {"view": "flags"})
    with room.part("a majority vote replaces the closed one: graded, closed with its grades"):
        console.ok("phase.set", {"phase": "vote"})
        vote = console.ok("vote.open", {"method": "majority", "replace": True})["vote"]
        ana.ok("vote.cast", {"issue_id": vote["issue_ids"][0], "grade": "tres_bien"})
        bruno.ok("vote.cast", {"issue_id": vote["issue_ids"][1], "grade": "passable"})
        console.ok("vote.close")


@pytest.fixture
def room(server):
    room = Room(server)
    yield room
    # A python-socketio client takes seconds to leave a live box, and none once it is gone.
    _stop(server)
    room.close()


def test_every_event_folds_into_the_next_snapshot_with_the_screens_reducers(server, room, browser):
    scenario(room)
    static = re.search(r'href="(/static/[^/"]+)/css/kiosk.css"', server.get("/wall")[1].decode()).group(1)
    paths = [f"{static}/js/kiosk.js", f"{static}/js/timer.js",
             *(f"{static}/js/activities/{activity.name}/events.js" for activity in ACTIVITIES)]
    context = browser.new_context(base_url=server.url)
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        # A page of the box that runs no script (its public state, as JSON), so that the modules'
        # imports resolve as on the screens. (A page made up by the test would not do: Chromium keeps
        # a page that did not come from the box's address from loading the box's scripts.)
        page.goto("/api/state")
        # As JSON text both ways: Playwright's own serialisation of a megabyte of snapshots takes seconds.
        results = json.loads(page.evaluate(FOLD, {"paths": paths, "json": json.dumps(room.cases)}))
    finally:
        context.close()
    assert not errors, errors

    assert {case["role"] for case in room.cases} == {"wall", "facilitator", "participant"}
    # The scenario sends every event type there is (a new activity's events belong in it too).
    heard = {name for case in room.cases for name, _ in case["events"]}
    assert set(EVENT_TYPES) - {"state"} <= heard, f"the scenario never sends {sorted(set(EVENT_TYPES) - heard)}"
    problems = []
    for case, result in zip(room.cases, results):
        found = compared(case, result["state"])
        if result["unreduced"]:
            found.append(f"events no reducer handles: {sorted(set(result['unreduced']))}")
        if found:
            problems.append(f"[{case['part']}] {case['client']} ({case['role']}):\n  " + "\n  ".join(found))
    assert not problems, "\n".join(problems)
