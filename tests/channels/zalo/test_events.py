"""Admitting Zalo webhook events: Zalo's signature, the age window, replays (also after a restart)."""
from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.database import location
from channels.zalo.config import ZaloConfig
from channels.zalo.events import STORE, EventGate, Rejected, event_mac
from tests.channels.zalo.oa_api import APP_ID, OA_SECRET
from tests.strategies import plain_json

NOW = 1_764_000_000.0
CONFIG = ZaloConfig(APP_ID, OA_SECRET, max_age_seconds=300)


def text_event(text: str = "làm căn cước cần gì", at: float = NOW, msg_id: str = "a1b2c3") -> bytes:
    return json.dumps({
        "app_id": APP_ID, "user_id_by_app": "552177279717587730", "event_name": "user_send_text",
        "timestamp": str(int(at * 1000)), "sender": {"id": "246845883529197922"}, "recipient": {"id": "388613280878808645"},
        "message": {"text": text, "msg_id": msg_id},
    }, ensure_ascii=False).encode()


def signed(body: bytes) -> str:
    return "mac=" + event_mac(APP_ID, body, json.loads(body)["timestamp"], OA_SECRET)


@pytest.fixture
def gate(store_settings):
    opened = EventGate(CONFIG, location(store_settings, STORE), clock=lambda: NOW)
    yield opened
    opened.close()


def test_the_mac_is_a_plain_sha256_of_app_id_body_timestamp_and_oa_secret():
    body = b'{"event_name":"user_send_text","timestamp":"1764000000000"}'
    expected = hashlib.sha256(f"{APP_ID}{body.decode()}1764000000000{OA_SECRET}".encode()).hexdigest()
    assert event_mac(APP_ID, body, "1764000000000", OA_SECRET) == expected


def test_an_authentic_fresh_event_is_admitted_with_its_sender_and_text(gate):
    body = text_event()
    event = gate.admit(body, signed(body))
    assert (event.name, event.sender_id, event.text, event.message_id) == (
        "user_send_text", "246845883529197922", "làm căn cước cần gì", "a1b2c3")
    assert gate.admit(text_event(msg_id="d4"), signed(text_event(msg_id="d4")).upper().replace("MAC=", "mac=")) is not None


@pytest.mark.parametrize("signature", [None, "", "mac=", "mac=" + "0" * 64, "deadbeef"])
def test_a_missing_or_forged_signature_is_refused(gate, signature):
    with pytest.raises(Rejected) as refused:
        gate.admit(text_event(), signature)
    assert refused.value.status == 401


def test_a_body_changed_after_signing_is_refused(gate):
    body = text_event()
    with pytest.raises(Rejected):
        gate.admit(body.replace("căn cước".encode(), "hộ chiếu".encode()), signed(body))


def test_a_mac_made_with_another_secret_or_as_an_hmac_is_refused(gate):
    import hmac

    body = text_event()
    timestamp = json.loads(body)["timestamp"]
    other = "mac=" + event_mac(APP_ID, body, timestamp, "another-secret")
    as_hmac = "mac=" + hmac.new(OA_SECRET.encode(), APP_ID.encode() + body + timestamp.encode(), hashlib.sha256).hexdigest()
    for signature in (other, as_hmac):
        with pytest.raises(Rejected):
            gate.admit(body, signature)


@pytest.mark.parametrize("at", [NOW - 301, NOW + 301, 0])
def test_an_event_too_old_or_from_the_future_is_refused_even_when_signed(gate, at):
    body = text_event(at=at)
    with pytest.raises(Rejected) as refused:
        gate.admit(body, signed(body))
    assert refused.value.status == 401 and "timestamp" in refused.value.reason


def test_an_event_at_the_edge_of_the_window_is_admitted(gate):
    body = text_event(at=NOW - 299)
    assert gate.admit(body, signed(body)) is not None


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'"text"', b"\xff", b'{"event_name": "user_send_text"}',
                                  b'{"timestamp": "soon"}', b'{"timestamp": true}'])
def test_a_malformed_body_is_a_bad_request(gate, body):
    with pytest.raises(Rejected) as refused:
        gate.admit(body, "mac=" + "0" * 64)
    assert refused.value.status == 400


def test_a_replay_is_recognised_also_after_a_restart_and_by_another_worker(gate, store_settings):
    body = text_event()
    assert gate.admit(body, signed(body)) is not None
    assert gate.admit(body, signed(body)) is None
    restarted = EventGate(CONFIG, location(store_settings, STORE), clock=lambda: NOW + 200)
    assert restarted.admit(body, signed(body)) is None
    resent = text_event(at=NOW + 1)  # the same message id, delivered again under a new timestamp
    assert restarted.admit(resent, signed(resent)) is None
    restarted.close()


def test_events_are_forgotten_once_they_would_be_refused_as_old_anyway(store_settings):
    clock = [NOW]
    gate = EventGate(CONFIG, location(store_settings, STORE), clock=lambda: clock[0])
    for i in range(5):
        body = text_event(msg_id=f"m{i}", at=NOW)
        gate.admit(body, signed(body))
    clock[0] = NOW + 301
    late = text_event(msg_id="late", at=clock[0])
    assert gate.admit(late, signed(late)) is not None
    assert gate._conn.execute("SELECT COUNT(*) AS n FROM seen_events").fetchone()["n"] == 2  # the late event's two keys
    gate.close()


_events = st.fixed_dictionaries(
    {"timestamp": st.just(str(int(NOW * 1000)))},
    optional={"event_name": plain_json, "sender": plain_json, "message": plain_json, "app_id": plain_json},
)


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_events, signature=st.booleans())
def test_any_signed_or_forged_event_is_admitted_or_rejected_never_crashes(gate, data, signature):
    body = json.dumps(data).encode()
    try:
        event = gate.admit(body, signed(body) if signature else "mac=" + "0" * 64)
    except Rejected as rejected:
        assert not signature and rejected.status == 401
        return
    assert signature and (event is None or event.timestamp_ms == int(NOW * 1000))


@settings(max_examples=200, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=200), signature=st.none() | st.text(max_size=80))
def test_arbitrary_bytes_are_rejected_with_a_4xx(gate, body, signature):
    with pytest.raises(Rejected) as rejected:
        gate.admit(body, signature)
    assert rejected.value.status in (400, 401)
