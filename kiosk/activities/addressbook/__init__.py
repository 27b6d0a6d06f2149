"""Address book: each participant's card with a consent per use, and the facilitator's useful contacts."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from ...protocol import FACILITATOR, PARTICIPANT, command
from .. import Activity
from . import demo, domain, export

PHASES = {
    "addressbook": (_l("Address book"),
                    _l("Fill in your card from your phone and choose who may see it: the room, the report, "
                       "those who could not come.")),
}

STRINGS = {
    "addressbook_save": _l("Save my card"),
    "addressbook_saved": _l("Your card is saved. You can change it, or take back a consent, at any time."),
    "addressbook_remove": _l("Remove my card"),
    "addressbook_removed": _l("Your card is removed."),
    "addressbook_search": _l("Search the address book"),
    "addressbook_count": _l("{shown} of {total} cards"),
    "addressbook_none": _l("No card matches."),
    "addressbook_empty": _l("No card visible to the room yet."),
    "addressbook_filled": _l("{filled} cards filled in: {room} visible to the room, {report} in the report, "
                             "{absentees} for those who could not come."),
    "addressbook_brings": _l("Brings: {text}"),
    "addressbook_seeks": _l("Seeks: {text}"),
    "addressbook_useful": _l("Useful contact"),
    "addressbook_kinds": {kind: _l(label) for kind, label in domain.KIND_LABELS.items()},
    "addressbook_remove_contact_named": _l("Remove the useful contact “{text}”"),
    "addressbook_edit_contact_named": _l("Edit the useful contact “{text}”"),
    "addressbook_edit": _l("Edit"),
    "addressbook_add_contact": _l("Add the useful contact"),
    "addressbook_save_contact": _l("Save the useful contact"),
    "addressbook_add_contact_action": _l("+ Add a useful contact"),
    "addressbook_not_filled": _l("{n} have not filled in their card yet"),
    "addressbook_not_filled_one": _l("{n} has not filled in their card yet"),
}


@command("addressbook.save", PARTICIPANT,
         "`{name, structure?, role?, email?, phone?, bring?, seek?, room?, report?, absentees?}`: your whole card; "
         "each consent (`room`, `report`, `absentees`) is given only when sent as true.")
def _addressbook_save(ctx):
    return domain.save(ctx.db, ctx.payload, ctx.me)


@command("addressbook.consent", PARTICIPANT,
         "`{use: room|report|absentees, given}`: give or take back one consent; it holds at once on every screen and "
         "in the next export.")
def _addressbook_consent(ctx):
    return domain.consent(ctx.db, ctx.payload, ctx.me)


@command("addressbook.remove", PARTICIPANT, "Your card leaves the address book, every use with it.")
def _addressbook_remove(ctx):
    return domain.remove(ctx.db, ctx.payload, ctx.me)


@command("addressbook.add_contact", FACILITATOR,
         "`{organisation, kind: organisation|service|public_contact, service?, email?, phone?, website?, offers?}`: "
         "a useful contact not in the room (an organisation or a public professional contact point, never a person).")
def _addressbook_add_contact(ctx):
    return domain.add_contact(ctx.db, ctx.payload)


@command("addressbook.edit_contact", FACILITATOR, "`{contact_id, …the fields of add_contact}`: a useful contact, whole again.")
def _addressbook_edit_contact(ctx):
    return domain.edit_contact(ctx.db, ctx.payload)


@command("addressbook.remove_contact", FACILITATOR, "`{contact_id}`: a useful contact leaves the address book.")
def _addressbook_remove_contact(ctx):
    return domain.remove_contact(ctx.db, ctx.payload)


ACTIVITY = Activity(
    "addressbook", phases=PHASES, strings=STRINGS,
    keys=("addressbook",), public=lambda db, deck: {"addressbook": domain.public(db)},
    me_keys=("card",), personal=lambda db, me: {"card": domain.card_of(db, me)},
    sheets=export.sheets, pdf=export.pdf, files=export.files, results=export.results,
    private_tables=(domain.CARDS,), forget=domain.forget, demo=demo.play, absentees=export.absentees,
    absentees_data=export.absentees_data)
