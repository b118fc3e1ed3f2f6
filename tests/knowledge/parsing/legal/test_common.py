from datetime import date

import pytest

from knowledge.parsing.legal.common import Spellings, document_title, effective_date, markdown_line, name_case, parse_date


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
    assert effective_date(["1. Nghị quyết này có hiệu lực thi hành từ ngày được thông qua."], issued) == issued
    assert effective_date(["1. Nghị quyết này có hiệu lực thi hành từ ngàyđược thông qua."], issued) == issued
    assert effective_date(["Không nói gì.", "Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021."], None) == date(2021, 1, 1)


def test_titles_in_the_usual_case():
    assert name_case("TỔ CHỨC QUỐC HỘI") == "Tổ chức Quốc hội"
    assert name_case("CƠ QUAN ĐẠI DIỆN NƯỚC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") == "Cơ quan đại diện nước Cộng hòa xã hội chủ nghĩa Việt Nam"
    assert name_case("PHÒNG, CHỐNG HIV/AIDS") == "Phòng, chống HIV/AIDS"
    assert document_title("Luật", "hộ tịch") == "Luật Hộ tịch"
    assert document_title("Luật", "Luật sư") == "Luật Luật sư"
    assert document_title("Nghị định", "Về công tác văn thư") == "Nghị định về công tác văn thư"


def test_names_keep_the_capitals_their_own_text_gives_them():
    text = (
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI\n"
        "Căn cứ Nghị quyết số 76/2025/UBTVQH15 của Ủy ban Thường vụ Quốc hội về việc sắp xếp đơn vị hành chính;\n"
        "Điều 1. Sắp xếp các đơn vị hành chính cấp xã của tỉnh An Giang\n"
        "Ủy ban Thường vụ Quốc hội quyết định sắp xếp để thành lập các đơn vị hành chính cấp xã của tỉnh An Giang như sau:\n"
        "3. Giải thể Ban Quản lý an ninh; bảo đảm an ninh trên địa bàn.\n"
        "Theo đề nghị của Bộ trưởng Bộ Xây dựng;"
    )
    spellings = Spellings(text)
    assert name_case("ỦY BAN THƯỜNG VỤ QUỐC HỘI", spellings) == "Ủy ban Thường vụ Quốc hội"
    assert name_case("VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH AN GIANG NĂM 2025", spellings) == (
        "Về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh An Giang năm 2025"
    )
    assert name_case("BỘ XÂY DỰNG", spellings) == "Bộ Xây dựng"
    # A sentence start ("Điều 1. Sắp xếp", "Ủy ban ... quyết định") and a line of capitals decide nothing.
    assert name_case("SẮP XẾP CÁC ĐƠN VỊ", spellings) == "Sắp xếp các đơn vị"
    assert name_case("BẢO ĐẢM AN NINH", spellings) == "Bảo đảm an ninh"
    assert name_case("BỘ XÂY DỰNG") == "Bộ xây dựng"  # without the text, only the state's own names


def test_markdown_line():
    assert markdown_line("## Chương I") == "Chương I"
    assert markdown_line("- a) Quốc hiệu và Tiêu ngữ.") == "a) Quốc hiệu và Tiêu ngữ."
    assert markdown_line("- Giao đơn vị chủ trì;") == "- Giao đơn vị chủ trì;"
    assert markdown_line("**Phụ lục I**") == "Phụ lục I"
    assert markdown_line("| --- | --- |") == ""
    assert markdown_line("| 1 | : | Quốc hiệu |  |") == "1 | : | Quốc hiệu"
