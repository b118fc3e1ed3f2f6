"""Reminders and officers' replies over Telegram: the scheduler's notifier against the Bot API stand-in."""
from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.security.users import UserDirectory
from assistant.tasks import ReminderConfig, Scheduler, TaskStore, WebInbox
from assistant.tickets import TicketStore
from channels.telegram.config import TelegramConfig
from channels.telegram.notify import TelegramNotifier, TelegramReplies, TelegramSender
from tests.assistant.conftest import START, FakeClock
from tests.channels.telegram.bot_api import TOKEN, BotApi

DONE_BUTTON = {"inline_keyboard": [[{"text": "Đã xong", "callback_data": "done:1"}]]}


@pytest.fixture
def api():
    with BotApi() as stand_in:
        yield stand_in


@pytest.fixture
def sender(api):
    opened = TelegramSender(TelegramConfig(TOKEN, api_base=api.url))
    yield opened
    opened.close()


@pytest.fixture
def office(tmp_path):
    clock = FakeClock()
    users = UserDirectory(tmp_path / "users.sqlite3", clock)
    store = TaskStore(tmp_path / "tasks.sqlite3", users, clock, durable=False)
    minh = users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    users.redeem_link_code(users.create_link_code(minh.id), "telegram", "42")
    return clock, users, store, minh


def test_a_reminder_reaches_the_linked_chat_with_its_done_button(api, sender, office, tmp_path):
    clock, users, store, minh = office
    store.create_task("nộp báo cáo <quý IV> & kế hoạch", minh, START + timedelta(minutes=30), source_doc="123/UBND-VP")
    inbox = WebInbox(tmp_path / "inbox.sqlite3")
    scheduler = Scheduler(store, [inbox, TelegramNotifier(sender)], ReminderConfig(before=(), digest_at=None), clock)
    clock.current += timedelta(minutes=31)
    assert scheduler.tick() == (1, 1)
    [message] = [r.params for r in api.calls("sendMessage")]
    assert message == {
        "chat_id": "42", "parse_mode": "HTML", "reply_markup": DONE_BUTTON, "link_preview_options": {"is_disabled": True},
        "text": "Đến hạn — việc #1: «nộp báo cáo &lt;quý IV&gt; &amp; kế hoạch»\nHạn: 10:45 thứ Ba, ngày 24/11/2026\n"
                "Theo văn bản số 123/UBND-VP\nKhi xong, bấm «Đã xong» hoặc trả lời: xong 1",
    }
    assert inbox.messages(minh.id) == []


def test_a_reminder_telegram_refused_is_retried_and_marked_as_a_possible_repeat(api, sender, office):
    clock, users, store, minh = office
    store.create_task("nộp báo cáo quý", minh, START + timedelta(minutes=30))
    scheduler = Scheduler(store, [TelegramNotifier(sender)], ReminderConfig(before=(), digest_at=None), clock)
    clock.current += timedelta(minutes=31)
    api.fail("sendMessage", 502, "Bad Gateway")
    assert scheduler.tick() == (1, 0)
    [failed] = store.deliveries()
    assert (failed.status, failed.attempts) == ("pending", 1)
    api.recover("sendMessage")
    clock.current += timedelta(minutes=2)
    assert scheduler.tick() == (0, 1)
    texts = [r.params["text"] for r in api.calls("sendMessage")]
    assert texts[-1].startswith("(nhắc lại) Đến hạn — việc #1: «nộp báo cáo quý»")
    assert [d.status for d in store.deliveries()] == ["delivered"]


def test_an_officers_reply_goes_to_the_chat_of_the_conversation(api, sender, tmp_path):
    tickets = TicketStore(tmp_path / "tickets.sqlite3")
    group = tickets.create("handover", "gặp cán bộ", "telegram", "tg:-100200300")
    answered = tickets.reply(group.code, "Hồ sơ <đã nhận>.", "Nguyễn Văn Minh")
    replies = TelegramReplies(sender)
    assert replies.deliver(answered) is True
    [message] = [r.params for r in api.calls("sendMessage")]
    assert (message["chat_id"], message["text"]) == (
        "-100200300", f"Cán bộ Nguyễn Văn Minh trả lời yêu cầu {group.code} của bạn:\nHồ sơ &lt;đã nhận&gt;.")
    elsewhere = tickets.reply(tickets.create("handover", "gặp cán bộ", "zalo", "zalo:99").code, "Chào bạn.", "Minh")
    with pytest.raises(ValueError, match="not a Telegram conversation"):
        replies.deliver(elsewhere)
