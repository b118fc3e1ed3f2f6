"""ASGI middleware: rate limits, request body limits and the security headers of the pages.

Every ``/api/`` request counts against its sender's rate limit
(``assistant.security.rate_limit``): the bearer token's when one is sent, else the
client's IP address. Over the limit the answer is 429 with ``Retry-After``. The chat
webhooks are not counted by IP: Telegram and Zalo post every user's messages from a
few addresses of theirs, so their gateway limits each chat address instead
(``channels.chat``).

Bodies are limited to ``MAX_BODY_BYTES`` (1 MB) except where a route has its own
limit (uploads: 20 MB plus the multipart envelope). A declared Content-Length over
the limit is refused before anything is read; a chunked body is counted as it
arrives and refused once it passes the limit.
"""
from __future__ import annotations

import hashlib

from fastapi import HTTPException, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.security.rate_limit import RateLimiter, too_many_message
from channels.web.errors import error_response

MAX_BODY_BYTES = 1024 * 1024
# The pages and their scripts come from this server only: no CDN, no inline script.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
_SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int):
        super().__init__(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"nội dung gửi lên quá lớn: tối đa {limit / 1048576:g} MB (request body too large)",
        )


class BodyLimit:
    def __init__(self, app: ASGIApp, limits: dict[str, int] | None = None, default: int = MAX_BODY_BYTES):
        self.app = app
        self.limits = limits or {}
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.get(scope["path"], self.default)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await error_response(400, "Content-Length không hợp lệ (invalid Content-Length)")(scope, receive, send)
                return
            if int(declared) > limit:
                await error_response(413, BodyTooLarge(limit).detail)(scope, receive, send)
                return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge as error:
            if started:
                raise
            await error_response(413, error.detail)(scope, receive, send)



class RateLimit:
    def __init__(self, app: ASGIApp, limiter: RateLimiter, prefixes: tuple[str, ...] = ("/api/",)):
        self.app = app
        self.limiter = limiter
        self.prefixes = prefixes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(self.prefixes):
            wait = self.limiter.retry_after(_sender(scope))
            if wait:
                await error_response(429, too_many_message(wait), {"Retry-After": str(wait)})(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _sender(scope: Scope) -> str:
    """Whom a request counts against: its bearer token (hashed, never kept) or its IP address."""
    authorization = dict(scope["headers"]).get(b"authorization", b"")
    if authorization.lower().startswith(b"bearer "):
        return "token:" + hashlib.sha256(authorization[7:].strip()).hexdigest()
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}"


class SecurityHeaders:
    """Adds the content security policy and friends, except on the API docs (Swagger UI needs inline script)."""

    def __init__(self, app: ASGIApp, exempt: tuple[str, ...] = ("/docs",)):
        self.app = app
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []), *_SECURITY_HEADERS,
                    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
