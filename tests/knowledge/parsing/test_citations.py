import pytest

from knowledge.parsing.citations import (
    doc_type_from_number,
    find_cited_documents,
    find_numbers,
    number_key,
)


def cited(text):
    return [(c.number, c.doc_type, c.title) for c in find_cited_documents(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Căn cứ Luật Cư trú số 81/2006/QH11 ngày 29 tháng 11 năm 2006;", [("81/2006/QH11", "Luật", "Luật Cư trú")]),
        (
            "Căn cứ Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết;",
            [("123/2015/NĐ-CP", "Nghị định", None)],
        ),
        ("(Điều 1 Luật số 60/2014/QH13 Hộ tịch ngày 20/11/2014 của Quốc hội)", [("60/2014/QH13", "Luật", "Luật Hộ tịch")]),
        ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", [(None, "Luật", "Luật Tổ chức Chính phủ")]),
        ("Bộ luật Lao động số 10/2012/QH13 hết hiệu lực", [("10/2012/QH13", "Bộ luật", "Bộ luật Lao động")]),
        (
            "Pháp lệnh số 21-LCT/HĐNN8 và Quyết định 163/QĐ-BTP, công văn số 120/UBND-VP",
            [("21-LCT/HĐNN8", "Pháp lệnh", None), ("163/QĐ-BTP", "Quyết định", None), ("120/UBND-VP", None, None)],
        ),
        ("theo quy định của Luật này và Nghị định 30/2020/ND-CP", [("30/2020/ND-CP", "Nghị định", None)]),
        (
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            [(None, "Hiến pháp", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")],
        ),
        (
            "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền"
            " địa phương ngày 22 tháng 11 năm 2019;",
            [
                (
                    None,
                    "Luật",
                    "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
                )
            ],
        ),
        (
            "Căn cứ Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương;",
            [(None, "Luật", "Luật Tổ chức Chính phủ"), (None, "Luật", "Luật Tổ chức chính quyền địa phương")],
        ),
    ],
)
def test_citations_in_real_phrasings(text, expected):
    assert cited(text) == expected


def test_run_together_portal_numbers_are_split_from_the_next_title():
    text = "Hướng dẫn xử lý khiếu nại68/2013/TT-BCAQuy định quy trình11/2015/TT-BCANghị định 05/2012/NĐ-CP05/2012/NĐ-CP"
    assert find_numbers(text) == ["68/2013/TT-BCA", "11/2015/TT-BCA", "05/2012/NĐ-CP"]


def test_mixed_case_type_abbreviations_of_nghi_dinh_30_stay_in_the_number():
    text = "tại Tờ trình số 5678/TTr-STP, Chương trình số 12/CTr-UBND và Quy định số 3/QyĐ-BNV"
    assert find_numbers(text) == ["5678/TTr-STP", "12/CTr-UBND", "3/QyĐ-BNV"]


def test_dates_are_not_document_numbers():
    assert find_numbers("ngày 15/11/2015 và 01/01/2016") == []


def test_number_key_ignores_case_diacritics_and_dashes():
    assert number_key("30/2020/NĐ-CP") == number_key("30/2020/nd–cp")


def test_doc_type_from_number():
    assert doc_type_from_number("30/2020/NĐ-CP") == "Nghị định"
    assert doc_type_from_number("01/2021/TT-BTP") == "Thông tư"
    assert doc_type_from_number("163/QĐ-BTP") == "Quyết định"
    assert doc_type_from_number("60/2014/QH13") is None
