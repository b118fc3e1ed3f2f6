"""The audit log (nhật ký truy cập): who did what to which document, and when.

Officers' and delegates' uploads, drafts, reviews, reads of internal or
confidential documents and every use of an API token are recorded, one row per
act, with the actor, their role, the channel and a short redacted detail. The
log is append-only: triggers refuse any UPDATE or DELETE (and, on PostgreSQL,
TRUNCATE), so a row once written stays as written (only deleting the file or
dropping the schema removes it, which an operator sees). Rows are read back in order for review (``troly audit``).
"""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.database import POSTGRESQL, SQLITE, Target, connect, location
from assistant.security.pii import redact
from knowledge.errors import BadInput
from knowledge.settings import Settings

ACTIONS: tuple[str, ...] = ("upload", "draft", "review", "hdnd_review", "read_restricted", "token_use", "ticket_reply")
STORE = "audit"
MAX_DETAIL_CHARS = 500
_TABLE = """
CREATE TABLE IF NOT EXISTS audit (
    id {serial}, at DOUBLE PRECISION NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL,
    action TEXT NOT NULL, target TEXT NOT NULL, channel TEXT NOT NULL, detail TEXT NOT NULL);
"""
_SCHEMA = {
    SQLITE: _TABLE + """
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
""",
    POSTGRESQL: _TABLE + """
CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'integrity_constraint_violation'; END $$;
CREATE OR REPLACE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE OR REPLACE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
""",
}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: float  # Unix time
    actor: str  # the user's name
    role: str
    action: str  # one of ACTIONS
    target: str  # a số hiệu, a file name, a ticket code, a document type
    channel: str
    detail: str = ""

    def to_json(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


class AuditLog:
    def __init__(self, target: Target):
        self._db = connect(target, STORE, _SCHEMA)

    @classmethod
    def open(cls, settings: Settings | None = None) -> AuditLog:
        settings = settings or Settings.from_env()
        return cls(location(settings, STORE))

    def record(self, actor: str, role: str, action: str, target: str, channel: str, detail: str = "") -> AuditEntry:
        if action not in ACTIONS:
            raise BadInput(f"hành động không hợp lệ cho nhật ký: {action} (unknown audit action)")
        target, detail = redact(target).text, redact(detail[:MAX_DETAIL_CHARS]).text
        at = time.time()
        with self._db.transaction() as db:
            row_id = db.execute(
                "INSERT INTO audit (at, actor, role, action, target, channel, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id",
                (at, actor, role, action, target, channel, detail),
            ).fetchone()["id"]
        return AuditEntry(int(row_id), at, actor, role, action, target, channel, detail)

    def record_all(self, actor: str, role: str, action: str, targets: Iterable[str], channel: str) -> None:
        for target in dict.fromkeys(targets):
            self.record(actor, role, action, target, channel)

    def entries(self, since: float | None = None, actor: str | None = None, action: str | None = None) -> list[AuditEntry]:
        clauses, values = [], []
        for clause, value in (("at >= ?", since), ("actor = ?", actor), ("action = ?", action)):
            if value is not None:
                clauses.append(clause)
                values.append(value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._db.execute(f"SELECT * FROM audit {where} ORDER BY id", values).fetchall()
        return [AuditEntry(**dict(row)) for row in rows]

    def close(self) -> None:
        self._db.close()
