"""Guiding a citizen through a thủ tục hành chính.

"con tôi mới sinh, làm giấy khai sinh cần gì" → the procedure, presented from its
parsed structure. When several procedures fit about equally well (khai sinh, khai
sinh có yếu tố nước ngoài, đăng ký lại khai sinh; cấp xã or cấp tỉnh), a short
numbered question is asked; "1", "số 2" or words of an option's name select it.
Follow-ups ("lệ phí bao nhiêu?", "nộp online được không?") are answered from the
procedure under discussion, kept in the session's dialogue state.
"""
from __future__ import annotations

from assistant.answer import Answer, Choice, Citation, refusal
from assistant.nlu import find_choice
from assistant.pipeline.turn import Turn
from assistant.skills import procedure_view
from assistant.skills.quoting import question_terms, relevance
from knowledge.base import KnowledgeBase
from knowledge.models import Procedure

CANDIDATES = 10
MAX_OPTIONS = 4
# Runners-up scoring at least this fraction of the best are real alternatives: ask.
CLOSE_SCORE = 0.9

NO_GROUNDING = (
    "Tôi chưa tìm được thủ tục hành chính phù hợp với yêu cầu này. Bạn có thể mô tả rõ hơn việc cần làm "
    "(ví dụ: \"đăng ký tạm trú cho người thuê trọ\"), hoặc nhắn \"gặp cán bộ\" để được hỗ trợ trực tiếp."
)
ASK_PROCEDURE = "Bạn đang hỏi về thủ tục nào? Ví dụ: \"làm giấy khai sinh cho con\", \"đăng ký tạm trú\"."


def _aspect(turn: Turn) -> str | None:
    entities = turn.nlu.entities if turn.nlu else ()
    return next((e.value for e in entities if e.entity == "detail_aspect" and e.value in procedure_view.ASPECTS), None)


class CitizenGuide:
    intents = frozenset({"procedure_guide", "procedure_detail", "choose_option"})

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def compose(self, turn: Turn) -> Answer:
        state = turn.session.state
        chosen = self._chosen(turn)
        if chosen:
            return self._present(turn, chosen)
        if turn.intent in ("procedure_detail", "choose_option") and not turn.evidence:
            if state.procedure and turn.intent == "procedure_detail":
                return self._present(turn, state.procedure, _aspect(turn))
            return refusal(turn.intent, "needs_clarification", ASK_PROCEDURE)
        candidates = self._candidates(turn)
        if not candidates:
            return refusal(turn.intent, "no_grounding", NO_GROUNDING)
        if len(candidates) == 1:
            return self._present(turn, candidates[0], _aspect(turn))
        state.options = candidates
        state.options_query = turn.text
        choices = tuple(Choice(i, self._label(code), code) for i, code in enumerate(candidates, start=1))
        lines = ["Có vài thủ tục gần với yêu cầu của bạn. Bạn cần thủ tục nào?"]
        lines += [f"{c.number}. {c.label}" for c in choices]
        lines.append("Trả lời bằng số (ví dụ \"1\") hoặc tên thủ tục.")
        citations = tuple(self._citation(self.kb.procedure(code)) for code in candidates)
        return Answer(text="\n".join(lines), intent=turn.intent, citations=citations, grounded=True, choices=choices)

    def _chosen(self, turn: Turn) -> str | None:
        """The option the message picks among those offered last, if it picks one."""
        options = turn.session.state.options
        if not options:
            return None
        choice = find_choice(turn.text)
        if choice is not None:
            index = int(choice.value) - 1
            return options[index] if 0 <= index < len(options) else None
        terms = question_terms(turn.text)
        scores = [relevance(terms, self._label(code)) for code in options]
        best = max(scores)
        if best > 0 and scores.count(best) == 1 and turn.intent in ("choose_option", "procedure_guide"):
            return options[scores.index(best)]
        return None

    def _candidates(self, turn: Turn) -> list[str]:
        evidence = [e for e in turn.evidence if e.passage.kind == "procedure"]
        if not evidence:  # whether the procedures found answer at all, the decide step has judged
            return []
        top = evidence[0].score
        return [e.passage.doc_id for e in evidence if top > 0 and e.score >= CLOSE_SCORE * top][:MAX_OPTIONS]

    def _label(self, code: str) -> str:
        procedure = self.kb.procedure(code)
        if procedure is None:
            return code
        return f"{procedure.title} ({procedure.level})" if procedure.level else procedure.title

    def _present(self, turn: Turn, code: str, aspect: str | None = None) -> Answer:
        procedure = self.kb.procedure(code)
        if procedure is None:
            return refusal(turn.intent, "no_grounding", NO_GROUNDING)
        state = turn.session.state
        state.procedure, state.options, state.options_query = code, [], ""
        turn.procedure_field = procedure.field or None
        registry = self.kb.registry
        text = procedure_view.aspect(procedure, aspect, registry) if aspect else procedure_view.summary(procedure, registry)
        if aspect is None and procedure.url:
            text += f"\n\nChi tiết trên Cổng Dịch vụ công: {procedure.url}"
        return Answer(
            text=text,
            intent=turn.intent,
            citations=(self._citation(procedure),),
            grounded=True,
            checklist=tuple(procedure_view.checklist(procedure)) if aspect in (None, "hồ sơ") else (),
            extras={"procedure": {"code": procedure.code, "title": procedure.title, "field": procedure.field}},
        )

    @staticmethod
    def _citation(procedure: Procedure | None) -> Citation:
        assert procedure is not None
        return Citation(kind="procedure", id=procedure.code, title=procedure.title, url=procedure.url or None)
