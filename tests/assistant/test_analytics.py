"""Top concerns from the redacted turn log: counted once per conversation, citizens only."""
from datetime import datetime, timedelta

import pytest

from assistant.analytics import NO_FIELD, ProcedureName, top_concerns
from assistant.sessions import TurnRecord
from assistant.tasks.dates import TZ
from knowledge.errors import BadInput

NOW = datetime(2026, 11, 24, 16, 0, tzinfo=TZ)
NAMES = {
    "1.001193": ProcedureName("Thủ tục đăng ký khai sinh", "Hộ tịch"),
    "1.004227": ProcedureName("Thủ tục đăng ký thường trú", "Đăng ký, quản lý cư trú"),
}


def turn(session: str, intent: str, procedure: str | None = None, field: str | None = None,
         role: str = "citizen", hours_ago: float = 1) -> TurnRecord:
    at = (NOW - timedelta(hours=hours_ago)).timestamp()
    return TurnRecord(session, at, "web", role, intent, "…", "…", procedure, field, True, None)


def concerns(turns, period="day"):
    return top_concerns(turns, NAMES.get, period, NOW)


def test_a_conversation_counts_once_however_many_turns_it_takes():
    result = concerns([
        turn("a", "procedure_guide", "1.001193", "Hộ tịch"),
        turn("a", "procedure_detail", "1.001193"),
        turn("a", "procedure_detail", "1.001193"),
        turn("b", "procedure_guide", "1.004227", "Đăng ký, quản lý cư trú"),
        turn("c", "procedure_detail", "1.004227"),
    ])
    by_procedure = [(c.key, c.label, c.conversations) for c in result.by_procedure]
    assert by_procedure == [
        ("1.004227", "Thủ tục đăng ký thường trú (1.004227)", 2),
        ("1.001193", "Thủ tục đăng ký khai sinh (1.001193)", 1),
    ]
    assert [(c.key, c.conversations) for c in result.by_field] == [("Đăng ký, quản lý cư trú", 2), ("Hộ tịch", 1)]
    assert [(c.key, c.conversations) for c in result.by_intent] == [("procedure_detail", 2), ("procedure_guide", 2)]
    assert result.conversations == 3


def test_officers_and_conversation_mechanics_are_not_concerns_but_a_chosen_option_counts_for_its_procedure():
    result = concerns([
        turn("a", "greeting"),
        turn("a", "procedure_guide"),  # options offered, nothing chosen yet
        turn("a", "choose_option", "1.001193", "Hộ tịch"),
        turn("a", "thanks", "1.001193"),
        turn("o", "legal_question", "1.004227", role="officer"),
    ])
    assert [c.key for c in result.by_procedure] == ["1.001193"]
    assert [c.key for c in result.by_intent] == ["procedure_guide"]
    assert result.by_intent[0].label == "Hỏi thủ tục cần làm"


def test_the_window_is_the_last_day_or_the_last_week():
    turns = [turn("today", "feedback", hours_ago=2), turn("three-days-ago", "handover", hours_ago=72)]
    assert [c.key for c in concerns(turns, "day").by_intent] == ["feedback"]
    assert {c.key for c in concerns(turns, "week").by_intent} == {"feedback", "handover"}
    assert concerns([turn("old", "feedback", hours_ago=24 * 8)], "week").conversations == 0


def test_a_procedure_without_a_logged_field_takes_its_field_from_the_knowledge_base_or_stays_unnamed():
    result = concerns([turn("a", "procedure_detail", "1.001193"), turn("b", "procedure_detail", "9.999999")])
    assert {c.key: c.label for c in result.by_field} == {"Hộ tịch": "Hộ tịch", NO_FIELD: NO_FIELD}
    assert {c.key: c.label for c in result.by_procedure}["9.999999"] == "9.999999"


def test_only_the_top_ten_are_kept_most_frequent_first():
    turns = [turn(f"s{i}-{j}", "procedure_guide", f"1.{i:06d}") for i in range(12) for j in range(i + 1)]
    ranked = concerns(turns).by_procedure
    assert len(ranked) == 10
    assert [c.conversations for c in ranked] == list(range(12, 2, -1))


def test_json_shape():
    data = concerns([turn("a", "feedback")], "week").to_json()
    assert data["period"] == "week" and data["conversations"] == 1
    assert data["by_intent"] == [{"key": "feedback", "label": "Phản ánh, kiến nghị", "conversations": 1}]
    assert data["since"] == "2026-11-17T16:00:00+07:00"


def test_an_unknown_period_is_bad_input():
    with pytest.raises(BadInput, match="kỳ thống kê"):
        concerns([], "month")
