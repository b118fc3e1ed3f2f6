"""Figures a question gives and the bands the law sets for them.

"ô tô chạy quá tốc độ 25km/h" gives a speed of 25; the traffic decree fines bands of it: "trên 20 km/h đến
35 km/h", "từ 10 km/h đến 20 km/h". "nồng độ cồn 0,3 mg/l" gives breath alcohol, "con 15 tuổi" an age ("từ đủ
14 tuổi đến dưới 16 tuổi"; "bé 2 tuổi" is held by "dưới 36 tháng tuổi"). ``figure_given`` reads the one
figure a question gives, ``in_band`` whether a text states a band holding it; ``band_held_first`` raises the
passages that do (what the question asks is most likely the rule for its own figure). All is read folded.
"""
from __future__ import annotations

import re

from knowledge.models import Evidence, lowered
from knowledge.text import fold

# Per measure: how a question gives the figure, and how the law writes the unit after a band's bound.
_NUMBER = r"\d+(?:[.,]\d+)?"
_MEASURES = {
    "speed": (rf"(?<![\d.,])({_NUMBER})\s*(?:km ?/ ?h|km ?/ ?gio|km|cay so)(?!\w)", r"km/h"),
    "share": (rf"(?<![\d.,])({_NUMBER})\s*(?:%|phan tram)", r"%"),
    # breath alcohol (per litre of breath; "mg/100ml" is blood, another scale)
    "breath": (rf"(?<![\d.,])({_NUMBER})\s*(?:mg|miligam)(?!\s*/\s*100)"
               rf"|\bnong do con(?: la| o muc| muc)? ({_NUMBER})(?![\d.,]|\s*(?:mg|miligam)\s*/\s*100)", r"miligam/1 lit khi tho"),
    # an age said as an age, not as a bound ("dưới 14 tuổi" is no figure)
    "age": (rf"(?<!duoi )(?<!tren )(?<!du )(?<![\d.,])({_NUMBER}) tuoi\b", r"tuoi"),
}
_FIGURE_GIVEN = {measure: re.compile(asked) for measure, (asked, _) in _MEASURES.items()}
# An age in months ("dưới 36 tháng tuổi", "bé 18 tháng tuổi") is read in years, the scale of the rest.
_MONTHS_OLD = re.compile(rf"(?<![\d.,])({_NUMBER}) thang tuoi\b")


def _folded(text: str) -> str:
    return _MONTHS_OLD.sub(lambda match: f"{_value(match[1]) / 12:g} tuoi", fold(text))


def _band_pattern(unit: str) -> re.Pattern[str]:
    """The bands a text states of a measure: "từ đủ A đến dưới B U", "trên A U", "chưa vượt quá A U", "A U trở lên"."""
    return re.compile(
        rf"\b(?P<low>tu du|tu|tren|vuot qua)\s+(?P<a>{_NUMBER})(?:\s*[^\s\d]+)?\s+den\s+(?P<below>duoi\s+)?(?P<b>{_NUMBER})\s*{unit}"
        rf"|\b(?P<high>chua vuot qua|khong qua|khong vuot qua|duoi)\s+(?P<c>{_NUMBER})\s*{unit}"
        rf"|\b(?P<from>tu du|tu|tren|vuot qua)\s+(?P<d>{_NUMBER})\s*{unit}|(?P<e>{_NUMBER})\s*{unit} tro len"
    )


_BAND = {measure: _band_pattern(re.escape(unit)) for measure, (_, unit) in _MEASURES.items()}
# A passage stating a band that holds the question's figure is raised by this share of the best score.
BAND_RAISE = 0.1


def figure_given(question: str) -> tuple[str, float] | None:
    """The one figure the question gives in a banded measure ("quá tốc độ 25km/h" → ("speed", 25.0)), or None."""
    folded = _folded(question)
    found = {(measure, _value(number)) for measure, pattern in _FIGURE_GIVEN.items()
             for match in pattern.finditer(folded) for number in match.groups() if number}
    return found.pop() if len(found) == 1 else None


def _value(number: str) -> float:
    return float(number.replace(",", "."))


def in_band(figure: tuple[str, float] | None, text: str) -> bool | None:
    """Whether a band the text states ("trên 20 km/h đến 35 km/h", "từ đủ 14 tuổi đến dưới 16 tuổi", "chưa vượt quá
    0,25 miligam/1 lít khí thở", "trên 35 km/h") holds the figure; None when the text states no band of its measure."""
    if figure is None:
        return None
    measure, value = figure
    bands = list(_BAND[measure].finditer(_folded(text)))
    if not bands:
        return None

    def holds(band: re.Match[str]) -> bool:
        if band["a"]:
            low = _value(band["a"])
            above = value >= low if band["low"].startswith("tu") else value > low
            return above and (value < _value(band["b"]) if band["below"] else value <= _value(band["b"]))
        if band["c"]:
            return value < _value(band["c"]) if band["high"] == "duoi" else value <= _value(band["c"])
        if band["d"]:
            return value >= _value(band["d"]) if band["from"].startswith("tu") else value > _value(band["d"])
        return value >= _value(band["e"])

    return any(holds(band) for band in bands)


def band_held_first(question: str, evidence: list[Evidence]) -> list[Evidence]:
    """``evidence`` with the passages whose text states a band holding the question's figure raised, best first;
    a band missing it lowers nothing ("con tôi 10 tuổi đánh bạn có bị đi tù không" is answered by the age the law
    holds liable from)."""
    figure = figure_given(question)
    if figure is None:
        return evidence
    return lowered(evidence, lambda e: -BAND_RAISE if in_band(figure, e.passage.text) else 0.0)
