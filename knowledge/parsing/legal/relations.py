"""Which documents a văn bản repeals or amends, read from its own words.

Final provisions say it in a few set phrases:

- "Luật Cư trú số 81/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số
  36/2013/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành" — the first
  is repealed, the amending act's provisions expire with it (``expires_with``: the
  registry repeals a whole amending act, and only amends a law such as Luật Đầu tư
  công that amended it in passing);
- "Thông tư này thay thế Thông tư số 47/2016/TT-BTTTT", "... được thay thế bởi
  Luật này", "Bãi bỏ Pháp lệnh ... số ..." — repealed;
- "Các quy định về ... của Luật X số N hết hiệu lực", "Bãi bỏ Điều 5 của Luật X
  số N", "Sửa đổi, bổ sung một số điều của Luật X số N" — only part changes:
  amended. There, numbers after "đã được sửa đổi, bổ sung theo" name the
  earlier amending acts and are left out.

Quoted text (“...”) is the new wording of another document and is ignored, and so
is a short name given in passing ("(sau đây gọi là Luật Đất đai số 45/2013/QH13)");
a provision that "có hiệu lực từ ngày Nghị quyết số 61/2022/QH15 hết hiệu lực" only
dates its own start.
A document named without a number ("Luật thương mại ngày 10 tháng 5 năm 1997")
cannot be identified and yields no relation, and a document never repeals or amends one of
higher legal rank (``knowledge.parsing.citations.legal_rank``): "Thông tư này thay thế Thông tư số
20/2015/TT-BTP … hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP" names the decree only to say what the
replaced circular was for.
"""
from __future__ import annotations

import re
from datetime import date

from knowledge.models import Dieu, Relation
from knowledge.parsing.citations import DOC_TYPES, CitedDocument, find_cited_documents, legal_rank, number_key
from knowledge.parsing.legal.common import THIS_DOCUMENT, parse_date
from knowledge.parsing.legal.structure import UPPER

_QUOTED = re.compile(r"“[^”]*”")
# "(sau đây gọi là Luật Đất đai số 45/2013/QH13)": a short name, not another document.
_SHORT_NAME = re.compile(r"\((?:sau đây )?gọi (?:tắt |chung )?là\b[^()]*\)", re.IGNORECASE)
# "Khoản 9 Điều 60 của Luật này có hiệu lực thi hành từ ngày Nghị quyết số 61/2022/QH15 hết hiệu lực":
# the expiry only dates a provision's start.
_STARTS_WHEN = re.compile(r"có hiệu lực(?: thi hành)?(?: kể)? từ (?:ngày|khi)\b")
_SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?=[{UPPER}])")
_NUMBERING = re.compile(r"^(?:Điều\s+\d+[a-zđ]?[.:]|\d{1,3}[a-zđ]?\.(?!\d)|[a-zđ]\d?\))\s*")
_EXPIRES = re.compile(r"\bhết hiệu lực\b")
_EXPIRES_ON = re.compile(r"hết hiệu lực(?: thi hành)?(?: kể)? từ ngày\s*(\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*\d{4})")
_REPLACES = re.compile(rf"{THIS_DOCUMENT} thay thế\b")
_REPLACED_BY = re.compile(rf"\bđược thay thế bởi {THIS_DOCUMENT}")
_PARTIAL = re.compile(
    r"^(?:các|những|một số|toàn bộ)?\s*(?:quy định|điều|khoản|điểm|mục|tiểu mục|chương|phần|nội dung|danh mục|phụ lục)\b",
    re.IGNORECASE,
)
# Items of a list of expiring texts: "Pháp lệnh X số ..., quy định về ... tại Pháp lệnh Y số ...; ...".
_ITEM_SEPARATOR = re.compile(r";|,\s+(?=(?:các |những )?quy định\b)", re.IGNORECASE)
_INSTRUCTION = re.compile(r"^(?:sửa đổi|bổ sung|bãi bỏ|thay thế)\b", re.IGNORECASE)
_WHOLE_REPEAL = re.compile(
    r"^bãi bỏ\s+(?:" + "|".join(re.escape(t) for t in DOC_TYPES) + r")\b", re.IGNORECASE
)
_HISTORY = re.compile(r"(?:đã\s+)?(?:được\s+)?sửa đổi, bổ sung(?: một số điều)?\s+(?:theo|bởi|tại)\b")


def _outranks(cited: str, subject: str | None) -> bool:
    cited_rank, subject_rank = legal_rank(cited), legal_rank(subject) if subject else None
    return cited_rank is not None and subject_rank is not None and cited_rank < subject_rank


def unquoted(text: str) -> str:
    """The text without its quotations."""
    return _QUOTED.sub(" ", text)


def _numbered(citations: list[CitedDocument], end: int | None = None) -> list[CitedDocument]:
    return [c for c in citations if c.number and (end is None or c.start < end)]


def _before_history(clause: str) -> int | None:
    history = _HISTORY.search(clause)
    return history.start() if history else None


def _sentence_relations(sentence: str) -> list[tuple[str, CitedDocument, date | None]]:
    """(verb, object, date it takes effect if written) for one sentence."""
    expires = _EXPIRES.search(sentence)
    if expires:
        on = _EXPIRES_ON.match(sentence, expires.start())
        when = parse_date(on.group(1)) if on else None
        found = []
        for item in _ITEM_SEPARATOR.split(_NUMBERING.sub("", _SHORT_NAME.sub(" ", sentence[: expires.start()]).strip())):
            item = item.strip()
            if _STARTS_WHEN.search(item):
                continue
            if _PARTIAL.match(item):
                found += [("amends", c, when) for c in _numbered(find_cited_documents(item), _before_history(item))]
            else:
                history = _before_history(item)
                found += [
                    ("repeals" if history is None or c.start < history else "expires_with", c, when)
                    for c in _numbered(find_cited_documents(item))
                ]
        return found
    replaces = _REPLACES.search(sentence)
    if replaces:
        return [("repeals", c, None) for c in _numbered(find_cited_documents(sentence[replaces.end() :]))]
    replaced = _REPLACED_BY.search(sentence)
    if replaced:
        return [("repeals", c, None) for c in _numbered(find_cited_documents(sentence[: replaced.start()]))]
    found = []
    for clause in sentence.split(";"):
        clause = _NUMBERING.sub("", clause.strip())
        if not _INSTRUCTION.match(clause):
            continue
        verb = "repeals" if _WHOLE_REPEAL.match(clause) else "amends"
        found += [(verb, c, None) for c in _numbered(find_cited_documents(clause), _before_history(clause))]
    return found


def relations_in(subject_id: str, subject_number: str | None, texts: list[str], effective_on: date | None) -> list[Relation]:
    """Relations stated by the texts of ``subject_id``; undated ones take effect with it."""
    own = number_key(subject_number) if subject_number else None
    found: dict[tuple[str, str], Relation] = {}
    for text in texts:
        for line in unquoted(text).split("\n"):
            for sentence in _SENTENCE_END.split(line.strip()):
                for verb, cited, when in _sentence_relations(sentence):
                    key = number_key(cited.number)
                    if key == own or (verb, key) in found or _outranks(cited.number, subject_number):
                        continue
                    found[(verb, key)] = Relation(
                        subject_id=subject_id,
                        verb=verb,
                        object_number=cited.number,
                        evidence=sentence.strip(),
                        object_title=cited.title or "",
                        effective_on=when or effective_on,
                    )
    return list(found.values())


def article_texts(articles: list[Dieu] | tuple[Dieu, ...]) -> list[str]:
    """Each article's full text, the form relations and citations are read from."""
    return [article.full_text() for article in articles]
