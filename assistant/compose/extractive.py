"""The extractive composer (the default): the sources quoted verbatim, no model, no network."""
from __future__ import annotations

from assistant.answer import ELLIPSIS, Answer
from assistant.compose.base import Source, notices


def _quoted(source: Source) -> list[str]:
    """A source's quote in «», and after it what a trimmed list leaves out."""
    lines = [f"«{source.citation.text}»"]
    if source.more:
        lines.append(f"({ELLIPSIS} {source.more}: xem toàn văn {source.citation.label or source.citation.title})")
    return lines


def extractive_answer(intent: str, sources: list[Source]) -> Answer:
    """The first source quoted as the answer, the others as further reading, most relevant first,
    after the warnings on any of them no longer in force.

    "Theo khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13, còn hiệu lực):\\n«Trong thời hạn 60 ngày…»"
    """
    first, *more = sources
    lines = [*notices(sources), f"Theo {first.heading()}:", *_quoted(first)]
    for source in more:
        lines += ["", f"Xem thêm {source.heading()}:", *_quoted(source)]
    return Answer(text="\n".join(lines), intent=intent, citations=tuple(s.citation for s in sources), grounded=True)
