"""Channel settings from the environment: off without their id, clear errors, secrets kept out of logs."""
from __future__ import annotations

import pytest

from channels.telegram.config import DEFAULT_API_BASE, TelegramConfig
from channels.zalo.config import ZaloConfig
from knowledge.errors import BadInput


def test_telegram_is_off_without_a_token_and_keeps_its_secrets_out_of_repr():
    assert TelegramConfig.from_env({}) is None
    config = TelegramConfig.from_env({"TROLY_TELEGRAM_TOKEN": "123:ABC", "TROLY_TELEGRAM_WEBHOOK_SECRET": "s_3-t"})
    assert (config.webhook_secret, config.api_base) == ("s_3-t", DEFAULT_API_BASE)
    assert "123:ABC" not in repr(config) and "s_3-t" not in repr(config)
    local = TelegramConfig.from_env({"TROLY_TELEGRAM_TOKEN": "123:ABC", "TROLY_TELEGRAM_API_BASE": "http://127.0.0.1:8081/"})
    assert local.bot().base_url == "http://127.0.0.1:8081/bot123:ABC"


@pytest.mark.parametrize("secret", ["có dấu", "a" * 257, "sec ret"])
def test_a_webhook_secret_telegram_would_refuse_is_bad_input(secret):
    with pytest.raises(BadInput, match="TROLY_TELEGRAM_WEBHOOK_SECRET"):
        TelegramConfig.from_env({"TROLY_TELEGRAM_TOKEN": "123:ABC", "TROLY_TELEGRAM_WEBHOOK_SECRET": secret})


def test_zalo_is_off_without_an_app_id_and_keeps_its_secrets_out_of_repr():
    assert ZaloConfig.from_env({"TROLY_ZALO_SECRET_KEY": "x"}) is None
    config = ZaloConfig.from_env({
        "TROLY_ZALO_APP_ID": "4305", "TROLY_ZALO_SECRET_KEY": "oa-secret", "TROLY_ZALO_APP_SECRET": "app-secret",
        "TROLY_ZALO_REFRESH_TOKEN": "refresh-1", "TROLY_ZALO_API_BASE": "http://127.0.0.1:9/", "TROLY_ZALO_MAX_AGE": "60",
    })
    assert (config.api_base, config.oauth_base, config.max_age_seconds) == (
        "http://127.0.0.1:9", "https://oauth.zaloapp.com", 60)
    assert not any(secret in repr(config) for secret in ("oa-secret", "app-secret", "refresh-1"))


@pytest.mark.parametrize(
    ("environ", "message"),
    [({"TROLY_ZALO_APP_ID": "4305"}, "TROLY_ZALO_SECRET_KEY"),
     ({"TROLY_ZALO_APP_ID": "4305", "TROLY_ZALO_SECRET_KEY": "k", "TROLY_ZALO_MAX_AGE": "năm phút"}, "TROLY_ZALO_MAX_AGE"),
     ({"TROLY_ZALO_APP_ID": "4305", "TROLY_ZALO_SECRET_KEY": "k", "TROLY_ZALO_MAX_AGE": "0"}, "TROLY_ZALO_MAX_AGE")],
)
def test_incomplete_zalo_settings_are_bad_input(environ, message):
    with pytest.raises(BadInput, match=message):
        ZaloConfig.from_env(environ)
