"""The HTTP API: join, facilitator login, public snapshot. JSON in, JSON out, one error shape."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request, session

from . import auth
from .errors import N_
from .i18n import translate

api = Blueprint("api", __name__, url_prefix="/api")


def box():
    return current_app.extensions["kiosk_box"]


def _json_body() -> dict | None:
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else None


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
    payload = {**data, "_token": token if actor.role == auth.PARTICIPANT else None}
    answer = box().execute(actor if actor.role == auth.PARTICIPANT else auth.ANONYMOUS, "participant.join", payload)
    if answer.get("ok"):
        session["token"] = answer["token"]
        session.permanent = True
    return _reply(answer)


@api.post("/facilitator")
def facilitator_login():
    """The console sends the PIN; a right one gives a facilitator token (and cookie)."""
    throttle: auth.PinThrottle = current_app.extensions["kiosk_throttle"]
    address = request.remote_addr or "?"
    wait = throttle.wait_left(address)
    if wait > 0:
        return _refuse("too_many_tries", N_("Too many wrong PINs: wait %(seconds)d s before trying again."),
                       429, seconds=int(wait + 0.999))
    data = _json_body() or {}
    if not auth.pin_matches(data.get("pin"), current_app.config["KIOSK_PIN"]):
        throttle.failed(address)
        return _refuse("wrong_pin", N_("Wrong PIN."), 403)
    throttle.succeeded(address)
    token = box().store.write(lambda db: auth.new_facilitator_token(db))
    session["facilitator"] = token
    session.permanent = True
    return jsonify({"ok": True, "token": token})


@api.get("/state")
def state():
    return jsonify(box().state(auth.ANONYMOUS))
