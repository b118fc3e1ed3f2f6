"""What every composer shares: the sources it writes from, and the error of an unreachable model."""
from __future__ import annotations

from dataclasses import dataclass

from assistant.answer import Citation


@dataclass(frozen=True)
class Source:
    """One piece of evidence an answer may rest on.

    ``citation.text`` is the quote, verbatim from the retrieved passage (pieces joined by
    "…" when trimmed); ``validity`` says whether its document is in force, as a reader is
    told it ("60/2014/QH13, còn hiệu lực"); ``notice`` is the warning an answer quoting a
    document no longer (wholly) in force opens with ("Luật Đất đai 45/2013/QH13 đã hết
    hiệu lực từ 01/8/2024, được thay thế bởi Luật Đất đai 31/2024/QH15."), "" otherwise;
    ``more`` what a trimmed list leaves out ("và 6 trường hợp khác").
    """

    citation: Citation
    validity: str
    notice: str = ""
    more: str = ""

    def heading(self) -> str:
        """"khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13, còn hiệu lực)"."""
        return f"{self.citation.label or self.citation.title} ({self.validity})"


def notices(sources: list[Source]) -> list[str]:
    """The sources' warnings, each once, as lines an answer opens with."""
    return [f"Lưu ý: {text}" for text in dict.fromkeys(s.notice for s in sources if s.notice)]


class LanguageModelUnavailable(Exception):
    """The model could not be asked: endpoint down, timeout, HTTP error, malformed reply."""
