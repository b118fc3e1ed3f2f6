"""An extractive summary of a tờ trình that keeps every figure, amount, date and deadline.

Nothing is rewritten: the summary is sentences of the tờ trình, in its order, each
with the part and the line it comes from. From every part it keeps the first
sentence (what the part is about) and every sentence holding a number (amounts,
percentages, quantities, dates, periods, deadlines). The căn cứ lines are left to
the table of legal bases, where each is shown with its status.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.hdnd.figures import has_figure
from assistant.hdnd.structure import CAN_CU, Section, is_title_line

_REQUEST = ("kính trình",)


@dataclass(frozen=True)
class SummaryItem:
    part: str  # the part's title: "KINH PHÍ THỰC HIỆN", "Phần mở đầu"
    ref: str  # "mục V"
    text: str  # a sentence of the tờ trình, verbatim
    location: str  # "dòng 44"

    def to_dict(self) -> dict:
        return {"part": self.part, "ref": self.ref, "text": self.text, "location": self.location}


def _is_can_cu(sentence: str) -> bool:
    return sentence.startswith("Căn cứ")


def summarize(sections: list[Section]) -> list[SummaryItem]:
    """The sentences worth keeping, part by part: those with a figure, the request to the council, and
    the first sentence of a part that has no figure."""
    items: list[SummaryItem] = []
    for section in sections:
        candidates = [
            (sentence, paragraph)
            for sentence, paragraph in section.sentences()
            if not is_title_line(paragraph) and not (CAN_CU in section.kinds and _is_can_cu(sentence))
        ]
        with_figures = any(has_figure(sentence) for sentence, _ in candidates)
        for i, (sentence, paragraph) in enumerate(candidates):
            asks = any(word in sentence.lower() for word in _REQUEST)
            if has_figure(sentence) or asks or (i == 0 and not with_figures):
                items.append(SummaryItem(section.title, section.ref, sentence, paragraph.location))
    return items
