"""Step 3: what the message asks — intent, entities, and the dialogue state around it.

The classifier gives the intent; the dialogue state corrects it where context
decides: a bare "2" or an option's name after a numbered question is a choice; a
follow-up ("lệ phí bao nhiêu?") with no procedure under discussion is a request to
find one. Officers and delegates ask about the law behind procedures ("thời hạn đăng
ký khai sinh là bao lâu?" wants the khoản, not the portal's page), so for them a
procedure question is a legal question unless it asks for the procedure itself
(thủ tục, hồ sơ, giấy tờ, nộp hồ sơ, lệ phí, trực tuyến). A file a delegate sends is a tờ trình to review
(``hdnd_review``), and while one is under review, a delegate's question naming what a tờ trình holds (kinh phí,
căn cứ, đối tượng, mục tiêu, ...) is about it. Staff skills are refused to citizens here, before any work is done.
"""
from __future__ import annotations

import re

from assistant.answer import refusal
from assistant.nlu import NLU, find_choice
from assistant.pipeline.turn import Skill, Turn
from assistant.security.roles import may_use
from assistant.skills.citizen_guide import asks_for_details
from knowledge.text import fold

_ASKS_FOR_PROCEDURE = re.compile(
    r"\b(?:thu tuc|ho so|giay to|nop (?:ho so|o dau|truc tuyen|online)|noi nop|le phi|dich vu cong|truc tuyen|online"
    r"|mau don|to khai|can (?:nhung )?(?:gi|giay))\b"
)
_ABOUT_SUBMISSION = re.compile(
    r"\b(?:to trinh|du thao|kinh phi|nguon von|von dau tu|ngan sach|can cu|hieu luc|doi tuong|muc ho tro|muc tieu"
    r"|thoi gian thuc hien|to chuc thuc hien|tac dong|su can thiet)\b"
)
NOT_PERMITTED = "Chức năng này dành cho cán bộ, công chức và đại biểu. Bạn có thể hỏi về thủ tục hành chính hoặc gửi phản ánh, kiến nghị."


class Understand:
    name = "understand"
    always = False

    def __init__(self, nlu: NLU, skills: list[Skill]):
        self.nlu = nlu
        self.skills = {intent: skill for skill in skills for intent in skill.intents}

    def __call__(self, turn: Turn) -> None:
        turn.nlu = turn.nlu or self.nlu.parse(turn.text)
        intent = turn.nlu.intent
        state = turn.session.state
        if state.options and (intent == "choose_option" or find_choice(turn.text) is not None):
            intent = "choose_option"
        elif (state.procedure or state.options) and asks_for_details(turn.text):
            intent = "procedure_detail"  # "chi tiết": the details of the procedure under discussion
        elif intent == "choose_option" and not state.options:
            intent = "procedure_guide"
        elif intent == "procedure_detail" and not state.procedure:
            intent = "procedure_guide"
        if intent == "procedure_guide" and turn.role != "citizen" and not _ASKS_FOR_PROCEDURE.search(fold(turn.text)):
            intent = "legal_question"
        if _about_submission(turn):
            intent = "hdnd_review"
        turn.intent = intent
        if not may_use(turn.role, intent):
            turn.answer = refusal(intent, "not_permitted", NOT_PERMITTED)
            return
        turn.skill = self.skills.get(intent) or self.skills["out_of_scope"]


def _about_submission(turn: Turn) -> bool:
    if turn.role != "delegate":
        return False
    if turn.upload is not None:
        return True
    return turn.session.state.submission is not None and bool(_ABOUT_SUBMISSION.search(fold(turn.text)))
