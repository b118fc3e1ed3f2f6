"""The assistant: one object every channel calls with a message, getting an ``Answer``.

It wires the stores (sessions, tickets, tasks, users), the knowledge base, the
NLU engine and the skills into the pipeline; channels add nothing but their
protocol.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from assistant.answer import Answer
from assistant.compose import configured_llm
from assistant.hdnd import CompetenceFinder
from assistant.nlu import NLU, NluResult, engine_for
from assistant.pipeline import Pipeline, Turn
from assistant.pipeline.answerable import LawTitles
from assistant.pipeline.audit import Audit
from assistant.pipeline.check import Check
from assistant.pipeline.compose import Compose
from assistant.pipeline.decide import Decide
from assistant.pipeline.guard import Guard
from assistant.pipeline.normalise import Normalise
from assistant.pipeline.respond import Respond
from assistant.pipeline.retrieve import Retrieve
from assistant.pipeline.understand import Understand
from assistant.security.audit import AuditLog
from assistant.security.roles import check_role
from assistant.security.users import User, UserDirectory
from assistant.sessions import SessionStore
from assistant.skills.citizen_guide import CitizenGuide
from assistant.skills.conversation import Conversation
from assistant.skills.dvhc import OldUnits, asks_about_old_unit
from assistant.skills.feedback import Feedback
from assistant.skills.hdnd_secretary import HdndSecretary
from assistant.skills.legal_qa import LegalQA
from assistant.skills.office import Drafting, Reminders, Review
from assistant.tasks import TaskStore
from assistant.tickets import TicketStore
from knowledge.base import KnowledgeBase
from knowledge.settings import Settings

if TYPE_CHECKING:
    from assistant.compose.llm import LLMComposer

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


class Assistant:
    def __init__(
        self,
        settings: Settings | None = None,
        kb: KnowledgeBase | None = None,
        nlu: NLU | None = None,
        llm: LLMComposer | None = None,
    ):
        """``llm`` writes legal answers; by default the one ``TROLY_LLM_BASE_URL`` names, if any."""
        self.settings = settings or Settings.from_env()
        self.kb = kb or KnowledgeBase.open(self.settings)
        self.sessions = SessionStore.open(self.settings)
        self.tickets = TicketStore.open(self.settings)
        self.users = UserDirectory.open(self.settings)
        self.audit = AuditLog.open(self.settings)
        self.tasks = TaskStore.open(self.settings, self.users)
        self.nlu = nlu or engine_for(self.settings)
        self.llm = llm or configured_llm(self.settings)
        self.pipeline = self._pipeline()

    def _pipeline(self) -> Pipeline:
        legal = LegalQA(self.kb, llm=self.llm)
        old_units = OldUnits(self.kb)
        skills = [
            Conversation(self.kb),
            legal,
            CitizenGuide(self.kb),
            Feedback(self.tickets),
            Drafting(self.settings.data_dir / "drafts"),
            Review(self.kb),
            Reminders(self.tasks),
            HdndSecretary(self.kb.registry, CompetenceFinder(self.kb), self.settings.data_dir / "hdnd", self.kb.dvhc),
            old_units,
        ]
        return Pipeline(
            [
                Normalise(),
                Guard(),
                Understand(self.nlu, title_of=self._procedure_title, old_unit=lambda turn: asks_about_old_unit(turn, old_units)),
                Retrieve(self.kb),
                Decide(skills, rarity=legal.rarity, laws=LawTitles.of(self.kb.registry)),
                Compose(),
                Check(self.kb, fallback=legal.compose_extractive),
                Respond(self.sessions),
                Audit(self.audit),
            ]
        )

    def _procedure_title(self, code: str) -> str:
        procedure = self.kb.procedure(code)
        return procedure.title if procedure else ""

    def refresh_knowledge(self) -> bool:
        """Reopen the knowledge base once a newer ingest has been published; True when it did.

        A long-running channel (the web server, a chat bot) calls it between messages,
        never while a message is being answered: the previous generation is closed.
        """
        if self.kb.is_current():
            return False
        previous = self.kb
        self.kb = KnowledgeBase.open(self.settings)
        self.pipeline = self._pipeline()
        previous.close()
        return True

    def ask(
        self,
        message: str,
        session_id: str | None = None,
        role: str = "citizen",
        user: User | None = None,
        channel: str = "cli",
        upload: Path | None = None,
        now: datetime | None = None,
        understood: NluResult | None = None,
    ) -> Answer:
        """Answer one message; ``session_id`` continues a conversation (an unknown id starts one).

        ``understood`` is what a dialogue engine outside troly (Rasa) already made of the
        message; the NLU engine is then not asked again."""
        role = check_role(user.role if user else role)
        session = self.sessions.start(session_id, role, channel, user.id if user else None)
        turn = Turn(
            message=message, session=session, role=role, now=now or datetime.now(ZONE),
            channel=channel, user=user, upload=upload, nlu=understood,
        )
        return self.pipeline.run(turn)
