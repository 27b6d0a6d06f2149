"""The statements in the export: `statements.csv` (each live statement, its counts and verdict),
`statement-votes.csv` (Pol.is's participant-votes layout, so that its users' tools read it), a sheet
each, a section of the report and of absentees.html."""

from __future__ import annotations

from ...export import absentees as page
from ...export.sheets import Table
from . import domain, stats


def results(db) -> dict:
    """`results.json`'s `statements`: the question, every statement (moderated ones too) with its
    counts and verdict, and the vote matrix (`ids`, `votes`: `[participant, {statement: vote}]`)."""
    ids, votes = domain.matrix(db)
    return {"statements": {"prompt": domain.room(db)["prompt"], "items": [{**domain.item(d), "author": d.get("author")}
                                                                   for d in domain.every(db)],
                           "ids": ids, "votes": [[pid, {str(k): v for k, v in answers.items()}]
                                                 for pid, answers in votes]}}


def _data(view) -> dict:
    return view.data.get("statements") or {"prompt": "", "items": [], "ids": [], "votes": []}


def _live(view) -> list[dict]:
    return [s for s in _data(view)["items"] if s["status"] == domain.ACCEPTED]


def verdict(view, statement: dict) -> str:
    _ = view._
    if statement["verdict"] == stats.CONSENSUS:
        return _("consensus (agree)") if statement["direction"] == stats.AGREE else _("consensus (disagree)")
    return _("divisive") if statement["verdict"] == stats.DIVISIVE else "—"


def sheets(view) -> list[Table]:
    _ = view._
    data = _data(view)
    if not data["items"]:
        return []
    rows = [[s["id"], s["text"], s["agree"], s["disagree"], s["pass"], verdict(view, s)] for s in _live(view)]
    statements = Table("statements.csv", _("Statements"),
                       [_("Id"), _("Statement"), _("Agree"), _("Disagree"), _("Pass"), _("Verdict")], rows)
    # Pol.is's participant-votes.csv: participant, group-id, n-comments, n-votes, n-agree, n-disagree, then one
    # column per statement (its id), 1 agree, -1 disagree, 0 pass, empty when not answered.
    written: dict[int, int] = {}
    for s in data["items"]:
        if s.get("author") is not None:
            written[s["author"]] = written.get(s["author"], 0) + 1
    matrix = []
    for pid, answers in data["votes"]:
        values = [answers.get(str(sid)) for sid in data["ids"]]
        cast = [v for v in values if v is not None]
        matrix.append([pid, "", written.get(pid, 0), len(cast), cast.count(1), cast.count(-1),
                       *["" if v is None else v for v in values]])
    votes = Table("statement-votes.csv", _("Statement votes"),
                  ["participant", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree",
                   *[str(sid) for sid in data["ids"]]], matrix)
    return [statements, votes]


def _counts(view, s: dict) -> str:
    return view._("%(agree)d agree, %(disagree)d disagree, %(pass)d pass") % {
        "agree": s["agree"], "disagree": s["disagree"], "pass": s["pass"]}


def _sorted(view) -> dict:
    live = _live(view)
    agreed = [s for s in live if s["verdict"] == stats.CONSENSUS and s["direction"] == stats.AGREE]
    disagreed = [s for s in live if s["verdict"] == stats.CONSENSUS and s["direction"] == stats.DISAGREE]
    divisive = [s for s in live if s["verdict"] == stats.DIVISIVE]
    agreed.sort(key=lambda s: -stats.consensus_rank(s["agree"], s["disagree"], s["pass"]))
    disagreed.sort(key=lambda s: -stats.consensus_rank(s["agree"], s["disagree"], s["pass"]))
    divisive.sort(key=lambda s: -stats.split(s["agree"], s["disagree"]))
    return {"agreed": agreed, "disagreed": disagreed, "divisive": divisive}


def pdf(report, view) -> None:
    live = _live(view)
    if not live:
        return
    _ = view._
    report.heading(_("Statements"))
    if _data(view)["prompt"]:
        report.paragraph(_data(view)["prompt"], 10.5, True, 5.5)
    report.paragraph(_("%(count)d statements, answered by %(people)d people.") % {
        "count": len(live), "people": len(_data(view)["votes"])}, 10.5, False, 5.5)
    for title, key in ((_("The room agrees"), "agreed"), (_("The room disagrees"), "disagreed"),
                       (_("The room splits"), "divisive")):
        found = _sorted(view)[key]
        report.paragraph(title, 10.5, True, 5.5)
        for s in found or [None]:
            report.paragraph(f"• {s['text']} ({_counts(view, s)})" if s else "—", 10.5, False, 5.5, indent=4)


def absentees(view):
    """The section of absentees.html: the question, what the room agrees on, disagrees on, splits on."""
    found = _sorted(view)
    if not any(found.values()):
        return None
    return page.section(view, "activities/statements/absentees.html", prompt=_data(view)["prompt"],
                        counts=lambda s: _counts(view, s), **found)
