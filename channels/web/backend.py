"""What the web server holds: the assistant, the lock that guards it, deliverers and ingest jobs.

The assistant and its SQLite stores are used by one request at a time: request
handlers run in a thread pool, and a store's connection must not run two
transactions at once. Every route, and every router mounted from another channel,
goes through ``WebBackend.ask`` or ``with backend.locked() as assistant:``.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from fastapi import Request

from assistant.answer import Answer
from assistant.core import ZONE, Assistant
from assistant.security.users import User
from channels.chat import assistant_lock
from channels.delivery import ReplyDeliverer, ReplyDeliveries
from channels.web.delivery import WebReplies
from channels.web.ingest_jobs import IngestJobs


class WebBackend:
    def __init__(self, assistant: Assistant, deliverers: list[ReplyDeliverer] = ()):
        """``deliverers``: reply deliverers of the other channels served by this process (web's is built in)."""
        self._assistant = assistant
        self._lock = assistant_lock(assistant)
        self.settings = assistant.settings
        self.web_replies = WebReplies(assistant.tickets)
        self.deliveries = ReplyDeliveries(assistant.tickets, [self.web_replies, *deliverers])
        self.jobs = IngestJobs(assistant.settings)

    @contextmanager
    def locked(self) -> Iterator[Assistant]:
        """The assistant, for this thread alone, over the newest published knowledge base."""
        with self._lock:
            self._assistant.refresh_knowledge()
            yield self._assistant

    def ask(self, message: str, session_id: str | None, user: User | None, channel: str = "web") -> Answer:
        """One turn. An unknown session id, or one that belongs to someone else, starts a new conversation."""
        with self.locked() as assistant:
            if session_id is not None:
                session = assistant.sessions.get(session_id)
                if session is None or session.user_id != (user.id if user else None) or session.channel != channel:
                    session_id = None
            return assistant.ask(message, session_id=session_id, user=user, channel=channel, now=datetime.now(ZONE))

    def close(self) -> None:
        self.jobs.close()


def get_backend(request: Request) -> WebBackend:
    """The backend of the app serving ``request`` (a FastAPI dependency for every router)."""
    return request.app.state.backend
