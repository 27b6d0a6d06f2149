"""The facilitator PIN: generated once, kept, never shown to phones; guessing slows down."""

from __future__ import annotations

from conftest import PIN

from kiosk import create_app
from kiosk.auth import PinThrottle


def test_a_pin_is_generated_at_first_start_and_kept(tmp_path):
    first = create_app({"data": str(tmp_path), "async_mode": "threading"}).config["KIOSK_PIN"]
    again = create_app({"data": str(tmp_path), "async_mode": "threading"}).config["KIOSK_PIN"]
    assert first == again and len(first) == 6 and first.isdigit()
    assert (tmp_path / "facilitator-pin").stat().st_mode & 0o077 == 0


def test_kiosk_pin_from_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_PIN", "9999")
    assert create_app({"data": str(tmp_path), "async_mode": "threading"}).config["KIOSK_PIN"] == "9999"


def test_the_pin_appears_on_no_page_and_in_no_state(client):
    for path in ("/", "/wall", "/facilitator", "/api/state"):
        assert PIN not in client.get(path).get_data(as_text=True), path


def test_a_wrong_pin_is_refused_with_403(client):
    response = client.post("/api/facilitator", json={"pin": "000000"})
    assert response.status_code == 403 and response.json["ok"] is False and response.json["code"] == "wrong_pin"


def test_a_right_pin_gives_a_token_that_survives_a_restart(tmp_path):
    config = {"data": str(tmp_path), "pin": PIN, "async_mode": "threading"}
    token = create_app(config).test_client().post("/api/facilitator", json={"pin": PIN}).json["token"]
    app = create_app(config)
    sock = app.extensions["kiosk_socketio"].test_client(app, auth={"token": token})
    assert sock.get_received()[0]["args"][0]["role"] == "facilitator"


def test_after_five_wrong_pins_the_next_try_must_wait(client):
    for _ in range(5):
        assert client.post("/api/facilitator", json={"pin": "1"}).status_code == 403
    blocked = client.post("/api/facilitator", json={"pin": PIN})
    assert blocked.status_code == 429 and blocked.json["code"] == "too_many_tries"


def test_the_wait_doubles_with_each_failure_and_a_right_pin_clears_it():
    now = [1000.0]
    throttle = PinThrottle(clock=lambda: now[0])
    for _ in range(5):
        assert throttle.wait_left("a") == 0
        throttle.failed("a")
    assert throttle.wait_left("a") == 1.0
    throttle.failed("a")
    assert throttle.wait_left("a") == 2.0
    now[0] += 2.0
    assert throttle.wait_left("a") == 0
    assert throttle.wait_left("other address") == 0
    throttle.succeeded("a")
    assert throttle.wait_left("a") == 0


def test_the_wait_is_capped():
    throttle = PinThrottle(clock=lambda: 0.0)
    for _ in range(40):
        throttle.failed("a")
    assert throttle.wait_left("a") == PinThrottle.MAX_WAIT


def test_a_try_is_counted_before_it_is_checked():
    throttle = PinThrottle(clock=lambda: 1000.0)
    reserved = [throttle.reserve("a") for _ in range(300)]  # 300 tries at the same instant
    assert reserved.count(0.0) == PinThrottle.FREE  # only five are checked at all


def test_a_right_pin_takes_its_reserved_try_back():
    throttle = PinThrottle(clock=lambda: 1000.0)
    for _ in range(4):
        throttle.reserve("a")
    throttle.reserve("a")
    throttle.succeeded("a")
    assert throttle.wait_left("a") == 0


def test_after_20_wrong_pins_in_all_every_address_waits_its_turn_but_the_box_itself():
    now = [1000.0]
    throttle = PinThrottle(clock=lambda: now[0])
    for n in range(PinThrottle.GLOBAL_FREE):
        assert throttle.reserve(f"10.0.0.{n}") == 0  # a fresh address each time
    assert throttle.reserve("10.0.1.1") == 0  # the first over budget goes, and the next waits
    assert throttle.reserve("10.0.1.2") == PinThrottle.GLOBAL_SPACING
    assert throttle.reserve("127.0.0.1") == 0  # the box's own screen
    now[0] += PinThrottle.GLOBAL_SPACING
    assert throttle.reserve("10.0.1.2") == 0


def test_the_pins_budget_spacing_doubles_and_is_capped():
    throttle = PinThrottle(clock=lambda: 0.0)
    throttle._global_failures = PinThrottle.GLOBAL_FREE * 2
    assert throttle.global_spacing() == 2 * PinThrottle.GLOBAL_SPACING
    throttle._global_failures = 10_000
    assert throttle.global_spacing() == PinThrottle.GLOBAL_MAX_SPACING


def test_a_pin_with_a_lone_surrogate_is_bad_input_not_a_500(client):
    response = client.post("/api/facilitator", data='{"pin": "\\ud800"}', content_type="application/json")
    assert response.status_code == 400 and response.json["code"] == "bad_input"
