"""The rule before the fine for breaking it; the fine for the road user asked about before the others.

A decree on administrative sanctions (xử phạt vi phạm hành chính) repeats the words of the rules it
punishes: "phạt tiền … người đủ 16 tuổi đến dưới 18 tuổi điều khiển xe ô tô" shares every word of "đủ bao
nhiêu tuổi thì được lái xe ô tô". A question asking an age or a condition, and naming no fine, asks the
rule: sanction articles lose ``DEMOTION`` of the best score of the question, so the law that sets the
age or the condition ranks first when it is there (and when only a repealed one is, its replacement is
named). A question naming a fine, a violation or points taken off a licence keeps them where they are; one
asking how much a deed is fined ("uống rượu lái xe máy bị phạt bao nhiêu") puts the rest of the law
``NOT_A_FINE`` lower (Luật Phòng, chống tác hại của rượu, bia shares its words and sets no fine).

The traffic decree fines the same deed once per road user: "trong máu hoặc hơi thở có nồng độ cồn" is in the
article on ô tô, the one on xe mô tô, xe gắn máy, the one on xe máy chuyên dùng (whose heading shares "xe máy"
with the citizen's word for a motorbike) and the one on xe đạp; "không chấp hành hiệu lệnh của đèn tín hiệu"
in those and the pedestrian's. A question naming one kind of road user puts the sanction articles whose
heading names other kinds and not it ``OTHER_ROAD_USER`` lower; one naming none ("vượt đèn vàng có bị phạt
không") is a driver's, and the pedestrian's and the animal driver's articles go lower
(``road_user_asked_first``). An article naming no road user (the owner's, the passenger's) keeps its place.
"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge.models import Evidence, lowered
from knowledge.text import fold, folded_question

DEMOTION = 0.15
OTHER_ROAD_USER = 0.3  # a fine for another road user is no answer
NOT_A_FINE = 0.3  # nor is a rule setting no fine, to "bị phạt bao nhiêu"
_ASKS_RULE = re.compile(r"\b(?:(?:may|bao nhieu) tuoi|du tuoi|(?:duoi|tren|chua du) \d+ tuoi|dieu kien)\b")
_NAMES_FINE = re.compile(r"\b(?:phat|xu phat|vi pham|tru diem|tuoc|bi gi|bi sao|bi xu ly|che tai)\b")
_ASKS_FINE = re.compile(r"\bphat\b(?:\s+[^\s]+){0,3}?\s+(?:bao nhieu|may trieu|nhieu tien|the nao|ra sao)\b|\bmuc phat\b")
_NAMES_CRIME = re.compile(r"\b(?:toi|hinh su|di tu|ngoi tu|phat tu)\b")
_SANCTION_DECREE = re.compile(r"\bxu phat vi pham hanh chinh\b")


def asks_the_rule(question: str) -> bool:
    """Whether ``question`` asks an age or a condition and names no fine."""
    text = folded_question(question)
    return bool(_ASKS_RULE.search(text)) and not _NAMES_FINE.search(text)


def is_sanction(evidence: Evidence) -> bool:
    return evidence.passage.kind == "law" and _sanction_decree(evidence.passage.doc_title)


@lru_cache(maxsize=4096)
def _sanction_decree(title: str) -> bool:
    return bool(_SANCTION_DECREE.search(fold(title)))


@lru_cache(maxsize=4096)
def _road_users_in(heading: str) -> frozenset[str]:
    """The kinds of road user a sanction article's heading names."""
    folded = fold(heading)
    return frozenset(kind for kind, said in _IN_HEADING.items() if said.search(folded))


def asks_the_fine(question: str) -> bool:
    """Whether ``question`` asks how much a deed is fined ("uống rượu lái xe máy bị phạt bao nhiêu") and
    names no crime (a crime's fine is the Bộ luật Hình sự's)."""
    text = folded_question(question)
    return bool(_ASKS_FINE.search(text)) and not _NAMES_CRIME.search(text)


def rule_or_fine_first(question: str, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with sanction articles lowered when the question asks the rule, and the other law
    lowered when it asks the fine, best first."""
    if not evidence or not any(is_sanction(e) for e in evidence):
        return evidence
    if asks_the_rule(question):
        return lowered(evidence, lambda e: DEMOTION if is_sanction(e) else 0.0)
    if asks_the_fine(question):
        return lowered(evidence, lambda e: NOT_A_FINE if e.passage.kind == "law" and not is_sanction(e) else 0.0)
    return evidence


# kind of road user -> (what a question calls it, what a sanction article's heading calls it), folded
_ROAD_USERS: dict[str, tuple[str, str]] = {
    "car": (r"o to|xe hoi|xe con|xe tai|xe khach|taxi|xe (?:4|bon|7|bay|16) (?:cho|banh)", r"o to"),
    "motorbike": (r"xe may(?! chuyen dung)|mo to|xe gan may|xe tay ga|xe so|xe om|xe phan khoi lon|xe sh", r"mo to|gan may"),
    "special": (r"xe may chuyen dung|may keo|xe xuc|xe lu|xe cau|xe ui", r"xe may chuyen dung|may keo"),
    "bicycle": (r"xe dap|xich lo|xe ba gac|xe tho so|xe dap dien", r"xe dap|xe tho so"),
    "pedestrian": (r"di bo|qua duong", r"nguoi di bo"),
    "animal": (r"vat nuoi|con trau|con bo|con ngua|trau bo|dan dat|dat (?:cho|bo|trau)", r"vat nuoi"),
}
# Who a traffic question is about when it names nobody: a driver ("vượt đèn vàng có bị phạt không").
_SELDOM_MEANT = frozenset({"pedestrian", "animal"})
_ASKED = {kind: re.compile(rf"\b(?:{asked})\b") for kind, (asked, _) in _ROAD_USERS.items()}
_IN_HEADING = {kind: re.compile(rf"\b(?:{heading})\b") for kind, (_, heading) in _ROAD_USERS.items()}


def road_users_named(question: str) -> set[str]:
    """The kinds of road user ``question`` names ("xe máy": motorbike, "xe máy chuyên dùng": special)."""
    text = folded_question(question)
    return {kind for kind, said in _ASKED.items() if said.search(text)}


def road_user_asked_first(question: str, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with the sanction articles for other road users lowered, best first: when the question names
    exactly one kind, those for the others; when it names none, those for pedestrians and animals."""
    named = road_users_named(question)
    if len(named) > 1 or not any(is_sanction(e) for e in evidence):
        return evidence

    def penalty(e: Evidence) -> float:
        if not is_sanction(e):
            return 0.0
        kinds = _road_users_in(e.passage.heading)
        other = kinds and not kinds & named if named else kinds and kinds <= _SELDOM_MEANT
        return OTHER_ROAD_USER if other else 0.0

    return lowered(evidence, penalty)
