"""Answers as Zalo texts: plain text of at most 2,000 characters each, sources with their links.

Zalo's customer-service texts carry no markup and no buttons here: an answer's choices
are already numbered in its text ("Trả lời bằng số"), its details are had by typing "chi
tiết" (the text says so), and a reminder says how to answer it ("xong 12").
"""
from __future__ import annotations

from assistant.answer import Answer
from channels.formatting import SOURCES_HEADING, citation_parts, details_prompt, split_text
from channels.zalo.api import ZaloClient


def _source(citation) -> str:
    name, url = citation_parts(citation)
    return f"• {name}: {url}" if url else f"• {name}"


def render_answer(answer: Answer) -> list[str]:
    prompt = details_prompt(answer)
    text = f"{answer.text}\n{prompt}" if prompt else answer.text
    if answer.citations:
        text += "\n\n" + "\n".join([SOURCES_HEADING] + [_source(c) for c in answer.citations])
    return render_text(text)


def render_text(text: str) -> list[str]:
    return split_text(text, ZaloClient.TEXT_LIMIT)
