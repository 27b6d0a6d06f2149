"""The wall's part of the demo: most of the room posts a commitment, tied to their group."""

from __future__ import annotations

COMMITMENTS = [
    "Proposer un covoiturage le mardi vers le marché de la ville",
    "Lancer un repair café un samedi par mois à la salle des fêtes",
    "Parler de la centrale villageoise au prochain conseil municipal",
    "Ouvrir mon atelier une fois par mois pour prêter les outils",
    "Recenser les producteurs prêts à livrer la cantine",
    "Inviter mes voisins à une soirée sur l'habitat partagé",
    "Mettre en relation les anciens et les jeunes du club de foot",
    "Écrire au département pour la ligne de bus du dimanche",
]


def play(room, step) -> None:
    if room.visits[step.phase] > 1:
        return
    group_of = {m: g["id"] for g in room.state().get("groups") or [] for m in g["members"]}
    for n, person in enumerate(room.people):
        if n % 5 == 4:  # some do not commit in writing
            continue
        pid = room.id_of(person)
        room.do(person, "wall.post", {"text": COMMITMENTS[n % len(COMMITMENTS)], "group_id": group_of.get(pid),
                                      "share_contact": pid in room.sharing and n % 2 == 0})
    posts = room.state().get("posts") or []
    if posts:
        room.console("wall.pin", {"post_id": posts[0]["id"]})
