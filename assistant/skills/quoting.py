"""Choosing what to quote: the part of an article that answers a question.

A passage's text is the article's body: an optional lead, then khoản "1. …", "2. …", each possibly
with điểm "a) …", "b) …", "đ) …". Every unit (the lead, a khoản, a điểm) is scored by the question's
content words and word pairs it contains (diacritics folded, function words left out) and by whether
it holds the kind of answer the question asks for: "bao lâu" a duration, "bao nhiêu ngày" a number of
days, "phạt bao nhiêu" an amount, "bao nhiêu tuổi" an age, "những trường hợp nào" a list.

A unit that only introduces a list ("Nhà nước thu hồi đất … trong các trường hợp sau đây:") is quoted
with its list: an article's lead with its khoản, a khoản's lead with its điểm. A long list is trimmed:
its first items, a line "…" where the rest is left out, and ``Quote.more`` saying how much ("và 6
trường hợp khác"). Every quote is made of verbatim pieces of the passage in their order, joined by
``ELLIPSIS`` where it skips something (``assistant.answer.quoted_from`` is the check).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping

from assistant.answer import ELLIPSIS
from knowledge.asked_article import asks_when_in_force
from knowledge.figures import figure_given, in_band
from knowledge.models import Passage
from knowledge.text import (
    STOPWORDS, expand_abbreviations, fold, fold_aligned, folded_syllables, legal_terms_for, with_bigrams,
)

_TIME_UNITS = r"(?:ngay(?: lam viec)?|thang|nam|gio|tuan|phut)"
_AMOUNT = re.compile(r"\d[\d.,]*\s*(?:dong|trieu|ty|nghin)\b|\bmien (?:phi|le phi)\b")
# (what the question asks for, what a unit holding that answer contains), all folded.
_ANSWER_TYPES = (
    (re.compile(r"\b(?:bao lau|thoi han|thoi hieu|trong vong|khi nao|bao gio|may ngay|may thang|may nam)\b"),
     re.compile(rf"\b\d+\s*{_TIME_UNITS}\b")),
    (re.compile(r"\b(?:bao nhieu tien|le phi|muc phat|phat bao nhieu|bi phat|muc phi|chi phi|bao nhieu dong|muc luong|muc thu)\b"),
     _AMOUNT),
    (re.compile(r"\b(?:bao nhieu tuoi|may tuoi|du tuoi|do tuoi)\b"), re.compile(r"\b\d+\s*tuoi\b")),
)
# "bao nhiêu ngày", "tối đa mấy giờ", "ít nhất bao nhiêu phần trăm": a figure in that unit.
_ASKS_COUNT = re.compile(
    r"\b(?:bao nhieu|may|toi da|toi thieu|it nhat|khong qua)\s+"
    r"(?P<unit>ngay|thang|nam|gio|tuan|phut|tuoi|lan|nguoi|phan tram|thanh vien|m2|met)\b"
)
_ASKS_FIGURE = re.compile(r"\b(?:bao nhieu|toi da|toi thieu|it nhat|muc nao)\b")
_FIGURE = re.compile(r"\b\d")
_MARKER = re.compile(r"^\s*\d+[a-zđ]?\.\s", re.MULTILINE)
_ASKS_MEASURE = re.compile(r"\b(?:bao lau|(?:bao nhieu|may) (?:ngay|thang|nam|gio|tuan|phut|tuoi))\b")
_JUDGES = re.compile(r"\b(?:dung hay sai|dung khong|nao sau day)\b")
# "X là gì?", "X là người bao nhiêu tuổi?", "X là ai?": X, three to eight words, asked to be defined.
_DEFINITION_ASKED = re.compile(r"^\W*((?:\w+ ){2,7}\w+) la (?:gi|ai|nguoi|to chuc|co quan|viec|hanh vi)\b")
_ASKS_LIST = re.compile(
    r"\b(?:nhung|cac)\s+(?P<noun>truong hop|hanh vi|noi dung|dieu kien|giay to|quyen|nghia vu|loai|hinh thuc|doi tuong"
    r"|ai|gi|viec|nguyen tac|tieu chuan|che do|khoan)\b"
    r"|\btruong hop nao\b|\bgom (?:nhung )?(?:gi|nao)\b|\bbao gom\b|\bnhung ai\b|\bnhu the nao\b"
    # how many kinds of a thing there are is answered by their list, not by a figure ("có bao nhiêu hệ thống …")
    r"|\b(?:co|gom) bao nhieu (?!(?:ngay|thang|nam|gio|tuan|phut|tuoi|lan|phan tram|tien|dong|nguoi)\b)"
)
# A unit holding a kind of answer asked for weighs this much more (per kind).
ANSWER_TYPE_WEIGHT = 0.5
# A unit whose band holds the figure the question gives (``knowledge.figures``) counts as ``BAND_HELD`` answers;
# one stating bands that all miss it keeps ``BAND_MISSED`` of its score.
BAND_HELD = 2
BAND_MISSED = 0.3
# A place the law sets apart, which a question names when it means it: "không sử dụng đèn chiếu sáng" in a hầm
# đường bộ is another point than at night on the road. A unit naming one the question does not keeps this share.
_SET_APART = re.compile(r"\b(?:ham duong bo|duong cao toc)\b")
SET_APART = 0.5
# The level of government a unit opens with ("3. Ủy ban nhân dân cấp xã cho thuê đất …", "9. Đối với Hội đồng nhân dân
# cấp tỉnh, …"): a question naming another level ("thẩm quyền giao đất của Ủy ban nhân dân cấp tỉnh") is not answered
# by it. A unit opening with levels none of which the question names keeps ``OTHER_LEVEL`` of its score.
_LEVEL = re.compile(r"\bcap (tinh|huyen|xa|trung uong)\b")
OTHER_LEVEL = 0.5
_KHOAN = re.compile(r"^(\d+[a-zđ]?)\.\s")
_DIEM = re.compile(r"^([a-zđ])\)\s")
# The items a list's lead announces: "các trường hợp sau đây:" -> "trường hợp".
_LIST_NOUN = re.compile(r"\b(?:cac|nhung|mot trong cac|mot trong nhung)\s+((?:\w+\s+){0,2}?\w+)\s+(?:sau day|sau|duoi day|nhu sau)\s*:\s*$")
MAX_QUOTE_CHARS = 900


@dataclass(frozen=True)
class Quote:
    text: str  # verbatim pieces of the passage in order, ELLIPSIS where something is skipped
    clause: str | None
    point: str | None
    score: float
    more: str = ""  # what a trimmed list leaves out: "và 6 trường hợp khác"


@dataclass(frozen=True)
class _Unit:
    clause: str | None
    point: str | None
    lines: tuple[str, ...]  # the unit's own text, one contiguous run of the passage
    context: str = ""  # scored with the lines, not quoted: a điểm's khoản lead
    items: tuple[tuple[str, ...], ...] = ()  # the list the unit introduces (its lines end with ":"), in order
    item_name: str = ""  # what one item is called when none is named: "khoản", "điểm"
    scored: str = ""  # the text scored when it is not the lines: a khoản's lead with its điểm
    parent: "_Unit | None" = None  # a điểm's khoản

    @property
    def body(self) -> str:
        return self.scored or "\n".join(self.lines)


@dataclass(frozen=True)
class Rarity:
    """How informative each folded syllable ("sinh") and pair ("khai_sinh") of the corpus is
    (``DiacriticModel.rarity``); a term the corpus lacks weighs as much as its rarest one."""

    weights: Mapping[str, float]
    unseen: float

    @classmethod
    def of(cls, weights: Mapping[str, float]) -> "Rarity":
        return cls(weights, max(weights.values(), default=1.0))

    def __call__(self, term: str) -> float:
        return self.weights.get(term, self.unseen)


# "không" before a word negates it: "không xác định thời hạn" is paired as "khong_xac", never as the "xác định
# thời hạn" the function word's removal would leave (a question's closing "… không?" is followed by nothing).
_NEGATION = "khong"


def _content_terms(syllables: list[str]) -> tuple[list[str], set[str]]:
    """The content words of folded syllables and their pairs, function words between them skipped ("chở theo 02
    người trên xe": cho_02, 02_tren); a word after "không" is paired with it, not with the word before."""
    words: list[str] = []
    pairs: set[str] = set()
    before = ""
    for syllable in syllables:
        if syllable in STOPWORDS:
            before = syllable
            continue
        if before == _NEGATION:
            pairs.add(f"{_NEGATION}_{syllable}")
        elif words:
            pairs.add(f"{words[-1]}_{syllable}")
        words.append(syllable)
        before = syllable
    return words, pairs


@lru_cache(maxsize=64)  # one question is scored against every candidate passage
def question_terms(question: str) -> frozenset[str]:
    """Folded content words and their pairs in a question (abbreviations and everyday words expanded). Pairs are
    made within the question and within each legal term its words expand to, never across: "nghỉ phép năm được mấy
    ngày" expanded to "nghỉ hằng năm" holds no "ngày nghỉ"."""
    said = expand_abbreviations(question)
    terms: set[str] = set()
    for segment in (said, *legal_terms_for(said)):
        words, pairs = _content_terms(folded_syllables(segment))
        terms |= set(words) | pairs
    return frozenset(terms)


def _terms(text: str) -> set[str]:
    return set(with_bigrams(folded_syllables(text)))


def relevance(terms: set[str], text: str) -> float:
    """How much of the question a text covers: matched words count 1, matched pairs 2 (adjacent, or content words
    with function words between, as the question's are made: "chở theo 02 người trên xe" holds cho_02, 02_tren)."""
    tokens = folded_syllables(text)  # once: every unit of every candidate passage is scored
    found = terms & (set(with_bigrams(tokens)) | _content_terms(tokens)[1])
    return sum(2.0 if "_" in t else 1.0 for t in found)


def coverage(question: str, passage: Passage | str, rarity: Rarity | None = None) -> float:
    """Share of the question found in the passage (heading, text, title), or in a text.

    Without ``rarity`` every content word counts once. With it, the question's word
    pairs that are phrases of the corpus ("khai_sinh") count too, and every term weighs
    its rarity: "khai sinh" must be found as a phrase, not as "kê khai" and "phát sinh".
    """
    terms = question_terms(question)
    if rarity:
        terms = {t for t in terms if "_" not in t or t in rarity.weights}
        weight = rarity
    else:
        terms = {t for t in terms if "_" not in t}
        weight = lambda term: 1.0  # noqa: E731
    if not terms:
        return 0.0
    text = passage if isinstance(passage, str) else f"{passage.doc_title}\n{passage.heading}\n{passage.text}"
    found = terms & _terms(text)
    return sum(weight(t) for t in found) / sum(weight(t) for t in terms)


def _answer_types_held(question: str, unit: _Unit) -> int:
    """How many of the kinds of answer the question asks for the unit holds (a điểm: with its lead)."""
    wanted = _wanted(question)
    plain = _plain(f"{unit.context}\n{unit.body}") if wanted else ""  # a điểm is quoted under its lead, which may hold the figure
    return sum(1 for holds in wanted if holds.search(plain)) + bool(unit.items and _ASKS_LIST.search(fold(question)))


@lru_cache(maxsize=64)
def _wanted(question: str) -> tuple[re.Pattern[str], ...]:
    """What a unit holding each kind of answer the question asks for contains: a duration, a sum, an age, a count."""
    folded_question = fold(question)
    wanted = [holds for asks, holds in _ANSWER_TYPES if asks.search(folded_question)]
    count = _ASKS_COUNT.search(folded_question)
    if count:
        unit_word = count.group("unit")
        wanted.append(re.compile(r"\d+\s*%|\bphan tram\b" if unit_word == "phan tram" else rf"\b\d+\s*{unit_word}\b"))
    elif _ASKS_FIGURE.search(folded_question) and not wanted:
        wanted.append(_FIGURE)
    return tuple(wanted)


def _plain(text: str) -> str:
    """Folded, without the khoản numbers that open lines ("5. Tên loại …" holds no figure)."""
    return _MARKER.sub("", fold(text))


def holds_what_is_asked(question: str, text: str) -> bool | None:
    """Whether a quote holds the measure the question asks for in so many words ("bao lâu", "mấy tuổi", "bao nhiêu
    ngày"); None when it asks for none (a count of items, a time merely named, a statement to judge)."""
    folded_question = fold(question)
    if not _ASKS_MEASURE.search(folded_question) or _JUDGES.search(folded_question):
        return None
    plain = _plain(text)
    return any(holds.search(plain) for holds in _wanted(question))


_SENTENCE_END = re.compile(r"[.;:!?…»”)]\s*$")
TITLE_WORDS = 15  # a numbered line this long is content, whatever its end


def says_something(text: str) -> bool:
    """Whether a passage's text holds more than numbered titles ("1. Vị trí trình bày các thành phần thể thức",
    "2. Sơ đồ", over a diagram the parser could not read): any line that is not one does."""
    def title(line: str) -> bool:
        return bool(_KHOAN.match(line)) and not _SENTENCE_END.search(line) and len(line.split()) < TITLE_WORDS

    return any(not title(line.strip()) for line in text.splitlines() if line.strip())


def _set_apart(asked: set[str], text: str) -> bool:
    """Whether the text names a place set apart (a tunnel, an expressway) that is not among those ``asked``."""
    places = set(_SET_APART.findall(fold(text)))
    return bool(places) and not places <= asked


def _other_level(levels_asked: set[str], unit: _Unit) -> bool:
    """Whether the unit opens with levels of government none of which the question names: a điểm with its khoản's
    lead's when that names any (the levels a point mentions later are not whose powers it lists), else its first line."""
    if not levels_asked:
        return False
    levels = set(_LEVEL.findall(fold(unit.context))) or set(_LEVEL.findall(fold(unit.lines[0] if unit.lines else "")))
    return bool(levels) and not levels & levels_asked


def _introduces_list(line: str) -> bool:
    return line.rstrip().endswith(":")


def _split(lines: list[str], marker: re.Pattern[str]) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The lines before the first marked one, then each marked line ("2. …", "b) …") with the lines it carries."""
    head: list[str] = []
    parts: list[tuple[str, list[str]]] = []
    for line in lines:
        mark = marker.match(line)
        if mark:
            parts.append((mark.group(1), [line]))
        elif parts:
            parts[-1][1].append(line)
        else:
            head.append(line)
    return head, parts


def _khoan_units(number: str, lines: list[str]) -> list[_Unit]:
    """A khoản as a unit (with its điểm as its list when its lead ends with ":"), then each điểm."""
    head, diems = _split(lines, _DIEM)
    if diems and _introduces_list(head[-1]):
        items = tuple(tuple(d) for _, d in diems)
        khoan = _Unit(number, None, tuple(head), items=items, item_name="điểm", scored="\n".join(lines))
    else:
        khoan = _Unit(number, None, tuple(lines))
    return [khoan] + [_Unit(number, letter, tuple(d), context=head[0], parent=khoan) for letter, d in diems]


def _units(passage: Passage) -> list[_Unit]:
    """The passage's units. A later piece of a long article may open inside a khoản ("h) Giấy tờ …" of khoản 1):
    what comes before its first numbered khoản is then the rest of the first khoản it holds, not the article's lead."""
    lead, khoans = _split([line.rstrip() for line in passage.text.split("\n") if line.strip()], _KHOAN)
    units: list[_Unit] = []
    opened_in = passage.clauses[0] if passage.clauses else None
    if lead and opened_in and opened_in not in {number for number, _ in khoans}:
        _, diems = _split(lead, _DIEM)
        units.append(_Unit(opened_in, None, tuple(lead)))
        units += [_Unit(opened_in, letter, tuple(d)) for letter, d in diems]
    elif lead:
        items = tuple(tuple(k) for _, k in khoans) if khoans and _introduces_list(lead[-1]) else ()
        units.append(_Unit(None, None, tuple(lead), items=items, item_name="khoản"))
    listed_by = units[0] if units and units[0].clause is None and units[0].items else None
    for number, lines in khoans:
        khoan, *diems = _khoan_units(number, lines)
        units += [replace(khoan, parent=listed_by), *diems]
    return units


def _asks_list(question: str) -> bool:
    return bool(_ASKS_LIST.search(fold(question)))


def _defined(question: str) -> str | None:
    """What a question asks to define, folded with "là": "Người lao động cao tuổi là người bao nhiêu tuổi?" →
    "nguoi lao dong cao tuoi la "; the unit opening with it defines it ("1. Người lao động cao tuổi là người …")."""
    match = _DEFINITION_ASKED.match(fold(question))
    return f"{match.group(1)} la " if match else None


def _listed_noun(question: str) -> str | None:
    """What a list asked for is a list of: "những hình thức nào" → "hinh thuc" (folded)."""
    match = _ASKS_LIST.search(fold(question))
    return match.group("noun") if match and match.group("noun") not in (None, "ai", "gi") else None


def best_quote(question: str, passage: Passage) -> Quote:
    """The unit of the passage that best answers ``question``, quoted verbatim (with its list, trimmed).

    The question's words the article's heading holds tell none of its units apart: "xe máy" is the heading's
    "xe mô tô, xe gắn máy" in the article on motorbikes, and only the point on helmets repeats it, so "đi xe máy
    vào đường cao tốc" is told by the other words (the article's khoản taken as the list its heading names
    excepted)."""
    terms = question_terms(question)
    telling = terms - _terms(passage.heading) or terms
    units = _units(passage)
    asks_list, noun, defined = _asks_list(question), _listed_noun(question), _defined(question)
    heading_lists_noun = bool(noun and noun in fold(passage.heading)) and not any(
        u.items and u.lines and noun in fold(u.lines[-1]) for u in units)  # no khoản lists it itself
    if (asks_list and len(units) > 1 and not any(u.clause is None or (u.point and not heading_lists_noun) for u in units)
            and units[0].clause == "1"):
        # "các hành vi bị nghiêm cấm … là gì?" and an article that is that list, without a lead: its heading says
        # what the khoản are (not when a khoản has its own list, unless the heading alone names what is asked: "Các
        # hình thức bản sao" for "bản sao gồm những hình thức nào"; nor the later khoản of a long article in pieces).
        items = tuple(u.body.split("\n") for u in units if u.point is None)
        units.append(_Unit(None, None, (), items=items, item_name="khoản", scored=f"{passage.heading}\n{passage.text}"))
    figure = figure_given(question)
    places_asked = set(_SET_APART.findall(fold(question)))
    levels_asked = set(_LEVEL.findall(fold(question)))
    best: tuple[float, _Unit, _Unit] | None = None
    for unit in units:
        body = unit.body
        held = _answer_types_held(question, unit)
        band = in_band(figure, unit.body if unit.point or not unit.items else "\n".join(unit.lines))
        quoted = unit
        if unit.parent and not band and relevance(telling, body) <= relevance(telling, unit.context):
            if not held:
                continue  # the điểm adds nothing its khoản's lead does not say: quote the khoản
            quoted = unit.parent  # it adds the answer (a figure) to its lead's words: quote the list it is in
        # the article's khoản as one list, said by its heading, is scored with the heading's words; so is a list of
        # what the question asks ("những hình thức nào" and "… một trong những hình thức kỷ luật sau đây:")
        defines = bool(defined and unit.lines and _plain(unit.lines[0]).startswith(defined))
        said_by_heading = not unit.lines or defines or bool(unit.items and noun and noun in fold(unit.lines[-1]))
        relevant = relevance(terms if said_by_heading else telling, f"{unit.context}\n{body}")
        held += defines
        held += BAND_HELD if band else 0
        # a long unit is quoted trimmed to MAX_QUOTE_CHARS: it weighs no more than that; a list asked for weighs its lead
        length = len("\n".join(unit.lines)) if unit.items and unit.lines and asks_list else min(len(body), MAX_QUOTE_CHARS)
        score = relevant * (1 + ANSWER_TYPE_WEIGHT * held) / math.log(2 + length / 400)
        score *= (BAND_MISSED if band is False else 1) * (SET_APART if _set_apart(places_asked, body) else 1)
        score *= OTHER_LEVEL if _other_level(levels_asked, unit) else 1
        if best is None or score > best[0]:
            best = (score, quoted, unit)
    if best is None:
        return Quote(_shorten((passage.text,))[0], None, None, 0.0)
    score, unit, _ = best
    return _quote_of(unit, score)


def _quote_of(unit: _Unit, score: float) -> Quote:
    """A unit quoted: with the list it introduces (trimmed), a điểm under its khoản's lead, else its lines. A khoản
    completing its article's lead, as a điểm completes its khoản's, is quoted with the lead, and with the whole list
    when it fits: "1. Hòa giải viên lao động;" alone does not say that Điều 187 lists who settles a labour dispute,
    nor that two more do."""
    if unit.point is None and unit.parent is not None and not _completes_lead(unit.parent):
        unit = replace(unit, parent=None)  # a khoản saying something of its own ("1. Thông tin là …")
    elif unit.point is None and unit.parent is not None and _fits(unit.parent):
        unit = unit.parent
    if unit.items:
        text, more = _with_list(unit)
    elif unit.parent and unit.parent.items:
        text, more = _with_lead(unit), ""
    else:
        text, more = _shorten(unit.lines)
    return Quote(text, unit.clause, unit.point, score, more)


_ASKED_UNIT = re.compile(
    r"(?:\bđiểm\s+(?P<point>[a-zđ])\s+)?(?:\bkhoản\s+(?P<clause>\d{1,3})\s+)?(?:của\s+)?\bđiều\s+(?P<article>\d{1,3}[a-zđ]?)\b",
    re.IGNORECASE,
)


# Nothing asked of the article but what it says: "Điều 15 Luật Hộ tịch quy định gì", "… nói về gì", "toàn văn Điều 3 …".
_ASKS_WHAT_IT_SAYS = re.compile(
    r"^(?:\s+(?!(?:có|không|được|khi|thì|nếu|ai|bao|mấy|nào|sao|đâu|phải|bị)\b)\S+){0,14}?\s*(?:(?:quy định|nói|ghi|viết)(?:\s+(?:về\s+)?(?:gì|những gì|cái gì|thế nào|ra sao|nội dung gì))?|là gì)?\W*$",
    re.IGNORECASE,
)


def asked_quote(question: str, passage: Passage) -> Quote | None:
    """The unit the question names by number in this passage's article ("khoản 2 Điều 7 …" → khoản 2; "Điều 15 …"
    → the article from its start), verbatim; to "… có hiệu lực từ ngày nào", the unit saying from when; None
    when the question names no unit of it."""
    if asks_when_in_force(question) and not _ASKED_UNIT.search(question):
        said = next((unit for unit in _units(passage) if _TAKES_EFFECT.search(unit.body)), None)
        return _quote_of(said, 1.0) if said is not None else None
    for match in _ASKED_UNIT.finditer(question):
        if match.group("article") != passage.article:
            continue
        clause, point = match.group("clause"), match.group("point")
        if clause is None:
            if not _ASKS_WHAT_IT_SAYS.search(question[match.end():]):
                return None  # a question about the article ("Điều 51 … chồng có được …?"): its best khoản
            text, more = _shorten((passage.text,))
            return Quote(text, None, None, 1.0, more)
        for unit in _units(passage):
            if unit.clause == clause and unit.point == point:
                return _quote_of(unit, 1.0)
    return None


_TAKES_EFFECT = re.compile(r"\bcó hiệu lực(?: thi hành)?(?: kể)? từ ngày\b", re.IGNORECASE)


def _with_lead(diem: _Unit) -> str:
    """A điểm under the lead of its khoản ("Phạt tiền từ … đối với … sau đây:"), which it completes."""
    assert diem.parent is not None
    head = "\n".join(diem.parent.lines)
    gap = [] if diem.lines == diem.parent.items[0] else [ELLIPSIS]
    body, _ = _shorten(diem.lines, max(MAX_QUOTE_CHARS // 3, MAX_QUOTE_CHARS - len(head) - 3))
    return "\n".join([head, *gap, body])


def _with_list(unit: _Unit) -> tuple[str, str]:
    """A list's lead and as many of its items as fit, then ELLIPSIS and what is left out."""
    head = "\n".join(unit.lines)
    kept: list[str] = []
    used = len(head)
    for item in unit.items:
        text = "\n".join(item)
        if kept and used + 1 + len(text) > MAX_QUOTE_CHARS:
            break
        kept.append(text)
        used += 1 + len(text)
    if used > MAX_QUOTE_CHARS:  # the first item alone is too long: cut it
        first, _ = _shorten(tuple(kept[0].split("\n")), max(MAX_QUOTE_CHARS // 3, MAX_QUOTE_CHARS - len(head) - 1))
        return "\n".join([*unit.lines, first]), _left_out(unit, len(unit.items) - 1)
    left = len(unit.items) - len(kept)
    text = "\n".join([*unit.lines, *kept])
    return (f"{text}\n{ELLIPSIS}", _left_out(unit, left)) if left else (text, "")


def _completes_lead(unit: _Unit) -> bool:
    """Whether a list's items complete its lead as one sentence: each but the last ends with ";"."""
    return len(unit.items) > 1 and all(item[-1].rstrip().endswith(";") for item in unit.items[:-1])


def _fits(unit: _Unit) -> bool:
    """Whether a list's lead and all its items fit in one quote."""
    return sum(len(line) + 1 for line in (*unit.lines, *(line for item in unit.items for line in item))) <= MAX_QUOTE_CHARS


def _left_out(unit: _Unit, count: int) -> str:
    """"và 6 trường hợp khác": the items a trimmed list leaves out, named as its lead names them."""
    if count <= 0:
        return ""
    lead = unit.lines[-1] if unit.lines else ""
    match = _LIST_NOUN.search(fold_aligned(lead))
    noun = lead[match.start(1):match.end(1)] if match else unit.item_name
    return f"và {count} {noun} khác"


def _shorten(lines: tuple[str, ...], limit: int = MAX_QUOTE_CHARS) -> tuple[str, str]:
    """The lines, cut at a line end (else a word) when longer than ``limit``, ELLIPSIS marking the cut."""
    kept: list[str] = []
    for line in lines:
        if kept and sum(len(k) + 1 for k in kept) + len(line) > limit:
            break
        kept.append(line)
    text = "\n".join(kept)
    if len(text) > limit:
        return f"{text[:limit].rsplit(' ', 1)[0]} {ELLIPSIS}", ""
    return (f"{text}\n{ELLIPSIS}", "") if len(kept) < len(lines) else (text, "")
