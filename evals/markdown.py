"""Markdown pieces shared by the evaluation reports."""
from __future__ import annotations


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table; pipes and line breaks inside cells are escaped."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ⏎ ")

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows])
