"""Figures in a tờ trình: amounts of money, percentages, dates, periods and deadlines.

Vietnamese writes thousands with "." and decimals with ",": "96.480 triệu đồng",
"1.265,4 ha", "10,9 bác sĩ/vạn dân". Amounts are compared in đồng
(``Amount.value``), so "96.480 triệu đồng" and "96,48 tỷ đồng" are one figure. An
amount followed by "/người", "/tháng"… is a rate, not a sum (``Amount.rate``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALES = {"nghìn tỷ": Decimal(10) ** 12, "tỷ": Decimal(10) ** 9, "triệu": Decimal(10) ** 6, "nghìn": Decimal(1000), "ngàn": Decimal(1000)}
MONEY = re.compile(
    rf"(?P<number>{_NUMBER})\s*(?P<scale>nghìn tỷ|tỷ|triệu|nghìn|ngàn)?\s*(?P<unit>đồng|VNĐ|VND|USD)(?P<rate>\s*/\s*\w+)?",
    re.IGNORECASE,
)
PERCENT = re.compile(rf"(?P<number>{_NUMBER})\s*%")
_DAY_MONTH = r"ngày\s+\d{1,2}(?:\s*(?:tháng|/|-)\s*\d{1,2}(?:\s*(?:năm|/|-)\s*\d{4})?)?"
_MONTH = r"tháng\s+\d{1,2}(?:\s*(?:năm|/)\s*\d{4})?"
_PERIOD = r"(?:giai đoạn|năm học|niên khóa|từ năm|năm)\s+\d{4}(?:\s*[-–]\s*\d{4})?|quý\s+[IV]+(?:\s*(?:năm|/)\s*\d{4})?"
DATE = re.compile(rf"{_DAY_MONTH}|{_MONTH}|{_PERIOD}", re.IGNORECASE)
DEADLINE = re.compile(
    rf"(?:trước|chậm nhất|muộn nhất|đến hết|hoàn thành|trong thời hạn|trong vòng|kể từ|không quá)\s+"
    rf"(?:{_DAY_MONTH}|(?:ngày\s+)?\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?|{_MONTH}|{_PERIOD}"
    rf"|\d+\s*(?:ngày|tháng|năm|tuần)(?: làm việc)?)",
    re.IGNORECASE,
)
# Any number worth keeping in a summary: not the "1." of a list, nor a bare "a)".
FIGURE = re.compile(r"\d+(?:[.,/]\d+)*")
_LIST_NUMBER = re.compile(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*)\.\s")


@dataclass(frozen=True)
class Amount:
    text: str  # as written: "96.480 triệu đồng"
    value: Decimal  # in the unit (đồng, or USD)
    unit: str  # "đồng" or "USD"
    rate: bool  # "3.000.000 đồng/người": per person, per month…
    start: int
    end: int


def number_value(text: str) -> Decimal:
    """ "1.265,4" -> 1265.4; "96.480" -> 96480."""
    return Decimal(text.replace(".", "").replace(",", "."))


def amounts(text: str) -> list[Amount]:
    """The sums of money a text states, in order."""
    found = []
    for m in MONEY.finditer(text):
        scale = _SCALES.get((m.group("scale") or "").lower(), Decimal(1))
        unit = "USD" if m.group("unit").upper() == "USD" else "đồng"
        found.append(
            Amount(m.group().strip(), number_value(m.group("number")) * scale, unit, bool(m.group("rate")), m.start(), m.end())
        )
    return found


# "702 triệu đồng (780 ha x 60 kg/ha x 15.000 đồng/kg x 50%)": an amount and the product it is computed by.
_FORMULA = re.compile(r"\(([^()]*?\d[^()]*?(?:\s[x×*]\s[^()]*?)+)\)")
_FACTOR_SPLIT = re.compile(r"\s[x×*]\s")


@dataclass(frozen=True)
class Formula:
    amount: Amount  # the amount stated
    expression: str  # as written inside the brackets
    value: Decimal  # what the expression comes to, in the amount's unit


def _factor(text: str) -> Decimal | None:
    money = amounts(text)
    if money:
        return money[0].value
    percent = PERCENT.search(text)
    if percent:
        return number_value(percent.group("number")) / 100
    number = re.search(_NUMBER, text)
    return number_value(number.group()) if number else None


def formulas(text: str) -> list[Formula]:
    """Amounts followed by the product that computes them, with what the product comes to."""
    found = []
    stated = amounts(text)
    for match in _FORMULA.finditer(text):
        before = [a for a in stated if a.end <= match.start() and not text[a.end : match.start()].strip()]
        factors = [_factor(part) for part in _FACTOR_SPLIT.split(match.group(1))]
        if not before or None in factors:
            continue
        value = Decimal(1)
        for factor in factors:
            value *= factor
        found.append(Formula(before[-1], match.group(1), value))
    return found


def dates(text: str) -> list[str]:
    """Dates, periods and deadlines as written, in order."""
    return [m.group() for m in DATE.finditer(text)]


def deadlines(text: str) -> list[str]:
    return [m.group() for m in DEADLINE.finditer(text)]


def figures(text: str) -> list[str]:
    """Every number of a text but the numbering of a list item."""
    body = _LIST_NUMBER.sub("", text, count=1)
    return FIGURE.findall(body)


def has_figure(text: str) -> bool:
    return bool(figures(text))


def format_amount(value: Decimal, unit: str = "đồng") -> str:
    """An amount in triệu đồng the way a tờ trình writes it: 96480000000 -> "96.480 triệu đồng"."""
    if unit == "đồng" and value >= 10**6:
        millions = value / 10**6
        whole, _, fraction = f"{millions:f}".partition(".")
        fraction = fraction.rstrip("0")
        grouped = f"{int(whole):,}".replace(",", ".")
        return f"{grouped},{fraction} triệu đồng" if fraction else f"{grouped} triệu đồng"
    return f"{int(value):,} {unit}".replace(",", ".")
