"""Follow-up questions answered from the tờ trình under review, each sentence with its place."""

import pytest

from assistant.hdnd import read_submission, review
from assistant.hdnd.followup import answer_about


@pytest.fixture(scope="module")
def y_te(hdnd_dir, true_registry):
    submission = read_submission(hdnd_dir / "y-te-thu-hut-bac-si.txt")
    return review(submission, None, true_registry), submission


def test_money_is_answered_by_the_sentence_stating_the_amount(y_te):
    report, submission = y_te
    answer = answer_about(report, submission, "kinh phí dự kiến bao nhiêu?")
    (first, *_) = answer.excerpts
    assert first.location == "mục IV, dòng 34" and "86.400 triệu đồng" in first.text
    assert all(e.text in submission.text for e in answer.excerpts)


def test_validity_from_the_legal_basis_table(y_te, hdnd_dir):
    report, submission = y_te
    answer = answer_about(report, submission, "căn cứ nào đã hết hiệu lực?")
    assert answer.lines == (
        "- Bộ luật Lao động số 10/2012/QH13 đã hết hiệu lực, được thay thế bởi Bộ luật Lao động số 45/2019/QH14"
        " (tờ trình, dòng 14)",
    )
    assert [(e.text, e.location) for e in answer.excerpts] == [("Căn cứ Bộ luật Lao động số 10/2012/QH13;", "phần mở đầu, dòng 14")]
    unchecked = read_submission(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt")
    assert not answer_about(review(unchecked), unchecked, "căn cứ nào hết hiệu lực?").found


def test_who_and_when(y_te):
    report, submission = y_te
    who = answer_about(report, submission, "đối tượng được hỗ trợ là ai?")
    assert who.excerpts[0].location == "mục III, dòng 28"
    when = answer_about(report, submission, "thời gian thực hiện đến khi nào?")
    assert all(any(ch.isdigit() for ch in e.text) for e in when.excerpts)


def test_a_question_the_to_trinh_does_not_answer(y_te):
    report, submission = y_te
    answer = answer_about(report, submission, "sân bay quốc tế")
    assert not answer.found and answer.lines == ("Tờ trình số 98/TTr-UBND không nêu nội dung này.",)
    assert not answer_about(report, submission, "kinh phí xây sân bay quốc tế là bao nhiêu?").found
