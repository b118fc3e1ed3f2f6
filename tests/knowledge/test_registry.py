import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from knowledge.errors import BadInput
from knowledge.models import Dieu, LegalDocument, ParsedLegalDocument, Relation
from knowledge.parsing.legal import legal_files, parse_legal_file
from knowledge.parsing.status_feed import parse_feed, read_feed
from knowledge.registry import Registry

TODAY = date(2026, 11, 24)
LATER = date(2031, 6, 1)  # when every fictional fixture document is in effect


def law(number, title, effective_on=None, relations=(), cited=(), source=None, articles=1):
    doc = LegalDocument(number, number, "Luật", title, "Quốc hội", None, effective_on, source or f"{number.replace('/', '-')}.txt")
    units = tuple(Dieu(number, str(n), "") for n in range(1, articles + 1))
    return ParsedLegalDocument(doc, articles=units, relations=tuple(relations), cited_numbers=tuple(cited))


def judged(registry, day):
    """Timelines written, statuses read as of ``day``; returns the counts of that day."""
    registry.today = lambda: day
    return registry.derive_statuses()


@pytest.fixture
def registry(tmp_path):
    with Registry(tmp_path / "registry.sqlite") as registry:
        yield registry


@pytest.fixture
def fixture_registry(registry, legal_fixtures):
    for path in legal_files(legal_fixtures):
        for parsed in parse_legal_file(path, legal_fixtures):
            registry.add_document(parsed)
    return registry


def test_sqlite_in_wal_mode(registry):
    connection = sqlite3.connect(registry.path)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_worker_threads_read_the_registry_opened_elsewhere(fixture_registry):
    judged(fixture_registry, LATER)
    with ThreadPoolExecutor(4) as workers:
        statuses = list(workers.map(lambda number: fixture_registry.lookup(number).status, ["20/2010/QH12"] * 8))
    assert statuses == ["repealed"] * 8


def test_documents_cited_only_are_unknown_never_in_force(fixture_registry):
    judged(fixture_registry, LATER)
    cited = fixture_registry.lookup("10/2020/QH14")
    assert (cited.in_corpus, cited.status, cited.title, cited.doc_type) == (False, "unknown", "Luật Cây xanh đô thị", "Luật")
    decree = fixture_registry.lookup("99/2016/ND-CP")  # typed without diacritics
    assert (decree.number, decree.status, decree.replaced_by) == ("99/2016/NĐ-CP", "repealed", ("77/2030/NĐ-CP",))


def test_a_repeal_takes_effect_with_the_repealing_act(fixture_registry):
    judged(fixture_registry, TODAY)
    old = fixture_registry.lookup("20/2010/QH12")
    assert (old.status, old.replaced_by) == ("unknown", ())  # Luật Vườn hoa công cộng takes effect in 2031
    assert fixture_registry.lookup("12/2030/QH16").status == "unknown"  # not yet in force
    judged(fixture_registry, date(2031, 1, 1))
    old = fixture_registry.lookup("20/2010/QH12")
    assert (old.status, old.replaced_by, old.title) == ("repealed", ("12/2030/QH16",), "Luật Vườn hoa")
    assert fixture_registry.lookup("30/2015/QH13").status == "unknown"  # its amendments expired; cited only, so no title says more
    assert fixture_registry.lookup("12/2030/QH16").status == "in_force"


def test_amendments_in_effect_make_a_document_amended(fixture_registry):
    assert judged(fixture_registry, date(2024, 2, 1))
    assert fixture_registry.lookup("50/2019/NĐ-CP").status == "in_force"
    judged(fixture_registry, TODAY)
    decree = fixture_registry.get("50/2019/NĐ-CP")
    assert (decree.status, decree.amended_by, decree.in_corpus) == ("amended", ("05/2024/NĐ-CP",), True)
    assert fixture_registry.lookup("05/2024/NĐ-CP").in_corpus is False


def test_an_earlier_amending_act_expires_with_the_law_it_amended_only_when_it_is_a_whole_amending_act(registry):
    evidence = "Luật Cư trú số 81/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 36/2013/QH13 và Luật số 39/2019/QH14 hết hiệu lực"
    relations = [Relation("68/2020/QH14", "repeals", "81/2006/QH11", evidence)] + [
        Relation("68/2020/QH14", "expires_with", number, evidence) for number in ("36/2013/QH13", "39/2019/QH14")
    ]
    registry.add_document(law("68/2020/QH14", "Luật Cư trú", date(2021, 7, 1), relations))
    registry.add_document(law("81/2006/QH11", "Luật Cư trú", date(2007, 7, 1)))
    registry.add_document(law("36/2013/QH13", "Luật Sửa đổi, bổ sung một số điều của Luật Cư trú", date(2014, 1, 1)))
    registry.add_document(law("39/2019/QH14", "Luật Đầu tư công", date(2020, 1, 1)))
    judged(registry, TODAY)
    assert [registry.lookup(n).status for n in ("81/2006/QH11", "36/2013/QH13", "39/2019/QH14")] == ["repealed", "repealed", "amended"]
    assert registry.lookup("39/2019/QH14").amended_by == ("68/2020/QH14",)


def detailing(number, title, effective_on):
    doc = LegalDocument(number, number, "Thông tư", title, "Bộ Công an", None, effective_on, f"{number.replace('/', '-')}.txt")
    return ParsedLegalDocument(doc, articles=(Dieu(number, "1", ""),))


def test_a_text_detailing_others_by_number_expires_with_them(registry):
    replacing = Relation("62/2021/NĐ-CP", "repeals", "31/2014/NĐ-CP", "Nghị định này thay thế Nghị định số 31/2014/NĐ-CP")
    registry.add_document(law("31/2014/NĐ-CP", "Nghị định quy định chi tiết một số điều của Luật Cư trú", date(2014, 6, 15)))
    registry.add_document(law("62/2021/NĐ-CP", "Nghị định quy định chi tiết Luật Cư trú", date(2021, 7, 1), [replacing]))
    registry.add_document(detailing(
        "35/2014/TT-BCA", "Thông tư quy định chi tiết thi hành một số điều của Luật Cư trú và Nghị định số 31/2014/NĐ-CP",
        date(2014, 10, 28)))
    registry.add_document(detailing(
        "55/2021/TT-BCA", "Thông tư quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú", date(2021, 7, 1)))
    judged(registry, TODAY)
    old = registry.lookup("35/2014/TT-BCA")
    assert (old.status, old.status_since) == ("repealed", date(2021, 7, 1)) and "31/2014/NĐ-CP" in old.basis
    assert registry.lookup("55/2021/TT-BCA").status == "in_force"  # details no text by number
    judged(registry, date(2020, 1, 1))
    assert registry.lookup("35/2014/TT-BCA").status == "in_force"  # before the decree it details was replaced


def test_identity_merges_sources_and_prefers_a_real_title(fixture_registry):
    decree = fixture_registry.lookup("77/2030/NĐ-CP")
    assert decree.title == "Nghị định về quản lý con dấu thử nghiệm"  # the appendix file only gives the number
    assert decree.source == "77_2030_ND_CP.md"


def test_add_document_is_idempotent_and_remove_source_forgets_a_file(fixture_registry, legal_fixtures):
    before = fixture_registry.entries()
    [parsed] = parse_legal_file(legal_fixtures / "Luat-Vuon-hoa-cong-cong-2030.txt", legal_fixtures)
    fixture_registry.add_document(parsed)
    assert fixture_registry.entries() == before
    fixture_registry.remove_source("Luat-Vuon-hoa-cong-cong-2030.txt")
    assert fixture_registry.lookup("12/2030/QH16") is None
    assert fixture_registry.lookup("20/2010/QH12") is None
    assert fixture_registry.lookup("77/2030/NĐ-CP").in_corpus
    fixture_registry.remove_source("77_2030_ND_CP.md")
    appendix_only = fixture_registry.lookup("77/2030/NĐ-CP")
    assert (appendix_only.title, appendix_only.source) == ("Nghị định số 77/2030/NĐ-CP", "Phuluc-77-2030.md")


def test_changes_clear_derived_statuses(fixture_registry):
    judged(fixture_registry, LATER)
    assert fixture_registry.lookup("77/2030/NĐ-CP").status == "in_force"
    fixture_registry.add_cited("1/2020/QH14")
    assert fixture_registry.lookup("77/2030/NĐ-CP").status == "unknown"


def test_lookup_title_prefers_the_document_in_force(registry):
    registry.add_document(law("68/2014/QH13", "Luật Doanh nghiệp", date(2015, 7, 1)))
    registry.add_document(law("59/2020/QH14", "Luật Doanh nghiệp", date(2021, 1, 1),
                              [Relation("59/2020/QH14", "repeals", "68/2014/QH13")]))
    judged(registry, TODAY)
    assert registry.lookup_title("luật doanh nghiệp").doc_id == "59/2020/QH14"
    assert registry.lookup_title("Luat Doanh nghiep").doc_id == "59/2020/QH14"
    assert registry.lookup_title("Luật Hộ tịch") is None
    assert registry.lookup_title("Luật Doanh nghiệp", 2014).doc_id == "68/2014/QH13"  # year from the number
    assert registry.lookup_title("Luật Doanh nghiệp", 1999).doc_id == "59/2020/QH14"  # no such year: the usual choice


def test_lookup_title_finds_a_document_known_only_by_citation(registry):
    registry.add_cited("76/2015/QH13", "Luật", "Luật Tổ chức Chính phủ", source="thu-tuc/1.json")
    entry = registry.lookup_title("Luật Tổ chức Chính phủ")
    assert (entry.doc_id, entry.in_corpus, entry.status) == ("76/2015/QH13", False, "unknown")
    assert registry.lookup_title("Luật Tổ chức Chính phủ", in_corpus=True) is None  # its text is not held
    registry.remove_source("thu-tuc/1.json")
    assert registry.lookup("76/2015/QH13") is None


def test_access_is_the_strictest_given_and_can_be_set(registry):
    registry.add_document(law("1/2020/QH14", "Luật Một", source="a.txt"), access="internal")
    registry.add_document(law("1/2020/QH14", "Luật Một", source="b.txt"))
    assert registry.get("1/2020/QH14").access == "internal"
    registry.set_access("1/2020/QH14", "public")
    assert registry.get("1/2020/QH14").access == "public"
    with pytest.raises(BadInput):
        registry.set_access("1/2020/QH14", "secret")
    with pytest.raises(BadInput):
        registry.set_access("9/2099/QH99", "internal")
    with pytest.raises(BadInput):
        registry.add_cited("  ")


def test_registry_survives_reopening(tmp_path):
    path = tmp_path / "r.sqlite"
    with Registry(path) as registry:
        registry.add_document(law("1/2020/QH14", "Luật Một", date(2021, 1, 1)))
        judged(registry, TODAY)
    with Registry(path) as registry:
        assert registry.lookup("1/2020/QH14").status == "in_force"


def test_not_a_database_is_bad_input(tmp_path):
    path = tmp_path / "bad.sqlite"
    path.write_text("không phải SQLite " * 100, encoding="utf-8")
    with pytest.raises(BadInput):
        Registry(path)


def test_statuses_of_shared_corpus_documents(shared_legal, tmp_path):
    root = shared_legal
    files = [root / "vlc-2022" / name for name in (
        "Luat-68-2020-QH14-cu-tru-435315.txt", "Bo-Luat-lao-dong-2019-333670.txt",
        "Luat-Doanh-nghiep-2014-259730.txt", "Luat-Doanh-nghiep-so-59-2020-QH14-427301.txt",
        "Luat-so-72-2020-QH14-Bao-ve-moi-truong-2020-431147.txt", "Luat-Dau-tu-cong-2019-362113.txt",
    )] + [root / "phapdien" / name for name in ("hanh-chinh-tu-phap__ho-tich.md", "trat-tu-an-toan-xa-hoi__cu-tru.md")] + [
        root / "nd30-2020" / "Phuluc1.md"
    ]
    with Registry(tmp_path / "registry.sqlite") as registry:
        for path in files:
            for parsed in parse_legal_file(path, root):
                registry.add_document(parsed)
        judged(registry, TODAY)
        residence = registry.lookup("81/2006/QH11")
        assert (residence.status, residence.replaced_by) == ("repealed", ("68/2020/QH14",))
        assert residence.title == "Luật Cư trú"
        assert registry.lookup("68/2020/QH14").status in ("in_force", "amended")
        assert registry.lookup("36/2013/QH13").status == "repealed"  # Luật sửa đổi, bổ sung ... Luật Cư trú
        public_investment = registry.lookup("39/2019/QH14")  # amended Luật Bảo vệ môi trường 2014 in passing
        assert public_investment.status == "amended" and "72/2020/QH14" in public_investment.amended_by
        labour = registry.lookup("10/2012/QH13")
        assert (labour.status, labour.replaced_by, labour.doc_type) == ("repealed", ("45/2019/QH14",), "Bộ luật")
        assert registry.lookup("68/2014/QH13").replaced_by == ("59/2020/QH14",)
        assert registry.lookup_title("Luật Doanh nghiệp").doc_id == "59/2020/QH14"
        assert registry.lookup_title("Luật Cư trú").doc_id == "68/2020/QH14"
        decree = registry.lookup("123/2015/ND-CP")
        assert decree.status == "amended" and "07/2025/NĐ-CP" in decree.amended_by
        assert registry.lookup("30/2020/NĐ-CP").in_corpus


def feed_of(*lines, name="hieu-luc.tsv"):
    header = "number\ttitle\tstatus\tsince\treplaced_by\tbasis\n"
    return parse_feed((header + "".join(lines)).encode("utf-8"), name)


LAND_FEED = "45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\t31/2024/QH15\tKhoản 4 Điều 252 Luật Đất đai số 31/2024/QH15; Luật số 43/2024/QH15\n"


@pytest.fixture
def land(registry):
    """Luật Đất đai 2013 and 2024 as the corpus has them: the 2024 law says it takes effect 01/01/2025."""
    evidence = "Luật Đất đai số 45/2013/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 35/2018/QH14 hết hiệu lực"
    registry.add_document(law("31/2024/QH15", "Luật Đất đai", date(2025, 1, 1), [Relation("31/2024/QH15", "repeals", "45/2013/QH13", evidence)]))
    registry.add_document(law("45/2013/QH13", "Luật Đất đai", date(2014, 7, 1)))
    registry.derive_statuses()
    return registry


def test_a_status_is_judged_on_the_day_it_is_read(land):
    land.today = lambda: date(2024, 12, 31)
    old = land.lookup("45/2013/QH13")
    assert (old.status, old.status_source, old.status_since) == ("in_force", "corpus", date(2014, 7, 1))
    assert (old.upcoming.status, old.upcoming.since, old.upcoming.replaced_by) == ("repealed", date(2025, 1, 1), ("31/2024/QH15",))
    land.today = lambda: date(2025, 1, 1)  # no derive in between: a server running over midnight
    old = land.lookup("45/2013/QH13")
    assert (old.status, old.status_since, old.replaced_by, old.upcoming) == ("repealed", date(2025, 1, 1), ("31/2024/QH15",), None)
    assert old.basis.startswith("Luật Đất đai số 45/2013/QH13 đã được sửa đổi")


def test_a_feed_row_beats_the_corpus_from_its_date(land):
    assert land.apply_feed(feed_of(LAND_FEED)) == 1
    land.today = lambda: date(2024, 9, 1)
    old = land.lookup("45/2013/QH13")
    assert (old.status, old.status_since, old.status_source, old.replaced_by) == ("repealed", date(2024, 8, 1), "feed", ("31/2024/QH15",))
    assert old.basis.startswith("Khoản 4 Điều 252")
    new = land.lookup("31/2024/QH15")  # in force from the replacement on, not from the 01/01/2025 of its text
    assert (new.status, new.status_since, new.status_source) == ("in_force", date(2024, 8, 1), "corpus")
    land.today = lambda: date(2024, 7, 31)
    assert land.lookup("45/2013/QH13").status == "in_force"  # before the row's date the corpus decides
    assert land.feeds() == ["hieu-luc.tsv"]


def test_a_future_date_is_still_in_force_with_the_change_upcoming(land):
    land.apply_feed(feed_of("45/2013/QH13\tLuật Đất đai\trepealed\t2027-01-01\t31/2024/QH15\tx\n"))
    land.today = lambda: date(2026, 12, 6)
    old = land.lookup("45/2013/QH13")
    assert (old.status, old.upcoming.status, old.upcoming.since, old.upcoming.source) == ("in_force", "repealed", date(2027, 1, 1), "feed")


def test_documents_known_only_from_a_feed(registry):
    registry.apply_feed(feed_of(
        "77/2015/QH13\tLuật Tổ chức chính quyền địa phương\trepealed\t2025-03-01\t65/2025/QH15\tĐiều khoản thi hành Luật Tổ chức chính quyền địa phương số 65/2025/QH15\n",
        "100/2019/NĐ-CP\tNghị định xử phạt giao thông\tpartially_repealed\t2025-01-01\t168/2024/NĐ-CP\tNghị định số 168/2024/NĐ-CP\n",
    ))
    registry.today = lambda: date(2026, 12, 6)
    old = registry.lookup("77/2015/QH13")
    assert (old.in_corpus, old.title, old.doc_type, old.status, old.replaced_by) == (
        False, "Luật Tổ chức chính quyền địa phương", "Luật", "repealed", ("65/2025/QH15",))
    assert registry.lookup("65/2025/QH15").title == "Luật Tổ chức chính quyền địa phương"  # named in the basis
    new = registry.lookup("65/2025/QH15")  # not in the corpus: in force from the replacement the feed dates
    assert (new.status, new.status_since, new.status_source, new.in_corpus) == ("in_force", date(2025, 3, 1), "feed", False)
    assert new.basis.startswith("thay thế 77/2015/QH13: Điều khoản thi hành")
    registry.apply_feed(feed_of(  # replaced in turn: the feed's row on it comes after
        "65/2025/QH15\tLuật Tổ chức chính quyền địa phương\trepealed\t2025-07-01\t72/2025/QH15\tLuật số 72/2025/QH15\n",
        name="later.tsv"))
    new = registry.lookup("65/2025/QH15")
    assert (new.status, new.status_since, new.replaced_by) == ("repealed", date(2025, 7, 1), ("72/2025/QH15",))
    assert registry.lookup("72/2025/QH15").status == "in_force"
    registry.today = lambda: date(2025, 5, 1)
    assert registry.lookup("65/2025/QH15").status == "in_force"
    decree = registry.lookup("100/2019/ND-CP")
    assert (decree.status, decree.replaced_by) == ("partially_repealed", ("168/2024/NĐ-CP",))
    assert registry.lookup("168/2024/NĐ-CP").title == "Nghị định số 168/2024/NĐ-CP"


def test_a_later_feed_beats_an_earlier_one_and_a_feed_applied_again_replaces_itself(land):
    land.apply_feed(feed_of(LAND_FEED, name="a.tsv"))
    land.apply_feed(feed_of("45/2013/QH13\tLuật Đất đai\trepealed\t2024-09-01\t31/2024/QH15\tb\n", name="b.tsv"))
    land.today = lambda: date(2026, 12, 6)
    assert land.lookup("45/2013/QH13").status_since == date(2024, 9, 1)
    land.apply_feed(feed_of(LAND_FEED, name="b.tsv"))
    assert land.lookup("45/2013/QH13").status_since == date(2024, 8, 1)
    assert land.feeds() == ["a.tsv", "b.tsv"]


def test_a_cycle_across_feeds_is_refused_and_nothing_changes(land):
    land.apply_feed(feed_of(LAND_FEED, name="a.tsv"))
    before = (land.entries(), land.feeds(), land.statuses(["45/2013/QH13", "31/2024/QH15"]))
    with pytest.raises(BadInput, match=r"b.tsv:2: vòng thay thế 31/2024/QH15 → 45/2013/QH13 → 31/2024/QH15"):
        land.apply_feed(feed_of("31/2024/QH15\tLuật Đất đai\trepealed\t2026-01-01\t45/2013/QH13\tx\n", name="b.tsv"))
    assert (land.entries(), land.feeds(), land.statuses(["45/2013/QH13", "31/2024/QH15"])) == before


def test_statuses_of_many_documents_at_once(land):
    land.apply_feed(feed_of(LAND_FEED))
    land.today = lambda: date(2026, 12, 6)
    statuses = land.statuses(["45/2013/QH13", "31/2024/QH15", "not-a-document"])
    assert {doc_id: (s.status, s.since) for doc_id, s in statuses.items()} == {
        "45/2013/QH13": ("repealed", date(2024, 8, 1)), "31/2024/QH15": ("in_force", date(2024, 8, 1))}
    assert land.statuses([]) == {}


def test_the_shared_feed_over_the_land_laws(shared_dir, tmp_path):
    root = shared_dir / "knowledge"
    with Registry(tmp_path / "registry.sqlite", today=lambda: date(2026, 12, 6)) as registry:
        for name in ("vbpl-2024/luat-dat-dai-2024.txt", "vlc-2022/Luat-dat-dai-2013-215836.txt"):
            for parsed in parse_legal_file(root / "legal" / name, root):
                registry.add_document(parsed)
        registry.derive_statuses()
        corpus = registry.lookup("45/2013/QH13")
        assert (corpus.status, corpus.status_since, corpus.status_source) == ("repealed", date(2025, 1, 1), "corpus")
        assert registry.apply_feed(read_feed(root / "legal" / "status" / "hieu-luc.tsv")) == 36
        fed = registry.lookup("45/2013/QH13")
        assert (fed.status, fed.status_since, fed.status_source, fed.replaced_by) == ("repealed", date(2024, 8, 1), "feed", ("31/2024/QH15",))
        assert registry.lookup("59/2014/QH13").replaced_by == ("26/2023/QH15",)
        assert registry.lookup("26/2023/QH15").title == "Luật Căn cước"
