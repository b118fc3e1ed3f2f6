"""Tokens for keyword search and intent features.

Vietnamese writes one syllable per space-separated token; a word is one to four
syllables ("đăng ký", "khai sinh"). Three tokenisations are offered:

- ``syllables``: lower-cased syllables, document numbers ("60/2014/qh13") kept whole;
- ``with_bigrams``: syllables plus joined neighbouring pairs ("đăng_ký"), a cheap
  stand-in for word segmentation that also works on text typed without diacritics;
- ``segmented_words``: pyvi's word segmentation (good on well-formed text only).
"""
from __future__ import annotations

import re
from functools import lru_cache

from knowledge.text.normalize import fold_word, normalize

# A số hiệu such as 60/2014/QH13, 30/2020/NĐ-CP or 01/2021/TT-BTP is one token.
_TOKEN = re.compile(r"\d+(?:/\d+)*/[^\W_]+(?:-[^\W_]+)*|[^\W_]+", re.UNICODE)


def syllables(text: str) -> list[str]:
    """Lower-cased syllable tokens of normalised text."""
    return _TOKEN.findall(normalize(text).lower())


def folded_syllables(text: str) -> list[str]:
    """Syllable tokens without diacritics."""
    return [fold_word(token) for token in syllables(text)]


def with_bigrams(tokens: list[str]) -> list[str]:
    """Tokens followed by every adjacent pair joined with an underscore."""
    return tokens + [f"{a}_{b}" for a, b in zip(tokens, tokens[1:])]


@lru_cache(maxsize=1)
def _pyvi():
    from pyvi import ViTokenizer

    return ViTokenizer


def segmented_words(text: str) -> list[str]:
    """Words from pyvi's segmenter, multi-syllable words joined with '_'."""
    segmented = _pyvi().tokenize(normalize(text).lower())
    return [token for token in segmented.split() if _TOKEN.fullmatch(token.replace("_", "a"))]
