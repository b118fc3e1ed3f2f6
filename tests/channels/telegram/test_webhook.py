"""The webhook route under a real uvicorn, with the Bot API stand-in as Telegram: exact requests."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

import json

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from fastapi import FastAPI

from assistant.answer import Answer, Choice, Citation, Section
from assistant.tasks.dates import TZ
from channels.chat import APOLOGY, HELP, NEEDS_LINK, ChatGateway
from channels.telegram.bot import LINK_IN_PRIVATE, TEXT_ONLY
from channels.telegram.config import TelegramConfig
from channels.telegram.webhook import SECRET_HEADER, WEBHOOK_PATH, TelegramWebhook, router
from tests.channels.servers import serve
from tests.channels.telegram import updates
from tests.channels.telegram.bot_api import TOKEN, BotApi
from tests.strategies import plain_json

SECRET = "s3cret-Token_for_tests"
NO_PREVIEW = {"is_disabled": True}


@pytest.fixture
def api():
    with BotApi() as stand_in:
        yield stand_in


@pytest.fixture
def webhook(api):
    """``webhook(assistant)``: the URL of an app serving the route, with Telegram at the stand-in."""
    with_servers = []

    def start(assistant) -> str:
        app = FastAPI()
        app.include_router(router)
        config = TelegramConfig(TOKEN, webhook_secret=SECRET, api_base=api.url)
        app.state.telegram_webhook = TelegramWebhook(config, ChatGateway(assistant, "telegram"))
        server = serve(app)
        with_servers.append(server)
        return server.__enter__() + WEBHOOK_PATH

    yield start
    for server in with_servers:
        server.__exit__(None, None, None)


@pytest.fixture
def post(http: httpx.Client):
    """``post(url, update or raw body, secret=SECRET)``: what Telegram does with an update."""

    def send(url: str, update: dict | bytes, secret: str | None = SECRET) -> httpx.Response:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        if isinstance(update, bytes):
            return http.post(url, content=update, headers={**headers, "Content-Type": "application/json"})
        return http.post(url, json=update, headers=headers)

    return send


def sent(api: BotApi) -> list[dict]:
    return [r.params for r in api.calls("sendMessage")]


def test_a_citizens_question_is_answered_with_its_sources(post, api, webhook, tiny_assistant):
    url = webhook(tiny_assistant)
    response = post(url, updates.message(1, 42, "giấy phép nuôi chim bồ câu cần giấy tờ gì"))
    assert response.status_code == 200
    assert [api.method(r) for r in api.requests] == ["getMe", "sendMessage"]
    [message] = sent(api)
    assert message["chat_id"] == "42" and message["parse_mode"] == "HTML"
    assert message["link_preview_options"] == NO_PREVIEW and "reply_markup" not in message
    assert message["text"].startswith("Hồ sơ Cấp giấy phép nuôi chim bồ câu đưa thư:\n☐ Tờ khai đề nghị")
    assert message["text"].endswith(
        '<b>Nguồn:</b>\n• <a href="https://dichvucong.gov.vn/thu-tuc-hanh-chinh/00000000-0000-0000-0000-000000000001">'
        "Cấp giấy phép nuôi chim bồ câu đưa thư (9.900001)</a>"
    )
    [turn] = tiny_assistant.sessions.turns(session_id="tg:42")
    assert turn.channel == "telegram" and turn.role == "citizen"


def test_a_wrong_or_missing_secret_is_refused_and_nothing_is_sent(post, api, webhook, scripted):
    assistant = scripted()
    url = webhook(assistant)
    assert post(url, updates.message(1, 42, "xin chào"), secret="s3cret-Token_for_tests-not").status_code == 403
    assert post(url, updates.message(2, 42, "xin chào"), secret=None).status_code == 403
    assert api.requests == [] and assistant.calls == []


@pytest.mark.parametrize("body", [b'{"update_id": 1, "message": ', b"[1, 2]", b'{"message": {}}', b"\xff\xfe"])
def test_a_body_that_is_not_an_update_is_a_bad_request(post, api, webhook, scripted, body):
    assert post(webhook(scripted()), body).status_code == 400
    assert api.requests == []


def test_an_update_of_an_unknown_kind_is_logged_and_ignored(post, api, webhook, scripted, caplog):
    assistant = scripted()
    url = webhook(assistant)
    with caplog.at_level(logging.INFO, logger="channels.telegram.bot"):
        response = post(url, {"update_id": 9, "future_kind_of_update": {"id": "f1", "text": "xin chào"}})
    assert response.status_code == 200
    assert "ignored Telegram update 9 (future_kind_of_update)" in caplog.text
    assert api.calls("sendMessage") == [] and assistant.calls == []
    edited = updates.message(10, 42, "sửa lại câu hỏi")
    edited["edited_message"] = edited.pop("message")
    assert post(url, edited).status_code == 200 and api.calls("sendMessage") == [] and assistant.calls == []


def test_start_and_unknown_commands_show_help_and_a_photo_gets_a_note(post, api, webhook, scripted):
    url = webhook(scripted())
    for update in (updates.message(1, 42, "/start"), updates.message(2, 42, "/khong_co_lenh_nay"), updates.photo(3, 42)):
        assert post(url, update).status_code == 200
    assert [m["text"] for m in sent(api)] == [HELP, HELP, TEXT_ONLY]


def test_an_officer_links_the_private_chat_with_a_one_time_code(post, api, webhook, scripted):
    assistant = scripted()
    minh = assistant.users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    code = assistant.users.create_link_code(minh.id)
    url = webhook(assistant)
    post(url, updates.message(1, -100500, f"/lienket {code}"))
    post(url, updates.message(2, 42, f"/lienket {code}"))
    post(url, updates.message(3, 43, f"/lienket {code}"))
    post(url, updates.message(4, 43, "/lienket"))
    assert [m["text"] for m in sent(api)] == [
        LINK_IN_PRIVATE,
        "Đã liên kết với tài khoản Nguyễn Văn Minh. Từ nay nhắc việc sẽ được gửi tới đây; "
        "khi xong việc, bấm «Đã xong» hoặc nhắn: xong &lt;số việc&gt;.",
        "Không liên kết được: mã liên kết đã được dùng; hãy lấy mã mới.",
        "Hãy nhắn kèm mã liên kết, ví dụ: /lienket K7PQ-2XMD",
    ]
    assert assistant.users.user_at("telegram", "42") == minh and assistant.users.user_at("telegram", "-100500") is None
    assert assistant.calls == []


def test_choices_are_buttons_and_a_pressed_button_sends_the_choice(post, api, webhook, scripted):
    choices = (Choice(1, "Thủ tục đăng ký khai sinh", "1.001193"), Choice(2, "Đăng ký lại khai sinh", "1.004884"))
    offer = Answer("Bạn cần thủ tục nào?\n1. Thủ tục đăng ký khai sinh\n2. Đăng ký lại khai sinh", "procedure_guide",
                   choices=choices)
    chosen = Answer("Đăng ký lại khai sinh (mã 1.004884)", "choose_option",
                    (Citation("procedure", "1.004884", "Đăng ký lại khai sinh"),), True)
    assistant = scripted(offer, chosen)
    url = webhook(assistant)
    post(url, updates.message(1, 42, "làm lại giấy khai sinh"))
    post(url, updates.button(2, 42, "choice:2", message_id=1))
    assert [api.method(r) for r in api.requests] == [
        "getMe", "sendMessage", "answerCallbackQuery", "editMessageReplyMarkup", "sendMessage"]
    first, second = sent(api)
    assert first["reply_markup"] == {"inline_keyboard": [
        [{"text": "1. Thủ tục đăng ký khai sinh", "callback_data": "choice:1"}],
        [{"text": "2. Đăng ký lại khai sinh", "callback_data": "choice:2"}]]}
    assert api.calls("answerCallbackQuery")[0].params == {"callback_query_id": "cb2"}
    assert api.calls("editMessageReplyMarkup")[0].params == {"chat_id": "42", "message_id": "1"}
    assert second["text"] == "Đăng ký lại khai sinh (mã 1.004884)\n\n<b>Nguồn:</b>\n• Đăng ký lại khai sinh (1.004884)"
    assert [(c["message"], c["session_id"], c["channel"], c["user"]) for c in assistant.calls] == [
        ("làm lại giấy khai sinh", "tg:42", "telegram", None), ("2", "tg:42", "telegram", None)]


def test_an_answer_with_details_has_a_button_that_asks_for_them(post, api, webhook, scripted):
    guide = Answer("Thủ tục đăng ký khai sinh (mã 1.001193)\nXem chi tiết: căn cứ pháp lý — nhắn \"chi tiết\".", "choose_option",
                   (Citation("procedure", "1.001193", "Thủ tục đăng ký khai sinh"),), True,
                   details=(Section("Căn cứ pháp lý", "- Luật Hộ tịch (60/2014/QH13) — còn hiệu lực"),))
    details = Answer("Chi tiết Thủ tục đăng ký khai sinh (mã 1.001193):\n\nCăn cứ pháp lý:\n- Luật Hộ tịch", "procedure_detail")
    assistant = scripted(guide, details)
    url = webhook(assistant)
    post(url, updates.message(1, 42, "1"))
    post(url, updates.button(2, 42, "details", message_id=1))
    first, second = sent(api)
    assert first["reply_markup"] == {"inline_keyboard": [[{"text": "Xem chi tiết", "callback_data": "details"}]]}
    assert second["text"].startswith("Chi tiết Thủ tục đăng ký khai sinh") and "reply_markup" not in second
    assert [c["message"] for c in assistant.calls] == ["1", "chi tiết"]


def test_a_long_answer_arrives_in_order_in_several_messages(post, api, webhook, scripted):
    lines = [f"Bước {i}: " + "nộp hồ sơ tại bộ phận một cửa của Ủy ban nhân dân cấp xã; " * 6 for i in range(1, 41)]
    url = webhook(scripted(Answer("\n".join(lines), "procedure_guide")))
    post(url, updates.message(1, 42, "trình tự thực hiện"))
    texts = [m["text"] for m in sent(api)]
    assert len(texts) == 4 and all(len(t) <= 4096 for t in texts)
    assert "\n".join(texts).split("\n") == lines


def test_the_done_button_of_a_reminder_closes_the_task_for_the_linked_officer(post, api, webhook, scripted):
    assistant = scripted()
    minh = assistant.users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    assistant.users.redeem_link_code(assistant.users.create_link_code(minh.id), "telegram", "42")
    task = assistant.tasks.create_task("nộp báo cáo quý", minh, datetime.now(TZ) + timedelta(days=2))
    url = webhook(assistant)
    post(url, updates.button(1, 77, f"done:{task.id}"))
    post(url, updates.button(2, 42, f"done:{task.id}"))
    assert [m["text"] for m in sent(api)] == [NEEDS_LINK, f"Đã ghi nhận hoàn thành việc #{task.id}: «nộp báo cáo quý»."]
    assert assistant.tasks.get(task.id).status == "done"


def test_a_failing_assistant_gets_an_apology_and_telegram_its_200(post, api, webhook, scripted, caplog):
    url = webhook(scripted())  # no answer prepared: ask raises
    with caplog.at_level(logging.ERROR, logger="channels.telegram.bot"):
        assert post(url, updates.message(1, 42, "xin chào")).status_code == 200
    assert [m["text"] for m in sent(api)] == [APOLOGY] and "Telegram update 1 failed" in caplog.text


def test_without_configuration_the_route_is_not_there(post, api, monkeypatch):
    monkeypatch.delenv("TROLY_TELEGRAM_TOKEN", raising=False)
    app = FastAPI()
    app.include_router(router)
    with serve(app) as base:
        assert post(base + WEBHOOK_PATH, updates.message(1, 42, "xin chào")).status_code == 404


_updates = st.fixed_dictionaries(
    {"update_id": st.integers(min_value=0, max_value=2**31)},
    optional={key: plain_json for key in ("message", "callback_query", "edited_message", "my_chat_member")},
)


def test_any_body_parses_to_an_update_or_a_named_fault(scripted):
    config = TelegramConfig(TOKEN, webhook_secret=SECRET, api_base="http://127.0.0.1:9")
    hook = TelegramWebhook(config, ChatGateway(scripted(), "telegram"))

    @settings(max_examples=200, deadline=2000)
    @given(body=st.one_of(_updates.map(lambda u: json.dumps(u).encode()), st.binary(max_size=100)))
    def parses_or_names_the_fault(body):
        try:
            update = hook.parse(body)
        except ValueError as fault:
            assert str(fault)
            return
        assert update.update_id == json.loads(body)["update_id"]

    parses_or_names_the_fault()
