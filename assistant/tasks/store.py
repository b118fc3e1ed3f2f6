"""Tasks (công việc được giao) and their due points, in the ``tasks`` store: the source of truth.

A task has a title, an assignee, who assigned it (``None`` when the operator
created it on the command line), a due moment, an optional source document (the
số/ký hiệu of the văn bản that gave rise to it, e.g. "123/UBND-VP"), a status
(open, done, cancelled) and an optional recurrence. A recurring task is a
series: each occurrence is its own row (``series_id`` = the first one's id); the
next occurrence is created once the current one's due moment has passed, and
cancelling an occurrence ends the series.

Rules: managers (lãnh đạo đơn vị) assign work to the people of their own unit,
admins to anyone, everybody but citizens to themselves. The due moment must lie
ahead. A bad request raises ``BadInput`` and stores nothing.

Due points are the outbox of the reminder scheduler (see ``scheduler``): one row
per reminder to deliver, keyed by a unique ``key`` so that recording the same
point twice is a no-op, with its delivery state. ``planning()`` is the one
transaction in which the scheduler reads the open tasks and records their points.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from assistant.database import Database, Row, Target, connect, location
from assistant.security.users import User, UserDirectory, name_key, utc_now
from assistant.tasks.dates import from_epoch, local, week_start
from assistant.tasks.recurrence import Recurrence
from knowledge.errors import BadInput
from knowledge.parsing.citations import find_numbers
from knowledge.settings import Settings

STORE = "tasks"
STATUSES: tuple[str, ...] = ("open", "done", "cancelled")
MAX_TITLE = 300

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tasks (
    id {serial},
    title TEXT NOT NULL,
    assignee_id INTEGER NOT NULL,
    assigned_by_id INTEGER,
    unit TEXT,
    due DOUBLE PRECISION NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    source_doc TEXT,
    recurrence TEXT,
    series_id INTEGER,
    created_at DOUBLE PRECISION NOT NULL,
    closed_at DOUBLE PRECISION,
    planned_until DOUBLE PRECISION NOT NULL,
    UNIQUE (series_id, due)
);
CREATE INDEX IF NOT EXISTS tasks_by_assignee ON tasks (assignee_id, status);
CREATE INDEX IF NOT EXISTS tasks_by_status ON tasks (status, due);
CREATE TABLE IF NOT EXISTS due_points (
    id {serial},
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    task_id INTEGER REFERENCES tasks(id),
    user_id INTEGER NOT NULL,
    fire_at DOUBLE PRECISION NOT NULL,
    recorded_at DOUBLE PRECISION NOT NULL,
    late INTEGER NOT NULL,
    channel TEXT NOT NULL,
    address TEXT NOT NULL,
    text TEXT NOT NULL,
    actions TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dropped', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    handed_at DOUBLE PRECISION,
    next_attempt_at DOUBLE PRECISION NOT NULL,
    last_error TEXT,
    delivered_at DOUBLE PRECISION
);
CREATE INDEX IF NOT EXISTS due_points_pending ON due_points (status, next_attempt_at)
"""


@dataclass(frozen=True)
class Task:
    id: int
    title: str
    assignee_id: int
    assigned_by_id: int | None
    unit: str | None
    due: datetime
    status: str
    source_doc: str | None
    recurrence: Recurrence | None
    series_id: int | None
    created_at: datetime
    closed_at: datetime | None
    planned_until: datetime

    def is_overdue(self, now: datetime) -> bool:
        return self.status == "open" and self.due < now


@dataclass(frozen=True)
class DuePoint:
    """One reminder to deliver: what, to whom, where, and when it should have gone."""

    key: str  # unique: the same point recorded twice is one point
    kind: str  # before, due, overdue, digest
    user_id: int
    fire_at: datetime
    late: bool
    channel: str
    address: str
    text: str
    actions: tuple[tuple[str, str], ...] = ()  # (button label, callback data)
    task_id: int | None = None
    resend: bool = False  # an earlier hand-over may have reached the channel (a crash or failure followed it)


@dataclass(frozen=True)
class Delivery:
    """A recorded due point waiting for (or past) delivery."""

    id: int
    point: DuePoint
    status: str
    attempts: int


@dataclass(frozen=True)
class OfficerWeek:
    user_id: int
    assigned: int  # tasks with a due moment in the week
    done: int  # of those, done
    done_late: int  # of those, done after their due moment
    open: int  # of those, still open
    overdue: int  # open tasks of the officer past due at the end of the week (or now)


@dataclass(frozen=True)
class UnitWeek:
    unit: str
    week_start: date
    rows: tuple[OfficerWeek, ...]


def _epoch(moment: datetime) -> float:
    local(moment)  # refuses naive datetimes
    return moment.timestamp()


class TaskStore:
    def __init__(
        self, target: Target, users: UserDirectory, clock: Callable[[], datetime] = utc_now, durable: bool = True
    ) -> None:
        """``durable=False`` is for the scheduler's own connection only (see ``assistant.database``)."""
        self.target = target
        self.users = users
        self._clock = clock
        self._conn = connect(target, STORE, _SCHEMA, durable)

    @classmethod
    def open(
        cls, settings: Settings | None = None, users: UserDirectory | None = None,
        clock: Callable[[], datetime] = utc_now, durable: bool = True,
    ) -> "TaskStore":
        settings = settings or Settings.from_env()
        return cls(location(settings, STORE), users or UserDirectory.open(settings, clock), clock, durable)

    def close(self) -> None:
        self._conn.close()

    # tasks -------------------------------------------------------------------------------------

    def create_task(
        self,
        title: str,
        assignee: User,
        due: datetime,
        *,
        assigned_by: User | None = None,
        source_doc: str | None = None,
        recurrence: Recurrence | None = None,
    ) -> Task:
        title = " ".join(title.split())
        if not title or len(title) > MAX_TITLE:
            raise BadInput(f"tên công việc phải có từ 1 đến {MAX_TITLE} ký tự")
        self._check_assignment(assignee, assigned_by)
        now = self._clock()
        if _epoch(due) <= now.timestamp():
            raise BadInput(f"thời hạn {local(due):%H:%M %d/%m/%Y} đã qua; hãy chọn một thời điểm sắp tới")
        number = self._document_number(source_doc)
        with self._conn.transaction() as conn:
            task_id = _insert_task(
                conn, title, assignee.id, assigned_by.id if assigned_by else None, assignee.unit, due, number,
                recurrence, None, now,
            )
            if recurrence is not None:
                conn.execute("UPDATE tasks SET series_id = id WHERE id = ?", (task_id,))
        return self.get(task_id)

    def _check_assignment(self, assignee: User, assigned_by: User | None) -> None:
        if self.users.get(assignee.id) is None:
            raise BadInput(f"không có người dùng '{assignee.name}'")
        if assignee.role == "citizen":
            raise BadInput("nhắc việc dành cho cán bộ, đại biểu và quản trị; không giao việc cho công dân")
        if assigned_by is None or assigned_by.id == assignee.id or assigned_by.role == "admin":
            return
        same_unit = assigned_by.unit and assignee.unit and name_key(assigned_by.unit) == name_key(assignee.unit)
        if not (assigned_by.is_manager and same_unit):
            raise BadInput(
                f"{assigned_by.name} không giao việc được cho {assignee.name}: chỉ lãnh đạo đơn vị"
                " giao việc cho cán bộ cùng đơn vị"
            )

    @staticmethod
    def _document_number(source_doc: str | None) -> str | None:
        if source_doc is None or not source_doc.strip():
            return None
        numbers = find_numbers(source_doc)
        if not numbers:
            raise BadInput(f"'{source_doc}' không phải số/ký hiệu văn bản (ví dụ: 123/UBND-VP, 30/2020/NĐ-CP)")
        return numbers[0]

    def get(self, task_id: int) -> Task:
        row = self._conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
        if row is None:
            raise BadInput(f"không có việc số {task_id}")
        return _task(row)

    def mark_done(self, task_id: int, by: User | None = None) -> Task:
        """Close the task as done and drop its reminders not yet sent. Done twice is done once."""
        return self._close(task_id, "done", by)

    def cancel(self, task_id: int, by: User | None = None) -> Task:
        """Cancel the task (and, for a recurring one, the rest of its series)."""
        return self._close(task_id, "cancelled", by)

    def _close(self, task_id: int, status: str, by: User | None) -> Task:
        task = self.get(task_id)
        if by is not None and not self._may_close(task, by):
            raise BadInput(f"{by.name} không có quyền cập nhật việc số {task_id}")
        if task.status == "cancelled":
            raise BadInput(f"việc số {task_id} đã bị hủy")
        if task.status == status:
            return task
        if task.status == "done":
            raise BadInput(f"việc số {task_id} đã hoàn thành, không hủy được")
        with self._conn.transaction() as conn:
            conn.execute(
                "UPDATE tasks SET status = ?, closed_at = ? WHERE id = ? AND status = 'open'",
                (status, self._clock().timestamp(), task_id),
            )
            conn.execute(
                "UPDATE due_points SET status = 'dropped' WHERE task_id = ? AND status = 'pending'", (task_id,)
            )
        return self.get(task_id)

    def _may_close(self, task: Task, user: User) -> bool:
        if user.role == "admin" or user.id in (task.assignee_id, task.assigned_by_id):
            return True
        return bool(user.is_manager and user.unit and task.unit and name_key(user.unit) == name_key(task.unit))

    def tasks(self, user_id: int | None = None, statuses: tuple[str, ...] = ("open",), unit: str | None = None) -> list[Task]:
        """Tasks by due moment, of one assignee and/or unit, in the given statuses."""
        query = f"SELECT * FROM tasks WHERE status IN ({','.join('?' * len(statuses))})"
        params: list[object] = list(statuses)
        if user_id is not None:
            query += " AND assignee_id = ?"
            params.append(user_id)
        rows = [_task(row) for row in self._conn.execute(query + " ORDER BY due, id", params)]
        if unit is not None:
            rows = [t for t in rows if t.unit is not None and name_key(t.unit) == name_key(unit)]
        return rows

    def overdue(self, now: datetime, user_id: int | None = None, unit: str | None = None) -> list[Task]:
        return [t for t in self.tasks(user_id, ("open",), unit) if t.is_overdue(now)]

    def weekly_summary(self, unit: str, day: date, now: datetime) -> UnitWeek:
        """Per officer of the unit: the tasks due in the week of ``day`` and what became of them."""
        start = week_start(day)
        first = datetime.combine(start, datetime.min.time(), local(now).tzinfo)
        end = first + timedelta(days=7)
        cutoff = min(end, now)
        tasks = self.tasks(statuses=STATUSES, unit=unit)
        rows = []
        for user in self.users.list_users(unit=unit):
            mine = [t for t in tasks if t.assignee_id == user.id and t.status != "cancelled"]
            week = [t for t in mine if first <= t.due < end]
            rows.append(
                OfficerWeek(
                    user.id,
                    assigned=len(week),
                    done=sum(t.status == "done" for t in week),
                    done_late=sum(t.status == "done" and t.closed_at is not None and t.closed_at > t.due for t in week),
                    open=sum(t.status == "open" for t in week),
                    overdue=sum(t.is_overdue(cutoff) for t in mine),
                )
            )
        return UnitWeek(unit, start, tuple(rows))

    # due points (the scheduler's outbox) -----------------------------------------------------

    @contextmanager
    def planning(self) -> Iterator["Planning"]:
        """One write transaction for the scheduler: roll recurrences, read open tasks, record points."""
        with self._conn.transaction() as conn:
            yield Planning(conn)

    @contextmanager
    def dispatching(self) -> Iterator[bool]:
        """Whether this scheduler may deliver now: one dispatcher per store at a time, across processes."""
        with self._conn.exclusive("dispatch") as mine:
            yield mine

    def pending(self, now: datetime, limit: int = 100) -> list[Delivery]:
        rows = self._conn.execute(
            "SELECT * FROM due_points WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY fire_at, id LIMIT ?",
            (_epoch(now), limit),
        ).fetchall()
        return [_delivery(row) for row in rows]

    def mark_handed_over(self, delivery_id: int, now: datetime) -> None:
        """Committed just before a notifier is called: a crash from here on leaves the point in doubt."""
        with self._conn.transaction() as conn:
            conn.execute("UPDATE due_points SET handed_at = ? WHERE id = ?", (_epoch(now), delivery_id))

    def mark_delivered(self, delivery_id: int, now: datetime) -> None:
        with self._conn.transaction() as conn:
            conn.execute(
                "UPDATE due_points SET status = 'delivered', delivered_at = ?, attempts = attempts + 1"
                " WHERE id = ? AND status = 'pending'",
                (_epoch(now), delivery_id),
            )

    def mark_attempt_failed(self, delivery_id: int, error: str, retry_at: datetime | None) -> None:
        """Record a failed attempt; ``retry_at`` None gives up (status ``failed``, kept for the record)."""
        with self._conn.transaction() as conn:
            conn.execute(
                "UPDATE due_points SET attempts = attempts + 1, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at),"
                " status = CASE WHEN ? THEN 'failed' ELSE status END WHERE id = ? AND status = 'pending'",
                (error[:500], _epoch(retry_at) if retry_at else None, retry_at is None, delivery_id),
            )

    def deliveries(self, task_id: int | None = None, status: str | None = None) -> list[Delivery]:
        query, params = "SELECT * FROM due_points WHERE 1 = 1", []
        if task_id is not None:
            query, params = query + " AND task_id = ?", [*params, task_id]
        if status is not None:
            query, params = query + " AND status = ?", [*params, status]
        return [_delivery(row) for row in self._conn.execute(query + " ORDER BY fire_at, id", params)]


class Planning:
    """What the scheduler may do inside ``TaskStore.planning()``."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def roll_recurrences(self, now: datetime) -> list[Task]:
        """Create every occurrence of a live series whose predecessor's due moment has passed."""
        created = []
        while True:
            rows = self._conn.execute(
                "SELECT t.* FROM tasks t JOIN (SELECT series_id, MAX(due) AS last_due FROM tasks"
                " WHERE series_id IS NOT NULL GROUP BY series_id) s ON t.series_id = s.series_id AND t.due = s.last_due"
                " WHERE t.status != 'cancelled' AND t.due <= ?",
                (_epoch(now),),
            ).fetchall()
            if not rows:
                return created
            for row in rows:
                last = _task(row)
                task_id = _insert_task(
                    self._conn, last.title, last.assignee_id, last.assigned_by_id, last.unit,
                    last.recurrence.next_after(last.due), last.source_doc, last.recurrence, last.series_id, last.due,
                )
                created.append(_task(self._conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()))

    def open_tasks(self) -> list[Task]:
        return [_task(row) for row in self._conn.execute("SELECT * FROM tasks WHERE status = 'open' ORDER BY due, id")]

    def has(self, key: str) -> bool:
        return self._conn.execute("SELECT 1 FROM due_points WHERE key = ?", (key,)).fetchone() is not None

    def record(self, point: DuePoint, now: datetime) -> bool:
        """Record a due point; False when its key was already recorded."""
        cursor = self._conn.execute(
            "INSERT INTO due_points (key, kind, task_id, user_id, fire_at, recorded_at, late, channel, address, text,"
            " actions, status, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)"
            " ON CONFLICT (key) DO NOTHING",
            (
                point.key, point.kind, point.task_id, point.user_id, _epoch(point.fire_at), _epoch(now), int(point.late),
                point.channel, point.address, point.text, json.dumps(point.actions, ensure_ascii=False), _epoch(now),
            ),
        )
        return cursor.rowcount == 1

    def advance(self, task_id: int, until: datetime) -> None:
        """Every due point of the task up to ``until`` is recorded."""
        self._conn.execute(
            "UPDATE tasks SET planned_until = ? WHERE id = ? AND planned_until < ?", (_epoch(until), task_id, _epoch(until))
        )


def _insert_task(
    conn: Database, title: str, assignee_id: int, assigned_by_id: int | None, unit: str | None,
    due: datetime, source_doc: str | None, recurrence: Recurrence | None, series_id: int | None, created: datetime,
) -> int:
    """A new open task whose due points are planned from its creation on."""
    return conn.execute(
        "INSERT INTO tasks (title, assignee_id, assigned_by_id, unit, due, status, source_doc, recurrence,"
        " series_id, created_at, planned_until) VALUES (?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?) RETURNING id",
        (
            title, assignee_id, assigned_by_id, unit, _epoch(due), source_doc,
            recurrence.encode() if recurrence else None, series_id, _epoch(created), _epoch(created),
        ),
    ).fetchone()["id"]


def _task(row: Row) -> Task:
    return Task(
        id=int(row["id"]),
        title=row["title"],
        assignee_id=int(row["assignee_id"]),
        assigned_by_id=row["assigned_by_id"],
        unit=row["unit"],
        due=from_epoch(row["due"]),
        status=row["status"],
        source_doc=row["source_doc"],
        recurrence=Recurrence.decode(row["recurrence"]) if row["recurrence"] else None,
        series_id=row["series_id"],
        created_at=from_epoch(row["created_at"]),
        closed_at=from_epoch(row["closed_at"]) if row["closed_at"] is not None else None,
        planned_until=from_epoch(row["planned_until"]),
    )


def _delivery(row: Row) -> Delivery:
    point = DuePoint(
        key=row["key"],
        kind=row["kind"],
        user_id=int(row["user_id"]),
        fire_at=from_epoch(row["fire_at"]),
        late=bool(row["late"]),
        channel=row["channel"],
        address=row["address"],
        text=row["text"],
        actions=tuple(tuple(action) for action in json.loads(row["actions"])),
        task_id=row["task_id"],
        resend=row["handed_at"] is not None,
    )
    return Delivery(int(row["id"]), point, row["status"], int(row["attempts"]))
