"""What understanding a message yields, and the interface every NLU engine offers.

The embedded engine (``EmbeddedNLU``) is the default; a Rasa server can stand in for it
by implementing the same ``NLU`` protocol, since both read the same Rasa training data.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

OUT_OF_SCOPE = "out_of_scope"


@dataclass(frozen=True)
class Entity:
    """A span of the message with a meaning, named as Rasa names them.

    ``value`` is the canonical value ("lệ phí" for "bao nhiêu tiền"); ``start``/``end`` are
    offsets in the text as given and ``text`` is the span as written.
    """

    entity: str
    value: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class IntentPrediction:
    """The chosen intent, its calibrated probability and every intent ranked, best first."""

    intent: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class NluResult:
    """Everything the pipeline's "understand" step learns from one message."""

    intent: str
    confidence: float
    entities: tuple[Entity, ...]
    ranking: tuple[tuple[str, float], ...]


@runtime_checkable
class NLU(Protocol):
    """An engine that understands one message at a time."""

    def parse(self, text: str) -> NluResult:
        ...
