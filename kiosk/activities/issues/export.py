"""The issues in the export: every proposal with its fate, and the shown ones in the report."""

from __future__ import annotations

from ...export.sheets import Table


def sheets(view) -> list[Table]:
    _ = view._

    def status(issue):
        if issue.get("merged_into"):
            return _("merged into #%(id)s") % {"id": issue["merged_into"]}
        return view.shown_or_hidden(issue.get("hidden"))

    return [Table("issues.csv", _("Issues"), [_("Id"), _("Issue"), _("Proposed by"), _("Status")],
                  [[i["id"], i["text"], view.name(i["author"]) if i.get("author") is not None
                    else _("facilitator"), status(i)] for i in view.data.get("issues", [])])]


def pdf(report, view) -> None:
    shown = [i for i in view.data.get("issues", []) if not i.get("hidden")]
    if shown:
        report.heading(view._("Issues"))
        for n, issue in enumerate(shown, start=1):
            report.paragraph(f"{n}. {issue['text']}", 10.5, False, 5.5)
