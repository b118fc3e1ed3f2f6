"""Step 4: the evidence the decision needs — law and procedures, filtered by the user's role.

A message to answer from the knowledge base (form ``content``) is searched twice: among the
laws and documents the user may read (what a legal answer quotes) and among the procedures
(what the citizen guide presents), so that the decide step can see where the evidence is
before it chooses a skill. Both searches read the same query: the retriever embeds it once
(``HybridRetriever`` keeps the last query's vector). Replies, picks, follow-ups, requests and
small talk need no search.
"""
from __future__ import annotations

from assistant.pipeline.turn import Turn
from assistant.security.roles import filters_for
from assistant.skills import citizen_guide, legal_qa
from knowledge.base import KnowledgeBase

# kind of evidence -> (passage kinds searched, how many candidates the skill that answers from it reads)
SEARCHES: dict[str, tuple[tuple[str, ...], int]] = {
    "law": (("law", "document"), legal_qa.CANDIDATES),
    "procedure": (("procedure",), citizen_guide.CANDIDATES),
}


class Retrieve:
    name = "retrieve"
    always = False

    def __init__(self, kb: KnowledgeBase | None):
        self.kb = kb

    def __call__(self, turn: Turn) -> None:
        if self.kb is None or turn.form != "content":
            return
        for kind, (kinds, k) in SEARCHES.items():
            turn.found[kind] = self.kb.search(turn.text, k, filters_for(turn.role, kinds=kinds))
