"""A Rasa 3.6 server as the NLU engine (``TROLY_NLU=rasa``), asked over HTTP.

Rasa needs Python < 3.11, so it runs as its own service (``make rasa``), trained on the
same ``data/nlu.yml`` as the embedded engine. ``RasaNLU.parse`` asks its ``POST
/model/parse``; when Rasa cannot be reached or answers nonsense, one warning is logged
and the embedded engine answers instead, until Rasa is tried again ``retry_after``
seconds later (so an outage costs one timeout, not one per message).

``result_from_rasa`` reads Rasa's parse result, the shape found both in ``/model/parse``
answers and in a tracker's ``latest_message`` (the action server reads it there).
"""
from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import httpx

from assistant.nlu.base import NLU, OUT_OF_SCOPE, Entity, NluResult
from knowledge.errors import BadInput

logger = logging.getLogger(__name__)

T = TypeVar("T")
# The intent Rasa's FallbackClassifier gives below its threshold: troly's out_of_scope,
# as the embedded classifier answers below its own.
RASA_FALLBACK_INTENT = "nlu_fallback"
PARSE_TIMEOUT = httpx.Timeout(5.0, connect=1.0)
RETRY_AFTER_SECONDS = 30.0


class BadRasaResult(ValueError):
    """Rasa's answer is not what was asked for (a parse result without intent: no model loaded)."""


class RasaConnection:
    """POSTs to one Rasa server; an outage is logged once, then calls are not tried for a while.

    ``post`` returns None (and troly does without Rasa) when Rasa cannot be reached, answers
    with an error status, or answers something ``read`` refuses; ``instead`` names, for the
    log line, what answers meanwhile.
    """

    def __init__(
        self,
        url: str,
        instead: str,
        timeout: httpx.Timeout,
        client: httpx.Client | None = None,
        retry_after: float = RETRY_AFTER_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url.rstrip("/")
        self._instead = instead
        self._client = client or httpx.Client(timeout=timeout)
        self._retry_after = retry_after
        self._clock = clock
        self._down_until: float | None = None

    def post(self, path: str, payload: Mapping[str, Any], read: Callable[[Any], T]) -> T | None:
        if self._down_until is not None and self._clock() < self._down_until:
            return None
        try:
            response = self._client.post(self.url + path, json=dict(payload))
            response.raise_for_status()
            value = read(response.json())
        except (httpx.HTTPError, ValueError, KeyError, TypeError) as error:
            logger.warning(
                "Rasa at %s is unavailable (%s %s: %s); %s for the next %.0f s",
                self.url, path, type(error).__name__, error, self._instead, self._retry_after,
            )
            self._down_until = self._clock() + self._retry_after
            return None
        if self._down_until is not None:
            logger.warning("Rasa at %s answers again", self.url)
            self._down_until = None
        return value


def _intent(name: str) -> str:
    return OUT_OF_SCOPE if name == RASA_FALLBACK_INTENT else name


def result_from_rasa(parse: Mapping[str, Any]) -> NluResult:
    """An ``NluResult`` from Rasa's ``{"text", "intent": {"name", "confidence"}, "entities",
    "intent_ranking"}``; ``nlu_fallback`` becomes ``out_of_scope``."""
    intent = parse.get("intent") or {}
    if not intent.get("name"):
        raise BadRasaResult(f"no intent in Rasa's parse result: {dict(parse)!r:.200}")
    text = parse.get("text") or ""
    entities = tuple(
        Entity(e["entity"], str(e["value"]), e["start"], e["end"], text[e["start"]:e["end"]])
        for e in parse.get("entities") or ()
    )
    ranking = tuple((_intent(r["name"]), float(r["confidence"])) for r in parse.get("intent_ranking") or ())
    return NluResult(_intent(intent["name"]), float(intent.get("confidence") or 0.0), entities, ranking)


class RasaNLU:
    """The ``NLU`` protocol over a Rasa server, with ``fallback`` when it is down."""

    def __init__(self, connection: RasaConnection, fallback: NLU) -> None:
        self.connection = connection
        self.fallback = fallback

    @classmethod
    def at(cls, url: str, fallback: NLU) -> "RasaNLU":
        return cls(RasaConnection(url, "the embedded NLU answers", PARSE_TIMEOUT), fallback)

    def parse(self, text: str) -> NluResult:
        if not text or not text.strip():
            raise BadInput("tin nhắn trống (empty message)")
        result = self.connection.post("/model/parse", {"text": text}, result_from_rasa)
        return result if result is not None else self.fallback.parse(text)
