"""Knowledge commands: ingest, search, eval (DESIGN.md section 3)."""
from __future__ import annotations


def register(subparsers) -> None:
    """The knowledge commands arrive with the index (issue 3)."""
