"""The OA message API and its rotating tokens, against the stand-in: exact requests, persistence."""
from __future__ import annotations

import stat
import threading

import httpx
import pytest

from assistant.database import Target, location
from channels.zalo.api import STORE, ZaloClient, ZaloError, ZaloTokens
from channels.zalo.config import ZaloConfig
from tests.channels.zalo.oa_api import APP_ID, APP_SECRET, OA_SECRET, OaApi

NOW = 1_764_000_000.0


@pytest.fixture
def oa():
    with OaApi() as stand_in:
        yield stand_in


def config(oa: OaApi, **tokens) -> ZaloConfig:
    return ZaloConfig(APP_ID, OA_SECRET, APP_SECRET, api_base=oa.url, oauth_base=oa.url,
                      **({"refresh_token": "refresh-1"} | tokens))


def client_for(oa: OaApi, target: Target, clock=lambda: NOW, **tokens) -> ZaloClient:
    settings = config(oa, **tokens)
    http = httpx.Client()
    return ZaloClient(settings, ZaloTokens(settings, target, http, clock), http)


@pytest.fixture
def tokens_at(store_settings) -> Target:
    """Where the token store is: a SQLite file, or the PostgreSQL database."""
    return location(store_settings, STORE)


def test_the_first_message_refreshes_the_token_then_sends_exactly_what_zalo_expects(oa, tmp_path):
    client = client_for(oa, tmp_path / "tokens.sqlite3")
    assert client.send_text("246845883529197922", "Xin chào, tôi có thể giúp gì?") == "msg-2"
    refresh, message = oa.requests
    assert (refresh.method, refresh.path, refresh.headers["secret_key"]) == ("POST", "/v4/oa/access_token", APP_SECRET)
    assert refresh.headers["content-type"] == "application/x-www-form-urlencoded"
    assert refresh.params == {"refresh_token": "refresh-1", "app_id": APP_ID, "grant_type": "refresh_token"}
    assert (message.method, message.path, message.headers["access_token"]) == ("POST", "/v3.0/oa/message/cs", "access-2")
    assert message.headers["content-type"] == "application/json"
    assert message.params == {"recipient": {"user_id": "246845883529197922"}, "message": {"text": "Xin chào, tôi có thể giúp gì?"}}


def test_the_token_file_is_private(oa, tmp_path):
    path = tmp_path / "data" / "tokens.sqlite3"
    client_for(oa, path).send_text("1", "một")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.with_name(path.name + "-wal").stat().st_mode) == 0o600


def test_the_rotated_refresh_token_survives_a_restart(oa, tokens_at):
    client_for(oa, tokens_at).send_text("1", "một")
    restarted = client_for(oa, tokens_at, clock=lambda: NOW + 100_000)  # the access token has expired meanwhile
    restarted.send_text("1", "hai")
    assert [r.params.get("refresh_token") for r in oa.requests if r.path == "/v4/oa/access_token"] == ["refresh-1", "refresh-2"]
    assert oa.texts() == ["một", "hai"] and oa.refreshes == 2


def test_a_token_zalo_refuses_is_refreshed_once_and_the_message_sent_again(oa, tmp_path):
    client = client_for(oa, tmp_path / "tokens.sqlite3", access_token="revoked-by-zalo")
    client.send_text("1", "nội dung")
    assert [(r.path, r.headers.get("access_token")) for r in oa.requests] == [
        ("/v3.0/oa/message/cs", "revoked-by-zalo"), ("/v4/oa/access_token", None), ("/v3.0/oa/message/cs", "access-2")]
    assert oa.texts() == ["nội dung"]


def test_a_token_given_by_hand_is_used_until_refused(oa, tmp_path):
    oa.access_token = "given-by-hand"
    client = client_for(oa, tmp_path / "tokens.sqlite3", access_token="given-by-hand")
    client.send("1", ["một", "hai"])
    assert oa.refreshes == 0 and oa.texts() == ["một", "hai"]


def test_a_new_refresh_token_in_the_environment_replaces_the_stored_one(oa, tokens_at):
    client_for(oa, tokens_at).send_text("1", "một")
    oa.refresh_token = "from-a-new-authorisation"
    client_for(oa, tokens_at, clock=lambda: NOW + 100_000, refresh_token="from-a-new-authorisation").send_text("1", "hai")
    assert oa.texts() == ["một", "hai"]


def test_two_processes_never_spend_the_same_refresh_token(oa, tokens_at):
    clients = [client_for(oa, tokens_at) for _ in range(4)]
    threads = [threading.Thread(target=c.send_text, args=("1", f"tin {i}")) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert oa.refreshes == 1 and sorted(oa.texts()) == ["tin 0", "tin 1", "tin 2", "tin 3"]


def test_an_invalid_refresh_token_is_a_clear_error_and_nothing_is_sent(oa, tmp_path):
    client = client_for(oa, tmp_path / "tokens.sqlite3", refresh_token="stolen-and-spent")
    with pytest.raises(ZaloError, match="Refresh token is invalid.*-14014"):
        client.send_text("1", "nội dung")
    assert oa.accepted == []


def test_without_any_token_the_error_says_what_to_set(oa, tmp_path):
    client = client_for(oa, tmp_path / "tokens.sqlite3", refresh_token="")
    with pytest.raises(ZaloError, match="TROLY_ZALO_REFRESH_TOKEN"):
        client.send_text("1", "nội dung")
    assert oa.requests == []


def test_a_refusal_other_than_the_token_is_raised_with_zalos_code(oa, tmp_path):
    client = client_for(oa, tmp_path / "tokens.sqlite3")
    client.send_text("1", "một")
    oa.respond = lambda request: (200, {"error": -213, "message": "User has not interacted with the OA in the last 7 days"})
    with pytest.raises(ZaloError, match="interacted.*-213"):
        client.send_text("1", "hai")
