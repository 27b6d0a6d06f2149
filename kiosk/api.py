"""The HTTP API: join, facilitator login, public snapshot. JSON in, JSON out, one error shape."""

from __future__ import annotations

import io
import os

from flask import Blueprint, current_app, jsonify, request, send_file, session
from werkzeug.exceptions import HTTPException

from . import auth, box as box_module, export, limits, participants, payloads, tents, usb
from .errors import N_, KioskError
from .i18n import translate

api = Blueprint("api", __name__, url_prefix="/api")

#: New participants per address (a phone on the hotspot has its own): 10 at once, then one every 6 s.
JOIN_BURST, JOIN_RATE = 10, 1 / 6


def box():
    return current_app.extensions["kiosk_box"]


def _json_body() -> dict | None:
    """The request's JSON object (None when it is none); refused with bad_input when it holds what
    no command takes: nesting too deep for the parser, a lone surrogate, a NUL."""
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        raise payloads.too_deep() from None
    if not isinstance(data, dict):
        return None
    payloads.check(data)
    return data


@api.errorhandler(KioskError)
def _refused(error: KioskError):
    return _reply(error.answer())


@api.app_errorhandler(HTTPException)
def _http_error(error: HTTPException):
    """Under /api/ every error has the one JSON shape, never an HTML page."""
    if not request.path.startswith("/api/"):
        return error
    if error.code == 500:
        current_app.logger.error("%s %s failed", request.method, request.path,
                                 exc_info=getattr(error, "original_exception", None))
        return _refuse("internal_error", N_("The box could not do this: nothing was changed."), 500)
    if error.code == 413:
        return _refuse("bad_input", N_("The request is too large."), 413)
    if error.code == 404:
        return _refuse("not_found", N_("There is nothing at this address."), 404)
    return _refuse("bad_input", N_("This request is not one the box understands."), error.code or 400)


def _reply(answer: dict, status_if_refused: int = 400):
    answer = translate(answer)
    return jsonify(answer), (200 if answer.get("ok") else status_if_refused)


def _refuse(code: str, message: str, status: int, **values):
    return _reply({"ok": False, "code": code, "message": message, "values": values}, status)


@api.post("/join")
def join():
    """A phone joins; a phone that already joined (its cookie or token) stays the same participant."""
    data = _json_body()
    if data is None:
        return _refuse("bad_input", N_("Send a JSON object, for example {\"name\": \"Ana\"}."), 400)
    token = data.pop("token", None) or session.get("token")
    actor = box().store.read(lambda db: auth.resolve(db, token))
    address = request.remote_addr or "?"
    if actor.role != auth.PARTICIPANT:
        # A new phone: joins are counted per address, and its keys are its address's own.
        if not limits.is_local(address) and not current_app.extensions["kiosk_join_rate"].allow(address):
            return _reply(box_module.too_many_requests(), 429)
        actor = auth.Actor(auth.WALL, origin=address)
    elif not box().allowed(actor):  # a joined phone renaming itself: its rate, as for its commands
        return _reply(box_module.too_many_requests(), 429)
    payload = {**data, "_token": token if actor.role == auth.PARTICIPANT else None}
    answer = box().execute(actor, "participant.join", payload)
    if answer.get("ok") and "token" not in answer:
        # A replayed join: the stored answer holds no token; it goes back to the caller that joined.
        answer = {**answer, "token": box().store.read(lambda db: participants.token_of(db, answer["participant"]["id"]))}
    if answer.get("ok") and answer["token"]:
        session["token"] = answer["token"]
        session.permanent = True
    return _reply(answer, 403 if answer.get("code") == "join_cap" else 400)


@api.post("/facilitator")
def facilitator_login():
    """The console sends the PIN; a right one gives a facilitator token (and cookie)."""
    throttle: auth.PinThrottle = current_app.extensions["kiosk_throttle"]
    address = request.remote_addr or "?"
    # The try is counted (as a wrong one) before the body is even read: tries sent together cannot
    # all be checked before the first failure counts.
    wait = throttle.reserve(address)
    if wait > 0:
        return _refuse("too_many_tries", N_("Too many wrong PINs: wait %(seconds)d s before trying again."),
                       429, seconds=int(wait + 0.999))
    data = _json_body() or {}
    if not auth.pin_matches(data.get("pin"), current_app.config["KIOSK_PIN"]):
        return _refuse("wrong_pin", N_("Wrong PIN."), 403)
    throttle.succeeded(address)
    token = box().store.write(lambda db: auth.new_facilitator_token(db))
    session["facilitator"] = token
    session.permanent = True
    return jsonify({"ok": True, "token": token})


@api.get("/state")
def state():
    return jsonify(box().state(auth.ANONYMOUS))


@api.get("/deck")
def deck():
    """Every card's full text (title, description, examples), for the experts' phones.

    Kept out of the snapshot, which every phone receives on each (re)connection. The deck does not
    change while the box runs, so phones may cache it; the ETag keeps a restart with another deck
    from serving a stale copy for long.
    """
    current = box().deck
    if current is None:
        return _refuse("not_found", N_("No card deck is loaded."), 404)
    response = jsonify(current.full())
    response.headers["Cache-Control"] = "public, max-age=300"
    response.add_etag()
    return response.make_conditional(request)


def _is_facilitator() -> bool:
    """The console's token, sent as `Authorization: Bearer <token>`, or the cookie set at login."""
    header = request.headers.get("Authorization", "")
    tokens = [header[7:].strip()] if header[:7].lower() == "bearer " else []
    tokens.append(session.get("facilitator"))
    return any(box().store.read(lambda db: auth.resolve(db, token)).role == auth.FACILITATOR
               for token in tokens if token)


def _facilitator_only():
    return _refuse("forbidden", N_("Only the facilitator can do this: enter the PIN first."), 403)


@api.get("/export/targets")
def export_targets():
    """The USB sticks mounted on the box, for the console's Export section (facilitator only)."""
    if not _is_facilitator():
        return _facilitator_only()
    return jsonify({"ok": True, "targets": [drive.public() for drive in usb.find_drives()]})


@api.post("/export")
def export_to_stick():
    """Write the results bundle onto one of the listed sticks `{"target": path}`; answers its path."""
    if not _is_facilitator():
        return _facilitator_only()
    target = (_json_body() or {}).get("target")
    if target not in {drive.path for drive in usb.find_drives()}:
        return _refuse("not_found", N_("This USB stick is not plugged in any more: look at the list again."), 404)
    try:
        path = export.export_box(box(), target)
    except KioskError as error:
        return _reply(error.answer(), 507 if error.code == "target_full" else 409)
    return jsonify({"ok": True, "path": str(path), "folder": path.name})


@api.get("/export.zip")
def export_zip():
    """The same bundle as a zip file to download, when no stick is at hand (facilitator only)."""
    if not _is_facilitator():
        return _facilitator_only()
    try:
        name, zip_file = export.zip_box(box())
    except KioskError as error:
        return _reply(error.answer(), 409)
    # Streamed from the export's temporary file (closed, so gone, once sent): not held in the box's memory.
    response = send_file(zip_file, mimetype="application/zip", as_attachment=True, download_name=name)
    response.content_length = os.fstat(zip_file.fileno()).st_size
    response.headers["Cache-Control"] = "no-store"
    return response


@api.get("/tents.pdf")
def tents_pdf():
    """The table tents to print (A4 PDF, `?per_page=2` or `4`), for the console's button (facilitator only)."""
    if not _is_facilitator():
        return _facilitator_only()
    per_page = request.args.get("per_page", "2")
    if per_page not in ("2", "4"):
        return _refuse("bad_input", N_("Choose 2 or 4 table tents per page."), 400)
    data = tents.box_pdf(box(), current_app.config["KIOSK"], int(per_page))
    response = send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                         download_name=tents.DEFAULT_FILE)
    response.headers["Cache-Control"] = "no-store"
    return response


@api.get("/census-forms.pdf")
def census_forms_pdf():
    """The census's paper forms to print (A4 PDF, `?count=N`, one form a page with its code and QR code),
    for the console's button (facilitator only); the box records the codes it printed."""
    from .activities.census import paper

    if not _is_facilitator():
        return _facilitator_only()
    count = request.args.get("count", "20")
    # Not a number counts as 0: box_pdf refuses it like any count out of range (the blueprint's KioskError handler).
    data = paper.box_pdf(box(), current_app.config["KIOSK"]["join_url"], int(count) if count.isdecimal() else 0)
    response = send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                         download_name=paper.DEFAULT_FILE)
    response.headers["Cache-Control"] = "no-store"
    return response
