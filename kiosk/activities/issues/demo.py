"""The issues' part of the demo: twenty issues of a rural territory, from the phones and the console."""

from __future__ import annotations

ISSUES = [
    "Se déplacer sans voiture dans les villages",
    "Garder des commerces et des services de proximité",
    "Loger les jeunes et les saisonniers",
    "Manger local à la cantine",
    "Réduire les déchets des ménages",
    "Faire vivre les tiers-lieux",
    "Rénover les logements mal isolés",
    "Produire notre propre énergie",
    "Accueillir les nouveaux habitants",
    "Garder les médecins sur le territoire",
    "Réparer plutôt que jeter",
    "Partager les outils et le matériel",
    "Créer des emplois non délocalisables",
    "Rapprocher les générations",
    "Protéger l'eau et les rivières",
    "Faire vivre les associations",
    "Développer le télétravail",
    "Soutenir les agriculteurs qui s'installent",
    "Une monnaie locale pour les commerces",
    "Des loisirs pour les ados",
]


def play(room, step) -> None:
    if room.visits[step.phase] > 1 or room.state().get("issues"):
        return
    for n, text in enumerate(ISSUES):
        author = room.facilitator if n % 7 == 3 else room.people[(n * 3) % len(room.people)]
        room.do(author, "issue.propose", {"text": text})
