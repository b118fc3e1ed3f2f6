"""Officers' replies to tickets reach Telegram and Zalo conversations; the channels come from the environment."""
from __future__ import annotations

import pytest

from assistant.tickets import TicketStore
from channels.delivery import ReplyDeliveries
from channels.outbound import Outbound, telegram_replies, zalo_replies
from knowledge.settings import Settings
from tests.channels.telegram.bot_api import TOKEN, BotApi
from tests.channels.zalo.oa_api import APP_ID, APP_SECRET, OA_SECRET, OaApi


@pytest.fixture
def outbound(tmp_path):
    with BotApi() as telegram, OaApi() as zalo:
        environ = {
            "TROLY_TELEGRAM_TOKEN": TOKEN, "TROLY_TELEGRAM_API_BASE": telegram.url,
            "TROLY_ZALO_APP_ID": APP_ID, "TROLY_ZALO_SECRET_KEY": OA_SECRET, "TROLY_ZALO_APP_SECRET": APP_SECRET,
            "TROLY_ZALO_REFRESH_TOKEN": "refresh-1", "TROLY_ZALO_API_BASE": zalo.url, "TROLY_ZALO_OAUTH_BASE": zalo.url,
        }
        channels = Outbound(Settings.from_env({"TROLY_DATA_DIR": str(tmp_path / "data")}), environ)
        yield channels, telegram, zalo
        channels.close()


def test_only_configured_channels_are_offered(tmp_path):
    channels = Outbound(Settings.from_env({"TROLY_DATA_DIR": str(tmp_path)}), {"TROLY_TELEGRAM_TOKEN": TOKEN})
    assert [n.channel for n in channels.notifiers()] == ["telegram"] and [d.channel for d in channels.deliverers()] == ["telegram"]
    channels.close()
    nothing = Outbound(Settings.from_env({"TROLY_DATA_DIR": str(tmp_path)}), {})
    assert nothing.notifiers() == [] and nothing.deliverers() == []


def test_answered_tickets_go_back_to_the_conversation_they_came_from_once(outbound, tmp_path):
    channels, telegram, zalo = outbound
    assert [n.channel for n in channels.notifiers()] == ["telegram", "zalo"]
    tickets = TicketStore(tmp_path / "tickets.sqlite3")
    by_telegram = tickets.create("handover", "gặp cán bộ", "telegram", "tg:42")
    by_zalo = tickets.create("phan_anh", "đèn đường hỏng ở tổ 5", "zalo", "zalo:8001")
    by_web = tickets.create("kien_nghi", "mở thêm quầy một cửa", "web", "web-abc")
    unanswered = tickets.create("phan_anh", "rác chưa thu", "zalo", "zalo:8002")
    for ticket, reply in ((by_telegram, "Tôi là cán bộ Minh, bạn cần hỗ trợ thủ tục gì?"),
                          (by_zalo, "Phường đã cử người sửa trong hôm nay."),
                          (by_web, "Đã ghi nhận.")):
        tickets.reply(ticket.code, reply, "Nguyễn Văn Minh")
    assert ReplyDeliveries(tickets, channels.deliverers()).deliver_pending() == 2
    [sent] = [r.params for r in telegram.calls("sendMessage")]
    assert (sent["chat_id"], sent["text"]) == (
        "42", f"Cán bộ Nguyễn Văn Minh trả lời yêu cầu {by_telegram.code} của bạn:\nTôi là cán bộ Minh, bạn cần hỗ trợ thủ tục gì?")
    assert zalo.texts("8001") == [f"Cán bộ Nguyễn Văn Minh trả lời yêu cầu {by_zalo.code} của bạn:\n"
                                  "Phường đã cử người sửa trong hôm nay."]
    assert [tickets.get(t.code).delivered for t in (by_telegram, by_zalo, by_web, unanswered)] == [True, True, False, False]
    assert ReplyDeliveries(tickets, channels.deliverers()).deliver_pending() == 0
    assert len(telegram.calls("sendMessage")) == 1 and len(zalo.texts()) == 1


def test_a_channel_that_fails_keeps_its_reply_for_the_next_run_and_stops_no_other(outbound, tmp_path):
    channels, telegram, zalo = outbound
    tickets = TicketStore(tmp_path / "tickets.sqlite3")
    first = tickets.create("handover", "gặp cán bộ", "telegram", "tg:42")
    second = tickets.create("handover", "gặp cán bộ", "zalo", "zalo:8001")
    tickets.reply(first.code, "Chào bạn.", "Minh")
    tickets.reply(second.code, "Chào bạn.", "Minh")
    telegram.fail("sendMessage", 403, "Forbidden: bot was blocked by the user")
    assert ReplyDeliveries(tickets, channels.deliverers()).deliver_pending() == 1
    assert (tickets.get(first.code).delivered, tickets.get(second.code).delivered) == (False, True)
    telegram.recover("sendMessage")
    assert ReplyDeliveries(tickets, channels.deliverers()).deliver_pending() == 1 and tickets.get(first.code).delivered


def test_the_web_app_gets_each_channels_deliverer_from_the_environment(tmp_path, monkeypatch, scripted):
    assistant = scripted()
    for name in ("TROLY_TELEGRAM_TOKEN", "TROLY_ZALO_APP_ID"):
        monkeypatch.delenv(name, raising=False)
    assert telegram_replies(assistant) is None and zalo_replies(assistant) is None
    with OaApi() as zalo:
        for name, value in {"TROLY_ZALO_APP_ID": APP_ID, "TROLY_ZALO_SECRET_KEY": OA_SECRET, "TROLY_ZALO_APP_SECRET": APP_SECRET,
                            "TROLY_ZALO_REFRESH_TOKEN": "refresh-1", "TROLY_ZALO_API_BASE": zalo.url,
                            "TROLY_ZALO_OAUTH_BASE": zalo.url, "TROLY_TELEGRAM_TOKEN": TOKEN}.items():
            monkeypatch.setenv(name, value)
        tickets = TicketStore(tmp_path / "tickets.sqlite3")
        ticket = tickets.reply(tickets.create("phan_anh", "đèn đường hỏng", "zalo", "zalo:8001").code, "Đã sửa.", "Minh")
        replies, by_telegram = zalo_replies(assistant), telegram_replies(assistant)
        assert (replies.channel, by_telegram.channel) == ("zalo", "telegram")
        by_telegram.sender.close()
        assert replies.deliver(ticket) is True
        assert zalo.texts("8001") == [f"Cán bộ Minh trả lời yêu cầu {ticket.code} của bạn:\nĐã sửa."]
    assert (assistant.settings.data_dir / "zalo-tokens.sqlite3").exists()
