"""Drafts dated after the 2025 merger that address or give work to units that no longer exist."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.documents.abolished_units import CAP_HUYEN, UNIT_MERGED, issued_after_merger
from assistant.documents.review import review_file
from knowledge.dvhc import UnitLookup

# A công văn of 2026 that still writes to a huyện and to wards the merger abolished (not among the clean drafts).
DRAFT = Path(__file__).resolve().parents[2] / "fixtures" / "documents" / "merger" / "cong-van-2026-don-vi-cu.txt"


@pytest.fixture
def units(merger_units) -> UnitLookup:
    return merger_units


def dvhc_findings(path: Path, units: UnitLookup | None) -> list[tuple[str, str, str]]:
    return [(f.code, f.location, f.message) for f in review_file(path, None, units).findings if f.code.startswith("DVHC.")]


def redated(tmp_path: Path, text: str, old: str, new: str) -> Path:
    path = tmp_path / "du-thao.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_work_given_to_a_district_or_a_merged_ward_is_an_error_naming_what_exists_now(units):
    found = dvhc_findings(DRAFT, units)
    assert [(code, where) for code, where, _ in found] == [
        (CAP_HUYEN, "dòng 7"), (CAP_HUYEN, "dòng 10"), (UNIT_MERGED, "dòng 11"), (UNIT_MERGED, "dòng 13"), (CAP_HUYEN, "dòng 17"),
    ]
    messages = [message for _, _, message in found]
    assert messages[0].startswith("“Ủy ban nhân dân huyện Củ Chi”: từ ngày 01/7/2025 chính quyền địa phương tổ chức ở cấp tỉnh")
    assert "Ủy ban nhân dân cấp xã" in messages[1]
    assert messages[2] == (
        "“Ủy ban nhân dân Phường 12, Quận 3”: đơn vị này không còn từ ngày 01/7/2025; nay là Ủy ban nhân dân phường "
        "Nhiêu Lộc (Thành phố Hồ Chí Minh)"
    )
    assert "phường Sài Gòn hoặc phường Tân Định" in messages[3] and "phường Đa Kao được chia" in messages[3]
    assert messages[4].startswith("“UBND các quận, huyện”")
    assert all(f.severity == "error" for f in review_file(DRAFT, None, units).findings if f.code.startswith("DVHC."))


def test_a_history_a_current_unit_and_the_cited_issuer_are_not_flagged(units):
    flagged = " ".join(message for _, _, message in dvhc_findings(DRAFT, units))
    # "Quyết định số 1203/QĐ-UBND ngày 05 tháng 3 năm 2020 của Ủy ban nhân dân huyện Củ Chi" (dòng 9) is a history
    assert "dòng 9" not in [where for _, where, _ in dvhc_findings(DRAFT, units)]
    assert "Tân Định”" not in flagged and "Bến Nghé" not in flagged and "Sài Gòn”" not in flagged


def test_a_draft_dated_before_the_merger_gets_no_such_finding(units, tmp_path):
    text = DRAFT.read_text(encoding="utf-8")
    assert dvhc_findings(redated(tmp_path, text, "ngày 12 tháng 10 năm 2026", "ngày 12 tháng 10 năm 2024"), units) == []
    assert dvhc_findings(redated(tmp_path, text, "ngày 12 tháng 10 năm 2026", "ngày 30 tháng 6 năm 2025"), units) == []
    assert len(dvhc_findings(redated(tmp_path, text, "ngày 12 tháng 10 năm 2026", "ngày 01 tháng 7 năm 2025"), units)) == 5
    assert len(dvhc_findings(redated(tmp_path, text, "ngày 12 tháng 10 năm 2026", "ngày … tháng … năm 2026"), units)) == 5


def test_without_the_lookup_the_district_level_is_still_found(tmp_path):
    assert [code for code, _, _ in dvhc_findings(DRAFT, None)] == [CAP_HUYEN, CAP_HUYEN, CAP_HUYEN]


def test_a_province_is_not_a_district_and_a_city_of_a_province_is(units, tmp_path):
    text = DRAFT.read_text(encoding="utf-8")
    path = redated(
        tmp_path, text, "4. Ủy ban nhân dân phường Đa Kao gửi danh sách về Sở Y tế.",
        "4. Ủy ban nhân dân Thành phố Hồ Chí Minh chỉ đạo; Ủy ban nhân dân thành phố Thủ Đức gửi danh sách về Sở Y tế.",
    )
    written = [message.split("”")[0] for _, _, message in dvhc_findings(path, units)]
    assert "“Ủy ban nhân dân thành phố Thủ Đức" in written
    assert not any("Hồ Chí Minh" in w for w in written)


@pytest.mark.parametrize(
    "issued, date_line, after",
    [
        (date(2025, 7, 1), "", True), (date(2025, 6, 30), "", False), (None, "Hà Nội, ngày … tháng … năm 2026", True),
        (None, "Hà Nội, ngày … tháng … năm 2025", False), (None, "", False),
    ],
)
def test_what_counts_as_dated_after_the_merger(issued, date_line, after):
    assert issued_after_merger(issued, date_line) is after
