"""The pages, one blueprint per audience: the phone, the wall, the facilitator's console, QR codes."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, make_response, render_template, request
from flask_babel import get_locale, gettext
from flask_babel import lazy_gettext as _l

from . import qr
from .i18n import LANG_COOKIE, LANGS

phone = Blueprint("phone", __name__)
wall = Blueprint("wall", __name__)
facilitator = Blueprint("facilitator", __name__)
codes = Blueprint("qr", __name__, url_prefix="/qr")


PHASE_NAMES = {
    "welcome": _l("Welcome"),
    "issues": _l("Issues: proposals"),
    "vote": _l("Vote"),
    "groups": _l("Groups"),
    "families": _l("Expert families"),
    "board": _l("Group board"),
    "report": _l("Report-back"),
    "wall": _l("Commitments wall"),
    "closing": _l("Closing"),
}

PHASE_TEXTS = {
    "welcome": _l("The workshop is about to begin. Keep this page open: it follows the workshop."),
    "issues": _l("Think about the issues of your territory that you want to work on."),
    "vote": _l("Time to vote for the issues the room will work on."),
    "groups": _l("The groups are being formed around the top issues."),
    "families": _l("Each participant becomes the expert of one or two families of practices."),
    "board": _l("Your group places the cards that are opportunities for its issue."),
    "report": _l("Each group presents its work: listen and react."),
    "wall": _l("Write down your first small step, your commitment."),
    "closing": _l("Thank you for taking part! One concrete action and one motivation buddy."),
}


GRADE_NAMES = {
    "excellent": _l("Excellent"),
    "tres_bien": _l("Very good"),
    "bien": _l("Good"),
    "assez_bien": _l("Fairly good"),
    "passable": _l("Passable"),
    "insuffisant": _l("Insufficient"),
    "a_rejeter": _l("To reject"),
}


def ui_strings() -> dict:
    """Every text the pages' scripts show, in the page's language ({name} marks a value)."""
    return {
        # JSON objects reach the scripts with sorted keys: orders travel as lists.
        "phase_order": list(PHASE_NAMES),
        "grade_order": list(GRADE_NAMES),
        "phases": {key: str(value) for key, value in PHASE_NAMES.items()},
        "phase_texts": {key: str(value) for key, value in PHASE_TEXTS.items()},
        "hello": gettext("Hello {name}!"),
        "connected": gettext("Connected."),
        "offline": gettext("Connection lost: reconnecting…"),
        "network_error": gettext("The box cannot be reached: check the Wi-Fi and try again."),
        "pending_one": gettext("1 change waiting to be sent"),
        "pending_many": gettext("{n} changes waiting to be sent"),
        "saved": gettext("Saved."),
        "participants": gettext("participants"),
        "participant": gettext("participant"),
        "yes": gettext("yes"),
        "no": gettext("no"),
        "untitled": gettext("Workshop"),
        "yours": gettext("yours"),
        "grades": {key: str(value) for key, value in GRADE_NAMES.items()},
        "dot_add": gettext("Add a dot to “{issue}”"),
        "dot_remove": gettext("Take a dot from “{issue}”"),
        "dots_on": gettext("{n} dots"),
        "n_dots": gettext("{n} dots"),
        "n_dots_one": gettext("{n} dot"),
        "dots_on_one": gettext("{n} dot"),
        "dots_left": gettext("Dots left: {n}"),
        "dots_help": gettext("You have {dots} dots: at most {max} on one issue. You can move them until the vote closes."),
        "majority_help": gettext("Grade every issue, from “Excellent” to “To reject”. You can change your mind until the vote closes."),
        "vote_soon": gettext("The vote will open soon."),
        "vote_open_voters": gettext("Vote open · {n} voters"),
        "vote_open_voters_one": gettext("Vote open · {n} voter"),
        "vote_final": gettext("Vote closed: results are final."),
        "secretary": gettext("secretary"),
        "secretary_is": gettext("✎ Secretary: {name}"),
        "no_secretary": gettext("No secretary yet"),
        "nobody_yet": gettext("Nobody yet"),
        "your_group": gettext("Your group. "),
        "volunteer": gettext("I volunteer as secretary"),
        "join_group": gettext("Join this group"),
        "join_group_named": gettext("Join the group “{name}”"),
        "facilitator": gettext("facilitator"),
        "hidden": gettext("hidden"),
        "merged_into": gettext("merged into “{text}”"),
        "edit": gettext("Edit"),
        "edit_named": gettext("Edit “{text}”"),
        "edit_prompt": gettext("New wording of the issue:"),
        "hide": gettext("Hide"),
        "hide_named": gettext("Hide “{text}”"),
        "restore": gettext("Restore"),
        "restore_named": gettext("Restore “{text}”"),
        "merge_into": gettext("Merge into…"),
        "merge_named": gettext("Merge “{text}” into another issue"),
        "proposals_open": gettext("Proposals are open."),
        "proposals_closed": gettext("Proposals are closed."),
        "proposals_vote": gettext("Proposals are closed while the vote is open."),
        "open_proposals": gettext("Open proposals"),
        "close_proposals": gettext("Close proposals"),
        "no_vote_yet": gettext("No vote yet."),
        "majority": gettext("Majority judgment"),
        "dots_method_summary": gettext("Dot voting: {dots} dots, at most {max} per issue"),
        "move_named": gettext("Group of {name}"),
        "no_group": gettext("No group"),
        "secretary_label": gettext("Secretary"),
        "none": gettext("Nobody"),
        "reform_confirm": gettext("Form the groups again? Everyone will have to join again."),
        # Export
        "export_to": gettext("Export to “{label}” ({free} free)"),
        "exporting": gettext("Exporting… keep the USB stick plugged in."),
        "exported": gettext("Exported to {path}. You can unplug the USB stick."),
        "preparing_zip": gettext("Preparing the zip file…"),
        "preparing_tents": gettext("Preparing the table tents…"),
        "downloaded": gettext("Downloaded: {name}."),
        "size_mb": gettext("{n} MB"),
        "size_gb": gettext("{n} GB"),
        "no_family": gettext("No family"),
        "deck_current": gettext("In use: {title} ({families} families, {cards} cards)"),
        "deck_use": gettext("Use this deck"),
        "deck_in_use_now": gettext("in use"),
        "deck_source_box": gettext("on the box"),
        "deck_source_imported": gettext("imported"),
        "deck_source_usb": gettext("on a USB stick"),
        "deck_none_found": gettext("No deck found."),
        "post_shown": gettext("on the wall"),
        "post_pending": gettext("waiting for the facilitator"),
        "post_hidden": gettext("hidden"),
        "contact_is": gettext("Contact: {contact}"),
        "tie_group": gettext("Tie it to my group “{name}”"),
        "chars_left": gettext("{n} characters left"),
        "chars_left_one": gettext("{n} character left"),
        "no_match": gettext("No similar commitment yet."),
        "buddy_none": gettext("You have no buddy yet."),
        "buddy_pair": gettext("Your buddy: {names}."),
        "buddy_waiting": gettext("You chose {name}: when they choose you too, you are a pair."),
        "buddy_chosen_by": gettext("{names} chose you."),
        "buddy_take": gettext("Take {name} as my buddy"),
        "pinned": gettext("pinned"),
        "no_commitment": gettext("No commitment yet: post yours from your phone!"),
        "approve": gettext("Show"),
        "approve_named": gettext("Show “{text}” on the wall"),
        "pin": gettext("Pin"),
        "pin_named": gettext("Pin “{text}”"),
        "premoderation_on": gettext("Hold new posts until I show them"),
        "premoderation_off": gettext("Show new posts at once"),
        "show_slideshow": gettext("Wall: show as a slideshow"),
        "show_grid": gettext("Wall: show every note"),
        "buddies_summary": gettext("{pairs} pairs · {alone} without a buddy"),
        "same_family": gettext("same family"),
        "same_group": gettext("same group"),
        "shared_words": gettext("words: {words}"),
        # Expert families and group boards
        "claim_family": gettext("Become its expert"),
        "claim_family_named": gettext("Become the expert of “{name}”"),
        "release_family": gettext("Release"),
        "release_family_named": gettext("Release “{name}”"),
        "families_help": gettext("Choose the families you will be the expert of (at most {max}), then read their cards below."),
        "families_held": gettext("You hold {n} of {max}."),
        "families_full": gettext("To choose another family, release one."),
        "families_covered": gettext("{n} of {total} families have an expert"),
        "cards_loading": gettext("Loading the card…"),
        "examples": gettext("Examples"),
        "card_n_of": gettext("Card {n} of {total}"),
        "note_labels": {
            "steps": gettext("Steps to take"),
            "partners": gettext("Partners to involve"),
            "success": gettext("Key success factors"),
            "blockers": gettext("Blockers"),
        },
        "choose_card": gettext("Choose a card…"),
        "choose_card_first": gettext("Choose a card first."),
        "move_up_named": gettext("Move “{title}” up"),
        "move_down_named": gettext("Move “{title}” down"),
        "remove_card": gettext("Remove"),
        "remove_card_named": gettext("Remove “{title}” from the board"),
        "remove_card_confirm": gettext("Remove “{title}” and its notes from the board?"),
        "save": gettext("Save"),
        "save_notes_named": gettext("Save the notes of “{title}”"),
        "no_card_yet": gettext("No card yet"),
        "more_cards": gettext("+ {n} more"),
        "assign_to": gettext("Assign to…"),
        "assign_named": gettext("Assign “{family}” to a participant"),
        "release_for_named": gettext("Release “{family}” for {name}"),
        "show_on_wall": gettext("Show on the wall"),
        "on_the_wall": gettext("On the wall: stop"),
        "show_board_named": gettext("Show the board of “{name}” on the wall"),
        # The programme and the report-back
        "step_n_of": gettext("Step {n} of {total}"),
        "minutes_short": gettext("{n} min"),
        "current_step": gettext("now"),
        "go_to_step": gettext("Go"),
        "go_to_step_named": gettext("Go to the step “{title}”"),
        "not_started": gettext("The programme has not started: “Start the programme” opens its first step."),
        "no_programme": gettext("No programme."),
        "programme_start": gettext("Start the programme"),
        "step_next": gettext("Next"),
        "pause": gettext("Pause"),
        "resume": gettext("Resume"),
        "report_present": gettext("{name} presents"),
        "report_react": gettext("Reactions to {name}"),
        "report_group_n_of": gettext("Group {n} of {total}"),
        "report_ready": gettext("Each group presents its board, then the room reacts."),
        "report_no_groups": gettext("Form the groups first."),
        "report_next_react": gettext("Go to the reactions"),
        "report_next_group": gettext("Next group: {name}"),
        "report_finish": gettext("End the report-back"),
        "reaction_kind_order": ["positive", "improve"],
        "reaction_kinds": {"positive": gettext("Positive point"), "improve": gettext("Way to improve")},
        "no_reaction_yet": gettext("No reaction yet."),
        "hide_reaction_named": gettext("Hide the reaction “{text}”"),
        "react_own_group": gettext("Your group is presenting: the room is reacting."),
        "reaction_sent": gettext("Sent to {name}: thank you!"),
        "buddy_of": gettext("Buddy: {names}"),
    }


@phone.app_context_processor
def page_context() -> dict:
    return {"lang": str(get_locale() or "fr"), "strings": ui_strings()}


def kiosk_config() -> dict:
    return current_app.config["KIOSK"]


def _page(template: str, **context) -> Response:
    """Render a page; a `?lang=` choice is kept in a cookie so the next pages follow it."""
    response = make_response(render_template(template, join_url=kiosk_config()["join_url"], **context))
    chosen = request.args.get("lang")
    if chosen in LANGS:
        response.set_cookie(LANG_COOKIE, chosen, max_age=180 * 24 * 3600, samesite="Lax")
    response.headers["Cache-Control"] = "no-store"
    return response


@phone.get("/")
def join_page():
    return _page("phone.html", script="js/phone.js")


@wall.get("/wall")
def wall_page():
    return _page("wall.html", script="js/wall.js", wifi_ssid=kiosk_config()["wifi_ssid"])


@facilitator.get("/facilitator")
def console_page():
    return _page("facilitator.html", script="js/facilitator.js")


def _wifi_data() -> str:
    config = kiosk_config()
    if not config["wifi_ssid"]:
        abort(404)
    return qr.wifi_payload(config["wifi_ssid"], config["wifi_password"])


def _image(data: bytes, mimetype: str) -> Response:
    response = Response(data, mimetype=mimetype)
    response.headers["Cache-Control"] = "no-cache"
    return response


@codes.get("/join.png")
def join_png():
    return _image(qr.png(kiosk_config()["join_url"]), "image/png")


@codes.get("/join.svg")
def join_svg():
    return _image(qr.svg(kiosk_config()["join_url"]), "image/svg+xml")


@codes.get("/wifi.png")
def wifi_png():
    return _image(qr.png(_wifi_data()), "image/png")


@codes.get("/wifi.svg")
def wifi_svg():
    return _image(qr.svg(_wifi_data()), "image/svg+xml")
