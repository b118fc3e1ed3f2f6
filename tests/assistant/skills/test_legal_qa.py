"""Which provisions a legal answer cites: the answer, then "Xem thêm" above a relevance floor, most relevant first.

Without the corpus's rarity every content word of the question counts once: "thời hạn đăng ký khai sinh
cho con" has eight, the answer below covers six of them.
"""
from dataclasses import replace
from types import SimpleNamespace

import pytest

from assistant.skills.legal_qa import LegalQA, named_law_notices
from knowledge.models import Evidence, Passage

QUESTION = "thời hạn đăng ký khai sinh cho con"


def article(doc_id: str, title: str, number: str, heading: str, text: str) -> Passage:
    return Passage(f"law:{doc_id}:{number}:0", "law", doc_id, title, f"Điều {number}. {heading}", text, article=number)


ANSWER = article("60/2014/QH13", "Luật Hộ tịch", "15", "Trách nhiệm đăng ký khai sinh",
                 "1. Trong thời hạn 60 ngày kể từ ngày sinh, cha hoặc mẹ có trách nhiệm đăng ký khai sinh.")
PROCEDURE_16 = article("60/2014/QH13", "Luật Hộ tịch", "16", "Thủ tục",
                       "2. Thời hạn đăng ký khai sinh cho con được thực hiện ngay trong ngày tiếp nhận hồ sơ.")
RESIDENCE_7 = article("31/2014/NĐ-CP", "Nghị định quy định chi tiết Luật Cư trú", "7", "Thường trú của trẻ em",
                      "3. Trong thời hạn 60 ngày, kể từ ngày trẻ em được đăng ký khai sinh, cha, mẹ có trách nhiệm đăng ký"
                      " thường trú của trẻ em đó.")
# Covers the whole question, but scattered: the khoản it would quote covers three words of eight.
TAX_34 = article("38/2019/QH14", "Luật Quản lý thuế", "34", "Hồ sơ thuế",
                 "1. Thời hạn nộp hồ sơ là 10 ngày.\n2. Người nộp thuế đăng ký kê khai theo mẫu.\n"
                 "3. Thu nhập phát sinh cho con được miễn thuế.")


# The registry's word on the old texts below: 60/2000/QH10 was replaced by the Luật Hộ tịch held here,
# 61/2000/QH10 by a law the knowledge base does not hold.
ENTRIES = {
    "60/2000/QH10": SimpleNamespace(replaced_by=("60/2014/QH13",)),
    "61/2000/QH10": SimpleNamespace(replaced_by=("99/2025/QH15",)),
    "60/2014/QH13": SimpleNamespace(in_corpus=True, replaced_by=()),
}


def cited(evidence: list[Evidence]) -> list[str]:
    kb = SimpleNamespace(retriever=SimpleNamespace(diacritics=None), registry=SimpleNamespace(get=ENTRIES.get),
                         replacement_held=lambda doc_id: any(n in ENTRIES for n in ENTRIES[doc_id].replaced_by))
    legal = LegalQA(kb)
    return [f"{e.passage.doc_id}:{e.passage.article}" for e, _ in legal.select(QUESTION, evidence)]


def test_a_provision_scored_well_below_the_answer_is_not_cited_however_well_it_reads():
    assert cited([Evidence(ANSWER, 1.0), Evidence(PROCEDURE_16, 0.95)]) == ["60/2014/QH13:15", "60/2014/QH13:16"]
    assert cited([Evidence(ANSWER, 1.0), Evidence(PROCEDURE_16, 0.7)]) == ["60/2014/QH13:15"]


def test_a_provision_whose_quote_covers_little_of_the_question_is_not_cited():
    assert cited([Evidence(ANSWER, 1.0), Evidence(TAX_34, 0.99)]) == ["60/2014/QH13:15"]


def test_a_further_provision_is_judged_on_its_own_not_against_an_answer_that_may_be_wrong():
    # The cư trú decree, which covers seven words of the question, is retrieved first; the Luật Hộ tịch khoản,
    # covering six words of eight, is still cited.
    residence = article("31/2014/NĐ-CP", "Nghị định quy định chi tiết Luật Cư trú", "7", "Thời hạn đăng ký thường trú",
                        "3. Trong thời hạn 60 ngày, kể từ ngày được đăng ký khai sinh, cha, mẹ đăng ký thường trú cho trẻ em.")
    assert cited([Evidence(residence, 1.0), Evidence(ANSWER, 0.98)]) == ["31/2014/NĐ-CP:7", "60/2014/QH13:15"]


def test_further_provisions_come_most_relevant_first():
    # The cư trú decree is retrieved first, but what Điều 16 quotes covers more of the question.
    evidence = [Evidence(ANSWER, 1.0), Evidence(RESIDENCE_7, 0.97), Evidence(PROCEDURE_16, 0.96)]
    assert cited(evidence) == ["60/2014/QH13:15", "60/2014/QH13:16", "31/2014/NĐ-CP:7"]


def test_a_passage_of_titles_alone_is_never_cited():
    # Mục IV Phần I Phụ lục I Nghị định 30/2020/NĐ-CP: the diagram under its two titles is not in the text.
    titles = Passage("law:30/2020/NĐ-CP:PL1-IV:0", "law", "30/2020/NĐ-CP", "Nghị định số 30/2020/NĐ-CP",
                     "Mục IV Phần I Phụ lục I. SƠ ĐỒ BỐ TRÍ CÁC THÀNH PHẦN THỂ THỨC VĂN BẢN HÀNH CHÍNH",
                     "1. Thời hạn đăng ký khai sinh cho con\n2. Sơ đồ", article="PL1-IV")
    assert cited([Evidence(titles, 1.0), Evidence(ANSWER, 0.99)]) == ["60/2014/QH13:15"]


def test_a_repealed_text_whose_replacement_is_held_is_no_further_reading_under_an_answer_in_force():
    old_16 = replace(PROCEDURE_16, passage_id="law:60/2000/QH10:16:0", doc_id="60/2000/QH10", status="repealed")
    assert cited([Evidence(ANSWER, 1.0), Evidence(old_16, 0.95)]) == ["60/2014/QH13:15"]
    # Replaced by a law not held: the old text, flagged, may be all there is.
    unreplaced = replace(old_16, passage_id="law:61/2000/QH10:16:0", doc_id="61/2000/QH10")
    assert cited([Evidence(ANSWER, 1.0), Evidence(unreplaced, 0.95)]) == ["60/2014/QH13:15", "61/2000/QH10:16"]
    # Under an answer from the old law (a question about it), the rest of the old law still is.
    old_15 = replace(ANSWER, passage_id="law:60/2000/QH10:15:0", doc_id="60/2000/QH10", status="repealed")
    assert cited([Evidence(old_15, 1.0), Evidence(old_16, 0.95)]) == ["60/2000/QH10:15", "60/2000/QH10:16"]


def test_an_age_asked_is_answered_by_the_next_provision_stating_one_when_the_first_states_none():
    registering = article("52/2014/QH13", "Luật Hôn nhân và gia đình", "9", "Đăng ký kết hôn",
                          "1. Việc kết hôn phải được đăng ký và do cơ quan nhà nước có thẩm quyền thực hiện.")
    conditions = article("52/2014/QH13", "Luật Hôn nhân và gia đình", "8", "Điều kiện kết hôn",
                         "1. Nam, nữ kết hôn với nhau phải tuân theo các điều kiện sau đây:\n"
                         "a) Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên;")
    legal = LegalQA(SimpleNamespace(retriever=SimpleNamespace(diacritics=None)))
    found = [Evidence(registering, 1.0), Evidence(conditions, 0.95)]
    answer, *_ = legal.select("nam mấy tuổi thì được đăng ký kết hôn", found)
    assert answer[0].passage.article == "8" and "20 tuổi" in answer[1].text
    # a statement to judge asks no measure: the order stands
    assert legal.select("Nam đủ 20 tuổi được đăng ký kết hôn, đúng hay sai?", found)[0][0].passage.article == "9"


def test_a_long_article_retrieved_in_pieces_is_quoted_from_the_piece_that_answers():
    fines = "Luật Xử lý vi phạm hành chính"
    first_piece = Passage("law:15/2012/QH13:24:1", "law", "15/2012/QH13", fines, "Điều 24. Mức phạt tiền tối đa trong các lĩnh vực",
                          "2. Mức phạt tiền tối đa đối với tổ chức bằng 02 lần mức phạt tiền đối với cá nhân.", article="24")
    second_piece = Passage("law:15/2012/QH13:24:0", "law", "15/2012/QH13", fines, first_piece.heading,
                           "1. Mức phạt tiền tối đa trong các lĩnh vực đối với cá nhân được quy định như sau:\n"
                           "a) Phạt tiền đến 30.000.000 đồng: hôn nhân và gia đình; bình đẳng giới;", article="24")
    legal = LegalQA(SimpleNamespace(retriever=SimpleNamespace(diacritics=None)))
    [(evidence, quote)] = legal.select("mức phạt tiền tối đa trong lĩnh vực hôn nhân và gia đình là bao nhiêu",
                                       [Evidence(first_piece, 1.0), Evidence(second_piece, 0.9)])
    assert evidence.passage is second_piece and quote.clause == "1" and "30.000.000 đồng: hôn nhân và gia đình" in quote.text


@pytest.mark.parametrize("question, replacement", [
    ("Luật Vườn hoa năm 2010 quy định giờ mở cửa thế nào?", "12/2030/QH16"),
    ("Luật Vườn hoa 2010 cho thả chó vào vườn không?", "12/2030/QH16"),  # the year as people write it
    ("Nghị định 99/2016 phạt thế nào?", "77/2030/NĐ-CP"),  # a decree's number without its code
])
def test_a_question_naming_a_replaced_law_is_told_what_replaced_it(legal_registry, question, replacement):
    [notice] = named_law_notices(legal_registry, question, quoted=set())
    assert "hết hiệu lực" in notice and replacement in notice


def test_a_law_in_force_or_quoted_with_its_own_notice_gets_no_second_one(legal_registry):
    assert named_law_notices(legal_registry, "Luật Vườn thú năm 2018 cấm những gì?", quoted=set()) == []
    assert named_law_notices(legal_registry, "Nghị định số 99/2016/NĐ-CP phạt thế nào?", quoted={"99/2016/NĐ-CP"}) == []


def validity(registry, question):
    legal = LegalQA(SimpleNamespace(retriever=SimpleNamespace(diacritics=None), registry=registry))
    return legal.validity_answer(SimpleNamespace(text=question, intent="legal_question"))


def test_a_validity_question_names_each_document_s_status_today(legal_registry):
    answer = validity(legal_registry, "Nghị định 99/2016/NĐ-CP và Luật Vườn thú còn hiệu lực không?")
    assert [(c.id, c.status) for c in answer.citations] == [("99/2016/NĐ-CP", "repealed"), ("40/2018/QH14", "in_force")]
    first, second = answer.text.split("\n")[1:]
    assert "đã hết hiệu lực" in first and "77/2030/NĐ-CP" in first
    assert "còn hiệu lực" in second and "chưa ghi nhận văn bản nào thay thế" in second  # in force by its own text only
    older = validity(legal_registry, "Luật Vườn hoa công cộng 2020 còn hiệu lực không?")  # the registry's is of 2030
    assert "năm 2020 đã được thay thế bởi Luật Vườn hoa công cộng số 12/2030/QH16" in older.text


def test_a_document_the_registry_does_not_hold_is_said_unknown_with_where_to_look(legal_registry):
    alone = validity(legal_registry, "Nghị định 43/2014/NĐ-CP còn hiệu lực không?")
    assert alone.refusal_reason == "no_grounding" and not alone.citations
    assert alone.text.startswith("Nghị định số 43/2014/NĐ-CP không có trong cơ sở dữ liệu") and "vbpl.vn" in alone.text
    assert validity(legal_registry, "Nghị định 43/2014/NĐ-CP có hiệu lực từ ngày nào?").refusal_reason == "no_grounding"
    beside = validity(legal_registry, "Nghị định 43/2014/NĐ-CP và Luật Vườn thú còn hiệu lực không?")
    assert [c.id for c in beside.citations] == ["40/2018/QH14"]
    assert beside.text.splitlines()[-1].startswith("- Nghị định số 43/2014/NĐ-CP: không có trong cơ sở dữ liệu")


def test_a_number_typed_in_lower_case_or_without_its_d_is_read_as_issued(legal_registry):
    for typed in ("nghị định 99/2016/nđ-cp còn hiệu lực không", "nghi dinh 99/2016/ND-CP con hieu luc khong"):
        assert [c.id for c in validity(legal_registry, typed).citations] == ["99/2016/NĐ-CP"]


def test_no_validity_answer_without_a_validity_question_or_a_known_document(legal_registry):
    assert validity(legal_registry, "Luật Vườn thú cấm những gì?") is None
    assert validity(legal_registry, "hợp đồng còn hiệu lực không?") is None
    assert validity(legal_registry, "Luật Vườn thú có hiệu lực từ khi nào?") is None  # its final article says
