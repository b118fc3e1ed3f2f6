"""The passage store of one index generation (SQLite).

Row numbers are shared with the keyword and vector indexes of the same
generation. Whole procedures are kept beside their passages so the citizen guide
can present their structure (documents to bring, fees, methods).
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from knowledge.index.base import SearchFilters
from knowledge.models import Passage, Procedure
from knowledge.serialization import from_jsonable, to_jsonable

MAX_KEPT_MASKS = 256

_SCHEMA = """
CREATE TABLE passages (row INTEGER PRIMARY KEY, passage_id TEXT UNIQUE NOT NULL, data TEXT NOT NULL);
CREATE TABLE procedures (code TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class PassageStore:
    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._passages: list[Passage] = [
            from_jsonable(Passage, json.loads(data))
            for (data,) in self._db.execute("SELECT data FROM passages ORDER BY row")
        ]
        self._columns = {
            name: np.array([getattr(p, name) for p in self._passages], dtype=object)
            for name in ("kind", "access", "status", "doc_id")
        }
        self.meta = dict(self._db.execute("SELECT key, value FROM meta"))
        # A generation never changes: what is computed or read from it once is kept.
        self._masks: dict[SearchFilters, np.ndarray | None] = {}
        self._procedures: dict[str, Procedure | None] = {}

    @staticmethod
    def create(path: Path, passages: Sequence[Passage], procedures: Iterable[Procedure], meta: dict[str, str]) -> None:
        db = sqlite3.connect(path)
        with db:
            db.executescript(_SCHEMA)
            db.executemany(
                "INSERT INTO passages VALUES (?, ?, ?)",
                ((row, p.passage_id, json.dumps(to_jsonable(p), ensure_ascii=False)) for row, p in enumerate(passages)),
            )
            db.executemany(
                "INSERT OR REPLACE INTO procedures VALUES (?, ?)",
                ((p.code, json.dumps(to_jsonable(p), ensure_ascii=False)) for p in procedures),
            )
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        db.close()

    def __len__(self) -> int:
        return len(self._passages)

    def __getitem__(self, row: int) -> Passage:
        return self._passages[row]

    def __iter__(self):
        return iter(self._passages)

    def mask(self, filters: SearchFilters | None) -> np.ndarray | None:
        """Rows allowed by ``filters``, or None when every row is (read-only; the same filters give the same array)."""
        if filters is None:
            return None
        if filters not in self._masks:
            if len(self._masks) >= MAX_KEPT_MASKS:  # filters naming documents vary without end
                self._masks.clear()
            self._masks[filters] = self._allowed(filters)
        return self._masks[filters]

    def _allowed(self, filters: SearchFilters) -> np.ndarray | None:
        allowed = np.ones(len(self._passages), dtype=bool)
        for name, values in (
            ("kind", filters.kinds),
            ("access", filters.access),
            ("status", filters.statuses),
            ("doc_id", filters.doc_ids),
        ):
            if values is not None:
                allowed &= np.isin(self._columns[name], list(values))
        if allowed.all():
            return None
        allowed.flags.writeable = False
        return allowed

    def procedure(self, code: str) -> Procedure | None:
        if code not in self._procedures:
            row = self._db.execute("SELECT data FROM procedures WHERE code = ?", (code,)).fetchone()
            self._procedures[code] = from_jsonable(Procedure, json.loads(row[0])) if row else None
        return self._procedures[code]

    def procedures(self) -> list[Procedure]:
        return [from_jsonable(Procedure, json.loads(d)) for (d,) in self._db.execute("SELECT data FROM procedures")]

    def close(self) -> None:
        self._db.close()
