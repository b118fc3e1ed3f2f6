"""The answer-level evaluation (``python -m evals.answers``): its grader on small hand-made answers,
its case-file reader and the validity feed it reads, and the runner end to end on the tiny fixture index.

The checks of the golden set itself (evals/data/answers.jsonl against ../shared) are in
test_answers_golden.py.
"""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from assistant.answer import Answer, Choice, Citation, refusal
from evals import answers
from evals.answers import Exchange, Transcript
from knowledge.errors import BadInput

NOTHING = {name: 0 for name in answers.EFFECTS}


def case(**fields) -> answers.Case:
    record = {"id": "c-1", "category": "procedure", "turns": ["làm giấy khai sinh"], "expect": {}}
    record.update({k: v for k, v in fields.items() if k != "expect"})
    record["expect"] = fields.get("expect", {"procedures": ["1.001193"]})
    return answers.parse_case(record)


def procedure(code: str) -> Citation:
    return Citation(kind="procedure", id=code, title=f"Thủ tục {code}")


def law(number: str, article: str, clause: str | None = None, status: str = "in_force", text: str = "…") -> Citation:
    return Citation(kind="law", id=number, title="Luật", article=article, clause=clause, status=status, text=text)


def detail(code: str) -> dict:
    return Answer(text="Thủ tục …", intent="procedure_guide", citations=(procedure(code),), grounded=True).to_json()


def options(*codes: str) -> dict:
    choices = tuple(Choice(i, f"Thủ tục {code}", code) for i, code in enumerate(codes, start=1))
    return Answer(
        text="Bạn cần thủ tục nào?", intent="procedure_guide", citations=tuple(procedure(c) for c in codes),
        grounded=True, choices=choices,
    ).to_json()


def legal(*citations: Citation, text: str = "Theo quy định …") -> dict:
    return Answer(text=text, intent="legal_question", citations=citations, grounded=True).to_json()


def transcript(the_case: answers.Case, *turns: tuple) -> Transcript:
    """Exchanges from (message, answer[, effects[, turn[, pick]]]) tuples."""
    exchanges = []
    for index, turn in enumerate(turns):
        message, answer, *rest = turn
        effects = {**NOTHING, **(rest[0] if rest else {})}
        exchanges.append(Exchange(message, answer, effects, rest[1] if len(rest) > 1 else index, rest[2] if len(rest) > 2 else None))
    return Transcript(the_case, exchanges)


def check(verdict: answers.Verdict, name: str) -> answers.Check:
    return next(c for c in verdict.checks if c.name == name)


def no_repeal(number: str) -> None:
    return None


# ---------------------------------------------------------------------------------- procedures


def test_a_procedure_detailed_in_the_first_answer_passes_and_counts_as_hit_at_1() -> None:
    verdict = answers.grade(transcript(case(), ("làm giấy khai sinh", detail("1.001193"))), no_repeal)
    assert verdict.passed and verdict.procedure_rank == 0
    assert check(verdict, "procedure").detail == "detailed in the first answer"


def test_a_procedure_offered_then_detailed_after_the_pick_passes() -> None:
    the_case = case()
    verdict = answers.grade(
        transcript(the_case, ("làm giấy khai sinh", options("1.000689", "1.001193")), ("2", detail("1.001193"), {}, 0, 2)),
        no_repeal,
    )
    assert verdict.passed and verdict.procedure_rank == 1


def test_a_pick_that_does_not_detail_the_offered_procedure_fails() -> None:
    verdict = answers.grade(
        transcript(case(), ("làm giấy khai sinh", options("1.000689", "1.001193")), ("2", detail("1.008325"), {}, 0, 2)),
        no_repeal,
    )
    assert not check(verdict, "procedure").passed


def test_a_procedure_neither_detailed_nor_offered_fails_and_has_no_rank() -> None:
    verdict = answers.grade(transcript(case(), ("làm giấy khai sinh", detail("1.004884"))), no_repeal)
    assert not check(verdict, "procedure").passed and verdict.procedure_rank is None


# ---------------------------------------------------------------------------------- articles


LEGAL_CASE = {"articles": [{"number": "168/2024/NĐ-CP", "article": "7", "clause": "7"}]}


@pytest.mark.parametrize(
    ("citations", "rank"),
    [
        ((law("168/2024/ND-CP", "7", "7"),), 0),  # the number as typed without đ still matches
        ((law("168/2024/NĐ-CP", "7"),), 0),  # the whole Điều, no khoản named
        ((law("45/2019/QH14", "5"), law("45/2019/QH14", "6"), law("168/2024/NĐ-CP", "7", "7")), 2),
    ],
)
def test_the_right_article_among_the_first_three_citations_passes(citations, rank) -> None:
    verdict = answers.grade(transcript(case(category="legal", expect=LEGAL_CASE), ("vượt đèn đỏ", legal(*citations))), no_repeal)
    assert verdict.passed and verdict.article_rank == rank


@pytest.mark.parametrize(
    "citations",
    [
        (law("168/2024/NĐ-CP", "7", "2"),),  # another khoản of the Điều: another fine
        (law("168/2024/NĐ-CP", "6", "7"),),
        tuple(law("45/2019/QH14", str(n)) for n in range(3)) + (law("168/2024/NĐ-CP", "7", "7"),),  # fourth
        (),
    ],
)
def test_a_wrong_or_late_article_fails(citations) -> None:
    verdict = answers.grade(transcript(case(category="legal", expect=LEGAL_CASE), ("vượt đèn đỏ", legal(*citations))), no_repeal)
    assert not check(verdict, "article").passed


# ---------------------------------------------------------------------------------- refusals, mentions, replacement


def test_the_expected_refusal_passes_and_another_fails() -> None:
    the_case = case(category="out_of_scope", expect={"refusal": "out_of_scope"})
    weather = "mai có mưa không"
    assert answers.grade(transcript(the_case, (weather, refusal("out_of_scope", "out_of_scope", "…").to_json())), no_repeal).passed
    failed = answers.grade(transcript(the_case, (weather, refusal("x", "no_grounding", "…").to_json())), no_repeal)
    assert not check(failed, "refusal").passed
    assert not answers.grade(transcript(the_case, (weather, detail("1.001193"))), no_repeal).passed


def test_mentions_are_found_folded_in_the_text_or_in_a_quoted_citation() -> None:
    the_case = case(category="commune_merger", expect={"mentions": ["phường Sài Gòn"]})
    quoted = legal(law("1685/NQ-UBTVQH15", "1", "1", text="… thành phường mới có tên gọi là phường Sài  Gòn."), text="Xem khoản 1.")
    assert answers.grade(transcript(the_case, ("Bến Nghé", quoted)), no_repeal).passed
    in_text = legal(text="Phuong Ben Nghe nay thuoc PHUONG SAI GON.")
    assert answers.grade(transcript(the_case, ("Bến Nghé", in_text)), no_repeal).passed
    elsewhere = legal(law("1685/NQ-UBTVQH15", "1", "2", text="… phường Tân Định."), text="Phường Tân Định.")
    assert not check(answers.grade(transcript(the_case, ("Bến Nghé", elsewhere)), no_repeal), "mentions").passed


def test_a_replacement_not_in_the_knowledge_base_must_be_named() -> None:
    the_case = case(category="replaced_law", expect={"replacement": ["26/2023/QH15"], "repealed": ["59/2014/QH13"]})
    named = legal(text="Luật Căn cước công dân đã hết hiệu lực, được thay thế bởi Luật Căn cước số 26/2023/QH15, chưa có trong cơ sở dữ liệu.")
    assert answers.grade(transcript(the_case, ("đổi căn cước mấy tuổi", named)), no_repeal).passed
    silent = legal(text="Công dân phải đổi thẻ khi đủ 25 tuổi, 40 tuổi và 60 tuổi.")
    assert not check(answers.grade(transcript(the_case, ("đổi căn cước mấy tuổi", silent)), no_repeal), "replacement").passed


# ---------------------------------------------------------------------------------- repealed law


def statuses(known: dict[str, str]):
    return lambda number: known.get(number)


REPEALED_LAND = statuses({"45/2013/QH13": "repealed"})


def test_a_repealed_document_shown_as_in_force_fails_every_case() -> None:
    shown = legal(law("45/2013/QH13", "64", status="in_force"), text="Theo Điều 64 …")
    assert not check(answers.grade(transcript(case(), ("thu hồi đất", shown)), REPEALED_LAND), "repealed").passed


def test_a_repealed_status_without_saying_so_in_the_text_fails() -> None:
    shown = legal(law("45/2013/QH13", "64", status="repealed"), text="Theo Điều 64 …")
    assert not check(answers.grade(transcript(case(), ("thu hồi đất", shown)), REPEALED_LAND), "repealed").passed


def test_a_repealed_document_shown_as_such_passes() -> None:
    shown = legal(law("45/2013/QH13", "64", status="repealed"), text="Luật Đất đai 2013 đã HẾT HIỆU LỰC từ 01/8/2024 …")
    assert check(answers.grade(transcript(case(), ("thu hồi đất", shown)), REPEALED_LAND), "repealed").passed


def test_a_partially_repealed_document_must_carry_that_status() -> None:
    partly = statuses({"100/2019/NĐ-CP": "partially_repealed"})
    repealed = legal(law("100/2019/NĐ-CP", "5", status="repealed"), text="… đã hết hiệu lực một phần …")
    assert not check(answers.grade(transcript(case(), ("phạt", repealed)), partly), "repealed").passed
    right = legal(law("100/2019/NĐ-CP", "5", status="partially_repealed"), text="… đã hết hiệu lực một phần …")
    assert check(answers.grade(transcript(case(), ("phạt", right)), partly), "repealed").passed


def test_the_current_law_must_come_before_the_repealed_one() -> None:
    the_case = case(category="replaced_law", expect={"articles": [{"number": "31/2024/QH15", "article": "81"}], "repealed": ["45/2013/QH13"]})
    said = "… đã hết hiệu lực …"
    old_first = legal(law("45/2013/QH13", "64", status="repealed"), law("31/2024/QH15", "81"), text=said)
    verdict = answers.grade(transcript(the_case, ("thu hồi đất", old_first)), REPEALED_LAND)
    assert check(verdict, "article").passed and not check(verdict, "current_first").passed
    new_first = legal(law("31/2024/QH15", "81"), law("45/2013/QH13", "64", status="repealed"), text=said)
    assert answers.grade(transcript(the_case, ("thu hồi đất", new_first)), REPEALED_LAND).passed


# ---------------------------------------------------------------------------------- side effects


COMPLAINT = {"category": "side_effects", "turns": ["Tôi muốn phản ánh: đèn đường hỏng", "1"], "expect": {"effects": [{}, {"ticket": 1}]}}
ASK = Answer(text="Bạn muốn gửi phản ánh …? 1. Gửi 2. Không", intent="feedback", grounded=True).to_json()
FILED = Answer(text="Đã ghi nhận phản ánh, mã số PA-1.", intent="feedback", grounded=True).to_json()


def test_a_ticket_filed_after_confirmation_passes() -> None:
    the_case = case(**COMPLAINT)
    verdict = answers.grade(transcript(the_case, ("phản ánh", ASK), ("1", FILED, {"ticket": 1})), no_repeal)
    assert verdict.passed and not verdict.unasked


def test_a_ticket_filed_before_confirmation_fails() -> None:
    the_case = case(**COMPLAINT)
    verdict = answers.grade(transcript(the_case, ("phản ánh", FILED, {"ticket": 1}), ("1", FILED, {"ticket": 1})), no_repeal)
    assert not check(verdict, "effects").passed and verdict.unasked


def test_a_confirmation_that_files_twice_or_not_at_all_fails() -> None:
    the_case = case(**COMPLAINT)
    for after in ({"ticket": 2}, {}):
        verdict = answers.grade(transcript(the_case, ("phản ánh", ASK), ("1", FILED, after)), no_repeal)
        assert not check(verdict, "effects").passed


def test_a_question_that_creates_anything_fails() -> None:
    for made in ({"ticket": 1}, {"handover": 1}, {"reminder": 1}, {"file": 1}):
        verdict = answers.grade(transcript(case(), ("làm giấy khai sinh", detail("1.001193"), made)), no_repeal)
        assert not check(verdict, "effects").passed and verdict.unasked


# ---------------------------------------------------------------------------------- follow-ups


FOLLOW = {"category": "follow_up", "turns": ["khai sinh", "lệ phí bao nhiêu?"], "expect": {"procedures": ["1.001193"], "stays": True}}


def test_a_follow_up_on_the_detailed_procedure_stays() -> None:
    verdict = answers.grade(transcript(case(**FOLLOW), ("khai sinh", detail("1.001193")), ("lệ phí", detail("1.001193"))), no_repeal)
    assert verdict.passed


def test_a_follow_up_that_starts_a_new_search_fails() -> None:
    the_case = case(**FOLLOW)
    for answer in (detail("1.008325"), options("1.008325", "1.007277"), refusal("x", "out_of_scope", "…").to_json()):
        verdict = answers.grade(transcript(the_case, ("khai sinh", detail("1.001193")), ("lệ phí", answer)), no_repeal)
        assert not check(verdict, "follow_up").passed


def test_while_options_are_pending_a_follow_up_may_answer_for_them_or_ask_again() -> None:
    the_case = case(**FOLLOW)
    pending = options("1.001193", "1.000689")
    for answer in (pending, detail("1.000689"), legal(procedure("1.001193"), procedure("1.000689"))):
        verdict = answers.grade(transcript(the_case, ("khai sinh", pending), ("lệ phí", answer)), no_repeal)
        assert check(verdict, "follow_up").passed
    outside = answers.grade(transcript(the_case, ("khai sinh", pending), ("lệ phí", options("1.008325"))), no_repeal)
    assert not check(outside, "follow_up").passed


def test_a_numbered_reply_must_detail_that_option() -> None:
    the_case = case(category="follow_up", turns=["khai sinh", {"pick": 2, "say": "số 2"}], expect={"stays": True})
    pending = options("1.001193", "1.000689")
    right = answers.grade(transcript(the_case, ("khai sinh", pending), ("số 2", detail("1.000689"), {}, 1, 2)), no_repeal)
    wrong = answers.grade(transcript(the_case, ("khai sinh", pending), ("số 2", detail("1.001193"), {}, 1, 2)), no_repeal)
    assert right.passed and not check(wrong, "follow_up").passed


def test_a_number_beyond_the_options_must_not_change_the_subject() -> None:
    the_case = case(category="follow_up", turns=["khai sinh", {"pick": 3, "say": "3"}], expect={"stays": True})
    pending = options("1.001193", "1.000689")
    asked_again = answers.grade(transcript(the_case, ("khai sinh", pending), ("3", pending, {}, 1, 3)), no_repeal)
    elsewhere = answers.grade(transcript(the_case, ("khai sinh", pending), ("3", detail("1.008325"), {}, 1, 3)), no_repeal)
    assert asked_again.passed and not elsewhere.passed


# ---------------------------------------------------------------------------------- figures


def test_the_summary_counts_per_category_and_the_hit_rates() -> None:
    good = answers.grade(transcript(case(), ("khai sinh", detail("1.001193"))), no_repeal)
    offered = answers.grade(
        transcript(case(id="c-2"), ("khai sinh", options("1.000689", "1.001193")), ("2", detail("1.001193"), {}, 0, 2)), no_repeal
    )
    missed = answers.grade(transcript(case(id="c-3", category="abbreviated"), ("ks", detail("1.004884"))), no_repeal)
    summary = answers.summarise([good, offered, missed])
    assert summary["categories"]["procedure"] == {"cases": 2, "passed": 2, "rate": 1.0}
    assert summary["categories"]["abbreviated"] == {"cases": 1, "passed": 0, "rate": 0.0}
    assert summary["procedures"] == {"n": 3, "hit@1": 0.333, "hit@3": 0.667, "detailed_first": 0.333, "within_two_turns": 0.667}
    markdown = answers.report([good, offered, missed], summary, ["header"])
    assert "`c-3` «làm giấy khai sinh»" in markdown and "`c-2`" not in markdown


# ---------------------------------------------------------------------------------- the case file and the feed


def write_cases(tmp_path: Path, *records: dict) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


GOOD = {"id": "a", "category": "procedure", "turns": ["làm hộ chiếu"], "expect": {"procedures": ["1.001456"]}}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"category": "weather"}, "nhóm"),
        ({"category": ["procedure"]}, "nhóm"),
        ({"expect": {"procedures": ["1.001456"], "stays": "yes"}}, "'stays'"),
        ({"expect": {"refusal": ["no_grounding"]}}, "lý do từ chối"),
        ({"role": "guest"}, "vai trò"),
        ({"id": "có dấu cách"}, "mã tình huống"),
        ({"turns": []}, "turns"),
        ({"turns": [{"pick": "expected"}]}, "lượt đầu"),
        ({"turns": ["a", {"pick": 2}]}, "lượt không hợp lệ"),
        ({"expect": {}}, "không kiểm tra gì"),
        ({"expect": {"answer": "x"}}, "'expect'"),
        ({"expect": {"refusal": "bored"}}, "lý do từ chối"),
        ({"expect": {"articles": [{"number": "60/2014/QH13"}]}}, "'articles'"),
        ({"expect": {"effects": [{}, {"ticket": 1}]}}, "một mục cho mỗi lượt"),
        ({"expect": {"effects": [{"ticket": -1}]}}, "'effects'"),
        ({"turns": ["a", {"pick": "expected"}], "expect": {"stays": True}}, "cần 'procedures'"),
    ],
)
def test_a_bad_case_is_refused_with_its_line_number(tmp_path: Path, change: dict, message: str) -> None:
    path = write_cases(tmp_path, GOOD, {**GOOD, "id": "b", **change})
    with pytest.raises(BadInput, match=f"dòng 2: .*{message}"):
        answers.load_cases(path)


def test_duplicate_ids_an_empty_file_and_bad_json_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="trùng"):
        answers.load_cases(write_cases(tmp_path, GOOD, GOOD))
    with pytest.raises(BadInput, match="không có tình huống"):
        answers.load_cases(write_cases(tmp_path))
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(BadInput, match="dòng 2"):
        answers.load_cases(path)
    with pytest.raises(BadInput, match="không tìm thấy"):
        answers.load_cases(tmp_path / "missing.jsonl")


def test_turns_are_read_as_messages_and_picks(tmp_path: Path) -> None:
    record = {**GOOD, "turns": ["làm hộ chiếu", {"pick": "expected"}, {"pick": 2, "say": "số 2"}, "lệ phí?"]}
    (read,) = answers.load_cases(write_cases(tmp_path, record))
    assert read.turns == ("làm hộ chiếu", answers.Pick(), answers.Pick(2, "số 2"), "lệ phí?")
    assert read.question == "làm hộ chiếu" and read.role == "citizen"


FEED_HEADER = "number\ttitle\tstatus\tsince\treplaced_by\tbasis\n"


def test_the_feed_gives_the_documents_repealed_by_today(tmp_path: Path) -> None:
    path = tmp_path / "hieu-luc.tsv"
    path.write_text(
        FEED_HEADER
        + "45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\t31/2024/QH15\tx\n"
        + "100/2019/NĐ-CP\tNghị định\tpartially_repealed\t2025-01-01\t168/2024/NĐ-CP\tx\n"
        + "99/2026/QH15\tLuật tương lai\trepealed\t2027-01-01\t1/2027/QH16\tx\n"
        + "72/2025/QH15\tLuật TCCQĐP\tin_force\t2025-07-01\t\tx\n",
        encoding="utf-8",
    )
    found = answers.feed_statuses(path, date(2026, 12, 6))
    assert found == {"45/2013/QH13": "repealed", "100/2019/ND-CP": "partially_repealed"}
    assert "99/2026/QH15" in answers.feed_statuses(path, date(2027, 1, 1))


def test_a_feed_with_a_bad_date_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "hieu-luc.tsv"
    path.write_text(FEED_HEADER + "45/2013/QH13\tLuật Đất đai\trepealed\t01/8/2024\t31/2024/QH15\tx\n", encoding="utf-8")
    with pytest.raises(BadInput, match="dòng 2"):
        answers.feed_statuses(path, date(2026, 12, 6))


# ---------------------------------------------------------------------------------- end to end


TINY_CASES = [
    {"id": "thu-tuc", "category": "procedure", "turns": ["xin giấy phép nuôi chim bồ câu đưa thư ở đâu"],
     "expect": {"procedures": ["9.900001"]}},
    {"id": "ngoai", "category": "out_of_scope", "turns": ["cách nấu phở bò ngon"], "expect": {"refusal": "out_of_scope"}},
    {"id": "phan-anh", "category": "side_effects", "turns": ["Tôi muốn phản ánh: vườn hoa trước chợ bị hái trụi hoa", "1"],
     "expect": {"effects": [{}, {"ticket": 1}]}},
    {"id": "tiep", "category": "follow_up", "turns": ["xin giấy phép nuôi chim bồ câu đưa thư", {"pick": "expected"}, "lệ phí bao nhiêu?"],
     "expect": {"procedures": ["9.900001"], "stays": True}},
    {"id": "soan", "category": "side_effects", "role": "officer",
     "turns": ["soạn giấy mời họp giao ban lúc 9h sáng thứ Hai tuần sau tại phòng họp số 2"], "expect": {"effects": [{"file": 1}]}},
]


@pytest.fixture
def tiny_env(monkeypatch: pytest.MonkeyPatch, fixtures_dir: Path) -> None:
    monkeypatch.setenv("TROLY_EMBEDDER", "hash")
    monkeypatch.setenv("TROLY_KNOWLEDGE", str(fixtures_dir))
    for name in ("TROLY_LLM_BASE_URL", "TROLY_DATABASE_URL", "TROLY_CHROMA_URL", "TROLY_NLU"):
        monkeypatch.delenv(name, raising=False)


def test_the_runner_sends_each_case_through_the_assistant_and_writes_the_report(
    tiny_env, tiny_index_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    cases = write_cases(tmp_path, *TINY_CASES)
    reports = tmp_path / "reports"
    before = sorted(p.name for p in tiny_index_dir.iterdir())
    assert answers.main(["--data", str(tiny_index_dir), "--cases", str(cases), "--reports", str(reports), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    details = {c["id"]: c for c in json.loads((reports / "answers.json").read_text(encoding="utf-8"))["cases"]}
    assert summary["cases"] == 5 and set(details) == {"thu-tuc", "ngoai", "phan-anh", "tiep", "soan"}
    assert details["thu-tuc"]["passed"] and details["thu-tuc"]["procedure_rank"] == 0
    assert details["ngoai"]["passed"]
    assert details["soan"]["passed"], details["soan"]  # the drafted .docx is counted as the one file asked for
    # however the complaint is handled, one ticket exists once the user has answered "1"
    assert "{'ticket': 1}" in details["phan-anh"]["seen"].split("‖")[-1]
    markdown = (reports / "answers.md").read_text(encoding="utf-8")
    assert "| procedure |" in markdown and "| side_effects |" in markdown and "## Failing cases" in markdown
    # the stores were made for the run: the index's data dir is left as it was
    assert sorted(p.name for p in tiny_index_dir.iterdir()) == before


def test_bad_input_is_named_and_exits_with_2(tiny_env, tiny_index_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    cases = write_cases(tmp_path, *TINY_CASES[:1])
    assert answers.main(["--data", str(tmp_path), "--cases", str(cases), "--reports", str(tmp_path / "r")]) == 2
    assert "không có chỉ mục" in capsys.readouterr().err
    missing = ["--data", str(tiny_index_dir), "--cases", str(tmp_path / "none.jsonl"), "--reports", str(tmp_path / "r")]
    assert answers.main(missing) == 2
    assert "không tìm thấy tệp tình huống" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_a_turn_that_raises_fails_its_case_and_the_run_goes_on(tiny_env, tiny_index_dir: Path) -> None:
    the_case = case(category="follow_up", turns=["câu này làm hỏng", "xin giấy phép nuôi chim bồ câu đưa thư"],
                    expect={"procedures": ["9.900001"], "stays": True})
    with answers.fresh_assistant(tiny_index_dir) as assistant:
        real = assistant.ask

        def ask(message: str, **options):
            if "hỏng" in message:
                raise RuntimeError("boom")
            return real(message, **options)

        assistant.ask = ask
        ran = answers.Runner(assistant).run(the_case)
    assert len(ran.exchanges) == 2 and answers.procedure_ids(ran.exchanges[1].answer) == ["9.900001"]
    verdict = answers.grade(ran, no_repeal)
    assert check(verdict, "error").detail == "RuntimeError: boom" and not verdict.passed
    assert "error RuntimeError: boom" in verdict.seen


def test_choices_that_are_not_procedures_do_not_make_options() -> None:
    """A "Xem chi tiết" button on a detailed procedure, "1. Gửi 2. Không" on a complaint."""
    more = Answer(text="Thủ tục …", intent="procedure_guide", citations=(procedure("1.001193"),), grounded=True,
                  choices=(Choice(1, "Xem chi tiết", "chi tiết"),)).to_json()
    assert answers.detailed(more) == "1.001193" and answers.choice_values(more) == []
    confirm = Answer(text="Bạn muốn gửi phản ánh …?", intent="feedback", grounded=True,
                     choices=(Choice(1, "Gửi", "gui"), Choice(2, "Không", "khong"))).to_json()
    assert answers.detailed(confirm) is None and answers.options(confirm) == {}
    verdict = answers.grade(transcript(case(**FOLLOW), ("khai sinh", more), ("lệ phí", more)), no_repeal)
    assert verdict.passed
