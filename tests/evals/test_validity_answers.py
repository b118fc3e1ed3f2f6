from datetime import date

from assistant.answer import Answer, Citation
from evals.validity_answers import NOT_IN_KB, Question, Tally, judge, main, says, superseded_on
from knowledge.parsing.status_feed import parse_feed

FEED = parse_feed((
    "number\ttitle\tstatus\tsince\treplaced_by\tbasis\n"
    "45/2013/QH13\tLuật Đất đai\trepealed\t2024-08-01\t31/2024/QH15\tx\n"
    "59/2014/QH13\tLuật Căn cước công dân\trepealed\t2024-07-01\t26/2023/QH15\tx\n"
    "58/2014/QH13\tLuật Bảo hiểm xã hội\trepealed\t2027-07-01\t41/2024/QH15\tx\n"
).encode("utf-8"), "hieu-luc.tsv")
REPEALED = superseded_on(FEED.rows, date(2026, 12, 6))
IN_KB = {"31/2024/QH15"}.__contains__


def law(number, status):
    return Citation(kind="law", id=number, title="Luật", article="1", status=status, text="…")


def test_only_what_the_feed_marks_repealed_on_that_day_is_the_reference():
    assert sorted(REPEALED) == ["45/2013/QH13", "59/2014/QH13"]  # 58/2014/QH13 only from 2027


def test_says_reads_what_follows_a_number_up_to_the_next_one():
    text = "Theo Điều 16 Luật Đất đai (45/2013/QH13, đã hết hiệu lực từ 01/8/2024, được thay thế bởi Luật Đất đai 31/2024/QH15):"
    assert says(text, "45/2013/QH13", "hết hiệu lực")
    assert not says(text + "\nXem thêm Điều 1 (31/2024/QH15, còn hiệu lực)", "45/2013/QH13", "còn hiệu lực")
    assert says("Luật Đất đai (45/2013/QH13, còn hiệu lực):", "45/2013/QH13", "còn hiệu lực")


def test_an_answer_showing_a_repealed_law_as_in_force_is_counted():
    tally = Tally()
    shown = Answer("Theo Điều 1 Luật Đất đai (45/2013/QH13, còn hiệu lực):\n«…»", "legal_question",
                   (law("45/2013/QH13", "in_force"),), grounded=True)
    judge(shown, None, Question("thu hồi đất"), REPEALED, IN_KB, tally, "q1")
    assert (tally.superseded, len(tally.shown_in_force), len(tally.not_said)) == (1, 1, 1)


def test_a_correct_answer_counts_nothing_and_a_missing_warning_is_listed():
    tally = Tally()
    text = ("Lưu ý: Luật Căn cước công dân 59/2014/QH13 đã hết hiệu lực từ 01/7/2024, được thay thế bởi Luật Căn cước"
            f" 26/2023/QH15; {NOT_IN_KB}; nội dung dưới đây là của văn bản cũ.\nTheo … (59/2014/QH13, đã hết hiệu lực từ 01/7/2024)")
    judge(Answer(text, "legal_question", (law("59/2014/QH13", "repealed"),), True), None, Question("căn cước"), REPEALED, IN_KB,
          tally, "q2")
    assert (tally.superseded, tally.shown_in_force, tally.not_said, tally.warned_expected, tally.unwarned) == (1, [], [], 1, [])
    unwarned = Answer("Theo … (59/2014/QH13, đã hết hiệu lực từ 01/7/2024)", "legal_question", (law("59/2014/QH13", "repealed"),), True)
    judge(unwarned, None, Question("căn cước"), REPEALED, IN_KB, tally, "q3")
    assert len(tally.unwarned) == 1 and tally.not_said == []


def test_in_force_first_is_counted_for_questions_whose_replacement_is_in_the_knowledge_base():
    tally = Tally()
    question = Question("thu hồi đất", current="31/2024/QH15")
    judge(Answer("Theo … (31/2024/QH15, còn hiệu lực)", "legal_question", (law("31/2024/QH15", "in_force"),), True),
          "31/2024/QH15", question, REPEALED, IN_KB, tally, "q4")
    judge(Answer("Xin lỗi", "legal_question", refusal_reason="out_of_scope"), "45/2013/QH13", question, REPEALED, IN_KB, tally, "q5")
    assert (tally.current_expected, tally.current_first, tally.current_retrieved) == (2, ["q4"], ["q4"])
    assert tally.current_missed == ["q5: no law cited (out_of_scope)"]


def test_a_data_dir_without_an_index_is_bad_input(tmp_path, capsys):
    feed = tmp_path / "hieu-luc.tsv"
    feed.write_text("number\ttitle\tstatus\tsince\treplaced_by\tbasis\n", encoding="utf-8")
    assert main(["--data", str(tmp_path), "--feed", str(feed), "--out", str(tmp_path / "r.md")]) == 2
    assert "no index folder" in capsys.readouterr().err
