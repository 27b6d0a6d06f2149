"""`absentees.html`: the workshop for those who could not come, in one self-contained page.

One HTML file, readable offline on any computer or phone: its style is inline, it has no
script and loads nothing (its Content-Security-Policy forbids it). The core writes the page and
its head (the workshop's title, date, place and attendance); each activity adds its section
through `Activity.absentees(view)`, in the registry's order, rendered with `section` from a
Jinja template beside it (`templates/activities/<name>/absentees.html`) with autoescaping on: every
participant's text is shown as text, never as markup. What a section shows is the activity's
choice, and only what is meant for those absent: the address book gives only the cards whose
owners ticked "sent to those who could not come". Such data, meant for this page alone, comes
from `Activity.absentees_data(db)`, read with the rest of the export's data (under the store's
lock) and left out of results.json and every other file.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .view import View

TEMPLATES = Path(__file__).resolve().parent.parent.parent / "templates"  # the pages' templates, beside kiosk/
FILE = "absentees.html"

_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(view: View, template: str, **values) -> str:
    """Render `template` (a path under templates/) with `_` in the workshop's language, autoescaped."""
    return _env.get_template(template).render(_=view._, view=view, **values)


def section(view: View, template: str, **values) -> Markup:
    """An activity's section of the page: its template rendered (the values escaped), as markup."""
    return Markup(render(view, template, **values))


def page(view: View, activities) -> bytes:
    """The whole page: the workshop's head, then each activity's section in the registry's order."""
    sections = [html for activity in activities if activity.absentees is not None
                for html in [activity.absentees(view)] if html]
    workshop = view.data.get("workshop") or {}
    return render(view, "export/absentees.html", workshop=workshop, title=view.title(),
                  attendance=len(view.data.get("participants", [])), sections=sections).encode("utf-8")
