import time as time_module
from datetime import time, timedelta

import pytest

from assistant.security.users import UserDirectory
from assistant.tasks.notifiers import WebInbox
from assistant.tasks.recurrence import Recurrence
from assistant.tasks.scheduler import ReminderConfig, Scheduler, parse_offsets, task_points
from assistant.tasks.store import DuePoint, TaskStore
from knowledge.errors import BadInput
from knowledge.settings import Settings

from ..conftest import START, FakeClock
from .conftest import Office

NO_DIGEST = ReminderConfig(digest_at=None)


class Channel:
    """A channel that keeps what it receives, and can be told to fail."""

    def __init__(self, name: str) -> None:
        self.channel = name
        self.received: list[DuePoint] = []
        self.failures = 0

    def send(self, point: DuePoint) -> None:
        if self.failures:
            self.failures -= 1
            raise ConnectionError("channel down")
        self.received.append(point)


class Crash(BaseException):
    """Stands for the process dying inside a send."""


def run_for(scheduler: Scheduler, clock: FakeClock, hours: float, step_minutes: int = 5) -> None:
    end = clock.now() + timedelta(hours=hours)
    while clock.now() < end:
        scheduler.tick()
        clock.current += timedelta(minutes=step_minutes)


def test_task_points() -> None:
    class T:  # the fields task_points reads
        created_at = START
        due = START + timedelta(days=2)
        recurrence = None

    points = task_points(T, ReminderConfig(), START, START + timedelta(days=4, hours=1))
    assert [(kind, (moment - START).total_seconds() / 3600) for kind, moment in points] == [
        ("before", 24.0), ("before", 47.0), ("due", 48.0), ("overdue", 72.0), ("overdue", 96.0)
    ]
    assert task_points(T, ReminderConfig(), START + timedelta(days=3), START + timedelta(days=4)) == [("overdue", START + timedelta(days=4))]
    T.due = START + timedelta(minutes=30)  # created 30 minutes before its deadline: no "1 hour before"
    assert [kind for kind, _ in task_points(T, ReminderConfig(), START, START + timedelta(hours=1))] == ["due"]
    T.recurrence = Recurrence("daily", time(10, 45))  # overdue reminders stop at the next occurrence
    assert [kind for kind, _ in task_points(T, ReminderConfig(), START, START + timedelta(days=3))] == ["due"]


def test_each_point_is_delivered_once_at_its_moment(store: TaskStore, office: Office, clock: FakeClock) -> None:
    web = Channel("web")
    task = store.create_task("nộp báo cáo quý", office.minh, START + timedelta(days=2), assigned_by=office.lan, source_doc="123/UBND-VP")
    scheduler = Scheduler(store, [web], NO_DIGEST, clock)
    run_for(scheduler, clock, hours=24 * 4 + 1, step_minutes=20)
    assert [p.kind for p in web.received] == ["before", "before", "due", "overdue", "overdue"]
    assert [p.fire_at - START for p in web.received] == [timedelta(days=1), timedelta(hours=47), timedelta(days=2), timedelta(days=3), timedelta(days=4)]
    assert len({p.key for p in web.received}) == 5 and not any(p.late for p in web.received)
    first = web.received[0]
    assert (first.address, first.task_id, first.actions) == (str(office.minh.id), task.id, (("Đã xong", f"done:{task.id}"),))
    assert "còn 1 ngày" in first.text and "123/UBND-VP" in first.text and "Người giao: Trần Thị Lan" in first.text
    assert "Quá hạn 2 ngày" in web.received[-1].text
    assert all(d.status == "delivered" for d in store.deliveries(task.id))


def test_done_stops_the_reminders(store: TaskStore, office: Office, clock: FakeClock) -> None:
    web = Channel("web")
    task = store.create_task("ký công văn", office.minh, START + timedelta(days=2))
    scheduler = Scheduler(store, [web], NO_DIGEST, clock)
    run_for(scheduler, clock, hours=30, step_minutes=30)
    store.mark_done(task.id)
    run_for(scheduler, clock, hours=24 * 3, step_minutes=30)
    assert [p.kind for p in web.received] == ["before"]


def test_points_missed_while_down_are_delivered_late_on_start(store: TaskStore, office: Office, clock: FakeClock) -> None:
    web = Channel("web")
    store.create_task("họp", office.minh, START + timedelta(hours=5))
    clock.current += timedelta(hours=6)  # the scheduler was not running
    Scheduler(store, [web], NO_DIGEST, clock).tick()
    assert [(p.kind, p.late) for p in web.received] == [("before", True), ("due", True)]
    assert "Gửi trễ" in web.received[0].text


def test_routes_to_the_linked_channel_it_can_reach(store: TaskStore, users: UserDirectory, office: Office, clock: FakeClock) -> None:
    web, telegram = Channel("web"), Channel("telegram")
    users.redeem_link_code(users.create_link_code(office.minh.id), "zalo", "z-9")
    users.redeem_link_code(users.create_link_code(office.hoa.id), "telegram", "777")
    store.create_task("a", office.minh, START + timedelta(minutes=30))
    store.create_task("b", office.hoa, START + timedelta(minutes=30))
    scheduler = Scheduler(store, [web, telegram], NO_DIGEST, clock)
    clock.current += timedelta(minutes=30)
    scheduler.tick()
    assert [(p.channel, p.address) for p in web.received] == [("web", str(office.minh.id))]  # no zalo notifier here
    assert [(p.channel, p.address) for p in telegram.received] == [("telegram", "777")]


def test_failures_are_retried_with_backoff_then_given_up(store: TaskStore, office: Office, clock: FakeClock) -> None:
    flaky = Channel("web")
    flaky.failures = 2
    task = store.create_task("a", office.minh, START + timedelta(minutes=30))
    scheduler = Scheduler(store, [flaky], NO_DIGEST, clock)
    clock.current += timedelta(minutes=30)
    scheduler.tick()
    scheduler.tick()  # too early for the retry
    assert flaky.received == [] and store.deliveries(task.id)[0].attempts == 1
    run_for(scheduler, clock, hours=0.1, step_minutes=1)
    assert len(flaky.received) == 1 and flaky.received[0].resend  # it had been handed over before
    dead = Channel("web")
    dead.failures = 99
    other = store.create_task("b", office.hoa, clock.now() + timedelta(minutes=10))
    scheduler = Scheduler(store, [dead], ReminderConfig(digest_at=None, max_attempts=3), clock)
    run_for(scheduler, clock, hours=3, step_minutes=1)
    (delivery,) = store.deliveries(other.id)
    assert (delivery.status, delivery.attempts) == ("failed", 3)


def test_a_crash_inside_a_send_repeats_it_with_the_same_key_flagged(store: TaskStore, office: Office, clock: FakeClock) -> None:
    class Dying(Channel):
        def send(self, point: DuePoint) -> None:
            super().send(point)
            raise Crash

    task = store.create_task("a", office.minh, START + timedelta(minutes=30))
    clock.current += timedelta(minutes=30)
    dying = Dying("web")
    with pytest.raises(Crash):
        Scheduler(store, [dying], NO_DIGEST, clock).tick()
    inbox_side = Channel("web")
    Scheduler(store, [inbox_side], NO_DIGEST, clock).tick()  # the restarted process
    assert [p.key for p in inbox_side.received] == [dying.received[0].key]
    assert not dying.received[0].resend and inbox_side.received[0].resend
    assert store.deliveries(task.id)[0].status == "delivered"


def test_daily_digest_on_working_days(store: TaskStore, office: Office, clock: FakeClock) -> None:
    web = Channel("web")
    store.create_task("nộp báo cáo", office.minh, START + timedelta(days=1))
    store.create_task("họp HĐND", office.minh, START + timedelta(days=8))
    clock.current = START.replace(hour=7)  # before digest time
    scheduler = Scheduler(store, [web], ReminderConfig(before=()), clock)
    run_for(scheduler, clock, hours=24 * 7 + 1, step_minutes=30)
    digests = [p for p in web.received if p.kind == "digest"]
    assert [p.fire_at.strftime("%a %d/%m %H:%M") for p in digests] == [
        "Wed 25/11 07:30", "Thu 26/11 07:30", "Fri 27/11 07:30", "Mon 30/11 07:30", "Tue 01/12 07:30"
    ]
    assert "2 việc đang mở, 0 việc quá hạn" in digests[0].text
    assert "1 việc quá hạn" in digests[1].text and "QUÁ HẠN" in digests[1].text


def test_a_created_task_waits_for_the_next_digest(store: TaskStore, office: Office, clock: FakeClock) -> None:
    web = Channel("web")
    store.create_task("a", office.minh, START + timedelta(days=3))  # created at 10:15, after today's 07:30
    Scheduler(store, [web], ReminderConfig(before=()), clock).tick()
    assert web.received == []


def test_web_inbox_end_to_end(store: TaskStore, office: Office, clock: FakeClock, store_settings: Settings) -> None:
    inbox = WebInbox.open(store_settings)
    store.create_task("a", office.minh, START + timedelta(minutes=30))
    clock.current += timedelta(minutes=31)
    Scheduler(store, [inbox], NO_DIGEST, clock).run(once=True)
    (message,) = inbox.messages(office.minh.id)
    assert "Đến hạn" in message.text and message.actions == (("Đã xong", "done:1"),)


def test_the_loop_serves_another_outbox_after_each_tick(store: TaskStore, office: Office, clock: FakeClock) -> None:
    served = []
    stops = iter([False, True])
    Scheduler(store, [Channel("web")], NO_DIGEST, clock).run(
        interval=30, should_stop=lambda: next(stops), after_tick=lambda: served.append(clock.now())
    )
    assert served == [START, START + timedelta(seconds=30)]


def test_offsets_and_config() -> None:
    assert parse_offsets("1d, 2h,30m") == (timedelta(days=1), timedelta(hours=2), timedelta(minutes=30))
    assert parse_offsets("none") == ()
    for bad in ("1w", "0h", "abc"):
        with pytest.raises(BadInput):
            parse_offsets(bad)
    settings = Settings.from_env({"TROLY_REMIND_BEFORE": "2h", "TROLY_DIGEST_AT": "off"})
    config = ReminderConfig.from_settings(settings)
    assert (config.before, config.digest_at) == ((timedelta(hours=2),), None)
    with pytest.raises(BadInput, match="TROLY_DIGEST_AT"):
        ReminderConfig.from_settings(Settings.from_env({"TROLY_DIGEST_AT": "7h"}))


def test_two_schedulers_on_one_store_record_and_deliver_each_point_once(
    store: TaskStore, users: UserDirectory, office: Office, clock: FakeClock, store_settings: Settings
) -> None:
    """Two workers' schedulers, running at the same moments: each due point is recorded by one and delivered once."""
    import threading

    class Slow(Channel):
        def send(self, point: DuePoint) -> None:
            time_module.sleep(0.002)  # long enough for the other scheduler to come in between
            super().send(point)

    for n, officer in enumerate([office.minh, office.hoa, office.lan] * 4):
        store.create_task(f"báo cáo số {n}", officer, START + timedelta(hours=n + 1))
    other = TaskStore.open(store_settings, UserDirectory.open(store_settings, clock), clock, durable=False)
    web = Slow("web")
    schedulers = [Scheduler(store, [web], ReminderConfig(), clock), Scheduler(other, [web], ReminderConfig(), clock)]
    clock.current += timedelta(days=2)
    start = threading.Barrier(2)
    totals = [[0, 0], [0, 0]]

    def run(n: int) -> None:
        start.wait()
        for _ in range(5):
            recorded, delivered = schedulers[n].tick()
            totals[n][0] += recorded
            totals[n][1] += delivered

    threads = [threading.Thread(target=run, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    recorded = store.deliveries()
    assert len(recorded) > 12 * 3  # before, due and overdue points of twelve tasks, and digests
    assert totals[0][0] + totals[1][0] == len(recorded)
    assert sorted(p.key for p in web.received) == sorted(d.point.key for d in recorded)
    assert totals[0][1] + totals[1][1] == len(recorded)
    assert all(d.status == "delivered" for d in other.deliveries())
