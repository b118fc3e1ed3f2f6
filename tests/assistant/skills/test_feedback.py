"""Phản ánh only after a confirmation, never from a question, once however often it is sent; handover once.

Runs the real pipeline steps with a stand-in classifier that calls every message a complaint: what is
filed must come from the words of the messages and the user's confirmation, not from the classifier."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.nlu.base import NluResult
from assistant.pipeline import Pipeline, Turn
from assistant.pipeline.compose import Compose
from assistant.pipeline.decide import Decide
from assistant.pipeline.guard import Guard
from assistant.pipeline.normalise import Normalise
from assistant.pipeline.respond import Respond
from assistant.pipeline.retrieve import Retrieve
from assistant.pipeline.understand import Understand
from assistant.sessions import SessionStore
from assistant.skills.conversation import Conversation
from assistant.skills.feedback import Feedback
from assistant.tickets import TicketStore

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


class ComplaintNLU:
    def parse(self, text: str) -> NluResult:
        return NluResult("feedback", 0.9, (), (("feedback", 0.9), ("legal_question", 0.05)))


class Chat:
    def __init__(self, settings):
        self.sessions = SessionStore.open(settings)
        self.tickets = TicketStore.open(settings)
        self.pipeline = Pipeline([
            Normalise(), Guard(), Understand(ComplaintNLU()), Retrieve(None),
            Decide([Conversation(), Feedback(self.tickets)]), Compose(), Respond(self.sessions),
        ])
        self.now = NOW

    def ask(self, message: str, session_id: str = "dan-1", role: str = "citizen", after: timedelta = timedelta(minutes=1)):
        self.now += after
        session = self.sessions.start(session_id, role, "web")
        return self.pipeline.run(Turn(message=message, session=session, role=role, now=self.now, channel="web"))

    def filed(self, session_id: str = "dan-1"):
        return [t for t in self.tickets.for_session(session_id) if t.kind != "handover"]


@pytest.fixture
def chat(store_settings):
    chat = Chat(store_settings)
    yield chat
    chat.sessions.close()
    chat.tickets.close()


def test_the_web_form_s_phan_anh_is_confirmed_before_it_is_filed(chat):
    asked = chat.ask("Tôi muốn phản ánh: đèn đường hỏng ở tổ dân phố 5 cả tuần nay")
    assert asked.text.startswith("Bạn muốn gửi phản ánh: «đèn đường hỏng ở tổ dân phố 5 cả tuần nay»?")
    assert [(c.number, c.label) for c in asked.choices] == [(1, "Gửi"), (2, "Không")]
    assert asked.extras["route"] == {"skill": "feedback", "reason": "explicit_request"} and chat.filed() == []
    filed = chat.ask("1")
    ticket = chat.tickets.get(filed.extras["ticket"])
    assert (ticket.kind, ticket.text, ticket.channel) == ("phan_anh", "đèn đường hỏng ở tổ dân phố 5 cả tuần nay", "web")
    assert ticket.code in filed.text and filed.extras["route"]["reason"] == "confirmation"


def test_a_khieu_nai_filed_here_is_told_it_does_not_replace_the_don_khieu_nai(chat):
    asked = chat.ask("tôi muốn khiếu nại quyết định xử phạt của công an phường")
    assert asked.text.startswith("Bạn muốn gửi phản ánh: «quyết định xử phạt của công an phường»?")
    assert "không thay thế đơn khiếu nại" in asked.text and chat.filed() == []
    assert "đơn khiếu nại" not in chat.ask("Tôi muốn phản ánh: rác ở đầu hẻm 12", session_id="dan-2").text


@pytest.mark.parametrize("yes", ["gửi", "ok", "Đồng ý", "gui di"])
def test_any_yes_files_a_kien_nghi(chat, yes):
    chat.ask("kiến nghị bố trí thêm ghế chờ cho người già ở bộ phận một cửa")
    assert chat.tickets.get(chat.ask(yes).extras["ticket"]).kind == "kien_nghi"


@pytest.mark.parametrize("no", ["2", "không", "thôi"])
def test_a_no_files_nothing(chat, no):
    chat.ask("phản ánh: rác không được thu gom ở hẻm 12")
    answer = chat.ask(no)
    assert answer.text == "Đã hủy, tôi không gửi phản ánh này." and chat.filed() == []


def test_the_same_phan_anh_sent_ten_times_is_filed_once_and_then_recognised_with_its_code(chat):
    complaint = "Tôi muốn phản ánh: cán bộ một cửa hẹn nhiều lần vẫn chưa trả kết quả"
    chat.ask(complaint)
    code = chat.ask("1").extras["ticket"]
    again = [chat.ask(complaint) for _ in range(9)]
    assert len(chat.filed()) == 1
    assert all(a.extras["ticket"] == code and code in a.text and "đã được ghi nhận" in a.text and not a.choices for a in again)


def test_an_unrelated_message_drops_the_pending_confirmation(chat):
    chat.ask("phản ánh: nước ngập trước cổng ủy ban")
    chat.ask("thủ tục đăng ký tạm trú cần giấy tờ gì?")
    assert chat.sessions.start("dan-1", "citizen").state.pending_ticket is None
    chat.ask("1")
    assert chat.filed() == []


def test_a_confirmation_left_for_a_day_files_nothing(chat):
    chat.ask("phản ánh: nước ngập trước cổng ủy ban")
    chat.ask("1", after=timedelta(days=1))
    assert chat.filed() == []


def test_a_request_with_nothing_to_file_asks_what_then_confirms_it(chat):
    asked = chat.ask("tôi muốn gửi phản ánh")
    assert asked.refusal_reason == "needs_clarification" and "phản ánh việc gì" in asked.text
    confirm = chat.ask("đèn đường hỏng ở tổ 5")
    assert "«đèn đường hỏng ở tổ 5»" in confirm.text and confirm.choices
    assert chat.tickets.get(chat.ask("gửi").extras["ticket"]).text == "đèn đường hỏng ở tổ 5"


@pytest.mark.parametrize("question", [
    "sao hồ sơ của tôi nộp 2 tháng rồi phường vẫn chưa giải quyết?",
    "Tôi muốn khiếu nại quyết định thu hồi đất thì làm thế nào?",
    "Ai chịu trách nhiệm về sách giáo khoa trong giáo dục phổ thông?",
])
def test_a_question_files_nothing_and_asks_no_confirmation(chat, question):
    answer = chat.ask(question)
    assert not answer.choices and "ticket" not in answer.extras and chat.filed() == []
    assert chat.sessions.start("dan-1", "citizen").state.pending_ticket is None


def test_a_complaint_stated_without_asking_is_offered_and_filed_only_on_yes(chat):
    offer = chat.ask("cán bộ tiếp dân đi muộn về sớm")
    assert offer.extras["route"]["reason"] == "complaint" and offer.choices and chat.filed() == []
    chat.ask("không")
    assert chat.filed() == []


def test_dung_gui_phan_anh_files_nothing(chat):
    answer = chat.ask("đừng gửi phản ánh")
    assert answer.text.startswith("Vâng, tôi không gửi phản ánh nào.") and chat.filed() == []
    chat.ask("phản ánh: nước ngập trước cổng ủy ban")
    chat.ask("đừng gửi phản ánh này")
    assert chat.filed() == [] and chat.sessions.start("dan-1", "citizen").state.pending_ticket is None


def test_asking_twice_for_an_officer_hands_over_once(chat):
    first = chat.ask("cho tôi gặp cán bộ")
    second = chat.ask("tôi muốn nói chuyện với người thật")
    handovers = [t for t in chat.tickets.for_session("dan-1") if t.kind == "handover"]
    assert len(handovers) == 1 and first.extras["ticket"] == second.extras["ticket"] == handovers[0].code
    assert chat.sessions.start("dan-1", "citizen").handed_over
