from datetime import datetime

import pytest

from assistant.tasks.dates import TZ
from assistant.tasks.timeparse import Clarification, When, extract_when, parse_when

NOW = datetime(2026, 11, 24, 10, 15, tzinfo=TZ)  # a Tuesday


def due(text: str, now: datetime = NOW) -> str:
    result = parse_when(text, now)
    assert isinstance(result, When), f"{text!r}: {result}"
    assert result.due.tzinfo is not None
    return result.due.strftime("%Y-%m-%d %H:%M")


def asks(text: str, now: datetime = NOW) -> Clarification:
    result = parse_when(text, now)
    assert isinstance(result, Clarification), f"{text!r} gave a date: {result}"
    return result


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9 giờ sáng thứ Hai tuần sau", "2026-11-30 09:00"),
        ("9h sang thu 2 tuan sau", "2026-11-30 09:00"),
        ("14h30 chiều mai", "2026-11-25 14:30"),
        ("ngày 15/12", "2026-12-15 08:00"),
        ("15-12-2026", "2026-12-15 08:00"),
        ("ngày 15 tháng mười hai", "2026-12-15 08:00"),
        ("cuối tháng này", "2026-11-30 17:00"),
        ("sau 3 ngày nữa", "2026-11-27 10:15"),
        ("1 tiếng rưỡi nữa", "2026-11-24 11:45"),
        ("9 giờ kém 15 sáng mai", "2026-11-25 08:45"),
        ("16g30 ngày 20/12", "2026-12-20 16:30"),
        ("2h đêm nay", "2026-11-25 02:00"),
        ("24h ngày 15/12", "2026-12-16 00:00"),
        ("T7 này", "2026-11-28 08:00"),
        ("CN tuần sau", "2026-12-06 08:00"),
        ("toi thu 6", "2026-11-27 19:00"),
    ],
)
def test_moments(text: str, expected: str) -> None:
    assert due(text) == expected


def test_the_issue_expressions_with_and_without_diacritics() -> None:
    for marked, plain in [
        ("trước thứ Sáu", "truoc thu sau"),
        ("cuối tháng này", "cuoi thang nay"),
        ("ngày mốt", "ngay mot"),
    ]:
        assert due(marked) == due(plain)
    assert due("trước thứ Sáu") == "2026-11-26 17:00"  # end of the working day before Friday
    assert due("ngay mot") == "2026-11-26 08:00"  # mốt, not "ngày một"


def test_deadline_conventions() -> None:
    assert due("trước thứ Hai tuần sau") == "2026-11-27 17:00"  # the working day before is a Friday
    assert due("trước 9h sáng thứ Sáu") == "2026-11-27 09:00"  # with a time: that time
    assert due("chậm nhất ngày 15/12") == "2026-12-15 17:00"
    assert due("trong 3 ngày tới") == "2026-11-27 17:00"
    assert due("trước tuần sau") == "2026-11-27 17:00"
    assert due("trước cuối tháng") == "2026-11-30 17:00"
    assert due("cuối tháng này", datetime(2026, 10, 5, 9, 0, tzinfo=TZ)) == "2026-10-30 17:00"  # 31/10 is a Saturday


def test_recurrences() -> None:
    weekly = parse_when("mỗi sáng thứ Sáu lúc 8h", NOW)
    assert isinstance(weekly, When) and weekly.recurrence is not None
    assert (weekly.recurrence.encode(), weekly.due.strftime("%d/%m %H:%M")) == ("weekly 4 08:00", "27/11 08:00")
    monthly = parse_when("hang thang ngay 5", NOW)
    assert monthly.recurrence.encode() == "monthly 5 08:00" and monthly.due.strftime("%d/%m") == "05/12"
    daily = parse_when("hàng ngày lúc 7h30", NOW)
    assert daily.recurrence.encode() == "daily 07:30" and daily.due.strftime("%d/%m %H:%M") == "25/11 07:30"
    two_days = parse_when("thứ 2 và thứ 5 hằng tuần lúc 8h", NOW)
    assert two_days.recurrence.encode() == "weekly 0,3 08:00"
    assert "hằng tuần" in two_days.understood


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02", "invalid_date"),
        ("ngày 29/2/2027", "invalid_date"),
        ("15/13", "invalid_date"),
        ("25h", "invalid_time"),
        ("9h75", "invalid_time"),
        ("9 giờ chiều", "invalid_time"),
        ("hôm qua", "past"),
        ("15-11-2026", "past"),
        ("ngày 15/11", "past"),
        ("7h sáng nay", "past"),
        ("lúc 3 giờ", "ambiguous"),
        ("thứ Ba", "ambiguous"),
        ("thứ Ba ngày 30/11", "ambiguous"),
        ("thứ năm tới", "ambiguous"),
        ("cuối tuần này", "ambiguous"),
        ("hằng tháng ngày 31", "ambiguous"),
        ("tuần sau", "vague"),
        ("bay gio", "vague"),
        ("mai mốt", "vague"),
        ("sau thứ Sáu", "vague"),
        ("nộp báo cáo", "not_understood"),
    ],
)
def test_asks_back_instead_of_guessing(text: str, reason: str) -> None:
    assert asks(text).reason == reason


def test_questions_say_what_is_wrong_and_may_suggest() -> None:
    assert "31/02" in asks("31/02").question
    assert "30/11/2026 là thứ Hai" in asks("thứ Ba ngày 30/11").question
    assert asks("thứ Hai tuần này, ngày 30/11").reason == "ambiguous"  # that Monday is next week's
    assert due("thứ Hai tuần sau, ngày 30/11") == "2026-11-30 08:00"
    passed = asks("lúc 9h")
    assert passed.suggestion is not None and passed.suggestion.due.strftime("%d/%m %H:%M") == "25/11 09:00"
    start = asks("đầu tuần sau")
    assert start.suggestion is not None and "30/11/2026" in start.question


def test_understood_and_assumptions_are_in_words() -> None:
    result = parse_when("thứ Hai tuần sau", NOW)
    assert result.understood == "08:00 thứ Hai, ngày 30/11/2026"
    assert any("08:00" in note for note in result.assumptions)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_when("ngày mai", datetime(2026, 11, 24, 10, 15))


def test_extract_finds_the_time_inside_a_message() -> None:
    extraction = extract_when("nộp báo cáo quý lúc 9h sáng thứ Hai tuần sau nhé", NOW)
    assert isinstance(extraction.result, When)
    pieces = [extraction.text[a:b] for a, b in extraction.spans]
    assert pieces == ["lúc 9h sáng thứ Hai tuần sau"]
    title_words = extract_when("lập kế hoạch tháng 12 trước thứ Sáu", NOW)
    assert title_words.result.due.strftime("%d/%m %H:%M") == "26/11 17:00"
    assert [title_words.text[a:b] for a, b in title_words.spans] == ["trước thứ Sáu"]
    assert extract_when("gửi công văn cho anh Minh", NOW).result is None
    assert due("nhac toi mai 9h") == "2026-11-25 09:00"  # "toi" after "nhắc" is tôi, not tối
    assert due("họp lần thứ hai vào ngày mai lúc 14h") == "2026-11-25 14:00"


def test_the_nth_session_of_a_council_is_no_weekday() -> None:
    session = extract_when("kỳ họp thứ 12 ngày 10/12", NOW)
    assert session.result.due.strftime("%Y-%m-%d %H:%M") == "2026-12-10 08:00"
    assert [session.text[a:b] for a, b in session.spans] == ["ngày 10/12"]
    assert extract_when("phiên họp thứ hai lúc 9h ngày 3/12", NOW).result.due.strftime("%d/%m %H:%M") == "03/12 09:00"
    assert extract_when("hội nghị lần thứ 21 vào 14h ngày 5/12", NOW).result.due.strftime("%d/%m %H:%M") == "05/12 14:00"
    assert due("họp thứ Hai tuần sau") == "2026-11-30 08:00"  # without "kỳ"/"phiên" it is Monday's meeting
    assert "thứ 8" in asks("thứ 8 tuần sau").question


def test_what_it_cannot_read_makes_it_ask_never_guess() -> None:
    assert due("9am mai") == "2026-11-25 09:00" and due("3pm thứ Sáu") == "2026-11-27 15:00"
    assert due("nửa đêm nay") == "2026-11-25 00:00"
    assert due("15/12 năm 2027") == "2027-12-15 08:00"
    assert asks("9-10h sáng mai").reason == "not_understood"  # a range of hours, not 9 October
    assert asks("sáng sớm mai").reason == "vague" and due("sáng sớm mai lúc 6h") == "2026-11-25 06:00"
    assert asks("cuối tháng 10").reason == "ambiguous"  # passed this year, next year's is far away
    assert asks("thứ Hai đầu tiên của tháng sau").reason == "vague"
    assert asks("trong 3 ngày làm việc").reason == "vague"
    # inside a message, numbers of the title stay in the title; one glued to the time is not ignored
    message = extract_when("gửi công văn 123/UBND-VP trước 9am thứ Sáu", NOW)
    assert message.result.due.strftime("%d/%m %H:%M") == "27/11 09:00"
    assert extract_when("họp lúc 9 rưỡi mai", NOW).result.due.strftime("%d/%m %H:%M") == "25/11 09:30"
    assert isinstance(extract_when("họp lúc 9 giờ đồng hồ mai", NOW).result, When)
    assert isinstance(extract_when("họp lúc 9 ngay mai", NOW).result, Clarification)
