"""What the assistant returns: an ``Answer`` with its citations (DESIGN.md section 3).

Refusals are named so they can be counted: an answer without grounding says why
in ``refusal_reason`` (one of ``REFUSALS``) instead of inventing.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# How an answer written by a language model points at its citations: "[1]", "[1, 3]",
# numbers being positions in ``Answer.citations`` counted from 1.
CITATION_MARKER = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")


def marker_numbers(marker: re.Match[str]) -> list[int]:
    """The numbers of one matched ``CITATION_MARKER``: "[1, 3]" -> [1, 3]."""
    return [int(n) for n in re.findall(r"\d+", marker.group(1))]


# In a citation's quoted text, where something of the source is left out (a trimmed list, a cut khoản).
ELLIPSIS = "…"


_LINE_BREAK = re.compile(r"[ \t]*\n\s*")


def quoted_from(quote: str, source: str) -> bool:
    """Whether ``quote`` is verbatim from ``source``: one piece of it, or pieces of it in their order
    joined by ``ELLIPSIS`` where the quote skips something. Nothing else passes; only how lines break may
    differ (a quote leaves out the blank lines of a table read from a .docx appendix)."""
    quote, source = _LINE_BREAK.sub("\n", quote), _LINE_BREAK.sub("\n", source)
    if quote in source:
        return True
    pieces = [piece.strip() for piece in quote.split(ELLIPSIS)]
    if not any(pieces):
        return False
    position = 0
    for piece in filter(None, pieces):
        found = source.find(piece, position)
        if found < 0:
            return False
        position = found + len(piece)
    return True


REFUSALS: dict[str, str] = {
    "empty": "the message has no text",
    "too_long": "the message is longer than the assistant accepts",
    "personal_data": "nothing is left to answer once personal data is removed",
    "other_language": "the message is not in Vietnamese",
    "out_of_scope": "the request is outside public administration",
    "no_grounding": "the knowledge base holds nothing that answers it",
    "not_permitted": "the request needs a role the user does not have",
    "needs_account": "the request needs a registered officer account",
    "needs_clarification": "the request is missing something the user must say",
    "llm_unverified": "the language model's answer failed the citation check; an extractive answer is given",
    "rate_limited": "the sender sent more messages than the rate limit allows",
}


@dataclass(frozen=True)
class Citation:
    """One piece of evidence the answer rests on.

    kind "law": a unit of a văn bản (``article``/``clause``/``point`` with its ``status``
    and the quoted ``text``); "procedure": a thủ tục hành chính of the portal;
    "document": an uploaded or internal document. A law's validity is the registry's on
    the day of the answer: ``status`` since ``status_since`` (ISO date, or None when not
    dated), the documents that replaced it (``replaced_by``) and who says so
    (``status_source``: feed, corpus or unknown).
    """

    kind: str
    id: str
    title: str
    url: str | None = None
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    status: str | None = None
    text: str | None = None
    label: str | None = None  # "khoản 1 Điều 16 Luật Hộ tịch", for display
    status_since: str | None = None
    replaced_by: tuple[str, ...] = ()
    status_source: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "id": self.id, "title": self.title, "url": self.url}
        if self.kind != "procedure":
            data.update(article=self.article, clause=self.clause, point=self.point, status=self.status, text=self.text)
        if self.kind == "law":
            data.update(status_since=self.status_since, replaced_by=list(self.replaced_by), status_source=self.status_source)
        if self.label:
            data["label"] = self.label
        return data


@dataclass(frozen=True)
class Choice:
    """A numbered option offered to the user ("1", "số 2" or the label selects it)."""

    number: int
    label: str
    value: str

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "label": self.label, "value": self.value}


@dataclass(frozen=True)
class Section:
    """A titled part of an answer shown on request ("Xem chi tiết"): the special-case papers, the steps…"""

    title: str
    text: str

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "text": self.text}


@dataclass(frozen=True)
class Answer:
    text: str
    intent: str
    citations: tuple[Citation, ...] = ()
    grounded: bool = False
    refusal_reason: str | None = None
    choices: tuple[Choice, ...] = ()
    checklist: tuple[str, ...] = ()  # papers to bring, for channels that can tick them off
    details: tuple[Section, ...] = ()  # what "Xem chi tiết" shows (web: collapsed sections; chats: "chi tiết")
    attachment: str | None = None  # path of a produced file (a drafted .docx)
    session_id: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.refusal_reason is not None and self.refusal_reason not in REFUSALS:
            raise ValueError(f"unknown refusal reason: {self.refusal_reason}")

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "answer": self.text,
            "grounded": self.grounded,
            "intent": self.intent,
            "refusal_reason": self.refusal_reason,
            "citations": [c.to_json() for c in self.citations],
        }
        if self.choices:
            data["choices"] = [c.to_json() for c in self.choices]
        if self.checklist:
            data["checklist"] = list(self.checklist)
        if self.details:
            data["details"] = [s.to_json() for s in self.details]
        if self.attachment:
            data["attachment"] = self.attachment
        if self.session_id:
            data["session_id"] = self.session_id
        data.update(self.extras)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "Answer":
        """The answer ``to_json`` wrote, read back (from a Rasa response, say); other keys are extras."""
        return cls(
            text=data["answer"],
            intent=data["intent"],
            citations=tuple(Citation(**{**c, "replaced_by": tuple(c.get("replaced_by", ()))}) for c in data.get("citations", ())),
            grounded=bool(data.get("grounded", False)),
            refusal_reason=data.get("refusal_reason"),
            choices=tuple(Choice(**c) for c in data.get("choices", ())),
            checklist=tuple(data.get("checklist", ())),
            details=tuple(Section(**s) for s in data.get("details", ())),
            attachment=data.get("attachment"),
            session_id=data.get("session_id"),
            extras={key: value for key, value in data.items() if key not in _JSON_KEYS},
        )


_JSON_KEYS = frozenset(
    {"answer", "grounded", "intent", "refusal_reason", "citations", "choices", "checklist", "details", "attachment",
     "session_id"}
)


def refusal(intent: str, reason: str, text: str, **extra: Any) -> Answer:
    """An answer that declines, with its named reason."""
    return Answer(text=text, intent=intent, grounded=False, refusal_reason=reason, **extra)
