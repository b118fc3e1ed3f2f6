"""The delegate's session calendar: the kỳ họp and the thẩm tra deadlines as reminders.

Each event is said the way a delegate says it ("kỳ họp thứ 12 ngày 10/12", "hạn
gửi ý kiến thẩm tra 05/12", "họp Ban Kinh tế - Ngân sách 14h ngày 3/12") and goes
through the task module's own chat handler, so the time is read, asked back or
refused exactly as any reminder is, and the scheduler reminds the delegate before
it. When the events concern a tờ trình, its số, ký hiệu is written into each
reminder (the task's source document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from assistant.hdnd.submission import Submission
from assistant.security.users import User
from assistant.tasks import Clarification, Task, TaskStore, handle_reminder_message
from knowledge.errors import BadInput

# "kỳ họp thứ 12 ngày 10/12 và hạn gửi ý kiến thẩm tra 05/12": events joined by "và", ";" or a new line.
_SEPARATOR = re.compile(r"\s*(?:;|\n|,?\s+và\s+(?=(?:hạn|kỳ|phiên|họp|hội nghị|tiếp xúc|gửi|nộp|thẩm tra)\b))\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Scheduled:
    event: str
    text: str  # the confirmation, or the question to answer
    task: Task | None  # None when the event was not scheduled (``text`` says why)


def split_events(message: str) -> list[str]:
    """The events of one message, in order."""
    return [part.strip(" .") for part in _SEPARATOR.split(message) if part.strip(" .")]


def schedule_session(
    events: list[str], user: User, now: datetime, store: TaskStore, submission: Submission | None = None
) -> list[Scheduled]:
    """A reminder for each event; an event whose time is missing or unclear is asked back, not guessed."""
    reference = f" ({submission.reference})" if submission and submission.metadata.number else ""
    scheduled = []
    for event in events:
        try:
            outcome = handle_reminder_message(f"nhắc tôi {event}{reference}", user, now, store)
        except BadInput as exc:
            scheduled.append(Scheduled(event, f"«{event}»: {exc}", None))
            continue
        if isinstance(outcome, Clarification):
            scheduled.append(Scheduled(event, f"«{event}»: {outcome.question}", None))
        else:
            scheduled.append(Scheduled(event, outcome.text, outcome.task))
    return scheduled
