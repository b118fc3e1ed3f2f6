from datetime import date

import pytest

from knowledge.parsing.legal.relations import relations_in


def found(text, number="12/2030/QH16"):
    return [(r.verb, r.object_number) for r in relations_in(number, number, [text], date(2031, 1, 1))]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "2. Luật Cư trú số 81/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 36/2013/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
            [("repeals", "81/2006/QH11"), ("expires_with", "36/2013/QH13")],
        ),
        ("Bộ luật Lao động số 10/2012/QH13 hết hiệu lực thi hành kể từ ngày Bộ luật này có hiệu lực.", [("repeals", "10/2012/QH13")]),
        ("Luật này thay thế Luật thuế thu nhập doanh nghiệp số 09/2003/QH11.", [("repeals", "09/2003/QH11")]),
        ("Nghị định số 12/2010/NĐ-CP được thay thế bởi Nghị định này.", [("repeals", "12/2010/NĐ-CP")]),
        ("Bãi bỏ Pháp lệnh Giá số 40/2002/PL-UBTVQH10.", [("repeals", "40/2002/PL-UBTVQH10")]),
        ("4. Bãi bỏ điểm b khoản 1 Điều 45 của Luật Lý lịch tư pháp số 28/2009/QH12.", [("amends", "28/2009/QH12")]),
        (
            "Sửa đổi, bổ sung, bãi bỏ một số điều của Luật giáo dục số 38/2005/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 44/2009/QH12 như sau:",
            [("amends", "38/2005/QH11")],
        ),
        (
            "Các quy định về bưu chính của Pháp lệnh bưu chính, viễn thông số 43/2002/PL- UBTVQH10 hết hiệu lực kể từ ngày Luật này có hiệu lực.",
            [("amends", "43/2002/PL-UBTVQH10")],
        ),
        (
            "Pháp lệnh Đo lường số 16/1999/PL-UBTVQH10 ngày 06 tháng 10 năm 1999, quy định về phí kiểm định tại Danh mục phí ban hành kèm theo Pháp lệnh về phí và lệ phí số 38/2001/PL-UBTVQH10 hết hiệu lực kể từ ngày Luật này có hiệu lực.",
            [("repeals", "16/1999/PL-UBTVQH10"), ("amends", "38/2001/PL-UBTVQH10")],
        ),
        (
            "Bãi bỏ Điều 57 của Luật hàng không dân dụng Việt Nam số 66/2006/QH11; Điều 2 của Luật số 34/2009/QH12 sửa đổi, bổ sung Điều 126 của Luật nhà ở.",
            [("amends", "66/2006/QH11")],
        ),
        ("Luật thương mại ngày 10 tháng 5 năm 1997 hết hiệu lực kể từ ngày Luật này có hiệu lực.", []),
        ("Những quy định trước đây trái với Luật này đều bãi bỏ.", []),
        (
            "4. Luật Đất đai số 45/2013/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14 (sau đây gọi là"
            " Luật Đất đai số 45/2013/QH13) hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.",
            [("repeals", "45/2013/QH13"), ("expires_with", "35/2018/QH14")],
        ),
        ("Khoản 9 Điều 60 của Luật này có hiệu lực thi hành từ ngày Nghị quyết số 61/2022/QH15 hết hiệu lực.", []),
        ("Giấy phép đã cấp theo Luật số 20/2010/QH12 vẫn còn hiệu lực.", []),
    ],
)
def test_relations_in_final_provisions(text, expected):
    assert found(text) == expected


def test_quoted_wording_states_no_relation_of_the_quoting_law():
    text = "1. Sửa đổi khoản 2 như sau:\n“2. Luật số 20/2010/QH12 hết hiệu lực kể từ ngày ký.”"
    assert found(text) == []


def test_dates_of_relations():
    [relation] = relations_in("1/2020/QH14", "1/2020/QH14", ["Luật Giá số 11/2012/QH13 hết hiệu lực kể từ ngày 01 tháng 7 năm 2021."], date(2021, 1, 1))
    assert relation.effective_on == date(2021, 7, 1)
    [undated] = relations_in("1/2020/QH14", "1/2020/QH14", ["Luật Giá số 11/2012/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực."], None)
    assert undated.effective_on is None


def test_a_document_never_repeals_itself():
    assert found("Luật số 12/2030/QH16 hết hiệu lực kể từ ngày 01 tháng 01 năm 2040.") == []


def test_a_document_never_repeals_one_of_higher_rank_named_to_describe_what_it_replaces():
    text = ("Thông tư này thay thế Thông tư số 20/2015/TT-BTP ngày 29 tháng 12 năm 2015 của Bộ trưởng Bộ Tư pháp quy định "
            "chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP ngày 16 tháng 02 năm 2015 của Chính phủ.")
    assert found(text, "01/2020/TT-BTP") == [("repeals", "20/2015/TT-BTP")]
    assert found("Nghị định này thay thế Nghị định số 31/2014/NĐ-CP.", "62/2021/NĐ-CP") == [("repeals", "31/2014/NĐ-CP")]
