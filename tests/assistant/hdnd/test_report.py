"""The thẩm tra report on every fixture, against the true status of what it cites: the expected issues, no other."""

import json

import pytest

from assistant.hdnd import CODES, CRITERIA, read_submission, review_submission
from tests.assistant.hdnd.conftest import cases


def report_of(hdnd_dir, case, registry):
    draft = hdnd_dir / case["draft"] if case.get("draft") else None
    return review_submission(hdnd_dir / case["file"], draft, registry)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["file"])
def test_the_expected_issues_and_no_other(hdnd_dir, true_registry, case):
    report = report_of(hdnd_dir, case, true_registry)
    assert sorted(i.id for i in report.questions) == sorted(case["issues"])
    assert [p.kind for p in report.missing_parts] == case["missing_parts"]


def test_every_issue_is_a_question_under_its_criterion(hdnd_dir, true_registry):
    for case in cases():
        report = report_of(hdnd_dir, case, true_registry)
        for item in report.checklist:
            mine = [i.message for i in report.questions if i.criterion == item.key]
            assert list(item.questions) == mine
            assert item.verdict == ("Cần làm rõ" if mine else "Đã nêu" if item.excerpts else "Chưa có thông tin")
        assert [c.key for c in report.checklist] == [key for key, _ in CRITERIA]
        assert all(i.code in CODES for i in report.issues)


def test_questions_name_what_is_missing(hdnd_dir, true_registry):
    y_te = {i.code: i.message for i in report_of(hdnd_dir, cases()[1], true_registry).questions}
    assert y_te["HDND.FUNDING_SOURCE_MISSING"].startswith(
        "Tờ trình chưa nêu nguồn kinh phí cho nội dung «Hỗ trợ một lần; Hỗ trợ hằng tháng» (mục IV)"
    )
    assert "“200 triệu đồng/người” (dòng 24)" in y_te["HDND.DRAFT_FIGURE_MISMATCH"]
    assert y_te["LEGAL_BASIS_REPEALED"].startswith(
        "Bộ luật Lao động số 10/2012/QH13 đã hết hiệu lực, được thay thế bởi Bộ luật Lao động số 45/2019/QH14"
    )
    giao_thong = {i.code: i.message for i in report_of(hdnd_dir, cases()[2], true_registry).questions}
    assert "(200.000 triệu đồng + 220.000 triệu đồng = 420.000 triệu đồng)" in giao_thong["HDND.FUNDING_SUM_MISMATCH"]


def test_evidence_is_quoted_with_its_place(hdnd_dir, true_registry):
    report = report_of(hdnd_dir, cases()[0], true_registry)
    body = "\n".join(p.text for p in read_submission(hdnd_dir / cases()[0]["file"]).paragraphs)
    resources = next(c for c in report.checklist if c.key == "nguon_luc")
    assert [e.location for e in resources.excerpts] == ["mục V, dòng 41", "mục V, dòng 44"]
    assert all(e.text in body for e in resources.excerpts)


def test_the_legal_bases_table_and_the_notes(hdnd_dir, true_registry):
    report = report_of(hdnd_dir, cases()[5], true_registry)  # đất đai
    rows = {row.key: (row.status, row.note) for row in report.legal_bases}
    assert rows["81/2006/QH11"] == (
        "repealed", "Luật Cư trú số 81/2006/QH11 đã hết hiệu lực, được thay thế bởi Luật Cư trú số 68/2020/QH14",
    )
    assert rows["31/2024/QH15"] == ("in_force", None)
    amended = [i for i in report.issues if i.code == "LEGAL_BASIS_AMENDED"]
    assert amended and all(i.severity == "info" for i in amended)  # a note, not a question


def test_without_a_registry_the_report_says_what_it_did_not_check(hdnd_dir):
    report = review_submission(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt")
    assert report.legal_bases == () and not report.registry_checked
    assert "LEGAL_BASIS_UNCHECKED" in {i.code for i in report.issues}
    competence = next(c for c in report.checklist if c.key == "tham_quyen")
    assert competence.notes == ("Chưa tra cứu quy định về thẩm quyền: chưa có cơ sở dữ liệu văn bản.",)


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["file"])
def test_without_a_registry_the_citations_are_still_read(hdnd_dir, case):
    """Only the registry's findings go: a tờ trình citing laws is not said to cite none."""
    draft = hdnd_dir / case["draft"] if case.get("draft") else None
    raised = {i.id for i in review_submission(hdnd_dir / case["file"], draft).questions}
    assert raised == {i for i in case["issues"] if not i.startswith("LEGAL_BASIS_")}


def test_the_json_of_the_report(hdnd_dir, true_registry):
    data = json.loads(json.dumps(report_of(hdnd_dir, cases()[1], true_registry).to_dict(), ensure_ascii=False))
    assert list(data) == [
        "source", "reference", "draft", "metadata", "parts", "missing_parts", "summary", "legal_bases",
        "registry_checked", "competence", "checklist", "issues",
    ]
    assert data["metadata"] == {
        "number": "98/TTr-UBND", "issuer": "Ủy ban nhân dân tỉnh Quảng Nam", "date": "2024-06-20",
        "trich_yeu": data["metadata"]["trich_yeu"], "addressee": "Hội đồng nhân dân tỉnh Quảng Nam",
        "signer": "Lê Trí Thanh",
    }
    assert {"id": "LEGAL_BASIS_REPEALED:10/2012/QH13", "code": "LEGAL_BASIS_REPEALED", "severity": "error",
            "criterion": "phu_hop"}.items() <= data["issues"][[i["id"] for i in data["issues"]].index(
                "LEGAL_BASIS_REPEALED:10/2012/QH13")].items()
