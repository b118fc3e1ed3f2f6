"""``troly telegram``: webhook registration against the Bot API stand-in, and the bot by polling end to end."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from channels.cli import main
from tests.channels.telegram import updates
from tests.channels.telegram.bot_api import TOKEN, BotApi

REPO = Path(__file__).resolve().parents[3]
URL = "https://troly.example.gov.vn/telegram/webhook"


@pytest.fixture
def api(monkeypatch):
    with BotApi() as stand_in:
        monkeypatch.setenv("TROLY_TELEGRAM_TOKEN", TOKEN)
        monkeypatch.setenv("TROLY_TELEGRAM_API_BASE", stand_in.url)
        monkeypatch.setenv("TROLY_TELEGRAM_WEBHOOK_SECRET", "s3cret")
        yield stand_in


def test_set_and_delete_the_webhook(api, capsys):
    assert main(["telegram", "--set-webhook", URL]) == 0
    [call] = api.calls("setWebhook")
    assert call.params == {"url": URL, "secret_token": "s3cret", "allowed_updates": ["message", "callback_query"]}
    assert main(["telegram", "--delete-webhook"]) == 0
    assert len(api.calls("deleteWebhook")) == 1
    assert "Đã đăng ký webhook Telegram" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "unset", "message"),
    [
        (["telegram"], "TROLY_TELEGRAM_TOKEN", "TROLY_TELEGRAM_TOKEN"),
        (["telegram", "--set-webhook", URL], "TROLY_TELEGRAM_WEBHOOK_SECRET", "TROLY_TELEGRAM_WEBHOOK_SECRET"),
        (["telegram", "--set-webhook", "http://troly.example.gov.vn/telegram/webhook"], None, "https://"),
    ],
)
def test_bad_setup_exits_2_with_a_message(api, monkeypatch, capsys, argv, unset, message):
    if unset:
        monkeypatch.delenv(unset)
    assert main(argv) == 2
    assert message in capsys.readouterr().err and api.requests == []


def test_a_bad_webhook_secret_is_bad_input(api, monkeypatch, capsys):
    monkeypatch.setenv("TROLY_TELEGRAM_WEBHOOK_SECRET", "có dấu và khoảng trắng")
    assert main(["telegram", "--set-webhook", URL]) == 2
    assert "TROLY_TELEGRAM_WEBHOOK_SECRET" in capsys.readouterr().err


@pytest.mark.slow
def test_the_bot_answers_by_polling_until_stopped(tiny_index, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(tiny_index / "data", data, symlinks=True)
    with BotApi() as api:
        env = {**os.environ, "TROLY_DATA_DIR": str(data), "TROLY_KNOWLEDGE": str(tiny_index / "knowledge"),
               "TROLY_EMBEDDER": "hash", "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_TELEGRAM_API_BASE": api.url,
               "PYTHONPATH": str(REPO)}
        bot = subprocess.Popen([sys.executable, "-m", "channels.cli", "telegram"], cwd=REPO, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            api.queue_update(updates.message(1, 42, "giấy phép nuôi chim bồ câu cần giấy tờ gì"))
            [reply] = api.wait_for(lambda r: api.method(r) == "sendMessage", timeout=120)
        finally:
            bot.send_signal(signal.SIGINT)
            out, err = bot.communicate(timeout=60)
    assert bot.returncode == 0, err
    assert reply.params["chat_id"] == "42" and "Cấp giấy phép nuôi chim bồ câu đưa thư" in reply.params["text"]
    polls = api.calls("getUpdates")
    assert polls[0].params["allowed_updates"] == ["message", "callback_query"]
