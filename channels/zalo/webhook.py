"""The Zalo OA webhook route: ``POST /zalo/webhook``.

Each event is admitted by ``events.EventGate`` (401 forged or stale, 400 malformed,
a replay ignored with 200; 415 not JSON, 413 over 1 MB). A ``user_send_text`` event is answered through
``ChatGateway`` (session ``zalo:<user id>``) and the answer sent back with the OA's
customer-service message API before the route answers 200; other events are logged
and ignored. A failure to answer is logged and the person gets an apology when
possible: the event stays answered 200, since Zalo's retry would be a replay anyway.

Include ``router`` in the FastAPI app; the service is built from the environment
(``channels.zalo.config``; stores in the assistant's data dir) or taken from
``app.state.zalo_webhook``.
"""
from __future__ import annotations

import logging

import httpx
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool

from channels.chat import APOLOGY, ChatGateway
from channels.hosting import BodyRefused, app_assistant, app_service, json_body
from channels.zalo.api import ZaloClient, ZaloError
from channels.zalo.config import ZaloConfig
from channels.zalo.events import EventGate, Rejected
from channels.zalo.format import render_answer, render_text

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/zalo/webhook"
SIGNATURE_HEADER = "X-ZEvent-Signature"
STATE_NAME = "zalo_webhook"
TEXT_EVENT = "user_send_text"


class ZaloWebhook:
    def __init__(self, gate: EventGate, client: ZaloClient, gateway: ChatGateway) -> None:
        self.gate = gate
        self.client = client
        self.gateway = gateway

    def receive(self, body: bytes, signature: str | None) -> None:
        """Admit the event and answer it; ``Rejected`` when it must not be read."""
        event = self.gate.admit(body, signature)
        if event is None:
            log.info("Zalo event replayed, ignored")
            return
        if event.name != TEXT_EVENT or not event.sender_id or not event.text:
            log.info("Zalo event %s ignored", event.name or "without a name")
            return
        try:
            answer = self.gateway.handle(event.sender_id, event.text)
        except Exception:
            log.exception("answering Zalo message %s failed", event.message_id)
            texts = render_text(APOLOGY)
        else:
            texts = render_answer(answer)
        try:
            self.client.send(event.sender_id, texts)
        except (httpx.HTTPError, ZaloError) as exc:
            log.error("could not send the answer to Zalo message %s: %s", event.message_id, exc)


def _from_environment(app: FastAPI) -> ZaloWebhook | None:
    config = ZaloConfig.from_env()
    if config is None:
        log.warning("Zalo webhook called but TROLY_ZALO_APP_ID is not set")
        return None
    assistant = app_assistant(app)
    client = ZaloClient.open(config, assistant.settings, httpx.Client())
    return ZaloWebhook(EventGate.open(config, assistant.settings), client, ChatGateway(assistant, "zalo"))


router = APIRouter()


@router.post(WEBHOOK_PATH, include_in_schema=False)
async def zalo_event(request: Request) -> Response:
    webhook = await run_in_threadpool(app_service, request.app, STATE_NAME, _from_environment)
    if webhook is None:
        return Response("Zalo channel not configured", status_code=404)
    try:
        body = await json_body(request)
    except BodyRefused as exc:
        return Response(exc.reason, status_code=exc.status)
    try:
        await run_in_threadpool(webhook.receive, body, request.headers.get(SIGNATURE_HEADER))
    except Rejected as exc:
        log.warning("Zalo event refused (%d): %s", exc.status, exc.reason)
        return Response(exc.reason, status_code=exc.status)
    return Response(status_code=200)
