import json
from pathlib import Path

import pytest

from evals.time_eval import DEFAULT_DATA, UNSEEN_DATA, judge, main, summarize
from knowledge.text import has_diacritics


@pytest.mark.parametrize("data", [DEFAULT_DATA, UNSEEN_DATA], ids=lambda p: p.stem)
def test_the_shipped_sets_meet_the_targets(data: Path) -> None:
    cases = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 60
    assert sum(not has_diacritics(c["text"]) for c in cases) >= len(cases) / 3
    summary = summarize([judge(case) for case in cases])["all"]
    assert summary["wrong_dates"] == 0
    assert summary["accuracy"] >= 0.95


def test_main_writes_the_report(tmp_path: Path, capsys) -> None:
    report = tmp_path / "report.md"
    assert main(["--data", str(DEFAULT_DATA), "--report", str(report), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)[DEFAULT_DATA.name]["all"]
    assert figures["n"] >= 80 and figures["wrong_dates"] == 0
    assert "| time_expressions.jsonl | all |" in report.read_text(encoding="utf-8")


def test_judge_tells_wrong_dates_from_questions() -> None:
    assert judge({"text": "ngày mai", "expected": "2026-11-25T08:00:00+07:00"}).verdict == "correct"
    assert judge({"text": "ngày mai", "expected": "2026-11-25"}).verdict == "correct"  # day only
    assert judge({"text": "ngày mai", "expected": "2026-11-25T09:00"}).verdict == "wrong"
    assert judge({"text": "ngày mai", "clarify": True}).verdict == "wrong"
    assert judge({"text": "tuần sau", "expected": "2026-11-30T08:00+07:00"}).verdict == "needless_question"
    assert judge({"text": "hằng tháng ngày 5", "expected": "2026-12-05T08:00+07:00"}).verdict == "wrong"  # recurrence missed
