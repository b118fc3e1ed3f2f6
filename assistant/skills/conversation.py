"""Greetings, thanks, and what the assistant does not do."""
from __future__ import annotations

from assistant.answer import Answer, refusal
from assistant.pipeline.turn import Turn

GREETING = {
    "citizen": (
        "Xin chào! Tôi là trợ lý ảo hỗ trợ thủ tục hành chính. Bạn có thể hỏi: cần giấy tờ gì, lệ phí, "
        "thời gian giải quyết, nộp ở đâu hay nộp trực tuyến thế nào — ví dụ \"làm giấy khai sinh cho con cần gì\". "
        "Bạn cũng có thể gửi phản ánh, kiến nghị hoặc nhắn \"gặp cán bộ\"."
    ),
    "officer": (
        "Xin chào! Tôi có thể tra cứu quy định (kèm trích dẫn Điều, khoản và hiệu lực), soạn văn bản theo "
        "Nghị định 30/2020/NĐ-CP, rà soát dự thảo và nhắc việc."
    ),
    "delegate": (
        "Xin chào đại biểu! Tôi có thể tra cứu quy định, thẩm tra tờ trình trước kỳ họp và nhắc lịch họp, thời hạn."
    ),
}
THANKS = "Rất vui được hỗ trợ bạn. Nếu cần thêm thông tin, bạn cứ nhắn nhé."
OUT_OF_SCOPE = (
    "Xin lỗi, tôi chỉ hỗ trợ các câu hỏi về thủ tục hành chính, dịch vụ công và quy định pháp luật. "
    "Bạn cần làm thủ tục gì?"
)
NO_OPTIONS = "Hiện chưa có danh sách lựa chọn nào. Bạn cần hỏi về thủ tục nào?"


class Conversation:
    intents = frozenset({"greeting", "thanks", "out_of_scope"})

    def retrieve(self, turn: Turn) -> None:
        """Small talk needs no evidence."""

    def compose(self, turn: Turn) -> Answer:
        if turn.intent == "greeting":
            return Answer(text=GREETING.get(turn.role, GREETING["officer"]), intent="greeting", grounded=True)
        if turn.intent == "thanks":
            return Answer(text=THANKS, intent="thanks", grounded=True)
        return refusal("out_of_scope", "out_of_scope", OUT_OF_SCOPE)
