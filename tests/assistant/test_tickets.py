import pytest

from assistant.tickets import TicketStore
from knowledge.errors import BadInput


def test_tickets_get_daily_codes_and_replies(tmp_path):
    store = TicketStore(tmp_path / "t.sqlite3")
    first = store.create("phan_anh", "Cán bộ phường hẹn nhiều lần", "web", "s1")
    second = store.create("phan_anh", "Đường ngập", "zalo", "s2")
    assert first.code.startswith("PA-") and first.code[-4:] == "0001" and second.code[-4:] == "0002"
    assert [t.code for t in store.list()] == [first.code, second.code]
    answered = store.reply(first.code.lower(), "Phường đã tiếp nhận và sẽ trả lời trước thứ Sáu.", "Trần Thị Lan")
    assert answered.status == "answered" and not answered.delivered and [t.code for t in store.list()] == [second.code]
    store.mark_delivered(first.code)
    assert store.get(first.code).delivered


def test_bad_input(tmp_path):
    store = TicketStore(tmp_path / "t.sqlite3")
    with pytest.raises(BadInput):
        store.get("PA-00000000-9999")
    with pytest.raises(BadInput):
        store.create("spam", "x", "web", None)
    with pytest.raises(BadInput):
        store.reply(store.create("kien_nghi", "x", "web", None).code, "  ", "A")
