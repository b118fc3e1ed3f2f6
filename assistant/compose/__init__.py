"""Writing an answer from numbered sources: two composers, one output type.

A skill that has chosen its evidence hands the composer a list of ``Source``s
(a citation quoting its document verbatim, and that document's validity):

- ``extractive_answer`` (the default, deterministic, no network) quotes them;
- ``LLMComposer`` (``assistant.compose.llm``, imported only when ``TROLY_LLM_BASE_URL`` names an
  OpenAI-compatible endpoint) asks a chat model for a short answer citing them as
  [1], [2]…; the check step then verifies it and falls back to the extractive answer.

Both return an ``Answer`` whose citations are taken from the sources, never made up.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.compose.base import LanguageModelUnavailable, Source
from assistant.compose.extractive import extractive_answer
from knowledge.settings import Settings

if TYPE_CHECKING:
    from assistant.compose.llm import LLMComposer

__all__ = ["LanguageModelUnavailable", "Source", "extractive_answer", "configured_llm"]


def configured_llm(settings: Settings) -> "LLMComposer | None":
    """The LLM composer of ``TROLY_LLM_BASE_URL``, or None: answers stay extractive."""
    if not settings.llm_base_url:
        return None
    from assistant.compose.llm import LLMComposer  # langchain takes seconds to import: only deployments with a model pay

    return LLMComposer.from_settings(settings)
