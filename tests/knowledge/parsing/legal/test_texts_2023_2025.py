"""The 2023–2025 texts of the shared corpus: vbpl-2024, gtdb-2024 and the 34 merger resolutions."""
from datetime import date
from pathlib import Path

import pytest

from knowledge.parsing.legal import parse_legal_file

EXPECTED = {
    # file: (number, type, title, issuer, issued, effective, Điều)
    "vbpl-2024/luat-dat-dai-2024.txt": (
        "31/2024/QH15", "Luật", "Luật Đất đai", "Quốc hội", date(2024, 1, 18), date(2025, 1, 1), 260),
    "vbpl-2024/luat-nha-o-2023.txt": (
        "27/2023/QH15", "Luật", "Luật Nhà ở", "Quốc hội", date(2023, 11, 27), date(2025, 1, 1), 198),
    "vbpl-2024/nghi-dinh-95-2024.txt": (
        "95/2024/NĐ-CP", "Nghị định", "Nghị định quy định chi tiết một số điều của Luật Nhà ở", "Chính phủ",
        date(2024, 7, 24), date(2024, 8, 1), 95),
    "vbpl-2024/thong-tu-05-2024-bxd.txt": (
        "05/2024/TT-BXD", "Thông tư", "Thông tư quy định chi tiết một số điều của Luật Nhà ở", "Bộ Xây dựng",
        date(2024, 7, 31), date(2024, 8, 1), 21),
    "gtdb-2024/nghi-dinh-168-2024.txt": (
        "168/2024/NĐ-CP", "Nghị định",
        "Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông đường bộ;"
        " trừ điểm, phục hồi điểm giấy phép lái xe",
        "Chính phủ", date(2024, 12, 26), date(2025, 1, 1), 55),
}


def parse(shared_dir: Path, name: str):
    root = shared_dir / "knowledge"
    [parsed] = parse_legal_file(root / "legal" / name, root)
    return parsed


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_identity_and_articles(shared_dir, name):
    parsed = parse(shared_dir, name)
    doc = parsed.document
    assert (doc.number, doc.doc_type, doc.title, doc.issuer, doc.issued_on, doc.effective_on, len(parsed.articles)) == EXPECTED[name]


def test_the_land_law_repeals_the_2013_law_and_nothing_it_only_names(shared_dir):
    relations = {(r.verb, r.object_number) for r in parse(shared_dir, "vbpl-2024/luat-dat-dai-2024.txt").relations}
    assert ("repeals", "45/2013/QH13") in relations
    assert ("expires_with", "35/2018/QH14") in relations
    assert ("expires_with", "45/2013/QH13") not in relations  # "(sau đây gọi là Luật Đất đai số 45/2013/QH13)"
    assert not any(number == "61/2022/QH15" for _, number in relations)  # "từ ngày Nghị quyết số 61/2022/QH15 hết hiệu lực"


def test_the_land_law_keeps_its_sections(shared_dir):
    parsed = parse(shared_dir, "vbpl-2024/luat-dat-dai-2024.txt")
    last = parsed.articles[-1]
    assert last.chuong == "Chương XVI. ĐIỀU KHOẢN THI HÀNH"
    assert last.muc == "Mục 2. HIỆU LỰC THI HÀNH, QUY ĐỊNH CHUYỂN TIẾP"
    effect = next(a for a in parsed.articles if a.number == "252")
    assert [k.number for k in effect.khoans] == ["1", "2", "3", "4"]


def test_the_merger_resolutions(shared_dir):
    folder = shared_dir / "knowledge" / "legal" / "sapxep-2025"
    files = sorted(folder.glob("*.txt"))
    assert len(files) == 34
    for path in files:
        doc = parse(shared_dir, f"sapxep-2025/{path.name}").document
        assert doc.number == path.stem.replace("_", "/")
        assert doc.doc_type == "Nghị quyết"
        assert doc.issuer == "Ủy ban Thường vụ Quốc hội"
        assert doc.issued_on == doc.effective_on == date(2025, 6, 16)  # "có hiệu lực thi hành từ ngày được thông qua"
    hcm = parse(shared_dir, "sapxep-2025/1685_NQ-UBTVQH15.txt")
    assert hcm.document.title == "Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của Thành phố Hồ Chí Minh năm 2025"
    first = hcm.articles[0]
    text = (folder / "1685_NQ-UBTVQH15.txt").read_text(encoding="utf-8")
    numbered = [line for line in text.split("Điều 2.")[0].splitlines() if line[:1].isdigit()]
    assert [k.number for k in first.khoans] == [str(n) for n in range(1, len(numbered) + 1)]
    assert first.khoans[0].text.startswith("Sắp xếp toàn bộ diện tích tự nhiên, quy mô dân số của phường Bến Nghé")
    assert first.khoans[-1].text.startswith("Sau khi sắp xếp, Thành phố Hồ Chí Minh có 168 đơn vị hành chính cấp xã")
