"""Finding where an old unit went, as people type it."""
from __future__ import annotations

import pytest

from knowledge.dvhc import FILE, UnitLookup


def outcome(lookup: UnitLookup, query: str, bare: bool = True) -> tuple[str, list[tuple[str, str, str]]]:
    match = lookup.find(query, bare)
    return match.status, [(r.khoan, r.new_unit.label, r.share) for u in match.units for r in u.rows]


@pytest.mark.parametrize(
    "query",
    ["phường Bến Nghé, Quận 1", "phuong ben nghe", "Bến Nghé", "P. Ben Nghe Q1", "ubnd phường bến nghé tp hcm"],
)
def test_a_unit_is_found_with_or_without_diacritics_kind_words_or_district(lookup, query):
    assert outcome(lookup, query) == ("found", [("1", "phường Sài Gòn", "full")])


def test_a_split_unit_lists_every_new_unit_with_its_share(lookup):
    assert outcome(lookup, "phuong Da Kao") == ("found", [("1", "phường Sài Gòn", "partial"), ("2", "phường Tân Định", "remainder")])
    assert outcome(lookup, "P.4 Q3") == ("found", [("5", "phường Bàn Cờ", "partial"), ("6", "phường Xuân Hòa", "remainder")])


def test_a_numbered_ward_needs_its_district_and_is_found_with_it(lookup):
    status, _ = outcome(lookup, "Phường 12")
    assert status == "ambiguous"
    assert [u.label for u in lookup.find("Phường 12").units] == [
        "Phường 12 (Quận 3, Thành phố Hồ Chí Minh)", "Phường 12 (Quận 5, Thành phố Hồ Chí Minh)",
        "Phường 12 (quận Bình Thạnh, Thành phố Hồ Chí Minh)",
    ]
    assert outcome(lookup, "Phường 12 Quận 3") == ("found", [("7", "phường Nhiêu Lộc", "full")])
    assert outcome(lookup, "p12 q5") == ("found", [("13", "phường Chợ Lớn", "full")])


def test_an_ambiguous_query_is_answered_by_the_district_given_next(lookup):
    assert lookup.narrow("phường 12 bây giờ là phường nào", "quận 5").status == "found"
    assert lookup.narrow("phường 12", "ở Quận 3").units[0].rows[0].new_unit.label == "phường Nhiêu Lộc"


def test_a_ward_printed_without_district_is_found_by_a_district_of_its_province(lookup):
    # "Phường 12 và Phường 14 (quận Bình Thạnh), Phường 26": 26 is unique in the city
    assert outcome(lookup, "phường 26 quận Bình Thạnh") == ("found", [("43", "phường Bình Thạnh", "full")])


def test_a_district_the_text_never_prints_does_not_stop_a_unique_name(lookup):
    match = lookup.find("xa Tan Thanh Dong cu chi")
    assert match.status == "found" and match.units[0].rows[0].new_unit.label == "xã Phú Hòa Đông"
    match = lookup.find("xã Tân Thạnh Đông, huyện Nhà Bè")
    assert match.status == "found" and "huyện nhà bè" in match.note


def test_two_units_of_one_name_are_told_apart_by_district_or_province(lookup):
    assert outcome(lookup, "xã Long Hòa") [0] == "ambiguous"
    assert outcome(lookup, "xã Long Hòa, huyện Cần Giờ") == ("found", [("122", "xã Cần Giờ", "full")])
    assert outcome(lookup, "xa long hoa dau tieng") == ("found", [("144", "xã Long Hòa", "full")])
    assert outcome(lookup, "xã Vĩnh Quang thành phố Cao Bằng") == ("found", [("55", "phường Nùng Trí Cao", "full")])
    assert outcome(lookup, "xã Vĩnh Quang, Bảo Lâm") == ("found", [("3", "xã Lý Bôn", "full")])


def test_a_place_that_is_a_province_and_its_city_is_read_by_its_kind_word(lookup):
    # "Cao Bằng" alone may be the tỉnh, which holds both xã Vĩnh Quang: ask rather than guess the city
    assert outcome(lookup, "xã Vĩnh Quang cao bằng")[0] == "ambiguous"
    assert outcome(lookup, "xã Vĩnh Quang tỉnh Cao Bằng")[0] == "ambiguous"
    assert outcome(lookup, "xã Vĩnh Quang tp Cao Bằng") == ("found", [("55", "phường Nùng Trí Cao", "full")])


def test_a_district_that_contradicts_the_text_keeps_the_candidates_of_its_province_with_a_note(lookup):
    match = lookup.find("Phường 12 huyện Cần Giờ")
    assert match.status == "ambiguous" and "huyện cần giờ" in match.note
    assert {u.province.name for u in match.units} == {"Hồ Chí Minh"}


def test_a_renamed_and_a_kept_unit(lookup):
    assert outcome(lookup, "xã Krông Na") == ("found", [("96", "xã Buôn Đôn", "renamed")])
    assert outcome(lookup, "xa Vu Bon") == ("found", [("97", "xã Vụ Bổn", "unchanged")])


def test_a_new_units_name_says_what_formed_it(lookup):
    match = lookup.find("phường Sài Gòn")
    assert match.status == "new_unit"
    assert [(r.old_unit.label, r.share) for r in match.formed] == [
        ("phường Bến Nghé", "full"), ("phường Đa Kao", "partial"), ("phường Nguyễn Thái Bình", "partial"),
    ]


def test_an_unknown_unit_is_not_found_and_close_names_are_suggested(lookup):
    match = lookup.find("phường Bến Ngé")
    assert match.status == "not_found" and match.asked == "phường bến ngé"
    assert match.suggestions == ("phường Bến Nghé (Thành phố Hồ Chí Minh)",)
    assert lookup.find("xã Hoàn Toàn Không Có").suggestions == ()


def test_a_district_alone_lists_the_units_printed_with_it(lookup):
    match = lookup.find("Quận 3")
    assert match.status == "district_only" and match.asked == "quận 3"
    assert [u.unit.label for u in match.units] == [f"Phường {n}" for n in (1, 2, 3, 4, 5, 9, 11, 12, 14)]


def test_a_province_alone_is_no_unit_and_no_district(lookup):
    assert (lookup.find("tỉnh Bình Dương").status, lookup.find("Thành phố Hồ Chí Minh").status) == ("not_found", "not_found")
    assert lookup.find("huyện Nhà Bè").status == "district_only"  # a district the texts never print is still a district


def test_an_empty_query(lookup):
    assert lookup.find("").status == "empty"
    assert lookup.find(" ,. ").status == "empty"


def test_in_chat_only_a_name_after_a_kind_word_counts(lookup):
    assert outcome(lookup, "phường Bến Nghé bây giờ là phường nào", bare=False)[0] == "found"
    assert outcome(lookup, "nộp hồ sơ ở UBND phường nào nếu trước ở Phường 12 Quận 3", bare=False) == (
        "found", [("7", "phường Nhiêu Lộc", "full")],
    )
    assert lookup.find("Bến Nghé bây giờ là gì", bare=False).status == "not_found"
    assert lookup.find("làm giấy khai sinh ở phường nào", bare=False).status == "not_found"


def test_names_typed_with_diacritics_only_match_units_written_so(country):
    assert {u.unit.name for u in country.find("xa phu thanh an giang").units} == {"Phú Thạnh", "Phú Thành"}
    assert [u.unit.name for u in country.find("xã Phú Thành, An Giang").units] == ["Phú Thành"]


def test_the_lookup_is_kept_with_the_generation_and_read_back(lookup, tmp_path):
    lookup.save(tmp_path)
    again = UnitLookup.load(tmp_path)
    assert again.rows == lookup.rows and again.resolutions == lookup.resolutions
    assert not UnitLookup.load(tmp_path / "older-generation")
    assert (tmp_path / FILE).stat().st_size < 40_000


def test_current_names_are_known(lookup):
    assert lookup.is_current_name("phường", "Nhiêu Lộc")
    assert lookup.is_current_name("xã", "Vụ Bổn")  # kept unchanged
    assert not lookup.is_current_name("phường", "Bến Nghé")


def test_the_country_lookup_answers_units_of_many_provinces(country):
    assert outcome(country, "xa Thai Hoc cao bang") == ("found", [("5", "xã Yên Thổ", "full")])
    assert outcome(country, "phuong 1 tra vinh") == ("found", [("110", "phường Trà Vinh", "full")])
    assert len(country.resolutions) == 34 and len(country.rows) > 10_000
