"""Where did my commune go: the old phường, xã, thị trấn a citizen names, and the unit it is now.

"phường Bến Nghé bây giờ là phường nào", "xa Tan Thanh Dong cu chi nay thuoc xa nao", "nộp
hồ sơ ở UBND phường nào nếu trước ở Phường 12 Quận 3" → the new unit(s), with the khoản of
the merger resolution that says so as a law citation (kind "law", id the resolution's số hiệu,
article "1", clause the khoản, its text quoted verbatim from the passage retrieved), so the
check step can verify it like any legal quote. A unit split between several new ones lists
them all; a name several units share ("Phường 12") is asked back with numbered choices, and
the next message ("quận 3", "ở Bình Thạnh", "2") answers it. dvhc: đơn vị hành chính.

Routing: ``asks_about_old_unit(turn, skill)`` is the cue the understand step calls. It holds
when the message names an old unit after a kind word (the lookup finds it, or finds several)
and asks what became of it (bây giờ, nay thuộc, sau sáp nhập, phường nào, đổi tên, trước ở …),
or answers the question this skill asked on the previous turn. One's own commune said without its name ("xã tôi
sáp nhập rồi giờ làm giấy tờ ở đâu") is asked back: the next message names it, with or without a kind word
("Tân Thạnh Đông, Củ Chi"), unless it names the paper wanted ("… giờ làm căn cước cho con ở đâu"): that asks the
procedure, done at the commune's level whatever its name.
"""
from __future__ import annotations

import re

from assistant.answer import Answer, Choice, Citation, refusal
from assistant.nlu import find_choice
from assistant.pipeline.turn import Turn
from assistant.security.roles import readable_access
from assistant.skills import dvhc_view
from knowledge.base import KnowledgeBase
from knowledge.dvhc import Match, UnitLookup
from knowledge.models import Evidence
from knowledge.text import fold

INTENT = "dvhc_lookup"
_ANSWERED = ("found", "new_unit")
# A kind word of a commune-level unit, written out or abbreviated ("P.12", "tt Pác Miầu").
_UNIT_WORD = re.compile(r"\b(?:phuong|xa|thi tran|dac khu|huyen|tt)\b|\b[pf]\s*\.?\s*\d")
# The merger, as people say it ("sáp nhập", "sát nhập", "sắp xếp"), folded.
_MERGER = r"(?:sap nhap|sat nhap|sap xep)"
_ASKS_WHAT_BECAME = re.compile(
    r"\b(?:bay gio|gio (?:la|thuoc|o)|hien (?:nay|tai|gio)|(?<!tuan )(?<!thang )(?<!nam )(?<!hom )(?<!ngay )(?<!luc )(?<!ky )(?<!dot )(?<!lan )nay (?:la|thuoc|o|ve)"
    rf"|{_MERGER}|(?:phuong|xa|dac khu|don vi) (?:nao|gi|moi)|doi ten|doi thanh|truoc (?:day )?(?:o|la|thuoc)"
    r"|con (?:khong|ton tai|nua)|ve dau|di dau|thuoc (?:ve )?(?:phuong|xa|dac khu|dau)|gom (?:nhung|cac)|hinh thanh tu)\b"
)

# "xã tôi", "phường nhà mình": the asker's own commune, not named; merged, as people say it.
_OWN_UNIT = re.compile(r"\b(?:phuong|xa|thi tran)\s+(?:nha\s+)?(?:toi|minh|em|chung toi|cua toi)\b")
_MERGED = re.compile(rf"\b(?:{_MERGER}|nhap (?:lai|vao|voi))\b")
# A reply naming the commune asked for is short: a longer message is a new question.
REPLY_WORDS = 10


def asks_about_old_unit(turn: Turn, skill: "OldUnits | None") -> bool:
    """The understand step's cue for this skill (see the module docstring); False without the skill."""
    if skill is None:
        return False
    if skill.pending(turn) is not None:
        return True
    if turn.cues is not None and turn.cues.beyond == "live_fact":
        return False  # "ai là chủ tịch phường Bến Thành hiện nay" asks who holds the office today, not what the ward became
    folded = fold(turn.text)
    if not _UNIT_WORD.search(folded) or not _ASKS_WHAT_BECAME.search(folded):
        return False
    if skill.lookup.find(turn.text, bare=False).status in (*_ANSWERED, "ambiguous"):
        return True
    return _unnamed_own_unit(folded) and not (turn.cues is not None and turn.cues.names_paper)


def _unnamed_own_unit(folded: str) -> bool:
    return bool(_OWN_UNIT.search(folded) and _MERGED.search(folded))


class OldUnits:
    intents = frozenset({INTENT})

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb

    @property
    def lookup(self) -> UnitLookup:
        return self.kb.dvhc

    def pending(self, turn: Turn) -> Match | None:
        """The answer to the question asked on the previous turn, when this message gives it."""
        state = turn.session.state
        if not state.dvhc_query or state.last_intent != INTENT:
            return None
        asked = self.lookup.find(state.dvhc_query, bare=False)
        if asked.status != "ambiguous":  # the question named no commune ("xã tôi …"): the reply names it
            named = self.lookup.find(turn.text)
            short = len(turn.text.split()) <= REPLY_WORDS
            return named if short and named.status in (*_ANSWERED, "ambiguous") else None
        choice = find_choice(turn.text)
        offered = dvhc_view.choices_of(asked)
        if choice is not None and offered:
            index = int(choice.value) - 1
            return Match("found", asked.asked, (asked.units[index],)) if 0 <= index < len(offered) else None
        narrowed = self.lookup.narrow(state.dvhc_query, turn.text)
        fewer = narrowed.status == "ambiguous" and len(narrowed.units) < len(asked.units) and not narrowed.note
        return narrowed if narrowed.status == "found" or fewer else None

    def match(self, turn: Turn) -> tuple[Match, str]:
        """What the message asks about, and the question it completes (the message itself, or the one asked before)."""
        own = self.lookup.find(turn.text, bare=False)
        if own.status in (*_ANSWERED, "ambiguous"):
            return own, turn.text
        answer = self.pending(turn)
        if answer is None:
            return own, turn.text
        return answer, f"{turn.session.state.dvhc_query}, {turn.text}"

    def _evidence(self, match: Match, role: str) -> list[Evidence]:
        """The passages of the khoản the answer cites (Điều 1 of each resolution), as the role may read them."""
        readable = readable_access(role)
        wanted = {(r.resolution, r.khoan) for r in dvhc_view.rows_cited(match)}
        return [
            Evidence(passage, 1.0)
            for number in sorted({n for n, _ in wanted})
            for passage in self.kb.passages_of(number, "1")
            if passage.access in readable and any((number, clause) in wanted for clause in passage.clauses)
        ]

    def compose(self, turn: Turn) -> Answer:
        match, question = self.match(turn)
        turn.evidence = self._evidence(match, turn.role)  # what the check step verifies the quotes against
        state = turn.session.state
        text = dvhc_view.message(match, self.lookup)
        if match.status == "ambiguous":
            state.dvhc_query, state.options = question, []  # the next message may answer it ("quận 3", "2")
            choices = tuple(Choice(*choice) for choice in dvhc_view.choices_of(match))
            return refusal(INTENT, "needs_clarification", text, choices=choices)
        if match.status not in _ANSWERED and _unnamed_own_unit(fold(question)):
            state.dvhc_query, state.options = question, []  # the next message names the commune
            return refusal(INTENT, "needs_clarification", dvhc_view.ASK_OWN_UNIT)
        state.dvhc_query = ""
        citations = self._citations(match, turn) if match.status in _ANSWERED else ()
        if not citations:
            return refusal(INTENT, "no_grounding", text)
        quoted = "\n".join(f"«{c.text}»" for c in citations)
        return Answer(text=f"{text}\n{quoted}", intent=INTENT, citations=citations, grounded=True)

    def _citations(self, match: Match, turn: Turn) -> tuple[Citation, ...]:
        """One law citation per khoản, quoting its text as the passage retrieved holds it."""
        citations = []
        for row in dvhc_view.rows_cited(match):
            quote = self.lookup.text(row)
            passage = next(
                (e.passage for e in turn.evidence if e.passage.doc_id == row.resolution and quote in e.passage.text), None
            )
            if passage is None:
                continue
            citations.append(Citation(
                kind="law", id=row.resolution, title=passage.doc_title, url=passage.url or None, article="1",
                clause=row.khoan, status=passage.status, text=quote, label=row.citation,
            ))
        return tuple(citations)
