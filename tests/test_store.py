"""The durable store: whole files only, group commit, recovery, and nothing acknowledged lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import threading

import pytest
from tinydb import Query

from kiosk import store as store_module
from kiosk.store import Store, StoreError, load_durably


def insert(value):
    def change(db):
        doc_id = db.table("items").insert({"value": value})
        return doc_id, [("inserted", value)]

    return change


def test_write_is_on_disk_when_it_returns(tmp_path):
    store = Store(tmp_path / "kiosk.json")
    store.write(insert("a"))
    on_disk = json.loads((tmp_path / "kiosk.json").read_text())
    assert [doc["value"] for doc in on_disk["items"].values()] == ["a"]


def test_reopening_finds_every_write(tmp_path):
    store = Store(tmp_path / "kiosk.json")
    for n in range(20):
        store.write(insert(n))
    again = Store(tmp_path / "kiosk.json")
    assert sorted(doc["value"] for doc in again.db.table("items").all()) == list(range(20))


def test_events_are_published_after_the_flush_in_change_order(tmp_path):
    published = []
    path = tmp_path / "kiosk.json"

    def on_durable(events):
        # When an event goes out, the change it reports is already in the file.
        on_disk = json.loads(path.read_text())
        values = [doc["value"] for doc in on_disk["items"].values()]
        for _, value in events:
            assert value in values
        published.extend(events)

    store = Store(path, on_durable=on_durable)
    threads = [threading.Thread(target=store.write, args=(insert(n),)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    order = [value for _, value in published]
    assert sorted(order) == list(range(50))
    ids = {doc["value"]: doc.doc_id for doc in store.db.table("items").all()}
    assert order == sorted(order, key=lambda v: ids[v])


def test_a_burst_of_concurrent_writes_is_grouped_into_fewer_flushes(tmp_path, monkeypatch):
    store = Store(tmp_path / "kiosk.json")
    real = store_module.write_durably
    gate = threading.Event()

    def slow_first_write(path, text):
        gate.wait(5)  # hold the disk until every writer has queued its change
        real(path, text)

    monkeypatch.setattr(store_module, "write_durably", slow_first_write)
    threads = [threading.Thread(target=store.write, args=(insert(n),)) for n in range(40)]
    for thread in threads:
        thread.start()
    while store._gen < 40:
        pass
    gate.set()
    for thread in threads:
        thread.join()
    assert len(store.db.table("items")) == 40
    assert store.flushes <= 3


def test_fifty_writers_at_once_share_a_few_flushes(tmp_path):
    store = Store(tmp_path / "kiosk.json")

    def writer(n):
        for i in range(4):
            store.write(insert((n, i)))

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.changes == 200 and len(Store(tmp_path / "kiosk.json").db.table("items")) == 200
    assert store.flushes <= 50  # a writer whose change is on disk never waits for the next flush


def test_the_incremental_text_is_the_whole_json_whatever_the_changes():
    db = store_module.DurableDB(storage=store_module.DurableStorage, data={})
    rng = random.Random(8)
    for step in range(2000):
        table = db.table(rng.choice(["issues", "ballots", "keys"]))
        ids = [doc.doc_id for doc in table.all()]
        choice = rng.random()
        if choice < 0.45 or not ids:
            table.insert({"value": step, "text": "é\n\"quoted\"", "nested": {"list": [step, None]}})
        elif choice < 0.6:
            table.update({"value": -step}, doc_ids=[rng.choice(ids)])
        elif choice < 0.7:
            table.update({"seen": True}, Query().value < step // 2)
        elif choice < 0.8:
            table.remove(doc_ids=[rng.choice(ids)])
        elif choice < 0.85:
            table.remove(Query().value > step - 10)
        elif choice < 0.9:
            table.upsert({"value": 0, "upserted": step}, Query().value == 0)
        elif choice < 0.93:
            table.truncate()
        elif choice < 0.95:
            db.drop_table(table.name)
        else:
            table.update(lambda doc, step=step: doc.update(fn=step), doc_ids=ids[:3])
        if rng.random() < 0.3:
            assert db.storage.dump() == json.dumps(db.storage.read(), ensure_ascii=False, separators=(",", ":"))


def test_the_journal_lines_say_every_change_and_the_whole_text_stays_exact():
    db = store_module.DurableDB(storage=store_module.DurableStorage, data={})
    replica: dict = {}
    rng = random.Random(9)
    for step in range(2000):
        table = db.table(rng.choice(["issues", "ballots", "keys"]))
        ids = [doc.doc_id for doc in table.all()]
        choice = rng.random()
        if choice < 0.5 or not ids:
            table.insert({"value": step, "text": "é\n\"quoted\"", "nested": {"list": [step, None]}})
        elif choice < 0.7:
            table.update({"value": -step}, doc_ids=[rng.choice(ids)])
        elif choice < 0.8:
            table.remove(doc_ids=[rng.choice(ids)])
        elif choice < 0.85:
            table.truncate()
        elif choice < 0.87:
            db.drop_table(table.name)  # TinyDB rewrites the data: no line can say it
        else:
            table.update({"seen": True}, Query().value < step // 2)
        if rng.random() < 0.3:
            line = db.storage.changes()
            if line is None:
                replica = json.loads(db.storage.dump())
            else:
                store_module._apply(replica, json.loads(line))
            assert replica == db.storage.read()
        if rng.random() < 0.05:
            assert db.storage.dump() == json.dumps(db.storage.read(), ensure_ascii=False, separators=(",", ":"))
            replica = json.loads(db.storage.dump())


def big_store(tmp_path, monkeypatch, whole_max=2000):
    """A store whose data file goes to the journal beyond `whole_max` bytes (a large workshop)."""
    monkeypatch.setattr(store_module, "WHOLE_MAX", whole_max)
    monkeypatch.setattr(Store, "check_dumps", True)
    return Store(tmp_path / "kiosk.json")


def fill(store, count: int) -> None:
    """`count` writes of values 0, 1…, then more until the last one went to the journal."""
    n = 0
    while n < count or not store._journal:
        store.write(insert(n))
        n += 1


def test_a_large_workshop_writes_what_changed_not_the_whole_file(tmp_path, monkeypatch):
    written = []
    whole, append = store_module.write_durably, store_module.append_durably
    monkeypatch.setattr(store_module, "write_durably", lambda path, text: (written.append(len(text)), whole(path, text)))
    monkeypatch.setattr(store_module, "append_durably", lambda path, text: (written.append(len(text)), append(path, text)))
    store = big_store(tmp_path, monkeypatch)
    for n in range(600):
        store.write(insert(f"entry {n:04d} " + "x" * 40))
    size = (tmp_path / "kiosk.json").stat().st_size + (tmp_path / "kiosk.json.journal").stat().st_size
    assert size > 30_000
    # Written whole at every flush, 600 flushes would write about 300 times the final size.
    assert sum(written) < 6 * size
    assert max(written[-50:]) < size / 2  # the last flushes: a line each, now and then the whole file
    assert sorted(written[-50:])[-2] < 200
    values = [doc["value"] for doc in Store(tmp_path / "kiosk.json").db.table("items").all()]
    assert values == [f"entry {n:04d} " + "x" * 40 for n in range(600)]
    read = store_module.load_read_only(tmp_path / "kiosk.json")
    assert [doc["value"] for doc in read["items"].values()] == values


def test_a_journal_line_cut_by_a_power_cut_is_ignored_then_the_file_is_written_whole(tmp_path, monkeypatch):
    store = big_store(tmp_path, monkeypatch)
    fill(store, 100)
    count = len(store.db.table("items"))
    journal = tmp_path / "kiosk.json.journal"
    assert journal.exists()
    with open(journal, "a", encoding="utf-8") as handle:
        handle.write('{"items":{"999":{"val')  # the power went while a line was written: never acknowledged
    again = Store(tmp_path / "kiosk.json")
    assert again.notes == [] and sorted(doc["value"] for doc in again.db.table("items").all()) == list(range(count))
    again.write(insert("after"))
    assert not journal.exists()  # the first flush after a start writes the data file whole
    on_disk = json.loads((tmp_path / "kiosk.json").read_text(encoding="utf-8"))
    assert len(on_disk["items"]) == count + 1


def test_a_journal_left_beside_a_newer_data_file_is_ignored(tmp_path, monkeypatch):
    store = big_store(tmp_path, monkeypatch)
    fill(store, 60)
    journal = tmp_path / "kiosk.json.journal"
    store.write(lambda db: (db.table("items").update({"value": "changed"}, doc_ids=[1]), []))
    assert store._journal and journal.exists()
    stale = journal.read_bytes()
    monkeypatch.setattr(store, "_journal_size", 10 ** 9)  # the next flush folds the journal in
    store.write(lambda db: (db.table("items").update({"value": "newest"}, doc_ids=[1]), []))
    assert not journal.exists()
    journal.write_bytes(stale)  # the power went between the rewrite and the journal's removal
    assert Store(tmp_path / "kiosk.json").db.table("items").get(doc_id=1)["value"] == "newest"


def test_a_failed_journal_line_refuses_the_change_and_the_next_flush_writes_whole(tmp_path, monkeypatch):
    store = big_store(tmp_path, monkeypatch)
    fill(store, 60)
    count = len(store.db.table("items"))
    real = store_module.append_durably

    def torn(path, text):
        real(path, text[: len(text) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "append_durably", torn)
    with pytest.raises(StoreError, match="No space left"):
        store.write(insert("lost"))
    monkeypatch.setattr(store_module, "append_durably", real)
    store.write(insert("after"))
    values = [doc["value"] for doc in Store(tmp_path / "kiosk.json").db.table("items").all()]
    assert values == [*range(count), "after"]


def test_a_change_that_bypasses_the_tables_is_caught_when_checking(tmp_path, monkeypatch):
    monkeypatch.setattr(Store, "check_dumps", True)
    store = Store(tmp_path / "kiosk.json")
    store.write(insert("a"))

    def behind_the_tables_back(db):
        db.storage.read()["items"]["1"]["value"] = "changed in place"
        return None, [("inserted", "b")]

    with pytest.raises(AssertionError, match="bypassed the table"):
        store.write(behind_the_tables_back)


def test_a_change_that_bypasses_the_tables_is_caught_in_a_journal_too(tmp_path, monkeypatch):
    store = big_store(tmp_path, monkeypatch)
    fill(store, 60)

    def behind_the_tables_back(db):
        db.storage.read()["items"]["1"]["value"] = "changed in place"
        db.table("items").insert({"value": "b"})  # a line goes to the journal, without the first change
        return None, [("inserted", "b")]

    with pytest.raises(AssertionError, match="bypassed the table"):
        store.write(behind_the_tables_back)
    assert store._journal  # it was a journal line that was checked
    assert store.read(lambda db: db.table("items").get(doc_id=1))["value"] == 0


def test_a_failed_flush_refuses_the_change_and_undoes_it(tmp_path, monkeypatch):
    published = []
    store = Store(tmp_path / "kiosk.json", on_durable=published.extend)
    store.write(insert("kept"))

    def disk_full(path, text):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store_module, "write_durably", disk_full)
    with pytest.raises(StoreError, match="No space left"):
        store.write(insert("lost"))
    assert [doc["value"] for doc in store.db.table("items").all()] == ["kept"]
    assert published == [("inserted", "kept")]
    monkeypatch.undo()
    store.write(insert("after"))
    assert [doc["value"] for doc in Store(tmp_path / "kiosk.json").db.table("items").all()] == ["kept", "after"]


def test_a_change_that_raises_changes_nothing(tmp_path):
    store = Store(tmp_path / "kiosk.json")

    def refuse(db):
        raise ValueError("refused")

    with pytest.raises(ValueError):
        store.write(refuse)
    assert store._gen == 0
    assert not (tmp_path / "kiosk.json").exists()


def test_a_document_that_cannot_be_encoded_is_undone_and_later_writes_go_through(tmp_path):
    store = Store(tmp_path / "kiosk.json")
    store.write(insert("kept"))
    with pytest.raises(StoreError):
        store.write(insert("x\ud800"))  # a lone surrogate: UTF-8 cannot hold it
    store.write(insert("after"))
    values = [doc["value"] for doc in store.read(lambda db: db.table("items").all())]
    assert values == ["kept", "after"]
    on_disk = json.loads((tmp_path / "kiosk.json").read_text(encoding="utf-8"))
    assert [doc["value"] for doc in on_disk["items"].values()] == ["kept", "after"]


def test_a_change_that_fails_half_way_is_undone(tmp_path):
    store = Store(tmp_path / "kiosk.json")
    store.write(insert("kept"))

    def half_way(db):
        db.table("items").insert({"value": "half"})
        raise TypeError("a bug, after a first change")

    with pytest.raises(TypeError):
        store.write(half_way)
    assert [doc["value"] for doc in store.read(lambda db: db.table("items").all())] == ["kept"]
    store.write(insert("after"))
    assert len(json.loads((tmp_path / "kiosk.json").read_text())["items"]) == 2


def test_a_corrupt_file_is_set_aside_and_the_last_good_state_recovered(tmp_path):
    path = tmp_path / "kiosk.json"
    store = Store(path)
    store.write(insert("first"))
    store.write(insert("second"))
    path.write_text('{"items": {"1": {"val')  # truncated by a failing card
    data, notes = load_durably(path)
    assert [doc["value"] for doc in data["items"].values()] == ["first"]  # the .bak
    asides = list(tmp_path.glob("kiosk.json.corrupt-*"))
    assert len(asides) == 1 and asides[0].read_text() == '{"items": {"1": {"val'
    assert any("could not be read" in message for message, _ in notes)
    assert any("recovered" in message for message, _ in notes)


def test_a_complete_tmp_file_is_used_when_the_crash_came_between_the_renames(tmp_path):
    path = tmp_path / "kiosk.json"
    (tmp_path / "kiosk.json.bak").write_text('{"items": {"1": {"value": "old"}}}')
    (tmp_path / "kiosk.json.tmp").write_text('{"items": {"1": {"value": "old"}, "2": {"value": "new"}}}')
    data, notes = load_durably(path)
    assert len(data["items"]) == 2
    assert notes


def test_an_unreadable_file_with_no_good_copy_stops_with_a_clear_error_and_is_kept(tmp_path):
    path = tmp_path / "kiosk.json"
    path.write_text("not json")
    with pytest.raises(StoreError, match="could not be read"):
        Store(path)
    assert list(tmp_path.glob("kiosk.json.corrupt-*"))[0].read_text() == "not json"


WRITER = textwrap.dedent("""
    import sys, threading
    from kiosk import auth
    from kiosk.box import Box
    from kiosk.store import Store

    box = Box(Store(sys.argv[1]))
    lock = threading.Lock()

    def phone(n):
        for i in range(1000):
            answer = box.execute(auth.ANONYMOUS, "participant.join", {"name": f"P{n}-{i}"})
            with lock:
                print(answer["participant"]["id"], answer["participant"]["name"], flush=True)

    for n in range(8):
        threading.Thread(target=phone, args=(n,), daemon=True).start()
    threading.Event().wait()
""")


def test_sigkill_mid_burst_loses_no_acknowledged_join(tmp_path):
    path = tmp_path / "kiosk.json"
    child = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True)
    acknowledged = []
    try:
        for line in child.stdout:
            acknowledged.append(line.split())
            if len(acknowledged) == 300:
                os.kill(child.pid, signal.SIGKILL)
                break
    finally:
        child.kill()
        child.wait()
    # Whatever was printed before the kill had been acknowledged.
    rest = child.stdout.read()
    acknowledged += [line.split() for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    child.stdout.close()
    assert len(acknowledged) >= 300
    store = Store(path)  # readable, and no note: the file itself was whole
    assert store.notes == []
    names = {doc.doc_id: doc["name"] for doc in store.db.table("participants").all()}
    for participant_id, name in acknowledged:
        assert names[int(participant_id)] == name
