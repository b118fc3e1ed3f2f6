"""Step 6: the answer, written by the skill from the evidence."""
from __future__ import annotations

from assistant.pipeline.turn import Turn


class Compose:
    name = "compose"
    always = False

    def __call__(self, turn: Turn) -> None:
        assert turn.skill is not None
        turn.answer = turn.skill.compose(turn)
