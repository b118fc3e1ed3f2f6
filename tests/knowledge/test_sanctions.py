import pytest

from knowledge.models import Evidence, Passage
from knowledge.sanctions import asks_the_rule, rule_before_sanction

SANCTIONS = ("Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông "
             "đường bộ; trừ điểm, phục hồi điểm giấy phép lái xe")


def evidence(doc_id, title, heading, score):
    return Evidence(Passage(f"law:{doc_id}:{heading}", "law", doc_id, title, heading, "…", article="1"), score)


FINE = evidence("168/2024/NĐ-CP", SANCTIONS, "Điều 27. Xử phạt, trừ điểm giấy phép lái xe của người điều khiển xe ô tô", 1.0)
RULE = evidence("23/2008/QH12", "Luật Giao thông đường bộ", "Điều 60. Tuổi, sức khỏe của người lái xe", 0.9)


@pytest.mark.parametrize("question, rule", [
    ("nguoi du bao nhieu tuoi thi duoc lai xe o to", True),
    ("Mấy tuổi thì được lái xe máy?", True),
    ("Điều kiện để được cấp giấy phép lái xe là gì?", True),
    ("Chưa đủ tuổi mà lái xe máy thì bị phạt bao nhiêu?", False),  # the fine is asked
    ("Đủ 16 tuổi lái ô tô bị xử lý thế nào?", False),
    ("Vượt đèn đỏ phạt bao nhiêu?", False),  # no age, no condition
])
def test_an_age_or_a_condition_without_a_fine_asks_the_rule(question, rule):
    assert asks_the_rule(question) is rule


def test_the_rule_ranks_before_the_fine_when_the_rule_is_asked():
    ranked = rule_before_sanction("Người đủ bao nhiêu tuổi thì được lái xe ô tô?", [FINE, RULE])
    assert [e.passage.doc_id for e in ranked] == ["23/2008/QH12", "168/2024/NĐ-CP"]
    assert ranked[1].score == pytest.approx(0.85)  # lowered, not dropped


def test_the_fine_keeps_its_place_when_the_fine_is_asked():
    found = [FINE, RULE]
    assert rule_before_sanction("Chưa đủ tuổi lái ô tô bị phạt bao nhiêu?", found) is found
