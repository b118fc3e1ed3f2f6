from datetime import datetime

from assistant.tasks.dates import TZ
from assistant.tasks.notifiers import WebInbox
from assistant.tasks.store import DuePoint
from knowledge.settings import Settings


def point(key: str, user_id: int = 1) -> DuePoint:
    return DuePoint(key, "due", user_id, datetime(2026, 11, 30, 9, 0, tzinfo=TZ), False, "web", str(user_id),
                    "Đến hạn — việc #3: «nộp báo cáo quý»", (("Đã xong", "done:3"),), 3)


def test_the_inbox_keeps_one_message_per_key(store_settings: Settings) -> None:
    inbox = WebInbox.open(store_settings)
    inbox.send(point("task:3:due:1"))
    inbox.send(point("task:3:due:1"))  # a repeat after a crash
    inbox.send(point("task:4:due:1", user_id=2))
    (message,) = inbox.messages(1)
    assert (message.text, message.actions, message.task_id, message.read) == (
        "Đến hạn — việc #3: «nộp báo cáo quý»", (("Đã xong", "done:3"),), 3, False
    )
    assert inbox.mark_read(2, [message.id]) == 0  # not theirs
    assert inbox.mark_read(1, [message.id]) == 1
    assert inbox.messages(1, unread_only=True) == []
    other_worker = WebInbox.open(store_settings)
    other_worker.send(point("task:3:due:1"))
    assert [(m.id, m.read) for m in other_worker.messages(1)] == [(message.id, True)]
    other_worker.close()
    inbox.close()
