"""Step 3: what the message is — the classifier's intent probabilities, the cues its words give
for sure, and its form in the conversation.

The classifier (or a dialogue engine that already understood the message, Rasa) gives an intent
ranking: one signal among others, never a gate. ``assistant.nlu.cues`` reads what the words say
for sure: a question, a side effect asked for in so many words, one refused. The form
(``assistant.pipeline.turn.FORMS``) places the message in the conversation: a reply to a pending
confirmation, a pick among numbered options, a follow-up on the procedure under discussion
("lệ phí bao nhiêu?": its words beyond the detail asked — lệ phí, nộp ở đâu, bao lâu — are all
in the procedure's or the options' titles), small talk, a file to review, a delegate's question
about the tờ trình under review (kinh phí, căn cứ, đối tượng, …), a question about what became of
an old phường or xã after the 2025 merger, or the answer to the question the dvhc skill asked back
(``assistant.skills.dvhc.asks_about_old_unit``), or content to answer from the knowledge base. Only
content sends the retrieve step searching; the decide step chooses the skill.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.nlu import NLU, extract_entities, find_choice
from assistant.nlu.cues import cues, folded, reply_to_yes_no
from assistant.pipeline.turn import Turn
from assistant.sessions import DialogueState
from assistant.skills.citizen_guide import asks_for_details
from knowledge.text import content_tokens, folded_syllables

# A phản ánh not confirmed within this time is dropped: a "1" the next day files nothing.
CONFIRMATION_SECONDS = 30 * 60
SMALL_TALK = frozenset({"greeting", "thanks"})
SMALL_TALK_WORDS = 8
SMALL_TALK_CONFIDENCE = 0.5
# A detail question with a procedure under discussion: this many words of its own at most.
FOLLOW_UP_CONFIDENCE = 0.5
FOLLOW_UP_OWN_WORDS = 3

_ABOUT_SUBMISSION = re.compile(
    r"\b(?:to trinh|du thao|kinh phi|nguon von|von dau tu|ngan sach|can cu|hieu luc|doi tuong|muc ho tro|muc tieu"
    r"|thoi gian thuc hien|to chuc thuc hien|tac dong|su can thiet)\b"
)
# Words that ask about a procedure without naming one: question words, pronouns, particles,
# and what every procedure has (nộp, làm, hồ sơ, giấy tờ, thủ tục…).
_FILLER = frozenset(
    """
    bao nhieu lau gio may the sao nhu duoc khong chua co can phai thi vay ha nhi nha oi hoi toi em minh ban anh chi
    no do day kia nay va hay hoac roi dang mat het tien bo buoc lam mang theo cai nop xin nhan lay tra gui
    tuc ho so giay to dang ky truc tiep tai o dau nao ket qua ngay phi le mien online mang tren qua
    cho biet muon hoi them luon that ai gi
    """.split()
)

TitleOf = Callable[[str], str]
AsksAboutOldUnit = Callable[[Turn], bool]


class Understand:
    name = "understand"
    always = False

    def __init__(self, nlu: NLU, title_of: TitleOf | None = None, old_unit: AsksAboutOldUnit | None = None):
        """``title_of`` names a procedure by its code (the knowledge base's), to tell a follow-up on it;
        ``old_unit`` tells a question on an old commune (the dvhc skill's cue)."""
        self.nlu = nlu
        self.title_of = title_of or (lambda code: "")
        self.old_unit = old_unit or (lambda turn: False)

    def __call__(self, turn: Turn) -> None:
        turn.nlu = turn.nlu or self.nlu.parse(turn.text)
        turn.cues = cues(turn.text)
        turn.intent = turn.nlu.intent
        state = turn.session.state
        if state.pending_ticket and turn.now.timestamp() - state.pending_ticket.get("at", 0) > CONFIRMATION_SECONDS:
            state.pending_ticket = None
        turn.form = self._form(turn, state)
        if turn.form == "follow_up":
            _add_aspect(turn)

    def _form(self, turn: Turn, state: DialogueState) -> str:
        text, said = turn.text, turn.cues
        if turn.upload is not None:
            return "upload"
        if _about_submission(turn):
            return "submission"
        if state.pending_ticket is not None and (
            reply_to_yes_no(text) is not None or (not state.pending_ticket["text"] and not said.asks and not said.request)
        ):
            return "reply"
        if said.request:
            return "request"
        if self.old_unit(turn):
            return "old_unit"
        if find_choice(text) is not None:
            return "pick"  # with no options pending, the guide asks what it is for (never a search for "2")
        if said.declined and not said.asks:
            return "declined"
        topic = self._topic(state)
        aspects = [e for e in extract_entities(text) if e.entity == "detail_aspect"]
        own = _own_words(text, aspects)
        discussed = bool(state.options or state.procedure)
        if state.options and not aspects and own and own <= topic:
            return "pick"
        if aspects and own <= topic and (discussed or turn.nlu.intent == "procedure_detail"):
            return "follow_up"
        if discussed and asks_for_details(text):
            return "follow_up"
        if (discussed and turn.nlu.intent == "procedure_detail" and turn.nlu.confidence >= FOLLOW_UP_CONFIDENCE
                and len(own - topic) <= FOLLOW_UP_OWN_WORDS):
            return "follow_up"
        if said.about_assistant:
            return "small_talk"
        if (turn.nlu.intent in SMALL_TALK and turn.nlu.confidence >= SMALL_TALK_CONFIDENCE and not said.asks
                and not said.wants_procedure and len(text.split()) <= SMALL_TALK_WORDS):
            return "small_talk"
        return "content"

    def _topic(self, state: DialogueState) -> set[str]:
        """The words of what is under discussion: the options' titles, or the procedure's."""
        codes = state.options or ([state.procedure] if state.procedure else [])
        return {word for code in codes for word in folded_syllables(self.title_of(code))}


def _own_words(text: str, aspects) -> set[str]:
    """The message's words beyond the details it asks about and the words every question has."""
    for aspect in sorted(aspects, key=lambda e: -e.start):
        text = text[:aspect.start] + " " + text[aspect.end:]
    return {word for word in content_tokens(folded_syllables(text)) if word not in _FILLER and not word.isdigit()}


def _add_aspect(turn: Turn) -> None:
    """A follow-up's detail as an entity, also when the classifier's intent did not keep it."""
    if any(e.entity == "detail_aspect" for e in turn.nlu.entities):
        return
    aspects = tuple(e for e in extract_entities(turn.text) if e.entity == "detail_aspect")
    if aspects:
        turn.nlu = replace(turn.nlu, entities=turn.nlu.entities + aspects)


def _about_submission(turn: Turn) -> bool:
    if turn.role != "delegate":
        return False
    return turn.session.state.submission is not None and bool(_ABOUT_SUBMISSION.search(folded(turn.text)))
