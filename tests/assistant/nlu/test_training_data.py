from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from assistant.nlu import DEFAULT_TRAINING_FILE, EntityExtractor, TrainingData, load_training_data
from assistant.nlu.training_data import parse_example
from knowledge.errors import BadInput
from knowledge.text import ABBREVIATIONS, fold, has_diacritics

REQUIRED_INTENTS = {
    "legal_question", "procedure_guide", "procedure_detail", "draft_document", "review_document",
    "reminder", "feedback", "handover", "greeting", "thanks", "out_of_scope", "choose_option",
}
ASPECTS = {"hồ sơ", "lệ phí", "thời hạn", "nơi nộp", "trực tuyến", "kết quả", "căn cứ"}
DOC_TYPES = {"giấy mời", "công văn", "quyết định", "tờ trình", "báo cáo", "kế hoạch", "thông báo", "biên bản"}


def test_bundled_file_is_rasa_3_1_nlu_data():
    document = yaml.safe_load(DEFAULT_TRAINING_FILE.read_text(encoding="utf-8"))
    assert document["version"] == "3.1"
    for block in document["nlu"]:
        kinds = {"intent", "synonym", "lookup", "regex"} & set(block)
        assert len(kinds) == 1 and set(block) == kinds | {"examples"}
        assert isinstance(block["examples"], str)
        assert all(line.strip().startswith("- ") for line in block["examples"].splitlines() if line.strip())


def test_every_intent_has_enough_varied_examples(training_data: TrainingData):
    counts = Counter(e.intent for e in training_data.examples)
    assert REQUIRED_INTENTS <= set(counts)
    assert min(counts.values()) >= 25
    for intent in counts:
        texts = [e.text for e in training_data.examples if e.intent == intent]
        assert any(not has_diacritics(t) for t in texts), f"{intent} has no example without diacritics"
        assert any(has_diacritics(t) for t in texts), f"{intent} has no example with diacritics"
    abbreviated = {e.intent for e in training_data.examples if set(fold(e.text).split()) & set(ABBREVIATIONS)}
    assert {"legal_question", "procedure_guide", "procedure_detail", "draft_document", "reminder"} <= abbreviated


def test_markup_is_stripped_and_spans_point_at_the_entity(training_data: TrainingData):
    annotated = [e for e in training_data.examples if e.entities]
    assert len(annotated) > 100
    for example in annotated:
        assert "[" not in example.text and "](" not in example.text
        for entity in example.entities:
            assert example.text[entity.start:entity.end] == entity.text


def test_entity_values_come_from_synonyms_and_cover_every_aspect_and_doc_type(training_data: TrainingData):
    values = {(e.entity, e.value) for x in training_data.examples for e in x.entities}
    assert {v for kind, v in values if kind == "detail_aspect"} == ASPECTS
    assert {v for kind, v in values if kind == "doc_type"} == DOC_TYPES
    assert training_data.synonyms["bao nhiêu tiền"] == "lệ phí"
    assert training_data.synonyms["online"] == "trực tuyến"


def test_annotations_agree_with_the_gazetteer(training_data: TrainingData):
    """A span the gazetteer finds is annotated in that example, and the reverse (Rasa learns from both)."""
    extractor = EntityExtractor.from_training_data(training_data)
    types = training_data.entity_types_by_intent()
    for example in training_data.examples:
        found = {(e.entity, e.start, e.end) for e in extractor.extract(example.text) if e.entity in types[example.intent]}
        assert found == {(e.entity, e.start, e.end) for e in example.entities}, example.text


def test_both_rasa_entity_syntaxes():
    example = parse_example(
        'nộp [online](detail_aspect) hay cái [thứ hai]{"entity": "choice", "value": "2"}',
        "choose_option",
        {"online": "trực tuyến"},
    )
    assert example.text == "nộp online hay cái thứ hai"
    assert [(e.entity, e.value, e.text, e.start) for e in example.entities] == [
        ("detail_aspect", "trực tuyến", "online", 4),
        ("choice", "2", "thứ hai", 19),
    ]


def test_known_synonyms_resolve_values_of_another_file(tmp_path: Path):
    path = tmp_path / "heldout.yml"
    path.write_text('version: "3.1"\nnlu:\n- intent: procedure_detail\n  examples: |\n    - [Phí](detail_aspect) bao nhiêu\n    - [Lệ phí](detail_aspect) thế nào\n')
    data = load_training_data(path, known_synonyms={"phí": "lệ phí"})
    assert [e.entities[0].value for e in data.examples] == ["lệ phí", "lệ phí"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("nlu: []\n", "version"),
        ('version: "2.0"\nnlu: []\n', "version"),
        ('version: "3.1"\nstories: []\n', "nlu"),
        ('version: "3.1"\nnlu:\n- intent: greet\n  examples: [chào]\n', "examples"),
        ('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    chào\n', "- "),
        ('version: "3.1"\nnlu:\n- intent: greet\n  synonym: x\n  examples: |\n    - chào\n', "exactly one"),
        ('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - [a]{"entity": }\n', "JSON"),
        ('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - [a](bad name)\n', "entity name"),
        ('version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - [a\n  b\n', "YAML"),
        ('version: "3.1"\nnlu:\n- synonym: lệ phí\n  examples: |\n    - phí\n', "no intent"),
    ],
)
def test_malformed_files_are_refused_with_the_reason(tmp_path: Path, content: str, message: str):
    path = tmp_path / "nlu.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match=message):
        load_training_data(path)


def test_missing_file_is_bad_input(tmp_path: Path):
    with pytest.raises(BadInput, match="cannot read"):
        load_training_data(tmp_path / "absent.yml")


def test_no_example_is_written_twice(training_data: TrainingData):
    """Rasa refuses an example listed under two intents and warns about repeats."""
    counts = Counter(e.text.lower() for e in training_data.examples)
    assert [text for text, n in counts.items() if n > 1] == []
