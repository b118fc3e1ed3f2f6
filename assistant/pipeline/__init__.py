"""The answer pipeline: a message in, an ``Answer`` out, as a list of named steps.

normalise → guard → understand → retrieve → decide → compose → check → respond → audit

Each step is a small class in a module of its own with ``name`` and
``__call__(turn)``. A step may end the turn early by setting ``turn.answer``
(a named refusal, say); the steps marked ``always`` (check, respond, audit) still run.
"""
from __future__ import annotations

from typing import Protocol

from assistant.answer import Answer
from assistant.pipeline.turn import Skill, Turn


class Step(Protocol):
    name: str
    always: bool  # runs even when an earlier step has already answered

    def __call__(self, turn: Turn) -> None: ...


class Pipeline:
    def __init__(self, steps: list[Step]):
        self.steps = steps

    @property
    def names(self) -> list[str]:
        return [step.name for step in self.steps]

    def run(self, turn: Turn) -> Answer:
        for step in self.steps:
            if turn.answer is None or step.always:
                step(turn)
        assert turn.answer is not None, "the compose step must answer"
        return turn.answer


__all__ = ["Pipeline", "Skill", "Step", "Turn"]
