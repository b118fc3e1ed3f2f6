"""Follow-up questions on the tờ trình a delegate is reviewing, answered from the tờ trình itself.

``answer_about(report, submission, question)`` -> ``FollowUp``: the sentences of the tờ trình that answer, each
with its place ("mục IV, dòng 24"), ranked by the words they share with the question. A question on money
("kinh phí dự kiến bao nhiêu?") keeps only the sentences that state an amount; one on validity ("căn cứ nào đã
hết hiệu lực?") is answered from the report's legal-basis table, one on time ("thực hiện đến khi nào?") keeps
the sentences that state a date or a deadline. A word the question shares with a sentence counts the more, the
fewer sentences hold it; one shared syllable alone (the "tế" of "quốc tế" and "y tế") is no answer, nor is a
tờ trình in which most words of the question appear nowhere ("kinh phí xây sân bay quốc tế").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.hdnd.checklist import Excerpt, excerpt
from assistant.hdnd.figures import amounts, dates, deadlines
from assistant.hdnd.report import HdndReport
from assistant.hdnd.structure import find_sections
from assistant.hdnd.submission import Submission
from knowledge.models import SUPERSEDED
from knowledge.text import fold
from knowledge.text.stopwords import content_tokens
from knowledge.text.tokenize import folded_syllables, with_bigrams

_MONEY = re.compile(r"\b(?:kinh phi|bao nhieu tien|nguon von|von dau tu|ngan sach|chi phi|tong muc|muc ho tro)\b")
_WHEN = re.compile(r"\b(?:khi nao|bao gio|thoi gian|thoi han|han chot|lo trinh|den nam)\b")
_VALIDITY = re.compile(r"\b(?:hieu luc|bai bo|thay the|sua doi)\b")
_NO_LONGER = re.compile(r"\b(?:het hieu luc|bai bo|thay the)\b")
_QUESTION_WORDS = frozenset("bao nhieu gi nao sao chua co to trinh".split())
TOP = 3


@dataclass(frozen=True)
class FollowUp:
    lines: tuple[str, ...]  # what the answer says
    excerpts: tuple[Excerpt, ...]  # the sentences of the tờ trình it rests on, verbatim

    @property
    def found(self) -> bool:
        return bool(self.excerpts)


def _terms(text: str) -> set[str]:
    return set(with_bigrams([t for t in content_tokens(folded_syllables(text)) if t not in _QUESTION_WORDS]))


def _sentences(submission: Submission) -> list[Excerpt]:
    return [excerpt(s, line, section) for section in find_sections(submission) for s, line in section.sentences()]


def _validity(report: HdndReport, sentences: list[Excerpt], no_longer: bool) -> FollowUp:
    if not report.registry_checked:
        return FollowUp(("Chưa kiểm tra được hiệu lực các căn cứ: chưa có cơ sở dữ liệu văn bản.",), ())
    rows = [r for r in report.legal_bases if r.source == "tờ trình" and (r.status in SUPERSEDED or not no_longer)]
    if not rows:
        return FollowUp((f"Không căn cứ nào {report.reference} viện dẫn đã hết hiệu lực.",), ())
    lines, quoted = [], []
    for row in rows:
        lines.append(f"- {row.note or f'{row.label}: {row.status_text}'} ({row.location})")
        quoted += [e for e in sentences if row.label in e.text][:1]
    return FollowUp(tuple(lines), tuple(dict.fromkeys(quoted)))


def answer_about(report: HdndReport, submission: Submission, question: str) -> FollowUp:
    """What the tờ trình (and its review) says on ``question``; ``found`` is False when it says nothing."""
    folded = fold(question)
    sentences = _sentences(submission)
    wanted = _terms(question)
    words = {t for t in wanted if "_" not in t}
    held = set().union(*(_terms(e.text) for e in sentences))
    if len(words & held) * 2 < len(words):  # most of what it asks about is nowhere in the tờ trình
        return FollowUp((f"{report.reference} không nêu nội dung này.",), ())
    if _VALIDITY.search(folded):
        return _validity(report, sentences, bool(_NO_LONGER.search(folded)))
    if _MONEY.search(folded):
        sentences = [e for e in sentences if amounts(e.text)]
    elif _WHEN.search(folded):
        sentences = [e for e in sentences if dates(e.text) or deadlines(e.text)]
    best = _ranked(wanted, sentences)[:TOP]
    if not best:
        return FollowUp((f"{report.reference} không nêu nội dung này.",), ())
    return FollowUp(tuple(f"- «{e.text}» ({e.location})" for e in best), tuple(best))


def _ranked(wanted: set[str], sentences: list[Excerpt]) -> list[Excerpt]:
    """The sentences sharing a two-syllable word or two words with the question, rarest words first."""
    terms = [_terms(e.text) for e in sentences]
    frequency = {t: sum(t in held for held in terms) for t in wanted}
    scored = []
    for index, held in enumerate(terms):
        shared = wanted & held
        if any("_" in t for t in shared) or len(shared) >= 2:
            scored.append((-sum(math.log(1 + len(sentences) / frequency[t]) for t in shared), index))
    return [sentences[index] for _, index in sorted(scored)]
