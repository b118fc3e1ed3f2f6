"""Which papers of a thủ tục's dossier (thành phần hồ sơ) everyone brings, and which only some.

The portal lists the papers of every case in one table: "Tờ khai đăng ký khai sinh", "Giấy
chứng sinh", but also "Trường hợp trẻ em bị bỏ rơi thì phải có biên bản…", "Văn bản ủy quyền…
trong trường hợp ủy quyền…", and under headings such as "Trường hợp ủy quyền thực hiện thủ tục
thì hồ sơ phải kèm theo…". A citizen's first answer lists only the papers always required; the
others are shown on request. The portal's own wording decides, for every procedure alike:

- a paper is *conditional* when its name opens with a case ("Trường hợp…", "Đối với…", "Nếu…",
  "(iv) Trường hợp ủy quyền…") or its first clause, outside parentheses, names one ("… trong
  trường hợp ủy quyền…", "… (nếu có)"); an alternative after ";" ("Giấy chứng sinh; trường hợp
  không có Giấy chứng sinh thì…") does not make the paper itself conditional;
- every paper listed under a heading that opens with a case is conditional, and so is every
  paper of a later table that lists again the form of an earlier one ("Đăng ký tạm trú theo danh
  sách, hồ sơ gồm: Tờ khai…" after "Hồ sơ đăng ký tạm trú gồm: Tờ khai…"): another case's dossier;
  when several tables have headings that name something other than the papers themselves ("Đăng
  ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ", "… tại cơ sở tín ngưỡng…"), each is a
  case and the dossier depends on it;
- a row that only announces the next ones ("… các giấy tờ sau", "Lưu ý: …") is a *note*, not a paper.

``short_name`` gives a paper's name as a checklist shows it: the first clause, without long
parentheses, at most ``SHORT_NAME`` characters.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from knowledge.models import Procedure, RequiredDocument
from knowledge.text import fold, shorten

SHORT_NAME = 110
LONG_PARENTHESIS = 60
_LABEL = r"(?:\s*(?:[-+•*–]|\(?\s*(?:[ivx]{1,4}|\d{1,2}(?:\.\d{1,2})*|[a-zđ])\s*\)|\d{1,2}(?:\.\d{1,2})*\.)\s*)*"
_CASE_OPENING = re.compile(
    rf"^{_LABEL}(?:trong |chi |rieng |ngoai ra,? )?(?:truong hop|doi voi|neu|khi |rieng (?:doi voi|voi|truong hop))"
)
_CASE_INSIDE = re.compile(r"\btruong hop\b")
_NOTE = re.compile(rf"^{_LABEL}(?:luu y|vi du|ghi chu)\b|\b(?:sau day|sau|gom|bao gom|nhu sau|gom co)\s*$")
_FIRST_CLAUSE_END = re.compile(r";|\.\s")
# A table heading that names no case: "Giấy tờ phải nộp", "Hồ sơ đăng ký tạm trú gồm", "Thành phần hồ sơ".
_GENERIC_HEADING = re.compile(rf"^{_LABEL}(?:cac |thanh phan )?(?:giay to|ho so|tai lieu)\b")


@dataclass(frozen=True)
class Dossier:
    """A procedure's papers sorted out: those always required, those of special cases, and notes.

    ``cases`` are (heading, papers) in the portal's order: a table whose heading names a case
    ("Trường hợp ủy quyền…", "Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ") with
    its papers, and under the heading "" the papers whose own wording makes them conditional.
    """

    required: tuple[RequiredDocument, ...]
    cases: tuple[tuple[str, tuple[RequiredDocument, ...]], ...]
    notes: tuple[str, ...]

    @property
    def conditional(self) -> tuple[RequiredDocument, ...]:
        return tuple(d for _, papers in self.cases for d in papers)


def _outside_parentheses(text: str) -> str:
    depth, kept = 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            kept.append(ch)
    return "".join(kept)


def first_clause(name: str) -> str:
    """The paper itself, before what the portal adds after ";" or a full stop (alternatives, conditions)."""
    depth = 0
    for index, ch in enumerate(name):
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if not depth and _FIRST_CLAUSE_END.match(name, index):
            return name[:index].strip()
    return name.strip()


def is_conditional(name: str) -> bool:
    clause = fold(first_clause(name))
    return bool(_CASE_OPENING.match(fold(name)) or _CASE_INSIDE.search(_outside_parentheses(clause)) or "(neu co)" in clause)


def is_note(name: str) -> bool:
    return bool(_NOTE.search(fold(name).strip(" .;:")))


def _key(name: str) -> str:
    """What identifies a paper across a procedure's tables: its folded name before any parenthesis or clause."""
    return fold(first_clause(name).split("(")[0]).strip(" .,;:")


@lru_cache(maxsize=256)  # a procedure's first answer, its details and its follow-ups all sort the same papers
def sort_papers(procedure: Procedure) -> Dossier:
    """The procedure's papers, always required first (application forms first of all), then the cases."""
    groups: dict[str, list[RequiredDocument]] = {}
    for document in procedure.documents:
        groups.setdefault(document.group, []).append(document)
    named = [heading for heading in groups if heading and not _GENERIC_HEADING.match(fold(heading))]
    required: list[RequiredDocument] = []
    cases: dict[str, list[RequiredDocument]] = {}
    notes: list[str] = []
    forms_seen: set[str] = set()
    for heading, documents in groups.items():
        forms = {_key(d.name) for d in documents if _is_application(d.name)}
        special = bool(_CASE_OPENING.match(fold(heading))) or bool(forms & forms_seen) or (len(named) > 1 and heading in named)
        forms_seen |= forms
        for document in documents:
            if special:
                cases.setdefault(heading, []).append(document)
            elif is_note(document.name):
                notes.append(document.name)
            elif is_conditional(document.name):
                cases.setdefault("", []).append(document)
            else:
                required.append(document)
    required.sort(key=lambda d: (d.must_present, not _is_application(d.name)))
    return Dossier(tuple(required), tuple((h, tuple(d)) for h, d in cases.items()), tuple(notes))


_APPLICATION = re.compile(r"^(?:to khai|don |don$|ban khai|phieu de nghi|giay de nghi|van ban de nghi|phieu yeu cau|mau don)")


def _is_application(name: str) -> bool:
    """The form the citizen fills in (tờ khai, đơn, giấy đề nghị): it heads the checklist."""
    return bool(_APPLICATION.match(fold(name)))


def short_name(name: str) -> str:
    """A paper's name for a checklist: its first clause, without long parentheses, cut at ``SHORT_NAME``."""
    text = first_clause(name)
    text = re.sub(r"\s*\([^()]{%d,}\)" % LONG_PARENTHESIS, "", text).strip()
    return shorten(text, SHORT_NAME, "…")
