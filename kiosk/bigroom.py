"""A big workshop, generated: the room of issue 17 in a box's database, in a few seconds.

`fill(db, deck, people)` plays, through the activities' domain functions (no socket, no HTTP, one
write for all), what a full room leaves behind: `people` participants (a third share a contact),
one issue each, a dots vote over all of them where everyone casts three dots (two on one issue,
one on another), groups formed from the vote and balanced, with a secretary each, experts for
every family, each group's board with its cards and notes, and one commitment each on the wall,
tied to their group and often to a family, sharing the common words of a real room ("je",
"voisins", "jardin"…) so that matching them is as hard as on the day.

`make(data_dir, people)` writes it as a box's data directory (`kiosk.json`), for `kiosk export`
and `kiosk bench --export --export-size N`. The same seed gives the same workshop.
"""

from __future__ import annotations

import random
from pathlib import Path

from tinydb import TinyDB

from . import decks, participants, workshop
from .activities.board import domain as board
from .activities.families import domain as families
from .activities.groups import domain as groups
from .activities.issues import domain as issues
from .activities.vote import domain as vote
from .activities.wall import domain as wall
from .bench import COMMITMENTS, ISSUES

#: Each issue is one of the bench's themes (`bench.ISSUES`) plus a place, made unique by a number; each
#: commitment one of its commitments (`bench.COMMITMENTS`, whose words come back in many) plus a partner.
PLACES = ("au bourg", "dans les hameaux", "sur le plateau", "près de la gare", "autour du collège", "en bord de rivière")
PARTNERS = ("avec l'association du quartier", "avec les voisins", "avec la mairie", "avec les parents d'élèves",
            "avec le centre social", "avec les commerçants")
FIRST_NAMES = ("Ana", "Bruno", "Chloé", "Driss", "Élise", "Fatou", "Gaël", "Hélène", "Inès", "Jules", "Karim",
               "Léa", "Martin", "Nadia", "Olivier", "Pauline", "Quentin", "Rose", "Samir", "Théo")
NOTES = {"steps": "Réunir les personnes intéressées puis fixer une date", "partners": "La mairie, le centre social",
         "success": "Un lieu prêté et une personne pour relancer", "blockers": "Le temps des bénévoles"}
GROUPS = 12
CARDS_PER_BOARD = 4


def _ok(answer):
    """A domain call's result (the events are for sockets: nobody listens here)."""
    return answer[0]


def fill(db: TinyDB, deck, people: int = 500, seed: int = 17) -> dict:
    """Fill an empty workshop with a room of `people`; returns what was made, as counts."""
    rng = random.Random(seed)
    workshop.initialise(db, "fr")
    workshop.update_details(db, {"title": f"Atelier de {people} personnes", "date": "2026-11-30",
                                 "territory": "Communauté de communes du Val de l'Ouche"})
    ids = []
    for n in range(people):
        name = f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {n // len(FIRST_NAMES) + 1}"
        contact = f"personne{n}@exemple.fr" if n % 3 == 0 else ""
        joined = _ok(participants.join(db, {"name": name, "contact": contact, "share_contact": bool(contact)}))
        ids.append(joined["participant"]["id"])
    for n, pid in enumerate(ids):
        text = f"{ISSUES[n % len(ISSUES)]} {PLACES[n // len(ISSUES) % len(PLACES)]} (n° {n + 1})"
        _ok(issues.propose(db, {"text": text}, pid))
    opened = _ok(vote.open_vote(db, {"method": "dots", "dots": 3, "max_per_issue": 2}))["vote"]
    issue_ids = opened["issue_ids"]
    for pid in ids:
        first, second = rng.sample(issue_ids, 2)
        _ok(vote.cast(db, {"issue_id": first, "dots": 2}, pid))
        _ok(vote.cast(db, {"issue_id": second, "dots": 1}, pid))
    _ok(vote.close_vote(db, {}))
    formed = _ok(groups.form(db, {"count": GROUPS}))["groups"]
    _ok(groups.balance(db, {}))
    for group in groups.all_groups(db):
        _ok(groups.set_secretary(db, {"group_id": group["id"], "participant_id": group["members"][0]}, None))
    family_ids = [family.id for family in deck.families]
    for n, pid in enumerate(ids):
        _ok(families.claim(db, deck, {"family_id": family_ids[n % len(family_ids)]}, pid))
    cards = [card.id for card in deck.cards]
    for group in groups.all_groups(db):
        for card_id in rng.sample(cards, min(CARDS_PER_BOARD, len(cards))):
            _ok(board.place(db, deck, {"group_id": group["id"], "card_id": card_id}, None))
            for field, text in NOTES.items():
                _ok(board.note(db, deck, {"group_id": group["id"], "card_id": card_id, "field": field,
                                          "text": text}, None))
    group_of = {m: g["id"] for g in groups.all_groups(db) for m in g["members"]}
    for n, pid in enumerate(ids):
        text = f"{COMMITMENTS[n % len(COMMITMENTS)]} {PARTNERS[n // len(COMMITMENTS) % len(PARTNERS)]} (n° {n + 1})"
        me = participants.get(db, pid)
        _ok(wall.post(db, {"text": text, "group_id": group_of.get(pid),
                           "family_id": family_ids[n % len(family_ids)] if n % 2 else None,
                           "share_contact": bool(me.get("contact")) and n % 2 == 0}, pid, deck))
    return {"participants": len(ids), "issues": len(issue_ids), "ballots": 2 * len(ids), "groups": len(formed),
            "posts": len(ids)}


def make(data_dir: str | Path, people: int = 500, seed: int = 17) -> dict:
    """A data directory holding the generated workshop (its `kiosk.json`, written once, durably)."""
    from .store import Store

    deck = decks.load_deck(decks.find_deck(decks.deck_setting(None, "fr"), decks.DECKS_DIR))
    store = Store(Path(data_dir) / "kiosk.json")
    try:
        return store.write(lambda db: (fill(db, deck, people, seed), []))
    finally:
        store.close()
