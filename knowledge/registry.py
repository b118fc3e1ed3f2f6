"""The document registry: every văn bản's identity, validity and who may read it.

Documents come from parsed files (``add_document``) or are only cited: by a law,
a procedure's căn cứ pháp lý, a draft (``add_cited``). What each file
contributed is recorded with its source, so ``remove_source`` forgets exactly
that; a document read from several files (a law in full and in the pháp điển)
takes each identity field from the fullest source.

Validity is derived from the corpus by ``derive_statuses(today)``:

- ``repealed`` — another document repeals it and that repeal is in effect
  (``replaced_by`` names the repealing documents);
- ``amended`` — in force, changed in part by acts in effect (``amended_by``);
- ``in_force`` — in the corpus, in effect (ngày hiệu lực passed or not stated)
  and neither repealed nor amended;
- ``unknown`` — only cited, never read: nothing says whether it is in force;
  also a document of the corpus that takes effect after ``today``.

A repeal or amendment takes effect on the date the text gives, else when the
act that makes it takes effect; an act whose date is unknown is taken as in
effect, the corpus holding enacted acts. Statuses are stored until the next
``derive_statuses``; adding or removing a document clears them (entries then
read ``unknown``), so call it after ingesting.

Documents are matched by ``number_key``: "30/2020/ND-CP" finds "30/2020/NĐ-CP".
One ``Registry`` per thread; use it as a context manager or call ``close``.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable

from knowledge.errors import BadInput
from knowledge.models import ACCESS_LEVELS, ParsedLegalDocument, RegistryEntry
from knowledge.parsing.citations import DOC_TYPES, doc_type_from_number, number_key
from knowledge.text import fold

_SCHEMA = """
CREATE TABLE IF NOT EXISTS identities (
    doc_id TEXT NOT NULL, source TEXT NOT NULL, key TEXT NOT NULL,
    number TEXT, doc_type TEXT NOT NULL, title TEXT NOT NULL, title_key TEXT NOT NULL,
    issuer TEXT, issued_on TEXT, effective_on TEXT, articles INTEGER NOT NULL,
    PRIMARY KEY (doc_id, source));
CREATE INDEX IF NOT EXISTS identities_key ON identities (key);
CREATE INDEX IF NOT EXISTS identities_title ON identities (title_key);
CREATE TABLE IF NOT EXISTS mentions (
    key TEXT NOT NULL, number TEXT NOT NULL, doc_type TEXT, title TEXT, title_key TEXT,
    by_doc TEXT NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (key, by_doc, source));
CREATE INDEX IF NOT EXISTS mentions_title ON mentions (title_key);
CREATE TABLE IF NOT EXISTS relations (
    subject_key TEXT NOT NULL, subject_id TEXT NOT NULL, verb TEXT NOT NULL,
    object_key TEXT NOT NULL, object_number TEXT NOT NULL, effective_on TEXT, evidence TEXT,
    by_doc TEXT NOT NULL, source TEXT NOT NULL,
    PRIMARY KEY (subject_key, verb, object_key, by_doc, source));
CREATE INDEX IF NOT EXISTS relations_object ON relations (object_key);
CREATE TABLE IF NOT EXISTS access (key TEXT PRIMARY KEY, access TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statuses (
    key TEXT PRIMARY KEY, status TEXT NOT NULL, replaced_by TEXT NOT NULL, amended_by TEXT NOT NULL);
"""
# When two files give one document different access levels, the stricter wins.
_STRICTNESS = {level: rank for rank, level in enumerate(ACCESS_LEVELS)}
# lookup_title: among documents sharing a title, the first status here wins.
_AMENDING_ACT = re.compile(r"^(?:\S+\s+){0,3}sửa đổi, bổ sung", re.IGNORECASE)  # "Luật Sửa đổi, bổ sung một số điều của ..."
_TITLE_PREFERENCE = {"in_force": 0, "amended": 1, "unknown": 2, "repealed": 3}


def title_key(title: str) -> str:
    """A title compared without case, diacritics or punctuation: "Luật Hộ tịch" -> "luat ho tich"."""
    return " ".join(re.findall(r"[0-9a-z]+", fold(title)))


def _key(doc_id: str, number: str | None) -> str:
    return number_key(number) if number else f"id:{doc_id}"


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class _Identity:
    key: str
    doc_id: str
    number: str | None
    doc_type: str
    title: str
    issuer: str | None
    issued_on: date | None
    effective_on: date | None
    sources: tuple[str, ...]


class Registry:
    """The registry in an SQLite file (WAL mode; every change is one transaction).

    Its connection may be used from any thread, one at a time: a server answering from a
    thread pool serialises its calls (``channels.web.backend``).
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.DatabaseError) as error:
            raise BadInput(f"{self.path}: không mở được sổ văn bản ({error})") from error

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- writing -------------------------------------------------------------

    def add_document(self, parsed: ParsedLegalDocument, access: str = "public") -> None:
        """Record a parsed document, its relations and the numbers it cites.

        Idempotent: adding the same document from the same source again replaces
        what that source said (when a file changes, ``remove_source`` it first:
        its documents may no longer be the same). ``access`` is kept when stricter
        than the level already recorded (``set_access`` changes it either way).
        """
        _check_access(access)
        doc = parsed.document
        key = _key(doc.doc_id, doc.number)
        with self._db:
            self._forget(doc.doc_id, doc.source)
            self._db.execute(
                "INSERT INTO identities VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (doc.doc_id, doc.source, key, doc.number, doc.doc_type, doc.title, title_key(doc.title),
                 doc.issuer, _iso(doc.issued_on), _iso(doc.effective_on), len(parsed.articles)),
            )
            for number in parsed.cited_numbers:
                self._mention(number, doc_type_from_number(number), None, doc.doc_id, doc.source)
            for relation in parsed.relations:
                subject_key = number_key(relation.subject_id)
                object_key = number_key(relation.object_number)
                self._db.execute(
                    "INSERT OR REPLACE INTO relations VALUES (?,?,?,?,?,?,?,?,?)",
                    (subject_key, relation.subject_id, relation.verb, object_key, relation.object_number,
                     _iso(relation.effective_on), relation.evidence, doc.doc_id, doc.source),
                )
                self._mention(relation.object_number, doc_type_from_number(relation.object_number),
                              relation.object_title or None, doc.doc_id, doc.source)
                if subject_key != key:
                    self._mention(relation.subject_id, doc_type_from_number(relation.subject_id), None, doc.doc_id, doc.source)
            current = self._db.execute("SELECT access FROM access WHERE key = ?", (key,)).fetchone()
            if current is None or _STRICTNESS[access] > _STRICTNESS[current[0]]:
                self._db.execute("INSERT OR REPLACE INTO access VALUES (?,?)", (key, access))
            self._db.execute("DELETE FROM statuses")

    def add_cited(self, number: str, doc_type: str | None = None, title: str | None = None, source: str = "") -> None:
        """Record a number cited outside the legal corpus (a procedure's căn cứ, a draft)."""
        if not number_key(number):
            raise BadInput("số hiệu văn bản trống")
        with self._db:
            self._mention(number, doc_type or doc_type_from_number(number), title, "", source)
            self._db.execute("DELETE FROM statuses")

    def remove_source(self, source: str) -> None:
        """Forget everything the file ``source`` contributed."""
        with self._db:
            self._db.execute("DELETE FROM identities WHERE source = ?", (source,))
            self._db.execute("DELETE FROM mentions WHERE source = ?", (source,))
            self._db.execute("DELETE FROM relations WHERE source = ?", (source,))
            self._db.execute("DELETE FROM access WHERE key NOT IN (SELECT key FROM identities)")
            self._db.execute("DELETE FROM statuses")

    def set_access(self, doc_id: str, access: str) -> None:
        """Who may read a document of the corpus: "public", "internal" or "confidential"."""
        _check_access(access)
        entry = self.get(doc_id)
        if entry is None or not entry.in_corpus:
            raise BadInput(f"không có văn bản {doc_id} trong kho")
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO access VALUES (?,?)", (_key(entry.doc_id, entry.number), access))

    def derive_statuses(self, today: date) -> dict[str, int]:
        """Derive every entry's status as of ``today``; returns how many entries have each status."""
        identities = self._identities()
        relations = self._db.execute(
            "SELECT subject_key, subject_id, verb, object_key, effective_on FROM relations"
        ).fetchall()
        by_object: dict[str, list[tuple[str, str, str | None, str]]] = defaultdict(list)
        for subject_key, subject_id, verb, object_key, effective_on in relations:
            if subject_key != object_key:
                by_object[object_key].append((subject_key, subject_id, effective_on, verb))
        counts: dict[str, int] = defaultdict(int)
        rows = []
        for key in self._keys():
            in_effect = [
                (subject_id, verb)
                for subject_key, subject_id, effective_on, verb in by_object.get(key, [])
                if _takes_effect(_date(effective_on), identities.get(subject_key), today)
            ]
            identity = identities.get(key)
            whole = "repeals" if identity is not None and _AMENDING_ACT.search(identity.title) else "amends"
            in_effect = [(s, whole if verb == "expires_with" else verb) for s, verb in in_effect]
            repealers = sorted({s for s, verb in in_effect if verb == "repeals"})
            amenders = sorted({s for s, verb in in_effect if verb == "amends"})
            if repealers:
                status = "repealed"
            elif identity is None or (identity.effective_on and identity.effective_on > today):
                status = "unknown"
            else:
                status = "amended" if amenders else "in_force"
            counts[status] += 1
            rows.append((key, status, json.dumps(repealers, ensure_ascii=False), json.dumps(amenders, ensure_ascii=False)))
        with self._db:
            self._db.execute("DELETE FROM statuses")
            self._db.executemany("INSERT INTO statuses VALUES (?,?,?,?)", rows)
        return dict(counts)

    # -- reading -------------------------------------------------------------

    def get(self, doc_id: str) -> RegistryEntry | None:
        """The entry of ``doc_id`` (a số hiệu, or the slug of a document without one)."""
        row = self._db.execute("SELECT key FROM identities WHERE doc_id = ? LIMIT 1", (doc_id,)).fetchone()
        if row:
            return self._entry(row[0])
        return self.lookup(doc_id)

    def lookup(self, number: str) -> RegistryEntry | None:
        """The entry of a số hiệu, however it is typed ("30/2020/ND-CP" finds "30/2020/NĐ-CP")."""
        key = number_key(number)
        if not key:
            return None
        known = self._db.execute(
            "SELECT 1 FROM identities WHERE key = ? UNION ALL SELECT 1 FROM mentions WHERE key = ? LIMIT 1", (key, key)
        ).fetchone()
        return self._entry(key) if known else None

    def lookup_title(self, title: str) -> RegistryEntry | None:
        """The document a title-only citation ("Luật Tổ chức Chính phủ") most likely means.

        Titles are compared without case, diacritics or punctuation. When several
        documents share the title (Luật Doanh nghiệp 2014 and 2020), the one in
        force wins, then an amended one, then one of unknown status, then a
        repealed one; among equals the latest issued (then the one in the corpus).
        """
        wanted = title_key(title)
        if not wanted:
            return None
        keys = {row[0] for row in self._db.execute(
            "SELECT key FROM identities WHERE title_key = ? UNION SELECT key FROM mentions WHERE title_key = ?",
            (wanted, wanted),
        )}
        candidates = [entry for entry in (self._entry(key) for key in keys) if title_key(entry.title) == wanted]
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda e: (_TITLE_PREFERENCE[e.status], -(e.issued_on or date.min).toordinal(), not e.in_corpus, e.doc_id),
        )

    def entries(self) -> list[RegistryEntry]:
        """Every entry, documents of the corpus and documents only cited, by doc_id."""
        return sorted((self._entry(key) for key in self._keys()), key=lambda e: e.doc_id)

    # -- internals -----------------------------------------------------------

    def _forget(self, doc_id: str, source: str) -> None:
        for table, column in (("identities", "doc_id"), ("mentions", "by_doc"), ("relations", "by_doc")):
            self._db.execute(f"DELETE FROM {table} WHERE {column} = ? AND source = ?", (doc_id, source))

    def _mention(self, number: str, doc_type: str | None, title: str | None, by_doc: str, source: str) -> None:
        if doc_type is None and title:
            doc_type = next((t for t in DOC_TYPES if fold(title).startswith(fold(t) + " ")), None)
        self._db.execute(
            "INSERT INTO mentions VALUES (?,?,?,?,?,?,?) ON CONFLICT (key, by_doc, source) DO UPDATE SET"
            " doc_type = COALESCE(excluded.doc_type, doc_type), title = COALESCE(excluded.title, title),"
            " title_key = COALESCE(excluded.title_key, title_key)",
            (number_key(number), number, doc_type, title, title_key(title) if title else None, by_doc, source),
        )

    def _keys(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT key FROM identities UNION SELECT key FROM mentions")]

    def _identities(self, keys: Iterable[str] | None = None) -> dict[str, _Identity]:
        query = "SELECT key, doc_id, number, doc_type, title, issuer, issued_on, effective_on, articles, source FROM identities"
        params: tuple[str, ...] = ()
        if keys is not None:
            params = tuple(keys)
            query += f" WHERE key IN ({','.join('?' * len(params))})"
        grouped: dict[str, list[tuple]] = defaultdict(list)
        for row in self._db.execute(query, params):
            grouped[row[0]].append(row)
        return {key: _merge(rows) for key, rows in grouped.items()}

    def _entry(self, key: str) -> RegistryEntry:
        identity = self._identities([key]).get(key)
        status_row = self._db.execute(
            "SELECT status, replaced_by, amended_by FROM statuses WHERE key = ?", (key,)
        ).fetchone()
        status, replaced_by, amended_by = status_row or ("unknown", "[]", "[]")
        access_row = self._db.execute("SELECT access FROM access WHERE key = ?", (key,)).fetchone()
        common = dict(
            status=status,
            replaced_by=tuple(json.loads(replaced_by)),
            amended_by=tuple(json.loads(amended_by)),
            access=access_row[0] if access_row else "public",
        )
        if identity:
            return RegistryEntry(
                doc_id=identity.doc_id,
                number=identity.number,
                doc_type=identity.doc_type,
                title=identity.title,
                issuer=identity.issuer,
                issued_on=identity.issued_on,
                effective_on=identity.effective_on,
                in_corpus=True,
                source=identity.sources[0],
                **common,
            )
        mentions = self._db.execute(
            "SELECT number, doc_type, title FROM mentions WHERE key = ? ORDER BY title IS NULL, doc_type IS NULL, source, by_doc",
            (key,),
        ).fetchall()
        number, doc_type, title = mentions[0]
        doc_type = doc_type or next((m[1] for m in mentions if m[1]), None) or "Văn bản"
        return RegistryEntry(
            doc_id=number,
            number=number,
            doc_type=doc_type,
            title=title or f"{doc_type} số {number}",
            in_corpus=False,
            **common,
        )


def _check_access(access: str) -> None:
    if access not in _STRICTNESS:
        raise BadInput(f"mức truy cập không hợp lệ: {access!r} (public, internal, confidential)")


def _merge(rows: list[tuple]) -> _Identity:
    """One identity from every source's: fields from the fullest source first.

    A source that names the document by its number only (an appendix file,
    "Nghị định số 30/2020/NĐ-CP") yields to one that gives its title.
    """
    def fullness(row: tuple) -> tuple:
        _, _, number, _, title, *_rest, articles, source = row
        return (bool(number) and number in title, -articles, source)

    rows = sorted(rows, key=fullness)

    def first(index: int):
        return next((row[index] for row in rows if row[index]), None)

    best = rows[0]
    return _Identity(
        key=best[0],
        doc_id=best[1],
        number=first(2),
        doc_type=best[3],
        title=best[4],
        issuer=first(5),
        issued_on=_date(first(6)),
        effective_on=_date(first(7)),
        sources=tuple(row[9] for row in rows),
    )


def _takes_effect(effective_on: date | None, subject: _Identity | None, today: date) -> bool:
    """Whether a change dated ``effective_on`` (else when its act takes effect) is in effect ``today``."""
    when = effective_on or (subject.effective_on if subject else None)
    return when is None or when <= today
