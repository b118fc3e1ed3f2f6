"""Answers as Telegram messages: HTML, cut at Telegram's 4,096 characters, choices as buttons.

Everything the assistant wrote is escaped (``parse_mode`` HTML); the only markup is
ours: the bold heading of the sources and their links. Telegram counts a message's
length after parsing the markup, in UTF-16 code units; we count the escaped text with
its tags, which is never less, so no message can be refused for its length.

A choice's button carries ``choice:<number>``: pressing it sends the number, as if
the person had typed it; an answer with details gets a "Xem chi tiết" button (``details``)
that sends "chi tiết". A reminder's buttons carry the scheduler's data (``done:12``).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions
from telegram.constants import MessageLimit, ParseMode

from assistant.answer import Answer, Choice
from channels.formatting import SOURCES_HEADING, citation_parts, cut, details_prompt, pack
from knowledge.text import shorten

MESSAGE_LIMIT = MessageLimit.MAX_TEXT_LENGTH
CHOICE_DATA = "choice:"
DETAILS_DATA = "details"
DETAILS_BUTTON = "Xem chi tiết"
_BUTTON_LABEL = 60


def utf16_size(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Outgoing:
    """One ``sendMessage``: HTML text and, on the last message of an answer, its buttons."""

    html: str
    keyboard: InlineKeyboardMarkup | None = None


def _escaped_size(text: str) -> int:
    return utf16_size(escape(text, quote=False))


def _escaped_pieces(text: str) -> list[str]:
    """Lines of plain text, cut so that each fits once escaped, then escaped."""
    pieces = (piece for line in text.split("\n") for piece in cut(line, MESSAGE_LIMIT, _escaped_size))
    return [escape(piece, quote=False) for piece in pieces]


def _source(citation) -> str:
    name, url = citation_parts(citation)
    if url is None:
        return f"• {escape(name, quote=False)}"
    return f'• <a href="{escape(url)}">{escape(name, quote=False)}</a>'


def _with_keyboard(chunks: list[str], keyboard: InlineKeyboardMarkup | None) -> list[Outgoing]:
    messages = [Outgoing(chunk) for chunk in chunks]
    if messages and keyboard is not None:
        messages[-1] = Outgoing(messages[-1].html, keyboard)
    return messages


def _choice_button(choice: Choice) -> InlineKeyboardButton:
    label = shorten(f"{choice.number}. {choice.label}", _BUTTON_LABEL, "…")
    return InlineKeyboardButton(label, callback_data=f"{CHOICE_DATA}{choice.number}")


def render_answer(answer: Answer) -> list[Outgoing]:
    """The messages of an answer: its text, a compact list of its sources, one button per choice, and
    "Xem chi tiết" when it has details."""
    prompt = details_prompt(answer)
    pieces = _escaped_pieces(f"{answer.text}\n{prompt}" if prompt else answer.text)
    if answer.citations:
        pieces += ["", f"<b>{escape(SOURCES_HEADING)}</b>"] + [_source(c) for c in answer.citations]
    buttons = [[_choice_button(c)] for c in answer.choices]
    if answer.details:
        buttons.append([InlineKeyboardButton(DETAILS_BUTTON, callback_data=DETAILS_DATA)])
    keyboard = InlineKeyboardMarkup(buttons) if buttons else None
    return _with_keyboard(pack(pieces, MESSAGE_LIMIT, utf16_size), keyboard)


def render_text(text: str, actions: Iterable[tuple[str, str]] = ()) -> list[Outgoing]:
    """Plain text (a reminder, an officer's reply) with optional buttons (label, callback data)."""
    buttons = [[InlineKeyboardButton(label, callback_data=data)] for label, data in actions]
    keyboard = InlineKeyboardMarkup(buttons) if buttons else None
    return _with_keyboard(pack(_escaped_pieces(text), MESSAGE_LIMIT, utf16_size), keyboard)


async def send(bot: Bot, chat_id: int | str, messages: list[Outgoing]) -> None:
    for message in messages:
        await bot.send_message(
            chat_id, message.html, parse_mode=ParseMode.HTML, reply_markup=message.keyboard,
            link_preview_options=LinkPreviewOptions(is_disabled=True),
        )
