"""`--demo`: play the whole programme with a sample room, to explore every screen and the export.

`kiosk serve --demo [--programme NAME]` fills an empty workshop: a title, a date and a place, a
room of thirty people, then every step of the programme in turn (`programme.next`, as the
console's Next), each activity playing its own part through its `Activity.demo(room, step)`
hook (the word cloud sends words, the vote votes and closes, the groups form with their
secretaries…). It stops on the programme's last step, so that a facilitator can walk every
screen and try the export before the day.

Everything goes through `Box.execute`, as the phones and the console would: the demo checks
what the box checks. It never touches a real workshop: a workshop with participants, or whose
programme has started, is left as it is.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from . import auth, workshop
from .activities import ACTIVITIES
from .box import Box

#: The room: first name, e-mail or phone (or nothing), and whether they share it with the organisers.
PEOPLE = [
    ("Ana", "ana@exemple.fr", True), ("Bruno", "", False), ("Chloé", "06 12 34 56 78", True),
    ("Djamel", "", False), ("Élise", "elise@exemple.fr", False), ("François", "", False),
    ("Gabrielle", "gabrielle@exemple.fr", True), ("Hugo", "", False), ("Inès", "", False),
    ("Jean-Marc", "07 98 76 54 32", True), ("Karima", "", False), ("Loïc", "loic@exemple.fr", True),
    ("Maëlle", "", False), ("Nicolas", "", False), ("Océane", "oceane@exemple.fr", True),
    ("Pierre", "", False), ("Quentin", "", False), ("Rachida", "rachida@exemple.fr", False),
    ("Sébastien", "", False), ("Thérèse", "06 11 22 33 44", True), ("Ulysse", "", False),
    ("Valérie", "valerie@exemple.fr", True), ("William", "", False), ("Xavière", "", False),
    ("Yannick", "yannick@exemple.fr", True), ("Zoé", "", False), ("Amandine", "", False),
    ("Baptiste", "baptiste@exemple.fr", True), ("Céline", "", False), ("Dominique", "", False),
]

#: The sample workshop; its title is the programme's own when the box plays one (each format's
#: demo then says which workshop it is), this one otherwise.
WORKSHOP = {
    "title": "Inventer votre territoire collaboratif",
    "territory": "Communauté de communes du Val de l'Ouche",
}


class DemoError(RuntimeError):
    """The box refused a command of the demo: a bug of the demo or of the activity it plays."""


@dataclass
class Room:
    """What each activity's demo part plays with: the box, the console, the phones.

    `people` are the participants' actors, in joining order, `names` their first names; `rng`
    is seeded, so that a demo is the same every time; `visits[phase]` counts the steps of that
    phase played so far, the current one included (a second board step adds other notes).
    """

    box: Box
    facilitator: auth.Actor
    people: list[auth.Actor] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(2020))
    visits: dict[str, int] = field(default_factory=dict)
    sharing: set[int] = field(default_factory=set)  # who wrote a contact and shares it with the organisers

    def do(self, actor: auth.Actor, name: str, payload: dict | None = None) -> dict:
        """Run one command as `actor`; the box's refusal is a DemoError naming it."""
        answer = self.box.execute(actor, name, payload or {})
        if not answer.get("ok"):
            raise DemoError(f"{name} {payload or {}}: {answer.get('code')}: {answer.get('message')}")
        return answer

    def console(self, name: str, payload: dict | None = None) -> dict:
        """Run one command as the facilitator."""
        return self.do(self.facilitator, name, payload)

    def state(self) -> dict:
        """The console's snapshot: what the facilitator sees now."""
        return self.box.state(self.facilitator)

    def id_of(self, person: auth.Actor) -> int:
        return person.participant_id


def _empty(box: Box) -> bool:
    def read(db):
        return len(db.table("participants")) == 0 and not workshop.meta(db).get("step")

    return box.store.read(read)


def players(step) -> list:
    """The activities that play a part in `step`: its phase's, and those without a phase of their
    own (the buddies, shown within another activity's screens), which choose their steps."""
    return [a for a in ACTIVITIES if a.demo is not None and (step.phase in a.phases or not a.phases)]


def fill(box: Box) -> bool:
    """Play the programme with the sample room and stop on its last step; return False (doing
    nothing) when the workshop already has people or its programme has started."""
    if not _empty(box):
        return False
    room = Room(box, auth.Actor(auth.FACILITATOR))
    title = box.programme.title if box.programme is not None and box.programme.title else WORKSHOP["title"]
    room.console("workshop.update", {**WORKSHOP, "title": title[:workshop.DETAIL_LIMITS["title"]],
                                     "date": datetime.date.today().isoformat()})
    for name, contact, share in PEOPLE:
        answer = room.do(auth.ANONYMOUS, "participant.join", {"name": name, "contact": contact, "share_contact": share})
        room.people.append(auth.Actor(auth.PARTICIPANT, answer["participant"]["id"]))
        room.names.append(name)
        if contact and share:
            room.sharing.add(room.people[-1].participant_id)
    if box.programme is None or not box.programme.steps:
        return True
    for step in box.programme.steps:
        room.console("programme.next")
        room.visits[step.phase] = room.visits.get(step.phase, 0) + 1
        for activity in players(step):
            activity.demo(room, step)
    return True
