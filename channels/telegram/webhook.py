"""The Telegram webhook route: ``POST /telegram/webhook``.

Telegram posts each update with the header ``X-Telegram-Bot-Api-Secret-Token`` set to
the ``secret_token`` given to ``setWebhook`` (``troly telegram --set-webhook URL``);
a request without the right secret is refused with 403, a body that is not an update
with 400 (415 not JSON, 413 over 1 MB). An update is handled before the route answers 200, so a failure to reach
Telegram (500) makes Telegram deliver it again; a failure inside the bot is the bot's
(it logs and apologises) and still answers 200, as does an update of a kind the bot
does not handle. Include ``router`` in the FastAPI app; the service is built from the
environment (``channels.telegram.config``) or taken from ``app.state.telegram_webhook``.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.concurrency import run_in_threadpool
from telegram import Update

from channels.chat import ChatGateway
from channels.hosting import BodyRefused, app_assistant, app_service, json_body
from channels.telegram.bot import build_application
from channels.telegram.config import TelegramConfig

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
STATE_NAME = "telegram_webhook"


class TelegramWebhook:
    """Updates posted by Telegram: checked against the secret, then handed to the bot's application."""

    def __init__(self, config: TelegramConfig, gateway: ChatGateway) -> None:
        if not config.webhook_secret:
            raise ValueError("the Telegram webhook needs TROLY_TELEGRAM_WEBHOOK_SECRET")
        self._secret = config.webhook_secret.encode()
        self.application = build_application(config, gateway, polling=False)
        self._initialized = False
        self._initializing = asyncio.Lock()

    def authentic(self, secret: str) -> bool:
        return hmac.compare_digest(secret.encode(), self._secret)

    def parse(self, body: bytes) -> Update:
        """The update in a request body; ``ValueError`` when it is not one."""
        try:
            data = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"not JSON: {exc}") from None
        if not isinstance(data, dict) or type(data.get("update_id")) is not int:
            raise ValueError("not a Telegram update (no update_id)")
        try:
            return Update.de_json(data, self.application.bot)
        except (TypeError, KeyError, ValueError, AttributeError) as exc:
            raise ValueError(f"malformed update {data['update_id']}: {exc}") from None

    async def process(self, update: Update) -> None:
        async with self._initializing:
            if not self._initialized:
                await self.application.initialize()
                self._initialized = True
        await self.application.process_update(update)

    async def stop(self) -> None:
        if self._initialized:
            await self.application.shutdown()
            self._initialized = False


def _from_environment(app: FastAPI) -> TelegramWebhook | None:
    config = TelegramConfig.from_env()
    if config is None or not config.webhook_secret:
        log.warning("Telegram webhook called but TROLY_TELEGRAM_TOKEN or TROLY_TELEGRAM_WEBHOOK_SECRET is not set")
        return None
    return TelegramWebhook(config, ChatGateway(app_assistant(app), "telegram"))


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    webhook = getattr(app.state, STATE_NAME, None)
    if webhook is not None:
        await webhook.stop()


router = APIRouter(lifespan=_lifespan)


@router.post(WEBHOOK_PATH, include_in_schema=False)
async def telegram_update(request: Request) -> Response:
    webhook = await run_in_threadpool(app_service, request.app, STATE_NAME, _from_environment)
    if webhook is None:
        return Response("Telegram channel not configured", status_code=404)
    if not webhook.authentic(request.headers.get(SECRET_HEADER, "")):
        log.warning("Telegram webhook: wrong or missing secret token from %s", request.client.host if request.client else "?")
        return Response("wrong secret token", status_code=403)
    try:
        update = webhook.parse(await json_body(request))
    except BodyRefused as exc:
        return Response(exc.reason, status_code=exc.status)
    except ValueError as exc:
        return Response(str(exc), status_code=400)
    await webhook.process(update)
    return Response(status_code=200)
