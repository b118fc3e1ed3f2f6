"""Current law first: evidence from documents no longer in force ranks below evidence in force.

The registry says, as of the day of the question, which documents are repealed or
partially repealed. Their passages keep their place in the results (a question may
need the old law, and when the new one is not in the knowledge base the old text,
flagged, is all there is) but lose a share of the best score of the question:
``DEMOTION`` of it for a repealed document, half as much for one repealed in part.
A passage of the new law answering the same question then ranks first, a passage
of the old law that answers far better than anything in force still appears.

No demotion when the question is about the old law: it names the document's number,
or a year or date before the repeal ("Luật Đất đai 2013", "năm 2020", "trước ngày
01/7/2014"). Half the demotion when the question names the law's subject, or says the
article's heading in full ("kỳ họp thường lệ của Hội đồng nhân dân …": "Điều 78. Kỳ họp
Hội đồng nhân dân" of the 2015 Luật Tổ chức chính quyền địa phương), and the text
that replaced it is not in the knowledge base: no passage of the new law can take its
place, and the full one would raise unrelated law above the law the question is about
("những hành vi bị nghiêm cấm trong kinh doanh bất động sản": Luật Kinh doanh bất động
sản 2014, flagged as replaced by the 2023 law, not Luật Tiêu chuẩn và quy chuẩn kỹ
thuật). A question on another subject keeps the full demotion ("thời hạn đăng ký khai
sinh" is Luật Hộ tịch's, not the repealed decree on Luật Cư trú's).

Statuses are read from the registry when the question is asked, not from the copy
each passage got at ingest, so a feed imported since (``troly status import``)
changes the ranking at once; the passages handed on carry that status too.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from knowledge.heading_match import headings_said
from knowledge.models import Evidence, StatusChange, lowered
from knowledge.parsing.citations import find_numbers, number_key
from knowledge.parsing.legal.common import dates_in
from knowledge.text import fold

DEMOTION = {"repealed": 0.3, "partially_repealed": 0.15}
REPLACEMENT_MISSING = 0.5  # the share of the demotion kept when the replacing text is not in the knowledge base
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_WORD = re.compile(r"[0-9a-z]+")
# A law named with its year, read folded: "luat nha o 2023", "bo luat dan su nam 2015".
_VERSION_YEAR = re.compile(r"\bluat\b[^\d,.;:?!]{1,60}?\b(?:nam )?((?:19|20)\d\d)(?![\d/])")


def asks_about_the_past(question: str, doc_id: str, change: StatusChange) -> bool:
    """Whether ``question`` is about the document as it was: its number, or a year or date before ``change``. A
    year written after a law's name names a version of it: "Luật Nhà ở 2023" is about the old Luật Nhà ở
    (65/2014/QH13, replaced from 2024) only when that year is the old one's or earlier."""
    if number_key(doc_id) in {number_key(n) for n in find_numbers(question)}:
        return True
    if change.since is None:
        return False
    folded = fold(question)
    versions = [int(y) for y in _VERSION_YEAR.findall(folded)]
    own = _YEAR.search(doc_id)
    if versions and own is not None and any(year <= int(own.group()) for year in versions):
        return True
    days = [day for day, _ in dates_in(question)]
    years = [int(y) for y in _YEAR.findall(_VERSION_YEAR.sub(" ", folded))]
    return any(day < change.since for day in days) or any(year < change.since.year for year in years)


def current_first(
    question: str,
    evidence: list[Evidence],
    statuses: dict[str, StatusChange],
    replacement_held: Callable[[str], bool] = lambda doc_id: True,
) -> list[Evidence]:
    """``evidence`` with today's statuses, repealed documents demoted unless the question is about them (half as
    much when ``replacement_held(doc_id)`` says the text in force in their place is not in the knowledge base)."""
    if not evidence:
        return []

    def today(e: Evidence) -> Evidence:
        change = _change(e, statuses)
        return e if change is None or change.status == e.passage.status else replace(e, passage=replace(e.passage, status=change.status))

    heading_said = headings_said(question)

    def demotion(e: Evidence) -> float:
        change = _change(e, statuses)
        share = DEMOTION.get(change.status, 0.0) if change is not None else 0.0
        if not share or asks_about_the_past(question, e.passage.doc_id, change):
            return 0.0
        if not (names_subject(question, e.passage.doc_title) or heading_said(e.passage.heading)):
            return share
        # the registry is read only for a question on the law's own subject, or on the article's
        return share * REPLACEMENT_MISSING if not replacement_held(e.passage.doc_id) else share

    return lowered([today(e) for e in evidence], demotion)


# A law's subject said by what it organises: the local government law is about councils and committees.
_SUBJECT_SAID_AS = {"to chuc chinh quyen dia phuong": ("hoi dong nhan dan", "uy ban nhan dan", "hdnd", "ubnd")}


def names_subject(question: str, title: str) -> bool:
    """Whether the question names the subject of a law, or of the law a decree details: "kinh doanh bất động sản"
    for Luật Kinh doanh bất động sản, "cư trú" for a decree detailing Luật Cư trú (diacritics and punctuation
    aside: "phòng chống tác hại của thuốc lá")."""
    words = _WORD.findall(fold(title))
    if "luat" not in words:
        return False
    subject = " ".join(words[len(words) - words[::-1].index("luat"):])
    said = f" {' '.join(_WORD.findall(fold(question)))} "
    return bool(subject) and any(f" {name} " in said for name in (subject, *_SUBJECT_SAID_AS.get(subject, ())))


def _change(evidence: Evidence, statuses: dict[str, StatusChange]) -> StatusChange | None:
    return statuses.get(evidence.passage.doc_id) if evidence.passage.kind == "law" else None
