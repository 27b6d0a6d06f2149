"""Examples per table and their typology (seed 003: "fonctionnements contributifs").

Each table (a group: `groups.form {count, from: "tables"}` makes "Table 1", "Table 2"…) has its
own pad of examples: a title, what it is, where, who carries it, and a public link or contact of
the project. Every member of a table writes in its pad at once: each example is its own record
and each field is saved on its own, so two people adding examples, or changing two fields of one,
never lose each other's text. Two people changing the *same* field: the second save names the
text it started from (`base`); when the field changed meanwhile, the save is refused with the
other's text, which the phone shows above the draft it keeps. A table may mark itself "remote"
(another room joining through the box's network): it works the same way, and the wall says so.

The facilitator builds the typology live: creates and renames categories, and sorts each example
into one category (or back out of any) from the console, by drag and drop or by keyboard. The
wall shows the pads side by side in the examples phase, and the categories with their examples
in the typology phase, as they form.

An example keeps the name of the table that wrote it: forming other groups later (the levers
groups of the third day) leaves the pads as they were.

Tables: `examples_examples` (table, group_id, the five fields, author, category, removed) and
`examples_categories` (label, in creation order); the pads' state under the meta key `examples`
(`{status, prompt, remote: [table names]}`). One collection per workshop: a second step of the
phase goes on with the same pads.
"""

from __future__ import annotations

from tinydb import Query, TinyDB

from ... import derived, payloads, workshop
from ...errors import N_, KioskError, bad_input
from ...events import Event, event_type, gather
from ..groups import domain as groups

EXAMPLES, CATEGORIES = "examples_examples", "examples_categories"
META = "examples"

EXAMPLES_STATUS = event_type(
    "examples.status", "The pads opened or closed, or a table became remote or not: `{examples: {status, prompt, "
    "remote}}`, to everyone.")
EXAMPLES_CHANGED = event_type(
    "examples.changed", "Examples appeared, changed, were sorted or removed: `{examples: [{id, table, group_id, title, "
    "what, where, who, link, category, removed}]}`, to everyone (a removed one is `{id, removed: true}`). Gathered: "
    "a room writing at once costs each screen a few messages a second.", deliver=gather("examples"))
EXAMPLES_CATEGORY = event_type(
    "examples.category", "A category of the typology was created or renamed: `{category: {id, label}}`, to everyone.")

#: The fields of an example with their longest length; `title` is required.
FIELDS = {"title": 80, "what": 280, "where": 80, "who": 80, "link": 200}
#: The labels of the fields after the title, as the pads name them.
FIELD_LABELS = {"what": N_("What it is"), "where": N_("Where"), "who": N_("Who carries it"),
                "link": N_("A public link or contact of the project")}
PROMPT_MAX = 140
LABEL_MAX = 60
CATEGORIES_MAX = 24
PER_TABLE = 60
PER_PERSON = 30
TABLES_MAX = 12
OPEN, CLOSED = "open", "closed"
STEP_KEYS = {"prompt": "the question of the pads, shown on the phones and the wall (at most 140 characters)"}
TYPOLOGY_STEP_KEYS: dict = {}
#: The names of the tables `groups.form {from: "tables"}` makes, in the workshop's language.
TABLE_NAME = {"fr": "Table {n}", "en": "Table {n}"}


def step_options(reader) -> dict | None:
    """An examples step's options: `{prompt}` (a typology step reads none)."""
    prompt = reader.text("prompt", PROMPT_MAX)
    return None if prompt is None else {"prompt": prompt}


def tables(db: TinyDB) -> list[dict]:
    """The group source `tables`: as many tables as asked, "Table 1", "Table 2"…"""
    pattern = TABLE_NAME.get(workshop.meta(db)["workshop"].get("lang"), TABLE_NAME["en"])
    return [{"source": "tables", "source_id": n, "name": pattern.format(n=n)} for n in range(1, TABLES_MAX + 1)]


# --- Reading --------------------------------------------------------------------------------------

def _state(db: TinyDB) -> dict | None:
    return workshop.meta(db).get(META) or None


def view(doc) -> dict:
    return {"id": doc.doc_id, "table": doc["table"], "group_id": doc.get("group_id"),
            **{f: doc.get(f, "") for f in FIELDS}, "category": doc.get("category")}


def _docs(db: TinyDB) -> list:
    return sorted((d for d in db.table(EXAMPLES).all() if not d.get("removed")), key=lambda d: d.doc_id)


def examples(db: TinyDB, table: str | None = None) -> list[dict]:
    """The examples, oldest first (of one table when given): what the export and other activities read."""
    return [view(d) for d in _docs(db) if table is None or d["table"] == table]


def categories(db: TinyDB) -> list[dict]:
    """The typology's categories, `{id, label}`, in the order they were created."""
    return [{"id": d.doc_id, "label": d["label"]} for d in sorted(db.table(CATEGORIES).all(), key=lambda d: d.doc_id)]


def public(db: TinyDB) -> dict | None:
    """The snapshot's `examples`: `{status, prompt, remote, examples, categories}`."""
    state = _state(db)
    if state is None and not len(db.table(CATEGORIES)):
        return None
    state = state or {"status": CLOSED, "prompt": "", "remote": []}
    return {"status": state["status"], "prompt": state["prompt"], "remote": list(state.get("remote", [])),
            "examples": examples(db), "categories": categories(db)}


# --- Changing -------------------------------------------------------------------------------------

def _status_event(db: TinyDB) -> Event:
    state = _state(db)
    return Event(EXAMPLES_STATUS, {"examples": {"status": state["status"], "prompt": state["prompt"],
                                                "remote": list(state.get("remote", []))}})


def _changed(doc) -> Event:
    return Event(EXAMPLES_CHANGED, {"examples": [{"id": doc.doc_id, "removed": True} if doc.get("removed") else view(doc)]})


def open_pads(db: TinyDB, payload: dict, step=None) -> tuple[dict, list[Event]]:
    """`examples.open {prompt?}`: the pads take examples (the step's question by default); what they hold stays."""
    options = step.options if step is not None and step.phase == "examples" else {}
    state = _state(db) or {"prompt": "", "remote": []}
    prompt = payloads.text(payload, "prompt", max_len=PROMPT_MAX, required=False)
    if prompt is None:
        prompt = options.get("prompt") or state["prompt"]
    workshop.save(db, {META: {**state, "status": OPEN, "prompt": prompt}})
    return {"examples": public(db)}, [_status_event(db)]


def start(db: TinyDB, step, index: int, now: float) -> list[Event]:
    """Next to an examples step: the pads open with the step's question, unless they are open already.
    A typology step starts nothing: the facilitator sorts what the pads hold."""
    if step.phase != "examples":
        return []
    state = _state(db)
    if state is not None and state["status"] == OPEN:
        return []
    return open_pads(db, {}, step)[1]


def close_pads(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`examples.close`: the pads take no more examples nor changes; the typology goes on."""
    state = _open(db)
    workshop.save(db, {META: {**state, "status": CLOSED}})
    return {}, [_status_event(db)]


def _open(db: TinyDB) -> dict:
    state = _state(db)
    if state is None:
        raise KioskError("no_pads", N_("The pads are not open yet: the facilitator opens them."))
    if state["status"] != OPEN:
        raise KioskError("pads_closed", N_("The pads are closed: examples are no longer taken."))
    return state


def _table_of(db: TinyDB, payload: dict, participant_id: int | None):
    """The group whose pad is written in: the participant's own, or the one the facilitator names."""
    if participant_id is None:
        return groups.get_group(db, payload)
    group = groups.group_of(db, participant_id)
    if group is None:
        raise KioskError("no_group", N_("Join your table first: each table writes in its own pad."))
    return group


def set_remote(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`examples.remote {on, group_id?}`: a table (a member, or the facilitator naming it) says it is
    another room joining through the box's network, or no longer."""
    group = _table_of(db, payload, participant_id)
    on = payloads.boolean(payload, "on", default=True)
    state = _state(db) or {"status": CLOSED, "prompt": ""}
    remote = [name for name in state.get("remote", []) if name != group["name"]] + ([group["name"]] if on else [])
    workshop.save(db, {META: {**state, "remote": remote}})
    return {"remote": remote}, [_status_event(db)]


def _fields(payload: dict) -> dict:
    return {field: payloads.text(payload, field, max_len=limit, required=field == "title", multiline=field == "what") or ""
            for field, limit in FIELDS.items()}


def add(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`examples.add {title, what?, where?, who?, link?, group_id?}`: an example in the pad of the
    writer's table (the facilitator names the table: a remote room's examples read over the phone).
    The same title in the same pad from the same person is the same example (a double tap)."""
    _open(db)
    group = _table_of(db, payload, participant_id)
    fields = _fields(payload)
    table = db.table(EXAMPLES)
    in_pad = [d for d in derived.having(db, EXAMPLES, "table", group["name"]) if not d.get("removed")]
    folded = " ".join(fields["title"].casefold().split())
    same = next((d for d in in_pad if d.get("author") == participant_id
                 and " ".join(d["title"].casefold().split()) == folded), None)
    if same is not None:
        return {"example": view(same)}, []
    if len(in_pad) >= PER_TABLE:
        raise KioskError("pad_full", N_("This pad holds %(max)d examples already: complete one rather than adding more."),
                         max=PER_TABLE)
    if participant_id is not None and len([d for d in derived.having(db, EXAMPLES, "author", participant_id)
                                           if not d.get("removed")]) >= PER_PERSON:
        raise KioskError("too_many_examples", N_("You have written %(max)d examples: complete one rather than adding "
                                                 "more."), max=PER_PERSON)
    doc_id = table.insert({"table": group["name"], "group_id": group.doc_id, **fields, "author": participant_id,
                           "category": None, "removed": False})
    derived.filed(db, EXAMPLES, "table", doc_id, derived.NEW, group["name"])
    derived.filed(db, EXAMPLES, "author", doc_id, derived.NEW, participant_id)
    doc = table.get(doc_id=doc_id)
    return {"example": view(doc)}, [_changed(doc)]


def _example(db: TinyDB, payload: dict):
    doc = payloads.document(db, EXAMPLES, payload, "example_id", N_("This example does not exist."))
    if doc.get("removed"):
        raise KioskError("not_found", N_("This example does not exist."))
    return doc


def _writable(db: TinyDB, payload: dict, participant_id: int | None):
    """The example a person may change: one of their table's pad while the pads are open (the
    facilitator: any, at any time)."""
    doc = _example(db, payload)
    if participant_id is not None:
        _open(db)
        group = groups.group_of(db, participant_id)
        if group is None or group["name"] != doc["table"]:
            raise KioskError("forbidden", N_("This example is in another table's pad: write in your own table's pad."))
    return doc


def edit(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`examples.edit {example_id, field, text, base}`: one field of an example of one's table's pad.
    `base` is the text the writer started from: when another member saved the field meanwhile, the
    save is refused with their text (`current`), so that nobody's text is lost."""
    doc = _writable(db, payload, participant_id)
    field = payloads.choice(payload, "field", tuple(FIELDS))
    text = payloads.text(payload, "text", max_len=FIELDS[field], required=field == "title",
                         multiline=field == "what") or ""
    base = payload.get("base")
    if not isinstance(base, str):
        raise bad_input(N_("Say which text you started from (“base”), so that no one's text is lost."))
    current = doc.get(field, "")
    if text == current:
        return {"example": view(doc)}, []
    if base != current:
        raise KioskError("conflict", N_("Someone at your table changed this field meanwhile: their text is shown "
                                        "above yours; put both together and save again."))
    db.table(EXAMPLES).update({field: text}, doc_ids=[doc.doc_id])
    doc = db.table(EXAMPLES).get(doc_id=doc.doc_id)
    return {"example": view(doc)}, [_changed(doc)]


def remove(db: TinyDB, payload: dict, participant_id: int | None) -> tuple[dict, list[Event]]:
    """`examples.remove {example_id}`: a member of the table (or the facilitator) takes an example out
    of the pad (kept out of the export too: a pad's member removes a line of their pad)."""
    doc = _writable(db, payload, participant_id)
    db.table(EXAMPLES).update({"removed": True}, doc_ids=[doc.doc_id])
    return {"example_id": doc.doc_id}, [_changed(db.table(EXAMPLES).get(doc_id=doc.doc_id))]


def _label(payload: dict) -> str:
    return payloads.text(payload, "label", max_len=LABEL_MAX)


def add_category(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`examples.category {label}`: a new category of the typology (a label used already is that one)."""
    label = _label(payload)
    table = db.table(CATEGORIES)
    same = next((d for d in table.all() if d["label"].casefold() == label.casefold()), None)
    if same is not None:
        return {"category": {"id": same.doc_id, "label": same["label"]}}, []
    if len(table) >= CATEGORIES_MAX:
        raise KioskError("too_many_categories", N_("The typology has %(max)d categories already: rename one or sort "
                                                   "into those."), max=CATEGORIES_MAX)
    doc_id = table.insert({"label": label})
    category = {"id": doc_id, "label": label}
    return {"category": category}, [Event(EXAMPLES_CATEGORY, {"category": category})]


def rename_category(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`examples.rename {category_id, label}`: a category gets a better name."""
    doc = payloads.document(db, CATEGORIES, payload, "category_id", N_("This category does not exist."))
    label = _label(payload)
    if any(d.doc_id != doc.doc_id and d["label"].casefold() == label.casefold() for d in db.table(CATEGORIES).all()):
        raise bad_input(N_("Another category has this name already."))
    db.table(CATEGORIES).update({"label": label}, doc_ids=[doc.doc_id])
    category = {"id": doc.doc_id, "label": label}
    return {"category": category}, [Event(EXAMPLES_CATEGORY, {"category": category})]


def sort(db: TinyDB, payload: dict) -> tuple[dict, list[Event]]:
    """`examples.sort {example_id, category_id}`: the example goes into that category (null: out of
    any); an example is in one category at most."""
    doc = _example(db, payload)
    category = payload.get("category_id")
    if category is not None:
        category = payloads.document(db, CATEGORIES, payload, "category_id", N_("This category does not exist.")).doc_id
    if doc.get("category") == category:
        return {"example": view(doc)}, []
    db.table(EXAMPLES).update({"category": category}, doc_ids=[doc.doc_id])
    doc = db.table(EXAMPLES).get(doc_id=doc.doc_id)
    return {"example": view(doc)}, [_changed(doc)]


def spotlight(db: TinyDB, deck, item_id, t) -> dict:
    """An example of a table's pad shown large on the wall (`wall.spotlight`): its title, its table,
    its category once sorted, and its other fields, each with its label."""
    doc = payloads.document(db, EXAMPLES, {"id": item_id}, "id", N_("This example is not on the wall."))
    if doc.get("removed"):
        raise KioskError("not_found", N_("This example is not on the wall."))
    category = db.table(CATEGORIES).get(doc_id=doc["category"]) if doc.get("category") is not None else None
    return {"text": doc["title"], "context": doc["table"], "figures": [category["label"]] if category else [],
            "parts": [{"label": t.gettext(label), "text": doc[field]} for field, label in FIELD_LABELS.items()
                      if doc.get(field)]}


def typology(db: TinyDB) -> list[dict]:
    """The group source `typology`: one group per category that holds examples, the fullest first."""
    found = examples(db)
    sized = [(len([e for e in found if e["category"] == c["id"]]), c) for c in categories(db)]
    return [{"source": "typology", "source_id": c["id"], "name": c["label"]}
            for n, c in sorted(sized, key=lambda s: (-s[0], s[1]["id"])) if n]


def forget(db: TinyDB, participant_id: int) -> list[Event]:
    """A removed participant's examples stay in their table's pad (the table wrote them), without author."""
    db.table(EXAMPLES).update({"author": None}, Query().author == participant_id)
    derived.refile(db, EXAMPLES, "author")
    return []
