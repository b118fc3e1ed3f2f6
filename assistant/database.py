"""How the assistant room opens its SQLite files.

Every store of this room (users, tasks, the web inbox) keeps one SQLite file in
``TROLY_DATA_DIR``. They open it the same way: write-ahead log so readers never
block the writer, a busy timeout so the scheduler and a command line running at
the same moment wait for each other instead of failing, and explicit
transactions (``BEGIN IMMEDIATE``) instead of the module's implicit ones.

A *durable* connection (the default) commits with an fsync (``synchronous=FULL``):
a committed transaction survives a crash of the process and of the machine. A
connection opened with ``durable=False`` (``synchronous=NORMAL``) loses nothing
when its process is killed, but a power cut may undo its last commits — as a
whole, never half of one. Only writers whose lost commits are redone by design
may use it (the reminder scheduler, see ``assistant.tasks.scheduler``); an fsync
costs about 4 ms on the development machine, 0.01 ms without.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_TIMEOUT_SECONDS = 30.0


def connect(path: Path, schema: str, durable: bool = True) -> sqlite3.Connection:
    """Open (creating when needed) the database at ``path`` and apply ``schema`` (idempotent DDL)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
    conn.execute("PRAGMA foreign_keys=ON")
    with transaction(conn):
        for statement in _statements(schema):
            conn.execute(statement)
    return conn


def _statements(schema: str) -> list[str]:
    """The statements of ``schema``, split on the semicolons that end one (not those inside a trigger)."""
    statements, pending = [], ""
    for piece in schema.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending)
            pending = ""
    return statements


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: committed when the block ends, rolled back when it raises."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
