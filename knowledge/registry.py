"""The document registry: every văn bản's identity, validity and who may read it.

Documents come from parsed files (``add_document``) or are only cited: by a law,
a procedure's căn cứ pháp lý, a draft (``add_cited``). What each file
contributed is recorded with its source, so ``remove_source`` forgets exactly
that; a document read from several files (a law in full and in the pháp điển)
takes each identity field from the fullest source.

Validity is a timeline per document — dated ``StatusChange``s — and a document's
status is the step in effect on the day it is read (``today``, a clock the owner
may set), so a long-running server never keeps yesterday's status and a change
dated in the future shows as ``upcoming``. ``derive_statuses`` writes the
timelines after ingesting; adding or removing a document clears them (entries
then read ``unknown``). From the corpus:

- ``repealed`` — another document repeals it (``replaced_by`` names the repealing ones),
  from the date the text gives, else from when the repealing act takes effect;
- ``amended`` — in force, changed in part by acts in effect (``amended_by``);
- ``in_force`` — in the corpus, from its ngày hiệu lực (from the start when not stated);
- a text whose title says it details others by number ("Thông tư quy định chi tiết … Nghị định số
  31/2014/NĐ-CP") is ``repealed`` when all of them are, from the last one's date: it expires with
  what it details (khoản 2 Điều 154 Luật Ban hành văn bản quy phạm pháp luật 2015);
- ``unknown`` — only cited, never read: nothing says whether it is in force; also a
  document of the corpus before its ngày hiệu lực.

An act whose date is unknown is taken as in effect, the corpus holding enacted acts.

A validity feed (``apply_feed``, ``knowledge.parsing.status_feed``) beats the corpus:
from a row's ``since`` on, the row decides (``partially_repealed`` exists only there);
before it, the corpus does. Feeds applied later beat earlier ones for the same
document; a feed is applied whole or not at all, and one that would close a
replacement cycle with the feeds already applied is refused. A document a feed
names as replacing another from a date is in force from that date at the latest
(Luật Đất đai 2024 says 01/01/2025; the feed, after Luật 43/2024/QH15, 01/8/2024).

Documents are matched by ``number_key``: "30/2020/ND-CP" finds "30/2020/NĐ-CP".
One ``Registry`` per thread; use it as a context manager or call ``close``.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Callable, Iterable

from knowledge.errors import BadInput
from knowledge.models import ACCESS_LEVELS, ParsedLegalDocument, RegistryEntry, StatusChange
from knowledge.parsing.citations import DOC_TYPES, doc_type_from_number, find_numbers, number_key
from knowledge.parsing.status_feed import FeedRow, StatusFeed, check_cycles, named_in_basis
from knowledge.text import fold

REGISTRY = "registry.sqlite"  # its file in an index generation

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
CREATE TABLE IF NOT EXISTS timeline (
    key TEXT NOT NULL, step INTEGER NOT NULL, since TEXT, status TEXT NOT NULL, replaced_by TEXT NOT NULL,
    amended_by TEXT NOT NULL, source TEXT NOT NULL, basis TEXT NOT NULL,
    PRIMARY KEY (key, step));
CREATE TABLE IF NOT EXISTS feeds (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS feed_rows (
    key TEXT NOT NULL, number TEXT NOT NULL, title TEXT NOT NULL, status TEXT NOT NULL, since TEXT,
    replaced_by TEXT NOT NULL, basis TEXT NOT NULL, feed TEXT NOT NULL, line INTEGER NOT NULL,
    PRIMARY KEY (key, feed));
"""
# When two files give one document different access levels, the stricter wins.
_STRICTNESS = {level: rank for rank, level in enumerate(ACCESS_LEVELS)}
# lookup_title: among documents sharing a title, the first status here wins.
_AMENDING_ACT = re.compile(r"^(?:\S+\s+){0,3}sửa đổi, bổ sung", re.IGNORECASE)  # "Luật Sửa đổi, bổ sung một số điều của ..."
_TITLE_PREFERENCE = {"in_force": 0, "amended": 1, "partially_repealed": 2, "unknown": 3, "repealed": 4}
_FEED = "feed:"  # the mentions a feed makes are recorded under source "feed:<its name>"


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

    def __init__(self, path: Path, today: Callable[[], date] = date.today) -> None:
        """``today`` is the clock statuses are judged by when read (tests set it)."""
        self.path = Path(path)
        self.today = today
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
            self._db.execute("DELETE FROM timeline")

    def add_cited(self, number: str, doc_type: str | None = None, title: str | None = None, source: str = "") -> None:
        """Record a number cited outside the legal corpus (a procedure's căn cứ, a draft)."""
        if not number_key(number):
            raise BadInput("số hiệu văn bản trống")
        with self._db:
            self._mention(number, doc_type or doc_type_from_number(number), title, "", source)
            self._db.execute("DELETE FROM timeline")

    def remove_source(self, source: str) -> None:
        """Forget everything the file ``source`` contributed."""
        with self._db:
            self._db.execute("DELETE FROM identities WHERE source = ?", (source,))
            self._db.execute("DELETE FROM mentions WHERE source = ?", (source,))
            self._db.execute("DELETE FROM relations WHERE source = ?", (source,))
            self._db.execute("DELETE FROM access WHERE key NOT IN (SELECT key FROM identities)")
            self._db.execute("DELETE FROM timeline")

    def set_access(self, doc_id: str, access: str) -> None:
        """Who may read a document of the corpus: "public", "internal" or "confidential"."""
        _check_access(access)
        entry = self.get(doc_id)
        if entry is None or not entry.in_corpus:
            raise BadInput(f"không có văn bản {doc_id} trong kho")
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO access VALUES (?,?)", (_key(entry.doc_id, entry.number), access))

    def derive_statuses(self) -> dict[str, int]:
        """Write every entry's validity timeline; returns how many entries have each status today."""
        with self._db:
            rows = self._write_timelines()
        today = self.today()
        counts: dict[str, int] = defaultdict(int)
        for timeline in rows.values():
            counts[_as_of(timeline, today)[0].status] += 1
        return dict(counts)

    def check_feed(self, feed: StatusFeed, replacing: Iterable[str] = ()) -> None:
        """``BadInput`` (naming the feed's line) when the feed would close a replacement cycle
        with the feeds applied before, those named in ``replacing`` (and ``feed.name``) left out."""
        dropped = {feed.name, *replacing}
        merged = {row.key: row for row in self._feed_rows() if row.feed not in dropped}
        merged.update({row.key: row for row in feed.rows})
        check_cycles(merged.values(), blame=feed.name)

    def apply_feed(self, feed: StatusFeed, replacing: Iterable[str] = ()) -> int:
        """Apply a validity feed over the corpus and the feeds applied before; returns its rows.

        A feed of the same name, and those named in ``replacing``, are taken out first. Nothing
        changes when it is refused (``check_feed``).
        """
        replacing = [feed.name, *replacing]
        self.check_feed(feed, replacing)
        with self._db:
            for name in replacing:
                self._db.execute("DELETE FROM feed_rows WHERE feed = ?", (name,))
                self._db.execute("DELETE FROM feeds WHERE name = ?", (name,))
                self._db.execute("DELETE FROM mentions WHERE source = ?", (_FEED + name,))
            position = self._db.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM feeds").fetchone()[0]
            self._db.execute("INSERT INTO feeds VALUES (?, ?)", (feed.name, position))
            source = _FEED + feed.name
            for row in feed.rows:
                self._db.execute(
                    "INSERT INTO feed_rows VALUES (?,?,?,?,?,?,?,?,?)",
                    (row.key, row.number, row.title, row.status, _iso(row.since),
                     json.dumps(row.replaced_by, ensure_ascii=False), row.basis, feed.name, row.line),
                )
                self._mention(row.number, doc_type_from_number(row.number), row.title or None, "", source)
                names = named_in_basis(row)
                for number in row.replaced_by:
                    self._mention(number, doc_type_from_number(number), names.get(number_key(number)), row.number, source)
            self._write_timelines()
        return len(feed.rows)

    def feeds(self) -> list[str]:
        """The names of the feeds applied, in the order they were."""
        return [row[0] for row in self._db.execute("SELECT name FROM feeds ORDER BY position")]

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

    def lookup_title(self, title: str, year: int | None = None, in_corpus: bool = False) -> RegistryEntry | None:
        """The document a title-only citation ("Luật Tổ chức Chính phủ") most likely means.

        Titles are compared without case, diacritics or punctuation. When several
        documents share the title (Luật Doanh nghiệp 2014 and 2020), one issued in
        ``year`` (when given) wins, then the one in force, then an amended one, then
        one of unknown status, then a repealed one; among equals the latest issued
        (then the one in the corpus). ``in_corpus``: only documents whose text the corpus
        holds (an article asked for by number is read there).
        """
        wanted = title_key(title)
        if not wanted:
            return None
        keys = {row[0] for row in self._db.execute(
            "SELECT key FROM identities WHERE title_key = ? UNION SELECT key FROM mentions WHERE title_key = ?",
            (wanted, wanted),
        )}
        candidates = [entry for entry in (self._entry(key) for key in keys)
                      if title_key(entry.title) == wanted and (entry.in_corpus or not in_corpus)]
        if not candidates:
            return None
        return min(
            candidates,
            key=lambda e: (year is not None and e.year != year, _TITLE_PREFERENCE[e.status],
                           -(e.issued_on or date.min).toordinal(), not e.in_corpus, e.doc_id),
        )

    def entries(self) -> list[RegistryEntry]:
        """Every entry, documents of the corpus and documents only cited, by doc_id."""
        return sorted((self._entry(key) for key in self._keys()), key=lambda e: e.doc_id)

    def statuses(self, doc_ids: Iterable[str]) -> dict[str, StatusChange]:
        """The validity today of documents of the corpus, by doc_id, in one query (for ranking).

        Unknown doc_ids are left out; a document without a timeline reads ``unknown``.
        """
        wanted = tuple(set(doc_ids))
        if not wanted:
            return {}
        marks = ",".join("?" * len(wanted))
        keys = dict(self._db.execute(f"SELECT doc_id, key FROM identities WHERE doc_id IN ({marks})", wanted))
        steps: dict[str, list[StatusChange]] = defaultdict(list)
        marks = ",".join("?" * len(set(keys.values())))
        for row in self._db.execute(
            f"SELECT key, since, status, replaced_by, amended_by, source, basis FROM timeline WHERE key IN ({marks})"
            " ORDER BY key, step",
            tuple(set(keys.values())),
        ):
            steps[row[0]].append(_step(row[1:]))
        today = self.today()
        return {doc_id: _as_of(steps.get(key) or [StatusChange("unknown")], today)[0] for doc_id, key in keys.items()}

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
        steps = [
            _step(row) for row in self._db.execute(
                "SELECT since, status, replaced_by, amended_by, source, basis FROM timeline WHERE key = ? ORDER BY step", (key,)
            )
        ]
        current, upcoming = _as_of(steps or [StatusChange("unknown")], self.today())
        access_row = self._db.execute("SELECT access FROM access WHERE key = ?", (key,)).fetchone()
        common = dict(
            status=current.status,
            replaced_by=current.replaced_by,
            amended_by=current.amended_by,
            status_since=current.since,
            status_source=current.source,
            basis=current.basis,
            upcoming=upcoming,
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

    def _feed_rows(self) -> list[FeedRow]:
        """The rows of every feed applied, earlier feeds first."""
        return [
            FeedRow(number, title, status, _date(since), tuple(json.loads(replaced_by)), basis, feed, line)
            for number, title, status, since, replaced_by, basis, feed, line in self._db.execute(
                "SELECT r.number, r.title, r.status, r.since, r.replaced_by, r.basis, r.feed, r.line"
                " FROM feed_rows r JOIN feeds f ON f.name = r.feed ORDER BY f.position, r.line"
            )
        ]

    def _write_timelines(self) -> dict[str, list[StatusChange]]:
        """Every entry's timeline from the corpus and the feeds, written in the caller's transaction."""
        feed = {row.key: row for row in self._feed_rows()}  # later feeds win
        identities = self._identities()
        for row in feed.values():  # a replacement named by a feed is in force from the replacement on
            if row.since is None or row.status not in ("repealed", "partially_repealed"):
                continue
            for number in row.replaced_by:
                replacing = identities.get(number_key(number))
                if replacing is not None and (replacing.effective_on is None or replacing.effective_on > row.since):
                    identities[replacing.key] = replace(replacing, effective_on=row.since)
        by_object: dict[str, list[_Change]] = defaultdict(list)
        for subject_key, subject_id, verb, object_key, effective_on, evidence in self._db.execute(
            "SELECT subject_key, subject_id, verb, object_key, effective_on, evidence FROM relations"
        ):
            if subject_key != object_key:
                subject = identities.get(subject_key)
                when = _date(effective_on) or (subject.effective_on if subject else None)
                by_object[object_key].append(_Change(subject_id, verb, when, evidence or ""))
        timelines = {key: _corpus_timeline(identities.get(key), by_object.get(key, [])) for key in self._keys()}
        for key, timeline in _replacements_outside_the_corpus(feed.values(), identities, timelines).items():
            timelines[key] = timeline
        for key, row in feed.items():
            if key in timelines:
                timelines[key] = _with_feed_row(timelines[key], row)
        for key, timeline in list(timelines.items()):  # the feed decides for what it names
            detailed = None if key in feed else _expires_with_detailed(identities.get(key), timelines)
            if detailed is not None:
                timelines[key] = [*(step for step in timeline if step.since is None or step.since < detailed.since), detailed]
        self._db.execute("DELETE FROM timeline")
        self._db.executemany(
            "INSERT INTO timeline VALUES (?,?,?,?,?,?,?,?)",
            (
                (key, step, _iso(change.since), change.status, json.dumps(change.replaced_by, ensure_ascii=False),
                 json.dumps(change.amended_by, ensure_ascii=False), change.source, change.basis)
                for key, timeline in timelines.items()
                for step, change in enumerate(timeline)
            ),
        )
        return timelines


def replacement_chains(lookup: Callable[[str], RegistryEntry | None], entry: RegistryEntry) -> list[tuple[RegistryEntry, ...]]:
    """From each document that replaced ``entry`` to the one in force today, following documents
    replaced in turn: 77/2015/QH13 gives [(65/2025/QH15, 72/2025/QH15)].

    A chain ends at a document not repealed, at one repealed with nothing named after it, or
    where a cycle would close; a number ``lookup`` does not know is left out.
    """
    chains: list[tuple[RegistryEntry, ...]] = []

    def follow(current: RegistryEntry, path: tuple[RegistryEntry, ...], seen: frozenset[str]) -> None:
        for number in current.replaced_by:
            successor = lookup(number) if number_key(number) not in seen else None
            if successor is None:
                if path and path not in chains:
                    chains.append(path)
                continue
            chain = (*path, successor)
            if successor.status == "repealed" and successor.replaced_by:
                follow(successor, chain, seen | {number_key(number)})
            else:
                chains.append(chain)

    follow(entry, (), frozenset({number_key(entry.number or entry.doc_id)}))
    return chains


def current_documents(lookup: Callable[[str], RegistryEntry | None], entry: RegistryEntry) -> list[RegistryEntry]:
    """The documents in force today at the ends of ``entry``'s replacement chains."""
    ends = [chain[-1] for chain in replacement_chains(lookup, entry)]
    return [e for e in dict.fromkeys(ends) if e.status != "repealed"]


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


@dataclass(frozen=True)
class _Change:
    """A relation of the corpus on one document, dated: when it takes effect (None: always)."""

    subject_id: str
    verb: str
    when: date | None
    evidence: str


def _replacements_outside_the_corpus(
    rows: Iterable[FeedRow], identities: dict[str, _Identity], timelines: dict[str, list[StatusChange]]
) -> dict[str, list[StatusChange]]:
    """The timelines of documents a feed names as replacements that the corpus only mentions and knows nothing
    of: in force from the replacement on ("Luật Căn cước 26/2023/QH15", which replaced Luật Căn cước công dân
    from 01/7/2024). A feed row on the replacement itself comes after (a law replaced in turn)."""
    known: dict[str, list[StatusChange]] = {}
    for row in rows:
        if row.since is None or row.status not in ("repealed", "partially_repealed"):
            continue
        for number in row.replaced_by:
            key = number_key(number)
            unknown = all(step.status == "unknown" for step in timelines.get(key, []))
            if key in timelines and key not in identities and unknown and (key not in known or known[key][-1].since > row.since):
                basis = f"thay thế {row.number}: {row.basis}" if row.basis else f"thay thế {row.number}"
                known[key] = [StatusChange("unknown"), StatusChange("in_force", row.since, source="feed", basis=basis)]
    return known


def _corpus_timeline(identity: _Identity | None, changes: list[_Change]) -> list[StatusChange]:
    """The document's steps from the corpus: its state at the start and at every date something changes."""
    days = sorted({c.when for c in changes if c.when} | ({identity.effective_on} if identity and identity.effective_on else set()))
    timeline: list[StatusChange] = []
    for day in [None, *days]:
        state = _state(identity, [c for c in changes if c.when is None or (day is not None and c.when <= day)], day)
        if not timeline or _differs(timeline[-1], state):
            timeline.append(state)
    return timeline


def _state(identity: _Identity | None, in_effect: list[_Change], day: date | None) -> StatusChange:
    """The corpus's status of a document on ``day`` (None: before anything is dated), given the changes in effect."""
    whole = "repeals" if identity is not None and _AMENDING_ACT.search(identity.title) else "amends"
    verbs = [(c, whole if c.verb == "expires_with" else c.verb) for c in in_effect]
    repealers = sorted((c for c, verb in verbs if verb == "repeals"), key=lambda c: c.subject_id)
    amenders = sorted((c for c, verb in verbs if verb == "amends"), key=lambda c: c.subject_id)
    if repealers:
        return StatusChange("repealed", day, _subjects(repealers), source="corpus", basis=repealers[0].evidence)
    if identity is None:
        return StatusChange("unknown", day)
    if identity.effective_on and (day is None or identity.effective_on > day):
        return StatusChange("unknown", day, source="corpus", basis=f"có hiệu lực từ {identity.effective_on:%d/%m/%Y}")
    if amenders:
        return StatusChange("amended", day, amended_by=_subjects(amenders), source="corpus", basis=amenders[0].evidence)
    return StatusChange("in_force", day, source="corpus")


_DETAILS = re.compile(r"\b(?:quy định chi tiết|hướng dẫn)\b", re.IGNORECASE)


def _expires_with_detailed(identity: _Identity | None, timelines: dict[str, list[StatusChange]]) -> StatusChange | None:
    """The step repealing a detailing text on the day the last of the texts its title details by number is
    repealed, when all of them are and it is not already; None otherwise."""
    if identity is None or not _DETAILS.search(identity.title) or timelines[identity.key][-1].status == "repealed":
        return None
    detailed = [number for number in dict.fromkeys(find_numbers(identity.title)) if number_key(number) != identity.key]
    ends = [timelines.get(number_key(number), [StatusChange("unknown")])[-1] for number in detailed]
    if not detailed or any(end.status != "repealed" or end.since is None for end in ends):
        return None
    return StatusChange(
        "repealed", max(end.since for end in ends), source="corpus",
        basis=f"hết hiệu lực cùng {', '.join(detailed)} mà văn bản này quy định chi tiết, hướng dẫn "
              "(khoản 2 Điều 154 Luật Ban hành văn bản quy phạm pháp luật 2015)",
    )


def _subjects(changes: list[_Change]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.subject_id for c in changes))


def _differs(before: StatusChange, after: StatusChange) -> bool:
    return (before.status, before.replaced_by, before.amended_by) != (after.status, after.replaced_by, after.amended_by)


def _with_feed_row(timeline: list[StatusChange], row: FeedRow) -> list[StatusChange]:
    """The corpus's steps before the row's date, then the row's.

    A repeal the corpus dates earlier is the feed's to date: before the row's date the
    step it follows continues.
    """
    before = [step for step in timeline if row.since is not None and (step.since is None or step.since < row.since)]
    kept = [step for step in before if step.status != "repealed"]
    if row.since is not None and (not kept or kept[0].since is not None):
        kept.insert(0, StatusChange("unknown"))
    numbers = tuple(row.replaced_by)
    if row.status == "amended":
        step = StatusChange("amended", row.since, amended_by=numbers, source="feed", basis=row.basis)
    else:
        step = StatusChange(row.status, row.since, replaced_by=numbers, source="feed", basis=row.basis)
    return [*kept, step]


def _step(row: tuple) -> StatusChange:
    since, status, replaced_by, amended_by, source, basis = row
    return StatusChange(status, _date(since), tuple(json.loads(replaced_by)), tuple(json.loads(amended_by)), source, basis)


def _as_of(timeline: list[StatusChange], today: date) -> tuple[StatusChange, StatusChange | None]:
    """The step in effect on ``today`` and the next one, if any (the first step when none has begun)."""
    begun = [i for i, step in enumerate(timeline) if step.since is None or step.since <= today]
    current = begun[-1] if begun else 0
    upcoming = timeline[current + 1] if current + 1 < len(timeline) else None
    return timeline[current], upcoming
