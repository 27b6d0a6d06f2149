"""The census's part of the demo: at the first census step the phones add the initiatives their
owners know and a volunteer types a few paper forms at the console; at the later ones, the paper
forms collected in public places are typed in, one of them an initiative already listed, spelled a
little differently (flagged for review). The programme's last census step closes the census."""

from __future__ import annotations

from . import codes, domain

#: The initiatives the room knows best (name, theme, commune, carried by, since when).
INITIATIVES = [
    ("Repair café de Redon", "Réemploi et réparation", "Redon", "Une association", "2016"),
    ("Jardin partagé des Bénédictins", "Alimentation", "Redon", "Des habitants", "2019"),
    ("Covoiturage Pipriac–Redon", "Mobilité", "Pipriac", "Plusieurs acteurs ensemble", "2021"),
    ("Épicerie coopérative La Cambuse", "Alimentation", "Allaire", "Une association", "2018"),
    ("Atelier vélo Roue Libre", "Mobilité", "Saint-Nicolas-de-Redon", "Une association", "2020"),
    ("Centrale villageoise des Marais", "Énergie", "Fégréac", "Des habitants", "2017"),
    ("Boîte à livres du bourg", "Culture et loisirs", "Peillac", "Une collectivité", "2022"),
    ("Troc de graines", "Alimentation", "Bains-sur-Oust", "Des habitants", "2015"),
    ("Habitat partagé Les Courtils", "Habitat et fabrique de la ville", "Guémené-Penfao", "Des habitants", "2014"),
    ("Accorderie du Pays de Redon", "Solidarité et entraide", "Redon", "Une association", "2013"),
]
#: Kinds of initiative found in many communes: with the communes below, the rest of the census.
KINDS = [
    ("AMAP", "Alimentation", "Plusieurs acteurs ensemble"), ("Grainothèque", "Alimentation", "Une collectivité"),
    ("Pédibus de l’école", "Mobilité", "Des habitants"), ("Autopartage", "Mobilité", "Une association"),
    ("Ressourcerie", "Réemploi et réparation", "Une association"),
    ("Café associatif", "Culture et loisirs", "Une association"),
    ("Chantier participatif", "Habitat et fabrique de la ville", "Des habitants"),
    ("Jardin solidaire", "Solidarité et entraide", "Une association"),
    ("Coopérative d’activités", "Emploi et économie", "Une entreprise"),
    ("Four à pain collectif", "Alimentation", "Des habitants"),
]
COMMUNES = ["Allaire", "Avessac", "Béganne", "Guémené-Penfao", "Langon", "Les Fougerêts", "Massérac", "Plessé",
            "Renac", "Rieux", "Saint-Just", "Sixt-sur-Aff", "Théhillac", "Saint-Perreux"]
THEMES = ["Alimentation", "Mobilité", "Habitat et fabrique de la ville", "Énergie", "Réemploi et réparation",
          "Culture et loisirs", "Solidarité et entraide", "Emploi et économie", "Autre"]  # the French form's order
CARRIERS = ["Des habitants", "Une association", "Une entreprise", "Une collectivité", "Plusieurs acteurs ensemble"]
PUBLICS = ["Tout public", "Familles", "Jeunes", "Personnes âgées"]
PHONE_ENTRIES = 40  # the first census step: the phones' entries (the ten best known first)
PAPER_BATCH = 20  # paper forms typed in at each later census step
#: The repair café once more, from a paper form typed in later, spelled a little differently.
TWICE = ("Le Repair Café de Rédon",) + INITIATIVES[0][1:]


def _of(commune: str) -> str:
    """« de Plessé », « d’Allaire », « des Fougerêts »."""
    if commune.startswith("Les "):
        return "des " + commune[4:]
    return ("d’" if commune[0] in "AEÉIOUY" else "de ") + commune


def _census() -> list[tuple]:
    """Every initiative the demo may enter, in order: the ten best known, then kinds × communes."""
    return INITIATIVES + [(f"{kind} {_of(commune)}", theme, commune, carried, str(2010 + (k + c) % 14))
                          for c, commune in enumerate(COMMUNES) for k, (kind, theme, carried) in enumerate(KINDS)]


def _localised(fields: dict, field_id: str, value: str, french: list[str]) -> str:
    """A French choice as the form's language has it (the same place in its list of choices)."""
    choices = fields[field_id]["choices"]
    return value if value in choices else choices[french.index(value) % len(choices)]


def _values(room, initiative, form) -> dict:
    name, theme, commune, carried, started = initiative
    fields = {f["id"]: f for f in form["fields"]}
    values = {"name": name, "theme": theme, "commune": commune, "carried-by": carried, "started": started,
              "public": room.rng.sample(PUBLICS, 2), "people": 10 + room.rng.randrange(90),
              "description": f"{name} : une initiative née à {commune}."}
    if "theme" in fields:
        values["theme"] = _localised(fields, "theme", theme, THEMES)
    if "carried-by" in fields:
        values["carried-by"] = _localised(fields, "carried-by", carried, CARRIERS)
    if "public" in fields:
        publics = fields["public"]["choices"]
        values["public"] = sorted({publics[PUBLICS.index(p) % len(publics)] for p in values["public"]}, key=publics.index)
    return {k: v for k, v in values.items() if k in fields}


def _type_paper(room, form, initiatives) -> None:
    # New codes as printed forms have: none of those already printed or typed in.
    taken = room.box.store.read(domain.taken_codes)
    for code, initiative in zip(codes.new_codes(len(initiatives), taken), initiatives):
        room.console("census.add", {"values": _values(room, initiative, form), "code": code})


def play(room, step) -> None:
    census = room.state().get("census")
    if not census or census["status"] != "open":
        room.console("census.open")
        census = room.state()["census"]
    form, visit, last = census["form"], room.visits["census"], room.last_of_phase(step)
    listed = _census()
    if visit == 1:  # the workshop: the phones
        for n, initiative in enumerate(listed[:PHONE_ENTRIES]):
            room.do(room.people[n % (len(room.people) - 4)], "census.add", {"values": _values(room, initiative, form)})
    if visit > 1 or last:  # the paper forms collected since, typed in at the console
        done = PHONE_ENTRIES + PAPER_BATCH * max(0, visit - 2)
        _type_paper(room, form, listed[done:done + PAPER_BATCH])
        if visit <= 2:
            _type_paper(room, form, [TWICE])
    if last:
        room.console("census.close")
