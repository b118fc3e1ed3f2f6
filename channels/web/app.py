"""The web application: REST API, chat page, officers' pages, and the routers of other channels.

Other channels plug in without touching this module's code, by adding one line to
a tuple:

- ``EXTRA_ROUTERS``: ``"module:attribute"`` of a FastAPI ``APIRouter`` mounted as it is
  (a Zalo webhook, the Rasa action endpoint…). Its routes reach the assistant with
  ``backend: WebBackend = Depends(get_backend)`` then ``backend.ask(...)`` or
  ``with backend.locked() as assistant:``, and the caller with ``Depends(current_user)``.
- ``REPLY_DELIVERERS``: ``"module:attribute"`` of a factory ``(Assistant) -> ReplyDeliverer | None``
  (``channels.delivery``) that sends officers' replies to citizens of that channel (None when
  the channel is not configured).

Mounted here: the Telegram and Zalo webhooks (answering 404 until their channel is
configured) and the Rasa action endpoint. ``app.state.assistant`` is the one assistant of
the process; every channel holds ``channels.chat.assistant_lock`` around a turn.
"""
from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from assistant.core import Assistant
from channels.web import chat_api, documents_api, officer_api, pages
from channels.web.pages import STATIC_DIR
from channels.web.backend import WebBackend
from channels.web.errors import install_error_handlers
from assistant.security.rate_limit import RateLimiter
from channels.web.middleware import BodyLimit, RateLimit, SecurityHeaders
from knowledge.settings import Settings

EXTRA_ROUTERS: tuple[str, ...] = (
    "channels.telegram.webhook:router",
    "channels.zalo.webhook:router",
    "channels.rasa_actions:router",
)
REPLY_DELIVERERS: tuple[str, ...] = ("channels.outbound:telegram_replies", "channels.outbound:zalo_replies")
DESCRIPTION = """Trợ lý ảo cho cơ quan hành chính: hỏi đáp thủ tục và pháp luật có trích dẫn, phản ánh và
gặp cán bộ, tải văn bản lên để lập chỉ mục, thống kê các mối quan tâm của người dân.

Citizens are anonymous (a `session_id` carries the conversation); officers, delegates and admins send
`Authorization: Bearer <token>` (`troly user add NAME --role officer` prints one). Errors are
`{"error": code, "detail": message}`."""


def load(dotted: str) -> Any:
    """The object named ``"package.module:attribute"``."""
    module, _, attribute = dotted.partition(":")
    if not attribute:
        raise ValueError(f"expected 'module:attribute', got '{dotted}'")
    return getattr(importlib.import_module(module), attribute)


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    """The app over ``assistant`` (built from ``settings`` or the environment when not given)."""
    assistant = assistant or Assistant(settings)
    deliverers = [load(name)(assistant) for name in REPLY_DELIVERERS]
    backend = WebBackend(assistant, [deliverer for deliverer in deliverers if deliverer is not None])

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        backend.close()

    app = FastAPI(
        title="troly", version="0.1.0", description=DESCRIPTION, lifespan=lifespan, docs_url=None, redoc_url=None,
    )
    app.state.backend = backend
    app.state.assistant = assistant
    install_error_handlers(app)
    for router in (chat_api.router, officer_api.router, documents_api.router, pages.router):
        app.include_router(router)
    for name in EXTRA_ROUTERS:
        app.include_router(load(name))
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        """Swagger UI, served from this machine (no CDN)."""
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="troly — API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js", swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, limits={"/api/documents": documents_api.MAX_UPLOAD_BYTES + documents_api.MULTIPART_OVERHEAD})
    app.add_middleware(RateLimit, limiter=RateLimiter(assistant.settings.rate_per_minute))
    return app
