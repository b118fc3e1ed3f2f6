"""The state one message accumulates on its way through the pipeline."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from assistant.answer import Answer
from assistant.nlu.cues import Cues
from assistant.sessions import Session
from assistant.security.users import User
from knowledge.models import Evidence

if TYPE_CHECKING:
    from assistant.nlu import NluResult
    from assistant.pipeline.decide import Route


class Skill(Protocol):
    """What answers a message once the decide step has chosen it, from ``turn.evidence``.

    ``intents`` are the intents it answers. A skill whose evidence is not the knowledge
    base's (a tờ trình the delegate sent) reads it in ``compose`` and records what it
    quotes in ``turn.evidence``, so that the check step holds it to it.
    """

    intents: frozenset[str]

    def compose(self, turn: "Turn") -> Answer:
        """The answer, from ``turn.evidence`` and the dialogue state."""


# What a message is, read by the understand step before any evidence is searched:
FORMS = (
    "content",  # anything to answer from the knowledge base (a question, a need, a topic)
    "request",  # a side effect asked for in so many words (phản ánh, gặp cán bộ, soạn, nhắc)
    "declined",  # a side effect refused ("đừng gửi phản ánh") and nothing else
    "reply",  # the answer to a pending confirmation ("1", "gửi", "không") or the phản ánh it asked for
    "pick",  # picks one of the numbered options offered ("2", "số 1", an option's name)
    "follow_up",  # a detail of the procedure or options under discussion ("lệ phí bao nhiêu?")
    "small_talk",  # a greeting or thanks, asking nothing, or a question on the assistant itself ("bạn là ai")
    "upload",  # a file sent to be reviewed
    "submission",  # a delegate's question about the tờ trình under review
    "old_unit",  # asks what became of an old phường or xã, or answers the dvhc skill's question back
)


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
    cues: Cues = field(default_factory=Cues)  # what the words say for sure (set by understand)
    form: str = "content"  # one of FORMS (set by understand)
    found: dict[str, list[Evidence]] = field(default_factory=dict)  # evidence by kind ("law", "procedure"), for decide
    route: "Route | None" = None  # the skill chosen and why (set by decide)
    intent: str = ""
    skill: Skill | None = None
    evidence: list[Evidence] = field(default_factory=list)  # what the chosen skill answers from
    answer: Answer | None = None  # set by compose, or earlier by a step that ends the turn
    procedure_field: str | None = None  # lĩnh vực of the procedure discussed, for analytics
