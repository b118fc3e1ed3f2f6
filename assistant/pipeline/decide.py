"""Step 5: which skill answers, from the evidence, the classifier, the dialogue state and the role.

The classifier's intent is one signal, not a gate. In order:

1. The conversation first: a reply to a pending confirmation goes to the feedback skill; a pick
   among numbered options or a follow-up on the procedure (or options) under discussion goes to
   the citizen guide (a number alone with no options pending is asked what it is for, never searched); a file sent is reviewed (a delegate's tờ trình by the HĐND secretary), and so
   is a delegate's question about the tờ trình under review; a question on an old commune goes to
   the dvhc skill.
2. Side effects only when asked for in so many words (``assistant.nlu.cues``): phản ánh, kiến
   nghị (filed after the user confirms), gặp cán bộ, soạn, nhắc. A refusal of one ("đừng gửi phản
   ánh") is acknowledged and nothing is created. A question never becomes one.
3. Small talk (a greeting or thanks asking nothing) is answered as such.
4. Anything else is answered from the knowledge base: the law (``legal_qa``) or a procedure
   (``citizen_guide``), whichever evidence answers (``assistant.pipeline.answerable``). When both
   do, a question about where to submit, how long or how to get something done is a procedure
   question for any role ("làm giấy khai sinh cần gì" from an officer too; staff naming papers in the
   law's words or a quiz's — "hồ sơ … bao gồm những gì", "đúng hay sai" — ask the law); a citizen's
   that only names papers, fees or online submission is one when the procedure covers it as well as
   the law ("nhặt được ví, không có giấy tờ gì, giữ luôn được không?" asks the law); so is a
   citizen's message the classifier calls a procedure question that names the procedure ("đăng ký
   tạm trú cho người thuê trọ"); the rest is a legal question, and so is a divorce or a lawsuit unless the
   procedure is named ("thủ tục ly hôn thuận tình" is the courts'). A
   complaint stated without asking to file it, or asked only as a reproach ("Sao đèn đường hỏng cả
   tháng mà không ai sửa vậy?"), and not asking how to get something done ("sổ đỏ ghi sai diện
   tích, muốn đính chính lại" asks for the procedure), is offered as a phản ánh (nothing is filed
   without a yes).
5. When nothing answers: ``no_grounding`` with a next step when the message is about law or public
   services, ``out_of_scope`` when it is not.

Each outcome is a ``Route`` (skill, reason) recorded in the answer (``extras["route"]``). Pending
options are dropped by anything but a pick or a follow-up, a pending confirmation by anything but
its reply; staff skills are refused to citizens here, before any work is done.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer import refusal
from assistant.nlu import OUT_OF_SCOPE, NluResult
from assistant.nlu.cues import folded
from assistant.pipeline.answerable import LawTitles, Verdict, grounding
from assistant.pipeline.turn import Skill, Turn
from assistant.security.roles import may_use
from assistant.skills.citizen_guide import offered
from assistant.skills.dvhc import INTENT as DVHC_LOOKUP
from assistant.skills.quoting import Rarity
from knowledge.models import Evidence
from knowledge.text import content_tokens, expand_abbreviations, expand_query, folded_syllables

# Why a skill was chosen; every route names one.
REASONS: dict[str, str] = {
    "confirmation": "the reply to a pending confirmation, or the phản ánh it asked for",
    "picked_option": "picks one of the numbered options offered",
    "nothing_to_pick": "a number or an ordinal alone with no options pending: what it is for is asked",
    "follow_up": "asks a detail of the procedure or options under discussion",
    "upload": "a file sent to be reviewed",
    "submission": "a delegate's question about the tờ trình under review",
    "old_unit": "asks what became of an old phường or xã after the 2025 merger",
    "explicit_request": "asks for a side effect in so many words",
    "declined": "refuses a side effect and asks nothing else",
    "small_talk": "a greeting or thanks that asks nothing",
    "complaint": "a complaint stated or asked as a reproach, without asking to file it: filing is offered, with a confirmation",
    "review_request": "asks to review a document it points at",
    "asks_for_procedure": "asks how to get something done (papers, fees, where, how long), and a procedure answers",
    "procedure_evidence": "a procedure answers it and the law does not, or better for this role",
    "law_evidence": "the law answers it and no procedure does, or better for this role",
    "office_work": "office work asked for without the words that start it: how to ask is explained",
    "no_grounding": "about law or public services, but nothing in the knowledge base answers it",
    "out_of_scope": "not about law or public services, and nothing answers it",
}
PROCEDURE_INTENTS = ("procedure_guide", "procedure_detail", "choose_option")
# Reasons the conversation skill answers whatever the intent: refusals, acknowledgements, questions back.
CONVERSATION_REASONS = ("declined", "office_work", "no_grounding", "out_of_scope", "nothing_to_pick")
OFFICE_INTENTS = ("draft_document", "reminder")
# The classifier's probability from which a complaint is offered as a phản ánh, or office work is explained.
CONFIDENT = 0.5
# Lower than an answer, higher than chance: a procedure this close is named as a next step.
NEAR = 0.3
# When law and procedures both answer and the words do not say which is asked: the procedure when the
# classifier gives the procedure intents this much and the question holds this share of its name
# (chosen on the development sets: evals/reports/routing.md).
CONFIDENT_PROCEDURE = 0.6
NAMED = 0.6
# A question holding less than this share of the name of every procedure the guide would offer, and covered
# better by the law, asks the law whatever its "muốn xin" or "có phải … không" says (chosen on the same sets).
NAME_FLOOR = 0.2
_POINTS_AT_DOCUMENT = re.compile(r"\b(?:nay|dinh kem|vua gui|tai len|file|tep)\b")


@dataclass(frozen=True)
class Route:
    skill: str  # the skill's name ("legal_qa", "citizen_guide", "feedback", "conversation", ...)
    reason: str  # one of REASONS
    # What a refusal is about: the law the question names and the knowledge base lacks, or
    # what no law holds ("other_country", "opinion", "live_fact", "local_fact"), or "figure_not_stated" when the
    # question asks a sum of money the law found does not state; "" otherwise.
    detail: str = ""

    def __post_init__(self) -> None:
        if self.reason not in REASONS:
            raise ValueError(f"unknown route reason: {self.reason}")

    def to_json(self) -> dict[str, str]:
        return {"skill": self.skill, "reason": self.reason, **({"detail": self.detail} if self.detail else {})}


def skill_name(skill: Skill) -> str:
    """"LegalQA" → "legal_qa", "CitizenGuide" → "citizen_guide"."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", type(skill).__name__).lower()


class Decide:
    name = "decide"
    always = False

    def __init__(self, skills: list[Skill], rarity: Rarity | None = None, laws: LawTitles | None = None):
        """``skills`` answer the intents they name; the one answering ``out_of_scope`` also writes
        refusals, acknowledgements and explanations (``assistant.skills.conversation``). ``rarity``
        and ``laws`` (the knowledge base's) serve the answerability rule."""
        self.skills = {intent: skill for skill in skills for intent in skill.intents}
        self.conversation = self.skills["out_of_scope"]
        self.rarity = rarity
        self.laws = laws

    def __call__(self, turn: Turn) -> None:
        state = turn.session.state
        if turn.form not in ("pick", "follow_up"):
            state.options, state.options_query = [], ""
        if turn.form != "reply":
            state.pending_ticket = None
        intent, reason, detail = self._route(turn)
        turn.intent = intent
        turn.skill = self.conversation if reason in CONVERSATION_REASONS else self.skills[intent]
        turn.route = Route(skill_name(turn.skill), reason, detail)
        if not may_use(turn.role, intent):
            turn.answer = refusal(intent, "not_permitted", NOT_PERMITTED)

    def _route(self, turn: Turn) -> tuple[str, str, str]:
        """(intent, reason, detail): the skill answering the intent, why, and what the reason is about."""
        said = turn.cues
        if turn.form == "reply":
            return "feedback", "confirmation", ""
        if turn.form == "pick":
            return "choose_option", ("picked_option" if turn.session.state.options else "nothing_to_pick"), ""
        if turn.form == "follow_up":
            return "procedure_detail", "follow_up", ""
        if turn.form == "upload":
            return ("hdnd_review" if turn.role == "delegate" else "review_document"), "upload", ""
        if turn.form == "submission":
            return "hdnd_review", "submission", ""
        if turn.form == "old_unit":
            return DVHC_LOOKUP, "old_unit", ""
        if turn.form == "request":
            return said.request, "explicit_request", ""
        if turn.form == "declined":
            return said.declined, "declined", ""
        if turn.form == "small_talk":
            return ("greeting" if said.about_assistant else turn.nlu.intent), "small_talk", ""
        return self._from_evidence(turn)

    def _from_evidence(self, turn: Turn) -> tuple[str, str, str]:
        nlu, said = turn.nlu, turn.cues
        complaint = said.complains or (nlu.intent == "feedback" and nlu.confidence >= CONFIDENT and not said.asks)
        if complaint and not said.asks_how:
            return "feedback", "complaint", ""
        if nlu.intent == "review_document" and nlu.confidence >= CONFIDENT and _POINTS_AT_DOCUMENT.search(folded(turn.text)):
            return "review_document", "review_request", ""
        verdict = self.judge(turn)
        law_ok, procedure_ok = verdict.law_answers, verdict.procedure_answers or _names_procedure(turn, verdict)
        if verdict.law.figure_missing and not said.wants_procedure:
            procedure_ok = False  # a sum of the day the law does not state is no procedure's either
        if procedure_ok and (not law_ok or _prefers_procedure(turn, verdict)):
            reason = "asks_for_procedure" if _asks_how(turn) else "procedure_evidence"
            return self._take(turn, "procedure", _procedure_intent(turn), reason)
        if law_ok:
            return self._take(turn, "law", "legal_question", "law_evidence")
        return self._unanswered(turn, verdict)

    def judge(self, turn: Turn) -> Verdict:
        """What the answerability rule makes of the evidence found for this message."""
        return Verdict(
            law=grounding("law", turn.text, turn.found.get("law", []), self.rarity),
            procedure=grounding("procedure", turn.text, turn.found.get("procedure", []), self.rarity),
            out_of_scope=out_of_scope_probability(turn.nlu),
            beyond=turn.cues.beyond,
            missing_law=self.laws.missing(turn.text) if self.laws is not None else None,
        )

    @staticmethod
    def _take(turn: Turn, kind: str, intent: str, reason: str) -> tuple[str, str, str]:
        turn.evidence = turn.found.get(kind, [])
        return intent, reason, ""

    def _unanswered(self, turn: Turn, verdict: Verdict) -> tuple[str, str, str]:
        nlu, said = turn.nlu, turn.cues
        law, procedure = verdict.law, verdict.procedure
        if nlu.intent in OFFICE_INTENTS and nlu.confidence >= CONFIDENT and turn.role != "citizen":
            return nlu.intent, "office_work", ""
        intent = "legal_question" if law.coverage >= procedure.coverage else "procedure_guide"
        near = verdict.why_not is None and procedure.best is not None and procedure.coverage >= NEAR
        turn.evidence = [procedure.best] if near else []
        about_administration = verdict.beyond != "general_task" and (
            said.cites_law or said.wants_procedure or verdict.missing_law is not None or verdict.beyond == "local_fact"
            or nlu.intent not in ("out_of_scope", "greeting", "thanks")
            or (verdict.beyond is None and not verdict.classified_out_of_scope and max(law.coverage, procedure.coverage) >= NEAR)
        )
        if about_administration:
            return intent, "no_grounding", verdict.missing_law or verdict.why_not or ("figure_not_stated" if law.figure_missing else "")
        return "out_of_scope", "out_of_scope", verdict.why_not or ""


def out_of_scope_probability(nlu: NluResult) -> float:
    """How sure the classifier is that the message is about none of the assistant's subjects (0 unless it says so)."""
    return nlu.confidence if nlu.intent == OUT_OF_SCOPE else 0.0


def _procedure_intent(turn: Turn) -> str:
    """The classifier's, when it is one of the guide's; else a detail question when it names a detail."""
    if turn.nlu.intent in ("procedure_guide", "procedure_detail"):
        return turn.nlu.intent
    return "procedure_detail" if any(e.entity == "detail_aspect" for e in turn.nlu.entities) else "procedure_guide"


def _asks_how(turn: Turn) -> bool:
    """Asks for a procedure: a citizen naming papers, fees, forms or asking how to get something done;
    staff asking how to get something done ("làm giấy khai sinh cần gì"), not in the law's own words
    ("hồ sơ đăng ký tạm trú bao gồm những gì" is a question on Luật Cư trú when an officer asks it) nor
    asking a condition or a deadline the law sets ("phải làm thủ tục gia hạn tạm trú bao nhiêu ngày trước …")."""
    said = turn.cues
    if turn.role == "citizen":
        return said.wants_procedure
    return said.asks_how and not (said.cites_law or said.asks_condition)


def _prefers_procedure(turn: Turn, verdict: Verdict) -> bool:
    """Both answer: never a procedure the question does not name when it is about a divorce or a lawsuit ("thủ
    tục ly hôn thuận tình"); the procedure when it is asked for, or when a citizen's message the classifier
    calls a procedure question names the procedure ("đăng ký tạm trú cho người thuê trọ"). A citizen
    who names a procedure's things (papers, fees) without asking how to get something done asks for
    the procedure only when it covers the message as well as the law does: "nhặt được ví, không có
    giấy tờ gì, giữ luôn được không?" is a question on the law; so is one asking an age, a condition
    or a deadline without asking how ("nam mấy tuổi thì được đăng ký kết hôn"), and one covered better by
    the law that names no procedure found ("em 16 tuổi muốn xin tài liệu của xã thì tự đi xin được không")."""
    said, procedure = turn.cues, verdict.procedure
    if said.before_a_court and title_share(turn.text, procedure.best) < NAMED:
        return False  # a divorce is a court's, not an office's
    if (procedure.coverage < verdict.law.coverage and _held_name_share(turn) < NAME_FLOOR
            and not (said.asks_how and said.names_paper)):
        return False  # "Xin biên bản cuộc họp nội bộ của phường có được không?" names no procedure ("xin cấp biển số
        # xe máy" names a paper an office issues, asking for it)
    if turn.role != "citizen":
        return _asks_how(turn)
    if said.asks_how or (said.wants_procedure and procedure.coverage >= verdict.law.coverage):
        return True
    if said.asks_condition:
        return False  # "nam mấy tuổi thì được đăng ký kết hôn" names a procedure and asks the law
    probability = dict(turn.nlu.ranking)
    classified = sum(probability.get(intent, 0.0) for intent in PROCEDURE_INTENTS)
    return classified >= CONFIDENT_PROCEDURE and title_share(turn.text, procedure.best) >= NAMED


def _names_procedure(turn: Turn, verdict: Verdict) -> bool:
    """Asks how to get done what a procedure the guide would offer is named for, nothing ruling it out: the
    procedure answers, however little of a long message its page covers ("Mất ví có cả căn cước và bằng lái, làm
    lại cả hai thì đi đâu trước?" holds .8 of the name "Cấp lại giấy phép lái xe"; the page covers under .2 of it)."""
    return (turn.cues.asks_how and verdict.why_not is None and not verdict.classified_out_of_scope
            and _held_name_share(turn) >= NAMED)


def _held_name_share(turn: Turn) -> float:
    """The largest share of a procedure's name the question holds, over the procedures the guide would offer."""
    return max((title_share(turn.text, found) for found in offered(turn.found.get("procedure", []))), default=0.0)


def title_share(question: str, evidence: Evidence | None) -> float:
    """Share of the words of a procedure's name ("Thủ tục" aside) the question holds, everyday words
    mapped to the portal's ("làm giấy khai sinh" holds "đăng ký khai sinh")."""
    if evidence is None:
        return 0.0
    name = _terms(re.sub(r"^\s*thủ tục\s+", "", evidence.passage.heading, flags=re.IGNORECASE))
    return len(name & _terms(question)) / len(name) if name else 0.0


def _terms(text: str) -> set[str]:
    return {t for t in content_tokens(folded_syllables(expand_query(expand_abbreviations(text)))) if not t.isdigit()}


NOT_PERMITTED = "Chức năng này dành cho cán bộ, công chức và đại biểu. Bạn có thể hỏi về thủ tục hành chính hoặc gửi phản ánh, kiến nghị."
