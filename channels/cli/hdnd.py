"""``troly hdnd``: the HĐND delegate's secretary.

    troly hdnd review FILE [--draft FILE] [--out report.docx|report.md] [--json]
    troly hdnd calendar --as NAME [--submission FILE] EVENT [EVENT ...]

``review`` prints the thẩm tra report of a tờ trình (Markdown, or the JSON of
``HdndReport.to_dict`` with ``--json``) and writes it as .docx or .md with ``--out``.
``calendar`` puts the session's dates ("kỳ họp thứ 12 ngày 10/12", "hạn gửi ý kiến
thẩm tra 05/12") into the delegate's reminders. Exit codes: 0, 2 bad input, 1 internal.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from assistant.hdnd import CompetenceFinder, read_submission, render_docx, render_markdown, review_submission, schedule_session
from assistant.security.users import UserDirectory
from assistant.tasks import TaskStore
from assistant.tasks.dates import TZ
from channels.cli.documents import write_atomically
from knowledge.base import KnowledgeBase
from knowledge.errors import BadInput
from knowledge.settings import Settings

REPORT_SUFFIXES = (".docx", ".md")


def _knowledge(settings: Settings) -> KnowledgeBase | None:
    try:
        return KnowledgeBase.open(settings)
    except BadInput:
        return None  # no index yet: the report says what it could not check


def _review(args) -> int:
    out = Path(args.out) if args.out else None
    if out is not None and out.suffix.lower() not in REPORT_SUFFIXES:
        raise BadInput(f"báo cáo thẩm tra phải là .docx hoặc .md: {out}")
    kb = _knowledge(Settings.from_env())
    report = review_submission(
        Path(args.file),
        Path(args.draft) if args.draft else None,
        kb.registry if kb else None,
        CompetenceFinder(kb) if kb else None,
        kb.dvhc if kb else None,
    )
    if out is not None:
        write_atomically(out, render_docx(report) if out.suffix.lower() == ".docx" else render_markdown(report).encode())
    if args.json:
        data = report.to_dict()
        if out is not None:
            data["report_file"] = str(out)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif out is not None:
        print(f"Đã ghi báo cáo thẩm tra {report.reference}: {out} ({len(report.questions)} vấn đề cần làm rõ)")
    else:
        print(render_markdown(report))
    return 0


def _calendar(args) -> int:
    settings = Settings.from_env()
    users = UserDirectory.open(settings)
    user = users.by_name(args.user)
    if user is None:
        raise BadInput(f"không có người dùng '{args.user}' (thêm bằng: troly user add)")
    submission = read_submission(Path(args.submission)) if args.submission else None
    store = TaskStore.open(settings, users)
    outcomes = schedule_session(args.events, user, datetime.now(TZ), store, submission)
    for outcome in outcomes:
        print(outcome.text)
    return 0 if all(o.task is not None for o in outcomes) else 2


def register(subparsers) -> None:
    hdnd = subparsers.add_parser("hdnd", help="thư ký ảo cho đại biểu HĐND: thẩm tra tờ trình, lịch kỳ họp")
    commands = hdnd.add_subparsers(dest="hdnd_command", metavar="COMMAND", required=True)

    review = commands.add_parser("review", help="báo cáo thẩm tra tờ trình (.docx, .pdf có lớp chữ, .txt)")
    review.add_argument("file", metavar="FILE", help="tờ trình")
    review.add_argument("--draft", metavar="FILE", help="dự thảo nghị quyết kèm theo")
    review.add_argument("--out", metavar="REPORT", help="ghi báo cáo .docx hoặc .md")
    review.add_argument("--json", action="store_true", help="kết quả dạng JSON")
    review.set_defaults(handler=_review)

    calendar = commands.add_parser("calendar", help="đưa lịch kỳ họp, hạn thẩm tra vào nhắc việc của đại biểu")
    calendar.add_argument("events", nargs="+", metavar="EVENT", help="“kỳ họp thứ 12 ngày 10/12”, “hạn gửi ý kiến 05/12”")
    calendar.add_argument("--as", dest="user", required=True, metavar="NAME", help="đại biểu (người dùng đã đăng ký)")
    calendar.add_argument("--submission", metavar="FILE", help="tờ trình liên quan (số, ký hiệu ghi vào nhắc việc)")
    calendar.set_defaults(handler=_calendar)
