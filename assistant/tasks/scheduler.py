"""The reminder scheduler: due points computed from the store, delivered once each.

Due points of an open task (``task_points``): each configured offset before its
due moment (default 1 day and 1 hour), the due moment itself, then every day at
the same time while it stays open (for a recurring task, until its next
occurrence is due). A point earlier than the task's creation is not a point (a
task due in 30 minutes gets no "1 hour before"). On working days, each officer
with open tasks also gets a digest (điểm tin công việc) at ``digest_at``
(default 07:30).

How a reminder is delivered exactly once
----------------------------------------
The store is the source of truth; this loop only moves state forward.

1. *Planning* (``plan``), one transaction: roll recurring series, then for
   every open task record its due points in (``planned_until``, now] and set
   ``planned_until`` = now. A point is a row with a unique key
   (``task:<id>:<kind>:<epoch>``, ``digest:<user>:<date>``), so recording it again
   is a no-op, and the task's cursor moves in the same commit as its points. A
   crash before the commit records nothing and the next start records it all;
   after the commit everything is recorded. Points whose moment passed while the
   scheduler was down are recorded on start-up and marked late (recorded more
   than ``late_after`` after their moment). Due point -> outbox row: exactly once.
2. *Dispatch* (``dispatch``): for each pending row, commit "handed over", call
   the notifier of its channel with the row (its key included), then commit
   "delivered". A crash before the notifier returns leaves the row pending: it
   is sent again after the restart (never lost). A crash after the channel
   accepted the message but before the commit also leaves it pending, and it is
   sent again *with the same key* and ``resend=True`` (it was handed over before).

Several schedulers may run on one store (several processes sharing a PostgreSQL
database, or by mistake on one machine): planning is safe as it is (a point's key
is recorded once, whoever records it), and dispatch is done by one of them at a
time (``TaskStore.dispatching``, a lock its holder's death frees), so two never
hand over the same pending point.

So the guarantee, precisely: every due point is recorded exactly once and handed
to its channel at least once, until one hand-over is acknowledged and committed.
The only repeat is a hand-over with the same key and ``resend=True``, after the
process died in the window from the moment the channel has the message to our
commit — the channel's acknowledgement travelling back plus one local commit.
Receivers that deduplicate on the key deliver exactly once: the web inbox does
(unique key), as would any HTTP endpoint we control. Telegram's and Zalo's send
APIs take no idempotency key: on those channels the person may see a repeat if,
and only if, the process dies inside that window, and the notifier knows which
hand-overs may be repeats (``resend``). The crash test (``evals/reminder_crash.py``)
measures both. Marking a task done drops its pending points in the same
transaction; a reminder already handed to a channel when the task is marked done
still arrives.

The scheduler's connection commits without fsync (``TaskStore(durable=False)``,
see ``assistant.database``): a killed process loses none of its commits, and what
a power cut may undo is exactly what the steps above redo (points are planned
again, a hand-over is repeated with the same key), while receivers such as the
web inbox commit durably before they acknowledge.

Notifier failures are retried with exponential backoff (1 minute doubling, at most
an hour) and given up after ``max_attempts`` with status ``failed``, kept in the
store for the record.
"""
from __future__ import annotations

import logging
import re
import time as time_module
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Protocol

from assistant.security.users import UserDirectory
from assistant.tasks.dates import TZ, WEEKDAY_NAMES, describe, describe_duration, is_working_day, at, local
from assistant.tasks.notifiers import Notifier
from assistant.tasks.store import DuePoint, Planning, Task, TaskStore
from knowledge.errors import BadInput
from knowledge.settings import Settings

log = logging.getLogger(__name__)

DONE_ACTION = "done"
WEB_CHANNEL = "web"
_OFFSET = re.compile(r"(\d+)\s*([dhm])")
_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60}


def parse_offsets(text: str) -> tuple[timedelta, ...]:
    """"1d,1h,30m" -> offsets before the deadline; "" or "none" -> none."""
    text = text.strip().lower()
    if text in ("", "none", "off"):
        return ()
    offsets = []
    for part in text.split(","):
        match = _OFFSET.fullmatch(part.strip())
        if not match or int(match.group(1)) == 0:
            raise BadInput(f"khoảng nhắc trước '{part.strip()}' không hợp lệ (ví dụ: 1d, 2h, 30m)")
        offsets.append(timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2)]))
    return tuple(sorted(set(offsets), reverse=True))


@dataclass(frozen=True)
class ReminderConfig:
    before: tuple[timedelta, ...] = (timedelta(days=1), timedelta(hours=1))
    overdue_every: timedelta = timedelta(days=1)
    digest_at: time | None = time(7, 30)
    late_after: timedelta = timedelta(minutes=10)
    max_attempts: int = 8

    @classmethod
    def from_settings(cls, settings: Settings) -> "ReminderConfig":
        digest = settings.digest_at.strip().lower()
        try:
            digest_at = None if digest in ("", "off", "none") else time.fromisoformat(digest)
        except ValueError:
            raise BadInput(f"TROLY_DIGEST_AT '{settings.digest_at}' không phải giờ HH:MM (hoặc 'off')") from None
        return cls(before=parse_offsets(settings.remind_before), digest_at=digest_at)


class Clock(Protocol):
    def now(self) -> datetime: ...

    def sleep(self, seconds: float) -> None: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(TZ)

    def sleep(self, seconds: float) -> None:
        time_module.sleep(seconds)


def task_points(task: Task, config: ReminderConfig, start: datetime, end: datetime) -> list[tuple[str, datetime]]:
    """The (kind, moment) due points of ``task`` in (start, end], oldest first; kind is before, due or overdue."""
    first = max(start, task.created_at)
    points = [("before", task.due - offset) for offset in config.before]
    points.append(("due", task.due))
    stop = task.recurrence.next_after(task.due) if task.recurrence else None
    moment = task.due + max(1, (first - task.due) // config.overdue_every) * config.overdue_every
    while moment <= end and (stop is None or moment < stop):
        points.append(("overdue", moment))
        moment += config.overdue_every
    return sorted(((kind, moment) for kind, moment in points if first < moment <= end), key=lambda point: point[1])


class Scheduler:
    def __init__(
        self,
        store: TaskStore,
        notifiers: Iterable[Notifier],
        config: ReminderConfig = ReminderConfig(),
        clock: Clock | None = None,
    ) -> None:
        self.store = store
        self.users: UserDirectory = store.users
        self.notifiers = {notifier.channel: notifier for notifier in notifiers}
        self.config = config
        self.clock = clock or SystemClock()

    # planning ----------------------------------------------------------------------------------

    def plan(self, now: datetime) -> int:
        """Record every due point up to ``now`` (one transaction); returns how many were new."""
        now = local(now)
        recorded = 0
        with self.store.planning() as planning:
            planning.roll_recurrences(now)
            open_tasks = planning.open_tasks()
            for task in open_tasks:
                for kind, moment in task_points(task, self.config, task.planned_until, now):
                    recorded += planning.record(self._task_point(task, kind, moment, now), now)
                planning.advance(task.id, now)
            recorded += self._plan_digests(planning, open_tasks, now)
        return recorded

    def _plan_digests(self, planning: Planning, open_tasks: list[Task], now: datetime) -> int:
        """Today's digest for each officer who had open work before digest time (working days only)."""
        today = now.date()
        if self.config.digest_at is None or not is_working_day(today):
            return 0
        moment = at(today, self.config.digest_at)
        if now < moment:
            return 0
        by_user: dict[int, list[Task]] = defaultdict(list)
        for task in open_tasks:
            by_user[task.assignee_id].append(task)
        recorded = 0
        for user_id, tasks in sorted(by_user.items()):
            key = f"digest:{user_id}:{today.isoformat()}"
            if planning.has(key) or not any(t.created_at < moment for t in tasks):
                continue
            channel, address = self._route(user_id)
            point = DuePoint(key, "digest", user_id, moment, self._late(moment, now), channel, address,
                             self._digest_text(tasks, moment, now))
            recorded += planning.record(point, now)
        return recorded

    def _late(self, moment: datetime, now: datetime) -> bool:
        return now - moment > self.config.late_after

    def _route(self, user_id: int) -> tuple[str, str]:
        """The user's most recently linked channel that this process can deliver to; the web inbox otherwise."""
        for link in self.users.links(user_id):
            if link.channel in self.notifiers:
                return link.channel, link.address
        return WEB_CHANNEL, str(user_id)

    def _task_point(self, task: Task, kind: str, moment: datetime, now: datetime) -> DuePoint:
        channel, address = self._route(task.assignee_id)
        late = self._late(moment, now)
        return DuePoint(
            key=f"task:{task.id}:{kind}:{int(moment.timestamp())}",
            kind=kind,
            user_id=task.assignee_id,
            fire_at=moment,
            late=late,
            channel=channel,
            address=address,
            text=self._task_text(task, kind, moment, late),
            actions=(("Đã xong", f"{DONE_ACTION}:{task.id}"),),
            task_id=task.id,
        )

    # messages ----------------------------------------------------------------------------------

    def _task_text(self, task: Task, kind: str, moment: datetime, late: bool) -> str:
        if kind == "before":
            head = f"Nhắc việc: còn {describe_duration(task.due - moment)} đến hạn"
        elif kind == "due":
            head = "Đến hạn"
        else:
            head = f"Quá hạn {describe_duration(moment - task.due)}"
        lines = [f"{head} — việc #{task.id}: «{task.title}»", f"Hạn: {describe(task.due)}"]
        if task.source_doc:
            lines.append(f"Theo văn bản số {task.source_doc}")
        if task.assigned_by_id is not None and task.assigned_by_id != task.assignee_id:
            giver = self.users.get(task.assigned_by_id)
            if giver is not None:
                lines.append(f"Người giao: {giver.name}")
        if late:
            lines.append(f"(Gửi trễ: lẽ ra gửi lúc {describe(moment)}, hệ thống nhắc việc đã tạm ngừng.)")
        lines.append(f"Khi xong, bấm «Đã xong» hoặc trả lời: xong {task.id}")
        return "\n".join(lines)

    def _digest_text(self, tasks: list[Task], moment: datetime, now: datetime) -> str:
        day = moment.date()
        overdue = [t for t in tasks if t.due < moment]
        lines = [
            f"Điểm tin công việc {WEEKDAY_NAMES[day.weekday()]}, ngày {day:%d/%m/%Y}: "
            f"{len(tasks)} việc đang mở, {len(overdue)} việc quá hạn."
        ]
        for task in sorted(tasks, key=lambda t: t.due):
            state = "QUÁ HẠN" if task.due < moment else ("hôm nay" if task.due.date() == day else "")
            lines.append(f"- #{task.id} «{task.title}» — hạn {describe(task.due)}" + (f" ({state})" if state else ""))
        if self._late(moment, now):
            lines.append(f"(Gửi trễ: lẽ ra gửi lúc {describe(moment)}.)")
        return "\n".join(lines)

    # delivery ----------------------------------------------------------------------------------

    def dispatch(self, now: datetime) -> int:
        """Hand every pending point to its channel; returns how many were delivered (0 while another dispatches)."""
        with self.store.dispatching() as mine:
            return self._dispatch(now) if mine else 0

    def _dispatch(self, now: datetime) -> int:
        delivered = 0
        for delivery in self.store.pending(now):
            point = delivery.point
            notifier = self.notifiers.get(point.channel)
            try:
                if notifier is None:
                    raise LookupError(f"no notifier for channel '{point.channel}' in this process")
                self.store.mark_handed_over(delivery.id, now)
                notifier.send(point)
            except Exception as exc:  # a channel's failure is recorded and retried, never fatal to the loop
                attempts = delivery.attempts + 1
                retry = None if attempts >= self.config.max_attempts else now + min(
                    timedelta(minutes=2 ** (attempts - 1)), timedelta(hours=1)
                )
                log.warning("delivery %s (%s) failed, attempt %d: %s", point.key, point.channel, attempts, exc)
                self.store.mark_attempt_failed(delivery.id, f"{type(exc).__name__}: {exc}", retry)
                continue
            self.store.mark_delivered(delivery.id, self.clock.now())
            delivered += 1
        return delivered

    def tick(self) -> tuple[int, int]:
        """Plan, then dispatch: (points recorded, reminders delivered)."""
        recorded = self.plan(self.clock.now())
        return recorded, self.dispatch(self.clock.now())

    def run(
        self,
        interval: float = 30.0,
        once: bool = False,
        should_stop: Callable[[], bool] = lambda: False,
        after_tick: Callable[[], object] = lambda: None,
    ) -> None:
        """The scheduler loop; ``once`` runs a single tick (for cron or a test).

        ``after_tick`` runs after each tick: another outbox the same loop serves (the
        channels deliver officers' replies to tickets there)."""
        while True:
            recorded, delivered = self.tick()
            if recorded or delivered:
                log.info("recorded %d due points, delivered %d reminders", recorded, delivered)
            after_tick()
            if once or should_stop():
                return
            self.clock.sleep(interval)
