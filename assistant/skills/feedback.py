"""Phản ánh, kiến nghị and "gặp cán bộ": a ticket with a code, and a human in the loop.

A phản ánh or kiến nghị is filed only after the user confirms what will be filed: "Bạn muốn gửi
phản ánh: «…»? 1. Gửi 2. Không" (numbered choices, so the web page, Telegram and Zalo show them
as buttons). "1", "gửi", "ok", "đồng ý" file it; "2", "không", "thôi" drop it; anything else drops
the pending confirmation and is answered normally (the decide step). A request that says nothing
yet ("tôi muốn gửi phản ánh") is asked what to file. The same phản ánh sent again in the same
conversation is recognised as filed, with its code, and not filed twice; so is a second request
for an officer while the first is open. "gặp cán bộ" hands the conversation over at once: asking
for a person is the request. A "khiếu nại" filed here is told it does not replace the đơn khiếu nại the
law asks for.
"""
from __future__ import annotations

import re
from datetime import datetime

from assistant.answer import Answer, Choice, refusal
from assistant.nlu.cues import feedback_body, reply_to_yes_no
from assistant.pipeline.turn import Turn
from assistant.tickets import Ticket, TicketStore
from knowledge.text import fold, folded_syllables, shorten

_PROPOSAL = re.compile(r"\b(?:kien nghi|de nghi|de xuat|gop y)\b")
NAMES = {"phan_anh": "phản ánh", "kien_nghi": "kiến nghị"}
# A khiếu nại against a decision is a procedure of its own (Luật Khiếu nại): a ticket here is no substitute.
_COMPLAINT = re.compile(r"\bkhieu nai\b")
NOT_A_COMPLAINT = (
    "Lưu ý: phản ánh gửi qua trợ lý không thay thế đơn khiếu nại theo Luật Khiếu nại, gửi đến người đã ra quyết "
    "định và trong thời hiệu; nhắn \"gặp cán bộ\" nếu cần được hướng dẫn làm đơn."
)
CHOICES = (Choice(1, "Gửi", "gửi"), Choice(2, "Không", "không"))
# Two texts sharing this share of their words are the same phản ánh sent again.
SAME_TEXT = 0.85
MAX_SHOWN_CHARS = 300


class Feedback:
    intents = frozenset({"feedback", "handover"})

    def __init__(self, tickets: TicketStore):
        self.tickets = tickets

    def compose(self, turn: Turn) -> Answer:
        if turn.intent == "handover":
            return self._hand_over(turn)
        pending = turn.session.state.pending_ticket
        if pending is not None:
            return self._reply(turn, pending)
        text = feedback_body(turn.text) if turn.route is None or turn.route.reason == "explicit_request" else turn.text
        kind = "kien_nghi" if _PROPOSAL.search(fold(turn.text)) else "phan_anh"
        return self._confirm(turn, kind, text)

    def _confirm(self, turn: Turn, kind: str, text: str) -> Answer:
        """Ask before filing: what will be filed, and the two choices."""
        state = turn.session.state
        name = NAMES[kind]
        if not text:
            state.pending_ticket = {"kind": kind, "text": "", "at": turn.now.timestamp()}
            return refusal("feedback", "needs_clarification", f"Bạn muốn {name} việc gì? Hãy nhắn nội dung cần {name}.")
        filed = self._filed(turn.session.id, text)
        if filed is not None:
            return _already(filed, turn.now)
        state.pending_ticket = {"kind": kind, "text": text, "at": turn.now.timestamp()}
        shown = shorten(text, MAX_SHOWN_CHARS, " …")
        lines = [f"Bạn muốn gửi {name}: «{shown}»?", *(f"{c.number}. {c.label}" for c in CHOICES)]
        if _COMPLAINT.search(fold(turn.text)):
            lines.append(NOT_A_COMPLAINT)
        return Answer(text="\n".join(lines), intent="feedback", grounded=True, choices=CHOICES)

    def _reply(self, turn: Turn, pending: dict) -> Answer:
        state = turn.session.state
        yes = reply_to_yes_no(turn.text)
        if not pending["text"] and yes is None:  # the phản ánh that was asked for
            state.pending_ticket = None
            return self._confirm(turn, pending["kind"], turn.text)
        state.pending_ticket = None
        name = NAMES[pending["kind"]]
        if not yes or not pending["text"]:
            return Answer(text=f"Đã hủy, tôi không gửi {name} này.", intent="feedback", grounded=True)
        filed = self._filed(turn.session.id, pending["text"])
        if filed is not None:
            return _already(filed, turn.now)
        ticket = self.tickets.create(pending["kind"], pending["text"], turn.channel, turn.session.id, state.procedure)
        text = (
            f"Đã ghi nhận {name} của bạn, mã số {ticket.code}. Cơ quan có thẩm quyền sẽ xem xét và trả lời "
            "qua kênh này; hãy giữ mã số để tra cứu."
        )
        if turn.personal_data:
            text += " Thông tin cá nhân trong tin nhắn đã được ẩn trước khi lưu."
        return Answer(text=text, intent="feedback", grounded=True, extras={"ticket": ticket.code})

    def _hand_over(self, turn: Turn) -> Answer:
        waiting = next((t for t in self.tickets.for_session(turn.session.id) if t.kind == "handover" and t.status == "open"), None)
        if turn.session.handed_over and waiting is not None:
            text = (f"Bạn đã được chuyển cho cán bộ (mã yêu cầu {waiting.code}). Cán bộ sẽ trả lời bạn ngay tại đây "
                    "trong giờ hành chính.")
            return Answer(text=text, intent="handover", grounded=True, extras={"ticket": waiting.code})
        ticket = self.tickets.create("handover", turn.text, turn.channel, turn.session.id, turn.session.state.procedure)
        turn.session.handed_over = True
        text = (
            f"Tôi đã chuyển cuộc trò chuyện cho cán bộ (mã yêu cầu {ticket.code}). Cán bộ sẽ trả lời bạn "
            "ngay tại đây trong giờ hành chính. Bạn có thể nhắn thêm nội dung cần hỗ trợ."
        )
        return Answer(text=text, intent="handover", grounded=True, extras={"ticket": ticket.code})

    def _filed(self, session_id: str, text: str) -> Ticket | None:
        """A phản ánh or kiến nghị of this conversation saying the same as ``text``."""
        words = set(folded_syllables(text))
        for ticket in self.tickets.for_session(session_id):
            if ticket.kind in NAMES and _overlap(words, set(folded_syllables(ticket.text))) >= SAME_TEXT:
                return ticket
        return None


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def _already(ticket: Ticket, now: datetime) -> Answer:
    day = datetime.fromtimestamp(ticket.created, now.tzinfo).strftime("%d/%m/%Y")
    text = (
        f"{NAMES[ticket.kind].capitalize()} này đã được ghi nhận ngày {day}, mã số {ticket.code}; "
        "cơ quan có thẩm quyền đang xem xét và sẽ trả lời qua kênh này. Tôi không gửi lại lần nữa."
    )
    return Answer(text=text, intent="feedback", grounded=True, extras={"ticket": ticket.code})
