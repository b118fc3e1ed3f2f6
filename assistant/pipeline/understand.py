"""Step 3: what the message asks — intent, entities, and the dialogue state around it.

The classifier gives the intent; the dialogue state corrects it where context
decides: a bare "2" or an option's name after a numbered question is a choice; a
follow-up ("lệ phí bao nhiêu?") with no procedure under discussion is a request to
find one. Staff skills are refused to citizens here, before any work is done.
"""
from __future__ import annotations

from assistant.answer import refusal
from assistant.nlu import NLU, find_choice
from assistant.pipeline.turn import Skill, Turn
from assistant.security.roles import may_use

NOT_PERMITTED = "Chức năng này dành cho cán bộ, công chức và đại biểu. Bạn có thể hỏi về thủ tục hành chính hoặc gửi phản ánh, kiến nghị."


class Understand:
    name = "understand"
    always = False

    def __init__(self, nlu: NLU, skills: list[Skill]):
        self.nlu = nlu
        self.skills = {intent: skill for skill in skills for intent in skill.intents}

    def __call__(self, turn: Turn) -> None:
        turn.nlu = self.nlu.parse(turn.text)
        intent = turn.nlu.intent
        state = turn.session.state
        if state.options and (intent == "choose_option" or find_choice(turn.text) is not None):
            intent = "choose_option"
        elif intent == "choose_option" and not state.options:
            intent = "procedure_guide"
        elif intent == "procedure_detail" and not state.procedure:
            intent = "procedure_guide"
        turn.intent = intent
        if not may_use(turn.role, intent):
            turn.answer = refusal(intent, "not_permitted", NOT_PERMITTED)
            return
        turn.skill = self.skills.get(intent) or self.skills["out_of_scope"]
