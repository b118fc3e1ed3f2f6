import sqlite3

import pytest

from assistant.security.audit import AuditLog
from knowledge.errors import BadInput
from tests.postgres import raw_connection


@pytest.fixture
def audit(store_settings):
    log = AuditLog.open(store_settings)
    yield log
    log.close()


def test_acts_are_read_back_in_order_with_who_what_and_where(audit):
    audit.record("Nguyễn Văn An", "officer", "upload", "quy-che-noi-bo.docx", "web", "mức truy cập: internal")
    audit.record("Trần Thị Bình", "delegate", "hdnd_review", "to-trinh-12.docx", "web")
    audit.record("Nguyễn Văn An", "officer", "read_restricted", "QC-01/2026", "telegram")

    entries = audit.entries()
    assert [(e.actor, e.action, e.target, e.channel) for e in entries] == [
        ("Nguyễn Văn An", "upload", "quy-che-noi-bo.docx", "web"),
        ("Trần Thị Bình", "hdnd_review", "to-trinh-12.docx", "web"),
        ("Nguyễn Văn An", "read_restricted", "QC-01/2026", "telegram"),
    ]
    assert [e.target for e in audit.entries(actor="Nguyễn Văn An", action="read_restricted")] == ["QC-01/2026"]
    assert audit.entries(since=entries[-1].at + 1) == []


def test_rows_cannot_be_changed_or_deleted_even_through_sql(store_settings, audit):
    import psycopg

    audit.record("Nguyễn Văn An", "officer", "draft", "cong-van", "cli")
    raw = raw_connection(store_settings, "audit")
    statements = ["UPDATE audit SET actor = 'ai đó'", "DELETE FROM audit"]
    statements += ["TRUNCATE audit"] if store_settings.database_url else []  # SQLite has no TRUNCATE
    for statement in statements:
        with pytest.raises((sqlite3.IntegrityError, psycopg.errors.IntegrityError), match="append-only"):
            raw.execute(statement)
    raw.close()
    assert [e.actor for e in audit.entries()] == ["Nguyễn Văn An"]


def test_details_are_redacted_and_unknown_actions_refused(audit):
    entry = audit.record("Nguyễn Văn An", "officer", "review", "du-thao.docx", "web", "gọi 0912345678 để trao đổi")
    assert "0912345678" not in entry.detail and "0912345678" not in audit.entries()[0].detail
    with pytest.raises(BadInput, match="unknown audit action"):
        audit.record("Nguyễn Văn An", "officer", "delete_everything", "x", "web")


def test_the_log_survives_reopening_and_two_workers_append_to_one_log(store_settings, audit):
    audit.record("Nguyễn Văn An", "officer", "token_use", "api", "web")
    again = AuditLog.open(store_settings)
    assert [e.action for e in again.entries()] == ["token_use"]
    second = again.record("Trần Thị Bình", "delegate", "hdnd_review", "to-trinh-12.docx", "web")
    assert [(e.id, e.actor) for e in audit.entries()][-1] == (second.id, "Trần Thị Bình")
    assert second.id > audit.entries()[0].id
    again.close()
