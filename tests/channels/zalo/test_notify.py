"""Reminders and officers' replies over Zalo: the scheduler's notifier against the OA API stand-in."""
from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.security.users import UserDirectory
from assistant.tasks import DuePoint, ReminderConfig, Scheduler, TaskStore
from assistant.tickets import TicketStore
from channels.zalo.api import ZaloClient, ZaloError
from channels.zalo.config import ZaloConfig
from channels.zalo.notify import ZaloNotifier, ZaloReplies
from knowledge.settings import Settings
from tests.assistant.conftest import START, FakeClock
from tests.channels.zalo.oa_api import APP_ID, APP_SECRET, OA_SECRET, OaApi


@pytest.fixture
def oa():
    with OaApi() as stand_in:
        yield stand_in


@pytest.fixture
def client(oa, tmp_path, http):
    config = ZaloConfig(APP_ID, OA_SECRET, APP_SECRET, refresh_token="refresh-1", api_base=oa.url, oauth_base=oa.url)
    return ZaloClient.open(config, Settings(knowledge_dir=tmp_path, data_dir=tmp_path, embedder="hash"), http)


def test_a_reminder_reaches_the_linked_zalo_account_and_says_how_to_answer(oa, client, tmp_path):
    clock = FakeClock()
    users = UserDirectory(tmp_path / "users.sqlite3", clock)
    store = TaskStore(tmp_path / "tasks.sqlite3", users, clock, durable=False)
    minh = users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    users.redeem_link_code(users.create_link_code(minh.id), "zalo", "8001")
    store.create_task("nộp báo cáo quý", minh, START + timedelta(minutes=30))
    scheduler = Scheduler(store, [ZaloNotifier(client)], ReminderConfig(before=(), digest_at=None), clock)
    clock.current += timedelta(minutes=31)
    assert scheduler.tick() == (1, 1)
    assert oa.texts("8001") == [
        "Đến hạn — việc #1: «nộp báo cáo quý»\nHạn: 10:45 thứ Ba, ngày 24/11/2026\n"
        "Khi xong, bấm «Đã xong» hoặc trả lời: xong 1"
    ]


def test_a_possible_repeat_is_marked(oa, client):
    point = DuePoint("task:1:due:1", "due", 1, START, False, "zalo", "8001", "Đến hạn — việc #1", resend=True)
    ZaloNotifier(client).send(point)
    assert oa.texts("8001") == ["(nhắc lại) Đến hạn — việc #1"]


def test_an_officers_reply_goes_to_the_zalo_user_of_the_conversation(oa, client, tmp_path):
    tickets = TicketStore(tmp_path / "tickets.sqlite3")
    request = tickets.create("kien_nghi", "mở thêm quầy một cửa", "zalo", "zalo:246845883529197922")
    answered = tickets.reply(request.code, "Đã chuyển phòng Tư pháp.", "Lê Văn Hùng")
    replies = ZaloReplies(client)
    assert replies.deliver(answered) is True
    assert oa.texts("246845883529197922") == [
        f"Cán bộ Lê Văn Hùng trả lời yêu cầu {request.code} của bạn:\nĐã chuyển phòng Tư pháp."]
    elsewhere = tickets.reply(tickets.create("handover", "gặp cán bộ", "telegram", "tg:42").code, "Chào bạn.", "Hùng")
    with pytest.raises(ValueError, match="not a Zalo conversation"):
        replies.deliver(elsewhere)


def test_a_refused_reminder_raises_so_the_scheduler_tries_again(oa, client):
    oa.refresh_token = "no-longer-ours"
    with pytest.raises(ZaloError, match="Refresh token is invalid"):
        ZaloNotifier(client).send(DuePoint("k", "due", 1, START, False, "zalo", "8001", "Đến hạn"))
    assert oa.accepted == []
