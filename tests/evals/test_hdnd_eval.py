import yaml

from assistant.hdnd import review_submission
from evals.hdnd_eval import FIXTURES, run, score, summarize, write_report
from tests.assistant.hdnd.conftest import registry_2024


def test_every_expected_finding_and_no_false_one_with_the_true_registry(tmp_path):
    outcomes = run(registry_2024(), None)
    summary = summarize(outcomes)
    assert summary["all"]["fixtures"] == 10 and summary["all"]["expected"] == summary["all"]["found"] == 26
    assert summary["all"]["false"] == summary["all"]["missed"] == summary["all"]["metadata_fields_wrong"] == 0
    assert summary["written_after_code"]["fixtures"] == 3
    path = tmp_path / "hdnd.md"
    write_report(summary, outcomes, tmp_path, 1.0, path)
    text = path.read_text(encoding="utf-8")
    assert "| written after the code | 3 | 5 | 5 | 0 | 0 (0) | 0 | 0 |" in text
    assert "nong-nghiep-ho-tro-giong-lua.txt: The first run missed the 702 triệu đồng" in text


def test_a_missed_finding_a_false_one_and_one_the_registry_explains():
    case = next(c for c in yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
                if c["file"] == "giao-thong-chu-truong-dau-tu.docx")
    report = review_submission(FIXTURES / case["file"])  # no registry, no draft given
    case = {**case, "issues": ["HDND.DRAFT_MISSING", "HDND.POLICY_MISSING"],
            "registry_errors": {"HDND.FUNDING_SUM_MISMATCH": "a cause"}}
    outcome = score(case, report)
    assert outcome.found == ["HDND.DRAFT_MISSING"] and outcome.missed == ["HDND.POLICY_MISSING"]
    assert outcome.false == [] and outcome.registry_false == ["HDND.FUNDING_SUM_MISMATCH"]
    assert summarize([outcome])["all"]["false"] == summarize([outcome])["all"]["false_from_registry"] == 1
    outcome = score({**case, "registry_errors": {}}, report)
    assert outcome.false == ["HDND.FUNDING_SUM_MISMATCH"] and outcome.registry_false == []
