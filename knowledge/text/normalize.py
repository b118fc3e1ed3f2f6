"""Vietnamese normalisation: Unicode form, tone placement, diacritic folding.

Vietnamese text arrives in two Unicode forms (precomposed NFC and decomposed NFD,
both present in the shared corpus) and two tone-placement conventions: "hoà,
thuỷ, uỷ ban" and "hòa, thủy, ủy ban". Official documents use the latter, so
``normalize`` rewrites the former into it. ``fold`` removes every diacritic
(``đ`` becomes ``d``) so that text typed without diacritics, "dang ky khai
sinh", meets "đăng ký khai sinh".
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]")
# Runs of two or more spaces, or any other kind of space (a lone " " needs no work).
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# oa, oe, uy at the end of a syllable with the tone on the second vowel ("hoà", "thuỷ");
# "qu" + y keeps its tone on y ("quý"), so a preceding q is excluded. One class for both
# vowels keeps the scan fast; ``_move_tone`` leaves the other pairs (oy, ua, ...) alone.
# A further mark after the tone means another vowel ("hoặc" is o + a + dot below + breve): left alone.
_NEW_STYLE_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0303\u0309\u0323])(?![^\W\d_]|[\u0300-\u036f])")


def _move_tone(match: re.Match[str]) -> str:
    first, second, tone = match.groups()
    if (first in "oO") != (second in "aAeE"):
        return match.group(0)
    return first + tone + second


def normalize(text: str, keep_spacing: bool = False) -> str:
    """NFC, one tone-placement convention, đ for a look-alike eth, no control characters, single spaces.

    Line breaks are kept: the legal parsers rely on them. ``keep_spacing`` also keeps
    tabs and runs of spaces, which lay out a draft's header columns.
    """
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _NEW_STYLE_TONE.sub(_move_tone, decomposed)
    # Some sources type the Icelandic eth (Ð, ð) where Vietnamese has đ ("Ðiều 113").
    text = unicodedata.normalize("NFC", decomposed).replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text if keep_spacing else _SPACES.sub(" ", text)


def fold(text: str) -> str:
    """Lower-case and strip every diacritic: "Đăng ký" -> "dang ky"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("đ", "d")


def shorten(text: str, limit: int, mark: str = "") -> str:
    """``text`` when it fits in ``limit`` characters, else its words that fit (trailing punctuation dropped) and ``mark``."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;/") + mark


@lru_cache(maxsize=1 << 18)
def fold_word(word: str) -> str:
    """``fold`` of one word, remembered: the index folds millions of words drawn from a vocabulary
    of some tens of thousands (20 s of a cold ingest without the cache)."""
    return fold(word)


def fold_aligned(text: str) -> str:
    """``fold`` character by character, so that offsets in the result are offsets in ``text``.

    Used to find spans diacritic-insensitively and report them in the text as written. A
    character whose folding is not exactly one character (a lone combining mark) is kept.
    """
    return "".join(folded if len(folded := fold(ch)) == 1 else ch for ch in text)


def has_diacritics(text: str) -> bool:
    """True when the text carries any Vietnamese diacritic (or đ)."""
    return fold(text) != text.lower()


def strip_tones(text: str) -> str:
    """Remove tone marks only, keeping vowel shapes (â, ê, ô, ơ, ư, ă) and đ."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
