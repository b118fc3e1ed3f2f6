from datetime import date

import pytest

from assistant.documents.dates import date_of_line, format_place_date, parse_date_line


@pytest.mark.parametrize(
    "issued, expected",
    [
        (date(2024, 1, 5), "TP. Hồ Chí Minh, ngày 05 tháng 01 năm 2024"),
        (date(2019, 6, 29), "TP. Hồ Chí Minh, ngày 29 tháng 6 năm 2019"),
        (date(2024, 2, 2), "TP. Hồ Chí Minh, ngày 02 tháng 02 năm 2024"),
        (date(2024, 12, 10), "TP. Hồ Chí Minh, ngày 10 tháng 12 năm 2024"),
    ],
)
def test_dates_are_written_with_the_leading_zeros_of_the_decree(issued, expected):
    assert format_place_date("TP. Hồ Chí Minh", issued) == expected


def test_an_unknown_date_is_left_blank_for_the_van_thu():
    line = format_place_date("Quận 3", None)
    assert line.startswith("Quận 3, ngày ") and parse_date_line(line).problems == ()


@pytest.mark.parametrize(
    "text, problem",
    [
        ("Hà Nội, ngày 5 tháng 3 năm 2020", "ngày 05"),
        ("Hà Nội, ngày 15 tháng 1 năm 2020", "tháng 01"),
        ("Hà Nội, ngày 15 tháng 03 năm 2020", "tháng 3"),
        ("Hà Nội, ngày 30 tháng 02 năm 2024", "không tồn tại"),
        ("Hà Nội ngày 15 tháng 3 năm 2020", "dấu phẩy"),
        ("hà Nội, ngày 15 tháng 3 năm 2020", "viết hoa"),
        ("Quận 3, 01/02/2024", "viết đầy đủ"),
    ],
)
def test_date_line_problems(text, problem):
    parsed = parse_date_line(text)
    assert any(problem in p for p in parsed.problems), parsed


def test_a_correct_date_line_and_a_missing_place():
    assert parse_date_line("Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019").problems == ()
    assert parse_date_line("ngày 04 tháng 01 năm 2024").place_missing


def test_a_sentence_ending_in_a_date_is_not_a_date_line():
    assert parse_date_line("Báo cáo gửi về Sở Tư pháp trước ngày 20 tháng 02 năm 2024.") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Đà Nẵng, ngày 15 tháng 11 năm 2024", date(2024, 11, 15)),
        ("TP. Hồ Chí Minh, ngày 5 tháng 3 năm 2020", date(2020, 3, 5)),
        ("Quảng Nam, ngày      tháng      năm 2024", None),  # left blank for the văn thư
        ("Hà Nội, ngày 30 tháng 02 năm 2024", None),  # no such day
        ("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;", None),  # not a date line
    ],
)
def test_the_date_a_date_line_names(text, expected):
    assert date_of_line(text) == expected
