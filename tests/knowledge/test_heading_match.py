"""The article whose heading the question says in full comes before those it says in part."""
from knowledge.heading_match import heading_said_first
from knowledge.models import Evidence, Passage


def article(number: str, heading: str, text: str) -> Passage:
    return Passage(f"law:91/2015/QH13:{number}:0", "law", "91/2015/QH13", "Bộ luật Dân sự", f"Điều {number}. {heading}", text,
                   article=number)


WITNESS = article("632", "Người làm chứng cho việc lập di chúc",
                  "Mọi người đều có thể làm người làm chứng cho việc lập di chúc, trừ người chưa thành niên.")
TESTATOR = article("625", "Người lập di chúc",
                   "2. Người từ đủ mười lăm tuổi đến chưa đủ mười tám tuổi được lập di chúc, nếu được cha, mẹ đồng ý.")


def test_the_article_whose_heading_the_question_says_in_full_comes_first():
    ranked = heading_said_first("Người chưa thành niên có được lập di chúc không?", [Evidence(WITNESS, 1.1), Evidence(TESTATOR, 1.04)])
    assert [e.passage.article for e in ranked] == ["625", "632"]


def test_a_heading_said_in_part_keeps_its_place():
    ranked = heading_said_first("Ai được làm chứng cho việc lập di chúc?", [Evidence(WITNESS, 1.1), Evidence(TESTATOR, 1.04)])
    assert [e.passage.article for e in ranked] == ["632", "625"]


def test_for_whom_a_heading_is_said_need_not_be_in_the_question():
    adoptive = Passage("law:52/2010/QH12:29:0", "law", "52/2010/QH12", "Luật Nuôi con nuôi",
                       "Điều 29. Điều kiện đối với người nhận con nuôi", "1. Người nước ngoài thường trú ở nước ngoài nhận con nuôi…",
                       article="29")
    cases = Passage("law:52/2010/QH12:28:0", "law", "52/2010/QH12", "Luật Nuôi con nuôi",
                    "Điều 28. Các trường hợp nuôi con nuôi có yếu tố nước ngoài", "1. Người nước ngoài thường trú…", article="28")
    ranked = heading_said_first("Điều kiện để người nước ngoài được nhận con nuôi là công dân Việt Nam?",
                                [Evidence(cases, 1.08), Evidence(adoptive, 1.05)])
    assert [e.passage.article for e in ranked] == ["29", "28"]
