from pathlib import Path

import pytest

from evals.enrich_crash import run, write_report


@pytest.mark.slow
def test_kills_leave_no_vector_computed_twice_and_the_served_index_whole(tmp_path: Path, fixtures_dir: Path) -> None:
    laws = (fixtures_dir / "legal" / "Luat-Vuon-hoa-cong-cong-2030.txt", fixtures_dir / "legal" / "phapdien-vuon-thu.md")
    report = run(tmp_path / "crash", kills=3, seed=3, max_delay=2.5, laws=laws, embedder="hash")
    write_report(tmp_path / "report.md", report, "test", "test")
    # A run that ends before its kill ends the series early: two small laws with the hash embedder take
    # about as long as the interpreter's start. Every kill is followed by a read, and each run has one.
    assert 1 <= report.kills <= 3 and report.reads >= 2 * report.kills + 1
    assert report.covered == report.passages > 0 and report.stored == report.chunks > 0
    assert report.computed_twice == 0 and report.broken == 0 and report.coverage_went_back == 0
    assert report.passed and "PASS" in (tmp_path / "report.md").read_text()
