"""Prompt injection: sentences that try to give the assistant instructions.

"bỏ qua mọi chỉ dẫn trước đó…", "quên hết các quy tắc…", "ignore previous
instructions…", "hãy đóng vai…" are cut out of a user's message by the guard and out
of every passage a language model is shown, so neither a message nor a document in
the knowledge base can steer the model. Matching runs on the diacritic-folded text,
so "bo qua moi chi dan" is caught as well.
"""
from __future__ import annotations

import re

from knowledge.text import fold_aligned

_INJECTION = re.compile(
    r"(?:bo qua|quen|lo di|khong can (?:tuan theo|lam theo))\s+(?:het\s+)?(?:moi|tat ca|cac|nhung)?\s*"
    r"(?:chi dan|huong dan|chi thi|lenh|quy tac|yeu cau)[^.!?\n]*"
    r"|ignore (?:all |any )?(?:the )?(?:previous|prior|above|earlier) (?:instructions|prompts?|rules)[^.!?\n]*"
    r"|disregard (?:all |the )?(?:previous |above )?instructions[^.!?\n]*"
    r"|(?:system prompt|jailbreak|developer mode)[^.!?\n]*"
    r"|(?:tu bay gio |ke tu bay gio )?(?:ban hay dong vai|hay dong vai|ban la mot tro ly khac)[^.!?\n]*",
)


def without_injection(text: str) -> tuple[str, bool]:
    """The text with instruction-giving sentences cut out, and whether there were any.

    Offsets are kept by the aligned fold, so the cut is made in the original text.
    """
    folded = fold_aligned(text)
    spans = [m.span() for m in _INJECTION.finditer(folded)]
    for start, end in reversed(spans):
        text = text[:start] + text[end:]
    return re.sub(r"\s+([.,!?])", r"\1", re.sub(r"\s{2,}", " ", text)).strip(" .,;"), bool(spans)
