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
