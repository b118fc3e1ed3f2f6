"""Step 4: the evidence — each skill searches what it needs, filtered by the user's role."""
from __future__ import annotations

from assistant.pipeline.turn import Turn


class Retrieve:
    name = "retrieve"
    always = False

    def __call__(self, turn: Turn) -> None:
        assert turn.skill is not None
        turn.skill.retrieve(turn)
