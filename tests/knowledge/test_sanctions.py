import pytest

from knowledge.models import Evidence, Passage
from knowledge.sanctions import asks_the_fine, asks_the_rule, rule_or_fine_first, road_user_asked_first, road_users_named

SANCTIONS = ("Nghị định quy định xử phạt vi phạm hành chính về trật tự, an toàn giao thông trong lĩnh vực giao thông "
             "đường bộ; trừ điểm, phục hồi điểm giấy phép lái xe")


def evidence(doc_id, title, heading, score):
    return Evidence(Passage(f"law:{doc_id}:{heading}", "law", doc_id, title, heading, "…", article="1"), score)


FINE = evidence("168/2024/NĐ-CP", SANCTIONS, "Điều 27. Xử phạt, trừ điểm giấy phép lái xe của người điều khiển xe ô tô", 1.0)
RULE = evidence("23/2008/QH12", "Luật Giao thông đường bộ", "Điều 60. Tuổi, sức khỏe của người lái xe", 0.9)


@pytest.mark.parametrize("question, rule", [
    ("nguoi du bao nhieu tuoi thi duoc lai xe o to", True),
    ("Mấy tuổi thì được lái xe máy?", True),
    ("tre em duoi 16 tuoi co duoc di xe may khong", True),
    ("Điều kiện để được cấp giấy phép lái xe là gì?", True),
    ("Chưa đủ tuổi mà lái xe máy thì bị phạt bao nhiêu?", False),  # the fine is asked
    ("Đủ 16 tuổi lái ô tô bị xử lý thế nào?", False),
    ("Vượt đèn đỏ phạt bao nhiêu?", False),  # no age, no condition
])
def test_an_age_or_a_condition_without_a_fine_asks_the_rule(question, rule):
    assert asks_the_rule(question) is rule


def test_the_rule_ranks_before_the_fine_when_the_rule_is_asked():
    ranked = rule_or_fine_first("Người đủ bao nhiêu tuổi thì được lái xe ô tô?", [FINE, RULE])
    assert [e.passage.doc_id for e in ranked] == ["23/2008/QH12", "168/2024/NĐ-CP"]
    assert ranked[1].score == pytest.approx(0.85)  # lowered, not dropped


@pytest.mark.parametrize("question, fine", [
    ("Uống rượu lái xe máy lần đầu bị phạt bao nhiêu tiền?", True),
    ("uong ruou bia roi lai xe may bi phat the nao", True),
    ("Mức phạt đối với người điều khiển xe ô tô có nồng độ cồn vượt quá 80 miligam?", True),
    ("Tội cưỡng bức lao động bị phạt tiền bao nhiêu?", False),  # a crime: the Bộ luật Hình sự's fine
    ("Người điều khiển phương tiện có được uống rượu bia không?", False),
])
def test_how_much_a_deed_is_fined_asks_the_fine(question, fine):
    assert asks_the_fine(question) is fine


def test_the_rule_goes_below_the_fine_when_the_fine_is_asked():
    ranked = rule_or_fine_first("Chưa đủ tuổi lái ô tô bị phạt bao nhiêu?", [RULE, FINE])
    assert [e.passage.doc_id for e in ranked] == ["168/2024/NĐ-CP", "23/2008/QH12"]
    assert ranked[1].score == pytest.approx(0.9 - 0.3 * 1.0)


def test_a_fine_named_without_amount_asked_keeps_the_order():
    found = [FINE, RULE]
    assert rule_or_fine_first("Đủ 16 tuổi lái ô tô bị xử lý thế nào?", found) is found


MOTORBIKE = evidence("168/2024/NĐ-CP", SANCTIONS, "Điều 7. Xử phạt, trừ điểm giấy phép lái của người điều khiển xe mô tô, "
                     "xe gắn máy, các loại xe tương tự xe mô tô", 0.85)
SPECIAL = evidence("168/2024/NĐ-CP", SANCTIONS, "Điều 8. Xử phạt người điều khiển xe máy chuyên dùng vi phạm quy tắc "
                   "giao thông đường bộ", 1.0)
OWNER = evidence("168/2024/NĐ-CP", SANCTIONS, "Điều 32. Xử phạt, trừ điểm giấy phép lái xe đối với chủ phương tiện", 0.9)


@pytest.mark.parametrize("question, kinds", [
    ("Uống rượu lái xe máy bị phạt bao nhiêu?", {"motorbike"}),
    ("xe may chuyen dung cho ruou bia bi phat khong", {"special"}),
    ("Ô tô vượt đèn đỏ phạt bao nhiêu?", {"car"}),
    ("đi xe đạp điện không đội mũ bị phạt không", {"bicycle"}),
    ("Vượt đèn đỏ phạt bao nhiêu?", set()),
    ("Người đi bộ qua đường không đúng nơi quy định bị phạt không", {"pedestrian"}),
])
def test_the_kind_of_road_user_is_read_from_the_citizens_words(question, kinds):
    assert road_users_named(question) == kinds


def test_the_fine_for_the_vehicle_asked_comes_before_another_vehicles():
    ranked = road_user_asked_first("Uống rượu lái xe máy bị phạt bao nhiêu?", [SPECIAL, OWNER, MOTORBIKE])
    assert [e.passage.heading[:7] for e in ranked] == ["Điều 32", "Điều 7.", "Điều 8."]
    assert ranked[-1].score == pytest.approx(1.0 - 0.3)


PEDESTRIAN = evidence("168/2024/NĐ-CP", SANCTIONS, "Điều 10. Xử phạt người đi bộ vi phạm quy tắc giao thông đường bộ", 1.0)


def test_two_road_users_named_keep_the_order_and_none_named_is_a_driver():
    found = [SPECIAL, OWNER, MOTORBIKE]
    assert road_user_asked_first("Xe máy và ô tô vượt đèn đỏ phạt bao nhiêu?", found) is found
    assert [e.score for e in road_user_asked_first("Vượt đèn đỏ phạt bao nhiêu?", found)] == [1.0, 0.9, 0.85]  # all drivers
    ranked = road_user_asked_first("Vượt đèn vàng có bị phạt không?", [PEDESTRIAN, MOTORBIKE])
    assert [e.passage.heading[:8] for e in ranked] == ["Điều 7. ", "Điều 10."]
    walking = road_user_asked_first("Người đi bộ vượt đèn đỏ có bị phạt không?", [PEDESTRIAN, MOTORBIKE])
    assert walking[0].passage.heading.startswith("Điều 10.")
