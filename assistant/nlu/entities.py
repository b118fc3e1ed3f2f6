"""Entities of a message, found without a trained model.

- ``detail_aspect`` (which part of a procedure is asked about: hồ sơ, lệ phí, thời hạn, nơi
  nộp, trực tuyến, kết quả, căn cứ) and ``doc_type`` (the văn bản to draft or review) come
  from a gazetteer built from the training data: every annotated span and every synonym,
  matched diacritic-insensitively on whole words, longest first.
- ``choice`` (the position picked in a numbered list: "1", "số 2", "cái thứ hai", "cái
  cuối") is recognised only when the whole message is a choice, so that "9h thứ Hai" or
  "phòng họp số 2" are not read as one.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.nlu.base import Entity
from assistant.nlu.training_data import TrainingData
from knowledge.errors import BadInput
from knowledge.text import fold, fold_aligned

GAZETTEER_ENTITIES = ("detail_aspect", "doc_type")
CHOICE = "choice"
LAST = "last"

_ORDINALS = {
    "mot": "1", "nhat": "1", "dau": "1", "dau tien": "1",
    "hai": "2", "nhi": "2", "ba": "3", "tu": "4", "bon": "4", "nam": "5",
    "sau": "6", "bay": "7", "tam": "8", "chin": "9", "muoi": "10",
    "cuoi": LAST, "cuoi cung": LAST,
}
_POSITION = r"(?P<position>\d{1,2}|(?:thu\s+)?(?:\d{1,2}|mot|nhat|nhi|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi)|dau(?:\s+tien)?|cuoi(?:\s+cung)?)"
_CHOICE = re.compile(
    r"^\W*(?:(?:toi|em|minh)\s+)?(?:(?:chon|lay|xem|muon xem|cho xem)\s+)?"
    r"(?:(?:cai|muc|y|dong|cau|phuong an|lua chon|thu tuc|truong hop|so)\s+)*"
    + _POSITION
    + r"(?:\s+(?:nhe|nha|a|ay|do|di|nay|thoi|vay))*\W*$"
)


def find_choice(text: str) -> Entity | None:
    """The position picked when the whole message is a choice from a list, else None."""
    folded = fold_aligned(text)
    match = _CHOICE.match(folded)
    if not match:
        return None
    start, end = match.span("position")
    words = re.sub(r"^thu\s+", "", re.sub(r"\s+", " ", folded[start:end]))
    value = words if words.isdigit() else _ORDINALS[words]
    if value == "0":
        return None
    return Entity(CHOICE, value, start, end, text[start:end])


class EntityExtractor:
    """Finds gazetteer entities and choices in a message."""

    def __init__(self, gazetteer: Mapping[str, tuple[str, str]]) -> None:
        """``gazetteer`` maps a folded written form to (entity type, canonical value)."""
        self._gazetteer = dict(gazetteer)
        forms = sorted(self._gazetteer, key=len, reverse=True)
        alternatives = "|".join(r"\s+".join(map(re.escape, form.split())) for form in forms)
        self._pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])") if forms else None

    @classmethod
    def from_training_data(cls, data: TrainingData) -> "EntityExtractor":
        entity_of_value: dict[str, str] = {}
        gazetteer: dict[str, tuple[str, str]] = {}

        def add(form: str, entity: str, value: str) -> None:
            key = " ".join(fold(form).split())
            if gazetteer.setdefault(key, (entity, value)) != (entity, value):
                raise BadInput(f"nlu: {form!r} means both {gazetteer[key]} and {(entity, value)} in the training data")

        for example in data.examples:
            for entity in example.entities:
                if entity.entity in GAZETTEER_ENTITIES:
                    entity_of_value[entity.value] = entity.entity
                    add(entity.text, entity.entity, entity.value)
        for value, entity_type in entity_of_value.items():
            add(value, entity_type, value)
        for form, value in data.synonyms.items():
            if value in entity_of_value:
                add(form, entity_of_value[value], value)
        return cls(gazetteer)

    def extract(self, text: str) -> list[Entity]:
        """Entities in order of position; offsets refer to ``text`` as given."""
        found = []
        if self._pattern is not None:
            folded = fold_aligned(text)
            for match in self._pattern.finditer(folded):
                entity, value = self._gazetteer[" ".join(match.group(0).split())]
                found.append(Entity(entity, value, match.start(), match.end(), text[match.start():match.end()]))
        choice = find_choice(text)
        if choice is not None:
            found.append(choice)
        return sorted(found, key=lambda e: e.start)
