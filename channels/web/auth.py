"""Who is calling: a bearer token names an officer, a delegate or an admin; no token, a citizen.

Tokens come from ``troly user add NAME --role officer`` (or ``troly user token NAME``)
and are checked with ``UserDirectory.authenticate``. A token that is sent but not
recognised is refused (401), never downgraded to a citizen: an officer whose token
was revoked must notice. A role written in a request body is never believed.
"""
from __future__ import annotations

from collections.abc import Callable

from fastapi import Depends, HTTPException, Request, status

from assistant.security.users import User
from channels.web.backend import WebBackend, get_backend

STAFF = ("officer", "admin")  # who handles tickets, uploads documents and reads the analytics


def _unauthorized(message: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"})


def current_user(request: Request, backend: WebBackend = Depends(get_backend)) -> User | None:
    """The user of the bearer token, or None for an anonymous citizen."""
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthorized("tiêu đề Authorization phải có dạng 'Bearer <token>' (malformed Authorization header)")
    with backend.locked() as assistant:
        user = assistant.users.authenticate(token.strip())
        if user is not None:
            assistant.audit.record(user.name, user.role, "token_use", f"{request.method} {request.url.path}", "web")
    if user is None:
        raise _unauthorized("token không hợp lệ hoặc đã bị thu hồi (invalid or revoked token)")
    return user


def require_role(*roles: str) -> Callable[..., User]:
    """A dependency that lets through only users whose role is one of ``roles``."""

    def dependency(user: User | None = Depends(current_user)) -> User:
        if user is None:
            raise _unauthorized("cần đăng nhập bằng token của cán bộ (authentication required)")
        if user.role not in roles:
            raise HTTPException(
                status.HTTP_403_FORBIDDEN,
                f"vai trò '{user.role}' không được dùng chức năng này; cần: {', '.join(roles)} (forbidden)",
            )
        return user

    return dependency


require_staff = require_role(*STAFF)
