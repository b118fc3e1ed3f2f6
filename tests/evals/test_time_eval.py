import json
from pathlib import Path

from evals.time_eval import DEFAULT_DATA, judge, main, summarize
from knowledge.text import has_diacritics


def test_the_shipped_set_meets_the_targets(tmp_path: Path, capsys) -> None:
    cases = [json.loads(line) for line in DEFAULT_DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(cases) >= 80
    assert sum(not has_diacritics(c["text"]) for c in cases) >= len(cases) / 3
    summary = summarize([judge(case) for case in cases])["all"]
    assert summary["wrong_dates"] == 0
    assert summary["accuracy"] >= 0.95
    report = tmp_path / "report.md"
    assert main(["--report", str(report), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["all"]["n"] == len(cases)
    assert "| all |" in report.read_text(encoding="utf-8")


def test_judge_tells_wrong_dates_from_questions() -> None:
    assert judge({"text": "ngày mai", "expected": "2026-11-25T08:00:00+07:00"}).verdict == "correct"
    assert judge({"text": "ngày mai", "expected": "2026-11-25"}).verdict == "correct"  # day only
    assert judge({"text": "ngày mai", "expected": "2026-11-25T09:00"}).verdict == "wrong"
    assert judge({"text": "ngày mai", "clarify": True}).verdict == "wrong"
    assert judge({"text": "tuần sau", "expected": "2026-11-30T08:00+07:00"}).verdict == "needless_question"
    assert judge({"text": "hằng tháng ngày 5", "expected": "2026-12-05T08:00+07:00"}).verdict == "wrong"  # recurrence missed
