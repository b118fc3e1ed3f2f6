"""Top concerns: what citizens asked about most over the last day or week.

Computed from the redacted turn log (``SessionStore.turns``), never from raw messages.
A concern is counted once per conversation, however many turns it took: ten
follow-ups on the same thủ tục by one citizen weigh as much as one question by
another. Three rankings:

- by thủ tục (procedure code, with its name);
- by lĩnh vực (the procedure's field, e.g. "Hộ tịch");
- by intent (what kind of help was asked: thủ tục, pháp luật, phản ánh, gặp cán bộ…).

Turns of officers and delegates, and the mechanics of a conversation (greetings,
thanks, picking a numbered option), are not concerns; a picked option still counts
for the procedure it chose.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from assistant.sessions import TurnRecord
from knowledge.errors import BadInput

PERIODS: dict[str, timedelta] = {"day": timedelta(days=1), "week": timedelta(days=7)}
TOP = 10
INTENT_LABELS: dict[str, str] = {
    "procedure_guide": "Hỏi thủ tục cần làm",
    "procedure_detail": "Hỏi chi tiết thủ tục (lệ phí, thời hạn, nơi nộp…)",
    "legal_question": "Hỏi quy định pháp luật",
    "feedback": "Phản ánh, kiến nghị",
    "handover": "Yêu cầu gặp cán bộ",
    "out_of_scope": "Ngoài phạm vi hỗ trợ",
}
_MECHANICS = frozenset({"greeting", "thanks", "choose_option"})
NO_FIELD = "Chưa xác định lĩnh vực"


@dataclass(frozen=True)
class ProcedureName:
    title: str
    field: str


@dataclass(frozen=True)
class Concern:
    key: str  # procedure code, field name or intent
    label: str
    conversations: int

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "label": self.label, "conversations": self.conversations}


@dataclass(frozen=True)
class TopConcerns:
    period: str
    since: datetime
    until: datetime
    conversations: int  # citizens' conversations with at least one counted turn
    by_procedure: tuple[Concern, ...]
    by_field: tuple[Concern, ...]
    by_intent: tuple[Concern, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "since": self.since.isoformat(timespec="seconds"),
            "until": self.until.isoformat(timespec="seconds"),
            "conversations": self.conversations,
            "by_procedure": [c.to_json() for c in self.by_procedure],
            "by_field": [c.to_json() for c in self.by_field],
            "by_intent": [c.to_json() for c in self.by_intent],
        }


def period_start(period: str, now: datetime) -> datetime:
    """The start of the window ``period`` ("day": the last 24 hours, "week": the last 7 days) ending at ``now``."""
    if period not in PERIODS:
        raise BadInput(f"kỳ thống kê không hợp lệ: '{period}' (chọn: {', '.join(PERIODS)})")
    return now - PERIODS[period]


def _ranked(sessions_by_key: dict[str, set[str]], label: Callable[[str], str], k: int) -> tuple[Concern, ...]:
    ranked = sorted(sessions_by_key.items(), key=lambda item: (-len(item[1]), item[0]))
    return tuple(Concern(key, label(key), len(sessions)) for key, sessions in ranked[:k])


def top_concerns(
    turns: Iterable[TurnRecord],
    describe: Callable[[str], ProcedureName | None],
    period: str,
    now: datetime,
    k: int = TOP,
) -> TopConcerns:
    """The ``k`` most frequent concerns among citizens' turns of the window ``period`` ending at ``now``.

    ``describe`` names a procedure code (its title and lĩnh vực), or returns None when the
    knowledge base no longer holds it (the code then stands for itself).
    """
    since = period_start(period, now)
    start, end = since.timestamp(), now.timestamp()
    by_procedure: dict[str, set[str]] = defaultdict(set)
    by_field: dict[str, set[str]] = defaultdict(set)
    by_intent: dict[str, set[str]] = defaultdict(set)
    names: dict[str, ProcedureName | None] = {}
    for turn in turns:
        if turn.role != "citizen" or not start <= turn.at <= end:
            continue
        if turn.procedure:
            if turn.procedure not in names:
                names[turn.procedure] = describe(turn.procedure)
            name = names[turn.procedure]
            by_procedure[turn.procedure].add(turn.session_id)
            by_field[turn.field or (name.field if name and name.field else NO_FIELD)].add(turn.session_id)
        if turn.intent not in _MECHANICS:
            by_intent[turn.intent].add(turn.session_id)
    counted = set().union(*by_procedure.values(), *by_intent.values())

    def procedure_label(code: str) -> str:
        name = names.get(code)
        return f"{name.title} ({code})" if name else code

    return TopConcerns(
        period=period,
        since=since,
        until=now,
        conversations=len(counted),
        by_procedure=_ranked(by_procedure, procedure_label, k),
        by_field=_ranked(by_field, lambda field: field, k),
        by_intent=_ranked(by_intent, lambda intent: INTENT_LABELS.get(intent, intent), k),
    )
