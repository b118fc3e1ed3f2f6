from __future__ import annotations

import pytest

from assistant.nlu import EntityExtractor, TrainingData, extract_entities, find_choice
from assistant.nlu.training_data import TrainingData as Data, parse_example
from knowledge.errors import BadInput


def values(text: str) -> list[tuple[str, str, str]]:
    return [(e.entity, e.value, e.text) for e in extract_entities(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Lệ phí bao nhiêu?", [("detail_aspect", "lệ phí", "Lệ phí")]),
        ("le phi bn vay", [("detail_aspect", "lệ phí", "le phi")]),
        ("hết bao nhiêu tiền ạ", [("detail_aspect", "lệ phí", "hết bao nhiêu tiền")]),
        ("nop online dc ko", [("detail_aspect", "trực tuyến", "online")]),
        ("Mất mấy ngày thì có kết quả?", [("detail_aspect", "thời hạn", "mấy ngày"), ("detail_aspect", "kết quả", "kết quả")]),
        ("nhận kết quả ở đâu", [("detail_aspect", "kết quả", "nhận kết quả ở đâu")]),
        ("Căn cứ pháp lý là văn bản nào?", [("detail_aspect", "căn cứ", "Căn cứ pháp lý")]),
        ("cần chuẩn bị giấy tờ gì", [("detail_aspect", "hồ sơ", "giấy tờ")]),
        ("Soạn thư mời họp giao ban", [("doc_type", "giấy mời", "thư mời")]),
        ("viet cv gui so noi vu", [("doc_type", "công văn", "cv")]),
        ("Rà soát dự thảo Quyết định này", [("doc_type", "quyết định", "Quyết định")]),
    ],
)
def test_aspects_and_document_types_with_and_without_diacritics(text, expected):
    assert values(text) == expected


def test_spans_point_into_the_text_as_written():
    text = "Cho hỏi LỆ PHÍ và thời hạn giải quyết"
    for entity in extract_entities(text):
        assert text[entity.start:entity.end] == entity.text
    assert [e.value for e in extract_entities(text)] == ["lệ phí", "thời hạn"]


def test_words_inside_other_words_are_not_entities():
    assert values("phiếu lý lịch tư pháp") == []  # "phi" is a form of "phí", not inside "phiếu"
    assert values("ngân hàng phía bắc") == []  # "bac" is not "bc" (báo cáo), "phia" is not "phi"


@pytest.mark.parametrize(
    "text, value",
    [
        ("1", "1"), ("số 2", "2"), ("so 3 nhe", "3"), ("Cái thứ hai", "2"), ("cai thu tu", "4"),
        ("cái đầu tiên", "1"), ("Tôi chọn phương án 2 ạ", "2"), ("lấy cái cuối cùng", "last"),
        ("thủ tục thứ nhất", "1"), ("Cái số một", "1"), ("mục 10", "10"), ("chọn thứ 3 nhé!", "3"),
    ],
)
def test_a_whole_message_choice(text, value):
    choice = find_choice(text)
    assert choice is not None and choice.value == value
    assert text[choice.start:choice.end] == choice.text


@pytest.mark.parametrize(
    "text",
    ["nhắc tôi họp lúc 9h thứ Hai", "soạn giấy mời họp tại phòng họp số 2", "Điều 2 Luật Hộ tịch", "2024", "0", "số 0", "lệ phí"],
)
def test_numbers_inside_a_request_are_not_choices(text):
    assert find_choice(text) is None
    assert all(e.entity != "choice" for e in extract_entities(text))


def test_a_form_meaning_two_values_is_refused():
    examples = (
        parse_example("[phí](detail_aspect) bao nhiêu", "procedure_detail", {"phí": "lệ phí"}),
        parse_example("soạn [phí](doc_type)", "draft_document", {}),
    )
    with pytest.raises(BadInput, match="means both"):
        EntityExtractor.from_training_data(Data(examples, {"phí": "lệ phí"}))


def test_extractor_from_training_data_knows_synonyms_never_annotated(training_data: TrainingData):
    extractor = EntityExtractor.from_training_data(training_data)
    assert "cổng dịch vụ công" not in {e.text for x in training_data.examples for e in x.entities}
    assert [(e.value, e.text) for e in extractor.extract("nộp qua cổng dịch vụ công")] == [("trực tuyến", "cổng dịch vụ công")]
