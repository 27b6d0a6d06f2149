"""The word cloud: French-aware grouping, one count per person, several clouds, the facilitator's
merges, splits and hidden words."""

from __future__ import annotations

import pytest
from conftest import events, programmed, refused, restarted
from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from kiosk import instances, workshop
from kiosk.activities.wordcloud import domain as cloud
from kiosk.activities.wordcloud import words
from kiosk.errors import KioskError


@pytest.mark.parametrize("group", [
    ["vélo", "Vélos", "le vélo !", "VELO", "  vélo  "],
    ["l’eau", "L'eau", "eau"],
    ["mobilité", "mobilités", "Mobilité douce"[:9]],
    ["jardin partagé", "jardins partagés", "Jardin Partagé"],
    ["rencontre", "rencontres", "Des rencontres"],
    ["solidarité", "Solidarités", "la solidarité"],
    ["tiers-lieu", "Tiers-lieux", "un tiers-lieu"],
    ["coopération", "coopérations"],
    ["habitant", "habitants", "les habitants"],
])
def test_spellings_of_one_word_share_a_key(group):
    keys = {words.key(text) for text in group}
    assert len(keys) == 1 and None not in keys, {text: words.key(text) for text in group}


@pytest.mark.parametrize("one,other", [("mobilité", "mobile"), ("vélo", "voiture"), ("partage", "jardin"),
                                       ("solidarité", "solidaire"), ("école", "écologie")])
def test_different_words_keep_different_keys(one, other):
    assert words.key(one) != words.key(other)


@pytest.mark.parametrize("text", ["le", "de la", "!!!", "et ou", "l’"])
def test_an_entry_of_stop_words_or_punctuation_has_no_key(text):
    assert words.key(text) is None


def test_workshop_words_are_not_stop_words():
    for word in ("faire", "sans", "ensemble", "avec", "bus", "eau", "IA"):
        assert words.key(word) is not None, word


def test_a_group_shows_its_words_without_the_stop_words_around_them():
    assert [words.trimmed(t) for t in ("le vélo", "Des rencontres", "envie d'agir", "le", "la vie de")] == \
        ["vélo", "rencontres", "envie d'agir", "le", "vie"]


def test_the_most_frequent_spelling_is_shown_the_latest_on_a_tie():
    assert words.display(["vélos", "vélo", "vélo"]) == "vélo"
    assert words.display(["Vélo", "vélo"]) == "vélo"


@pytest.fixture
def db():
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    return db


def opened(db, prompt="En un mot, ce qui vous amène ?", **more):
    return cloud.open_cloud(db, {"prompt": prompt, **more}, None, None, 100.0)[0]["wordcloud"]


def test_a_person_counts_once_per_word_and_sending_again_replaces_their_words(db):
    opened(db)
    cloud.send(db, {"words": ["vélo", "vélos", "partage"]}, 1)
    cloud.send(db, {"words": ["Vélo"]}, 2)
    view = cloud.public(db, instances.current(db, cloud.CLOUDS))
    assert [(w["text"], w["count"]) for w in view["words"]] == [("Vélo", 2), ("partage", 1)] or \
        [(w["text"], w["count"]) for w in view["words"]] == [("vélo", 2), ("partage", 1)]
    assert view["people"] == 2
    cloud.send(db, {"words": ["jardin"]}, 1)
    view = cloud.public(db, instances.current(db, cloud.CLOUDS))
    assert sorted((w["text"], w["count"]) for w in view["words"]) == [("Vélo", 1), ("jardin", 1)]


def test_words_are_checked_and_a_refusal_changes_nothing(db):
    opened(db, max_words=2)
    cloud.send(db, {"words": ["vélo"]}, 1)
    for payload in ({"words": ["a", "b", "c"]}, {"words": "vélo"}, {"words": []}, {"words": [3]},
                    {"words": ["x" * 31]}, {"words": ["un deux trois quatre"]}, {"words": ["le"]}):
        refused("bad_input", cloud.send, db, payload, 1)
    assert cloud.mine(db, instances.current(db, cloud.CLOUDS), 1) == ["vélo"]


def test_no_word_before_a_cloud_opens_or_after_it_closes(db):
    refused("no_cloud", cloud.send, db, {"words": ["vélo"]}, 1)
    opened(db)
    cloud.close_cloud(db, {}, 200.0)
    refused("cloud_closed", cloud.send, db, {"words": ["vélo"]}, 1)
    refused("cloud_closed", cloud.close_cloud, db, {}, 201.0)


def test_several_clouds_each_keep_their_words(db):
    opened(db, "En un mot, ce qui vous amène ?")
    cloud.send(db, {"words": ["curiosité"]}, 1)
    result, evts = cloud.open_cloud(db, {"prompt": "Et en repartant ?"}, None, 9, 300.0)
    assert [e.name for e in evts] == ["wordcloud.closed", "wordcloud.opened"]
    assert result["wordcloud"]["words"] == []
    cloud.send(db, {"words": ["envie"]}, 1)
    assert [c["prompt"] for c in cloud.closed(db)] == ["En un mot, ce qui vous amène ?"]
    first, second = instances.every(db, cloud.CLOUDS)
    assert [w["text"] for w in cloud.counts(db, first)] == ["curiosité"] and second["step"] == 9


def test_the_facilitator_merges_splits_hides_and_restores_words(db):
    opened(db)
    for person, word in enumerate(["vélo", "vélo", "bicyclette", "voiture"], start=1):
        cloud.send(db, {"words": [word]}, person)
    velo, bike = words.key("vélo"), words.key("bicyclette")
    cloud.merge(db, {"word": bike, "into": velo})
    current = instances.current(db, cloud.CLOUDS)
    assert [(w["text"], w["count"]) for w in cloud.public(db, current)["words"]] == [("vélo", 3), ("voiture", 1)]
    refused("bad_input", cloud.merge, db, {"word": velo, "into": bike})  # into itself, through the merge
    cloud.split(db, {"word": bike})
    current = instances.current(db, cloud.CLOUDS)
    assert {w["text"]: w["count"] for w in cloud.public(db, current)["words"]} == {"vélo": 2, "bicyclette": 1,
                                                                                   "voiture": 1}
    refused("not_merged", cloud.split, db, {"word": bike})
    cloud.set_hidden(db, {"word": words.key("voiture")}, True)
    current = instances.current(db, cloud.CLOUDS)
    assert "voiture" not in [w["text"] for w in cloud.public(db, current)["words"]]
    assert [w["hidden"] for w in cloud.console(db, current)["words"] if w["text"] == "voiture"] == [True]
    cloud.set_hidden(db, {"word": words.key("voiture")}, False)
    refused("not_found", cloud.set_hidden, db, {"word": "inconnu"}, True)


def test_over_the_protocol_the_wall_sees_counts_and_the_phone_its_own_words(actions):
    console, wall, phone = actions.facilitator(), actions.wall(), actions.phone("Ana")
    assert console.emit("wordcloud.open", {"prompt": "En un mot ?"}, callback=True)["ok"]
    ack = phone.emit("wordcloud.send", {"words": ["Vélos", "partage"]}, callback=True)
    assert ack["ok"] and ack["words"] == ["Vélos", "partage"]
    assert events(phone, "wordcloud.mine")[-1]["words"] == ["Vélos", "partage"]
    counts = events(wall, "wordcloud.words")[-1]
    assert [(w["text"], w["count"]) for w in counts["words"]] == [("partage", 1), ("Vélos", 1)]
    assert "participant" not in str(counts)
    assert phone.emit("wordcloud.open", {}, callback=True)["code"] == "forbidden"
    state = wall.emit("state.get", {}, callback=True) and events(wall, "state")[-1]
    assert state["wordcloud"]["prompt"] == "En un mot ?" and state["wordcloud"]["people"] == 1


PROGRAMME = '''title = "Brise-glace"
lang = "fr"

[[steps]]
title = "En un mot"
minutes = 5
phase = "wordcloud"
prompt = "En un mot, ce qui vous amène ?"
max_words = 2
'''


def test_a_programme_step_gives_the_cloud_its_question_and_number_of_words(tmp_path):
    app, console = programmed(tmp_path, PROGRAMME)
    step = app.extensions["kiosk_box"].programme.steps[0]
    assert step.options == {"prompt": "En un mot, ce qui vous amène ?", "max_words": 2}
    assert step.public()["prompt"] == "En un mot, ce qui vous amène ?"
    assert console.emit("programme.next", {}, callback=True)["ok"]
    opened = console.emit("wordcloud.open", {}, callback=True)["wordcloud"]
    assert (opened["prompt"], opened["max_words"]) == ("En un mot, ce qui vous amène ?", 2)


@pytest.mark.parametrize("options,problem", [("max_words = 9", "max_words"), ('prompt = "' + "x" * 141 + '"', "prompt"),
                                             ("prompt = 3", "prompt")])
def test_a_wrong_step_option_is_one_line_of_the_check(tmp_path, options, problem):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text(PROGRAMME.replace('prompt = "En un mot, ce qui vous amène ?"\nmax_words = 2', options),
                    encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert len(problems) == 1 and f"steps[1].{problem}" in problems[0], problems


def test_a_word_cloud_option_on_another_phase_is_refused(tmp_path):
    from kiosk import programmes

    path = tmp_path / "p.toml"
    path.write_text(PROGRAMME.replace('phase = "wordcloud"', 'phase = "issues"'), encoding="utf-8")
    problems = programmes.check_programmes([path])
    assert any("only a step of the wordcloud phase has max_words" in p for p in problems), problems
    # `prompt` is read by other activities too: the line names every phase whose step may carry it.
    assert any("only a step of the wordcloud or review or examples or typology or statements or forces or surprises "
               "phase has prompt" in p for p in problems), problems


def test_a_removed_participants_words_leave_the_cloud(db):
    opened(db)
    cloud.send(db, {"words": ["vélo", "voiture"]}, 1)
    cloud.send(db, {"words": ["vélo"]}, 2)
    evts = cloud.forget(db, 1)
    current = instances.current(db, cloud.CLOUDS)
    assert [(w["text"], w["count"]) for w in cloud.public(db, current)["words"]] == [("vélo", 1)]
    assert {e.name for e in evts} == {"wordcloud.words"} and cloud.mine(db, current, 1) == []
    assert cloud.forget(db, 1) == []


def _recount(db, doc):
    """A cloud's groups and senders counted from its words, from scratch."""
    merges, hidden, lang = doc.get("merges", {}), set(doc.get("hidden", [])), workshop.meta(db)["workshop"]["lang"]
    people, spellings = {}, {}
    for entry in sorted(db.table(cloud.WORDS).search(Query().cloud == doc.doc_id), key=lambda d: d.doc_id):
        group = cloud._root(merges, entry["key"])
        people.setdefault(group, set()).add(entry["participant"])
        spellings.setdefault(group, []).append(words.trimmed(entry["text"], lang))
    groups = [{"key": g, "text": words.display(spellings[g]), "count": len(people[g]), "hidden": g in hidden}
              for g in people]
    senders = {e["participant"] for e in db.table(cloud.WORDS).search(Query().cloud == doc.doc_id)}
    return sorted(groups, key=lambda g: (-g["count"], words.fold(g["text"]))), len(senders)


def test_the_running_counts_equal_a_recount_after_any_sequence():
    """Sends, resends, merges, splits, hides, removed participants, new clouds and restarts, in a
    seeded random order: after each step the cloud's groups, its senders, each person's own words
    and the coalesced views equal what its words add up to, counted again from scratch."""
    import random

    rng = random.Random(17)
    db = TinyDB(storage=MemoryStorage)
    workshop.initialise(db, "fr")
    people = list(range(1, 41))
    spellings = ["vélo", "Vélos", "le vélo", "bicyclette", "jardin", "jardins partagés", "eau", "L'eau", "partage",
                 "rencontre", "rencontres", "école", "voisins", "voisin", "marché"]
    opened(db)

    def check():
        for doc in instances.every(db, cloud.CLOUDS):
            groups, senders = _recount(db, doc)
            assert cloud.counts(db, doc) == groups
            assert cloud.console(db, doc)["people"] == senders
            for person in people:
                theirs = sorted(db.table(cloud.WORDS).search((Query().cloud == doc.doc_id)
                                                             & (Query().participant == person)), key=lambda d: d.doc_id)
                assert cloud.mine(db, doc, person) == [d["text"] for d in theirs]
        current = instances.current(db, cloud.CLOUDS)
        wall, console = (e.payload() for e in cloud._words_event(db, current))
        assert console["words"] == cloud.console(db, current)["words"]
        assert wall["words"] == cloud.public(db, current)["words"] and wall["people"] == console["people"]
        assert [c["people"] for c in cloud.closed(db)] == [_recount(db, d)[1] for d in instances.every(db, cloud.CLOUDS)
                                                            if d.doc_id != current.doc_id]

    for step in range(500):
        current = instances.current(db, cloud.CLOUDS)
        roll = rng.random()
        keys = [g["key"] for g in cloud.counts(db, current)]
        if roll < 0.6 and current["status"] == cloud.OPEN:
            cloud.send(db, {"words": rng.sample(spellings, rng.randint(1, 3))}, rng.choice(people))
        elif roll < 0.68 and len(keys) > 1:
            word, into = rng.sample(keys, 2)
            try:
                cloud.merge(db, {"word": word, "into": into})
            except KioskError as error:
                assert error.code == "bad_input"
        elif roll < 0.74 and current.get("merges"):
            cloud.split(db, {"word": rng.choice(list(current["merges"]))})
        elif roll < 0.8 and keys:
            cloud.set_hidden(db, {"word": rng.choice(keys)}, rng.random() < 0.7)
        elif roll < 0.85 and len(people) > 5:
            gone = rng.choice(people)
            cloud.forget(db, gone)
            people.remove(gone)
        elif roll < 0.9:  # a restart: the box opens its data file again, without the running counts
            db = restarted(db)
        elif roll < 0.93:
            cloud.open_cloud(db, {"prompt": f"Question {step}"}, None, None, 100.0 + step)
        elif roll < 0.95 and current["status"] == cloud.OPEN:
            cloud.close_cloud(db, {}, 100.0 + step)
        check()
    assert len(instances.every(db, cloud.CLOUDS)) > 1 and db.table(cloud.WORDS).all()
