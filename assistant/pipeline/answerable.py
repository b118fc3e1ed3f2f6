"""Whether the evidence found answers the question, or only shares words with it.

A search always returns something: a question about Japan's labour law finds Bộ luật Lao động,
"giá vàng SJC hôm nay" finds an article on gold trading. The rule here (``Verdict``) decides, per
kind of evidence (law, procedure), from:

- ``coverage``: the share of the question's terms the best of the first ``TOP`` candidates holds
  (each term weighed by its rarity in the corpus, phrases counted as phrases:
  ``assistant.skills.quoting.coverage``);
- the classifier's probability that the message is about none of the assistant's subjects
  (weather, prices, recipes): from ``Thresholds.out_of_scope`` on, nothing answers — unless a
  candidate covers the question from ``Thresholds.decisive`` on: the classifier, trained on a few
  hundred messages, gives "Thời hiệu yêu cầu chia di sản thừa kế là bao nhiêu năm?" .87 out of
  scope, while Điều 623 Bộ luật Dân sự covers .7 of it;
- what no candidate can answer whatever words it shares (``assistant.nlu.cues``): another
  country's rules, the assistant's opinion, facts of the day; and a law the question names that
  the knowledge base does not hold (``LawTitles``: "Luật Trí tuệ nhân tạo", "Luật Điện lực 2024"
  when only the 2004 one is there);
- for the law, a question asking for a sum of money as of a day or in a place ("học phí … ở Đà
  Nẵng năm học 2026-2027 bao nhiêu", "lương tối thiểu vùng 1 năm 2026 là bao nhiêu", "bây giờ
  bị phạt bao nhiêu tiền") is answered only by a text that states one (``states_money``): an
  article on how học phí is set, or one that counts in "mức lương cơ sở" when the question asks
  what the mức lương cơ sở is, does not answer it.

The thresholds (``THRESHOLDS``) were chosen on a development set of answerable and unanswerable
questions and are reported on a held-out one (evals/data/answerability_*.jsonl,
``python -m evals.answerability``; the search: ``--calibrate``). Coverage alone separates the two
poorly — a question about the price of gold shares more words with some article than many a
citizen's question with the article that answers it — so its threshold is low and the refusals
come mostly from the rest.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.skills.quoting import Rarity, coverage
from knowledge.models import Evidence
from knowledge.text import expand_abbreviations, fold, normalize

TOP = 3  # candidates looked at

_MONEY_WORD = (r"(?:tien|luong|gia|phi|le phi|hoc phi|phu cap|tro cap|ho tro|thu nhap|thue|muc dong"
               r"|(?:bi|muc|xu|nop|tien) phat|phat tien)")
_OTHER_UNIT = (r"(?:ngay|thang|nam|lan|lau|nguoi|gio|tuoi|buoi|loai|diem|km|m2|met|ha|con|cai|hang|bac|tang|phut|tuan|ky"
               r"|khoan|muc|truong hop|hinh thuc|nhom|thanh vien|giai doan|cap|bo|dieu)")
_ASKS_MONEY = re.compile(
    rf"\bbao nhieu (?:tien|dong|phan tram)\b|\bbao nhieu\s*%|\b{_MONEY_WORD}\b(?:\s+\S+){{0,10}}?\s+bao nhieu\b(?!\s+{_OTHER_UNIT}\b)"
)
# … as of a day or in a place: the sums the law leaves to yearly or local acts.
_AS_OF = re.compile(r"\b(?:hien nay|hien tai|bay gio|nam nay|nam ngoai|nam toi|moi nhat|nam (?:hoc |tai chinh )?20\d\d)\b")
_IN_A_PLACE = re.compile(
    r"\b(?:ở|tại|o|tai)\s+(?:(?:tỉnh|thành phố|tp\.?|quận|huyện|phường|xã|thị xã|đường|phố)\s+)?[A-ZĐ]"
    r"|\b(?:phường|xã|tỉnh|quận|huyện|phuong|xa|tinh|quan|huyen)\s+(?:mình|tôi|em|nhà|minh|toi|nha)\b"
)
_MONEY = re.compile(r"\d[\d.,]*\s*(?:(?:dong|trieu|ty|nghin|ngan|phan tram)\b|%)")
_ASKS_RATE = re.compile(r"\b(?:bao nhieu|may) (?:phan tram|%)|bao nhieu\s*%|\bty le (?:la )?bao nhieu\b")
_RATE = re.compile(r"\d[\d.,]*\s*(?:%|phần trăm)")
_RELATIVE = re.compile(r"\d[\d.,]*\s*(?:lan\s+)?(?:muc\s+)?(?:luong|tien luong)\b")
_REFERENCE_WAGE = re.compile(r"\bluong (?:co so|toi thieu)\b")
_WAGE_STATED = re.compile(
    r"\bluong (?:co so|toi thieu)\b[^;\n]{0,60}?(?:\b(?:la|bang)\b|:)[^;\n]{0,30}?\d[\d.,]*\s*(?:dong|trieu|nghin)\b"
)


@dataclass(frozen=True)
class Thresholds:
    coverage: float  # the best candidate must cover at least this share of the question
    out_of_scope: float  # … and the classifier must give out_of_scope less than this probability
    decisive: float = 1.01  # … or the best candidate must cover at least this share, whatever the classifier says


# Chosen with ``python -m evals.answerability --set dev --calibrate`` (2026-12-06): the best F1 on the
# answerability development set (precision .85, recall 1.0) among the thresholds that answer at least
# 90% of the other development sets; of the ties, the one answering most of them (.99 of the ALQAC,
# citizen-legal and procedure questions read as an officer). ``decisive`` (2026-12-07) leaves every
# development figure as it was from .5 to 1.01 (the cues refuse the unanswerable questions that reach .5:
# prices of the day, another country's tax, advice on a purchase); .6 answers the officer questions the
# classifier refused at .62–.70 ("Nhà đầu tư nước ngoài có được mua nhà ở tại Việt Nam không?") and keeps
# a margin above the unanswerable ones it refuses at .50–.58 (a price, the portal's maintenance today).
THRESHOLDS: dict[str, Thresholds] = {
    "law": Thresholds(coverage=0.2, out_of_scope=0.8, decisive=0.6),
    "procedure": Thresholds(coverage=0.2, out_of_scope=0.8, decisive=0.6),
}


@dataclass(frozen=True)
class Grounding:
    """How well the best of one kind of evidence matches the question."""

    kind: str
    best: Evidence | None
    coverage: float = 0.0
    figure_missing: bool = False  # the question asks for a sum (law) or a rate (procedure) no candidate states

    def answers(self, out_of_scope: float = 0.0) -> bool:
        """Whether the best candidate answers; ``out_of_scope`` is the classifier's probability that nothing should."""
        rule = THRESHOLDS[self.kind]
        return (self.best is not None and not self.figure_missing and self.coverage >= rule.coverage
                and (out_of_scope < rule.out_of_scope or self.coverage >= rule.decisive))


# Words that follow "luật" without naming a law: "luật sư", "luật quy định", "luật mới", "luật áp dụng".
_NOT_A_NAME = frozenset(
    "su quy moi cu nao phap hien nay do va thi la co khong cua ve cho da se dang duoc bi sua tren ban so nam nhu the gi"
    " hinh thuc ap hay khac chuyen quoc".split()
)
# A law named as one: "Luật"/"Bộ luật" written with a capital, not "pháp luật" (the law in general).
_LAW = re.compile(r"(?<![Pp]háp )(?<![Pp]hap )\b(?:[Bb][ộo]\s+[Ll]u[ậa]t|[Ll]u[ậa]t)\s+((?:[^\W_]+[\s,]*){1,12})")
_YEAR = re.compile(r"^\s*(?:sua doi\s+)?(?:bo sung\s+)?(?:nam\s+)?((?:19[4-9]|20[0-9])\d)\b")
NAME_WORDS = 2  # a mention names a law when it shares its first words (all of a shorter title)


class LawTitles:
    """The laws and codes the knowledge base holds, to tell a question naming one it does not.

    "Luật Trí tuệ nhân tạo", "luật dữ liệu", "Luật Điện lực 2024" (the corpus holds the 2004
    one): no passage can answer for a law that is not there, whatever words it shares.
    """

    def __init__(self, titles: dict[str, set[int]]):
        self.titles = titles  # title without "luật"/"bộ luật", folded -> years of the versions held

    @classmethod
    def of(cls, registry) -> "LawTitles":
        titles: dict[str, set[int]] = {}
        for entry in registry.entries():
            name = fold(entry.title or "")
            if entry.in_corpus and re.match(r"(?:bo\s+)?luat\s", name):
                years = titles.setdefault(_name(name), set())
                year = entry.issued_on.year if entry.issued_on else None
                if year:
                    years.add(year)
        return cls(titles)

    def missing(self, question: str) -> str | None:
        """The law the question names that is not held ("Luật Trí tuệ nhân tạo", "Luật Điện lực 2024"), or None.

        A law counts as named when "Luật" is written with a capital or a year follows its name: "luật ly hôn"
        in lower case is how people speak of Luật Hôn nhân và gia đình, not the title of a law."""
        for match in _LAW.finditer(normalize(expand_abbreviations(question))):
            words = re.findall(r"[0-9a-z]+", fold(match.group(1)))
            if not words or words[0] in _NOT_A_NAME or words[0].isdigit() or "nay" in words[:3]:
                continue
            formal = match.group(0)[0].isupper()
            held = self._held(words)
            shared = held[0] if held else len(words)
            year = _YEAR.match(" ".join(words[shared:]))
            if held is None and (formal or year):
                return _as_written(match, NAME_WORDS + 2)
            if held is not None and year and held[1] and int(year.group(1)) not in held[1]:
                return f"{_as_written(match, shared)} {year.group(1)}"
        return None

    def _held(self, words: list[str]) -> tuple[int, set[int]] | None:
        """(words the mention shares with the titles it names best, the years of their versions), or None.

        Whole titles come before titles the mention only begins ("Luật Giáo dục năm 2019" names Luật
        Giáo dục, not Luật Giáo dục đại học)."""
        matches = []
        for title, years in self.titles.items():
            title_words = title.split()
            shared = 0
            while shared < min(len(words), len(title_words)) and words[shared] == title_words[shared]:
                shared += 1
            if shared >= min(NAME_WORDS, len(title_words)):
                matches.append((shared == len(title_words), shared, years))
        if not matches:
            return None
        best = max((whole, shared) for whole, shared, _ in matches)
        years = set().union(*(years for whole, shared, years in matches if (whole, shared) == best))
        return best[1], years


def _as_written(match: re.Match[str], name_words: int) -> str:
    """"Luật" (or "Bộ luật") and the first ``name_words`` words of its name, as the question wrote them; up to a
    year among them ("Luật Căn cước 2023", not "Luật Căn cước 2023 có")."""
    words = match.group(0).replace(",", " ").split()
    words = words[: name_words + (2 if fold(words[0]) == "bo" else 1)]
    year = next((i for i, word in enumerate(words) if _YEAR.match(fold(word))), None)
    return " ".join(words[: year + 1] if year is not None else words)


def _name(folded_title: str) -> str:
    return " ".join(re.findall(r"[0-9a-z]+", re.sub(r"^(?:bo\s+)?luat\s+", "", folded_title)))


@dataclass(frozen=True)
class Verdict:
    """Whether the law and the procedures found answer a question, and why not when they do not."""

    law: Grounding
    procedure: Grounding
    out_of_scope: float  # the classifier's probability that the message is about none of this
    beyond: str | None = None  # what no law or procedure holds (``Cues.beyond``)
    missing_law: str | None = None  # a law the question names that the knowledge base does not hold

    @property
    def law_answers(self) -> bool:
        return self.why_not is None and self.law.answers(self.out_of_scope)

    @property
    def procedure_answers(self) -> bool:
        """A question about a law not held is not answered by a procedure either: it asks what that law says."""
        return self.why_not is None and self.procedure.answers(self.out_of_scope)

    @property
    def classified_out_of_scope(self) -> bool:
        """The classifier is as sure the message is about none of this as the rule requires to answer nothing."""
        return self.out_of_scope >= THRESHOLDS["law"].out_of_scope

    @property
    def why_not(self) -> str | None:
        """What to tell a user no evidence answers: "other_country", "general_task", "opinion", "live_fact",
        "local_fact", "law_not_held"."""
        return self.beyond or ("law_not_held" if self.missing_law else None)


def grounding(kind: str, question: str, evidence: list[Evidence], rarity: Rarity | None) -> Grounding:
    """The best of the first ``TOP`` candidates by coverage."""
    scored = [(coverage(question, e.passage, rarity), e) for e in evidence[:TOP]]
    if not scored:
        return Grounding(kind, None)
    share, best = max(scored, key=lambda item: item[0])
    if asks_rate(question):  # a percentage: fines in đồng do not state it, nor a procedure's fee
        missing = not any(_RATE.search(e.passage.text) for e in evidence[:TOP])
    else:
        missing = kind == "law" and asks_money(question) and not any(states_money(question, e.passage.text) for e in evidence[:TOP])
    return Grounding(kind, best, share, figure_missing=missing)


def asks_money(question: str) -> bool:
    """Whether the question asks for a sum of money or a rate as of a day or in a place ("mức lương cơ sở
    hiện nay là bao nhiêu tiền", "học phí … ở Đà Nẵng năm học 2026-2027 bao nhiêu"). Without one ("tiền cấp
    dưỡng nuôi con là bao nhiêu") the law's answer may rightly be how the sum is set, with no figure."""
    text = normalize(expand_abbreviations(question))
    folded = fold(text)
    return bool(_ASKS_MONEY.search(folded)) and bool(_AS_OF.search(folded) or _IN_A_PLACE.search(text))


def asks_rate(question: str) -> bool:
    """Whether the question asks for a percentage as of a day or in a place ("lệ phí trước bạ xe máy ở Hà Nội
    hiện nay là bao nhiêu phần trăm")."""
    folded = fold(normalize(expand_abbreviations(question)))
    return bool(_ASKS_RATE.search(folded)) and asks_money(question)


def states_money(question: str, text: str) -> bool:
    """Whether ``text`` states a sum or a rate: "4.000.000 đồng", "10%", or "05 lần mức lương cơ sở". When the
    question asks what the mức lương cơ sở (or tối thiểu) itself is, only a sum said of it counts ("mức lương
    cơ sở là 2.340.000 đồng/tháng"), not a fine or an allowance counted in it or stated beside it."""
    folded = fold(text)
    if _REFERENCE_WAGE.search(fold(question)):
        return bool(_WAGE_STATED.search(folded))
    return bool(_MONEY.search(folded) or _RELATIVE.search(folded))
