import pytest

from knowledge.parsing.citations import (
    doc_type_from_number,
    find_cited_documents,
    find_numbers,
    legal_rank,
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


@pytest.mark.parametrize(
    "text, expected",
    [
        ("về kinh doanh vận chuyển15/2024/NĐ-CPvề kinh doanh", ["15/2024/NĐ-CP"]),
        ("hàng không dân dụng30/2013/NĐ-CPLUẬT  HÀNG KHÔNG DÂN DỤNG VIỆT NAM66/2006/QH11", ["30/2013/NĐ-CP", "66/2006/QH11"]),
        ("Nghị định 123/2015/NĐ-CPhướng dẫn Luật hộ tịch", ["123/2015/NĐ-CP"]),
        ("Luật 60/2014/QH1360/2014/QH13Thông tư số 04/2020/TT-BTP", ["60/2014/QH13", "04/2020/TT-BTP"]),
        ("Luật 65/2006/QH1165/2006/QH11", ["65/2006/QH11"]),
        ("Pháp lệnh Chi phí tố tụng năm 202405/2024/UBTVQH15Nghị định", ["05/2024/UBTVQH15"]),
        ("Luật Cư trú 202068/2020/QH14Nghị định 62/2021/NĐ-CP", ["68/2020/QH14", "62/2021/NĐ-CP"]),
        ("Thông tư03/2025/TT-VPCPquy định một số chính sách", ["03/2025/TT-VPCP"]),
        ("thuộc lĩnh vực hộ tịch, chứng thực.07/2025/NĐ-CPNghị định", ["07/2025/NĐ-CP"]),
    ],
)
def test_numbers_glued_to_the_next_word_or_number(text, expected):
    assert find_numbers(text) == expected


def test_prime_minister_joint_circular_sub_numbered_and_spaced_numbers():
    text = (
        "Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021; Thông tư liên tịch 69/2007/TTLT/BQP-BLĐTBXH-BTC; "
        "Nghị quyết số 66.7/2025/NQ-CP của Chính phủ; Nghị định 105/2025/NĐ- CP"
    )
    assert find_numbers(text) == ["12/2021/QĐ-TTg", "69/2007/TTLT/BQP-BLĐTBXH-BTC", "66.7/2025/NQ-CP", "105/2025/NĐ-CP"]
    assert cited("Nghị định số 105/2025/NĐ- CP ngày 15/5/2025") == [("105/2025/NĐ-CP", "Nghị định", None)]
    assert doc_type_from_number("69/2007/TTLT/BQP-BLĐTBXH-BTC") == "Thông tư liên tịch"
    assert doc_type_from_number("12/2021/QĐ-TTg") == "Quyết định"


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


def test_numbers_with_slashed_segments_and_a_stray_space_after_a_dash():
    text = "Nghị quyết liên tịch số 525/2012/NQLT/UBTVQH13, Pháp lệnh bưu chính, viễn thông số 43/2002/PL- UBTVQH10"
    assert find_numbers(text) == ["525/2012/NQLT/UBTVQH13", "43/2002/PL-UBTVQH10"]


def test_prime_minister_decisions_keep_their_ttg_code():
    assert find_numbers("Quyết định số 31/2011/QĐ-TTg và 619/QĐ-TTgQuy định") == ["31/2011/QĐ-TTg", "619/QĐ-TTg"]
    assert doc_type_from_number("31/2011/QĐ-TTg") == "Quyết định"


@pytest.mark.parametrize("number, rank", [
    ("68/2020/QH14", 1), ("40/2002/PL-UBTVQH10", 2), ("1234/NQ-UBTVQH15", 2), ("23/2015/NĐ-CP", 4),
    ("02/2021/NQ-CP", 4), ("20/2024/QĐ-TTg", 5), ("35/2014/TT-BCA", 6), ("01/2016/TTLT-BTP-BNG", 6), ("12/2025/NQ-HĐND", None),
])
def test_a_number_s_issuer_code_gives_its_legal_rank(number, rank):
    assert legal_rank(number) == rank
