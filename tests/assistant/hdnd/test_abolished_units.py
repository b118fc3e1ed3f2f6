"""A tờ trình dated after the 2025 merger that gives work to a cấp huyện or a merged ward: an issue to raise."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.hdnd import read_submission, review, review_submission
from knowledge.dvhc import UnitLookup
from tests.assistant.hdnd.conftest import FIXTURES

TO_TRINH = FIXTURES / "xa-hoi-ho-tro-nguoi-cao-tuoi-2026.txt"


@pytest.fixture
def units(merger_units) -> UnitLookup:
    return merger_units


def test_work_given_to_a_district_and_a_merged_ward_is_raised_under_feasibility(units):
    report = review_submission(TO_TRINH, units=units)
    raised = {i.id: i for i in report.questions if i.code.startswith("DVHC.")}
    assert set(raised) == {
        "DVHC.CAP_HUYEN_ABOLISHED:Ủy ban nhân dân cấp huyện", "DVHC.UNIT_MERGED:Ủy ban nhân dân Phường 12, Quận 3",
    }
    merged = raised["DVHC.UNIT_MERGED:Ủy ban nhân dân Phường 12, Quận 3"]
    assert merged.severity == "error" and merged.criterion == "kha_thi" and merged.location == "tờ trình, dòng 31"
    assert "nay là Ủy ban nhân dân phường Nhiêu Lộc" in merged.message and merged.message.endswith("xác định lại cơ quan thực hiện")
    [feasibility] = [c for c in report.checklist if c.key == "kha_thi"]
    assert any("Ủy ban nhân dân cấp huyện" in q for q in feasibility.questions)


def test_the_cited_decision_of_an_old_district_and_a_history_are_not_raised(units):
    report = review_submission(TO_TRINH, units=units)
    dvhc = [i.id for i in report.issues if i.code.startswith("DVHC.")]
    assert not any("Củ Chi" in key for key in dvhc) and "DVHC.CAP_HUYEN_ABOLISHED:Ủy ban nhân dân Quận 3" not in dvhc


def test_a_to_trinh_dated_before_the_merger_raises_none(units, tmp_path):
    earlier = tmp_path / "to-trinh-2024.txt"
    earlier.write_text(TO_TRINH.read_text(encoding="utf-8").replace("năm 2026", "năm 2024"), encoding="utf-8")
    assert not [i for i in review(read_submission(earlier), units=units).issues if i.code.startswith("DVHC.")]
