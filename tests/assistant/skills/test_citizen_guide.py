"""The citizen guide in a conversation, driven through the pipeline's understand step (the real NLU).

The knowledge base is a deterministic fake: four procedures with real titles and portal values, found
by the words of their titles, so that "tôi muốn đăng ký khai sinh" offers the three khai sinh
procedures as numbered options, as the real index does.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from assistant.answer import Answer
from assistant.nlu import EmbeddedNLU, IntentClassifier, load_training_data
from assistant.pipeline.compose import Compose
from assistant.pipeline.decide import Decide
from assistant.pipeline.guard import Guard
from assistant.pipeline.normalise import Normalise
from assistant.pipeline.retrieve import Retrieve
from assistant.pipeline.turn import Turn
from assistant.pipeline.understand import Understand
from assistant.sessions import DialogueState, Session
from assistant.skills.citizen_guide import ANSWER_DEPENDS, EXPIRED, CitizenGuide
from assistant.skills.conversation import Conversation
from assistant.skills.quoting import question_terms, relevance
from knowledge.models import Evidence, LegalBasis, Passage, Procedure, RequiredDocument, SubmissionMethod

NOON = datetime(2026, 12, 6, 12, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
STEPS = "nếu tiếp nhận hồ sơ sau 15 giờ thì có Phiếu hẹn, trả kết quả cho người yêu cầu trong ngày làm việc tiếp theo."


def procedure(code: str, title: str, time: str, fee: str, online: bool = True, **fields) -> Procedure:
    channels = ("truc_tiep", "truc_tuyen") if online else ("truc_tiep", "buu_chinh")
    return Procedure(code=code, title=title, level="Cấp xã", steps=STEPS,
                     methods=tuple(SubmissionMethod(c, time, fee) for c in channels), **fields)


PROCEDURES = [
    procedure("1.001193", "Thủ tục đăng ký khai sinh", "1", "Miễn phí", documents=(
        RequiredDocument("Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi", quantity="1 bản chính"),
        RequiredDocument("Tờ khai đăng ký khai sinh theo mẫu", quantity="1 bản chính"),
        RequiredDocument("Giấy chứng sinh", quantity="1 bản chính"),
    ), legal_bases=(LegalBasis("Luật Hộ tịch", "60/2014/QH13"),), result="Giấy khai sinh"),
    procedure("1.000689", "Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con", "3", "Miễn phí"),
    procedure("2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "15 Ngày", "Lệ phí: 100.000 Đồng", online=False),
    procedure("1.001612", "Đăng ký thành lập hộ kinh doanh", "3 Ngày làm việc", "50,000 VNĐ (Mức lệ phí do HĐND tỉnh quyết định)"),
]


class TitleSearch:
    """A knowledge base whose procedures are found by the question's words in their titles."""

    registry = None

    def __init__(self, procedures: list[Procedure]):
        self.procedures = {p.code: p for p in procedures}
        self.searches: list[str] = []

    def procedure(self, code: str) -> Procedure | None:
        return self.procedures.get(code)

    def search(self, query, k, filters):
        if "procedure" not in filters.kinds:
            return []  # no law here
        self.searches.append(query)
        terms = question_terms(query)
        scored = [(relevance(terms, p.title), p) for p in self.procedures.values()]
        return [
            Evidence(Passage(f"procedure:{p.code}", "procedure", p.code, p.title, p.title, p.title), score)
            for score, p in sorted(scored, key=lambda s: -s[0]) if score > 0
        ][:k]


@pytest.fixture(scope="module")
def nlu() -> EmbeddedNLU:
    data = load_training_data()
    return EmbeddedNLU.from_models(data, IntentClassifier.train(data.examples))


class Conversation_:
    """Messages of one citizen through normalise → guard → understand → retrieve → decide → compose."""

    def __init__(self, nlu: EmbeddedNLU, kb: TitleSearch):
        self.kb = kb
        self.guide = CitizenGuide(kb)
        self.steps = [
            Normalise(), Guard(), Understand(nlu, title_of=lambda code: kb.procedure(code).title), Retrieve(kb),
            Decide([Conversation(), self.guide]), Compose(),
        ]
        self.session = Session("s", "citizen", "cli", None, DialogueState())
        self.now = NOON

    def ask(self, message: str) -> Answer:
        turn = Turn(message=message, session=self.session, role="citizen", now=self.now)
        for step in self.steps:
            if turn.answer is None:
                step(turn)
        return turn.answer

    @property
    def state(self) -> DialogueState:
        return self.session.state


@pytest.fixture
def chat(nlu) -> Conversation_:
    return Conversation_(nlu, TitleSearch(PROCEDURES))


BIRTH_OPTIONS = ["1.001193", "1.000689", "2.000528"]


def offered(chat: Conversation_) -> Answer:
    answer = chat.ask("tôi muốn đăng ký khai sinh")
    assert [c.value for c in answer.choices] == BIRTH_OPTIONS and chat.state.options == BIRTH_OPTIONS
    return answer


@pytest.mark.parametrize("reply, code", [
    ("1", "1.001193"), ("số 2", "1.000689"), ("cái cuối", "2.000528"), ("khai sinh có yếu tố nước ngoài", "2.000528"),
])
def test_a_number_or_a_name_picks_an_option(chat, reply, code):
    offered(chat)
    answer = chat.ask(reply)
    assert [c.id for c in answer.citations] == [code] and chat.state.procedure == code and chat.state.options == []


@pytest.mark.parametrize("question, title, line", [
    ("lệ phí bao nhiêu?", "Lệ phí của từng thủ tục:", "3. Thủ tục đăng ký khai sinh có yếu tố nước ngoài (Cấp xã): Lệ phí: 100.000 Đồng"),
    ("nộp online được không", "Nộp trực tuyến của từng thủ tục:",
     "3. Thủ tục đăng ký khai sinh có yếu tố nước ngoài (Cấp xã): chưa nộp trực tuyến được"),
    ("mất bao lâu", "Thời hạn giải quyết của từng thủ tục:",
     "1. Thủ tục đăng ký khai sinh (Cấp xã): 1 ngày làm việc (đơn vị theo trình tự thực hiện)"),
])
def test_a_detail_question_while_a_choice_is_pending_is_answered_for_every_option(chat, question, title, line):
    offered(chat)
    searches = len(chat.kb.searches)
    answer = chat.ask(question)
    lines = answer.text.split("\n")
    assert lines[0] == title and line in lines and answer.grounded
    assert [c.id for c in answer.citations] == BIRTH_OPTIONS and [c.value for c in answer.choices] == BIRTH_OPTIONS
    assert len(chat.kb.searches) == searches and chat.state.options == BIRTH_OPTIONS  # no new search; still pending
    assert chat.ask("1").citations[0].id == "1.001193"


def test_papers_differ_too_much_to_compare_so_the_citizen_is_asked_to_pick(chat):
    offered(chat)
    answer = chat.ask("cần giấy tờ gì?")
    assert answer.text.startswith("Giấy tờ cần chuẩn bị khác nhau tùy thủ tục. Bạn cần thủ tục nào?")
    assert [c.value for c in answer.choices] == BIRTH_OPTIONS


def test_a_follow_up_on_the_options_no_aspect_is_read_from_asks_to_pick_and_keeps_them(chat):
    offered(chat)
    answer = chat.ask("có cần mang sổ hộ khẩu không")
    assert answer.text.startswith(ANSWER_DEPENDS) and [c.value for c in answer.choices] == BIRTH_OPTIONS
    assert chat.state.options == BIRTH_OPTIONS and chat.ask("2").citations[0].id == "1.000689"


def test_a_number_not_offered_gets_the_valid_numbers_and_the_choice_stays(chat):
    offered(chat)
    answer = chat.ask("5")
    assert answer.refusal_reason == "needs_clarification"
    assert answer.text.startswith("Danh sách chỉ có 3 thủ tục, không có số 5. Bạn hãy trả lời 1, 2 hoặc 3:")
    assert chat.state.options == BIRTH_OPTIONS and chat.ask("2").citations[0].id == "1.000689"


def test_a_choice_left_idle_for_a_day_is_dropped(chat):
    offered(chat)
    chat.now = NOON + timedelta(hours=25)
    answer = chat.ask("1")
    assert (answer.text, answer.refusal_reason) == (EXPIRED, "needs_clarification")
    assert chat.state.options == [] and chat.state.procedure is None


def test_within_the_day_the_choice_still_holds(chat):
    offered(chat)
    chat.now = NOON + timedelta(hours=23)
    assert chat.ask("1").citations[0].id == "1.001193"


def test_an_unrelated_request_drops_the_pending_choice(chat):
    offered(chat)
    answer = chat.ask("lệ phí đăng ký thành lập hộ kinh doanh bao nhiêu")
    assert [c.id for c in answer.citations] == ["1.001612"] and "50,000 VNĐ" in answer.text
    assert chat.state.options == [] and chat.state.procedure == "1.001612"


def test_a_new_search_asking_where_and_the_fee_gets_the_first_answer_which_says_both_and_the_rest(chat):
    answer = chat.ask("đăng ký thành lập hộ kinh doanh ở đâu, có mất phí không")
    assert [c.id for c in answer.citations] == ["1.001612"]
    assert "Nơi nộp:" in answer.text and "Lệ phí: 50,000 VNĐ" in answer.text and "Thời hạn giải quyết:" in answer.text
    follow_up = chat.ask("mất bao lâu")  # a follow-up on it is answered on that alone
    assert follow_up.text.startswith("Thời hạn giải quyết Đăng ký thành lập hộ kinh doanh")


def test_a_new_search_asking_only_where_gets_the_first_answer(chat):
    where = chat.ask("đăng ký thành lập hộ kinh doanh nộp ở đâu")
    assert "Nơi nộp:" in where.text and "Lệ phí: 50,000 VNĐ" in where.text and "Thời hạn giải quyết:" in where.text


def test_a_new_search_asking_only_the_fee_gets_the_fee(chat):
    assert chat.ask("lệ phí đăng ký thành lập hộ kinh doanh bao nhiêu").text.startswith("Lệ phí Đăng ký thành lập hộ kinh doanh")


def test_the_first_answer_leaves_special_cases_to_the_details_which_chi_tiet_returns(chat):
    offered(chat)
    answer = chat.ask("1")
    assert answer.checklist == ("Tờ khai đăng ký khai sinh theo mẫu (1 bản chính)", "Giấy chứng sinh (1 bản chính)")
    assert "bỏ rơi" not in answer.text and "bỏ rơi" in answer.details[0].text
    assert answer.text.split("\n")[-1].startswith("Xem chi tiết: 1 giấy tờ trong trường hợp riêng")
    details = chat.ask("chi tiết")
    assert details.intent == "procedure_detail" and details.citations[0].id == "1.001193"
    assert all(f"{section.title}:\n{section.text}" in details.text for section in answer.details)


def test_chi_tiet_before_a_pick_asks_which(chat):
    offered(chat)
    answer = chat.ask("xem chi tiết")
    assert answer.text.startswith("Bạn muốn xem chi tiết thủ tục nào?") and chat.state.options == BIRTH_OPTIONS
