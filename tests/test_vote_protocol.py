"""Issues, votes and groups over Socket.IO: what each client receives, and nothing twice."""

from __future__ import annotations

import pytest
from conftest import events

from kiosk.events import Event
from kiosk.sockets import Publisher


def test_a_proposal_shows_on_the_wall_and_the_console_knows_its_author(actions):
    wall, facilitator, phone = actions.wall(), actions.facilitator(), actions.phone("Ana")
    ack = phone.emit("issue.propose", {"text": "Mobilité rurale"}, callback=True)
    assert ack["ok"] and ack["issue"] == {"id": 1, "text": "Mobilité rurale"}
    assert events(wall, "issue.proposed")[0]["issue"] == {"id": 1, "text": "Mobilité rurale"}
    assert events(facilitator, "issue.proposed")[0]["issue"]["author"] == phone.participant["id"]


def test_a_replayed_proposal_key_adds_one_issue(actions, client):
    phone = actions.phone("Ana")
    first = phone.emit("issue.propose", {"text": "Mobilité", "key": "p1"}, callback=True)
    again = phone.emit("issue.propose", {"text": "Mobilité", "key": "p1"}, callback=True)
    assert first == again and first["ok"]
    assert len(client.get("/api/state").json["issues"]) == 1


def test_a_hidden_issue_leaves_the_wall(actions, client):
    phone, facilitator, wall = actions.phone(), actions.facilitator(), actions.wall()
    issue_id = phone.emit("issue.propose", {"text": "<b>blague</b>"}, callback=True)["issue"]["id"]
    assert facilitator.emit("issue.hide", {"issue_id": issue_id}, callback=True)["ok"]
    assert events(wall, "issue.updated")[-1]["hidden"] is True
    assert client.get("/api/state").json["issues"] == []


def test_participants_cannot_curate_or_run_the_vote(actions):
    phone = actions.phone()
    phone.emit("issue.propose", {"text": "Mobilité"}, callback=True)
    for name, payload in [("issue.hide", {"issue_id": 1}), ("issue.edit", {"issue_id": 1, "text": "x"}),
                          ("vote.open", {"method": "dots"}), ("vote.close", {}), ("groups.form", {"count": 1}),
                          ("issues.proposals", {"open": False}), ("groups.balance", {})]:
        assert phone.emit(name, payload, callback=True)["code"] == "forbidden", name


def test_a_dot_reaches_the_wall_as_a_total_and_the_voter_as_a_ballot(actions):
    wall, facilitator = actions.wall(), actions.facilitator()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    ana.emit("issue.propose", {"text": "Mobilité"}, callback=True)
    assert facilitator.emit("vote.open", {"method": "dots"}, callback=True)["ok"]
    for client in (wall, ana, bruno, facilitator):
        assert events(client, "vote.opened")[0]["vote"]["status"] == "open"
    ack = ana.emit("vote.cast", {"issue_id": 1, "dots": 2}, callback=True)
    assert ack["ballot"] == {"1": 2} and ack["dots_left"] == 1
    assert events(wall, "tally.updated")[-1]["vote"]["results"] == [{"issue_id": 1, "rank": 1, "dots": 2}]
    assert events(ana, "ballot.updated")[-1]["dots_left"] == 1
    assert events(bruno) == []  # other phones are not flooded with tallies


def test_a_refused_dot_gets_a_message_naming_the_cap(actions):
    facilitator, ana = actions.facilitator(), actions.phone("Ana")
    ana.emit("issue.propose", {"text": "Mobilité"}, callback=True)
    facilitator.emit("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2}, callback=True)
    ack = ana.emit("vote.cast", {"issue_id": 1, "dots": 3}, callback=True)
    assert ack["ok"] is False and ack["code"] == "cap" and "2" in ack["error"]


def test_a_late_vote_is_refused_after_closing(actions):
    facilitator, ana = actions.facilitator(), actions.phone("Ana")
    ana.emit("issue.propose", {"text": "Mobilité"}, callback=True)
    facilitator.emit("vote.open", {"method": "dots"}, callback=True)
    closed = facilitator.emit("vote.close", {}, callback=True)
    assert closed["vote"]["status"] == "closed"
    assert ana.emit("vote.cast", {"issue_id": 1, "dots": 1}, callback=True)["code"] == "vote_closed"


def test_thirty_participants_voting_at_once_make_the_sum_of_their_dots(actions, client):
    facilitator = actions.facilitator()
    phones = [actions.phone(f"P{n}") for n in range(30)]
    for text in ["Mobilité", "Logement", "Énergie"]:
        facilitator.emit("issue.propose", {"text": text}, callback=True)
    facilitator.emit("vote.open", {"method": "dots", "dots": 3, "max_per_issue": 2}, callback=True)
    cast = {1: 0, 2: 0, 3: 0}
    for n, phone in enumerate(phones):
        for issue_id, dots in [(1 + n % 3, 2), (1 + (n + 1) % 3, 1)]:
            assert phone.emit("vote.cast", {"issue_id": issue_id, "dots": dots, "key": f"{n}-{issue_id}"},
                              callback=True)["ok"]
            cast[issue_id] += dots
    results = client.get("/api/state").json["vote"]["results"]
    assert {r["issue_id"]: r["dots"] for r in results} == cast
    assert sum(cast.values()) == 90


def test_groups_show_their_members_and_secretary_on_the_wall(actions, client):
    facilitator, wall = actions.facilitator(), actions.wall()
    ana, bruno = actions.phone("Ana"), actions.phone("Bruno")
    for text in ["Mobilité", "Logement"]:
        facilitator.emit("issue.propose", {"text": text}, callback=True)
    facilitator.emit("vote.open", {"method": "dots"}, callback=True)
    ana.emit("vote.cast", {"issue_id": 2, "dots": 1}, callback=True)
    facilitator.emit("vote.close", {}, callback=True)
    formed = facilitator.emit("groups.form", {"count": 2}, callback=True)["groups"]
    assert [g["name"] for g in formed] == ["Logement", "Mobilité"]
    group_id = formed[0]["id"]
    assert ana.emit("group.join", {"group_id": group_id}, callback=True)["ok"]
    assert ana.emit("group.secretary", {"group_id": group_id, "participant_id": ana.participant["id"]},
                    callback=True)["group"]["secretary"] == ana.participant["id"]
    assert events(wall, "group.updated")[-1]["group"]["secretary"] == ana.participant["id"]
    assert bruno.emit("group.secretary", {"group_id": group_id, "participant_id": bruno.participant["id"]},
                      callback=True)["code"] == "not_member"
    assert client.get("/api/state").json["groups"][0]["members"] == [ana.participant["id"]]


class FakeSocketIO:
    """Records emits; background tasks run when the test says so."""

    def __init__(self):
        self.sent, self.tasks = [], []

    def emit(self, name, data, to):
        self.sent.append((name, data["seq"]))

    def start_background_task(self, fn):
        self.tasks.append(fn)

    def sleep(self, seconds):
        pass


def test_live_tallies_are_coalesced_into_the_newest_one():
    fake = FakeSocketIO()
    publish = Publisher(fake, interval=0.25)
    for seq in range(1, 101):
        publish([Event("tally.updated", {}, to=("wall",), seq=seq)])
    assert fake.sent == [] and len(fake.tasks) == 1
    fake.tasks[0]()
    assert fake.sent == [("tally.updated", 100)]


def test_any_other_event_first_sends_the_held_tally():
    fake = FakeSocketIO()
    publish = Publisher(fake, interval=0.25)
    publish([Event("tally.updated", {}, to=("wall",), seq=5)])
    publish([Event("vote.closed", {}, seq=6)])
    assert fake.sent == [("tally.updated", 5), ("vote.closed", 6)]


def test_a_hidden_vote_sends_no_count_until_the_facilitator_reveals_it(actions, client):
    wall, facilitator, ana = actions.wall(), actions.facilitator(), actions.phone("Ana")
    ana.emit("issue.propose", {"text": "Mobilité"}, callback=True)
    opened = facilitator.emit("vote.open", {"method": "dots", "hidden": True}, callback=True)
    assert opened["ok"] and opened["vote"]["hidden"] is True and opened["vote"]["results"] == []
    assert ana.emit("vote.cast", {"issue_id": 1, "dots": 2}, callback=True)["ok"]
    # Not hidden by the page: the server sends no count, to any screen, nor in a snapshot.
    for screen in (wall, facilitator, ana):
        for event in events(screen):
            if "vote" in event:
                assert event["vote"]["results"] == [], event
    assert client.get("/api/state").json["vote"]["results"] == []
    assert client.get("/api/state").json["vote"]["voters"] == 1
    assert facilitator.emit("vote.close", {}, callback=True)["vote"]["results"] == []
    assert ana.emit("vote.reveal", {}, callback=True)["code"] == "forbidden"
    revealed = facilitator.emit("vote.reveal", {}, callback=True)
    assert revealed["vote"]["results"] == [{"issue_id": 1, "rank": 1, "dots": 2}] and "hidden" not in revealed["vote"]
    assert events(wall, "tally.updated")[-1]["vote"]["results"] == revealed["vote"]["results"]
    assert facilitator.emit("vote.reveal", {}, callback=True)["code"] == "not_hidden"


def test_a_vote_step_of_the_programme_can_hide_the_results(tmp_path):
    from kiosk import programmes

    step = '[[steps]]\ntitle = "Vote"\nminutes = 10\nphase = "vote"\nhidden = {}\n'
    path = tmp_path / "p.toml"
    path.write_text('title = "T"\nlang = "fr"\n' + step.format('"oui"'), encoding="utf-8")
    with pytest.raises(programmes.ProgrammeError, match="hidden: must be true or false"):
        programmes.load_programme(path)
    path.write_text('title = "T"\nlang = "fr"\n' + step.format("true"), encoding="utf-8")
    assert programmes.load_programme(path).steps[0].options["hidden"] is True
