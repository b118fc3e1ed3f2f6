"""The extractive summary keeps every figure of the funding and timeline parts, verbatim."""

import pytest

from assistant.hdnd.figures import figures
from assistant.hdnd.structure import KINH_PHI, TO_CHUC, find_sections, parts
from assistant.hdnd.submission import read_submission
from assistant.hdnd.summary import summarize
from tests.assistant.hdnd.conftest import cases


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["file"])
def test_every_number_of_the_funding_and_timeline_parts_is_in_the_summary(hdnd_dir, case):
    submission = read_submission(hdnd_dir / case["file"])
    sections = find_sections(submission)
    summary = "\n".join(item.text for item in summarize(sections))
    statuses = parts(sections)
    numbers = [
        number
        for kind in (KINH_PHI, TO_CHUC)
        for section in statuses[kind].sections
        for paragraph in section.paragraphs
        for number in figures(paragraph.text)
    ]
    assert numbers or not (statuses[KINH_PHI].found or statuses[TO_CHUC].found) or case["file"].startswith("van-hoa")
    missing = [n for n in numbers if n not in summary]
    assert missing == []


def test_the_summary_is_verbatim_shorter_and_leaves_the_can_cu_to_the_table(hdnd_dir):
    submission = read_submission(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt")
    items = summarize(find_sections(submission))
    body = "\n".join(p.text for p in submission.paragraphs)
    assert all(item.text in body for item in items)
    assert sum(len(i.text) for i in items) < 0.75 * len(body)
    assert not any(item.text.startswith("Căn cứ") for item in items)
    funding = [i.text for i in items if i.ref == "mục V"]
    assert funding[0] == "Tổng kinh phí hỗ trợ dự kiến là 96.480 triệu đồng, trong đó:"
    assert ("mục VI", "dòng 51") in {(i.ref, i.location) for i in items}  # the request to the council
