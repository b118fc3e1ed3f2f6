"""Phản ánh, kiến nghị and "gặp cán bộ": a ticket with a code, and a human in the loop."""
from __future__ import annotations

import re

from assistant.answer import Answer
from assistant.pipeline.turn import Turn
from assistant.tickets import TicketStore
from knowledge.text import fold

_PROPOSAL = re.compile(r"\b(?:kien nghi|de nghi|de xuat|gop y)\b")


class Feedback:
    intents = frozenset({"feedback", "handover"})

    def __init__(self, tickets: TicketStore):
        self.tickets = tickets

    def retrieve(self, turn: Turn) -> None:
        """Feedback needs no evidence."""

    def compose(self, turn: Turn) -> Answer:
        topic = turn.session.state.procedure
        if turn.intent == "handover":
            ticket = self.tickets.create("handover", turn.text, turn.channel, turn.session.id, topic)
            turn.session.handed_over = True
            text = (
                f"Tôi đã chuyển cuộc trò chuyện cho cán bộ (mã yêu cầu {ticket.code}). Cán bộ sẽ trả lời bạn "
                "ngay tại đây trong giờ hành chính. Bạn có thể nhắn thêm nội dung cần hỗ trợ."
            )
        else:
            kind = "kien_nghi" if _PROPOSAL.search(fold(turn.text)) else "phan_anh"
            ticket = self.tickets.create(kind, turn.text, turn.channel, turn.session.id, topic)
            name = "kiến nghị" if kind == "kien_nghi" else "phản ánh"
            text = (
                f"Đã ghi nhận {name} của bạn, mã số {ticket.code}. Cơ quan có thẩm quyền sẽ xem xét và trả lời "
                "qua kênh này; hãy giữ mã số để tra cứu."
            )
            if turn.personal_data:
                text += " Thông tin cá nhân trong tin nhắn đã được ẩn trước khi lưu."
        return Answer(text=text, intent=turn.intent, grounded=True, extras={"ticket": ticket.code})
