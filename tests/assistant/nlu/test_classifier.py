from __future__ import annotations

import copy

import numpy as np
import pytest

from assistant.nlu import OUT_OF_SCOPE, IntentClassifier
from assistant.nlu.classifier import choose_threshold, prepare
from assistant.nlu.training_data import Example
from knowledge.errors import BadInput

# Fresh phrasings, in neither nlu.yml nor the held-out set; half typed without diacritics.
FRESH = [
    ("Luật Hộ tịch quy định việc đăng ký kết hôn lưu động ra sao?", "legal_question"),
    ("nghi dinh 123/2015 quy dinh gi ve trich luc ho tich", "legal_question"),
    ("Cháu tôi mới chào đời tuần trước, đi làm khai sinh phải mang theo gì?", "procedure_guide"),
    ("muon dk ket hon voi nguoi nuoc ngoai thi lam sao", "procedure_guide"),
    ("Vậy lệ phí là bao nhiêu tiền?", "procedure_detail"),
    ("co nop truc tuyen duoc khong a", "procedure_detail"),
    ("Soạn giấy mời họp Ban thường trực lúc 8h30 thứ Ba", "draft_document"),
    ("viet cong van gui so tu phap xin huong dan", "draft_document"),
    ("Rà soát thể thức tờ trình tôi vừa tải lên", "review_document"),
    ("kiem tra giup cong van nay co dung the thuc khong", "review_document"),
    ("Nhắc tôi gọi cho phòng Nội vụ lúc 10h sáng thứ Năm", "reminder"),
    ("nhac toi nop to trinh truoc 5h chieu mai", "reminder"),
    ("Tôi muốn phản ánh việc cán bộ hẹn tôi quay lại ba lần", "feedback"),
    ("kien nghi phuong sua den duong truoc nha van hoa", "feedback"),
    ("Cho tôi nói chuyện với một cán bộ thật", "handover"),
    ("toi muon gap nhan vien ho tro", "handover"),
    ("Chào trợ lý, chúc buổi sáng tốt lành", "greeting"),
    ("xin chao ban", "greeting"),
    ("Cảm ơn bạn đã hướng dẫn tận tình", "thanks"),
    ("cam on nhieu nhe", "thanks"),
    ("Thời tiết Hà Nội chiều nay có mưa không?", "out_of_scope"),
    ("cach nau canh chua ca", "out_of_scope"),
    ("Tôi chọn cái thứ hai", "choose_option"),
    ("so 3 nhe", "choose_option"),
]


def test_diacritics_and_abbreviations_do_not_change_the_features():
    assert prepare("Đăng ký khai sinh") == prepare("dang ky khai sinh") == prepare("dk ks")
    assert prepare("CCCD hết hạn năm 2025") == "can cuoc cong dan het han nam 0000"


@pytest.mark.parametrize("text, intent", FRESH)
def test_fresh_phrasings_with_and_without_diacritics(classifier: IntentClassifier, text: str, intent: str):
    prediction = classifier.predict(text)
    assert prediction.intent == intent, prediction.ranking[:3]


def test_prediction_is_a_calibrated_ranking(classifier: IntentClassifier):
    prediction = classifier.predict("cccd het han thi lam the nao")
    assert prediction.intent == "procedure_guide"
    assert [name for name, _ in prediction.ranking] == sorted(classifier.intents, key=dict(prediction.ranking).get, reverse=True)
    assert sum(p for _, p in prediction.ranking) == pytest.approx(1.0)
    assert prediction.confidence == prediction.ranking[0][1] > 0.5


def test_the_numpy_probabilities_are_sklearn_s(classifier: IntentClassifier):
    texts = [prepare(text) for text, _ in FRESH] + [prepare("🙂"), prepare("x" * 5000)]
    expected = classifier._pipeline.predict_proba(texts)
    assert np.allclose(classifier._scores.predict_proba(texts), expected, atol=1e-12)


def test_two_intents_are_scored_as_sklearn_scores_them():
    people = ["con", "cháu", "bé", "em", "anh", "chị", "bố", "mẹ", "ông", "bà", "cô", "chú"]
    examples = [Example("procedure_guide", f"thủ tục đăng ký khai sinh cho {who}", ()) for who in people]
    examples += [Example(OUT_OF_SCOPE, f"{who} thích xem bóng đá tối nay", ()) for who in people]
    binary = IntentClassifier.train(examples)
    texts = [prepare("khai sinh cho con"), prepare("trời có mưa không")]
    assert np.allclose(binary._scores.predict_proba(texts), binary._pipeline.predict_proba(texts), atol=1e-12)


def test_predict_many_matches_predict(classifier: IntentClassifier):
    texts = [text for text, _ in FRESH[:4]]
    assert classifier.predict_many(texts) == [classifier.predict(t) for t in texts]


def test_low_confidence_falls_back_to_out_of_scope(classifier: IntentClassifier):
    cautious = copy.copy(classifier)
    cautious.threshold = 1.01
    prediction = cautious.predict("lệ phí bao nhiêu")
    assert prediction.intent == OUT_OF_SCOPE
    assert prediction.ranking[0][0] == "procedure_detail"
    assert prediction.confidence == pytest.approx(1 - prediction.ranking[0][1])


def test_threshold_is_chosen_where_the_fallback_helps():
    classes = ["greeting", OUT_OF_SCOPE]
    # Two confident right answers, and two unsure wrong ones whose truth is out_of_scope.
    probabilities = np.array([[0.9, 0.1], [0.95, 0.05], [0.55, 0.45], [0.6, 0.4]])
    labels = ["greeting", "greeting", OUT_OF_SCOPE, OUT_OF_SCOPE]
    assert 0.6 < choose_threshold(probabilities, labels, classes) <= 0.8
    assert choose_threshold(probabilities[:2], labels[:2], classes) == 0.8  # ties: the highest threshold


def test_training_needs_an_out_of_scope_intent_and_enough_examples():
    greetings = [Example("greeting", f"xin chào {i}", ()) for i in range(12)]
    with pytest.raises(BadInput, match="out_of_scope"):
        IntentClassifier.train(greetings)
    few = greetings + [Example(OUT_OF_SCOPE, "thời tiết", ())] * 3
    with pytest.raises(BadInput, match="fewer than 10 examples.*out_of_scope"):
        IntentClassifier.train(few)
