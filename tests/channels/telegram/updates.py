"""Telegram updates as the Bot API sends them, for the tests."""
from __future__ import annotations

DATE = 1764000000  # 24/11/2025


def _user(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Minh", "language_code": "vi"}


def _chat(chat_id: int) -> dict:
    return {"id": chat_id, "type": "private", "first_name": "Minh"} if chat_id > 0 else {
        "id": chat_id, "type": "group", "title": "Tổ một cửa"}


def message(update_id: int, chat_id: int, text: str, **extra) -> dict:
    """A text message; a leading /command gets its bot_command entity, as Telegram marks it."""
    body = {"message_id": update_id, "date": DATE, "chat": _chat(chat_id), "from": _user(abs(chat_id)), "text": text}
    if text.startswith("/"):
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    body.update(extra)
    return {"update_id": update_id, "message": body}


def photo(update_id: int, chat_id: int) -> dict:
    size = {"file_id": "AgACAgIAAx", "file_unique_id": "AQAD", "width": 90, "height": 90}
    return {"update_id": update_id, "message": {"message_id": update_id, "date": DATE, "chat": _chat(chat_id),
                                                "from": _user(chat_id), "photo": [size]}}


def button(update_id: int, chat_id: int, data: str, message_id: int = 7) -> dict:
    pressed_on = {"message_id": message_id, "date": DATE, "chat": _chat(chat_id), "text": "…"}
    return {"update_id": update_id, "callback_query": {"id": f"cb{update_id}", "from": _user(abs(chat_id)),
                                                       "chat_instance": "ci", "data": data, "message": pressed_on}}
