"""From parsed documents to passages, the units of retrieval and quotation.

Laws are cut at the Điều: an article is one passage unless it is long, then it is
split at khoản boundaries (a very long khoản at line boundaries), every piece
keeping the article's heading and the khoản numbers it holds, so no piece loses
its citation. A procedure is one passage: its name and the words a citizen would
use to find it (field, agency, level, papers, result).

What the embedder sees is cut differently: a passage's first vector covers its
heading and document title (``dense_text``); its body vectors, added by the
background enrichment (``knowledge.index.enrich``), cover the whole text in pieces
that fit the model's window (``body_chunks``: e5-small reads 512 tokens), cut at
khoản boundaries, a khoản too long for the window at its lines (điểm), then its
sentences.
"""
from __future__ import annotations

import re
from typing import Callable

from knowledge.models import Access, Dieu, Passage, Procedure, Status
from knowledge.text import expand_abbreviations, shorten

MAX_PASSAGE_CHARS = 2400


def _blocks(dieu: Dieu) -> list[tuple[str, tuple[str, ...]]]:
    """Indivisible-ish blocks of an article: (text, khoản numbers it holds)."""
    blocks: list[tuple[str, tuple[str, ...]]] = []
    if dieu.intro:
        blocks += [(line, ()) for line in _split_long(dieu.intro)]
    for khoan in dieu.khoans:
        blocks += [(part, (khoan.number,)) for part in _split_long(khoan.full_text())]
    return blocks


def _split_long(text: str) -> list[str]:
    """Split text longer than the limit at lines, then sentences, then hard boundaries."""
    return split_to_fit(text, lambda piece: len(piece) <= MAX_PASSAGE_CHARS)


def split_to_fit(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Pieces of ``text`` that each ``fits``, in order: cut at lines, a line too long at its
    sentences, a sentence too long at the longest prefix that fits."""
    if fits(text):
        return [text]
    lines = "\n" in text
    units = text.split("\n") if lines else text.replace(". ", ".\n").split("\n")
    parts: list[str] = []
    for unit in units:
        if lines and not fits(unit):
            parts += split_to_fit(unit, fits)
            continue
        while not fits(unit):
            cut = _longest_fitting_prefix(unit, fits)
            parts.append(unit[:cut])
            unit = unit[cut:]
        parts.append(unit)
    return _pack(parts, fits)


def _longest_fitting_prefix(text: str, fits: Callable[[str], bool]) -> int:
    """Length of the longest prefix of ``text`` that fits (at least one character, so a cut always advances)."""
    low, high = 1, len(text) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if fits(text[:middle]):
            low = middle
        else:
            high = middle - 1
    return low


def _pack(parts: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Consecutive parts joined by line breaks into as few pieces as fit, in order."""
    pieces: list[str] = []
    current = ""
    for part in parts:
        joined = f"{current}\n{part}" if current else part
        if current and not fits(joined):
            pieces.append(current)
            current = part
        else:
            current = joined
    if current:
        pieces.append(current)
    return pieces


def law_passages(
    dieu: Dieu, doc_title: str, *, kind: str = "law", access: Access = "public", status: Status = "unknown"
) -> list[Passage]:
    """One or more passages for an article, each carrying its full citation."""
    pieces: list[tuple[str, tuple[str, ...]]] = []
    text, clauses = "", ()
    for block, block_clauses in _blocks(dieu) or [("", ())]:
        if text and len(text) + len(block) + 1 > MAX_PASSAGE_CHARS:
            pieces.append((text, clauses))
            text, clauses = block, block_clauses
        else:
            text = f"{text}\n{block}" if text else block
            clauses = clauses + tuple(c for c in block_clauses if c not in clauses)
    pieces.append((text, clauses))
    return [
        Passage(
            passage_id=f"{kind}:{dieu.doc_id}:{dieu.ref()}:{i}",
            kind=kind,  # type: ignore[arg-type]
            doc_id=dieu.doc_id,
            doc_title=doc_title,
            heading=dieu.title_line(),
            text=piece_text,
            article=dieu.ref(),
            clauses=piece_clauses,
            access=access,
            status=status,
            source=dieu.source,
        )
        for i, (piece_text, piece_clauses) in enumerate(pieces)
    ]


def procedure_passage(procedure: Procedure, access: Access = "public") -> Passage:
    papers = "; ".join(d.name for d in procedure.documents)
    facts = [
        f"Lĩnh vực: {procedure.field}" if procedure.field else "",
        f"Cấp thực hiện: {procedure.level}" if procedure.level else "",
        f"Cơ quan thực hiện: {procedure.agency}" if procedure.agency else "",
        f"Đối tượng: {procedure.audience}" if procedure.audience else "",
        f"Kết quả: {procedure.result}" if procedure.result else "",
        f"Hồ sơ: {papers}" if papers else "",
    ]
    return Passage(
        passage_id=f"procedure:{procedure.code}",
        kind="procedure",
        doc_id=procedure.code,
        doc_title=procedure.title,
        heading=procedure.title,
        text="\n".join(f for f in facts if f)[:MAX_PASSAGE_CHARS],
        access=access,
        status="in_force",
        url=procedure.url,
        source=procedure.source,
    )


def document_passages(doc_id: str, title: str, text: str, *, access: Access, source: str) -> list[Passage]:
    """Passages of a document without Điều structure (an uploaded report, letter, minutes)."""
    return [
        Passage(
            passage_id=f"document:{doc_id}:{i}",
            kind="document",
            doc_id=doc_id,
            doc_title=title,
            heading=title,
            text=piece,
            access=access,
            status="unknown",
            source=source,
        )
        for i, piece in enumerate(_split_long(text.strip()))
    ]


def keyword_text(passage: Passage) -> str:
    """What BM25 indexes: the document title and the heading weigh as a field would;
    abbreviations written out as queries have them (``expand_abbreviations``)."""
    return expand_abbreviations(f"{passage.doc_title}\n{passage.heading}\n{passage.heading}\n{passage.text}")


def keyword_heading(passage: Passage) -> str:
    """What BM25's heading field indexes: the heading, abbreviations written out."""
    return expand_abbreviations(passage.heading)


_UNIT_NUMBER = re.compile(r"^(?:Điều|Mục)\s+[\w.]+\.\s*")
# Embedding time is the ingest's bottleneck and grows with the characters embedded. The words that
# tell one document from another come first in a title ("Nghị định quy định xử phạt vi phạm hành
# chính về trật tự, an toàn giao thông…"), a long heading's subject in its first clauses; the rest of
# the titles and headings longer than these limits (267,000 of the shared corpus's 2.27 million
# embedded characters, a minute of a cold ingest) is left to BM25, which indexes them whole.
HEADING_CHARS = 160
TITLE_CHARS = 60


def _dense_heading(passage: Passage) -> str:
    """The heading without its number and the document's title, each cut at a word: what every
    vector of a passage starts with."""
    heading = shorten(_UNIT_NUMBER.sub("", passage.heading), HEADING_CHARS)
    title = f" ({shorten(passage.doc_title, TITLE_CHARS)})" if passage.doc_title and passage.doc_title != passage.heading else ""
    return f"{heading}{title}"


def dense_text(passage: Passage, body_chars: int) -> str:
    """What the embedder sees: the heading without its number and the document's title (each cut at
    a word, ``HEADING_CHARS`` and ``TITLE_CHARS``), and the first ``body_chars`` characters of the text."""
    body = f"\n{passage.text[:body_chars]}" if body_chars > 0 else ""
    return f"{_dense_heading(passage)}{body}"


def chunk_text(passage: Passage, piece: str) -> str:
    """What the embedder sees of one piece of a passage's body: its heading and title, then the piece."""
    return f"{_dense_heading(passage)}\n{piece}"


_KHOAN_START = re.compile(r"\d+[a-zđ]?\.\s")


def _khoan_blocks(text: str) -> list[str]:
    """The text's khoản, each with its điểm (a line starting "3. " or "3a. " begins a khoản);
    the lines before the first khoản are a block of their own."""
    blocks: list[str] = []
    for line in text.split("\n"):
        if blocks and not _KHOAN_START.match(line):
            blocks[-1] = f"{blocks[-1]}\n{line}"
        else:
            blocks.append(line)
    return blocks


def takes_body_vectors(passage: Passage) -> bool:
    """Whether the enrichment embeds the passage's body (``body_chunks``): a law's or a document's
    passage with text. A procedure's body is the portal's form (field, level, agency, who may apply,
    papers), worded alike across thousands of procedures; its name, in its first vector, is what
    tells it apart. Measured at full coverage on the whole knowledge base (``python -m
    evals.answers``, golden set): with procedures' body vectors, procedures found within two turns
    .963 → .925; without them .963, while the law's body vectors raise articles' hit@1 .707 → .741."""
    return passage.kind != "procedure" and bool(passage.text.strip())


def body_chunks(passage: Passage, fits: Callable[[str], bool]) -> list[str]:
    """The passage's whole text in pieces whose ``chunk_text`` ``fits`` the embedder's window,
    in order: whole khoản packed together, a khoản too long for the window cut by
    ``split_to_fit``. None for a passage that takes no body vectors (``takes_body_vectors``):
    its first vector is all it has."""
    if not takes_body_vectors(passage):
        return []
    text = passage.text.strip()
    if fits(chunk_text(passage, "")):
        def piece_fits(piece: str) -> bool:
            return fits(chunk_text(passage, piece))
    else:  # a heading that fills the window on its own: the pieces are measured alone
        piece_fits = fits
    parts = [part for block in _khoan_blocks(text) for part in split_to_fit(block, piece_fits)]
    return _pack(parts, piece_fits)
