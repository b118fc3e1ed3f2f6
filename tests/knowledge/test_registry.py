import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from knowledge.errors import BadInput
from knowledge.models import Dieu, LegalDocument, ParsedLegalDocument, Relation
from knowledge.parsing.legal import legal_files, parse_legal_file
from knowledge.registry import Registry

TODAY = date(2026, 11, 24)
LATER = date(2031, 6, 1)  # when every fictional fixture document is in effect


def law(number, title, effective_on=None, relations=(), cited=(), source=None, articles=1):
    doc = LegalDocument(number, number, "Luật", title, "Quốc hội", None, effective_on, source or f"{number.replace('/', '-')}.txt")
    units = tuple(Dieu(number, str(n), "") for n in range(1, articles + 1))
    return ParsedLegalDocument(doc, articles=units, relations=tuple(relations), cited_numbers=tuple(cited))


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
    fixture_registry.derive_statuses(LATER)
    with ThreadPoolExecutor(4) as workers:
        statuses = list(workers.map(lambda number: fixture_registry.lookup(number).status, ["20/2010/QH12"] * 8))
    assert statuses == ["repealed"] * 8


def test_documents_cited_only_are_unknown_never_in_force(fixture_registry):
    fixture_registry.derive_statuses(LATER)
    cited = fixture_registry.lookup("10/2020/QH14")
    assert (cited.in_corpus, cited.status, cited.title, cited.doc_type) == (False, "unknown", "Luật Cây xanh đô thị", "Luật")
    decree = fixture_registry.lookup("99/2016/ND-CP")  # typed without diacritics
    assert (decree.number, decree.status, decree.replaced_by) == ("99/2016/NĐ-CP", "repealed", ("77/2030/NĐ-CP",))


def test_a_repeal_takes_effect_with_the_repealing_act(fixture_registry):
    fixture_registry.derive_statuses(TODAY)
    old = fixture_registry.lookup("20/2010/QH12")
    assert (old.status, old.replaced_by) == ("unknown", ())  # Luật Vườn hoa công cộng takes effect in 2031
    assert fixture_registry.lookup("12/2030/QH16").status == "unknown"  # not yet in force
    fixture_registry.derive_statuses(date(2031, 1, 1))
    old = fixture_registry.lookup("20/2010/QH12")
    assert (old.status, old.replaced_by, old.title) == ("repealed", ("12/2030/QH16",), "Luật Vườn hoa")
    assert fixture_registry.lookup("30/2015/QH13").status == "unknown"  # its amendments expired; cited only, so no title says more
    assert fixture_registry.lookup("12/2030/QH16").status == "in_force"


def test_amendments_in_effect_make_a_document_amended(fixture_registry):
    assert fixture_registry.derive_statuses(date(2024, 2, 1))
    assert fixture_registry.lookup("50/2019/NĐ-CP").status == "in_force"
    fixture_registry.derive_statuses(TODAY)
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
    registry.derive_statuses(TODAY)
    assert [registry.lookup(n).status for n in ("81/2006/QH11", "36/2013/QH13", "39/2019/QH14")] == ["repealed", "repealed", "amended"]
    assert registry.lookup("39/2019/QH14").amended_by == ("68/2020/QH14",)


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
    fixture_registry.derive_statuses(LATER)
    assert fixture_registry.lookup("77/2030/NĐ-CP").status == "in_force"
    fixture_registry.add_cited("1/2020/QH14")
    assert fixture_registry.lookup("77/2030/NĐ-CP").status == "unknown"


def test_lookup_title_prefers_the_document_in_force(registry):
    registry.add_document(law("68/2014/QH13", "Luật Doanh nghiệp", date(2015, 7, 1)))
    registry.add_document(law("59/2020/QH14", "Luật Doanh nghiệp", date(2021, 1, 1),
                              [Relation("59/2020/QH14", "repeals", "68/2014/QH13")]))
    registry.derive_statuses(TODAY)
    assert registry.lookup_title("luật doanh nghiệp").doc_id == "59/2020/QH14"
    assert registry.lookup_title("Luat Doanh nghiep").doc_id == "59/2020/QH14"
    assert registry.lookup_title("Luật Hộ tịch") is None


def test_lookup_title_finds_a_document_known_only_by_citation(registry):
    registry.add_cited("76/2015/QH13", "Luật", "Luật Tổ chức Chính phủ", source="thu-tuc/1.json")
    entry = registry.lookup_title("Luật Tổ chức Chính phủ")
    assert (entry.doc_id, entry.in_corpus, entry.status) == ("76/2015/QH13", False, "unknown")
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
        registry.derive_statuses(TODAY)
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
        registry.derive_statuses(TODAY)
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
