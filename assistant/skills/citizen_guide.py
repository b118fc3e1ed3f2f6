"""Guiding a citizen through a thủ tục hành chính, in a conversation.

"con tôi mới sinh, làm giấy khai sinh cần gì" → the procedure, presented from its parsed
structure (``procedure_view.summary``: about twelve lines, the rest in ``Answer.details``,
which "chi tiết" also returns). When several procedures fit about equally well (khai sinh,
khai sinh có yếu tố nước ngoài, đăng ký lại khai sinh; cấp xã or cấp tỉnh), a short numbered
question is asked, and while it is pending (``DialogueState.options``, dropped a day after it
was offered):

- "1", "số 2", words of an option's name or a free reply that names one pick it; a number
  that is not offered ("3" of two) gets the valid numbers;
- a detail question ("lệ phí bao nhiêu?", "nộp online được không", "mất bao lâu") is answered
  for every option, one line each, or, for what is too long to compare (hồ sơ, căn cứ), the
  citizen is asked to pick first: never a new search;
- anything else is a new request: the options are dropped.

Follow-ups ("lệ phí bao nhiêu?", "nộp online được không?") are answered from the procedure
under discussion, kept in the session's dialogue state.
"""
from __future__ import annotations

import re

from assistant.answer import Answer, Choice, Citation, refusal
from assistant.nlu import find_choice
from assistant.pipeline.turn import Turn
from assistant.skills import procedure_view
from assistant.skills.quoting import question_terms, relevance
from knowledge.base import KnowledgeBase
from knowledge.models import Evidence, Procedure
from knowledge.text import content_tokens, fold, folded_syllables

CANDIDATES = 10
MAX_OPTIONS = 4
# Runners-up scoring at least this fraction of the best are real alternatives: ask.
CLOSE_SCORE = 0.9
OPTIONS_TTL = 24 * 3600  # seconds a numbered question stays pending

NO_GROUNDING = (
    "Tôi chưa tìm được thủ tục hành chính phù hợp với yêu cầu này. Bạn có thể mô tả rõ hơn việc cần làm "
    "(ví dụ: \"đăng ký tạm trú cho người thuê trọ\"), hoặc nhắn \"gặp cán bộ\" để được hỗ trợ trực tiếp."
)
ASK_PROCEDURE = "Bạn đang hỏi về thủ tục nào? Ví dụ: \"làm giấy khai sinh cho con\", \"đăng ký tạm trú\"."
EXPIRED = (
    "Danh sách thủ tục tôi đưa ra trước đây đã quá một ngày nên không còn dùng được. "
    "Bạn cần làm thủ tục gì? Ví dụ: \"làm giấy khai sinh cho con\"."
)
ANSWER_DEPENDS = "Câu trả lời khác nhau tùy thủ tục. Bạn cần thủ tục nào?"
PICK = "Trả lời bằng số (ví dụ \"1\") hoặc tên thủ tục."
# Aspects too long to set side by side for several procedures: the citizen picks one first.
_PICK_FIRST = {"hồ sơ": "Giấy tờ cần chuẩn bị", "căn cứ": "Căn cứ pháp lý"}
_ASPECT_TITLES = {
    "lệ phí": "Lệ phí", "thời hạn": "Thời hạn giải quyết", "nơi nộp": "Nơi nộp",
    "trực tuyến": "Nộp trực tuyến", "kết quả": "Kết quả",
}
_DETAILS = re.compile(
    r"^\W*(?:(?:cho (?:toi|minh|em) )?xem |xin |muon xem )?(?:them |day du |toan bo )?(?:chi tiet|day du|them)"
    r"(?: (?:hon|them|nhe|nha|a|di|thu tuc nay|ve thu tuc nay))*\W*$"
)
# Words a follow-up about a procedure is made of, besides the aspect it names ("mất bao lâu", "được không").
_FOLLOW_UP_WORDS = frozenset(
    """bao lau nhieu mat may het tien the nao duoc khong ko k co can gi o dau nop lam xin hoi cho toi minh em anh chi
    vay nhi nhe nha thi xong ngay phai tra bang qua mang online truc tuyen thu tuc nay do kia cai muc phi le han
    thoi gian ket qua nhan ho so giay to can cu phap ly noi tai dang ky""".split()
)


def _aspects(turn: Turn) -> list[str]:
    entities = turn.nlu.entities if turn.nlu else ()
    return [e.value for e in entities if e.entity == "detail_aspect" and e.value in procedure_view.ASPECTS]


def _aspect(turn: Turn) -> str | None:
    return next(iter(_aspects(turn)), None)


def _first_answer_aspect(turn: Turn) -> str | None:
    """The aspect a new search is answered on alone: the one asked ("lệ phí … bao nhiêu"), unless several are ("…
    ở đâu, có mất phí không") or only where to go: the first answer says those and what else a citizen needs."""
    asked = set(_aspects(turn))
    return asked.pop() if len(asked) == 1 and "nơi nộp" not in asked else None


def asks_for_details(text: str) -> bool:
    """"chi tiết", "xem chi tiết", "cho tôi xem đầy đủ": the details of the procedure under discussion."""
    return bool(_DETAILS.match(fold(text)))


class CitizenGuide:
    intents = frozenset({"procedure_guide", "procedure_detail", "choose_option"})

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    def compose(self, turn: Turn) -> Answer:
        state = turn.session.state
        if state.options and self._expired(turn):
            _drop_options(turn)
            if find_choice(turn.text) is not None or (not state.procedure and (_aspect(turn) or asks_for_details(turn.text))):
                return refusal(turn.intent, "needs_clarification", EXPIRED)
        if state.options:
            answer = self._pending(turn)
            if answer is not None:
                return answer
            _drop_options(turn)  # a new request
        if state.procedure and asks_for_details(turn.text):
            return self._details(turn, state.procedure)
        if turn.intent in ("procedure_detail", "choose_option") and not turn.evidence:
            if state.procedure and turn.intent == "procedure_detail":
                return self._present(turn, state.procedure, _aspect(turn))
            return refusal(turn.intent, "needs_clarification", ASK_PROCEDURE)
        candidates = self._candidates(turn)
        if not candidates:
            return refusal(turn.intent, "no_grounding", NO_GROUNDING)
        if len(candidates) == 1:
            return self._present(turn, candidates[0], _first_answer_aspect(turn))
        state.options, state.options_query, state.options_at = candidates, turn.text, turn.now.timestamp()
        lines = ["Có vài thủ tục gần với yêu cầu của bạn. Bạn cần thủ tục nào?"]
        return self._ask_to_pick(turn, lines)

    # ------------------------------------------------------------ a pending numbered question

    def _expired(self, turn: Turn) -> bool:
        offered = turn.session.state.options_at
        return offered is not None and turn.now.timestamp() - offered > OPTIONS_TTL

    def _pending(self, turn: Turn) -> Answer | None:
        """The answer to a message while options are pending, or None when it asks something else."""
        options = turn.session.state.options
        choice = find_choice(turn.text)
        if choice is not None:
            index = int(choice.value) - 1 if choice.value.isdigit() else len(options) - 1
            if 0 <= index < len(options):
                return self._present(turn, options[index])
            valid = " hoặc ".join([", ".join(str(n) for n in range(1, len(options))), str(len(options))])
            return self._ask_to_pick(
                turn, [f"Danh sách chỉ có {len(options)} thủ tục, không có số {choice.value}. Bạn hãy trả lời {valid}:"],
                refusal_reason="needs_clarification",
            )
        named = self._named(turn, options)
        if named:
            return self._present(turn, named)
        if asks_for_details(turn.text):
            return self._ask_to_pick(turn, ["Bạn muốn xem chi tiết thủ tục nào?"])
        aspect = _aspect(turn)
        if aspect is None and turn.form == "follow_up":  # about the options, in words no aspect is read from
            return self._ask_to_pick(turn, [ANSWER_DEPENDS])
        if aspect is None or self._new_topic(turn, options):
            return None
        if aspect in _PICK_FIRST:
            return self._ask_to_pick(turn, [f"{_PICK_FIRST[aspect]} khác nhau tùy thủ tục. Bạn cần thủ tục nào?"])
        procedures = [self.kb.procedure(code) for code in options]
        lines = [f"{_ASPECT_TITLES[aspect]} của từng thủ tục:"]
        lines += [f"{n}. {self._label(p.code)}: {_compare(p, aspect)}" for n, p in enumerate(procedures, start=1) if p]
        lines.append("Bạn làm thủ tục nào? Trả lời bằng số để xem đầy đủ.")
        return Answer(
            text="\n".join(lines), intent=turn.intent, citations=tuple(self._citation(p) for p in procedures if p),
            grounded=True, choices=self._choices(options),
        )

    def _ask_to_pick(self, turn: Turn, lines: list[str], refusal_reason: str | None = None) -> Answer:
        options = turn.session.state.options
        choices = self._choices(options)
        text = "\n".join([*lines, *(f"{c.number}. {c.label}" for c in choices), PICK])
        citations = tuple(self._citation(self.kb.procedure(code)) for code in options)
        return Answer(
            text=text, intent=turn.intent, citations=citations, grounded=refusal_reason is None,
            refusal_reason=refusal_reason, choices=choices,
        )

    def _choices(self, options: list[str]) -> tuple[Choice, ...]:
        return tuple(Choice(i, self._label(code), code) for i, code in enumerate(options, start=1))

    def _named(self, turn: Turn, options: list[str]) -> str | None:
        """The option whose name the message alone points at ("khai sinh có yếu tố nước ngoài")."""
        if turn.intent not in ("choose_option", "procedure_guide") or _aspect(turn) is not None:
            return None
        terms = question_terms(turn.text)
        scores = [relevance(terms, self._label(code)) for code in options]
        best = max(scores)
        return options[scores.index(best)] if best > 0 and scores.count(best) == 1 else None

    def _new_topic(self, turn: Turn, options: list[str]) -> bool:
        """Whether a detail question names something the options do not ("lệ phí làm hộ chiếu")."""
        text = turn.text
        for entity in sorted(turn.nlu.entities if turn.nlu else (), key=lambda e: e.start, reverse=True):
            text = text[: entity.start] + " " + text[entity.end :]
        words = set(content_tokens(folded_syllables(text))) - _FOLLOW_UP_WORDS
        named = {w for code in options for w in folded_syllables(self._label(code))}
        return bool(words - named)

    # ------------------------------------------------------------ one procedure

    @staticmethod
    def _candidates(turn: Turn) -> list[str]:
        # whether the procedures found answer at all, the decide step has judged
        return [e.passage.doc_id for e in offered(turn.evidence)]

    def _label(self, code: str) -> str:
        procedure = self.kb.procedure(code)
        if procedure is None:
            return code
        return f"{procedure.title} ({procedure.level})" if procedure.level else procedure.title

    def _present(self, turn: Turn, code: str, aspect: str | None = None) -> Answer:
        procedure = self.kb.procedure(code)
        if procedure is None:
            return refusal(turn.intent, "no_grounding", NO_GROUNDING)
        turn.session.state.procedure = code
        _drop_options(turn)
        turn.procedure_field = procedure.field or None
        registry = self.kb.registry
        if aspect:
            text, details = procedure_view.aspect(procedure, aspect, registry), ()
        else:
            text, details = procedure_view.summary(procedure, registry), tuple(procedure_view.details(procedure, registry))
        return Answer(
            text=text,
            intent=turn.intent,
            citations=(self._citation(procedure),),
            grounded=True,
            checklist=tuple(procedure_view.checklist(procedure)) if aspect in (None, "hồ sơ") else (),
            details=details,
            extras={"procedure": {"code": procedure.code, "title": procedure.title, "field": procedure.field}},
        )

    def _details(self, turn: Turn, code: str) -> Answer:
        """Everything the first answer left out, as a message ("chi tiết"); its text holds the sections."""
        procedure = self.kb.procedure(code)
        if procedure is None:
            return refusal(turn.intent, "no_grounding", NO_GROUNDING)
        sections = procedure_view.details(procedure, self.kb.registry)
        text = f"Chi tiết {procedure.title} (mã {procedure.code}):\n\n" + procedure_view.details_text(sections)
        return Answer(
            text=text, intent=turn.intent, citations=(self._citation(procedure),), grounded=True,
            extras={"procedure": {"code": procedure.code, "title": procedure.title, "field": procedure.field}},
        )

    @staticmethod
    def _citation(procedure: Procedure | None) -> Citation:
        assert procedure is not None
        return Citation(kind="procedure", id=procedure.code, title=procedure.title, url=procedure.url or None)


def offered(evidence: list[Evidence]) -> list[Evidence]:
    """The procedures among ``evidence`` the guide details or offers: the best and the runners-up close to it."""
    procedures = [e for e in evidence if e.passage.kind == "procedure"]
    top = procedures[0].score if procedures else 0.0
    return [e for e in procedures if top > 0 and e.score >= CLOSE_SCORE * top][:MAX_OPTIONS]


def _drop_options(turn: Turn) -> None:
    state = turn.session.state
    state.options, state.options_query, state.options_at = [], "", None


def _compare(procedure: Procedure, aspect: str) -> str:
    """One procedure's answer to a detail question, short enough to stand beside the others'."""
    if aspect == "lệ phí":
        return procedure_view.fees(procedure, full=False)
    if aspect == "thời hạn":
        return procedure_view.times(procedure)
    if aspect == "nơi nộp":
        return procedure_view.where(procedure).removeprefix("Nơi nộp: ")
    if aspect == "trực tuyến":
        online = any(m.channel == "truc_tuyen" for m in procedure.methods)
        return "có thể nộp trực tuyến" if online else "chưa nộp trực tuyến được"
    return procedure.result or procedure_view.NOT_STATED
