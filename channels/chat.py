"""What the chat channels (Telegram, Zalo) share: who is writing, in which conversation, and what answers.

A chat channel knows a person only by the *address* it gives them: a Telegram chat
id, a Zalo user id. ``ChatGateway.handle`` turns a message from an address into an
``Answer``:

- "/lienket CODE" (also "lienket CODE", "liên kết CODE") links the address to the
  officer who asked for the code (``UserDirectory.redeem_link_code``);
- a reminder action ("xong 12", a button's "done:12") from a linked officer marks
  the task done (``assistant.tasks.handle_reminder_action``);
- anything else goes to ``Assistant.ask`` with ``channel`` set and the
  conversation's session id (``session_id``): the linked user when there is one,
  an anonymous citizen otherwise.

The assistant's stores are SQLite connections shared by the threads that call
them, so the gateway lets one call in at a time per assistant.
"""
from __future__ import annotations

import re
import threading
from datetime import datetime
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from assistant.answer import Answer, refusal
from assistant.security.rate_limit import RateLimiter, too_many_message
from assistant.security.users import User
from assistant.tasks import handle_reminder_action, is_reminder_action
from knowledge.errors import BadInput
from knowledge.text import fold

if TYPE_CHECKING:
    from assistant.core import Assistant

SESSION_PREFIXES = {"telegram": "tg", "zalo": "zalo"}
LINK_COMMAND = "lienket"
HELP = (
    "Tôi là trợ lý ảo hỗ trợ thủ tục hành chính và văn bản pháp luật.\n"
    "• Hỏi bằng tiếng Việt, có dấu hoặc không dấu, ví dụ: “làm giấy khai sinh cho con cần gì”.\n"
    "• Khi tôi đưa ra các lựa chọn, bấm nút hoặc trả lời bằng số.\n"
    "• Gửi phản ánh, kiến nghị, hoặc nhắn “gặp cán bộ” để được cán bộ trả lời.\n"
    f"• Cán bộ: lấy mã liên kết trên hệ thống rồi nhắn /{LINK_COMMAND} MÃ để nhận nhắc việc tại đây."
)
APOLOGY = "Xin lỗi, hệ thống đang gặp sự cố nên chưa trả lời được. Bạn vui lòng thử lại sau ít phút."
NEEDS_LINK = f"Chức năng nhắc việc dành cho cán bộ đã liên kết tài khoản: nhắn /{LINK_COMMAND} MÃ (mã lấy trên hệ thống)."

_LINK = re.compile(r"^\s*/?(?:lienket|lien\s*ket)(?:\s+(?P<code>[a-z0-9]{4}-?[a-z0-9]{4}))?\s*$")
_LOCKS: WeakKeyDictionary[Assistant, threading.RLock] = WeakKeyDictionary()
_LOCKS_GUARD = threading.Lock()


def session_id(channel: str, address: str) -> str:
    """The conversation of an address: "tg:<chat id>", "zalo:<user id>"."""
    return f"{SESSION_PREFIXES[channel]}:{address}"


def address_of(channel: str, session: str) -> str | None:
    """The address a session id of ``channel`` was made from; None when it is another channel's."""
    prefix = SESSION_PREFIXES[channel] + ":"
    if not session.startswith(prefix):
        return None
    return session[len(prefix):] or None


def link_code(text: str) -> str | None:
    """The code of a link command ("/lienket K7PQ-2XMD", "liên kết K7PQ2XMD"); "" when the code is missing."""
    match = _LINK.match(fold(text).lower())
    return (match.group("code") or "") if match else None


def assistant_lock(assistant: Assistant) -> threading.RLock:
    """The one lock of ``assistant`` in this process: its SQLite stores take one caller at a time.
    Every channel of a process that shares an assistant (chat webhooks, the web app) holds it around a turn."""
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(assistant, threading.RLock())


class ChatGateway:
    """One chat channel's way into the assistant."""

    def __init__(self, assistant: Assistant, channel: str) -> None:
        if channel not in SESSION_PREFIXES:
            raise ValueError(f"unknown chat channel: {channel}")
        self.assistant = assistant
        self.channel = channel
        self._lock = assistant_lock(assistant)
        self.limiter = RateLimiter(assistant.settings.rate_per_minute)

    def user(self, address: str) -> User | None:
        with self._lock:
            return self.assistant.users.user_at(self.channel, address)

    def handle(self, address: str, text: str, now: datetime | None = None) -> Answer:
        """The answer to a message from ``address`` (a polite refusal when it sends too fast)."""
        wait = self.limiter.retry_after(f"{self.channel}:{address}")
        if wait:
            return refusal("rate_limited", "rate_limited", too_many_message(wait))
        code = link_code(text)
        if code is not None:
            return self.link(address, code)
        if is_reminder_action(text):
            return self.reminder_action(address, text)
        with self._lock:
            user = self.assistant.users.user_at(self.channel, address)
            return self.assistant.ask(
                text, session_id=session_id(self.channel, address), user=user, channel=self.channel, now=now
            )

    def link(self, address: str, code: str) -> Answer:
        """Link the address to the officer whose one-time code this is."""
        if not code:
            return Answer(f"Hãy nhắn kèm mã liên kết, ví dụ: /{LINK_COMMAND} K7PQ-2XMD", "link_account")
        try:
            with self._lock:
                user = self.assistant.users.redeem_link_code(code, self.channel, address)
        except BadInput as exc:
            return Answer(f"Không liên kết được: {exc}.", "link_account")
        return Answer(
            f"Đã liên kết với tài khoản {user.name}. Từ nay nhắc việc sẽ được gửi tới đây; "
            "khi xong việc, bấm «Đã xong» hoặc nhắn: xong <số việc>.",
            "link_account",
        )

    def reminder_action(self, address: str, data: str) -> Answer:
        """A reminder's button ("done:12") or reply ("xong 12") from a linked officer."""
        with self._lock:
            user = self.assistant.users.user_at(self.channel, address)
            if user is None:
                return Answer(NEEDS_LINK, "reminder")
            try:
                text = handle_reminder_action(data, user, self.assistant.tasks)
            except BadInput as exc:
                text = f"Không thực hiện được: {exc}."
        return Answer(text, "reminder")
