"""The address book's part of the demo: most of the room fills a card, each with its own
consents (some for the room only, some for the report, a few for those who could not come), and
the facilitator adds two useful contacts."""

from __future__ import annotations

STRUCTURES = [
    ("Mairie de Briançon", "Chargée de mission transition"), ("Association Mountain Wilderness", "Bénévole"),
    ("Centre social du Briançonnais", "Animatrice"), ("Biocoop des Écrins", "Gérant"),
    ("Communauté de communes du Guillestrois-Queyras", "Technicien mobilité"),
    ("Lycée d'Altitude", "Professeure de SVT"), ("Ferme du Grand Pré", "Maraîcher"),
    ("Tiers-lieu La Cordée", "Coordinatrice"), ("Habitante", ""), ("Repair café de l'Argentière", "Président"),
]
BRING = ["Un local pour se réunir", "Du temps le mercredi", "Un réseau de producteurs", "Des compétences en communication",
         "Un minibus le week-end", "L'expérience d'un projet voisin"]
SEEK = ["Des bénévoles", "Des partenaires financiers", "Des idées pour toucher les jeunes", "Un lieu de stockage",
        "Des contacts à la mairie", "Des retours d'expérience"]
CONTACTS = [
    {"organisation": "France Services du Briançonnais", "kind": "public_contact", "service": "Accueil",
     "email": "accueil@franceservices-exemple.fr", "phone": "04 92 00 00 00",
     "offers": "Aide aux démarches, permanences des partenaires"},
    {"organisation": "Agence locale de l'énergie", "kind": "organisation", "website": "ale-exemple.fr",
     "offers": "Conseils gratuits sur la rénovation"},
]


def play(room, step) -> None:
    if room.visits[step.phase] > 1:
        return
    for n, person in enumerate(room.people[:-3]):  # three never fill theirs
        structure, role = STRUCTURES[n % len(STRUCTURES)]
        room.do(person, "addressbook.save", {
            "name": room.names[n], "structure": structure, "role": role,
            "email": f"{_plain(room.names[n])}@exemple.fr" if n % 3 != 2 else "",
            "phone": f"06 00 00 00 {n:02d}" if n % 4 == 1 else "",
            "bring": BRING[n % len(BRING)], "seek": SEEK[(n * 5) % len(SEEK)],
            "room": n % 6 != 5, "report": n % 3 != 1, "absentees": n % 4 == 0})
    for contact in CONTACTS:
        room.console("addressbook.add_contact", contact)


def _plain(name: str) -> str:
    """"Jean-Marc" → "jean-marc", "Élise" → "elise": an e-mail's local part."""
    import unicodedata

    text = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in text if ch.isascii() and (ch.isalnum() or ch == "-"))
