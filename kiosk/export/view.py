"""Lookups over the collected data, and the texts in the workshop's language.

The activities' export sections read the data through one `View`: names, issues, groups, deck
families and cards, "Label: value" typography. What only one activity needs stays with it.
"""

from __future__ import annotations

import unicodedata

from ..i18n import catalogue, long_date, translator

#: The key of the collected data holding each activity's `absentees_data`: for absentees.html only.
FOR_ABSENTEES = "for_absentees"


def same_name_key(name: str) -> str:
    """Names a reader could take for one another: no case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).split())


def distinct_names(people: dict) -> dict:
    """`{id: name}` where people who share a name get a number, in the order they joined:
    "Chloé (1)", "Chloé (2)"; a report handed out must never leave two people the same."""
    by_key: dict[str, list[int]] = {}
    for pid in sorted(people):
        by_key.setdefault(same_name_key(people[pid]["name"]), []).append(pid)
    names = {}
    for ids in by_key.values():
        for number, pid in enumerate(ids, start=1):
            names[pid] = people[pid]["name"] if len(ids) == 1 else f"{people[pid]['name']} ({number})"
    return names


class View:
    """The collected data (`collect`) with its lookups; `_` (and `ngettext`) translate into the workshop's language."""

    def __init__(self, data: dict):
        self.data = data
        self.lang = (data.get("workshop") or {}).get("lang") or "fr"
        self._ = translator(self.lang)
        self.ngettext = catalogue(self.lang).ngettext
        # Names: the participants', and those the facilitator removed (their hidden posts keep a name).
        self.people = {p["id"]: p for p in [*(data.get("removed") or []), *data.get("participants", [])]}
        self.names = distinct_names(self.people)
        self.issues = {i["id"]: i for i in data.get("issues", [])}
        self.groups = {g["id"]: g for g in data.get("groups", [])}
        deck = data.get("deck") or {}
        self.families = {f["id"]: f for f in deck.get("families", [])}
        self.cards = {c["id"]: (c, f) for f in deck.get("families", []) for c in f.get("cards", [])}
        self.group_of = {m: g for g in data.get("groups", []) for m in g.get("members", [])}
        self.claims = {fid: list(pids) for fid, pids in (data.get("claims") or {}).items()}

    def for_absentees(self, activity: str):
        """What `activity`'s `absentees_data` gave, for absentees.html only (None when nothing)."""
        return (self.data.get(FOR_ABSENTEES) or {}).get(activity)

    def name(self, participant_id) -> str:
        name = self.names.get(participant_id)
        return name if name is not None else ("" if participant_id is None else f"#{participant_id}")

    def issue(self, issue_id) -> str:
        issue = self.issues.get(issue_id)
        return issue["text"] if issue else f"#{issue_id}"

    def group_name(self, group_id) -> str:
        group = self.groups.get(group_id)
        return group["name"] if group else ""

    def family_name(self, family_id) -> str:
        family = self.families.get(family_id)
        return family["name"] if family else (family_id or "")

    def card(self, card_id) -> tuple[dict, dict]:
        """A deck card and its family; a card no longer in the deck shows its id."""
        return self.cards.get(card_id, ({"title": card_id}, {}))

    def families_of(self, participant_id) -> list[str]:
        return [self.family_name(fid) for fid, pids in self.claims.items() if participant_id in pids]

    def labelled(self, label: str, value) -> str:
        """"Label: value", with the language's typography (French puts a space before the colon)."""
        return self._("%(label)s: %(value)s") % {"label": label, "value": value}

    def label(self, labels: dict, key) -> str:
        """A value's label from its activity's `{value: message}`, translated; an unknown value as is."""
        return self._(labels[key]) if key in labels else (key or "")

    def yes_no(self, flag) -> str:
        return self._("yes") if flag else self._("no")

    def shown_or_hidden(self, hidden) -> str:
        return self._("hidden") if hidden else self._("shown")

    def date(self, value) -> str:
        """A date ("2026-11-30", or a date or datetime) in the workshop's language, long form:
        "30 novembre 2026"; a text that is no date stays as it is."""
        return long_date(value, self.lang)

    def title(self) -> str:
        return (self.data.get("workshop") or {}).get("title") or self._("Workshop")
