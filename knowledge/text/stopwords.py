"""Vietnamese function words, folded: they carry no topic when matching a question to a text.

Folding merges words ("thẻ" and "thế", "hôn" and "hơn", "tư" and "từ"), so only
syllables whose every accented reading is a function word are listed.
"""
from __future__ import annotations

STOPWORDS: frozenset[str] = frozenset(
    """
    a ah ai anh cac cua da deu duoc em gi hay hoac khi khong ko k la lam len mot nao nay neu nguoi
    nhe nhi nhieu nhu nhung o oi phai qua ra rang roi se sau theo va vao ve voi xin uh vang cam on
    """.split()
)


def content_tokens(tokens: list[str]) -> list[str]:
    """The tokens that are not function words (tokens must be folded)."""
    return [t for t in tokens if t not in STOPWORDS]
