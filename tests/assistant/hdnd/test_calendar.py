"""The session calendar: the kỳ họp and thẩm tra deadlines become the delegate's reminders."""

from pathlib import Path

import pytest

from assistant.hdnd import read_submission, schedule_session, split_events
from assistant.tasks import TaskStore
from tests.assistant.conftest import START


@pytest.fixture
def store(tmp_path: Path, users, clock):
    tasks = TaskStore(tmp_path / "tasks.sqlite3", users, clock)
    yield tasks
    tasks.close()


def test_session_and_deadline_become_reminders_about_the_to_trinh(store, users, hdnd_dir):
    delegate = users.add_user("Nguyễn Thị Mai", role="delegate", unit="Tổ đại biểu số 3")
    submission = read_submission(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt")
    events = split_events("kỳ họp thứ 21 lúc 8h ngày 10/12 và hạn gửi ý kiến thẩm tra 05/12")
    assert events == ["kỳ họp thứ 21 lúc 8h ngày 10/12", "hạn gửi ý kiến thẩm tra 05/12"]
    session, deadline = schedule_session(events, delegate, START, store, submission)
    assert session.task.title == "kỳ họp thứ 21 (Tờ trình số 215/TTr-UBND)"
    assert session.task.due.strftime("%d/%m/%Y %H:%M") == "10/12/2026 08:00"
    assert deadline.task.due.strftime("%d/%m/%Y %H:%M") == "05/12/2026 08:00"
    assert {t.source_doc for t in store.tasks(delegate.id)} == {"215/TTr-UBND"}
    assert "Theo văn bản số 215/TTr-UBND" in session.text


def test_an_event_without_a_clear_time_is_asked_back(store, users):
    delegate = users.add_user("Trần Văn Bình", role="delegate")
    (vague,) = schedule_session(["họp Ban Kinh tế - Ngân sách"], delegate, START, store)
    assert vague.task is None and vague.text.startswith("«họp Ban Kinh tế - Ngân sách»: Bạn muốn được nhắc vào lúc nào?")
    (past,) = schedule_session(["kỳ họp thứ 20 ngày 10/07/2026"], delegate, START, store)
    assert past.task is None
    assert store.tasks(delegate.id) == []
