"""The check step's figure matcher and what it finds wrong in a language model's answer."""
from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from assistant.answer import Answer, Citation
from assistant.pipeline.check import figures, problems
from knowledge.models import Evidence, Passage

KHOAN_1 = "1. Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con."
PASSAGE = Passage(
    passage_id="p", kind="law", doc_id="60/2014/QH13", doc_title="Luật Hộ tịch", heading="Điều 15. Trách nhiệm đăng ký khai sinh",
    text=f"{KHOAN_1}\n2. Luật này có hiệu lực từ ngày 01 tháng 01 năm 2016. Lệ phí 8.000 đồng.", article="15", status="in_force",
)
CITATION = Citation(kind="law", id="60/2014/QH13", title="Luật Hộ tịch", article="15", clause="1", status="in_force",
                    text=KHOAN_1, label="khoản 1 Điều 15 Luật Hộ tịch")


def llm_answer(text: str, citations: tuple[Citation, ...] = (CITATION,)) -> Answer:
    return Answer(text=text, intent="legal_question", citations=citations, grounded=True, extras={"composer": "llm"})


@pytest.mark.parametrize(
    "text, expected",
    [
        ("trong 05 ngày", {"5"}),
        ("lệ phí 8.000 đồng, 1.500.000đ", {"8000", "1500000"}),
        ("tỷ lệ 1,5 phần trăm", {"1.5"}),
        ("từ ngày 01 tháng 01 năm 2016", {"2016-01-01"}),
        ("từ 1/1/2016 [2]", {"2016-01-01"}),
        ("mã 1.001193 [1, 3]", {"1.001193"}),
    ],
)
def test_figures_have_one_spelling_per_value(text, expected):
    assert figures(text) == expected


def test_evidence_that_gives_a_date_backs_its_year_and_day():
    assert figures("ngày 01 tháng 01 năm 2016", whole_dates=False) == {"2016-01-01", "1", "2016"}


@pytest.mark.parametrize(
    "text",
    [
        "Cha hoặc mẹ đăng ký khai sinh cho con trong 60 ngày kể từ ngày sinh [1].",
        "Luật có hiệu lực từ 1/1/2016 [1]; lệ phí 8000 đồng [1].",
        "Theo khoản 1 Điều 15 Luật Hộ tịch số 60/2014/QH13, thời hạn là 60 ngày [1].",
    ],
)
def test_an_answer_true_to_its_evidence_has_no_problem(text):
    assert problems(llm_answer(text), [Evidence(PASSAGE, 1.0)], None) == []


@pytest.mark.parametrize(
    "text, citations, problem",
    [
        ("Thời hạn là 6 ngày [1].", (CITATION,), "the figure 6 is not in the cited evidence"),
        ("Có hiệu lực từ 02/01/2016 [1].", (CITATION,), "the figure 2016-01-02 is not in the cited evidence"),
        ("Thời hạn là 60 ngày [2].", (CITATION,), "the marker [2] points at no source"),
        ("Thời hạn là 60 ngày.", (), "the language model cited nothing"),
    ],
)
def test_what_the_evidence_does_not_back_is_named(text, citations, problem):
    assert problem in problems(llm_answer(text, citations), [Evidence(PASSAGE, 1.0)], None)


def test_figures_of_a_passage_the_answer_does_not_cite_back_nothing():
    other = Passage(passage_id="q", kind="law", doc_id="60/2014/QH13", doc_title="Luật Hộ tịch", heading="Điều 16", text="6 ngày", article="16")
    assert "the figure 6 is not in the cited evidence" in problems(llm_answer("Thời hạn là 6 ngày [1]."), [Evidence(PASSAGE, 1.0), Evidence(other, 0.5)], None)


def test_a_verbatim_quote_of_a_retrieved_article_passes():
    answer = Answer("…", "legal_question", (CITATION,), grounded=True)
    assert problems(answer, [Evidence(PASSAGE, 1.0)], None) == []


def test_a_quote_not_in_the_article_or_an_article_not_retrieved_fails():
    altered = Answer("…", "legal_question", (Citation("law", "60/2014/QH13", "Luật Hộ tịch", article="15", clause="1",
                                                      text="Trong thời hạn 30 ngày kể từ ngày sinh con"),))
    elsewhere = Answer("…", "legal_question", (Citation("law", "60/2014/QH13", "Luật Hộ tịch", article="16", clause="1",
                                                        text="Trong thời hạn 60 ngày"),))
    assert problems(altered, [Evidence(PASSAGE, 1.0)], None)
    assert problems(elsewhere, [Evidence(PASSAGE, 1.0)], None)



def trimmed(text: str) -> Answer:
    return Answer("…", "legal_question", (replace(CITATION, text=text),), grounded=True)


def test_a_trimmed_quote_whose_pieces_are_verbatim_and_in_order_passes():
    assert problems(trimmed(f"{KHOAN_1}\n…\nLệ phí 8.000 đồng."), [Evidence(PASSAGE, 1.0)], None) == []
    assert problems(trimmed(f"{KHOAN_1}\n…"), [Evidence(PASSAGE, 1.0)], None) == []


@pytest.mark.parametrize("text", [
    f"Lệ phí 8.000 đồng.\n…\n{KHOAN_1}",  # pieces out of their order
    f"{KHOAN_1}\n…\nLệ phí 9.000 đồng.",  # a piece that is not in the text
    f"{KHOAN_1} Lệ phí 8.000 đồng.",  # joined without the ellipsis that says something is left out
    "…",
])
def test_anything_else_in_a_trimmed_quote_fails(text):
    assert problems(trimmed(text), [Evidence(PASSAGE, 1.0)], None) == [
        "the quote of khoản 1 Điều 15 Luật Hộ tịch is not in its text"]


def test_a_whole_document_cited_for_its_validity_must_have_the_status_the_registry_gives_it():
    registry = {"45/2013/QH13": SimpleNamespace(status="repealed")}
    kb = SimpleNamespace(registry=SimpleNamespace(get=registry.get))
    told = Citation("law", "45/2013/QH13", "Luật Đất đai", status="repealed", label="Luật Đất đai 45/2013/QH13")
    assert problems(Answer("…", "legal_question", (told,), grounded=True), [], kb) == []
    wrong = replace(told, status="in_force")
    unknown = replace(told, id="99/2099/QH99")
    assert problems(Answer("…", "legal_question", (wrong,), grounded=True), [], kb)
    assert problems(Answer("…", "legal_question", (unknown,), grounded=True), [], kb)
    assert problems(Answer("…", "legal_question", (told,), grounded=True), [], None)  # no registry to say so
