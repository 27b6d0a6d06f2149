"""The pads' part of the demo: each table writes its examples (one table is a remote room, whose
examples the facilitator types in as they are read over the phone); a table member completes
another's example; then, in the typology step, the facilitator names the types and sorts."""

from __future__ import annotations

#: (title, what, where, who, link), by table (the tables are the demo's groups, in order).
EXAMPLES = [
    [("La Fabrique du Val", "Un atelier partagé où chacun répare et apprend", "Pouilly-en-Auxois", "Association La Fabrique",
      "lafabrique.example.org"),
     ("Wikipédia", "Une encyclopédie écrite par ses lecteurs", "En ligne", "Fondation Wikimédia", ""),
     ("La gratuiterie du mois", "On donne, on prend, sans compter", "Salle des fêtes de Sombernon", "Collectif d'habitants", "")],
    [("OpenStreetMap", "La carte du monde que chacun complète", "Partout", "Contributeurs bénévoles", "openstreetmap.org"),
     ("Le budget participatif", "Les habitants choisissent des projets", "Dijon", "La ville", "")],
    [("Le jardin partagé des Tilleuls", "Des parcelles cultivées ensemble", "Quartier des Tilleuls", "Association des habitants", ""),
     ("Repair café", "Réparer ensemble plutôt que jeter", "Médiathèque", "Bénévoles", ""),
     ("Les communs numériques", "Des logiciels libres pour les mairies", "Le département", "Adullact", "")],
    [("Tiers-lieu éphémère", "Un lieu ouvert un mois par an", "Gare de Blaisy", "Réseau des tiers-lieux", "")],
]
#: The typology: label -> the titles it holds.
TYPES = {
    "Lieux partagés": ["La Fabrique du Val", "Le jardin partagé des Tilleuls", "Tiers-lieu éphémère", "Repair café"],
    "Communs de la connaissance": ["Wikipédia", "OpenStreetMap", "Les communs numériques"],
    "Dons et gratuité": ["La gratuiterie du mois"],
}


def play(room, step) -> None:
    if step.phase == "typology":
        _sort(room)
        return
    state = room.state()
    if state.get("examples") is None or state["examples"]["status"] != "open":
        room.console("examples.open")
    tables = room.state()["groups"]
    for place, (group, examples) in enumerate(zip(tables, EXAMPLES)):
        members = [p for p in room.people if room.id_of(p) in group["members"]]
        remote = place == len(EXAMPLES) - 1 or not members
        if remote:
            room.console("examples.remote", {"group_id": group["id"], "on": True})
        for n, (title, what, where, who, link) in enumerate(examples):
            payload = {"title": title, "what": what, "where": where, "who": who, "link": link}
            if remote:
                room.console("examples.add", {**payload, "group_id": group["id"]})
            else:
                room.do(members[n % len(members)], "examples.add", payload)
    first = next((e for e in room.state()["examples"]["examples"] if e["title"] == "Wikipédia"), None)
    if first is not None:  # another member of the table completes the example
        writer = next(p for p in room.people if room.id_of(p) in tables[0]["members"])
        room.do(writer, "examples.edit", {"example_id": first["id"], "field": "what", "base": first["what"],
                                          "text": first["what"] + ", dans plus de 300 langues"})


def _sort(room) -> None:
    by_title = {e["title"]: e["id"] for e in room.state()["examples"]["examples"]}
    for label, titles in TYPES.items():
        category = room.console("examples.category", {"label": label})["category"]
        for title in titles:
            if title in by_title:
                room.console("examples.sort", {"example_id": by_title[title], "category_id": category["id"]})
