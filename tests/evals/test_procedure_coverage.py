import json
import shutil
from pathlib import Path

from evals.procedure_coverage import main

# A portal page that says nothing but its method and its result.
SPARSE_PAGE = {
    "ma_thu_tuc": "9.900003",
    "ten_thu_tuc": "Xác nhận tình trạng nuôi chim bồ câu",
    "raw_text": (
        "Trình Tự Thực HiệnBước 1. Nộp đơn tại Ủy ban nhân dân cấp xã."
        "Cách Thức Thực HiệnHình thức nộpThời gianPhí, lệ phíMô tảTrực tiếpKhông có thông tinKhông có thông tin"
        "Thành phần hồ sơ--Căn cứ pháp lýKhông có thông tinCơ quan thực hiệnKhông có thông tin"
        "Yêu cầu, điều kiện thực hiệnKhông có thông tinKết quả xử lýGiấy xác nhậnMã: KQ.G99.000003Từ khóa"
    ),
}


def test_coverage_report_counts_and_explains_failures(tmp_path: Path, fixtures_dir: Path, capsys):
    procedures = tmp_path / "knowledge" / "procedures"
    procedures.mkdir(parents=True)
    target = procedures / "sample.jsonl"
    shutil.copy(fixtures_dir / "procedures" / "sample.jsonl", target)
    with target.open("a", encoding="utf-8") as out:
        out.write(json.dumps(SPARSE_PAGE, ensure_ascii=False) + "\n{broken\n")
    report = tmp_path / "coverage.md"

    assert main(["--knowledge", str(tmp_path / "knowledge"), "--out", str(report)]) == 0

    text = report.read_text(encoding="utf-8")
    assert "## sample.jsonl: 3 procedures, 1 unreadable lines" in text
    assert "| ≥ 1 submission method | 3 | 100.0% | 0 | 0 |" in text
    assert "| ≥ 1 required document | 2 | 66.7% | 1 | 1 |" in text
    assert "| fee found | 2 | 66.7% | 1 | 1 |" in text
    assert "| result found | 3 | 100.0% | 0 | 0 |" in text
    assert "- line 4: JSON không hợp lệ" in text
    assert "`9.900003` Xác nhận tình trạng nuôi chim bồ câu" in text
    assert "sample.jsonl: 3 procedures, 1 bad lines" in capsys.readouterr().out


def test_no_procedure_files_is_an_error(tmp_path: Path):
    assert main(["--knowledge", str(tmp_path), "--out", str(tmp_path / "r.md")]) == 2
