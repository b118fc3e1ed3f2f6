"""What every composer shares: the sources it writes from, and the error of an unreachable model."""
from __future__ import annotations

from dataclasses import dataclass

from assistant.answer import Citation


@dataclass(frozen=True)
class Source:
    """One piece of evidence an answer may rest on.

    ``citation.text`` is the quote, verbatim from the retrieved passage (pieces joined by
    "…" when trimmed); ``validity`` says whether its document is in force, as a reader is
    told it ("60/2014/QH13, còn hiệu lực"); ``more`` what a trimmed list leaves out
    ("và 6 trường hợp khác").
    """

    citation: Citation
    validity: str
    more: str = ""

    def heading(self) -> str:
        """"khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13, còn hiệu lực)"."""
        return f"{self.citation.label or self.citation.title} ({self.validity})"


class LanguageModelUnavailable(Exception):
    """The model could not be asked: endpoint down, timeout, HTTP error, malformed reply."""
