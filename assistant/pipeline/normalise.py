"""Step 1: one Unicode form, one tone convention, single spaces."""
from __future__ import annotations

from assistant.pipeline.turn import Turn
from knowledge.text import normalize


class Normalise:
    name = "normalise"
    always = False

    def __call__(self, turn: Turn) -> None:
        turn.text = normalize(turn.message).strip()
