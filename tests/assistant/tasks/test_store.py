from datetime import time, timedelta

import pytest

from assistant.tasks.recurrence import Recurrence
from assistant.tasks.store import TaskStore
from knowledge.errors import BadInput

from ..conftest import START, FakeClock
from .conftest import Office


def all_tasks(store: TaskStore) -> list:
    return store.tasks(statuses=("open", "done", "cancelled"))


def test_managers_assign_within_their_unit(store: TaskStore, office: Office) -> None:
    due = START + timedelta(days=2)
    task = store.create_task("hoàn thành báo cáo quý", office.minh, due, assigned_by=office.lan, source_doc="Công văn số 123/UBND-VP")
    assert (task.assignee_id, task.assigned_by_id, task.unit, task.status) == (office.minh.id, office.lan.id, "Văn phòng UBND", "open")
    assert task.source_doc == "123/UBND-VP" and task.due == due
    assert store.create_task("tự nhắc", office.minh, due, assigned_by=office.minh).assignee_id == office.minh.id
    assert store.create_task("việc liên phòng", office.hung, due, assigned_by=office.admin).assignee_id == office.hung.id
    assert store.create_task("do quản trị tạo", office.hoa, due).assigned_by_id is None


@pytest.mark.parametrize(
    ("assignee", "giver", "message"),
    [
        ("hung", "lan", "cùng đơn vị"),  # a manager of another unit
        ("hoa", "minh", "cùng đơn vị"),  # not a manager
        ("citizen", None, "công dân"),
    ],
)
def test_assignment_rules_refuse_and_store_nothing(store: TaskStore, office: Office, assignee: str, giver: str | None, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        store.create_task("soạn tờ trình", getattr(office, assignee), START + timedelta(days=1),
                          assigned_by=getattr(office, giver) if giver else None)
    assert all_tasks(store) == []


def test_bad_input_is_refused(store: TaskStore, office: Office) -> None:
    with pytest.raises(BadInput, match="đã qua"):
        store.create_task("họp", office.minh, START - timedelta(minutes=1))
    with pytest.raises(BadInput, match="số/ký hiệu"):
        store.create_task("họp", office.minh, START + timedelta(days=1), source_doc="công văn hôm trước")
    with pytest.raises(BadInput, match="tên công việc"):
        store.create_task("   ", office.minh, START + timedelta(days=1))
    with pytest.raises(BadInput, match="không có việc số 42"):
        store.get(42)
    with pytest.raises(BadInput, match="không có việc số 42"):
        store.mark_done(42)
    assert all_tasks(store) == []


def test_done_and_cancel(store: TaskStore, office: Office) -> None:
    task = store.create_task("nộp báo cáo", office.minh, START + timedelta(days=1), assigned_by=office.lan)
    with pytest.raises(BadInput, match="quyền"):
        store.mark_done(task.id, by=office.hung)
    done = store.mark_done(task.id, by=office.minh)
    assert done.status == "done" and done.closed_at == START
    assert store.mark_done(task.id, by=office.lan).status == "done"  # done twice is done once
    with pytest.raises(BadInput, match="đã hoàn thành"):
        store.cancel(task.id)
    other = store.create_task("dự họp", office.minh, START + timedelta(days=1))
    store.cancel(other.id, by=office.lan)
    with pytest.raises(BadInput, match="đã bị hủy"):
        store.mark_done(other.id)


def test_lists_and_overdue(store: TaskStore, office: Office, clock: FakeClock) -> None:
    soon = store.create_task("việc gần", office.minh, START + timedelta(hours=2))
    later = store.create_task("việc xa", office.minh, START + timedelta(days=3))
    store.create_task("việc của Hùng", office.hung, START + timedelta(hours=1))
    assert [t.id for t in store.tasks(office.minh.id)] == [soon.id, later.id]
    assert [t.title for t in store.tasks(unit="phong tu phap")] == ["việc của Hùng"]
    clock.current += timedelta(hours=3)
    assert [t.title for t in store.overdue(clock.now())] == ["việc của Hùng", "việc gần"]
    assert [t.title for t in store.overdue(clock.now(), user_id=office.minh.id)] == ["việc gần"]
    store.mark_done(soon.id)
    assert [t.title for t in store.overdue(clock.now(), unit="Văn phòng UBND")] == []


def test_weekly_summary_per_officer(store: TaskStore, office: Office, clock: FakeClock) -> None:
    on_time = store.create_task("a", office.minh, START + timedelta(hours=5))
    late = store.create_task("b", office.minh, START + timedelta(hours=6))
    store.create_task("c", office.minh, START + timedelta(days=1))
    store.create_task("next week", office.minh, START + timedelta(days=8))
    store.create_task("d", office.hoa, START + timedelta(hours=2))
    store.mark_done(on_time.id)
    clock.current = START + timedelta(days=2)
    store.mark_done(late.id)
    week = store.weekly_summary("Văn phòng UBND", START.date(), clock.now())
    rows = {row.user_id: row for row in week.rows}
    assert week.week_start.isoformat() == "2026-11-23"
    minh, hoa, lan = rows[office.minh.id], rows[office.hoa.id], rows[office.lan.id]
    assert (minh.assigned, minh.done, minh.done_late, minh.open, minh.overdue) == (3, 2, 1, 1, 1)
    assert (hoa.assigned, hoa.open, hoa.overdue) == (1, 1, 1)
    assert lan.assigned == 0


def test_recurring_series_roll_forward_and_cancel_ends_them(store: TaskStore, office: Office, clock: FakeClock) -> None:
    rule = Recurrence("weekly", time(8, 0), weekdays=(4,))
    first = store.create_task("họp giao ban", office.lan, rule.next_after(START), recurrence=rule)
    assert first.series_id == first.id
    clock.current = START + timedelta(days=10)
    with store.planning() as planning:
        created = planning.roll_recurrences(clock.now())
    assert [t.due.strftime("%d/%m") for t in created] == ["04/12", "11/12"]
    assert all(t.series_id == first.id and t.recurrence == rule for t in created)
    assert created[0].created_at == first.due  # its reminders start where the previous occurrence ended
    store.cancel(created[-1].id)
    clock.current += timedelta(days=30)
    with store.planning() as planning:
        assert planning.roll_recurrences(clock.now()) == []
