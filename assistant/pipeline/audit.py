"""Step 9: the audit log learns what an identified user did in this turn.

A draft produced, a draft or a tờ trình reviewed, and every cited document whose access level
is not public are recorded with the user's name, role and channel
(``assistant.security.audit``). Anonymous citizens are not recorded: they can
read only public documents and produce nothing.
"""
from __future__ import annotations

from pathlib import Path

from assistant.pipeline.turn import Turn
from assistant.security.audit import AuditLog

ACTION_OF_INTENT = {"draft_document": "draft", "review_document": "review", "hdnd_review": "hdnd_review"}


class Audit:
    name = "audit"
    always = True

    def __init__(self, log: AuditLog):
        self.log = log

    def __call__(self, turn: Turn) -> None:
        answer = turn.answer
        if turn.user is None or answer is None or answer.refusal_reason is not None:
            return
        actor, role, channel = turn.user.name, turn.user.role, turn.channel
        action = ACTION_OF_INTENT.get(answer.intent)
        if action == "draft" and answer.attachment:
            self.log.record(actor, role, action, Path(answer.attachment).name, channel, turn.text)
        elif action in ("review", "hdnd_review") and turn.upload is not None:
            self.log.record(actor, role, action, turn.upload.name, channel)
        restricted = {e.passage.doc_id for e in turn.evidence if e.passage.access != "public"}
        self.log.record_all(actor, role, "read_restricted", (c.id for c in answer.citations if c.id in restricted), channel)
