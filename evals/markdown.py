"""Markdown pieces shared by the evaluation reports."""
from __future__ import annotations

from pathlib import Path


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; pipes and line breaks inside cells are escaped."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ⏎ ")

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows])


def command_line(module: str, argv: list[str] | None) -> str:
    """How the report was produced, for its first lines."""
    return f"python -m {module}" + (" " + " ".join(argv) if argv else "")


def write_report(folder: Path, name: str, markdown: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(markdown, encoding="utf-8")
    return path
