"""Checks on evals/data/legal_citizen_questions.json, the citizen-style legal retrieval development set.

The file must stay loadable by ``troly eval retrieval`` (ALQAC question format) and every gold
article must exist in the ALQAC 2023 law corpus it is evaluated against.
"""
from __future__ import annotations

import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from knowledge.text import folded_syllables, has_diacritics

QUESTIONS_FILE = Path(__file__).resolve().parents[2] / "evals" / "data" / "legal_citizen_questions.json"
STYLES = {"forum", "chat", "no_diacritics", "abbreviated"}
KEYS = {"question_id", "text", "relevant_articles", "style", "note"}


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    return json.loads(QUESTIONS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def law_articles(shared_dir: Path) -> dict[str, set[str]]:
    corpus = json.loads((shared_dir / "benchmarks" / "alqac" / "law2023.json").read_text(encoding="utf-8"))
    return {law["id"]: {article["id"] for article in law["articles"]} for law in corpus}


def test_every_question_follows_the_alqac_schema(questions: list[dict]) -> None:
    for question in questions:
        assert set(question) == KEYS, question.get("question_id")
        assert re.fullmatch(r"cit-\d{3}", question["question_id"])
        assert question["text"].strip() and question["note"].strip()
        assert question["style"] in STYLES
        gold = question["relevant_articles"]
        assert gold, question["question_id"]
        for article in gold:
            assert set(article) == {"law_id", "article_id"}
            assert isinstance(article["law_id"], str) and isinstance(article["article_id"], str)
        assert len({(a["law_id"], a["article_id"]) for a in gold}) == len(gold), question["question_id"]


def test_ids_are_unique_and_there_are_enough_questions(questions: list[dict]) -> None:
    ids = [question["question_id"] for question in questions]
    assert len(ids) == len(set(ids))
    assert len(questions) >= 120


def test_at_least_a_third_is_typed_without_diacritics(questions: list[dict]) -> None:
    plain = [question for question in questions if not has_diacritics(question["text"])]
    assert len(plain) * 3 >= len(questions)
    for question in questions:
        if question["style"] == "no_diacritics":
            assert not has_diacritics(question["text"]), question["question_id"]


def test_no_two_questions_are_near_duplicates(questions: list[dict]) -> None:
    tokens = {question["question_id"]: set(folded_syllables(question["text"])) for question in questions}
    for (first, a), (second, b) in combinations(tokens.items(), 2):
        assert len(a & b) / len(a | b) < 0.6, (first, second)


@pytest.mark.shared
def test_every_gold_article_exists_in_the_law_corpus(
    questions: list[dict], law_articles: dict[str, set[str]]
) -> None:
    for question in questions:
        for article in question["relevant_articles"]:
            assert article["law_id"] in law_articles, (question["question_id"], article["law_id"])
            assert article["article_id"] in law_articles[article["law_id"]], (question["question_id"], article)


@pytest.mark.shared
def test_every_law_of_the_corpus_is_asked_about(questions: list[dict], law_articles: dict[str, set[str]]) -> None:
    asked = {article["law_id"] for question in questions for article in question["relevant_articles"]}
    assert asked == set(law_articles)
