"""``troly remind add|list|done|cancel|summary|run``: tasks and reminders from the command line.

Commands act as the installation's operator; ``--as NAME`` acts as that user
instead, with that user's rights (a manager assigns within the unit).
"""
from __future__ import annotations

import argparse
import json
from datetime import date

from assistant.security.users import User, UserDirectory
from assistant.tasks.dates import describe
from assistant.tasks.notifiers import WebInbox
from assistant.tasks.scheduler import ReminderConfig, Scheduler, SystemClock
from assistant.tasks.store import Task, TaskStore
from assistant.tasks.timeparse import Clarification, When, parse_when
from knowledge.errors import BadInput
from knowledge.settings import Settings


def register(subparsers) -> None:
    parser = subparsers.add_parser("remind", help="nhắc việc: giao việc, danh sách, hoàn thành, chạy bộ nhắc")
    commands = parser.add_subparsers(dest="remind_command", metavar="ACTION", required=True)

    add = commands.add_parser("add", help="tạo việc có hạn (và lịch lặp lại)")
    add.add_argument("title", help="tên công việc")
    add.add_argument("--due", help="thời hạn bằng lời, ví dụ \"9h sáng thứ Hai tuần sau\", \"15/12/2026 14h\"")
    add.add_argument("--assignee", help="người thực hiện (mặc định: người dùng của --as)")
    add.add_argument("--as", dest="acting", metavar="NAME", help="người giao việc")
    add.add_argument("--source-doc", metavar="NUMBER", help="số/ký hiệu văn bản, ví dụ 123/UBND-VP")
    add.add_argument("--recurrence", help="lặp lại, ví dụ \"mỗi sáng thứ Sáu lúc 8h\", \"hằng tháng ngày 5\"")
    add.set_defaults(handler=_add)

    listing = commands.add_parser("list", help="danh sách việc đang mở")
    listing.add_argument("--user", help="chỉ việc của người này")
    listing.add_argument("--unit", help="chỉ việc của đơn vị này")
    listing.add_argument("--overdue", action="store_true", help="chỉ việc quá hạn")
    listing.add_argument("--all", action="store_true", help="cả việc đã xong và đã hủy")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_list)

    for name, help_text, handler in (("done", "đánh dấu hoàn thành", _done), ("cancel", "hủy việc", _cancel)):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("id", type=int, help="số việc")
        command.add_argument("--as", dest="acting", metavar="NAME")
        command.set_defaults(handler=handler)

    summary = commands.add_parser("summary", help="tổng hợp tuần của một đơn vị")
    summary.add_argument("--unit", required=True)
    summary.add_argument("--week", type=date.fromisoformat, help="một ngày trong tuần (YYYY-MM-DD); mặc định tuần này")
    summary.set_defaults(handler=_summary)

    run = commands.add_parser("run", help="chạy bộ nhắc việc (gửi nhắc đúng hạn, một lần mỗi mốc)")
    run.add_argument("--once", action="store_true", help="một lượt rồi dừng (dùng với cron)")
    run.add_argument("--interval", type=float, default=30.0, help="giây giữa hai lượt (mặc định 30)")
    run.set_defaults(handler=_run)


def _stores() -> tuple[UserDirectory, TaskStore]:
    settings = Settings.from_env()
    users = UserDirectory.open(settings)
    return users, TaskStore.open(settings, users)


def _acting(users: UserDirectory, name: str | None) -> User | None:
    return users.by_name(name) if name else None


def _when(text: str, now) -> When:
    result = parse_when(text, now)
    if isinstance(result, Clarification):
        raise BadInput(f"thời hạn “{text}”: {result.question}")
    return result


def _add(args: argparse.Namespace) -> int:
    users, store = _stores()
    acting = _acting(users, args.acting)
    if args.assignee:
        assignee = users.by_name(args.assignee)
    elif acting is not None:
        assignee = acting
    else:
        raise BadInput("cần --assignee NAME (hoặc --as NAME để tự nhắc mình)")
    if not args.due and not args.recurrence:
        raise BadInput("cần --due (thời hạn) hoặc --recurrence (lịch lặp lại)")
    now = SystemClock().now()
    repeated = _when(args.recurrence, now) if args.recurrence else None
    if repeated is not None and repeated.recurrence is None:
        raise BadInput(f"“{args.recurrence}” không phải lịch lặp lại (ví dụ: \"hằng tháng ngày 5\")")
    when = _when(args.due, now) if args.due else repeated
    rule = repeated.recurrence if repeated is not None else when.recurrence
    task = store.create_task(
        args.title, assignee, when.due, assigned_by=acting, source_doc=args.source_doc, recurrence=rule
    )
    print(f"Đã tạo việc #{task.id} «{task.title}» cho {assignee.name} — hạn {describe(task.due)}"
          + (f"; lặp lại {task.recurrence.describe()}" if task.recurrence else ""))
    for note in when.assumptions:
        print(f"  ({note})")
    return 0


def _list(args: argparse.Namespace) -> int:
    users, store = _stores()
    now = SystemClock().now()
    user_id = users.by_name(args.user).id if args.user else None
    statuses = ("open", "done", "cancelled") if args.all else ("open",)
    tasks = store.overdue(now, user_id, args.unit) if args.overdue else store.tasks(user_id, statuses, args.unit)
    if args.json:
        print(json.dumps([_task_json(task, users, now) for task in tasks], ensure_ascii=False, indent=1))
        return 0
    if not tasks:
        print("Không có việc nào.")
    for task in tasks:
        print(_task_line(task, users, now))
    return 0


def _task_json(task: Task, users: UserDirectory, now) -> dict:
    assignee = users.get(task.assignee_id)
    return {
        "id": task.id, "title": task.title, "assignee": assignee.name if assignee else None,
        "due": task.due.isoformat(), "status": task.status, "overdue": task.is_overdue(now),
        "source_doc": task.source_doc, "recurrence": task.recurrence.describe() if task.recurrence else None,
        "unit": task.unit,
    }


def _task_line(task: Task, users: UserDirectory, now) -> str:
    assignee = users.get(task.assignee_id)
    state = "QUÁ HẠN" if task.is_overdue(now) else {"open": "đang mở", "done": "đã xong", "cancelled": "đã hủy"}[task.status]
    extra = f" (văn bản {task.source_doc})" if task.source_doc else ""
    extra += f" [{task.recurrence.describe()}]" if task.recurrence else ""
    return f"#{task.id}\t{describe(task.due)}\t{state}\t{assignee.name if assignee else '?'}\t{task.title}{extra}"


def _done(args: argparse.Namespace) -> int:
    users, store = _stores()
    task = store.mark_done(args.id, by=_acting(users, args.acting))
    print(f"Việc #{task.id} «{task.title}»: đã hoàn thành.")
    return 0


def _cancel(args: argparse.Namespace) -> int:
    users, store = _stores()
    task = store.cancel(args.id, by=_acting(users, args.acting))
    print(f"Việc #{task.id} «{task.title}»: đã hủy" + (" (cả lịch lặp lại)." if task.recurrence else "."))
    return 0


def _summary(args: argparse.Namespace) -> int:
    users, store = _stores()
    now = SystemClock().now()
    week = store.weekly_summary(args.unit, args.week or now.date(), now)
    print(f"Tổng hợp tuần từ {week.week_start:%d/%m/%Y} — {args.unit}")
    print("cán bộ\tđến hạn trong tuần\tđã xong\txong trễ\tcòn mở\tquá hạn (tất cả)")
    for row in week.rows:
        user = users.get(row.user_id)
        print(f"{user.name if user else row.user_id}\t{row.assigned}\t{row.done}\t{row.done_late}\t{row.open}\t{row.overdue}")
    return 0


def _run(args: argparse.Namespace) -> int:
    """The scheduler loop, with the chat channels configured in the environment (Telegram, Zalo);
    after each tick it also delivers officers' replies to tickets over those channels."""
    from assistant.tickets import TicketStore
    from channels.delivery import ReplyDeliveries
    from channels.outbound import Outbound  # the chat libraries, for this command only

    if args.interval <= 0:
        raise BadInput("--interval phải lớn hơn 0")
    settings = Settings.from_env()
    users = UserDirectory.open(settings)
    store = TaskStore.open(settings, users, durable=False)
    outbound = Outbound(settings)
    tickets = TicketStore.open(settings)
    replies = ReplyDeliveries(tickets, outbound.deliverers())
    scheduler = Scheduler(store, [WebInbox.open(settings), *outbound.notifiers()], ReminderConfig.from_settings(settings))
    try:
        scheduler.run(interval=args.interval, once=args.once, after_tick=replies.deliver_pending)
    finally:
        outbound.close()
    return 0
