"""Step 8: remember the turn — dialogue state saved, redacted text logged, session id and route returned.

What is logged is redacted again here, whatever step ended the turn: a message
refused before the guard's redaction (too long, say) must not be stored raw either.
"""
from __future__ import annotations

import time
from dataclasses import replace

from assistant.pipeline.turn import Turn
from assistant.security.pii import redact
from assistant.sessions import SessionStore, TurnRecord

MAX_LOGGED_CHARS = 2000
PERSONAL_DATA_NOTE = "(Tôi đã ẩn thông tin cá nhân trong tin nhắn của bạn và không lưu lại.)"


class Respond:
    name = "respond"
    always = True

    def __init__(self, sessions: SessionStore):
        self.sessions = sessions

    def __call__(self, turn: Turn) -> None:
        answer = turn.answer
        assert answer is not None
        if turn.personal_data and answer.refusal_reason != "personal_data":
            answer = replace(answer, text=f"{answer.text}\n\n{PERSONAL_DATA_NOTE}")
        if turn.route is not None:
            answer = replace(answer, extras={**answer.extras, "route": turn.route.to_json()})
        turn.answer = replace(answer, session_id=turn.session.id)
        turn.session.state.last_intent = answer.intent
        self.sessions.finish_turn(
            turn.session,
            TurnRecord(
                session_id=turn.session.id,
                at=time.time(),
                channel=turn.channel,
                role=turn.role,
                intent=answer.intent,
                text=redact(turn.text).text[:MAX_LOGGED_CHARS],
                answer=redact(answer.text).text[:MAX_LOGGED_CHARS],
                procedure=turn.session.state.procedure,
                field=turn.procedure_field,
                grounded=answer.grounded,
                refusal=answer.refusal_reason,
            ),
        )
