"""A delegate sends a tờ trình in chat, then asks about it: the review, then answers from its own sentences.

Runs the real pipeline steps (normalise → guard → understand → retrieve → decide → compose → check → respond) with
a stand-in intent classifier, the 2024 registry of the fixtures and no knowledge base."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.nlu.base import NluResult
from assistant.pipeline import Pipeline, Turn
from assistant.pipeline.check import Check
from assistant.pipeline.compose import Compose
from assistant.pipeline.decide import Decide
from assistant.pipeline.guard import Guard
from assistant.pipeline.normalise import Normalise
from assistant.pipeline.respond import Respond
from assistant.pipeline.retrieve import Retrieve
from assistant.pipeline.understand import Understand
from assistant.sessions import SessionStore
from assistant.skills.conversation import Conversation
from assistant.skills.hdnd_secretary import HdndSecretary
from tests.assistant.hdnd.conftest import FIXTURES, registry_2024

NOW = datetime(2024, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


class LegalQuestionNLU:
    """Every message is a legal question to the classifier: the dialogue state must route it."""

    def parse(self, text: str) -> NluResult:
        return NluResult("legal_question", 0.9, (), (("legal_question", 0.9),))


class Chat:
    def __init__(self, tmp_path: Path):
        self.sessions = SessionStore(tmp_path / "conversations.sqlite3")
        self.store = tmp_path / "hdnd"
        secretary = HdndSecretary(registry_2024(), None, self.store)
        self.pipeline = Pipeline([
            Normalise(), Guard(), Understand(LegalQuestionNLU()), Retrieve(None), Decide([Conversation(), secretary]),
            Compose(), Check(None), Respond(self.sessions),
        ])

    def ask(self, message: str, role: str = "delegate", upload: Path | None = None, session_id: str = "db-1"):
        session = self.sessions.start(session_id, role)
        return self.pipeline.run(Turn(message=message, session=session, role=role, now=NOW, upload=upload))


@pytest.fixture
def chat(tmp_path):
    yield (chat := Chat(tmp_path))
    chat.sessions.close()


def test_the_uploaded_to_trinh_is_reviewed_and_kept_for_the_session(chat):
    answer = chat.ask("Thẩm tra giúp tôi tờ trình này", upload=FIXTURES / "y-te-thu-hut-bac-si.txt")
    assert answer.intent == "hdnd_review" and answer.grounded
    assert answer.text.startswith("Đã thẩm tra Tờ trình số 98/TTr-UBND")
    assert "Bộ luật Lao động số 10/2012/QH13 đã hết hiệu lực" in answer.text
    assert Path(answer.attachment).read_bytes()[:2] == b"PK"
    assert answer.extras["hdnd_report"]["metadata"]["number"] == "98/TTr-UBND"
    assert chat.sessions.start("db-1", "delegate").state.submission == str(chat.store / "db-1.txt")


def test_follow_ups_are_answered_from_the_to_trinh_with_its_places(chat):
    chat.ask("thẩm tra", upload=FIXTURES / "y-te-thu-hut-bac-si.txt")
    money = chat.ask("kinh phí dự kiến bao nhiêu?")
    assert money.intent == "hdnd_review" and money.grounded and money.refusal_reason is None
    first = money.citations[0]
    assert (first.kind, first.id, first.article) == ("document", "98/TTr-UBND", "mục IV, dòng 34")
    assert "86.400 triệu đồng" in first.text and first.text in money.text
    repealed = chat.ask("căn cứ nào đã hết hiệu lực?")
    assert "được thay thế bởi Bộ luật Lao động số 45/2019/QH14" in repealed.text
    assert [c.article for c in repealed.citations] == ["phần mở đầu, dòng 14"]
    nothing = chat.ask("kinh phí xây sân bay quốc tế là bao nhiêu?")
    assert nothing.refusal_reason == "no_grounding" and not nothing.citations


def test_other_questions_and_other_roles_are_not_taken(chat):
    chat.ask("thẩm tra", upload=FIXTURES / "y-te-thu-hut-bac-si.txt")
    assert chat.ask("xin chào").intent != "hdnd_review"
    assert chat.ask("kinh phí bao nhiêu?", session_id="khac").intent != "hdnd_review"  # no tờ trình there
    assert chat.ask("kinh phí bao nhiêu?", role="officer", session_id="cb").intent != "hdnd_review"


def test_a_file_that_is_not_a_to_trinh_is_refused_with_the_reason(chat):
    answer = chat.ask("thẩm tra", upload=FIXTURES / "cong-van-khong-phai-to-trinh.txt")
    assert answer.refusal_reason == "needs_clarification" and "không phải tờ trình" in answer.text
    assert chat.sessions.start("db-1", "delegate").state.submission is None
