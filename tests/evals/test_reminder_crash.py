from pathlib import Path

import pytest

from evals.reminder_crash import run, write_report


@pytest.mark.slow
def test_no_reminder_lost_or_duplicated_over_200_kills(tmp_path: Path) -> None:
    report = run(tmp_path / "crash", kills=200, speed=3600.0, seed=11)
    write_report(tmp_path / "report.md", report, "test")
    assert report.kills >= 200
    assert report.expected > 150 and report.late > 0  # enough points, and outages were caught up
    assert report.lost == 0 and report.unexpected == 0
    assert report.duplicated == 0
    assert report.repeats_flagged == report.repeats_on_ext
    assert report.not_delivered_in_store == 0
    assert report.passed
