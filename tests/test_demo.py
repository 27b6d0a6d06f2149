"""`--demo` fills an empty workshop with a sample one, and never touches a real one."""

from __future__ import annotations

from kiosk import demo


def test_the_demo_fills_participants_issues_claims_and_posts(box, client):
    assert demo.fill(box) is True
    state = client.get("/api/state").json
    assert len(state["participants"]) == len(demo.PEOPLE)
    assert [i["text"] for i in state["issues"]] == demo.ISSUES
    assert len(state["wall"]) == len(demo.POSTS)
    assert sum(len(ids) for ids in state["claims"].values()) == len(demo.FAMILIES)
    assert state["workshop"]["title"] and state["phase"] == "issues"


def test_the_demo_leaves_a_workshop_with_participants_alone(box, client, actions):
    actions.join("Vraie personne")
    assert demo.fill(box) is False
    assert [p["name"] for p in client.get("/api/state").json["participants"]] == ["Vraie personne"]
