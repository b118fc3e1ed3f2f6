"""The chat gateway: conversations, account links and reminder replies shared by Telegram and Zalo."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest

from assistant.answer import Answer
from assistant.tasks.dates import TZ
from channels.chat import NEEDS_LINK, ChatGateway, address_of, assistant_lock, link_code, session_id


def test_a_conversation_is_named_by_its_channel_and_address():
    assert session_id("telegram", "-100123") == "tg:-100123" and session_id("zalo", "8001") == "zalo:8001"
    assert address_of("telegram", "tg:-100123") == "-100123" and address_of("zalo", "zalo:8001") == "8001"
    assert address_of("telegram", "zalo:8001") is None and address_of("zalo", "zalo:") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("/lienket K7PQ-2XMD", "k7pq-2xmd"), ("Liên kết k7pq2xmd", "k7pq2xmd"), ("  lien ket  K7PQ-2XMD ", "k7pq-2xmd"),
     ("/lienket", ""), ("liên kết", ""),
     ("liên kết tài khoản VNeID thế nào", None), ("làm giấy khai sinh", None), ("lienketK7PQ2XMD", None)],
)
def test_link_commands_are_told_from_questions_about_linking(text, code):
    assert link_code(text) == code


def test_questions_go_to_the_assistant_as_an_anonymous_citizen_until_linked(scripted):
    assistant = scripted(Answer("Xin chào!", "greeting"), Answer("Chào anh Minh!", "greeting"))
    gateway = ChatGateway(assistant, "zalo")
    assert gateway.handle("8001", "xin chào").text == "Xin chào!"
    minh = assistant.users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    linked = gateway.handle("8001", f"liên kết {assistant.users.create_link_code(minh.id)}")
    assert linked.text.startswith("Đã liên kết với tài khoản Nguyễn Văn Minh.") and gateway.user("8001") == minh
    gateway.handle("8001", "xin chào")
    assert [(c["user"], c["session_id"], c["channel"]) for c in assistant.calls] == [
        (None, "zalo:8001", "zalo"), (minh, "zalo:8001", "zalo")]


def test_a_wrong_code_is_said_plainly(scripted):
    gateway = ChatGateway(scripted(), "telegram")
    assert gateway.handle("42", "/lienket AAAA-BBBB").text == "Không liên kết được: mã liên kết không đúng."


def test_a_reply_to_a_reminder_marks_the_task_done_for_a_linked_officer_only(scripted):
    assistant = scripted()
    minh = assistant.users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    task = assistant.tasks.create_task("nộp báo cáo quý", minh, datetime.now(TZ) + timedelta(days=1))
    gateway = ChatGateway(assistant, "zalo")
    assert gateway.handle("8001", f"xong {task.id}").text == NEEDS_LINK
    assistant.users.redeem_link_code(assistant.users.create_link_code(minh.id), "zalo", "8001")
    assert gateway.handle("8001", f"Đã xong #{task.id}").text == f"Đã ghi nhận hoàn thành việc #{task.id}: «nộp báo cáo quý»."
    assert gateway.handle("8001", "xong 999").text == "Không thực hiện được: không có việc số 999."
    assert assistant.tasks.get(task.id).status == "done" and assistant.calls == []


def test_only_chat_channels_have_a_gateway(scripted):
    with pytest.raises(ValueError, match="unknown chat channel"):
        ChatGateway(scripted(), "web")


def test_a_turn_waits_while_another_channel_of_the_process_holds_the_assistant(scripted):
    assistant = scripted(Answer("Chào bạn.", "greeting"))
    gateway = ChatGateway(assistant, "zalo")
    with assistant_lock(assistant):
        turn = threading.Thread(target=gateway.handle, args=("8001", "xin chào"))
        turn.start()
        turn.join(0.3)
        assert turn.is_alive() and assistant.calls == []
    turn.join(5)
    assert [c["message"] for c in assistant.calls] == ["xin chào"]


def test_a_chat_address_sending_too_fast_is_asked_to_wait_without_reaching_the_assistant(scripted):
    assistant = scripted(*[Answer("Xin chào!", "greeting")] * 16)
    gateway = ChatGateway(assistant, "telegram")  # 30 a minute, a burst of 15
    answers = [gateway.handle("42", "xin chào") for _ in range(16)]
    assert [a.refusal_reason for a in answers].count("rate_limited") == 1 and answers[-1].refusal_reason == "rate_limited"
    assert "thử lại sau 2 giây" in answers[-1].text and len(assistant.calls) == 15
    assert gateway.handle("43", "xin chào").text == "Xin chào!"  # another chat is not slowed
