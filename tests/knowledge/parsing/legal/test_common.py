from datetime import date

import pytest

from knowledge.parsing.legal.common import document_title, effective_date, markdown_line, name_case, parse_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Hà Nội, ngày 20 tháng 11 năm 2014", date(2014, 11, 20)),
        ("Hà Nội, ngày03 tháng 12 năm 2004", date(2004, 12, 3)),
        ("LUẬT SỐ 102-SL/L-004 NGÀY 20-5-1957", date(1957, 5, 20)),
        ("có hiệu lực thi hành kể từ ngày 01/01/2016", date(2016, 1, 1)),
        ("từ ngày 01 tháng 01 ngày 2012", date(2012, 1, 1)),
        ("ngày 31 tháng 2 năm 2020 rồi ngày 1 tháng 3 năm 2020", date(2020, 3, 1)),
        ("không có ngày", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_effective_date_forms():
    issued = date(2020, 3, 5)
    assert effective_date(["Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2015."], issued) == date(2015, 7, 1)
    assert effective_date(["Nghị định này có hiệu lực thi hành kể từ ngày ký."], issued) == issued
    assert effective_date(["Luật này có hiệu lực từ ngày công bố."], issued) is None
    assert effective_date(["Không nói gì.", "Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021."], None) == date(2021, 1, 1)


def test_titles_in_the_usual_case():
    assert name_case("TỔ CHỨC QUỐC HỘI") == "Tổ chức Quốc hội"
    assert name_case("CƠ QUAN ĐẠI DIỆN NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == "Cơ quan đại diện nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert name_case("PHÒNG, CHỐNG HIV/AIDS") == "Phòng, chống HIV/AIDS"
    assert document_title("Luật", "hộ tịch") == "Luật Hộ tịch"
    assert document_title("Luật", "Luật sư") == "Luật Luật sư"
    assert document_title("Nghị định", "Về công tác văn thư") == "Nghị định về công tác văn thư"


def test_markdown_line():
    assert markdown_line("## Chương I") == "Chương I"
    assert markdown_line("- a) Quốc hiệu và Tiêu ngữ.") == "a) Quốc hiệu và Tiêu ngữ."
    assert markdown_line("- Giao đơn vị chủ trì;") == "- Giao đơn vị chủ trì;"
    assert markdown_line("**Phụ lục I**") == "Phụ lục I"
    assert markdown_line("| --- | --- |") == ""
    assert markdown_line("| 1 | : | Quốc hiệu |  |") == "1 | : | Quốc hiệu"
