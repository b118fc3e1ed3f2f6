from dataclasses import replace
from datetime import date

import pytest

from knowledge.current_law import asks_about_the_past, current_first, names_subject
from knowledge.models import Evidence, Passage, StatusChange

REPEALED = StatusChange("repealed", date(2024, 8, 1), ("31/2024/QH15",), source="feed")
IN_FORCE = StatusChange("in_force", date(2024, 8, 1), source="corpus")


def evidence(doc_id, score, status="in_force", kind="law", article="1"):
    passage = Passage(f"{kind}:{doc_id}:{article}:0", kind, doc_id, "Luật Đất đai", f"Điều {article}.", "Nhà nước thu hồi đất",
                      article=article, status=status)
    return Evidence(passage, score)


STATUSES = {"45/2013/QH13": REPEALED, "31/2024/QH15": IN_FORCE}
QUESTION = "Nhà nước thu hồi đất trong những trường hợp nào?"


def order(question, found, statuses=STATUSES):
    return [(e.passage.doc_id, e.passage.status) for e in current_first(question, found, statuses)]


def test_the_law_in_force_ranks_above_the_repealed_one_on_the_same_question():
    found = [evidence("45/2013/QH13", 1.0, status="in_force"), evidence("31/2024/QH15", 0.9)]
    # The passage of 2013 was indexed as in force: the registry's status of today replaces it.
    assert order(QUESTION, found) == [("31/2024/QH15", "in_force"), ("45/2013/QH13", "repealed")]


def test_demoted_not_dropped_a_far_better_old_answer_stays_first():
    found = [evidence("45/2013/QH13", 1.0), evidence("31/2024/QH15", 0.5)]
    assert order(QUESTION, found)[0][0] == "45/2013/QH13"
    assert len(order(QUESTION, [evidence("45/2013/QH13", 1.0)])) == 1


def test_a_question_about_the_old_law_keeps_it_first():
    found = [evidence("45/2013/QH13", 1.0), evidence("31/2024/QH15", 0.9)]
    for question in ("Luật Đất đai 2013 quy định thu hồi đất thế nào?", "theo Luật số 45/2013/QH13, thu hồi đất khi nào",
                     "năm 2020 nhà nước thu hồi đất trong trường hợp nào", "trước ngày 01/7/2024 thu hồi đất ra sao"):
        assert order(question, found)[0][0] == "45/2013/QH13", question
    for question in ("Luật Đất đai 2024 thu hồi đất", "sau ngày 01/8/2024 thu hồi đất thế nào"):
        assert order(question, found)[0][0] == "31/2024/QH15", question


def test_asks_about_the_past():
    assert asks_about_the_past("Luật Đất đai năm 2013", "45/2013/QH13", REPEALED)
    assert asks_about_the_past("luat so 45/2013/QH13", "45/2013/QH13", REPEALED)
    assert not asks_about_the_past("thu hồi đất năm 2024", "45/2013/QH13", REPEALED)
    assert not asks_about_the_past("thu hồi đất năm 2013", "45/2013/QH13", StatusChange("repealed"))  # undated repeal


def test_a_year_after_a_law_s_name_names_that_version_not_a_time_before_the_repeal():
    replaced = StatusChange("repealed", date(2024, 8, 1), ("27/2023/QH15",), source="feed")
    assert not asks_about_the_past("Thời hạn sở hữu nhà chung cư theo Luật Nhà ở 2023?", "65/2014/QH13", replaced)
    assert asks_about_the_past("Luật Nhà ở 2014 quy định thời hạn sử dụng nhà chung cư thế nào?", "65/2014/QH13", replaced)
    assert asks_about_the_past("Theo Luật Nhà ở 2023, nhà mua năm 2020 thì sao?", "65/2014/QH13", replaced)  # a year of its own


def test_partial_repeals_demote_less_and_other_kinds_are_untouched():
    partial = {"100/2019/NĐ-CP": StatusChange("partially_repealed", date(2025, 1, 1)), "45/2013/QH13": REPEALED}
    found = [evidence("100/2019/NĐ-CP", 1.0), evidence("45/2013/QH13", 1.0), evidence("1.001193", 0.86, kind="procedure")]
    ranked = current_first("xử phạt", found, partial)
    assert [e.passage.doc_id for e in ranked] == ["1.001193", "100/2019/NĐ-CP", "45/2013/QH13"]
    assert [round(e.score, 2) for e in ranked] == [0.86, 0.85, 0.7]
    assert current_first("x", [], partial) == []


def test_half_the_demotion_when_the_question_names_the_subject_of_a_law_whose_replacement_is_not_held():
    # Luật Kinh doanh bất động sản 2014 (replaced by the 2023 law, not held) answers; another law merely shares words.
    statuses = {"66/2014/QH13": StatusChange("repealed", date(2024, 8, 1), ("29/2023/QH15",), source="feed")}
    old = evidence("66/2014/QH13", 1.0)
    old = replace(old, passage=replace(old.passage, doc_title="Luật Kinh doanh bất động sản"))
    found = [old, evidence("68/2006/QH11", 0.8)]
    question = "Những hành vi bị nghiêm cấm trong kinh doanh bất động sản"
    held = current_first(question, found, statuses, replacement_held=lambda doc_id: True)
    missing = current_first(question, found, statuses, replacement_held=lambda doc_id: False)
    assert [e.passage.doc_id for e in held] == ["68/2006/QH11", "66/2014/QH13"]
    assert [(e.passage.doc_id, e.passage.status, round(e.score, 2)) for e in missing] == [
        ("66/2014/QH13", "repealed", 0.85), ("68/2006/QH11", "in_force", 0.8)]
    # another subject: the full demotion, whether the replacement is held or not
    other = current_first("thời hạn đăng ký khai sinh", found, statuses, replacement_held=lambda doc_id: False)
    assert [e.passage.doc_id for e in other] == ["68/2006/QH11", "66/2014/QH13"]


def test_half_the_demotion_too_when_the_question_says_the_article_s_heading_of_a_law_whose_replacement_is_not_held():
    # Luật Tổ chức chính quyền địa phương 2015 (replaced in 2025 by a law not held): "Điều 78. Kỳ họp Hội đồng nhân dân"
    statuses = {"77/2015/QH13": StatusChange("repealed", date(2025, 3, 1), ("65/2025/QH15",), source="feed")}
    old = Evidence(Passage("law:77/2015/QH13:78:0", "law", "77/2015/QH13", "Luật Tổ chức chính quyền địa phương",
                           "Điều 78. Kỳ họp Hội đồng nhân dân", "1. Hội đồng nhân dân họp mỗi năm ít nhất hai kỳ.",
                           article="78"), 0.95)
    found = [evidence("72/2025/NQLT", 0.99), old]
    question = "Kỳ họp thường lệ của Hội đồng nhân dân mỗi năm tổ chức mấy lần"
    missing = current_first(question, found, statuses, replacement_held=lambda doc_id: False)
    assert [e.passage.doc_id for e in missing] == ["72/2025/NQLT", "77/2015/QH13"]
    assert missing[1].score == pytest.approx(0.95 - 0.3 / 2 * 0.99)
    unsaid = current_first("mỗi năm họp mấy kỳ", found, statuses, replacement_held=lambda doc_id: False)
    assert unsaid[1].score == pytest.approx(0.95 - 0.3 * 0.99)  # neither the heading nor the subject said: the full demotion


def test_a_question_names_the_subject_of_a_law_or_of_the_law_a_decree_details():
    assert names_subject("hành vi bị cấm trong kinh doanh bat dong san", "Luật Kinh doanh bất động sản")
    decree = "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Cư trú"
    assert names_subject("theo luật cư trú, đăng ký tạm trú ở đâu", decree)
    assert not names_subject("thời hạn đăng ký khai sinh là bao lâu?", decree)
    assert not names_subject("cư trú", "Nghị định số 30/2020/NĐ-CP")  # no law named in the title
    assert names_subject("luật phòng chống tác hại của thuốc lá cấm hút ở đâu", "Luật Phòng, chống tác hại của thuốc lá")
    # the local government law's subject said by what it organises
    assert names_subject("Chủ tịch Ủy ban nhân dân xã do ai bầu", "Luật Tổ chức chính quyền địa phương")
    assert not names_subject("Chủ tịch Ủy ban nhân dân xã do ai bầu", "Luật Tổ chức Quốc hội")
