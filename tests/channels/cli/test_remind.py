import json
from pathlib import Path

import pytest

from assistant.tasks.notifiers import WebInbox
from channels.cli import main
from knowledge.settings import Settings


@pytest.fixture
def office(data_dir: Path, capsys) -> None:
    main(["user", "add", "Trần Thị Lan", "--unit", "Văn phòng UBND", "--manager"])
    main(["user", "add", "Nguyễn Văn Minh", "--unit", "Văn phòng UBND"])
    main(["user", "add", "Lê Văn Hùng", "--unit", "Phòng Tư pháp"])
    capsys.readouterr()


def test_add_list_done(office, capsys) -> None:
    assert main(["remind", "add", "nộp báo cáo quý", "--due", "9h sáng thứ Hai tuần sau", "--assignee", "Nguyễn Văn Minh",
                 "--as", "Trần Thị Lan", "--source-doc", "123/UBND-VP"]) == 0
    out = capsys.readouterr().out
    assert "Đã tạo việc #1 «nộp báo cáo quý» cho Nguyễn Văn Minh — hạn 09:00 thứ Hai" in out
    assert main(["remind", "add", "giao ban", "--recurrence", "mỗi sáng thứ Hai lúc 8h", "--as", "Trần Thị Lan"]) == 0
    assert "lặp lại hằng tuần vào thứ Hai lúc 08:00" in capsys.readouterr().out
    assert main(["remind", "list", "--user", "Nguyễn Văn Minh", "--json"]) == 0
    (task,) = json.loads(capsys.readouterr().out)
    assert (task["id"], task["source_doc"], task["status"], task["overdue"]) == (1, "123/UBND-VP", "open", False)
    assert main(["remind", "list", "--overdue"]) == 0
    assert "Không có việc nào." in capsys.readouterr().out
    assert main(["remind", "done", "1", "--as", "Nguyễn Văn Minh"]) == 0
    assert main(["remind", "list", "--all"]) == 0
    assert "đã xong" in capsys.readouterr().out
    assert main(["remind", "summary", "--unit", "Văn phòng UBND"]) == 0
    assert "Nguyễn Văn Minh" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["remind", "add", "họp", "--due", "31/02", "--assignee", "Nguyễn Văn Minh"], "31/02 không tồn tại"),
        (["remind", "add", "họp", "--due", "25h ngày mai", "--assignee", "Nguyễn Văn Minh"], "25h"),
        (["remind", "add", "họp", "--due", "15-11-2020", "--assignee", "Nguyễn Văn Minh"], "đã qua"),
        (["remind", "add", "họp", "--due", "ngày mai", "--assignee", "Không Có Ai"], "không có người dùng"),
        (["remind", "add", "họp", "--due", "ngày mai", "--assignee", "Lê Văn Hùng", "--as", "Trần Thị Lan"], "cùng đơn vị"),
        (["remind", "add", "họp", "--recurrence", "ngày mai", "--assignee", "Lê Văn Hùng"], "lặp lại"),
        (["remind", "add", "họp", "--assignee", "Lê Văn Hùng"], "--due"),
        (["remind", "done", "99"], "không có việc số 99"),
        (["remind", "run", "--interval", "0"], "--interval"),
    ],
)
def test_bad_input_exits_2_and_schedules_nothing(office, capsys, argv: list[str], message: str) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err
    assert main(["remind", "list", "--all"]) == 0
    assert "Không có việc nào." in capsys.readouterr().out


def test_a_deleted_task_gets_no_reminder(office, capsys, data_dir: Path) -> None:
    main(["remind", "add", "dự họp", "--due", "1 phút nữa", "--assignee", "Nguyễn Văn Minh"])
    assert main(["remind", "cancel", "1"]) == 0
    assert main(["remind", "done", "1"]) == 2
    assert "đã bị hủy" in capsys.readouterr().err
    assert main(["remind", "run", "--once"]) == 0
    assert WebInbox.open(Settings.from_env()).messages(2) == []


def test_run_reminds_over_the_linked_telegram_chat_and_delivers_officers_replies(office, data_dir, monkeypatch) -> None:
    from datetime import datetime, timedelta

    from assistant.security.users import UserDirectory
    from assistant.tasks import TaskStore
    from assistant.tasks.dates import TZ
    from assistant.tickets import TicketStore
    from tests.assistant.conftest import FakeClock
    from tests.channels.telegram.bot_api import TOKEN, BotApi

    settings = Settings.from_env()
    users = UserDirectory.open(settings)
    minh = users.by_name("Nguyễn Văn Minh")
    users.redeem_link_code(users.create_link_code(minh.id), "telegram", "42")
    two_days_ago = FakeClock(datetime.now(TZ) - timedelta(days=2))  # a task created then, due yesterday
    tasks = TaskStore(data_dir / "tasks.sqlite3", users, two_days_ago)
    tasks.create_task("nộp báo cáo quý", minh, two_days_ago.now() + timedelta(days=1))
    tickets = TicketStore.open(settings)
    ticket = tickets.create("handover", "gặp cán bộ", "telegram", "tg:77")
    tickets.reply(ticket.code, "Chào bạn, tôi là cán bộ Minh.", "Nguyễn Văn Minh")
    with BotApi() as api:
        monkeypatch.setenv("TROLY_TELEGRAM_TOKEN", TOKEN)
        monkeypatch.setenv("TROLY_TELEGRAM_API_BASE", api.url)
        assert main(["remind", "run", "--once"]) == 0
    sent = [(r.params["chat_id"], r.params["text"].split("\n")[0]) for r in api.calls("sendMessage")]
    assert ("77", f"Cán bộ Nguyễn Văn Minh trả lời yêu cầu {ticket.code} của bạn:") in sent
    assert ("42", "Đến hạn — việc #1: «nộp báo cáo quý»") in sent
    assert TicketStore.open(settings).get(ticket.code).delivered
    assert WebInbox.open(settings).messages(minh.id) == []
