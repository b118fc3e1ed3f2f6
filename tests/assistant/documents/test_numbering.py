import pytest

from assistant.documents.numbering import (
    format_so_ky_hieu,
    ky_hieu_problems,
    parse_so_ky_hieu,
)


def test_format():
    assert format_so_ky_hieu(15, ["QĐ", "UBND"]) == "Số: 15/QĐ-UBND"
    assert format_so_ky_hieu(5, ["TTr", "SNV"]) == "Số: 05/TTr-SNV"
    blank = format_so_ky_hieu(None, ["UBND", "VP"])
    assert blank.startswith("Số: ") and blank.endswith("/UBND-VP")


@pytest.mark.parametrize(
    "text, type_name",
    [
        ("Số: 15/QĐ-UBND", "Quyết định"),
        ("Số: 120/UBND-VP", "Công văn"),
        ("Số: 07/TTr-SNV", "Tờ trình"),
        ("Số: 15/2024/QĐ-UBND", "Quyết định"),
        ("Số: /TB-UBND", "Thông báo"),
        ("Số:      /GM-VP", "Giấy mời"),
    ],
)
def test_correct_numbers(text, type_name):
    so = parse_so_ky_hieu(text)
    assert so.problems == () and ky_hieu_problems(so, type_name) == []


@pytest.mark.parametrize(
    "text, type_name, problem",
    [
        ("Số 15/QĐ-UBND", "Quyết định", "dấu hai chấm"),
        ("Số: 5/QĐ-UBND", "Quyết định", "“05”"),
        ("Số: 15/QĐ - UBND", "Quyết định", "không cách chữ"),
        ("Số: 15/qđ-UBND", "Quyết định", "in hoa"),
        ("Số: 15/QD-UBND", "Quyết định", "“QĐ”"),
        ("Số: 07/BC-SNV", "Tờ trình", "“TTr”"),
        ("Số: 120/CV-STP", "Công văn", "không ghi chữ viết tắt tên loại"),
        ("Số: 120/TB-STP", "Công văn", "không ghi chữ viết tắt tên loại"),
        ("Số: 120/STP", "Công văn", "đơn vị soạn thảo"),
        ("Số: 15/QĐ", "Quyết định", "tên cơ quan"),
    ],
)
def test_wrong_numbers(text, type_name, problem):
    so = parse_so_ky_hieu(text)
    problems = [*so.problems, *ky_hieu_problems(so, type_name)]
    assert any(problem in p for p in problems), problems


def test_the_type_a_ky_hieu_names():
    assert parse_so_ky_hieu("Số: 25/BC-UBND").type_name == "Báo cáo"
    assert parse_so_ky_hieu("Số: 120/STP-VP").type_name is None
    assert parse_so_ky_hieu("Luật số 68/2020/QH14") is None
