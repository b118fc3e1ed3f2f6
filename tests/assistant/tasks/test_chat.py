import pytest

from assistant.tasks.chat import TaskCreated, handle_reminder_action, handle_reminder_message, is_reminder_action
from assistant.tasks.store import TaskStore
from assistant.tasks.timeparse import Clarification
from knowledge.errors import BadInput

from ..conftest import START
from .conftest import Office


def created(text: str, user, store: TaskStore) -> TaskCreated:
    result = handle_reminder_message(text, user, START, store)
    assert isinstance(result, TaskCreated), result
    return result


def test_the_issue_example(store: TaskStore, office: Office) -> None:
    result = created("nhắc tôi nộp báo cáo quý lúc 9h sáng thứ Hai tuần sau", office.minh, store)
    assert result.task.title == "nộp báo cáo quý"
    assert result.assignee == office.minh and result.task.assigned_by_id == office.minh.id
    assert "09:00 thứ Hai, ngày 30/11/2026" in result.text
    plain = created("nhac toi nop bao cao quy luc 9h sang thu 2 tuan sau", office.minh, store)
    assert plain.task.due == result.task.due and plain.task.title == "nop bao cao quy"


def test_a_manager_assigns_to_an_officer_of_the_unit(store: TaskStore, office: Office) -> None:
    result = created("giao anh Minh hoàn thành báo cáo trước thứ Sáu", office.lan, store)
    assert (result.assignee, result.task.title) == (office.minh, "hoàn thành báo cáo")
    assert result.text.startswith("Đã giao Nguyễn Văn Minh")
    assert "17:00 thứ Năm, ngày 26/11/2026" in result.text
    folded = created("giao cho chi hoa soan to trinh chieu mai", office.lan, store)
    assert (folded.assignee, folded.task.title) == (office.hoa, "soan to trinh")
    reminded = created("nhắc chị Phạm Thị Hoa gửi giấy mời ngày 15/12", office.lan, store)
    assert reminded.assignee == office.hoa and reminded.task.title == "gửi giấy mời"


def test_people_who_cannot_be_assigned(store: TaskStore, office: Office) -> None:
    unknown = handle_reminder_message("giao anh Tuấn soạn tờ trình trước thứ Sáu", office.lan, START, store)
    assert isinstance(unknown, Clarification) and "Tuấn" in unknown.question and "Văn phòng UBND" in unknown.question
    other_unit = handle_reminder_message("giao anh Hùng soạn tờ trình trước thứ Sáu", office.lan, START, store)
    assert isinstance(other_unit, Clarification) and other_unit.reason == "unknown_person"
    with pytest.raises(BadInput, match="lãnh đạo"):
        handle_reminder_message("giao chị Hoa soạn tờ trình trước thứ Sáu", office.minh, START, store)
    with pytest.raises(BadInput, match="cán bộ"):
        handle_reminder_message("nhắc tôi nộp hồ sơ ngày mai", office.citizen, START, store)
    assert store.tasks(statuses=("open", "done", "cancelled")) == []


def test_two_people_with_the_same_name_are_asked_about(store: TaskStore, office: Office) -> None:
    store.users.add_user("Đỗ Văn Minh", "officer", "Văn phòng UBND")
    asked = handle_reminder_message("giao anh Minh rà soát hồ sơ ngày mai", office.lan, START, store)
    assert isinstance(asked, Clarification) and "Nguyễn Văn Minh" in asked.question and "Đỗ Văn Minh" in asked.question


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("nhắc tôi nộp báo cáo", "no_time"),
        ("nhắc tôi lúc 9h sáng mai", "no_title"),
        ("nhắc tôi gọi điện lúc 3h", "ambiguous"),
        ("nhắc tôi duyệt hồ sơ ngày 31/02", "invalid_date"),
        ("nhắc tôi họp lúc 25h", "invalid_time"),
        ("nhắc tôi nộp báo cáo ngày 15/11/2026", "past"),
    ],
)
def test_asks_back_and_schedules_nothing(store: TaskStore, office: Office, text: str, reason: str) -> None:
    result = handle_reminder_message(text, office.minh, START, store)
    assert isinstance(result, Clarification) and result.reason == reason
    assert store.tasks() == []


def test_source_document_recurrence_and_politeness(store: TaskStore, office: Office) -> None:
    result = created("làm ơn nhắc mình gửi công văn số 123/UBND-VP cho Sở Nội vụ vào 14h30 chiều mai nhé", office.minh, store)
    assert result.task.title == "gửi công văn số 123/UBND-VP cho Sở Nội vụ"
    assert result.task.source_doc == "123/UBND-VP" and "Theo văn bản số 123/UBND-VP" in result.text
    weekly = created("nhắc tôi họp giao ban mỗi sáng thứ Hai lúc 8h", office.lan, store)
    assert weekly.task.recurrence.encode() == "weekly 0 08:00" and "hằng tuần" in weekly.text
    bare = created("Ban hành kế hoạch trước cuối tháng này", office.minh, store)
    assert bare.task.title == "Ban hành kế hoạch"


@pytest.mark.parametrize(
    "text, expected",
    [("done:12", True), ("xong 12", True), ("Đã xong #12", True), ("hoan thanh 3", True),
     ("xong báo cáo quý chưa?", False), ("delete:1", False), ("", False)],
)
def test_reminder_actions_are_told_from_other_messages(text: str, expected: bool) -> None:
    assert is_reminder_action(text) is expected


def test_mark_done_from_a_reminder(store: TaskStore, office: Office) -> None:
    task = created("giao anh Minh hoàn thành báo cáo trước thứ Sáu", office.lan, store).task
    assert "Đã ghi nhận hoàn thành việc #1" in handle_reminder_action(f"done:{task.id}", office.minh, store)
    assert "trước đó" in handle_reminder_action("đã xong #1", office.minh, store)
    assert store.get(task.id).status == "done"
    with pytest.raises(BadInput, match="không có việc số 9"):
        handle_reminder_action("done:9", office.minh, store)
    with pytest.raises(BadInput, match="không hiểu"):
        handle_reminder_action("delete:1", office.minh, store)
    other = created("nhắc tôi dự họp ngày mai lúc 14h", office.hoa, store).task
    with pytest.raises(BadInput, match="quyền"):
        handle_reminder_action(f"xong {other.id}", office.minh, store)
    store.cancel(other.id)
    with pytest.raises(BadInput, match="đã bị hủy"):
        handle_reminder_action(f"xong {other.id}", office.hoa, store)
