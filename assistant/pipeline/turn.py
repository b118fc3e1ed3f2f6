"""The state one message accumulates on its way through the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from assistant.answer import Answer
from assistant.sessions import Session
from assistant.security.users import User
from knowledge.models import Evidence

if TYPE_CHECKING:
    from assistant.nlu import NluResult


class Skill(Protocol):
    """What handles an intent: finds its evidence, then writes the answer from it."""

    intents: frozenset[str]

    def retrieve(self, turn: "Turn") -> None:
        """Fill ``turn.evidence`` (or leave it empty when the skill needs none)."""

    def compose(self, turn: "Turn") -> Answer:
        """The answer, from ``turn.evidence`` and the dialogue state."""


@dataclass
class Turn:
    message: str  # as received: never stored, logged or sent anywhere
    session: Session
    role: str
    now: datetime
    channel: str = "cli"
    user: User | None = None
    upload: Path | None = None  # a file sent with the message (a draft to review)
    text: str = ""  # normalised; after the guard, with personal data replaced by placeholders
    personal_data: tuple[str, ...] = ()  # kinds found and removed ("cccd", "phone", ...)
    injection: bool = False  # the message tried to give the assistant instructions
    nlu: "NluResult | None" = None  # set by understand, or beforehand by a dialogue engine (Rasa)
    intent: str = ""
    skill: Skill | None = None
    evidence: list[Evidence] = field(default_factory=list)
    answer: Answer | None = None  # set by compose, or earlier by a step that ends the turn
    procedure_field: str | None = None  # lĩnh vực of the procedure discussed, for analytics
