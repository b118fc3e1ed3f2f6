"""What a reader is told of a document's validity, from a real registry with a feed."""
from datetime import date

import pytest

from assistant.skills.validity import known_beyond_the_corpus, legal_date, notice, took_effect_notice, validity_phrase
from knowledge.models import Dieu, LegalDocument, ParsedLegalDocument, Relation
from knowledge.parsing.status_feed import parse_feed
from knowledge.registry import Registry

FEED = """number\ttitle\tstatus\tsince\treplaced_by\tbasis
45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\t31/2024/QH15\tKhoản 4 Điều 252 Luật Đất đai số 31/2024/QH15
59/2014/QH13\tLuật Căn cước công dân\trepealed\t2024-07-01\t26/2023/QH15\tĐiều khoản thi hành Luật Căn cước số 26/2023/QH15
77/2015/QH13\tLuật Tổ chức chính quyền địa phương\trepealed\t2025-03-01\t65/2025/QH15\tLuật Tổ chức chính quyền địa phương số 65/2025/QH15
65/2025/QH15\tLuật Tổ chức chính quyền địa phương\trepealed\t2025-07-01\t72/2025/QH15\tLuật Tổ chức chính quyền địa phương số 72/2025/QH15
100/2019/NĐ-CP\tNghị định xử phạt giao thông đường bộ và đường sắt\tpartially_repealed\t2025-01-01\t168/2024/NĐ-CP\tQuy định về đường sắt còn áp dụng
58/2014/QH13\tLuật Bảo hiểm xã hội\trepealed\t2027-07-01\t41/2024/QH15\tLuật Bảo hiểm xã hội số 41/2024/QH15
"""


def law(number, title, effective_on, relations=()):
    doc = LegalDocument(number, number, "Luật", title, "Quốc hội", None, effective_on, f"{number.replace('/', '-')}.txt")
    return ParsedLegalDocument(doc, (Dieu(number, "1", ""),), tuple(relations))


@pytest.fixture
def registry(tmp_path):
    with Registry(tmp_path / "registry.sqlite", today=lambda: date(2026, 12, 6)) as registry:
        for parsed in (
            law("31/2024/QH15", "Luật Đất đai", date(2025, 1, 1), [Relation("31/2024/QH15", "repeals", "45/2013/QH13")]),
            law("45/2013/QH13", "Luật Đất đai", date(2014, 7, 1)),
            law("59/2014/QH13", "Luật Căn cước công dân", date(2016, 1, 1)),
            law("58/2014/QH13", "Luật Bảo hiểm xã hội", date(2016, 1, 1)),
            law("60/2014/QH13", "Luật Hộ tịch", date(2016, 1, 1)),
        ):
            registry.add_document(parsed)
        registry.add_document(ParsedLegalDocument(
            LegalDocument("168/2024/NĐ-CP", "168/2024/NĐ-CP", "Nghị định", "Nghị định xử phạt giao thông đường bộ",
                          "Chính phủ", None, date(2025, 1, 1), "nd-168.txt"), (Dieu("168/2024/NĐ-CP", "1", ""),)))
        registry.apply_feed(parse_feed(FEED.encode("utf-8"), "hieu-luc.tsv"))
        yield registry


def phrase(registry, number):
    return validity_phrase(registry, registry.lookup(number))


def test_legal_dates():
    assert (legal_date(date(2024, 8, 1)), legal_date(date(2025, 1, 1)), legal_date(date(2020, 3, 5))) == (
        "01/8/2024", "01/01/2025", "05/3/2020")


def test_a_repealed_law_says_since_when_and_by_what(registry):
    assert phrase(registry, "45/2013/QH13") == "đã hết hiệu lực từ 01/8/2024, được thay thế bởi Luật Đất đai 31/2024/QH15"
    assert notice(registry, registry.lookup("45/2013/QH13")) == (
        "Luật Đất đai 45/2013/QH13 đã hết hiệu lực từ 01/8/2024, được thay thế bởi Luật Đất đai 31/2024/QH15.")


def test_a_replacement_outside_the_knowledge_base_is_said_plainly(registry):
    assert notice(registry, registry.lookup("59/2014/QH13")) == (
        "Luật Căn cước công dân 59/2014/QH13 đã hết hiệu lực từ 01/7/2024, được thay thế bởi Luật Căn cước 26/2023/QH15;"
        " văn bản thay thế chưa có trong cơ sở dữ liệu; nội dung dưới đây là của văn bản cũ.")


def test_a_chain_of_replacements_names_the_law_in_force_now(registry):
    assert phrase(registry, "77/2015/QH13") == (
        "đã hết hiệu lực từ 01/3/2025, được thay thế bởi Luật Tổ chức chính quyền địa phương 65/2025/QH15"
        " (nay là Luật Tổ chức chính quyền địa phương 72/2025/QH15)")


def test_a_partial_repeal_says_what_still_applies(registry):
    assert phrase(registry, "100/2019/NĐ-CP") == (
        "đã hết hiệu lực một phần từ 01/01/2025, được thay thế một phần bởi Nghị định xử phạt giao thông đường bộ 168/2024/NĐ-CP"
        " (Quy định về đường sắt còn áp dụng)")
    assert notice(registry, registry.lookup("100/2019/NĐ-CP")).startswith("Nghị định xử phạt giao thông đường bộ và đường sắt 100/2019/NĐ-CP đã hết hiệu lực một phần")


def test_a_repeal_still_ahead_is_in_force_with_its_date(registry):
    assert phrase(registry, "58/2014/QH13") == (
        "còn hiệu lực theo dữ liệu hiện có, sẽ hết hiệu lực từ 01/7/2027 (thay thế bởi Luật Bảo hiểm xã hội 41/2024/QH15)")
    assert notice(registry, registry.lookup("58/2014/QH13")) == ""
    registry.today = lambda: date(2027, 7, 1)
    assert phrase(registry, "58/2014/QH13").startswith("đã hết hiệu lực từ 01/7/2027")


def test_in_force_unknown_and_not_yet_in_force(registry):
    # no feed names it: in force as far as the texts held say, which a law replaced since by one not held would be too
    assert phrase(registry, "60/2014/QH13") == "còn hiệu lực theo dữ liệu hiện có"
    assert phrase(registry, "72/2025/QH15") == "còn hiệu lực"  # the feed says so
    assert notice(registry, registry.lookup("60/2014/QH13")) == ""
    assert validity_phrase(registry, None) == "chưa xác định được tình trạng hiệu lực"
    registry.today = lambda: date(2015, 6, 1)
    assert phrase(registry, "60/2014/QH13") == "chưa có hiệu lực, có hiệu lực từ 01/01/2016"


def test_a_feed_bringing_a_law_forward_is_said_under_its_own_effect_article(registry):
    land = registry.lookup("31/2024/QH15")  # its text says 01/01/2025; the feed has 45/2013 replaced from 01/8/2024
    assert took_effect_notice(land) == ("Luật Đất đai 31/2024/QH15 có hiệu lực từ 01/8/2024, không phải ngày "
                                        "01/01/2025 ghi trong văn bản (theo dữ liệu hiệu lực)")
    assert took_effect_notice(registry.lookup("60/2014/QH13")) == ""  # in force from the day its text says
    assert took_effect_notice(registry.lookup("45/2013/QH13")) == ""  # no longer in force: its notice says so


def test_a_law_the_corpus_lacks_is_told_as_the_validity_data_knows_it(registry):
    assert known_beyond_the_corpus(registry, "Luật Căn cước 2023") == (
        "Theo dữ liệu hiệu lực, Luật Căn cước 26/2023/QH15 có hiệu lực từ 01/7/2024, còn hiệu lực.")
    # two laws of that title in 2025: the one in force, which replaced the other
    assert known_beyond_the_corpus(registry, "Luật Tổ chức chính quyền địa phương năm 2025") == (
        "Theo dữ liệu hiệu lực, Luật Tổ chức chính quyền địa phương 72/2025/QH15 có hiệu lực từ 01/7/2025, còn hiệu lực.")
    assert known_beyond_the_corpus(registry, "Luật Bảo hiểm xã hội 2024") == ""  # in force from 2027: the feed says no more
    assert known_beyond_the_corpus(registry, "Luật Trí tuệ nhân tạo") == ""  # nothing known
    assert known_beyond_the_corpus(registry, "Luật Căn cước 2019") == ""  # no such year
