"""Officers' API: tickets and handed-over conversations, replies, top concerns (staff tokens only)."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from assistant.analytics import ProcedureName, period_start, top_concerns
from assistant.core import ZONE, Assistant
from assistant.security.users import User
from assistant.tickets import Ticket
from channels.web.auth import require_staff
from channels.web.backend import WebBackend, get_backend
from channels.web.chat_api import require_json
from knowledge.errors import BadInput

router = APIRouter(prefix="/api", tags=["officers"])
TRANSCRIPT_TURNS = 20  # the last turns of a handed-over conversation shown to the officer


class ReplyRequest(BaseModel):
    text: str = Field(min_length=1, max_length=5000, description="the officer's reply, sent to the citizen")


def ticket_json(ticket: Ticket) -> dict[str, Any]:
    return {
        "code": ticket.code, "kind": ticket.kind, "topic": ticket.topic, "text": ticket.text,
        "channel": ticket.channel, "session_id": ticket.session_id, "status": ticket.status,
        "created": ticket.created, "reply": ticket.reply, "replied_by": ticket.replied_by,
        "replied": ticket.replied, "delivered": ticket.delivered,
    }


@router.get("/tickets")
def tickets(
    status_: Literal["open", "answered", "closed", "all"] = Query("open", alias="status"),
    user: User = Depends(require_staff),
    backend: WebBackend = Depends(get_backend),
) -> dict:
    """Phản ánh, kiến nghị and handover requests, oldest first."""
    with backend.locked() as assistant:
        listed = assistant.tickets.list(None if status_ == "all" else status_)
    return {"tickets": [ticket_json(t) for t in listed]}


@router.post("/tickets/{code}/reply")
def reply(
    code: str,
    body: ReplyRequest,
    user: User = Depends(require_staff),
    _json: None = Depends(require_json),  # after the token: who asks is checked before what they send
    backend: WebBackend = Depends(get_backend),
) -> dict:
    """Answer a ticket; the reply goes to the citizen on the channel the ticket came from."""
    with backend.locked() as assistant:
        try:
            assistant.tickets.get(code)
        except BadInput:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"không có phiếu mã {code} (unknown ticket)") from None
        answered = assistant.tickets.reply(code, body.text, user.name)
        delivery = backend.deliveries.deliver(answered)
        answered = assistant.tickets.get(answered.code)
    return {"ticket": ticket_json(answered), "delivery": delivery}


@router.get("/handovers")
def handovers(
    waiting_only: bool = Query(True, description="only conversations with a ticket still open"),
    user: User = Depends(require_staff),
    backend: WebBackend = Depends(get_backend),
) -> dict:
    """Conversations handed over to a human, with their last turns (redacted text) and tickets."""
    conversations = []
    with backend.locked() as assistant:
        for session_id in assistant.sessions.handed_over():
            session = assistant.sessions.get(session_id)
            session_tickets = assistant.tickets.for_session(session_id)
            if waiting_only and not any(t.status == "open" for t in session_tickets):
                continue
            turns = assistant.sessions.turns(session_id=session_id)[-TRANSCRIPT_TURNS:]
            conversations.append({
                "session_id": session_id,
                "channel": session.channel if session else None,
                "tickets": [ticket_json(t) for t in session_tickets],
                "turns": [
                    {"at": t.at, "intent": t.intent, "text": t.text, "answer": t.answer} for t in turns
                ],
            })
    return {"conversations": conversations}


def _describe(assistant: Assistant):
    def describe(code: str) -> ProcedureName | None:
        procedure = assistant.kb.procedure(code)
        return ProcedureName(procedure.title, procedure.field) if procedure else None

    return describe


@router.get("/analytics/top-concerns")
def concerns(
    period: Literal["day", "week"] = Query("day"),
    user: User = Depends(require_staff),
    backend: WebBackend = Depends(get_backend),
) -> dict:
    """The 10 topics citizens asked about most in the last day or week: by thủ tục, lĩnh vực and intent."""
    now = datetime.now(ZONE)
    with backend.locked() as assistant:
        turns = assistant.sessions.turns(since=period_start(period, now).timestamp())
        return top_concerns(turns, _describe(assistant), period, now).to_json()
