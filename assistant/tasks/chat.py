"""Reminders from chat: "nhắc tôi nộp báo cáo quý lúc 9h sáng thứ Hai tuần sau".

``handle_reminder_message`` is what the assistant pipeline calls for the
``reminder`` intent. It understands

- a reminder for oneself: "nhắc tôi / nhắc mình / đặt lịch nhắc <việc> <khi nào>";
- an assignment by a manager: "giao (cho) anh Minh <việc> <khi nào>",
  "nhắc chị Lan <việc> <khi nào>" — the person is looked up in the manager's unit;

and answers with the created task and a confirmation that says the date in words,
or with a ``Clarification`` (no time, an ambiguous time, no title, a name that
matches nobody or several people). What the person cannot fix by answering — a
citizen asking, an officer assigning work outside their rights — is ``BadInput``.

``handle_reminder_action`` is what a channel calls for a reminder's button
(callback data ``done:12``) or a reply "xong 12": it marks the task done.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from assistant.security.users import User
from assistant.tasks.dates import describe
from assistant.tasks.scheduler import DONE_ACTION
from assistant.tasks.store import Task, TaskStore
from assistant.tasks.timeparse import Clarification, When, extract_when
from knowledge.errors import BadInput
from knowledge.parsing.citations import find_numbers
from knowledge.text import fold, normalize

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_POLITE = {"hay", "lam", "on", "vui", "long", "xin", "giup", "gium", "dum", "ban", "tro", "ly", "oi", "nhe", "a"}
_ME = {"toi", "minh", "tui", "to"}  # always the speaker
_SELF = _ME | {"em", "anh", "chi"}  # the speaker, unless a colleague's name follows
_SELF_VERBS = (("dat", "lich", "nhac"), ("dat", "nhac", "nho"), ("tao", "nhac", "viec"), ("ghi", "nho"),
               ("nhac", "nho"), ("nhac",))
_ASSIGN_VERBS = (("giao", "viec", "cho"), ("giao", "cho"), ("giao",), ("phan", "cong", "cho"), ("phan", "cong"),
                 ("yeu", "cau"), ("nhac",))
_HONORIFICS = {"anh", "chi", "em", "co", "chu", "bac", "ong", "ba", "dc"}
_TITLE_EDGES = {"la", "ve", "viec", "rang", "de", "nhe", "nha", "a", "giup", "voi", "cho", "toi", "minh", "vao", "luc"}
_MAX_NAME_WORDS = 4
_ACTION = re.compile(
    rf"^\s*(?:{DONE_ACTION}:|(?:đã\s+|da\s+)?(?:xong|hoàn\s+thành|hoan\s+thanh)\s*#?)\s*(\d+)\s*$", re.IGNORECASE
)


@dataclass(frozen=True)
class TaskCreated:
    task: Task
    assignee: User
    text: str  # the confirmation to send back


@dataclass(frozen=True)
class _Words:
    text: str
    spans: list[tuple[int, int]]
    folded: list[str]

    @classmethod
    def of(cls, text: str) -> "_Words":
        matches = list(_WORD.finditer(text))
        return cls(text, [m.span() for m in matches], [fold(m.group()) for m in matches])

    def starts(self, index: int, words: tuple[str, ...]) -> bool:
        return tuple(self.folded[index:index + len(words)]) == words

    def rest(self, index: int) -> str:
        return self.text[self.spans[index][0]:] if index < len(self.spans) else ""


def handle_reminder_message(
    text: str, user: User, now: datetime, store: TaskStore | None = None
) -> TaskCreated | Clarification:
    """Create the task a reminder message asks for, or ask back."""
    store = store or TaskStore.open()
    if user.role == "citizen":
        raise BadInput("chức năng nhắc việc dành cho cán bộ, công chức và đại biểu")
    words = _Words.of(normalize(text).strip())
    assignee, body = _addressee(words, user, store)
    if isinstance(assignee, Clarification):
        return assignee
    extraction = extract_when(body, now)
    result = extraction.result
    if result is None:
        return Clarification("Bạn muốn được nhắc vào lúc nào? Ví dụ: “9h sáng thứ Hai tuần sau”.", "no_time")
    if isinstance(result, Clarification):
        return result
    title = _title(extraction.text, extraction.spans)
    if not title:
        return Clarification("Bạn muốn nhắc việc gì?", "no_title", result)
    numbers = find_numbers(title)
    task = store.create_task(
        title, assignee, result.due, assigned_by=user, source_doc=numbers[0] if numbers else None,
        recurrence=result.recurrence,
    )
    return TaskCreated(task, assignee, _confirmation(task, assignee, user, result))


def _addressee(words: _Words, user: User, store: TaskStore) -> tuple[User | Clarification, str]:
    """Who the task is for, and the text after the command words ("làm ơn", "hãy" before them are skipped)."""
    polite = 0
    while polite < len(words.folded) and words.folded[polite] in _POLITE:
        polite += 1
    start = polite if any(words.starts(polite, verb) for verb in _ASSIGN_VERBS + _SELF_VERBS) else 0
    for verb in _ASSIGN_VERBS:
        if not words.starts(start, verb):
            continue
        after = start + len(verb)
        if verb == ("nhac",) and after < len(words.folded) and words.folded[after] in _ME:
            break
        named = _named_person(words, after, user, store, explicit=verb != ("nhac",))
        if named is not None:
            return named
        break
    for verb in _SELF_VERBS:
        if words.starts(start, verb):
            after = start + len(verb)
            if after < len(words.folded) and words.folded[after] in _SELF:
                after += 1
            return user, words.rest(after)
    return user, words.rest(start)


def _named_person(
    words: _Words, index: int, user: User, store: TaskStore, explicit: bool
) -> tuple[User | Clarification, str] | None:
    """"anh Minh", "chị Trần Thị Lan", "đồng chí Hùng": the longest name that matches someone."""
    honorific = 0
    if index < len(words.folded) and words.folded[index] in _HONORIFICS:
        honorific = 1
    elif words.starts(index, ("dong", "chi")):
        honorific = 2
    first = index + honorific
    unit = None if user.role == "admin" else user.unit
    for size in range(_MAX_NAME_WORDS, 0, -1):
        if first + size > len(words.folded):
            continue
        name = words.text[words.spans[first][0]:words.spans[first + size - 1][1]]
        matches = [u for u in store.users.find(name, unit=unit) if u.role != "citizen"]
        if len(matches) == 1:
            return matches[0], words.rest(first + size)
        if len(matches) > 1:
            names = ", ".join(u.name for u in matches)
            return Clarification(f"Có nhiều người tên “{name}”: {names}. Bạn muốn giao cho ai?", "ambiguous_person"), ""
    looks_named = first < len(words.spans) and words.text[words.spans[first][0]].isupper()
    if explicit or (honorific and looks_named):
        shown = words.text[words.spans[first][0]:words.spans[first][1]] if first < len(words.spans) else ""
        where = f" trong {user.unit}" if unit else ""
        return Clarification(f"Không tìm thấy cán bộ tên “{shown}”{where}. Bạn muốn giao cho ai?", "unknown_person"), ""
    return None


def _title(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    """The message without its time expression and the small words left at its edges."""
    kept, position = [], 0
    for start, end in spans:
        kept.append(text[position:start])
        position = end
    kept.append(text[position:])
    words = " ".join(" ".join(kept).split()).strip(" ,.;:!?-")
    pieces = words.split()
    while pieces and fold(pieces[0]) in _TITLE_EDGES:
        pieces.pop(0)
    while pieces and fold(pieces[-1].strip(",.;:!?")) in _TITLE_EDGES:
        pieces.pop()
    return " ".join(pieces).strip(" ,.;:!?-")


def _confirmation(task: Task, assignee: User, user: User, when: When) -> str:
    what = f"việc #{task.id}: «{task.title}» — hạn {describe(task.due)}"
    text = f"Đã đặt nhắc {what}" if assignee.id == user.id else f"Đã giao {assignee.name} {what}"
    if when.recurrence:
        text += f"; lặp lại {when.recurrence.describe()}"
    text += "."
    if task.source_doc:
        text += f" Theo văn bản số {task.source_doc}."
    if when.assumptions:
        text += " (" + "; ".join(when.assumptions) + ".)"
    return text


def is_reminder_action(text: str) -> bool:
    """Whether a message or button is a reminder action ("done:12", "xong 12") for ``handle_reminder_action``."""
    return _ACTION.match(text or "") is not None


def handle_reminder_action(data: str, user: User, store: TaskStore | None = None) -> str:
    """A reminder's button (``done:12``) or a reply ("xong 12", "đã xong #12"): mark the task done."""
    store = store or TaskStore.open()
    match = _ACTION.match(data or "")
    if match is None:
        raise BadInput(f"không hiểu thao tác '{data}'; hãy trả lời: xong <số việc>")
    task = store.get(int(match.group(1)))
    already = task.status == "done"
    task = store.mark_done(task.id, by=user)
    if already:
        return f"Việc #{task.id} «{task.title}» đã được đánh dấu hoàn thành trước đó."
    return f"Đã ghi nhận hoàn thành việc #{task.id}: «{task.title}»."
