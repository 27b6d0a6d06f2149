"""The seeds' part of the demo: each group writes its seed card; on a later seeds step, the
room joins the action groups, each seed gets a referent and a next meeting."""

from __future__ import annotations

import datetime

#: A seed for each need the review's demo posts (by the need's text), and one for any other need.
CARDS = {
    "Être plus visibles auprès du grand public": (
        "La fête des initiatives", "Un samedi où les associations montrent ce qu'elles font, en plein air.",
        "Réserver la place du marché", "Ana : la mairie ; Chloé : les affiches"),
    "Une boîte à outils pour les élus": (
        "La boîte à outils des élus", "Des fiches simples sur les projets qui marchent ailleurs.",
        "Recenser dix projets voisins", "Loïc écrit, Océane met en page"),
    "Mutualiser du matériel": (
        "Le matériel partagé", "Un inventaire commun du matériel des associations, prêté entre elles.",
        "Un tableur partagé", "Thérèse collecte, Yannick relance"),
    "Un lieu pour se retrouver": (
        "Un local commun", "Un lieu partagé pour se réunir et stocker, porté par plusieurs structures.",
        "Visiter l'ancienne école", "Valérie contacte le maire"),
    "Former les bénévoles": (
        "L'école des bénévoles", "Des formations courtes et gratuites, données par les bénévoles eux-mêmes.",
        "Lister qui sait quoi", "Baptiste anime, Céline réserve la salle"),
}
PLACES = ["Tiers-lieu La Cordée, Briançon", "Salle des fêtes de Guillestre", "Centre social, Briançon", "En visio"]


def card(need: str) -> dict:
    title, pitch, first, who = CARDS.get(need) or (f"Agir : {need}"[:80], "Une première réponse, à plusieurs.",
                                                   "Se retrouver dans un mois", "Chacun apporte un contact")
    return {"title": title, "pitch": pitch, "first_step": first, "who_does_what": who}


def play(room, step) -> None:
    state = room.state()
    groups = {g["id"]: g for g in state.get("groups") or []}
    seeds = state.get("seeds") or []
    if not seeds and groups:
        seeds = room.console("seeds.open")["seeds"]
    people = {room.id_of(p): p for p in room.people}
    first = room.visits[step.phase] == 1
    for n, seed in enumerate(seeds):
        group = groups.get(seed["group_id"]) or {"members": [], "secretary": None}
        writer = people.get(group.get("secretary") or (group["members"] or [None])[0]) or room.facilitator
        if first:
            for field, value in card(seed["need"]).items():
                seed = _edit(room, writer, seed, field, value)
            continue
        for member in dict.fromkeys([*group["members"], *(room.id_of(p) for p in room.people[n::7])]):
            seed = room.do(people[member], "seed.join", {"seed_id": seed["id"]})["seed"]
        if writer is not room.facilitator:
            seed = room.do(writer, "seed.referent", {"seed_id": seed["id"], "participant_id": room.id_of(writer)})["seed"]
        meeting = datetime.date.today() + datetime.timedelta(days=14 + 7 * n)
        seed = _edit(room, writer, seed, "meeting_date", meeting.isoformat())
        seed = _edit(room, writer, seed, "meeting_place", PLACES[n % len(PLACES)])
        if n == len(seeds) - 1:
            _edit(room, writer, seed, "open", False)


def _edit(room, writer, seed: dict, field: str, value) -> dict:
    """Write one field on the version the card has (as a phone that just read it); the card after."""
    return room.do(writer, "seed.edit", {"seed_id": seed["id"], "field": field, "value": value,
                                         "version": seed["versions"][field]})["seed"]
