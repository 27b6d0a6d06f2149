"""The situation reviews in the export: `review.csv` per review (`review-2.csv`… for the next ones),
a sheet each, and a section of the report with each bucket's public notes, the most +1s first.

A CSV row is a note that is not merged into another (a merged note's text is in the "merged from"
cell of the note that absorbed it), whatever its status: the organisers see what the room saw and
what the facilitator kept out (pending, rejected, hidden). Authors are not exported: the room's
notes are anonymous on every screen, and stay so on paper.
"""

from __future__ import annotations

from ... import instances
from ...export.sheets import Table
from . import domain


def results(db) -> dict:
    """`results.json`'s `situation_reviews`: every review with its buckets and notes (merged ones too, each
    with its status, +1 count, `merged_from` and `merged_into`)."""
    found = []
    for review_doc in instances.every(db, domain.REVIEWS):
        notes = [{k: v for k, v in domain.console_note(review_doc, doc).items() if k != "author"}
                 for doc in domain.every_note(db, review_doc) if doc["status"] != domain.WITHDRAWN]
        found.append({"id": review_doc.doc_id, "prompt": review_doc["prompt"], "buckets": list(review_doc["buckets"]),
                      "moderation": review_doc["moderation"], "status": review_doc["status"],
                      "step": review_doc.get("step"), "opened": review_doc.get("opened"),
                      "closed": review_doc.get("closed"), "notes": notes})
    return {"situation_reviews": found}


def _reviews(view) -> list[dict]:
    return view.data.get("situation_reviews", [])


def _rows(review: dict) -> list[dict]:
    """The review's notes that stand on their own, bucket by bucket, the most +1s first."""
    order = {name: n for n, name in enumerate(review["buckets"])}
    kept = [n for n in review["notes"] if n["status"] != domain.MERGED]
    return sorted(kept, key=lambda n: (order.get(n["bucket"], len(order)), -n["plus_ones"], n["id"]))


def sheets(view) -> list[Table]:
    _ = view._
    states = {domain.PUBLIC: _("shown"), domain.PENDING: _("waiting for approval"), domain.HIDDEN: _("hidden"),
              domain.REJECTED: _("rejected")}
    reviews = _reviews(view)
    several = len(reviews) > 1
    tables = []
    for number, review in enumerate(reviews, start=1):
        rows = [[n["bucket"], n["text"], n["plus_ones"], " | ".join(n["merged_from"]),
                 states.get(n["status"], n["status"]),
                 *([review["prompt"], "" if review.get("step") is None else review["step"] + 1] if several else [])]
                for n in _rows(review)]
        headers = [_("Bucket"), _("Note"), _("Supports (+1)"), _("Merged from"), _("Status"),
                   *([_("Question"), _("Programme step")] if several else [])]
        title = _("Situation review") if number == 1 else f"{_('Situation review')} {number}"
        tables.append(Table(instances.numbered("review.csv", number), title[:31], headers, rows))
    return tables


def pdf(report, view) -> None:
    reviews = _reviews(view)
    for number, review in enumerate(reviews, start=1):
        report.heading(view._("Situation review") + (f" {number}" if len(reviews) > 1 else ""))
        if review["prompt"]:
            report.paragraph(review["prompt"], 10.5, True, 5.5)
        shown = [n for n in _rows(review) if n["status"] == domain.PUBLIC]
        for bucket in review["buckets"]:
            report.paragraph(bucket, 11, True, 6)
            notes = [n for n in shown if n["bucket"] == bucket]
            if not notes:
                report.paragraph("—", 10, False, 5.2, indent=4)
            for note in notes:
                report.paragraph(f"{note['text']} (+{note['plus_ones']})" if note["plus_ones"] else note["text"],
                                 10, False, 5.2, indent=4)
