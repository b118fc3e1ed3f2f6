"""Greetings and thanks, and the answers that are not from the knowledge base: a side effect
the user refused, office work asked for without the words that start it, and what the
assistant cannot answer.

A question the knowledge base holds nothing for is refused as ``no_grounding`` with next steps
rather than a quote from an unrelated document: the closest procedure and the agency that
handles it (when the decide step found one close), the national portal's search, and a human
officer. A message about something else entirely is ``out_of_scope``.
"""
from __future__ import annotations

from assistant.answer import Answer, refusal
from assistant.pipeline.turn import Turn
from assistant.skills.validity import known_beyond_the_corpus
from knowledge.base import KnowledgeBase

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
NO_GROUNDING = (
    "Tôi chưa tìm thấy quy định hay thủ tục nào trong cơ sở dữ liệu trả lời đúng câu hỏi này, nên không muốn đoán. "
    "Bạn có thể:"
)
PORTAL = "https://dichvucong.gov.vn"
NEXT_STEPS = (
    f"- tra cứu thủ tục trên Cổng Dịch vụ công quốc gia: {PORTAL}",
    "- hỏi lại cụ thể hơn (tên thủ tục, tên văn bản, lĩnh vực);",
    "- nhắn \"gặp cán bộ\" để được cán bộ hỗ trợ trực tiếp.",
)
# Why nothing answers, when the decide step knows (``Route.detail``).
WHY_NOT = {
    "other_country": "Tôi chỉ có văn bản pháp luật và thủ tục hành chính của Việt Nam, không có quy định của nước khác.",
    "opinion": "Tôi không đưa ra ý kiến hay đánh giá riêng; tôi chỉ trích dẫn quy định pháp luật và thủ tục hành chính.",
    "live_fact": (
        "Tôi không có thông tin thay đổi hằng ngày (giá cả, tỷ giá, lịch làm việc, người đang giữ chức vụ, "
        "tiến độ hồ sơ, số điện thoại…)."
    ),
    "local_fact": (
        "Tôi không có thông tin riêng của từng địa phương (lịch, địa chỉ, chỉ tiêu, các đợt hỗ trợ…): "
        "bạn hãy hỏi Ủy ban nhân dân cấp xã nơi bạn ở hoặc cơ quan tổ chức."
    ),
    "figure_not_stated": (
        "Các quy định tôi tìm được không nêu số tiền hay mức bạn hỏi: mức cụ thể thường do văn bản ban hành hằng năm "
        "hoặc của địa phương quy định, mà cơ sở dữ liệu của tôi chưa có."
    ),
}
LAW_NOT_HELD = "Cơ sở dữ liệu của tôi chưa có {law}, nên tôi không trả lời theo văn bản này."
FILE_A_COMPLAINT = "Nếu bạn muốn phản ánh việc này tới cơ quan có thẩm quyền, hãy nhắn: \"phản ánh: <nội dung>\"."
DECLINED = {
    "feedback": "Vâng, tôi không gửi phản ánh nào.",
    "handover": "Vâng, tôi không chuyển cuộc trò chuyện cho cán bộ.",
    "draft_document": "Vâng, tôi không soạn văn bản nào.",
    "reminder": "Vâng, tôi không đặt nhắc việc nào.",
}
ANYTHING_ELSE = "Bạn cần hỏi gì thêm?"
NOTHING_TO_PICK = "Hiện không có danh sách nào để chọn. Bạn cần hỏi gì? Ví dụ: \"làm giấy khai sinh cho con\"."
HOW_TO_ASK = {
    "draft_document": (
        "Để soạn văn bản, hãy nhắn loại văn bản và nội dung, ví dụ: \"soạn giấy mời họp giao ban 9h thứ Hai tại "
        "phòng họp số 2\" (quyết định, công văn, tờ trình, báo cáo, kế hoạch, thông báo, giấy mời, biên bản)."
    ),
    "reminder": (
        "Để đặt nhắc việc, hãy nhắn việc và thời hạn, ví dụ: \"nhắc tôi nộp báo cáo quý lúc 9h sáng thứ Hai tuần sau\" "
        "hoặc \"giao anh Minh hoàn thành báo cáo trước 15/3\"."
    ),
}


class Conversation:
    intents = frozenset({"greeting", "thanks", "out_of_scope"})

    def __init__(self, kb: KnowledgeBase | None = None):
        self.kb = kb  # names the closest procedure's agency in a refusal

    def compose(self, turn: Turn) -> Answer:
        reason = turn.route.reason if turn.route else None
        if reason == "declined":
            return Answer(text=f"{DECLINED[turn.intent]} {ANYTHING_ELSE}", intent=turn.intent, grounded=True)
        if reason == "office_work":
            return refusal(turn.intent, "needs_clarification", HOW_TO_ASK[turn.intent])
        if reason == "nothing_to_pick":
            return refusal(turn.intent, "needs_clarification", NOTHING_TO_PICK)
        if reason == "no_grounding":
            return refusal(turn.intent, "no_grounding", self._next_steps(turn))
        if turn.intent == "greeting":
            return Answer(text=GREETING.get(turn.role, GREETING["officer"]), intent="greeting", grounded=True)
        if turn.intent == "thanks":
            return Answer(text=THANKS, intent="thanks", grounded=True)
        return refusal("out_of_scope", "out_of_scope", OUT_OF_SCOPE)

    def _next_steps(self, turn: Turn) -> str:
        detail = turn.route.detail if turn.route else ""
        lines = [WHY_NOT.get(detail) or LAW_NOT_HELD.format(law=detail)] if detail else []
        law_not_held = detail and detail not in WHY_NOT
        if law_not_held and self.kb is not None and (known := known_beyond_the_corpus(self.kb.registry, detail)):
            lines.append(known)  # what the validity data says of it: in force since when, or replaced
        lines.append(NO_GROUNDING)
        procedure = self.kb.procedure(turn.evidence[0].passage.doc_id) if self.kb is not None and turn.evidence else None
        if procedure is not None:
            where = f", do {procedure.agency} giải quyết" if procedure.agency else ""
            level = f" ({procedure.level})" if procedure.level else ""
            lines.append(f"- xem thủ tục gần nhất tôi tìm được: {procedure.title}{level}{where};")
        lines += NEXT_STEPS
        if turn.nlu is not None and turn.nlu.intent == "feedback":
            lines.append(FILE_A_COMPLAINT)
        return "\n".join(lines)
