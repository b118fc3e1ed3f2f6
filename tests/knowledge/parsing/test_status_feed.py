from datetime import date

import pytest

from knowledge.errors import BadInput
from knowledge.parsing.status_feed import named_in_basis, parse_feed, read_feed

HEADER = "number\ttitle\tstatus\tsince\treplaced_by\tbasis\n"
LAND = "45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\t31/2024/QH15\tKhoản 4 Điều 252 Luật Đất đai số 31/2024/QH15\n"


def feed(*lines: str, header: str = HEADER):
    return parse_feed((header + "".join(lines)).encode("utf-8"), "hieu-luc.tsv")


def test_rows_are_read_with_their_line():
    [row] = feed(LAND).rows
    assert (row.number, row.title, row.status, row.since, row.replaced_by) == (
        "45/2013/QH13", "Luật Đất đai", "repealed", date(2024, 8, 1), ("31/2024/QH15",))
    assert row.where() == "hieu-luc.tsv:2"


def test_columns_in_another_order_blank_lines_and_extra_columns_are_fine():
    header = "status\tnumber\tnote\ttitle\tsince\treplaced_by\tbasis\n"
    rows = feed("\n", "in_force\t72/2025/QH15\tx\tLuật Tổ chức chính quyền địa phương\t\t\tHai cấp\n", header=header).rows
    assert [(r.number, r.status, r.since, r.line) for r in rows] == [("72/2025/QH15", "in_force", None, 3)]


def test_rows_saying_the_same_of_one_document_are_one():
    again = "45/2013/QH13\tLuật Đất đai 2013\trepealed\t2024-08-01\t31/2024/QH15\tLuật số 43/2024/QH15\n"
    [row] = feed(LAND, again).rows
    assert row.line == 2


def test_the_real_feed(shared_dir):
    rows = read_feed(shared_dir / "knowledge" / "legal" / "status" / "hieu-luc.tsv").rows
    assert len(rows) == 36
    traffic = next(r for r in rows if r.number == "23/2008/QH12")
    assert named_in_basis(traffic) == {
        "35/2024/QH15": "Luật Đường bộ", "36/2024/QH15": "Luật Trật tự, an toàn giao thông đường bộ"}


@pytest.mark.parametrize(
    "lines, message",
    [
        (["45/2013/QH13\tLuật Đất đai\tabolished\t2024-08-01\t31/2024/QH15\tx\n"], r"hieu-luc.tsv:2: .*'abolished'.*unknown status"),
        (["45/2013/QH13\tLuật Đất đai\trepealed\t01/8/2024\t31/2024/QH15\tx\n"], r"hieu-luc.tsv:2: .*malformed date"),
        (["45/2013/QH13\tLuật Đất đai\trepealed\t2024-02-30\t31/2024/QH15\tx\n"], r"hieu-luc.tsv:2: .*impossible date"),
        (["45/2013/QH13\tLuật Đất đai\trepealed\t\t31/2024/QH15\tx\n"], r"hieu-luc.tsv:2: .*malformed date"),
        (["Luật Đất đai\tLuật Đất đai\trepealed\t2024-08-01\t31/2024/QH15\tx\n"], r"hieu-luc.tsv:2: .*not a document number"),
        (["45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\t31/2024/QH15, ba mươi mốt\tx\n"], r"hieu-luc.tsv:2: .*'ba mươi mốt'"),
        (["45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\n"], r"hieu-luc.tsv:2: .*missing column"),
        ([LAND, "45/2013/QH13\tLuật Đất đai\trepealed\t2025-01-01\t31/2024/QH15\tx\n"], r"hieu-luc.tsv:3: .*dòng 2.*disagree"),
        (["45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\t45/2013/QH13\tx\n"], r"hieu-luc.tsv:2: .*replace itself"),
        (["72/2025/QH15\tLuật\tin_force\t2025-07-01\t65/2025/QH15\tx\n"], r"hieu-luc.tsv:2: .*replaced_by must be empty"),
        (
            [LAND, "31/2024/QH15\tLuật Đất đai\trepealed\t2026-01-01\t45/2013/QH13\tx\n"],
            r"hieu-luc.tsv:2: vòng thay thế 45/2013/QH13 → 31/2024/QH15 → 45/2013/QH13 \(replacement cycle\)",
        ),
        (
            ["1/2020/QH14\tA\trepealed\t2021-01-01\t2/2021/QH14\tx\n", "2/2021/QH14\tB\tpartially_repealed\t2022-01-01\t3/2022/QH15\tx\n",
             "3/2022/QH15\tC\trepealed\t2023-01-01\t1/2020/QH14\tx\n"],
            r"vòng thay thế 1/2020/QH14 → 2/2021/QH14 → 3/2022/QH15 → 1/2020/QH14",
        ),
    ],
)
def test_bad_rows_name_the_file_and_line(lines, message):
    with pytest.raises(BadInput, match=message):
        feed(*lines)


def test_a_header_without_a_column_is_refused():
    with pytest.raises(BadInput, match=r"hieu-luc.tsv:1: .*thiếu cột since, basis \(missing column"):
        feed(LAND, header="number\ttitle\tstatus\treplaced_by\n")


def test_bytes_that_are_not_utf8_name_their_line(tmp_path):
    path = tmp_path / "cp1258.tsv"
    path.write_bytes((HEADER + LAND).encode("utf-8") + "59/2014/QH13\tLuật Căn cước công dân\n".encode("cp1258", errors="replace") + b"\xff\n")
    with pytest.raises(BadInput, match=r"cp1258.tsv:3: .*not UTF-8"):
        read_feed(path)
    with pytest.raises(BadInput, match="file not found"):
        read_feed(tmp_path / "missing.tsv")
