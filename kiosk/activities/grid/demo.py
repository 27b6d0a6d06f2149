"""The grid's part of the demo: the axes validated from the vote, then each group's grid.

On an `axes` step the vote's top items become the axes (when Next did not). On the first `grid`
step each group writes two or three practices, an entry or two in each column, flags some of
them, orders its rows and lists what to collect before the next workshop; a later `grid` step
(the report-back) shows the axes' grids on the wall one after the other."""

from __future__ import annotations

PRACTICES = [
    "Habitat participatif", "Autopartage entre voisins", "Jardins partagés", "Repair cafés",
    "Monnaie locale", "Tiers-lieux", "Covoiturage domicile-travail", "Ateliers de savoirs",
]
TEXTS = {
    "examples": ["La Maison des Babayagas (Montreuil)", "Les Incroyables comestibles de Morlaix",
                 "Le garage solidaire du pays de Landivisiau"],
    "stakes": ["Garder les jeunes ménages dans les bourgs", "Moins de voitures pour les trajets courts",
               "Recréer du lien entre générations"],
    "innovation": ["Un bail collectif porté par la commune", "Une plateforme de réservation commune",
                   "Mutualiser les locaux vacants"],
    "regulatory": ["Les assurances des véhicules prêtés", "Le statut des bénévoles", "Les règles d'urbanisme"],
    "cultural": ["« Ma voiture, c'est ma liberté »", "La méfiance envers le voisin", "L'habitude du chacun chez soi"],
}
FLAGS = ("pepite", None, "opportunite", None, "vigilance")
RESOURCES = ["L'étude de l'ADEME sur l'économie du partage", "Les chiffres du recensement sur la mobilité",
             "Le contact du réseau des habitats participatifs de Bretagne"]


def play(room, step) -> None:
    state = room.state()
    if step.phase == "axes":
        if not state["grid"]["axes"]:
            room.console("grid.validate", {"count": step.options.get("axes", 6)})
        return
    axes = state["grid"]["axes"]
    if room.visits[step.phase] > 1:
        for axis in axes:
            room.console("grid.show", {"view": "axis", "axis_id": axis["id"]})
        room.console("grid.show", {"view": step.options.get("show", "matrix"), "axis_id": axes[0]["id"]}
                     if axes else {"view": "matrix"})
        return
    by_id = {g["id"]: g for g in state.get("groups") or []}
    for n, axis in enumerate(axes):
        group = by_id.get(axis["group_id"])
        if not group or not group["members"]:
            continue
        members = [_actor(room, m) for m in group["members"]]
        rows = []
        for k in range(2 + n % 2):
            practice = PRACTICES[(2 * n + k) % len(PRACTICES)]
            rows.append(room.do(members[k % len(members)], "grid.row", {"axis_id": axis["id"], "practice": practice})["row"])
        for k, row in enumerate(rows):
            for c, (column, texts) in enumerate(TEXTS.items()):
                writer = members[(k + c) % len(members)]
                room.do(writer, "grid.add", {"row_id": row["id"], "column": column, "text": texts[(n + k) % len(texts)],
                                             "flag": FLAGS[(n + k + c) % len(FLAGS)]})
        secretary = group.get("secretary")
        orderer = _actor(room, secretary) if secretary in group["members"] else None
        if orderer is not None and len(rows) > 1:
            ids = [r["id"] for r in rows]
            room.do(orderer, "grid.order", {"axis_id": axis["id"], "row_ids": [ids[-1], *ids[:-1]]})
        room.do(members[-1], "grid.resource", {"axis_id": axis["id"], "text": RESOURCES[n % len(RESOURCES)]})


def _actor(room, participant_id):
    return next(p for p in room.people if room.id_of(p) == participant_id)
