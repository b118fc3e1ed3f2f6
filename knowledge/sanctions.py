"""The rule before the fine for breaking it.

A decree on administrative sanctions (xử phạt vi phạm hành chính) repeats the words of the rules it
punishes: "phạt tiền … người đủ 16 tuổi đến dưới 18 tuổi điều khiển xe ô tô" shares every word of "đủ bao
nhiêu tuổi thì được lái xe ô tô". A question asking an age or a condition, and naming no fine, asks the
rule: sanction articles lose ``DEMOTION`` of the best score of the question, so the law that sets the
age or the condition ranks first when it is there (and when only a repealed one is, its replacement is
named). A question naming a fine, a violation or points taken off a licence keeps them where they are.
"""
from __future__ import annotations

import re

from knowledge.models import Evidence, lowered
from knowledge.text import expand_abbreviations, fold

DEMOTION = 0.15
_ASKS_RULE = re.compile(r"\b(?:(?:may|bao nhieu) tuoi|du tuoi|dieu kien)\b")
_NAMES_FINE = re.compile(r"\b(?:phat|xu phat|vi pham|tru diem|tuoc|bi gi|bi sao|bi xu ly|che tai)\b")
_SANCTION_DECREE = re.compile(r"\bxu phat vi pham hanh chinh\b")


def asks_the_rule(question: str) -> bool:
    """Whether ``question`` asks an age or a condition and names no fine."""
    text = fold(expand_abbreviations(question))
    return bool(_ASKS_RULE.search(text)) and not _NAMES_FINE.search(text)


def is_sanction(evidence: Evidence) -> bool:
    return evidence.passage.kind == "law" and bool(_SANCTION_DECREE.search(fold(evidence.passage.doc_title)))


def rule_before_sanction(question: str, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with sanction articles lowered when the question asks the rule, best first."""
    if not evidence or not asks_the_rule(question) or not any(is_sanction(e) for e in evidence):
        return evidence
    return lowered(evidence, lambda e: DEMOTION if is_sanction(e) else 0.0)
