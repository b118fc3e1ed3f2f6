from assistant.answer import Answer, Citation
from assistant.pipeline.check import problems
from knowledge.models import Evidence, Passage

PASSAGE = Passage(
    "law:60/2014/QH13:15:0", "law", "60/2014/QH13", "Luật Hộ tịch", "Điều 15. Trách nhiệm đăng ký khai sinh",
    "1. Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con.",
    article="15",
)
EVIDENCE = [Evidence(PASSAGE, 1.0)]


def law(text: str, article: str = "15") -> Citation:
    return Citation("law", "60/2014/QH13", "Luật Hộ tịch", article=article, clause="1", text=text)


def test_a_verbatim_quote_of_a_retrieved_article_passes():
    answer = Answer("…", "legal_question", (law("Trong thời hạn 60 ngày kể từ ngày sinh con"),), grounded=True)
    assert problems(answer, EVIDENCE, None) == []


def test_a_quote_not_in_the_article_or_an_article_not_retrieved_fails():
    altered = Answer("…", "legal_question", (law("Trong thời hạn 30 ngày kể từ ngày sinh con"),))
    elsewhere = Answer("…", "legal_question", (law("Trong thời hạn 60 ngày", article="16"),))
    assert problems(altered, EVIDENCE, None) and problems(elsewhere, EVIDENCE, None)


def test_a_model_answer_must_take_its_figures_from_the_cited_evidence():
    cited = (law("Trong thời hạn 60 ngày kể từ ngày sinh con"),)
    good = Answer("Cha mẹ phải đăng ký trong 60 ngày [1].", "legal_question", cited, extras={"composer": "llm"})
    bad = Answer("Cha mẹ phải đăng ký trong 90 ngày [1].", "legal_question", cited, extras={"composer": "llm"})
    nothing = Answer("Trong 60 ngày.", "legal_question", (), extras={"composer": "llm"})
    assert problems(good, EVIDENCE, None) == []
    assert any("90" in p for p in problems(bad, EVIDENCE, None))
    assert problems(nothing, EVIDENCE, None)
