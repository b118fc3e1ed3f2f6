"""The database API every store uses, on SQLite and on a real PostgreSQL server."""
from __future__ import annotations

import pytest

from assistant.database import IntegrityError, connect, location
from knowledge.settings import Settings
from tests.postgres import raw_connection

SCHEMA = """
CREATE TABLE IF NOT EXISTS notes (
    id {serial}, key TEXT NOT NULL UNIQUE, text TEXT NOT NULL, at DOUBLE PRECISION NOT NULL);
CREATE INDEX IF NOT EXISTS notes_at ON notes (at)
"""


@pytest.fixture
def notes(store_settings: Settings):
    db = connect(location(store_settings, "notes"), "notes", SCHEMA)
    yield db
    db.close()


def test_statements_rows_and_ids_are_the_same_on_both(notes, store_settings: Settings) -> None:
    with notes.transaction() as db:
        first = db.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?) RETURNING id",
                           ("a", "Tỷ lệ 50% hồ sơ trễ hạn? Có", 1_764_000_000.25)).fetchone()["id"]
        assert db.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                          ("a", "lặp lại", 2.0)).rowcount == 0
        second = db.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?) RETURNING id", ("b", "x", 2.0)).fetchone()["id"]
    assert second > first
    rows = notes.execute("SELECT key, text, at FROM notes WHERE text LIKE '%50\\%%' ESCAPE '\\' OR key = ?", ("?",)).fetchall()
    assert rows == [{"key": "a", "text": "Tỷ lệ 50% hồ sơ trễ hạn? Có", "at": 1_764_000_000.25}]  # a time keeps its fraction
    raw = raw_connection(store_settings, "notes")
    assert sorted(row[0] for row in raw.execute("SELECT key FROM notes").fetchall()) == ["a", "b"]
    raw.close()


def test_a_failed_transaction_leaves_nothing_and_a_taken_key_is_an_integrity_error(notes) -> None:
    notes.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?)", ("a", "giữ lại", 1.0))
    with pytest.raises(IntegrityError):
        with notes.transaction() as db:
            db.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?)", ("b", "bỏ đi", 2.0))
            db.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?)", ("a", "trùng khóa", 3.0))
    assert [row["text"] for row in notes.execute("SELECT text FROM notes ORDER BY id")] == ["giữ lại"]


def test_one_holder_of_an_exclusive_lock_at_a_time(notes, store_settings: Settings) -> None:
    other = connect(location(store_settings, "notes"), "notes", SCHEMA)
    with notes.exclusive("dispatch") as mine:
        with other.exclusive("dispatch") as theirs, other.exclusive("another job") as unrelated:
            assert (mine, theirs, unrelated) == (True, False, True)
    with other.exclusive("dispatch") as theirs:
        assert theirs
    other.close()


def test_a_dropped_postgresql_session_is_opened_again(postgres_server) -> None:
    import psycopg

    url = postgres_server.create_database()
    db = connect(url, "notes", SCHEMA)
    db.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?)", ("a", "trước", 1.0))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                      " AND pid <> pg_backend_pid()")
    with pytest.raises(psycopg.OperationalError):
        db.execute("SELECT 1")
    with db.transaction():
        db.execute("INSERT INTO notes (key, text, at) VALUES (?, ?, ?)", ("b", "sau", 2.0))
    assert [row["key"] for row in db.execute("SELECT key FROM notes ORDER BY id")] == ["a", "b"]
    db.close()
