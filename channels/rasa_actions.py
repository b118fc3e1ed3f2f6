"""troly as Rasa's action server: Rasa 3.6's action-server protocol over troly's assistant.

Rasa (``rasa run``, whose ``rasa/endpoints.yml`` names this endpoint) posts
``{"next_action", "sender_id", "tracker", "domain", "version"}`` to ``POST /rasa/webhook`` and
gets ``{"events", "responses"}`` back, as from rasa-sdk. An action troly does not know is
a 404; an action that cannot run on the tracker it was given (no user message to answer)
is a 400 ``{"error", "action_name"}``, which Rasa records as a rejected action.

The actions, named in ``rasa/domain.yml``:

- ``action_legal_answer``: troly's legal answer (the quoted khoản, its văn bản and validity);
- ``action_procedure_guide``: a thủ tục named by the user, a follow-up on it, or a numbered
  choice among several; the procedure form's answer is asked as a named thủ tục, with the
  aspect asked before it (slot ``detail_aspect``). Sets slot ``procedure`` to its title;
- ``action_feedback_ticket``: phản ánh, kiến nghị or a request for an officer: a ticket,
  its code in slot ``ticket``;
- ``action_troly_reply``: whatever troly makes of the message (greetings, thanks, out of
  scope, office work, and anything Rasa's policies are unsure of);
- ``action_ask_procedure``: the procedure form's question.

Each reply is one Rasa response: ``text`` (with ``buttons`` for numbered choices) and
``custom: {"troly": Answer.to_json()}``, so citations travel with the answer. Rasa's
understanding of the message (intent, entities) is passed on to the assistant, which does
not parse it again. The ``sender_id`` is troly's session id (``channels.rasa_dialogue``
sends troly's own), so follow-ups, the channel and a signed-in user's role carry over; a
sender id troly cannot use as one is replaced by a stable digest.

The endpoint is ``POST /rasa/webhook`` (and ``GET /rasa/actions``). ``router`` reaches the
assistant through ``app.state.backend.locked()`` (one turn at a time: the assistant's SQLite
stores serve one request at a time), as troly's web app provides it: list
``"channels.rasa_actions:router"`` among the app's extra routers. ``create_app(assistant)``
serves it alone (``python -m channels.rasa_server run``).
"""
from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, Protocol

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from assistant.answer import Answer, refusal
from assistant.core import Assistant
from assistant.nlu import Entity, NluResult, result_from_rasa
from assistant.nlu.rasa_client import BadRasaResult
from assistant.sessions import is_session_id
from assistant.skills.citizen_guide import ASK_PROCEDURE
from knowledge.errors import BadInput

router = APIRouter(prefix="/rasa")


class Backend(Protocol):
    """What the serving app keeps in ``app.state.backend``."""

    def locked(self) -> Iterator[Assistant]:
        """The assistant, for the calling thread alone (a context manager)."""


class LockedAssistant:
    """The assistant behind a lock, for ``create_app``."""

    def __init__(self, assistant: Assistant) -> None:
        self._assistant = assistant
        self._lock = threading.Lock()

    @contextmanager
    def locked(self) -> Iterator[Assistant]:
        with self._lock:
            yield self._assistant


class ActionCall(BaseModel):
    """What Rasa posts to run one custom action (``domain`` is left out when Rasa's
    endpoint sets ``enable_selective_domain``)."""

    next_action: str
    sender_id: str
    tracker: dict[str, Any]
    domain: dict[str, Any] | None = None
    version: str | None = None


class ActionRejected(Exception):
    """The action cannot run on this tracker."""


Action = Callable[[Assistant, ActionCall], tuple[list[dict[str, Any]], Answer]]


def session_id_for(sender_id: str) -> str:
    """troly's session for a Rasa conversation: the sender id itself when it can name a
    session, else a stable digest of it."""
    return sender_id if is_session_id(sender_id) else "rasa-" + hashlib.sha256(sender_id.encode()).hexdigest()[:32]


def _understood(call: ActionCall) -> tuple[str, NluResult]:
    """The user's latest message and Rasa's understanding of it."""
    latest = call.tracker.get("latest_message") or {}
    text = latest.get("text")
    if not text:
        raise ActionRejected("the tracker holds no user message to answer")
    try:
        return text, result_from_rasa(latest)
    except BadRasaResult as error:
        raise ActionRejected(str(error)) from error


def _ask(assistant: Assistant, call: ActionCall, intent: str | None = None, aspect: str | None = None) -> Answer:
    """The assistant's answer to the latest message, as ``intent`` when given; ``aspect`` adds
    a detail_aspect entity the message itself lacks."""
    text, understood = _understood(call)
    if intent:
        understood = replace(understood, intent=intent)
    if aspect and not any(e.entity == "detail_aspect" for e in understood.entities):
        understood = replace(understood, entities=understood.entities + (Entity("detail_aspect", aspect, 0, 0, aspect),))
    session_id = session_id_for(call.sender_id)
    session = assistant.sessions.start(session_id, "citizen", "rasa")
    user = assistant.users.get(session.user_id) if session.user_id is not None else None
    return assistant.ask(
        text, session_id=session_id, role=session.role, user=user, channel=session.channel, understood=understood,
    )


def _slot(name: str, value: str | None) -> dict[str, Any]:
    return {"event": "slot", "name": name, "value": value, "timestamp": None}


def legal_answer(assistant: Assistant, call: ActionCall) -> tuple[list[dict[str, Any]], Answer]:
    return [], _ask(assistant, call, intent="legal_question")


def procedure_guide(assistant: Assistant, call: ActionCall) -> tuple[list[dict[str, Any]], Answer]:
    _, understood = _understood(call)
    if understood.intent in ("procedure_detail", "choose_option"):
        answer = _ask(assistant, call)
    else:
        answer = _ask(assistant, call, intent="procedure_guide", aspect=call.tracker.get("slots", {}).get("detail_aspect"))
    events = [_slot("detail_aspect", None)]
    procedure = answer.extras.get("procedure")
    if procedure:
        events.append(_slot("procedure", procedure["title"]))
    return events, answer


def feedback_ticket(assistant: Assistant, call: ActionCall) -> tuple[list[dict[str, Any]], Answer]:
    _, understood = _understood(call)
    answer = _ask(assistant, call, intent="handover" if understood.intent == "handover" else "feedback")
    return [_slot("ticket", answer.extras.get("ticket"))], answer


def troly_reply(assistant: Assistant, call: ActionCall) -> tuple[list[dict[str, Any]], Answer]:
    return [], _ask(assistant, call)


def ask_procedure(assistant: Assistant, call: ActionCall) -> tuple[list[dict[str, Any]], Answer]:
    return [], refusal("procedure_detail", "needs_clarification", ASK_PROCEDURE)


ACTIONS: dict[str, Action] = {
    "action_legal_answer": legal_answer,
    "action_procedure_guide": procedure_guide,
    "action_feedback_ticket": feedback_ticket,
    "action_troly_reply": troly_reply,
    "action_ask_procedure": ask_procedure,
}


def rasa_response(answer: Answer) -> dict[str, Any]:
    """One Rasa response carrying a troly answer: its text, choices as buttons, and the whole
    answer (citations included) as the custom payload."""
    response: dict[str, Any] = {"text": answer.text, "custom": {"troly": answer.to_json()}}
    if answer.choices:
        response["buttons"] = [{"title": c.label, "payload": str(c.number)} for c in answer.choices]
    return response


def backend_of(request: Request) -> Backend:
    return request.app.state.backend


@router.post("/webhook")
def run_action(call: ActionCall, backend: Backend = Depends(backend_of)) -> JSONResponse:
    action = ACTIONS.get(call.next_action)
    if action is None:
        error = f"troly has no action named {call.next_action!r}"
        return JSONResponse({"error": error, "action_name": call.next_action}, status_code=404)
    try:
        with backend.locked() as assistant:
            events, answer = action(assistant, call)
    except (ActionRejected, BadInput) as error:
        return JSONResponse({"error": str(error), "action_name": call.next_action}, status_code=400)
    return JSONResponse({"events": events, "responses": [rasa_response(answer)]})


@router.get("/actions")
def list_actions() -> list[dict[str, str]]:
    """The actions served, as rasa-sdk lists them."""
    return [{"name": name} for name in ACTIONS]


def create_app(assistant: Assistant) -> FastAPI:
    """A web app serving only the action endpoint, for Rasa alone."""
    app = FastAPI(title="troly — Rasa action server")
    app.state.backend = LockedAssistant(assistant)
    app.include_router(router)
    return app
