"""The answerability sets (development and held-out) and their runner.

Each line names a question, whether the knowledge base answers it, its category and typing style,
and, when answerable, the số hiệu:Điều or the mã thủ tục that answers; the runner asks every
question through ``Assistant.ask`` as a citizen and as an officer and reports precision and recall
of answering."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from evals import answerability
from knowledge.errors import BadInput
from knowledge.text import has_diacritics

DATA = Path(__file__).resolve().parents[2] / "evals" / "data"
SETS = ("answerability_dev.jsonl", "answerability_heldout.jsonl")
ANSWERABLE = {"legal", "procedure"}
UNANSWERABLE = {"missing_topic", "other_country", "price", "opinion", "law_not_in_corpus"}
ARTICLE = re.compile(r"\d+/\d{4}/[A-ZĐ\-]+\d*:\d+")
CODE = re.compile(r"\d\.\d{6}")


@pytest.fixture(scope="module", params=SETS)
def cases(request) -> list[dict]:
    return [json.loads(line) for line in (DATA / request.param).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_line_follows_the_schema_and_the_categories_are_balanced(cases):
    assert len({c["id"] for c in cases}) == len(cases) == 110
    for case in cases:
        assert case["answerable"] == (case["category"] in ANSWERABLE) and case["category"] in ANSWERABLE | UNANSWERABLE
        assert case["style"] == ("natural" if has_diacritics(case["question"]) else "no_diacritics"), case["id"]
        if case["category"] == "legal":
            assert case["gold"] and all(ARTICLE.fullmatch(g) for g in case["gold"]), case["id"]
        elif case["category"] == "procedure":
            assert case["gold"] and all(CODE.fullmatch(g) for g in case["gold"]), case["id"]
        else:
            assert case["gold"] == [], case["id"]
    counts = {category: sum(c["category"] == category for c in cases) for category in ANSWERABLE | UNANSWERABLE}
    assert counts == {"legal": 30, "procedure": 20, **{category: 12 for category in UNANSWERABLE}}
    assert sum(c["style"] == "no_diacritics" for c in cases) >= 25


def test_the_two_sets_ask_different_questions():
    dev, heldout = ({json.loads(line)["question"] for line in (DATA / name).read_text(encoding="utf-8").splitlines()} for name in SETS)
    assert dev.isdisjoint(heldout)


def test_the_answers_named_exist_in_the_shared_corpus(cases, shared_dir):
    from knowledge.parsing.procedures import parse_procedures_file

    codes = {p.code for path in (shared_dir / "knowledge" / "procedures").glob("*.jsonl") for p in parse_procedures_file(path).procedures}
    assert [g for c in cases if c["category"] == "procedure" for g in c["gold"] if g not in codes] == []


def test_precision_and_recall_count_answers_of_answerable_questions():
    case = lambda answerable: answerability.Case("x", "?", answerable, "legal" if answerable else "price", "natural", ())  # noqa: E731
    outcome = lambda answerable, answered: answerability.Outcome(case(answerable), "citizen", answered, answered, None, "")  # noqa: E731
    scores = answerability.Scores([outcome(True, True), outcome(True, False), outcome(False, True), outcome(False, False)])
    assert (scores.precision, scores.recall) == (0.5, 0.5)
    assert answerability.Scores([outcome(True, True), outcome(False, False)]).to_json()["precision"] == 1.0


def test_the_runner_asks_every_question_in_both_roles_and_writes_its_report(tiny_index_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("TROLY_EMBEDDER", "hash")
    monkeypatch.setattr(answerability, "SETS", {"dev": tmp_path / "cases.jsonl", "heldout": tmp_path / "cases.jsonl"})
    lines = [
        {"id": "t-1", "question": "cấp giấy phép nuôi chim bồ câu cần gì", "answerable": True, "category": "procedure",
         "style": "natural", "gold": ["9.900001"]},
        {"id": "t-2", "question": "Giá vàng SJC hôm nay bao nhiêu?", "answerable": False, "category": "price",
         "style": "natural", "gold": []},
    ]
    (tmp_path / "cases.jsonl").write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    assert answerability.main(["--data", str(tiny_index_dir), "--set", "heldout", "--reports", str(tmp_path)]) == 0
    figures = json.loads((tmp_path / "answerability_heldout.json").read_text(encoding="utf-8"))
    assert figures["n"] == 4 and figures["precision"] == 1.0 and figures["recall"] == 1.0 and figures["right_source"] == 2
    assert "| price | 2 | 0 |" in (tmp_path / "answerability_heldout.md").read_text(encoding="utf-8")


def test_calibrating_on_the_held_out_set_is_refused(tmp_path):
    with pytest.raises(BadInput, match="held-out"):
        answerability.main(["--data", str(tmp_path), "--set", "heldout", "--calibrate"])
