"""A citizen asks where an old phường or xã went: the answer quotes the khoản, and passes the check step.

Runs the real pipeline steps over an index (hash embedder) of the shortened merger resolutions of
tests/fixtures/dvhc, with a stand-in classifier that calls every message out of scope: the cue alone
must route the questions about old units."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.nlu.base import NluResult
from assistant.pipeline import Pipeline, Turn
from assistant.pipeline.check import Check, problems
from assistant.pipeline.compose import Compose
from assistant.pipeline.decide import Decide
from assistant.pipeline.guard import Guard
from assistant.pipeline.normalise import Normalise
from assistant.pipeline.respond import Respond
from assistant.pipeline.retrieve import Retrieve
from assistant.pipeline.understand import Understand
from assistant.sessions import SessionStore
from assistant.skills.conversation import Conversation
from assistant.skills.dvhc import INTENT, OldUnits, asks_about_old_unit
from knowledge.base import KnowledgeBase
from knowledge.ingest import Ingestor
from knowledge.settings import Settings

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


class OutOfScopeNLU:
    def parse(self, text: str) -> NluResult:
        return NluResult("out_of_scope", 0.9, (), (("out_of_scope", 0.9),))


@pytest.fixture(scope="module")
def kb(fixtures_dir: Path, tmp_path_factory) -> KnowledgeBase:
    data = tmp_path_factory.mktemp("dvhc-data")
    settings = Settings(knowledge_dir=fixtures_dir, data_dir=data, embedder="hash")
    assert Ingestor(settings).ingest([fixtures_dir / "dvhc"]).errors == []
    knowledge = KnowledgeBase.open(settings)
    yield knowledge
    knowledge.close()


class Chat:
    def __init__(self, kb: KnowledgeBase, tmp_path: Path):
        self.kb = kb
        self.sessions = SessionStore(tmp_path / "conversations.sqlite3")
        old_units = OldUnits(kb)
        self.pipeline = Pipeline([
            Normalise(), Guard(), Understand(OutOfScopeNLU(), old_unit=lambda turn: asks_about_old_unit(turn, old_units)),
            Retrieve(None), Decide([Conversation(), old_units]), Compose(), Check(kb), Respond(self.sessions),
        ])
        self.last: Turn | None = None

    def ask(self, message: str, session: str = "s1", role: str = "citizen"):
        turn = Turn(message=message, session=self.sessions.start(session, role), role=role, now=NOW)
        answer = self.pipeline.run(turn)
        self.last = turn
        return answer


@pytest.fixture
def chat(kb, tmp_path) -> Chat:
    return Chat(kb, tmp_path)


@pytest.mark.parametrize(
    "question, clause, new_unit",
    [
        ("phường Bến Nghé bây giờ là phường nào", "1", "phường Sài Gòn"),
        ("xa Tan Thanh Dong cu chi nay thuoc xa nao", "128", "xã Phú Hòa Đông"),
        ("nộp hồ sơ ở UBND phường nào nếu trước ở Phường 12 Quận 3", "7", "phường Nhiêu Lộc"),
        ("P.12 Q5 sau sáp nhập là phường gì?", "13", "phường Chợ Lớn"),
    ],
)
def test_the_new_unit_is_given_with_the_khoan_quoted_as_a_law_citation_that_passes_the_check(chat, question, clause, new_unit):
    answer = chat.ask(question)
    assert answer.intent == INTENT and answer.grounded and answer.refusal_reason is None
    assert new_unit in answer.text
    [citation] = answer.citations
    assert (citation.kind, citation.id, citation.article, citation.clause) == ("law", "1685/NQ-UBTVQH15", "1", clause)
    assert citation.text.startswith(f"{clause}. Sắp xếp") and citation.text in answer.text
    assert problems(answer, chat.last.evidence, chat.kb) == []


def test_a_split_unit_lists_every_new_unit_and_says_it_is_partial(chat):
    answer = chat.ask("phuong da kao gio thuoc phuong nao")
    assert answer.grounded and "một phần: phường Sài Gòn" in answer.text and "phần còn lại: phường Tân Định" in answer.text
    assert [c.clause for c in answer.citations] == ["1", "2"]


def test_a_shared_name_is_asked_back_and_the_next_message_answers_it(chat):
    question = chat.ask("Phường 12 bây giờ thuộc phường nào", session="a")
    assert question.refusal_reason == "needs_clarification" and not question.citations
    assert [c.label for c in question.choices] == [
        "Phường 12 (Quận 3, Thành phố Hồ Chí Minh) → phường Nhiêu Lộc",
        "Phường 12 (Quận 5, Thành phố Hồ Chí Minh) → phường Chợ Lớn",
        "Phường 12 (quận Bình Thạnh, Thành phố Hồ Chí Minh) → phường Bình Thạnh",
    ]
    answer = chat.ask("ở Bình Thạnh", session="a")
    assert answer.intent == INTENT and [c.clause for c in answer.citations] == ["43"]
    chat.ask("Phường 12 bây giờ thuộc phường nào", session="b")
    assert [c.clause for c in chat.ask("2", session="b").citations] == ["13"]
    chat.ask("Phường 12 bây giờ thuộc phường nào", session="c")
    assert chat.ask("quan 3", session="c").citations[0].clause == "7"


def test_the_question_asked_back_is_forgotten_once_answered_or_left(chat):
    chat.ask("Phường 12 bây giờ thuộc phường nào", session="d")
    assert chat.ask("quận 3", session="d").intent == INTENT
    assert chat.ask("quận 5", session="d").intent == "out_of_scope"
    chat.ask("Phường 12 bây giờ thuộc phường nào", session="e")
    assert chat.ask("cảm ơn", session="e").intent == "out_of_scope"
    assert chat.ask("quận 5", session="e").intent == "out_of_scope"


@pytest.mark.parametrize("reply, clause", [("Tân Thạnh Đông, Củ Chi", "128"), ("phuong 12 quan 3", "7")])
def test_one_s_own_commune_said_without_its_name_is_asked_back_and_the_reply_names_it(chat, reply, clause):
    question = chat.ask("xã tôi sáp nhập rồi giờ làm giấy tờ ở đâu", session="own")
    assert question.intent == INTENT and question.refusal_reason == "needs_clarification" and not question.citations
    assert "tên phường, xã, thị trấn cũ" in question.text
    answer = chat.ask(reply, session="own")
    assert answer.intent == INTENT and [c.clause for c in answer.citations] == [clause]


def test_one_s_merged_commune_with_the_paper_wanted_asks_that_paper_s_procedure(chat):
    answer = chat.ask("phuong minh sap nhap roi, gio lam can cuoc cho con o dau", session="own3")
    assert answer.intent != INTENT and answer.refusal_reason != "needs_clarification"


def test_a_new_question_after_the_commune_was_asked_for_is_not_read_as_its_name(chat):
    chat.ask("phuong minh sap nhap roi thi nop ho so o dau", session="own2")
    assert chat.ask("cho hỏi làm căn cước cho con dưới 14 tuổi thì cần mang theo những giấy tờ gì vậy", session="own2").intent != INTENT


def test_a_new_units_name_says_what_formed_it(chat):
    answer = chat.ask("phường Sài Gòn gồm những phường nào")
    assert answer.intent == INTENT and "toàn bộ phường Bến Nghé" in answer.text
    assert [c.clause for c in answer.citations] == ["1"]


@pytest.mark.parametrize(
    "message",
    [
        "đăng ký tạm trú ở phường Bến Nghé cần giấy tờ gì",  # names an old unit, asks about a procedure
        "UBND phường nào cấp giấy khai sinh",  # asks which phường, names no old unit
        "phường Hoàn Toàn Không Có bây giờ là phường nào",  # no such unit: not this skill's to answer
        "xin chào",
        "Lịch tiếp công dân của UBND phường Bến Nghé tuần này là ngày nào?",  # "này là" is not "nay là"
        "ai là chủ tịch phường Bến Nghé hiện nay",  # who holds the office today: a fact of the day
    ],
)
def test_other_messages_are_not_routed_here(chat, message):
    assert chat.ask(message).intent != INTENT
