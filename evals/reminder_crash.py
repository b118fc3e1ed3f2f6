"""Crash test of the reminder scheduler: SIGKILL it at random points, count what people receive.

A separate process runs the real scheduler loop (``Scheduler.run``, what
``troly remind run`` runs) on a fast clock: one real second is ``speed`` seconds
of simulated time, and the clock continues across restarts, so time missed while
the process is dead must be caught up on start-up. The harness kills it with
SIGKILL after a random delay (while importing, planning, sending, committing or
sleeping), restarts it, and repeats — at least ``kills`` times and until the
simulated horizon (3.5 days of an office with eight officers, 40 deadlines,
overdue tasks, two recurring series and daily digests) has passed; now and then
the restart waits, so that points fall due while nothing runs. A last run without a
kill at a frozen moment ``T_end`` flushes what is left.

Deliveries are counted on the receiving side, not in the scheduler's store:

- officers linked to channel ``ext`` receive through a channel that keeps every
  message it is handed, with no deduplication (what a Telegram chat would show);
- the others receive in the real web inbox (``WebInbox``, deduplicated on the key),
  and every hand-over to it is also logged raw.

The expected due points are computed from the task list alone (``task_points``,
the digest rule, the recurrence rules) up to ``T_end``. Reported: expected,
delivered, lost (expected, never received), unexpected (received, not expected),
duplicated (a point received twice through the web inbox, or under two keys)
and repeats on ``ext`` (the same key handed over twice: the process died after
the channel had the message and before our commit; a person on Telegram would
see these twice), with how many were flagged ``resend``.

    python -m evals.reminder_crash [--kills 200] [--speed 3600] [--seed 7] [--report FILE.md]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time as time_module
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path

from assistant.database import connect
from assistant.security.users import UserDirectory
from assistant.tasks.dates import TZ, at, is_working_day, local
from assistant.tasks.notifiers import Notifier, WebInbox
from assistant.tasks.recurrence import Recurrence
from assistant.tasks.scheduler import ReminderConfig, Scheduler, task_points
from assistant.tasks.store import DuePoint, Task, TaskStore

HERE = Path(__file__).resolve().parent
DEFAULT_REPORT = HERE / "reports" / "reminder_crash.md"
START = datetime(2026, 11, 23, 6, 0, tzinfo=TZ)  # a Monday morning
HORIZON = timedelta(days=3, hours=12)
CONFIG = ReminderConfig(late_after=timedelta(minutes=30))
TICK_SECONDS = 0.02
EXT = "ext"
OFFICERS = 8
_WORK = ("gửi công văn trả lời", "nộp báo cáo", "rà soát hồ sơ", "chuẩn bị tài liệu họp", "trình ký quyết định",
         "tổng hợp ý kiến cử tri", "cập nhật cổng dịch vụ công", "kiểm tra hồ sơ đất đai")
# (title, officer index, due relative to START, recurrence): deadlines every 2h10 over the horizon, from
# 37 minutes after the start (its "1 hour before" falls before the task exists) to beyond the end.
TASKS: tuple[tuple[str, int, timedelta, str | None], ...] = tuple(
    (f"{_WORK[n % len(_WORK)]} số {n + 1}", n % OFFICERS, timedelta(minutes=37 + 130 * n), None) for n in range(40)
) + (
    ("họp giao ban", 0, timedelta(hours=3), "daily 09:00"),
    ("báo cáo tiến độ tuần", 3, timedelta(hours=56), "weekly 2 14:00"),
)


@dataclass(frozen=True)
class CrashReport:
    kills: int
    real_seconds: float
    simulated_hours: float
    expected: int  # due points up to T_end, from the task list
    delivered: int  # of those, received at least once
    lost: int  # expected, never received
    unexpected: int  # received, not expected
    duplicated: int  # received twice by a person with an idempotent receiver, or under two keys
    repeats_on_ext: int  # same key received twice on the channel without idempotency (the accepted window)
    repeats_flagged: int  # of those, how many were handed over with resend=True
    repeats_absorbed_by_inbox: int  # same key handed to the web inbox twice, stored once
    late: int  # delivered after a downtime, marked late
    not_delivered_in_store: int  # due points the store still holds as pending or failed

    @property
    def passed(self) -> bool:
        return (self.lost == self.unexpected == self.duplicated == self.not_delivered_in_store == 0
                and self.repeats_flagged == self.repeats_on_ext)


class ScaledClock:
    """Simulated time: ``virtual_origin`` at real ``real_origin``, running ``speed`` times faster."""

    def __init__(self, real_origin: float, virtual_origin: datetime, speed: float, frozen: datetime | None = None) -> None:
        self.real_origin = real_origin
        self.virtual_origin = virtual_origin
        self.speed = speed
        self.frozen = frozen

    def now(self) -> datetime:
        if self.frozen is not None:
            return self.frozen
        return self.virtual_origin + timedelta(seconds=(time_module.time() - self.real_origin) * self.speed)

    def __call__(self) -> datetime:
        return self.now()

    def sleep(self, seconds: float) -> None:
        time_module.sleep(seconds)


class ArrivalLog:
    """The receiving side's own record: one row per message handed over, never deduplicated."""

    def __init__(self, path: Path) -> None:
        self._conn = connect(
            path, "arrivals", "CREATE TABLE IF NOT EXISTS arrivals (id {serial}, channel TEXT, key TEXT, resend INTEGER)"
        )

    def add(self, channel: str, point: DuePoint) -> None:
        with self._conn.transaction() as conn:
            conn.execute("INSERT INTO arrivals (channel, key, resend) VALUES (?, ?, ?)", (channel, point.key, point.resend))

    def arrivals(self, channel: str) -> list[tuple[str, bool]]:
        """(key, resend) of every message handed over on the channel, in order."""
        return [(row["key"], bool(row["resend"])) for row in
                self._conn.execute("SELECT key, resend FROM arrivals WHERE channel = ? ORDER BY id", (channel,))]


class ExternalChannel:
    """A channel without idempotency keys (like Telegram): every message handed over arrives."""

    channel = EXT

    def __init__(self, log: ArrivalLog) -> None:
        self._log = log

    def send(self, point: DuePoint) -> None:
        self._log.add(EXT, point)


class LoggedInbox:
    """The web inbox, with every hand-over also written to the arrival log."""

    channel = "web"

    def __init__(self, inbox: WebInbox, log: ArrivalLog) -> None:
        self._inbox = inbox
        self._log = log

    def send(self, point: DuePoint) -> None:
        self._inbox.send(point)
        self._log.add("web", point)


def _stores(directory: Path, clock: ScaledClock, durable: bool = True) -> tuple[UserDirectory, TaskStore]:
    users = UserDirectory(directory / "users.sqlite3", clock)
    return users, TaskStore(directory / "tasks.sqlite3", users, clock, durable)


def setup(directory: Path, speed: float) -> None:
    """The officers (half reached on ``ext``), the task list, and the clock every worker shares."""
    directory.mkdir(parents=True, exist_ok=True)
    clock = ScaledClock(time_module.time(), START, 0.0, frozen=START)
    users, store = _stores(directory, clock)
    officers = [users.add_user(f"Cán bộ {n}", "officer", "Văn phòng UBND") for n in range(OFFICERS)]
    for officer in officers[: OFFICERS // 2]:
        users.redeem_link_code(users.create_link_code(officer.id), EXT, f"ext-{officer.id}")
    for title, officer, offset, rule in TASKS:
        recurrence = Recurrence.decode(rule) if rule else None
        due = recurrence.next_after(START + offset - timedelta(seconds=1)) if recurrence else START + offset
        store.create_task(title, officers[officer], due, recurrence=recurrence)
    (directory / "clock.json").write_text(json.dumps({"real_origin": time_module.time(), "speed": speed}))


def _clock(directory: Path, frozen: datetime | None = None) -> ScaledClock:
    spec = json.loads((directory / "clock.json").read_text())
    return ScaledClock(spec["real_origin"], START, spec["speed"], frozen)


def worker(directory: Path, frozen: datetime | None) -> None:
    """The scheduler process the harness kills: the production loop with the test's channels."""
    clock = _clock(directory, frozen)
    users, store = _stores(directory, clock, durable=False)  # as `troly remind run` opens it
    log = ArrivalLog(directory / "arrivals.sqlite3")
    notifiers: list[Notifier] = [LoggedInbox(WebInbox(directory / "inbox.sqlite3"), log), ExternalChannel(log)]
    Scheduler(store, notifiers, CONFIG, clock).run(interval=TICK_SECONDS, once=frozen is not None)


def expected_points(end: datetime) -> set[tuple[str, str, int]]:
    """(title or "digest <officer index>", kind, epoch) of every due point up to ``end``, from the task list alone."""
    expected: set[tuple[str, str, int]] = set()
    assignees = set()
    for title, officer, offset, rule in TASKS:
        assignees.add(officer)
        recurrence = Recurrence.decode(rule) if rule else None
        due = recurrence.next_after(START + offset - timedelta(seconds=1)) if recurrence else START + offset
        created = START
        while True:
            task = Task(0, title, officer, None, None, due, "open", None, recurrence, None, created, None, created)
            expected |= {(title, kind, int(moment.timestamp())) for kind, moment in task_points(task, CONFIG, created, end)}
            if recurrence is None or due > end:
                break
            created, due = due, recurrence.next_after(due)
    day = START.date()
    while at(day, CONFIG.digest_at) <= end:
        if is_working_day(day) and at(day, CONFIG.digest_at) > START:
            expected |= {(f"digest {officer}", "digest", int(at(day, CONFIG.digest_at).timestamp())) for officer in assignees}
        day += timedelta(days=1)
    return expected


def count(directory: Path, end: datetime, kills: int, real_seconds: float) -> CrashReport:
    """Compare what the receivers got with what was due."""
    store = sqlite3.connect(directory / "tasks.sqlite3")
    titles = dict(store.execute("SELECT id, title FROM tasks"))
    officers = {user_id: int(name.split()[-1]) for user_id, name in
                sqlite3.connect(directory / "users.sqlite3").execute("SELECT id, name FROM users")}
    rows = store.execute("SELECT key, kind, task_id, user_id, fire_at, late, status FROM due_points").fetchall()
    identity = {
        key: (titles[task_id] if task_id is not None else f"digest {officers[user_id]}", kind, int(fire_at))
        for key, kind, task_id, user_id, fire_at, _, _ in rows
    }
    late_keys = {row[0] for row in rows if row[5]}
    log = ArrivalLog(directory / "arrivals.sqlite3")
    ext = log.arrivals(EXT)
    inbox_keys = [row[0] for row in sqlite3.connect(directory / "inbox.sqlite3").execute("SELECT key FROM inbox")]
    seen: set[str] = set()
    flagged = 0
    for key, resend in ext:
        flagged += key in seen and resend
        seen.add(key)
    received_keys = set(inbox_keys) | {key for key, _ in ext}
    by_identity = Counter(identity.get(key, ("?", key, 0)) for key in inbox_keys + sorted({key for key, _ in ext}))
    expected = expected_points(end)
    received = set(by_identity)
    web_handovers = Counter(key for key, _ in log.arrivals("web"))
    return CrashReport(
        kills=kills,
        real_seconds=round(real_seconds, 1),
        simulated_hours=round((end - START).total_seconds() / 3600, 1),
        expected=len(expected),
        delivered=len(received & expected),
        lost=len(expected - received),
        unexpected=len(received - expected),
        duplicated=sum(n - 1 for n in by_identity.values()),
        repeats_on_ext=len(ext) - len({key for key, _ in ext}),
        repeats_flagged=flagged,
        repeats_absorbed_by_inbox=sum(n - 1 for n in web_handovers.values()),
        late=len(late_keys & received_keys),
        not_delivered_in_store=sum(row[6] != "delivered" for row in rows),
    )


def run(directory: Path, kills: int, speed: float, seed: int) -> CrashReport:
    rng = random.Random(seed)
    setup(directory, speed)
    clock = _clock(directory)
    started = time_module.monotonic()
    command = [sys.executable, "-m", "evals.reminder_crash", "--worker", str(directory)]
    env = {**os.environ, "PYTHONPATH": str(HERE.parent) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = 0
    while done < kills or clock.now() < START + HORIZON:
        if rng.random() < 0.15:  # now and then a longer outage: points fall due while nothing runs
            time_module.sleep(rng.uniform(0.3, 1.0))
        process = subprocess.Popen(command, env=env, cwd=HERE.parent, stderr=subprocess.PIPE)
        try:
            process.wait(timeout=rng.uniform(0.05, 0.6))
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGKILL)
        process.wait()
        if process.returncode != -signal.SIGKILL:
            raise RuntimeError(f"scheduler worker ended by itself ({process.returncode}): {process.stderr.read().decode()}")
        process.stderr.close()
        done += 1
    end = local(clock.now()).replace(microsecond=0) + timedelta(seconds=1)
    final = subprocess.run([*command, "--frozen", end.isoformat()], env=env, cwd=HERE.parent, capture_output=True, text=True)
    if final.returncode != 0:
        raise RuntimeError(f"final scheduler run failed: {final.stderr}")
    return count(directory, end, done, time_module.monotonic() - started)


def write_report(path: Path, report: CrashReport, command: str) -> None:
    lines = [
        "# Reminder scheduler crash test",
        "",
        f"Command: `{command}`. The scheduler process was killed with SIGKILL {report.kills} times at random"
        f" moments and restarted each time; {report.simulated_hours} simulated hours in {report.real_seconds} s.",
        "",
        "| figure | value |",
        "|---|---|",
        *[f"| {name.replace('_', ' ')} | {value} |" for name, value in asdict(report).items()],
        "",
        f"Result: {'PASS' if report.passed else 'FAIL'} — lost {report.lost}, duplicated {report.duplicated},"
        f" unexpected {report.unexpected}; {report.repeats_on_ext} repeats on the channel without idempotency keys,"
        f" {report.repeats_flagged} of them flagged as re-sends.",
        "",
        "*duplicated* counts a due point received twice where the receiver deduplicates (the web inbox) or under"
        " two different keys. *repeats on ext*: the same key handed over twice on a channel that keeps every message"
        " (as Telegram or Zalo would), because the process died after the channel had the message and before our"
        " commit recorded it — the accepted window of `assistant/tasks/scheduler.py`; each was flagged `resend`."
        " The harness compresses time, so the process is almost always busy sending: in production it mostly"
        " sleeps and a crash inside that window is far rarer per crash. *late*: points whose moment passed while"
        " the scheduler was down, delivered on start-up and marked late.",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.reminder_crash", description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--speed", type=float, default=3600.0, help="simulated seconds per real second")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--report", type=Path, default=DEFAULT_REPORT)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--frozen", type=datetime.fromisoformat, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.frozen)
        return 0
    with tempfile.TemporaryDirectory(prefix="troly-crash-") as scratch:
        report = run(args.dir or Path(scratch), args.kills, args.speed, args.seed)
    command = f"python -m evals.reminder_crash --kills {args.kills} --speed {args.speed:g} --seed {args.seed}"
    write_report(args.report, report, command)
    print(json.dumps(asdict(report)))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
