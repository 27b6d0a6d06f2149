"""The census's part of the demo: phones add the initiatives they know, a volunteer types a few paper
forms at the console, and two entries of one repair café raise a possible duplicate to review."""

from __future__ import annotations

from . import codes

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
PUBLICS = ["Tout public", "Familles", "Jeunes", "Personnes âgées"]


def _values(room, initiative, form) -> dict:
    name, theme, commune, carried, started = initiative
    values = {"name": name, "theme": theme, "commune": commune, "carried-by": carried, "started": started,
              "public": room.rng.sample(PUBLICS, 2), "people": 10 + room.rng.randrange(90),
              "description": f"{name} : une initiative née à {commune}."}
    fields = {f["id"]: f for f in form["fields"]}
    for field_id in ("theme", "carried-by"):  # an English form has its own choices
        if field_id in fields and values[field_id] not in fields[field_id]["choices"]:
            values[field_id] = room.rng.choice(fields[field_id]["choices"])
    if "public" in fields:
        values["public"] = [c for c in fields["public"]["choices"] if c in values["public"]] or fields["public"]["choices"][:1]
    return {k: v for k, v in values.items() if k in fields}


def play(room, step) -> None:
    state = room.state()
    if not state.get("census"):
        room.console("census.open")
        state = room.state()
    if state["census"]["status"] != "open" or state["census"]["counts"]["total"]:
        return
    form = state["census"]["form"]
    for person, initiative in zip(room.people[:7], INITIATIVES):
        room.do(person, "census.add", {"values": _values(room, initiative, form)})
    for code, initiative in zip(codes.new_codes(3), INITIATIVES[7:]):
        room.console("census.add", {"values": _values(room, initiative, form), "code": code})
    # The repair café once more, from a paper form, spelled a little differently: flagged for review.
    twice = ("Le Repair Café de Rédon",) + INITIATIVES[0][1:]
    room.console("census.add", {"values": _values(room, twice, form), "code": codes.new_codes(1)[0]})
