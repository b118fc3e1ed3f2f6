"""Checks on the citizen-question sets for procedure retrieval: evals/data/procedure_questions.jsonl
(the development set) and procedure_questions_unseen.jsonl (written after the tuning, never tuned on).

Each line is read by ``troly eval procedures --questions``: a question as a citizen types it and the
mã thủ tục (procedure codes) an officer would accept as the answer. Every code must exist in the
procedure files the set is evaluated against (../shared/knowledge/procedures).
"""
from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from knowledge.models import Procedure
from knowledge.parsing.procedures import parse_procedures_file
from knowledge.text import ABBREVIATIONS, folded_syllables, has_diacritics

DATA = Path(__file__).resolve().parents[2] / "evals" / "data"
MIN_QUESTIONS = {"procedure_questions.jsonl": 80, "procedure_questions_unseen.jsonl": 25}
STYLES = {"natural", "no_diacritics", "abbreviated"}
KEYS = {"question", "relevant_procedures", "style", "note"}
CODE = re.compile(r"\d\.\d{6}")


@pytest.fixture(scope="module", params=sorted(MIN_QUESTIONS))
def questions(request) -> list[dict]:
    lines = (DATA / request.param).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def procedures(shared_dir: Path) -> dict[str, Procedure]:
    found: dict[str, Procedure] = {}
    for path in sorted((shared_dir / "knowledge" / "procedures").glob("*.jsonl")):
        found.update((procedure.code, procedure) for procedure in parse_procedures_file(path).procedures)
    return found


def test_every_line_follows_the_schema(questions: list[dict]) -> None:
    for number, question in enumerate(questions, start=1):
        assert set(question) == KEYS, number
        assert isinstance(question["question"], str) and question["question"].strip(), number
        assert isinstance(question["note"], str) and question["note"].strip(), number
        assert question["style"] in STYLES, number
        gold = question["relevant_procedures"]
        assert isinstance(gold, list) and gold, number
        assert all(isinstance(code, str) and CODE.fullmatch(code) for code in gold), number
        assert len(set(gold)) == len(gold), number


def test_there_are_enough_distinct_questions(questions: list[dict], request) -> None:
    texts = [question["question"] for question in questions]
    assert len(texts) >= MIN_QUESTIONS[request.node.callspec.params["questions"]]
    assert len(set(texts)) == len(texts)


def test_at_least_a_third_is_typed_without_diacritics(questions: list[dict]) -> None:
    plain = [question for question in questions if not has_diacritics(question["question"])]
    assert len(plain) * 3 >= len(questions)


def test_each_style_label_matches_the_text(questions: list[dict]) -> None:
    for question in questions:
        text, style = question["question"], question["style"]
        if style == "no_diacritics":
            assert not has_diacritics(text), text
        elif style == "natural":
            assert has_diacritics(text), text
        else:
            assert set(folded_syllables(text)) & set(ABBREVIATIONS), text


def test_no_two_questions_are_near_duplicates(questions: list[dict]) -> None:
    tokens = [set(folded_syllables(question["question"])) for question in questions]
    for first, second in combinations(range(len(questions)), 2):
        overlap = len(tokens[first] & tokens[second]) / len(tokens[first] | tokens[second])
        assert overlap < 0.6, (questions[first]["question"], questions[second]["question"])


@pytest.mark.shared
def test_every_gold_code_is_a_procedure_of_the_corpus(
    questions: list[dict], procedures: dict[str, Procedure]
) -> None:
    missing = [
        (question["question"], code)
        for question in questions
        for code in question["relevant_procedures"]
        if code not in procedures
    ]
    assert not missing


@pytest.mark.shared
def test_no_question_copies_the_title_of_its_procedure(
    questions: list[dict], procedures: dict[str, Procedure]
) -> None:
    for question in questions:
        text = f" {' '.join(folded_syllables(question['question']))} "
        for code in question["relevant_procedures"]:
            title = re.sub(r"^thu tuc ", "", " ".join(folded_syllables(procedures[code].title)))
            assert f" {title} " not in text, (question["question"], code)
