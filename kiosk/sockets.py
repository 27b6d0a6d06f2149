"""Socket.IO handlers: thin. Who is calling → one `Box.execute` → acknowledgement.

Connections: a participant or facilitator token in `auth={"token": …}` or the session cookie;
without one, a read-only wall client. Each connection joins the rooms of its role and gets its
`state` at once. Events go out from `publish`, called by the store once a change is durable.
"""

from __future__ import annotations

from flask import request, session
from flask_socketio import SocketIO, emit, join_room

from . import auth, rooms
from .events import STATE
from .i18n import translate
from .protocol import COMMANDS


def publish(socketio: SocketIO, events) -> None:
    """Send each event to the rooms whose view it changes (called after the write is durable)."""
    for event in events:
        socketio.emit(event.name, event.payload(), to=list(event.to))


def _rooms_of(actor: auth.Actor) -> list[str]:
    if actor.role == auth.FACILITATOR:
        return [rooms.FACILITATOR]
    if actor.role == auth.PARTICIPANT:
        return [rooms.PHONES, rooms.participant(actor.participant_id)]
    return [rooms.WALL]


def register(socketio: SocketIO, box) -> None:
    """Attach every handler to this app's SocketIO (one instance per app: no global state)."""
    actors: dict[str, auth.Actor] = {}

    def on_connect(auth_data=None):
        """Any client connects; it receives `state` for its role."""
        token = auth_data.get("token") if isinstance(auth_data, dict) else None
        token = token or session.get("facilitator") or session.get("token")
        actor = box.store.read(lambda db: auth.resolve(db, token))
        actors[request.sid] = actor
        for room in _rooms_of(actor):
            join_room(room)
        emit(STATE, box.state(actor))

    def on_disconnect(*_):
        actors.pop(request.sid, None)

    def handler(name: str):
        def handle(payload=None, *_extra):
            actor = actors.get(request.sid, auth.ANONYMOUS)
            answer = box.execute(actor, name, payload)
            if name == "state.get" and answer.get("ok"):
                emit(STATE, box.state(actor))
            return translate(answer)

        handle.__name__ = f"on_{name.replace('.', '_')}"
        handle.__doc__ = COMMANDS[name].doc
        return handle

    def on_unknown(name, *args):
        """A client sent an event that is no command: refused, nothing changes."""
        return translate(box.execute(actors.get(request.sid, auth.ANONYMOUS), name, None))

    socketio.on_event("connect", on_connect)
    socketio.on_event("disconnect", on_disconnect)
    for name, command in COMMANDS.items():
        if not command.http_only:
            socketio.on_event(name, handler(name))
    socketio.on_event("*", on_unknown)
