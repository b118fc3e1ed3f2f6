"""The citizen-facing API: chat, search, health, officers' replies and drafted files of a conversation."""
from __future__ import annotations

import re
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from assistant.answer import Answer
from assistant.security.roles import filters_for
from assistant.security.users import User
from assistant.sessions import Session
from channels.cli.knowledge_commands import evidence_json
from channels.web.auth import current_user, require_role
from channels.web.backend import WebBackend, get_backend

router = APIRouter(prefix="/api")
MAX_SEARCH_RESULTS = 50
_DRAFT_NAME = re.compile(r"[A-Za-z0-9_.:-]+\.docx")


def require_json(request: Request) -> None:
    """Refuse a body that does not say it is JSON (415) before reading it."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            "cần gửi JSON với Content-Type: application/json (unsupported media type)",
        )


class ChatRequest(BaseModel):
    message: str = Field(description="the citizen's or officer's message, in Vietnamese")
    session_id: str | None = Field(None, description="continue this conversation; unknown or not yours: a new one")
    role: Literal["citizen", "officer", "delegate", "admin"] | None = Field(
        None, description="ignored unless it matches the token's role ('citizen' is always allowed)"
    )


def attachment_url(session_id: str, path: str) -> str:
    return f"/api/sessions/{session_id}/attachments/{path.rsplit('/', 1)[-1]}"


def answer_json(answer: Answer) -> dict[str, Any]:
    """``Answer.to_json()`` for the web: a drafted file is a download URL, never a server path."""
    data = answer.to_json()
    if answer.attachment and answer.session_id:
        data["attachment"] = attachment_url(answer.session_id, answer.attachment)
    return data


@router.post("/chat", tags=["chat"], dependencies=[Depends(require_json)])
def chat(body: ChatRequest, user: User | None = Depends(current_user), backend: WebBackend = Depends(get_backend)) -> dict:
    """One turn of a conversation; the answer as in DESIGN.md section 3 (plus choices, checklist, session_id)."""
    role = user.role if user else "citizen"
    if body.role not in (None, "citizen", role):
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"không thể tự nhận vai trò '{body.role}': vai trò lấy từ token ({role}) (role comes from the token)",
        )
    return answer_json(backend.ask(body.message, body.session_id, user))


@router.get("/search", tags=["chat"])
def search(
    q: str = Query(min_length=1, max_length=1000, description="the query"),
    kind: Literal["law", "procedure", "document"] | None = Query(None),
    k: int = Query(10, ge=1, le=MAX_SEARCH_RESULTS),
    user: User | None = Depends(current_user),
    backend: WebBackend = Depends(get_backend),
) -> dict:
    """Ranked evidence, restricted to what the caller's role may read."""
    filters = filters_for(user.role if user else "citizen", kinds=(kind,) if kind else None)
    with backend.locked() as assistant:
        results = assistant.kb.search(q, k, filters)
    return {"query": q, "results": [evidence_json(rank, e) for rank, e in enumerate(results, 1)]}


@router.get("/health", tags=["chat"])
def health(backend: WebBackend = Depends(get_backend)) -> dict:
    """The index generation in use and its coverage: passages whose whole text is in vectors, of all."""
    with backend.locked() as assistant:
        generation, coverage = assistant.kb.generation.name, assistant.kb.coverage()
    return {
        "status": "ok",
        "index": generation,
        "coverage": {"passages": coverage.passages, "with_body_vectors": coverage.covered, "share": round(coverage.share, 4)},
        "reply_channels": list(backend.deliveries.channels),
    }


def _own_session(backend: WebBackend, session_id: str, user: User | None) -> Session:
    """The conversation, if the caller may read it: anonymous ones by their id, a user's by that user only."""
    with backend.locked() as assistant:
        session = assistant.sessions.get(session_id)
    if session is None or session.user_id != (user.id if user else None):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "không có cuộc trò chuyện này (unknown conversation)")
    return session


@router.get("/sessions/{session_id}/messages", tags=["chat"])
def officer_replies(
    session_id: str,
    after: float = Query(0.0, ge=0, description="only replies written after this time (epoch seconds)"),
    user: User | None = Depends(current_user),
    backend: WebBackend = Depends(get_backend),
) -> dict:
    """Officers' replies to the tickets of this conversation: the chat page polls it."""
    _own_session(backend, session_id, user)
    with backend.locked():
        replies = backend.web_replies.fetch(session_id, after)
    return {"session_id": session_id, "messages": [r.to_json() for r in replies]}


@router.get("/sessions/{session_id}/attachments/{name}", tags=["chat"], response_class=FileResponse)
def attachment(
    session_id: str,
    name: str,
    user: User = Depends(require_role("officer", "delegate", "admin")),
    backend: WebBackend = Depends(get_backend),
) -> FileResponse:
    """A document drafted in this conversation (.docx)."""
    _own_session(backend, session_id, user)
    drafts = backend.settings.data_dir / "drafts"
    path = drafts / name
    if not _DRAFT_NAME.fullmatch(name) or f"-{session_id}-" not in name or not path.is_file():
        raise HTTPException(status.HTTP_404_NOT_FOUND, "không có tệp này (no such file)")
    return FileResponse(
        path, filename=name,
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
