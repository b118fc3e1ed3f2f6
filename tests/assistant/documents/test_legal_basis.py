import pytest

from assistant.documents.legal_basis import check_legal_basis
from assistant.documents.lines import text_lines
from tests.assistant.documents.doubles import RegistryDouble, entry


def check(text, registry, own=None):
    findings, cited = check_legal_basis(text_lines(text), registry, own)
    return [(f.code, f.message) for f in findings], [(c.number, c.status) for c in cited]


def test_repealed_names_the_replacing_document(registry):
    findings, cited = check("Căn cứ Luật Cư trú số 81/2006/QH11 ngày 29 tháng 11 năm 2006;", registry)
    assert findings == [
        (
            "LEGAL_BASIS_REPEALED",
            "Luật Cư trú số 81/2006/QH11 đã hết hiệu lực, được thay thế bởi Luật Cư trú số 68/2020/QH14",
        )
    ]
    assert cited == [("81/2006/QH11", "repealed")]


def test_a_number_typed_without_diacritics_is_the_same_document(registry):
    findings, cited = check("theo Thông tư 01/2011/TT-BNV", registry)
    assert (
        findings[0][0] == "LEGAL_BASIS_REPEALED" and "Nghị định về công tác văn thư số 30/2020/NĐ-CP" in findings[0][1]
    )
    assert check("theo Nghị định 30/2020/ND-CP", registry) == ([], [("30/2020/ND-CP", "in_force")])


def test_amended_unless_the_amending_documents_are_cited_too(registry):
    alone = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    findings, cited = check(alone, registry)
    assert findings[0][0] == "LEGAL_BASIS_AMENDED" and "47/2019/QH14" in findings[0][1]
    assert cited == [("77/2015/QH13", "amended")]
    together = (
        alone[:-1] + "; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền"
        " địa phương ngày 22 tháng 11 năm 2019;"
    )
    assert check(together, registry) == ([], [("77/2015/QH13", "amended"), ("47/2019/QH14", "in_force")])


def test_unknown_numbers_and_names(registry):
    findings, cited = check(
        "Căn cứ Nghị định số 99/2023/NĐ-CP; Căn cứ Luật Quản lý phố đi bộ ngày 01 tháng 7 năm 2023;", registry
    )
    assert [f[0] for f in findings] == ["LEGAL_BASIS_UNKNOWN", "LEGAL_BASIS_UNKNOWN"]
    assert cited == [("99/2023/NĐ-CP", "unknown"), ("Luật Quản lý phố đi bộ", "unknown")]
    status_unknown, _ = check("Nghị định số 05/2099/NĐ-CP", registry)
    assert status_unknown[0][0] == "LEGAL_BASIS_UNKNOWN" and "chưa xác định được hiệu lực" in status_unknown[0][1]


def test_a_name_with_a_comma_is_one_document(registry):
    assert check("Căn cứ Luật Cán bộ, công chức ngày 13 tháng 11 năm 2008;", registry) == (
        [],
        [("22/2008/QH12", "in_force")],
    )


def test_a_name_with_a_comma_belongs_to_the_number_after_it(registry):
    assert check("Căn cứ Luật Cán bộ, công chức số 22/2008/QH12;", registry) == ([], [("22/2008/QH12", "in_force")])
    # a newer law of the same name: the number decides, not the older law the registry knows by that name
    findings, cited = check("Căn cứ Luật Cán bộ, công chức số 52/2019/QH14;", registry)
    assert cited == [("52/2019/QH14", "unknown")]
    assert findings == [
        (
            "LEGAL_BASIS_UNKNOWN",
            "không tìm thấy Luật Cán bộ, công chức số 52/2019/QH14 trong cơ sở dữ liệu văn bản; kiểm tra lại số,"
            " ký hiệu và hiệu lực",
        )
    ]


@pytest.mark.parametrize(
    "text, code",
    [
        (
            "Căn cứ Luật Cư trú ngày 29 tháng 11 năm 2006;",
            "LEGAL_BASIS_REPEALED",
        ),  # replaced by the 2020 law of that name
        ("Căn cứ Luật Cư trú ngày 13 tháng 11 năm 2020;", None),
        ("Căn cứ Luật Cư trú năm 2031;", "LEGAL_BASIS_UNKNOWN"),
    ],
)
def test_a_law_cited_by_name_and_year(registry, text, code):
    findings, _ = check(text, registry)
    assert [f[0] for f in findings] == ([code] if code else [])


def test_administrative_documents_and_the_drafts_own_number(registry):
    text = "Thực hiện Kế hoạch số 20/KH-UBND; Quyết định này thay thế Quyết định số 15/2024/QĐ-UBND."
    findings, cited = check(text, registry, own="15/2024/QĐ-UBND")
    assert findings == []  # a kế hoạch is no legal basis the registry tracks; the draft's own number is skipped
    assert cited == [("20/KH-UBND", "unknown")]


def test_an_administrative_number_known_without_status_gives_no_finding():
    from tests.assistant.documents.doubles import RegistryDouble, entry

    cited_only = RegistryDouble(entry("20/KH-UBND", "Kế hoạch", "unknown", 2024))
    assert check("Thực hiện Kế hoạch số 20/KH-UBND", cited_only) == ([], [("20/KH-UBND", "unknown")])


def test_each_document_is_reported_once(registry):
    findings, cited = check("Căn cứ Luật Cư trú số 81/2006/QH11;\nTheo Luật số 81/2006/QH11 thì", registry)
    assert len(findings) == 1 and len(cited) == 1


FEED = """number\ttitle\tstatus\tsince\treplaced_by\tbasis
77/2015/QH13\tLuật Tổ chức chính quyền địa phương\trepealed\t2025-03-01\t65/2025/QH15\tLuật Tổ chức chính quyền địa phương số 65/2025/QH15
65/2025/QH15\tLuật Tổ chức chính quyền địa phương\trepealed\t2025-07-01\t72/2025/QH15\tLuật Tổ chức chính quyền địa phương số 72/2025/QH15
72/2025/QH15\tLuật Tổ chức chính quyền địa phương\tin_force\t2025-07-01\t\tHai cấp chính quyền
100/2019/NĐ-CP\tNghị định xử phạt giao thông đường bộ và đường sắt\tpartially_repealed\t2025-01-01\t168/2024/NĐ-CP\tNghị định xử phạt giao thông đường bộ số 168/2024/NĐ-CP
"""


@pytest.fixture
def fed_registry(tmp_path):
    """A real registry that knows these documents only from a validity feed, read on 06/12/2026."""
    from datetime import date

    from knowledge.parsing.status_feed import parse_feed
    from knowledge.registry import Registry

    with Registry(tmp_path / "registry.sqlite", today=lambda: date(2026, 12, 6)) as registry:
        registry.apply_feed(parse_feed(FEED.encode("utf-8"), "hieu-luc.tsv"))
        yield registry


def test_a_repeal_is_followed_to_the_law_in_force_now(fed_registry):
    findings, cited = check("Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13;", fed_registry)
    assert findings == [(
        "LEGAL_BASIS_REPEALED",
        "Luật Tổ chức chính quyền địa phương số 77/2015/QH13 đã hết hiệu lực từ 01/3/2025, được thay thế bởi"
        " Luật Tổ chức chính quyền địa phương số 65/2025/QH15 → Luật Tổ chức chính quyền địa phương số 72/2025/QH15",
    )]
    assert cited == [("77/2015/QH13", "repealed")]
    assert check("Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;", fed_registry) == ([], [("72/2025/QH15", "in_force")])


def test_a_partial_repeal_is_a_finding_too(fed_registry):
    findings, cited = check("Căn cứ Nghị định số 100/2019/NĐ-CP ngày 30 tháng 12 năm 2019;", fed_registry)
    assert findings == [(
        "LEGAL_BASIS_PARTIALLY_REPEALED",
        "Nghị định số 100/2019/NĐ-CP đã hết hiệu lực một phần từ 01/01/2025, được thay thế bởi"
        " Nghị định xử phạt giao thông đường bộ số 168/2024/NĐ-CP",
    )]
    assert cited == [("100/2019/NĐ-CP", "partially_repealed")]


def test_a_replacement_cycle_ends_instead_of_hanging():
    cycle = RegistryDouble(
        entry("1/2020/QH14", "Luật Một", "repealed", 2020, replaced_by=["2/2021/QH15"]),
        entry("2/2021/QH15", "Luật Hai", "repealed", 2021, replaced_by=["1/2020/QH14"]),
    )
    findings, _ = check("Căn cứ Luật Một số 1/2020/QH14;", cycle)
    assert findings == [("LEGAL_BASIS_REPEALED", "Luật Một số 1/2020/QH14 đã hết hiệu lực, được thay thế bởi Luật Hai số 2/2021/QH15")]


def test_a_law_cited_by_name_and_year_is_the_law_of_that_year(fed_registry):
    # Without the year the name means the law in force (72/2025/QH15, known from the feed only).
    assert check("Căn cứ Luật Tổ chức chính quyền địa phương;", fed_registry)[1] == [("72/2025/QH15", "in_force")]
    findings, cited = check("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", fed_registry)
    assert cited == [("77/2015/QH13", "repealed")]
    assert findings[0][0] == "LEGAL_BASIS_REPEALED" and findings[0][1].endswith(
        "số 65/2025/QH15 → Luật Tổ chức chính quyền địa phương số 72/2025/QH15")
