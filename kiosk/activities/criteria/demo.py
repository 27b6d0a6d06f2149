"""The criteria's part of the demo: the facilitator records the criteria the debate brought out
(besides those the step started with) up to six, the room rates them (some say they don't know),
the rating closes. A later criteria step shows the radar again: nothing more to play."""

from __future__ import annotations

CRITERIA = [("Lien social", "Nombre de rencontres entre voisins par mois"),
            ("Accessibilité", "Part des habitants à moins de 15 min"),
            ("Sobriété", "Kilos de déchets évités par an"),
            ("Gouvernance partagée", "Nombre de décisions prises en collectif"),
            ("Économie locale", "Euros dépensés sur le territoire"),
            ("Transmission", "Personnes formées dans l'année")]
RATED = 6  # criteria on the radar


def play(room, step) -> None:
    state = room.state().get("criteria")
    if state is not None and state["status"] == "closed":
        return
    have = {i["name"] for i in (state or {}).get("items", [])}
    for name, indicator in [c for c in CRITERIA if c[0] not in have][:max(0, RATED - len(have))]:
        room.console("criteria.add", {"name": name, "indicator": indicator})
    if room.state()["criteria"]["status"] == "drafting":
        room.console("criteria.open")
    items = room.state()["criteria"]["items"]
    for n, person in enumerate(room.people[:-2]):
        for k, item in enumerate(items):
            # A criterion the room agrees on, one that divides it, some "je ne sais pas".
            value = None if (n + k) % 9 == 0 else min(4, max(0, 2 + (k % 3) - room.rng.randrange(3) + (n % 2) * (k % 2)))
            room.do(person, "criteria.rate", {"criterion_id": item["id"], "value": value})
    room.console("criteria.close")
