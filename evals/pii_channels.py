"""Personal data through every channel: seeded messages in, then the data dir searched for raw values.

    /work/venv/bin/python -m evals.pii_channels [--data DIR] [--messages FILE] [--reports DIR]

A writable copy of an index folder (default: the sample index of the shared corpus) serves
one assistant. Every seeded message (``evals/data/pii_messages.jsonl``: text and the
personal ``values`` it holds) is sent through the web API as a citizen and as an officer
(``POST /api/chat``), through the chat gateway the Telegram and Zalo webhooks share, and
every tenth through the command line (``troly ask``, a process of its own each time is
too slow for all). Python's log records of the run are written into the data dir too.
Then every file under the data dir — SQLite databases with their write-ahead logs, the
log, the index, the caches — is read as bytes and searched for each value (as written, in
NFC and NFD, and for numbers also without their separators). A value counts as leaked
in a file where it was not before the messages were sent: "Bình" or "Trang" occur in the
laws themselves. Writes ``pii_channels.md``: values leaked (target 0), by kind and file.
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
import time
import unicodedata
from contextlib import redirect_stdout
from dataclasses import replace
from io import StringIO
from pathlib import Path

from evals.chat_load import prepare_data
from evals.markdown import command_line, table, write_report
from knowledge.errors import BadInput

EVALS = Path(__file__).resolve().parent
DEFAULT_MESSAGES = EVALS / "data" / "pii_messages.jsonl"
DEFAULT_REPORTS = EVALS / "reports"
CLI_EVERY = 10


def load_messages(path: Path) -> list[dict]:
    try:
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as error:
        raise BadInput(f"cannot read the messages {path}: {error}") from error


def spellings(value: str) -> set[bytes]:
    """The byte strings a stored copy of ``value`` could take."""
    forms = {unicodedata.normalize(form, value) for form in ("NFC", "NFD")}
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 6 and len(digits) >= len(value.replace(" ", "")) - 4:
        forms.add(digits)
    return {form.encode() for form in forms}


def kind_of(value: str) -> str:
    if "@" in value:
        return "email"
    digits = re.sub(r"\D", "", value)
    if len(digits) >= 6:
        return "number (CCCD, phone, account)"
    return "name or address"


def find_values(data_dir: Path, values: list[str]) -> dict[str, list[str]]:
    """value -> the files (relative to ``data_dir``) holding it raw."""
    contents = {path: path.read_bytes() for path in sorted(data_dir.rglob("*")) if path.is_file()}
    found: dict[str, list[str]] = {}
    for value in values:
        forms = spellings(value)
        files = [str(path.relative_to(data_dir)) for path, data in contents.items() if any(f in data for f in forms)]
        if files:
            found[value] = files
    return found


def send_everywhere(data: Path, messages: list[dict]) -> dict[str, int]:
    """Every message through each channel; returns how many each channel answered."""
    from fastapi.testclient import TestClient

    from assistant.core import Assistant
    from channels.chat import ChatGateway
    from channels.cli import main as troly
    from channels.web.app import create_app
    from knowledge.settings import Settings

    settings = replace(Settings.from_env({"TROLY_DATA_DIR": str(data)}), rate_per_minute=0)
    assistant = Assistant(settings)
    officer = assistant.users.add_user("Lê Văn Kiểm Thử", "officer", unit="Văn phòng UBND")
    headers = {"Authorization": f"Bearer {assistant.users.issue_token(officer.id)}"}
    answered = dict.fromkeys(("web (citizen)", "web (officer)", "telegram", "zalo", "cli"), 0)
    with TestClient(create_app(assistant=assistant)) as client:
        for n, message in enumerate(messages):
            for name, extra in (("web (citizen)", {}), ("web (officer)", headers)):
                response = client.post("/api/chat", json={"message": message["text"]}, headers=extra)
                answered[name] += response.status_code == 200
            for channel in ("telegram", "zalo"):
                ChatGateway(assistant, channel).handle(f"{9000 + n}", message["text"])
                answered[channel] += 1
    os.environ["TROLY_DATA_DIR"] = str(data)
    for message in messages[::CLI_EVERY]:
        with redirect_stdout(StringIO()):
            answered["cli"] += troly(["ask", message["text"]]) == 0
    return answered


def render(messages: list[dict], answered: dict[str, int], found: dict[str, list[str]], seconds: float, argv) -> str:
    values = [v for m in messages for v in m["values"]]
    kinds: dict[str, list[int]] = {}
    for value in dict.fromkeys(values):
        kinds.setdefault(kind_of(value), [0, 0])[0] += 1
        kinds[kind_of(value)][1] += value in found
    lines = [
        "# Personal data through every channel",
        "",
        f"`{command_line('evals.pii_channels', argv)}` — {len(messages)} seeded messages, "
        f"{len(set(values))} distinct personal values, {seconds:.0f} s.",
        "",
        table(["channel", "messages answered"], [[name, str(count)] for name, count in answered.items()]),
        "",
        "Values found raw in a file of the data dir (databases, write-ahead logs, the run's log, the index)"
        " where they were not before the run:",
        "",
        table(["kind", "values", "leaked"], [[kind, str(n), str(leaked)] for kind, (n, leaked) in sorted(kinds.items())]),
        "",
    ]
    if found:
        kept = [text for m in messages for text in m.get("keep", [])]
        lines += [
            "Leaks: the redactor missed these values in a message (see evals/reports/pii.md), or they are also part"
            " of a text a seeded message must keep (a street named after a person), which is then stored as written:",
            "",
            table(
                ["value", "files", "inside a text that must be kept"],
                [[value, ", ".join(files), ", ".join(k for k in kept if value in k) or "–"] for value, files in found.items()],
            ),
            "",
        ]
    lines += ["Not covered: the Rasa channel (Rasa's own tracker store is outside troly's data dir)."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.pii_channels", description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="an index folder (TROLY_DATA_DIR), copied; default: the sample index")
    parser.add_argument("--messages", type=Path, default=DEFAULT_MESSAGES)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    args = parser.parse_args(argv)
    try:
        messages = load_messages(args.messages)
        with tempfile.TemporaryDirectory(prefix="troly-pii-") as tmp:
            data = prepare_data(args.data, Path(tmp))
            handler = logging.FileHandler(data / "run.log", encoding="utf-8")
            logging.getLogger().addHandler(handler)
            logging.getLogger().setLevel(logging.INFO)
            values = [v for m in messages for v in m["values"]]
            before = find_values(data, values)
            started = time.perf_counter()
            try:
                answered = send_everywhere(data, messages)
            finally:
                logging.getLogger().removeHandler(handler)
                handler.close()
            found = {
                value: new for value, files in find_values(data, values).items()
                if (new := [f for f in files if f not in before.get(value, [])])
            }
            seconds = time.perf_counter() - started
    except BadInput as error:
        print(f"pii_channels: {error}", file=sys.stderr)
        return 2
    report = write_report(args.reports, "pii_channels.md", render(messages, answered, found, seconds, argv))
    print(f"{len(found)} of {len({v for m in messages for v in m['values']})} values leaked; report: {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
