"""Personal-data redaction on seeded messages.

    /work/venv/bin/python -m evals.pii_eval [--messages FILE] [--reports DIR]

Each line of the messages file is ``{"text": ..., "values": [...], "keep": [...]}``:
``values`` must all disappear from the redacted text, ``keep`` (document numbers, codes,
dates, amounts, ...) must all survive it. Writes ``pii.md`` to the reports folder with the
values left behind (target 0), partial leaks (a word or digit group of a value left behind)
and false redactions.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assistant.security import Redaction, redact
from evals.markdown import command_line, table, write_report
from knowledge.errors import BadInput

EVALS = Path(__file__).resolve().parent
DEFAULT_MESSAGES = EVALS / "data" / "pii_messages.jsonl"
DEFAULT_REPORTS = EVALS / "reports"


@dataclass(frozen=True)
class Message:
    text: str
    values: tuple[str, ...]
    keep: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    message: Message
    redaction: Redaction

    def leaked(self) -> list[str]:
        """Values still present as written."""
        return [v for v in self.message.values if _count(v, self.redaction.text) > self._allowed(v)]

    def partly_leaked(self) -> list[str]:
        """Values one of whose words or digit groups is left behind."""
        return [
            value for value in self.message.values
            if any(_count(piece, self.redaction.text) > self._allowed(piece) for piece in _pieces(value))
        ]

    def _allowed(self, piece: str) -> int:
        """How often ``piece`` may remain: its occurrences outside the personal values (a value
        inside a value to keep, like "Nam" in "phường Nam Sơn", is not personal there)."""
        text = self.message.text
        kept = [m.span() for k in self.message.keep for m in _occurrences(k, text)]
        personal = [
            m.span() for v in self.message.values for m in _occurrences(v, text)
            if not any(start <= m.start() and m.end() <= end for start, end in kept)
        ]
        return sum(
            1 for m in _occurrences(piece, text)
            if not any(start <= m.start() and m.end() <= end for start, end in personal)
        )

    def lost(self) -> list[str]:
        """Values that had to survive and did not."""
        return [k for k in self.message.keep if k not in self.redaction.text]


def _pieces(value: str) -> list[str]:
    return [p for p in re.findall(r"[^\W_]+", value) if len(p) >= 2 and not (p.isdigit() and len(p) < 3)]


def _occurrences(piece: str, text: str) -> list[re.Match[str]]:
    return list(re.finditer(rf"(?<![^\W_]){re.escape(piece)}(?![^\W_])", text, re.IGNORECASE))


def _count(piece: str, text: str) -> int:
    return len(_occurrences(piece, text))


def value_kind(value: str) -> str:
    """A rough label for reporting only: email, number or name."""
    if "@" in value:
        return "email"
    return "number" if sum(c.isdigit() for c in value) >= 6 else "name"


def load_messages(path: Path) -> list[Message]:
    messages = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text, values, keep = record["text"], record.get("values", []), record.get("keep", [])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise BadInput(f"{path}:{number}: expected {{\"text\", \"values\", \"keep\"}} JSON ({exc})") from None
        if not (isinstance(text, str) and isinstance(values, list) and isinstance(keep, list)
                and all(isinstance(x, str) for x in values + keep)):
            raise BadInput(f"{path}:{number}: text must be a string, values and keep lists of strings")
        message = Message(text, tuple(values), tuple(keep))
        missing = [v for v in message.values + message.keep if v not in message.text]
        if missing:
            raise BadInput(f"{path}:{number}: not in the text: {missing}")
        messages.append(message)
    return messages


@dataclass(frozen=True)
class PiiEvaluation:
    outcomes: list[Outcome]
    seconds: float

    @property
    def with_data(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.message.values]

    @property
    def without_data(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.message.values]

    def values(self) -> list[tuple[str, Outcome]]:
        return [(v, o) for o in self.with_data for v in o.message.values]

    def leaked(self) -> list[tuple[str, Outcome]]:
        return [(v, o) for o in self.with_data for v in o.leaked()]

    def partly_leaked(self) -> list[tuple[str, Outcome]]:
        """Values partly left and not already counted as left whole."""
        return [(v, o) for o in self.with_data for v in o.partly_leaked() if v not in o.leaked()]

    def lost(self) -> list[tuple[str, Outcome]]:
        return [(k, o) for o in self.outcomes for k in o.lost()]

    def changed_without_data(self) -> list[Outcome]:
        return [o for o in self.without_data if o.redaction.kinds]

    def recall(self) -> float:
        planted = len(self.values())
        return 1 - (len(self.leaked()) + len(self.partly_leaked())) / planted if planted else float("nan")


def evaluate(messages: list[Message]) -> PiiEvaluation:
    started = time.perf_counter()
    outcomes = [Outcome(m, redact(m.text)) for m in messages]
    return PiiEvaluation(outcomes, time.perf_counter() - started)


def render_markdown(evaluation: PiiEvaluation, command: str) -> str:
    leaked, partial, lost = evaluation.leaked(), evaluation.partly_leaked(), evaluation.lost()
    changed = evaluation.changed_without_data()
    by_kind = Counter(value_kind(v) for v, _ in evaluation.values())
    leaked_by_kind = Counter(value_kind(v) for v, _ in leaked + partial)
    redacted_kinds = Counter(kind for o in evaluation.outcomes for kind in o.redaction.kinds)
    parts = [
        "# Personal-data redaction (seeded messages)",
        f"Command: `{command}`",
        "The redactor was developed against these messages: its last rules (a name in a payment memo, "
        "a name opening a line of contact details) were written after reading its misses here, so the "
        "recall below overstates what unseen text gets.",
        table(["measure", "value"], [
            ["messages with personal data", str(len(evaluation.with_data))],
            ["messages without personal data (tricky numbers, places, titles)", str(len(evaluation.without_data))],
            ["personal values planted", str(len(evaluation.values()))],
            ["values left as written (target 0)", str(len(leaked))],
            ["values partly left (a word or digit group)", str(len(partial))],
            ["recall (values fully removed)", f"{evaluation.recall():.3f}"],
            ["values that had to survive and were redacted",
             f"{len(lost)} of {sum(len(o.message.keep) for o in evaluation.outcomes)}"],
            ["messages without personal data that were changed", str(len(changed))],
            ["time per message (ms)", f"{evaluation.seconds * 1000 / len(evaluation.outcomes):.2f}"],
        ]),
        "## Planted values by kind",
        table(["kind", "planted", "left (fully or partly)"], [
            [kind, str(n), str(leaked_by_kind[kind])] for kind, n in sorted(by_kind.items())
        ]),
        "## Redactions made, by kind",
        table(["kind", "messages"], [[kind, str(n)] for kind, n in sorted(redacted_kinds.items())]),
        "## Values left behind",
        table(["value", "redacted message"], [[v, o.redaction.text] for v, o in leaked + partial])
        if leaked or partial else "None.",
        "## False redactions",
        table(["lost value", "redacted message"], [[k, o.redaction.text] for k, o in lost])
        if lost else "No value that had to survive was redacted.",
        "Messages without personal data that were changed:",
        table(["redacted message"], [[o.redaction.text] for o in changed]) if changed else "None.",
    ]
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evals.pii_eval", description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=Path, default=DEFAULT_MESSAGES)
    parser.add_argument("--reports", type=Path, default=DEFAULT_REPORTS)
    args = parser.parse_args(argv)
    evaluation = evaluate(load_messages(args.messages))
    report = write_report(args.reports, "pii.md", render_markdown(evaluation, command_line("evals.pii_eval", argv)))
    left = len(evaluation.leaked()) + len(evaluation.partly_leaked())
    false = len(evaluation.lost()) + len(evaluation.changed_without_data())
    print(
        f"{len(evaluation.outcomes)} messages: {left} personal values left, recall {evaluation.recall():.3f},"
        f" {false} false redactions; report: {report}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
