"""The report-back's part of the demo: each group presents, the others react, to the end."""

from __future__ import annotations

REACTIONS = {
    "positive": ["Très concret, bravo", "Belle idée de partenariat", "On a envie de vous rejoindre"],
    "improve": ["Penser au financement dès le début", "Associer les jeunes", "Et les communes voisines ?"],
}


def play(room, step) -> None:
    groups = room.state().get("groups") or []
    if not groups:
        return
    members = {g["id"]: set(g["members"]) for g in groups}
    report = room.state().get("report") or room.console("report.start")["report"]  # Next may have started it
    while report is not None:
        if report["part"] == "react":
            others = [p for p in room.people if room.id_of(p) not in members.get(report["group_id"], ())]
            for n, person in enumerate(others[:4]):
                kind = "positive" if n % 2 == 0 else "improve"
                room.do(person, "reaction.post", {"group_id": report["group_id"], "kind": kind,
                                                  "text": REACTIONS[kind][(report["group_id"] + n) % 3]})
        report = room.console("report.next")["report"]
