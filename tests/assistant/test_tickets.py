from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.tickets import TicketStore
from knowledge.errors import BadInput


def test_tickets_get_daily_codes_and_replies(store_settings):
    store = TicketStore.open(store_settings)
    first = store.create("phan_anh", "Cán bộ phường hẹn nhiều lần", "web", "s1")
    second = store.create("phan_anh", "Đường ngập", "zalo", "s2")
    assert first.code.startswith("PA-") and first.code[-4:] == "0001" and second.code[-4:] == "0002"
    assert [t.code for t in store.list()] == [first.code, second.code]
    answered = store.reply(first.code.lower(), "Phường đã tiếp nhận và sẽ trả lời trước thứ Sáu.", "Trần Thị Lan")
    assert answered.status == "answered" and not answered.delivered and [t.code for t in store.list()] == [second.code]
    store.mark_delivered(first.code)
    assert store.get(first.code).delivered


def test_bad_input(store_settings):
    store = TicketStore.open(store_settings)
    with pytest.raises(BadInput):
        store.get("PA-00000000-9999")
    with pytest.raises(BadInput):
        store.create("spam", "x", "web", None)
    with pytest.raises(BadInput):
        store.reply(store.create("kien_nghi", "x", "web", None).code, "  ", "A")


def test_workers_filing_at_once_get_distinct_codes_and_see_each_others_replies(store_settings):
    workers = [TicketStore.open(store_settings) for _ in range(4)]

    def file(n: int) -> str:
        return workers[n % 4].create("kien_nghi", f"Đề nghị sửa đường thôn {n}", "web", f"s{n}").code

    with ThreadPoolExecutor(4) as pool:
        codes = list(pool.map(file, range(12)))
    assert sorted(code[-4:] for code in codes) == [f"{n:04d}" for n in range(1, 13)]
    workers[0].reply(codes[5], "UBND xã đã đưa vào kế hoạch năm sau.", "Trần Thị Lan")
    assert workers[3].get(codes[5]).status == "answered"
    assert [t.session_id for t in workers[2].for_session("s5")] == ["s5"]
