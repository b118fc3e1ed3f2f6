"""Answers as chat messages: cut to a channel's size limit, citations in short, details on request,
reminders and replies.

Chat channels cap a message's length (Telegram 4,096 characters, Zalo 2,000), so a
long answer goes out as several messages, cut between lines where it can and
between words otherwise, never inside a word that fits.

An answer's ``details`` (a procedure's special-case papers, steps, legal bases) are not sent
with it: the person asks for them with ``DETAILS_REQUEST`` ("chi tiết"), which a Telegram button
sends and a Zalo user types; the answer's text says so (``details_prompt`` adds it when not).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from assistant.answer import Answer, Citation
from assistant.skills.procedure_view import DETAILS_HINT, DETAILS_REQUEST
from assistant.tasks import DuePoint
from assistant.tickets import Ticket

SOURCES_HEADING = "Nguồn:"
RESEND_PREFIX = "(nhắc lại) "

Size = Callable[[str], int]


def cut(line: str, limit: int, size: Size = len) -> list[str]:
    """``line`` in pieces of at most ``limit`` (as measured by ``size``), cut at a space when there is one."""
    pieces = []
    rest = line
    while size(rest) > limit:
        low, high = 1, len(rest)  # the longest prefix that fits
        while low < high:
            middle = (low + high + 1) // 2
            if size(rest[:middle]) <= limit:
                low = middle
            else:
                high = middle - 1
        end = rest.rfind(" ", 0, low + 1)
        end = end if end > 0 else low
        pieces.append(rest[:end].rstrip())
        rest = rest[end:].lstrip()
    pieces.append(rest)
    return pieces


def pack(pieces: Iterable[str], limit: int, size: Size = len) -> list[str]:
    """Pieces (each within ``limit``) joined by newlines into as few messages as fit.

    ``size`` must add up over concatenation (``len``, a UTF-16 length). Blank lines at
    the edges of a message are dropped, and a message with nothing else is not sent.
    """
    messages: list[list[str]] = [[]]
    used = 0
    for piece in pieces:
        needed = size(piece) + (1 if messages[-1] else 0)
        if messages[-1] and used + needed > limit:
            messages.append([])
            needed = size(piece)
            used = 0
        messages[-1].append(piece)
        used += needed
    return [text for text in ("\n".join(lines).strip("\n") for lines in messages) if text.strip()]


def split_text(text: str, limit: int, size: Size = len) -> list[str]:
    """Plain text in messages of at most ``limit``."""
    return pack((piece for line in text.split("\n") for piece in cut(line, limit, size)), limit, size)


def citation_parts(citation: Citation) -> tuple[str, str | None]:
    """A citation in short and its link: ("khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13)", None)."""
    name = citation.label or citation.title
    if citation.id and citation.id not in name:
        name = f"{name} ({citation.id})"
    url = citation.url if citation.url and citation.url.startswith(("https://", "http://")) else None
    return name, url


def details_prompt(answer: Answer) -> str | None:
    """The line telling how to see the answer's details, when it has some its text does not announce."""
    if not answer.details or DETAILS_HINT in answer.text:
        return None
    return f"{DETAILS_HINT}: nhắn \"{DETAILS_REQUEST}\"."


def reminder_text(point: DuePoint) -> str:
    """A reminder's text, marked when an earlier hand-over of it may have reached the person."""
    return RESEND_PREFIX + point.text if point.resend else point.text


def ticket_reply_text(ticket: Ticket) -> str:
    """An officer's reply to a ticket, as the person who sent it receives it."""
    who = f"Cán bộ {ticket.replied_by}" if ticket.replied_by else "Cán bộ"
    return f"{who} trả lời yêu cầu {ticket.code} của bạn:\n{ticket.reply}"
