"""Checks on the golden set of the answer-level evaluation, evals/data/answers.jsonl.

The set is held out: nothing in the assistant is tuned on it. These tests keep it honest:
the schema, enough cases per category, questions written as citizens type them and unlike the
development sets', and — against ../shared, skipped without it — every expected mã thủ tục,
Điều and khoản existing in the real data (in every answer set, not only this one), every "repealed" document marked so in the validity
feed, every replacement the feed names, and the new commune named in the khoản cited.
"""
from __future__ import annotations

import csv
import json
import re
from itertools import combinations
from pathlib import Path

import pytest

from evals import answers
from knowledge.models import ParsedLegalDocument, Procedure
from knowledge.parsing.citations import number_key
from knowledge.parsing.legal import legal_files, parse_legal_file
from knowledge.text import ABBREVIATIONS, fold, folded_syllables, has_diacritics
from tests.evals.test_procedure_questions import procedures  # noqa: F401  (the procedures of ../shared, by code)

DATA = Path(__file__).resolve().parents[2] / "evals" / "data"
PROCEDURE_STYLES = ("procedure", "no_diacritics", "abbreviated")
# Folders of ../shared/knowledge/legal whose văn bản the set cites (pháp điển is not needed).
LEGAL_FOLDERS = ("vlc-2022", "vbpl-2024", "gtdb-2024", "sapxep-2025", "nd30-2020")


@pytest.fixture(scope="module")
def cases() -> list[answers.Case]:
    return answers.load_cases(answers.CASES)


@pytest.fixture(scope="module")
def every_set() -> list[answers.Case]:
    """The cases of every answer set (golden, held-out, fresh, rounds): what they expect must exist too."""
    return [case for path in sorted(DATA.glob("answers*.jsonl")) for case in answers.load_cases(path)]


@pytest.fixture(scope="module")
def feed(shared_dir: Path) -> dict[str, dict[str, str]]:
    path = shared_dir / "knowledge" / "legal" / "status" / "hieu-luc.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {number_key(row["number"]): row for row in csv.DictReader(handle, delimiter="\t")}


@pytest.fixture(scope="module")
def documents(shared_dir: Path, every_set: list[answers.Case]) -> dict[str, ParsedLegalDocument]:
    """The parsed văn bản whose header or file name names a number the sets expect or say is missing
    ("30_2020_ND_CP.md": Nghị định 30's text does not repeat its number)."""
    wanted = {a.number for c in every_set for a in c.articles} | {n for c in every_set for n in c.replacement}
    forms = {fold(number) for number in wanted} | {re.sub(r"[/-]", "_", fold(number)) for number in wanted}
    root = shared_dir / "knowledge"
    found: dict[str, ParsedLegalDocument] = {}
    for folder in LEGAL_FOLDERS:
        for path in legal_files(root / "legal" / folder):
            header = fold(path.name) + "\n" + fold(path.read_text(encoding="utf-8")[:3000])
            if any(form in header for form in forms):
                for parsed in parse_legal_file(path, root):
                    key = number_key(parsed.document.number or "")
                    # a decree and its appendices (nd30-2020) share a number: the text with the Điều is the one read
                    if parsed.document.number and (key not in found or _dieu(parsed) > _dieu(found[key])):
                        found[key] = parsed
    return found


def _dieu(parsed: ParsedLegalDocument) -> int:
    return sum(article.number.isdigit() for article in parsed.articles)


def test_the_set_is_large_enough_in_every_category(cases: list[answers.Case]) -> None:
    assert len(cases) >= 150
    counts = {name: sum(c.category == name for c in cases) for name in answers.CATEGORIES}
    assert all(count >= 15 for count in counts.values()), counts


def test_every_case_says_why_and_officers_ask_too(cases: list[answers.Case]) -> None:
    assert all(c.note.strip() for c in cases)
    assert sum(c.role == "officer" for c in cases if c.category in ("legal", "replaced_law")) >= 10
    assert sum(c.role == "officer" for c in cases if c.category == "procedure") >= 2


def test_each_typing_style_matches_the_text(cases: list[answers.Case]) -> None:
    for c in cases:
        if c.category == "procedure":
            assert has_diacritics(c.question), c.id
        elif c.category in ("no_diacritics", "abbreviated"):
            assert not has_diacritics(c.question), c.id
        if c.category == "abbreviated":
            assert set(folded_syllables(c.question)) & set(ABBREVIATIONS), c.id
    plain = [c for c in cases if not has_diacritics(c.question)]
    assert len(plain) * 3 >= len(cases)


def test_procedure_cases_are_one_question_so_the_eval_can_pick_the_option(cases: list[answers.Case]) -> None:
    for c in cases:
        if c.category in PROCEDURE_STYLES:
            assert len(c.turns) == 1 and c.procedures, c.id
        if c.category == "follow_up":
            assert c.stays and c.procedures and len(c.turns) >= 2, c.id


def test_what_each_category_expects(cases: list[answers.Case]) -> None:
    for c in cases:
        if c.category in ("legal", "commune_merger"):
            assert c.articles, c.id
        if c.category == "replaced_law":
            assert c.repealed and bool(c.articles) != bool(c.replacement), c.id
        if c.category == "out_of_scope":
            assert c.refusal == "out_of_scope", c.id
        if c.category == "out_of_knowledge":
            assert c.refusal == "no_grounding", c.id
        if c.category == "commune_merger":
            assert c.mentions and all(a.clause for a in c.articles), c.id
        if c.category == "side_effects":
            assert c.effects, c.id
    assert any(any(e["ticket"] for e in c.effects) for c in cases)
    assert any(any(e["handover"] for e in c.effects) for c in cases)


def test_no_two_first_questions_are_near_duplicates(cases: list[answers.Case]) -> None:
    tokens = [set(folded_syllables(c.question)) for c in cases]
    for first, second in combinations(range(len(cases)), 2):
        overlap = len(tokens[first] & tokens[second]) / len(tokens[first] | tokens[second])
        assert overlap < 0.6, (cases[first].id, cases[second].id)


def test_no_question_rewords_one_of_the_development_sets(cases: list[answers.Case]) -> None:
    """The set is held out: its questions are not those the retriever was tuned on."""
    development = [json.loads(line)["question"] for name in ("procedure_questions.jsonl", "procedure_questions_unseen.jsonl")
                   for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    development += [q["text"] for q in json.loads((DATA / "legal_citizen_questions.json").read_text(encoding="utf-8"))]
    seen = [set(folded_syllables(text)) for text in development]
    for c in cases:
        for turn in c.turns:
            words = set(folded_syllables(turn)) if isinstance(turn, str) else set()
            if len(words) < 4:  # "lệ phí bao nhiêu?" is everybody's follow-up
                continue
            for other in seen:
                assert len(words & other) / len(words | other) < 0.5, (c.id, turn)


@pytest.mark.shared
def test_every_expected_procedure_is_in_the_corpus(every_set: list[answers.Case], procedures: dict[str, Procedure]) -> None:
    missing = [(c.id, code) for c in every_set for code in c.procedures if code not in procedures]
    assert not missing


@pytest.mark.shared
def test_no_citizen_question_copies_the_title_of_its_procedure(
    cases: list[answers.Case], procedures: dict[str, Procedure]
) -> None:
    """Short titles are everyday words ("đăng ký kết hôn", "đăng ký tạm trú"); longer ones are not how
    citizens talk. Officers may name the procedure as the portal does."""
    for c in cases:
        if c.role != "citizen":
            continue
        text = f" {' '.join(folded_syllables(c.question))} "
        for code in c.procedures:
            title = re.sub(r"^thu tuc ", "", " ".join(folded_syllables(procedures[code].title)))
            assert len(title.split()) < 5 or f" {title} " not in text, (c.id, code)


@pytest.mark.shared
def test_every_expected_article_and_khoan_is_in_the_corpus(
    every_set: list[answers.Case], documents: dict[str, ParsedLegalDocument]
) -> None:
    for c in every_set:
        for expected in c.articles:
            parsed = documents.get(number_key(expected.number))
            assert parsed is not None, (c.id, expected.number)
            article = next((a for a in parsed.articles if a.number == expected.article), None)
            assert article is not None, (c.id, expected)
            if expected.clause:
                assert any(k.number == expected.clause for k in article.khoans), (c.id, expected)


@pytest.mark.shared
def test_repealed_documents_and_their_replacements_follow_the_feed(
    cases: list[answers.Case], feed: dict[str, dict[str, str]], documents: dict[str, ParsedLegalDocument]
) -> None:
    def replacing(number: str) -> set[str]:
        """The documents replacing ``number`` in the feed, following chains (A → B → C)."""
        found, todo = set(), [number_key(number)]
        while todo:
            row = feed.get(todo.pop())
            for later in (row["replaced_by"].split(",") if row and row["replaced_by"] else []):
                if number_key(later) not in found:
                    found.add(number_key(later))
                    todo.append(number_key(later))
        return found

    for c in cases:
        for number in c.repealed:
            assert feed[number_key(number)]["status"] in answers.REPEALED, (c.id, number)
        successors = set().union(*(replacing(number) for number in c.repealed)) if c.repealed else set()
        for number in c.replacement:
            assert number_key(number) in successors, (c.id, number)
            assert number_key(number) not in documents, f"{c.id}: {number} is in the corpus, expect its article instead"
        if c.repealed and c.articles:
            assert {number_key(a.number) for a in c.articles} <= successors, c.id


@pytest.mark.shared
def test_the_khoan_cited_for_a_commune_names_the_new_unit(
    cases: list[answers.Case], documents: dict[str, ParsedLegalDocument]
) -> None:
    for c in cases:
        if c.category != "commune_merger":
            continue
        texts = []
        for expected in c.articles:
            article = next(a for a in documents[number_key(expected.number)].articles if a.number == expected.article)
            texts += [" ".join(fold(k.text).split()) for k in article.khoans if k.number == expected.clause]
        for mention in c.mentions:
            assert any(mention in text for text in texts), (c.id, mention)
