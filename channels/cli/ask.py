"""``troly ask QUESTION [--role ...] [--session ID] [--user NAME] [--file DRAFT] [--json]`` — one turn.

Exit 0 with any answer, refusals included; 2 when the question cannot be asked (empty, too long) or an option is
bad (an unknown ``--user``, a missing ``--file``), with the reason."""
from __future__ import annotations

import argparse
import json
from pathlib import Path


# Refusals that say the message itself cannot be asked: the command fails with them (exit 2), the answer saying why.
BAD_INPUT = ("empty", "too_long")


def render(answer) -> str:
    """An answer for a terminal: text, numbered choices, then citations."""
    lines = [answer.text]
    if answer.attachment:
        lines.append(f"\nTệp dự thảo: {answer.attachment}")
    for citation in answer.citations:
        where = citation.label or citation.title
        extra = f" — {citation.url}" if citation.url else ""
        lines.append(f"  [{citation.kind}] {where} ({citation.id}){extra}")
    if answer.refusal_reason:
        lines.append(f"  (không trả lời: {answer.refusal_reason})")
    return "\n".join(lines)


def _ask(args: argparse.Namespace) -> int:
    from assistant.core import Assistant

    assistant = Assistant()
    user = assistant.users.by_name(args.user) if args.user else None
    answer = assistant.ask(
        args.question, session_id=args.session, role=args.role, user=user,
        upload=Path(args.file) if args.file else None,
    )
    print(json.dumps(answer.to_json(), ensure_ascii=False) if args.json else render(answer))
    return 2 if answer.refusal_reason in BAD_INPUT else 0


def register(subparsers) -> None:
    ask = subparsers.add_parser("ask", help="hỏi trợ lý một câu (one turn)")
    ask.add_argument("question")
    ask.add_argument("--role", choices=("citizen", "officer", "delegate"), default="citizen")
    ask.add_argument("--session", help="continue this conversation (an unknown id starts a new one)")
    ask.add_argument("--user", help="act as this registered user (reminders)")
    ask.add_argument("--file", help="a draft to review with the question")
    ask.add_argument("--json", action="store_true")
    ask.set_defaults(handler=_ask)
