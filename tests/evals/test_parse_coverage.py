from datetime import date

from evals.parse_coverage import coverage, main, render


def test_coverage_of_the_fixture_corpus(fixtures_dir):
    legal_fixtures = fixtures_dir / "legal"
    cov = coverage(legal_fixtures, date(2031, 6, 1))
    by_source = {f.source: f for f in cov.files}
    law = by_source["Luat-Vuon-hoa-cong-cong-2030.txt"]
    assert (law.kind, len(law.articles), len(law.headings), law.differs, law.missing) == ("vlc", 8, 8, False, [])
    assert law.appendix_units == 1
    topic = by_source["phapdien-vuon-thu.md"]
    assert (len(topic.documents), len(topic.articles), topic.toc_only) == (3, 5, 1)
    assert by_source["Phuluc-77-2030.md"].headings is None
    assert by_source["_README.md"].documents == []
    assert cov.statuses["repealed"] == 3  # 20/2010/QH12, 99/2016/NĐ-CP, 12/2010/NĐ-CP (30/2015/QH13: amendments expired)
    report = render(cov)
    assert "| vlc | 2 | 1 | 1 | 1 | 1 | 8 | 8 | 0 | 1 | 1 | 2 | 1 |" in report
    assert "| 20/2010/QH12 |" not in report.split("### Every repeal")[0]
    assert "| 12/2030/QH16 | 20/2010/QH12 |" in report


def test_main_writes_the_report_and_rejects_a_missing_folder(fixtures_dir, tmp_path, capsys):
    legal_fixtures = fixtures_dir / "legal"
    out = tmp_path / "report.md"
    assert main([str(legal_fixtures), "--out", str(out), "--today", "2026-11-24"]) == 0
    assert out.read_text(encoding="utf-8").startswith("# Legal parser coverage")
    assert "5 files" in capsys.readouterr().out
    assert main([str(tmp_path / "missing")]) == 2


def test_the_2023_2025_folders_are_reported_one_document_a_row(fixtures_dir, tmp_path):
    folder = tmp_path / "legal"
    (folder / "vbpl-2024").mkdir(parents=True)
    law = (fixtures_dir / "legal" / "Luat-Vuon-hoa-cong-cong-2030.txt").read_text(encoding="utf-8")
    (folder / "vbpl-2024" / "luat-vuon-hoa.txt").write_text(law, encoding="utf-8")
    (folder / "vlc-2022").mkdir()
    (folder / "vlc-2022" / "luat-cu.txt").write_text(law, encoding="utf-8")
    cov = coverage(folder, date(2031, 6, 1))
    assert [f.source for f in cov.new_files()] == ["vbpl-2024/luat-vuon-hoa.txt"]
    report = render(cov)
    assert "| `luat-vuon-hoa.txt` | 12/2030/QH16 | Luật | Luật Vườn hoa công cộng |" in report
    assert "1 of 1 files parsed into a document; Điều 8/8 (100%) of the heading lines." in report
    assert "None in this folder." in render(coverage(fixtures_dir / "legal", date(2031, 6, 1)))
