"""Tasks and reminders (đôn đốc nhắc việc): time understanding, store, scheduler, delivery.

- ``parse_when(text, now)`` -> ``When | Clarification``: Vietnamese time expressions;
- ``TaskStore``: tasks, assignments, overdue lists, weekly summaries, the due-point outbox;
- ``Scheduler``: due points delivered once each through ``Notifier``s (``WebInbox``);
- ``handle_reminder_message`` / ``handle_reminder_action``: what chat channels call.
"""
from assistant.tasks.chat import TaskCreated, handle_reminder_action, handle_reminder_message, is_reminder_action
from assistant.tasks.notifiers import InboxMessage, Notifier, WebInbox
from assistant.tasks.recurrence import Recurrence
from assistant.tasks.scheduler import ReminderConfig, Scheduler, SystemClock, task_points
from assistant.tasks.store import Delivery, DuePoint, Task, TaskStore, UnitWeek
from assistant.tasks.timeparse import Clarification, Extraction, When, extract_when, parse_when

__all__ = [
    "Clarification",
    "Delivery",
    "DuePoint",
    "Extraction",
    "InboxMessage",
    "Notifier",
    "Recurrence",
    "ReminderConfig",
    "Scheduler",
    "SystemClock",
    "Task",
    "TaskCreated",
    "TaskStore",
    "UnitWeek",
    "When",
    "WebInbox",
    "extract_when",
    "handle_reminder_action",
    "handle_reminder_message",
    "is_reminder_action",
    "parse_when",
    "task_points",
]
