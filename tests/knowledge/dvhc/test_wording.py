"""Reading the khoản of the merger resolutions into rows."""
from __future__ import annotations

from collections import Counter

import pytest

from knowledge.dvhc import KhoanReading, read_resolution
from knowledge.dvhc.units import Unit
from knowledge.dvhc.wording import unglue
from knowledge.parsing.legal import parse_legal_text

NUMBER = "1685/NQ-UBTVQH15"
HEADER = """ỦY BAN THƯỜNG VỤ QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 1685/NQ-UBTVQH15
Hà Nội, ngày 16 tháng 6 năm 2025
NGHỊ QUYẾT
VỀ VIỆC SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA THÀNH PHỐ HỒ CHÍ MINH NĂM 2025
Điều 1. Sắp xếp các đơn vị hành chính cấp xã của Thành phố Hồ Chí Minh
"""


def read_khoan(khoan: str, text: str) -> KhoanReading:
    """One khoản, read as the only khoản of a resolution."""
    [parsed] = parse_legal_text(f"{HEADER}{khoan}. {text}\n", "legal/x.txt", "x", ".txt")
    reading = read_resolution(parsed)
    assert reading is not None
    [khoan_reading] = reading.khoans
    return khoan_reading


def rows_of(text: str):
    return [
        (r.old_unit.label, r.old_district.label if r.old_district else None, r.share, r.people, r.new_unit.label)
        for r in read_khoan("1", text).rows
    ]


@pytest.mark.parametrize(
    "published, spaced",
    [
        ("của xã Thạch Lâm vàxã Quảng Lâm thành xã mới có tên gọi là xãQuảng Lâm.",
         "của xã Thạch Lâm và xã Quảng Lâm thành xã mới có tên gọi là xã Quảng Lâm."),
        ("các xã Thái Học, Thái Sơn và Yên Thổthành xã mới", "các xã Thái Học, Thái Sơn và Yên Thổ thành xã mới"),
        ("xã Hưng Đạo (huyện Bảo Lạc)thành xã mới", "xã Hưng Đạo (huyện Bảo Lạc) thành xã mới"),
        ("Sắp xếptoàn bộ diện tích tự nhiên, quy mô dân sốcủacác xã Quang Thành,Lạc Long",
         "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Quang Thành, Lạc Long"),
        ("phần còn lạicủa thị trấn Tam Bìnhsau khi sắp xếp theo quy định tạikhoản 17 Điều nàythành xã",
         "phần còn lại của thị trấn Tam Bình sau khi sắp xếp theo quy định tại khoản 17 Điều này thành xã"),
        ("phường Đông Hải 2thành phường mới có tên gọilàphường Hải An", "phường Đông Hải 2 thành phường mới có tên gọi là phường Hải An"),
        ("Phường 1(thị xã Duyên Hải), xã Long Toàn", "Phường 1 (thị xã Duyên Hải), xã Long Toàn"),
    ],
)
def test_glued_words_are_spaced_where_a_syllable_cannot_continue(published, spaced):
    assert unglue(published) == spaced


def test_names_that_only_look_glued_are_left_alone():
    for name in ("xã Ea H'Leo", "xã Đạ M'Rông", "xã Đăk Pxi", "các xã Bình Yên, Hạ Bằng, Tân Xã", "phường Văn Miếu - Quốc Tử Giám"):
        assert unglue(name) == name


def test_a_whole_unit_and_parts_of_others_form_a_new_unit():
    assert rows_of(
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Bến Nghé và một phần diện tích tự nhiên, quy mô dân "
        "số của phường Đa Kao, phường Nguyễn Thái Bình thành phường mới có tên gọi là phường Sài Gòn."
    ) == [
        ("phường Bến Nghé", None, "full", "all", "phường Sài Gòn"),
        ("phường Đa Kao", None, "partial", "part", "phường Sài Gòn"),
        ("phường Nguyễn Thái Bình", None, "partial", "part", "phường Sài Gòn"),
    ]


def test_a_district_after_numbered_wards_names_the_whole_run_across_share_phrases():
    assert rows_of(
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của Phường 1, Phường 2, Phường 3, Phường 5 và một phần diện "
        "tích tự nhiên, quy mô dân số của Phường 4 (Quận 3) thành phường mới có tên gọi là phường Bàn Cờ."
    ) == [(f"Phường {n}", "Quận 3", "full", "all", "phường Bàn Cờ") for n in (1, 2, 3, 5)] + [
        ("Phường 4", "Quận 3", "partial", "part", "phường Bàn Cờ")
    ]


def test_a_district_names_the_list_it_closes_but_not_a_unit_listed_after_a_comma_with_its_own_kind():
    same_list = rows_of(
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các phường Phú Sơn, Lam Sơn, Ba Đình, Ngọc Trạo và Đông "
        "Sơn (thành phố Thanh Hóa), Trường Thi thành phường mới có tên gọi là phường Hạc Thành."
    )
    assert [r[1] for r in same_list] == ["thành phố Thanh Hóa"] * 5 + [None]
    joined = rows_of("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các xã Yên Phong và xã Yên Nhân (huyện Yên Mô), "
                     "xã Yên Từ thành xã mới có tên gọi là xã Yên Từ.")
    assert [r[1] for r in joined] == ["huyện Yên Mô", "huyện Yên Mô", None]
    own_kind = rows_of(
        "Sắp xếp một phần diện tích tự nhiên, quy mô dân số của phường Hoàng Liệt, thị trấn Văn Điển, xã Tam Hiệp (huyện "
        "Thanh Trì), xã Thanh Liệt và một phần diện tích tự nhiên của phường Đại Kim thành phường mới có tên gọi là phường "
        "Hoàng Liệt."
    )
    assert [(r[0], r[1], r[3]) for r in own_kind] == [
        ("phường Hoàng Liệt", None, "part"), ("thị trấn Văn Điển", None, "part"), ("xã Tam Hiệp", "huyện Thanh Trì", "part"),
        ("xã Thanh Liệt", None, "part"), ("phường Đại Kim", None, "none"),
    ]


def test_the_remainder_ends_with_its_clause_and_a_unit_after_it_takes_the_opening_share():
    assert rows_of(
        "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các phường Ngọc Hà, Trần Phú, Minh Khai,phần còn lại của "
        "phường Quang Trung sau khi sắp xếp theo quy định tại khoản 110 Điều nàyvà xã Phong Quangthành phường mới có tên "
        "gọi là phường Hà Giang 2."
    )[3:] == [
        ("phường Quang Trung", None, "remainder", "part", "phường Hà Giang 2"),
        ("xã Phong Quang", None, "full", "all", "phường Hà Giang 2"),
    ]


def test_land_and_people_given_apart_split_the_unit():
    land = rows_of("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Kỳ Long, phường Kỳ Thịnh và toàn bộ diện "
                   "tích tự nhiên của xã Kỳ Lợi thành phường mới có tên gọi là phường Vũng Áng.")
    people = rows_of("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của các phường Kỳ Nam, Kỳ Phương, Kỳ Liên và phần "
                     "quy mô dân số còn lại của xã Kỳ Lợi sau khi sắp xếp theo quy định tại khoản 63 Điều này thành phường "
                     "mới có tên gọi là phường Hoành Sơn.")
    assert land[-1][:4] == ("xã Kỳ Lợi", None, "partial", "none")
    assert people[-1][:4] == ("xã Kỳ Lợi", None, "remainder", "part")


def test_a_land_area_that_is_no_unit_is_reported_not_made_a_commune():
    reading = read_khoan(
        "34", "Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của xã Phong Vân, xã Biên Sơn và toàn bộ diện tích tự "
        "nhiên của Trường bắn TB1 thành xã mới có tên gọi là xã Biên Sơn.",
    )
    assert [r.old_unit.label for r in reading.rows] == ["xã Phong Vân", "xã Biên Sơn"]
    assert "Trường bắn TB1" in reading.problem


def test_the_other_forms_rename_a_unit_and_list_the_units_kept():
    renamed = read_khoan("96", "Đổi tên xã Krông Na thành xã Buôn Đôn.")
    assert renamed.form == "rename"
    assert [(r.old_unit, r.new_unit, r.share) for r in renamed.rows] == [(Unit("xã", "Krông Na"), Unit("xã", "Buôn Đôn"), "renamed")]
    closing = read_khoan(
        "64", "Sau khi sắp xếp, tỉnh Cà Mau có 64 đơn vị hành chính cấp xã, gồm 55 xã và 09 phường; trong đó có 54 xã, "
        "09 phường hình thành sau sắp xếp quy định tại Điều này và 01 xã không thực hiện sắp xếp là xã Hồ Thị Kỷ.",
    )
    assert closing.form == "closing" and closing.formed == (("xã", 54), ("phường", 9))
    assert [(r.old_unit.label, r.new_unit.label, r.share) for r in closing.rows] == [("xã Hồ Thị Kỷ", "xã Hồ Thị Kỷ", "unchanged")]


def test_a_sentence_of_another_shape_is_reported_unread():
    reading = read_khoan("9", "Giao Chính phủ tổ chức thi hành Nghị quyết này.")
    assert reading.form == "unread" and reading.rows == () and reading.problem


def test_the_fixture_resolutions_are_read_with_their_province_and_the_districts_linked_across_pieces(resolutions):
    readings = {r.number: r for r in map(read_resolution, resolutions) if r is not None}
    assert set(readings) == {"1657/NQ-UBTVQH15", "1660/NQ-UBTVQH15", NUMBER}
    hcm = readings[NUMBER]
    assert hcm.province.label == "Thành phố Hồ Chí Minh"
    assert hcm.texts["7"].startswith("7. Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của Phường 9, Phường 11")
    phuong_4 = [(r.khoan, r.share, r.old_district.label) for r in hcm.rows if r.old_unit.label == "Phường 4"]
    assert phuong_4 == [("5", "partial", "Quận 3"), ("6", "remainder", "Quận 3")]
    assert [r.khoan for r in hcm.khoans if r.form == "unread"] == []
    cao_bang = readings["1657/NQ-UBTVQH15"]
    assert [(r.old_unit.label, r.new_unit.label) for r in cao_bang.rows if r.khoan == "1"] == [
        ("xã Thạch Lâm", "xã Quảng Lâm"), ("xã Quảng Lâm", "xã Quảng Lâm"),
    ]


def test_other_documents_are_not_read():
    law = parse_legal_text("LUẬT\nHỘ TỊCH\nSố: 60/2014/QH13\nĐiều 1. Phạm vi điều chỉnh\n1. Luật này quy định.", "x.txt", "x", ".txt")
    assert [read_resolution(doc) for doc in law] == [None] * len(law)


def test_every_khoan_of_the_34_resolutions_is_read_and_the_closing_counts_agree(all_resolutions):
    readings = [r for r in map(read_resolution, all_resolutions) if r is not None]
    assert len(readings) == 34
    forms = Counter(k.form for r in readings for k in r.khoans)
    assert forms["unread"] == 0 and forms["closing"] == 34 and forms["rename"] == 2
    for reading in readings:
        formed = {(r.khoan, r.new_unit) for k in reading.khoans if k.form in ("formation", "rename") for r in k.rows}
        [closing] = [k for k in reading.khoans if k.form == "closing"]
        assert Counter(unit.kind for _, unit in formed) == Counter(dict(closing.formed)), reading.number
