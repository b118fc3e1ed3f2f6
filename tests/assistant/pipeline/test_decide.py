"""The decide step: the classifier's guess is one signal; the words, the evidence, the dialogue state and
the role choose the skill, with a named reason.

Understand and decide run for real on a stand-in classifier and evidence made of real passages' words."""
from datetime import datetime

import pytest

from assistant.nlu.base import NluResult
from assistant.pipeline.answerable import LawTitles
from assistant.pipeline.decide import Decide
from assistant.pipeline.turn import Turn
from assistant.pipeline.understand import Understand
from assistant.sessions import DialogueState, Session
from assistant.skills.conversation import Conversation
from knowledge.models import Evidence, Passage

TRO_GIUP = Passage("law:11/2017/QH14:21:0", "law", "11/2017/QH14", "Luật Trợ giúp pháp lý",
                   "Điều 21. Bổ nhiệm, miễn nhiệm trợ giúp viên pháp lý",
                   "4. Chủ tịch Ủy ban nhân dân cấp tỉnh xem xét, quyết định bổ nhiệm trợ giúp viên pháp lý.", article="21")
HO_TICH = Passage("law:60/2014/QH13:16:0", "law", "60/2014/QH13", "Luật Hộ tịch", "Điều 16. Thủ tục đăng ký khai sinh",
                  "1. Người đi đăng ký khai sinh nộp tờ khai theo mẫu quy định và giấy chứng sinh.", article="16")
KHAI_SINH = Passage("procedure:1.001193", "procedure", "1.001193", "Thủ tục đăng ký khai sinh", "Thủ tục đăng ký khai sinh",
                    "Thủ tục đăng ký khai sinh. Hồ sơ: tờ khai đăng ký khai sinh, giấy chứng sinh. Lệ phí: miễn.")
KHAI_SINH_NN = Passage("procedure:2.000528", "procedure", "2.000528", "Thủ tục đăng ký khai sinh có yếu tố nước ngoài",
                       "Thủ tục đăng ký khai sinh có yếu tố nước ngoài", "Đăng ký khai sinh cho trẻ có cha hoặc mẹ là người nước ngoài.")
TITLES = {"1.001193": KHAI_SINH.doc_title, "2.000528": KHAI_SINH_NN.doc_title}


class Guess:
    """A classifier that always guesses ``intent``."""

    def __init__(self, intent: str, confidence: float = 0.9):
        self.intent, self.confidence = intent, confidence

    def parse(self, text: str) -> NluResult:
        rest = (1 - self.confidence) / 2
        return NluResult(self.intent, self.confidence, (), ((self.intent, self.confidence), ("legal_question", rest), ("procedure_guide", rest)))


class Skill:
    def __init__(self, *intents: str):
        self.intents = frozenset(intents)


class LegalQA(Skill):
    pass


class CitizenGuide(Skill):
    pass


SKILLS = [Conversation(), LegalQA("legal_question"), CitizenGuide("procedure_guide", "procedure_detail", "choose_option"),
          Skill("feedback", "handover"), Skill("draft_document"), Skill("reminder"), Skill("review_document"), Skill("hdnd_review")]


class Laws:
    def missing(self, question: str):
        return LawTitles({"tro giup phap ly": {2017}, "ho tich": {2014}}).missing(question)


def decided(message: str, guess: str = "legal_question", role: str = "citizen", law=(), procedures=(),
            state: DialogueState | None = None, confidence: float = 0.9) -> Turn:
    turn = Turn(message=message, session=Session("s", role, "web", None, state or DialogueState()), role=role,
                now=datetime(2026, 12, 7, 9, 0), text=message)
    Understand(Guess(guess, confidence), title_of=TITLES.get)(turn)
    if turn.form == "content":
        turn.found = {"law": [Evidence(p, 1.0) for p in law], "procedure": [Evidence(p, 1.0) for p in procedures]}
    Decide(SKILLS, laws=Laws())(turn)
    return turn


def test_a_question_the_classifier_takes_for_a_greeting_is_answered_from_the_law():
    turn = decided("Trợ giúp viên pháp lý sẽ do ai bổ nhiệm?", guess="greeting", law=[TRO_GIUP])
    assert (turn.intent, turn.route.skill, turn.route.reason) == ("legal_question", "legal_qa", "law_evidence")
    assert [e.passage for e in turn.evidence] == [TRO_GIUP]


@pytest.mark.parametrize("guess", ["feedback", "draft_document", "reminder", "handover", "thanks"])
def test_a_question_never_becomes_a_side_effect_whatever_the_classifier_says(guess):
    turn = decided("trợ giúp viên pháp lý do ai bổ nhiệm", guess=guess, role="officer", law=[TRO_GIUP])
    assert turn.intent == "legal_question" and turn.answer is None


def test_a_legal_topic_typed_as_a_search_is_answered_not_offered_as_a_complaint():
    turn = decided("Thẩm quyền bổ nhiệm trợ giúp viên pháp lý", guess="feedback", role="officer", law=[TRO_GIUP])
    assert (turn.intent, turn.route.reason) == ("legal_question", "law_evidence")
    complaint = decided("đường nhà tôi ngập nước mấy tháng nay không ai xử lý", guess="feedback", law=[TRO_GIUP])
    assert (complaint.intent, complaint.route.reason) == ("feedback", "complaint")


def test_a_divorce_is_the_law_s_and_the_court_s_unless_the_question_names_the_office_s_procedure():
    divorce = Passage("law:52/2014/QH13:55:0", "law", "52/2014/QH13", "Luật Hôn nhân và gia đình", "Điều 55. Thuận tình ly hôn",
                      "Trong trường hợp vợ chồng cùng yêu cầu ly hôn, nếu xét thấy hai bên thật sự tự nguyện ly hôn thì Tòa án"
                      " công nhận thuận tình ly hôn.", article="55")
    status = Passage("procedure:1.004873", "procedure", "1.004873", "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân",
                     "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân", "Hồ sơ: tờ khai; giấy tờ chứng minh đã ly hôn thuận tình.")
    turn = decided("thu tuc ly hon thuan tinh", guess="procedure_guide", law=[divorce], procedures=[status])
    assert (turn.intent, turn.route.reason) == ("legal_question", "law_evidence")
    named = decided("thủ tục cấp giấy xác nhận tình trạng hôn nhân sau khi ly hôn", guess="procedure_guide", law=[divorce],
                    procedures=[status])
    assert named.route.reason == "asks_for_procedure"


def test_asking_for_papers_is_a_procedure_question_for_an_officer_too():
    turn = decided("làm giấy khai sinh cần gì", role="officer", law=[HO_TICH], procedures=[KHAI_SINH])
    assert (turn.intent, turn.route.reason) == ("procedure_guide", "asks_for_procedure")
    assert [e.passage for e in turn.evidence] == [KHAI_SINH]


def test_side_effects_come_from_the_words_and_staff_ones_are_refused_to_citizens():
    assert decided("cho tôi gặp cán bộ", guess="greeting").route.reason == "explicit_request"
    refused = decided("soạn giấy mời họp giao ban 9h thứ Hai", guess="legal_question")
    assert refused.intent == "draft_document" and refused.answer.refusal_reason == "not_permitted"
    declined = decided("đừng gửi phản ánh", guess="feedback")
    assert (declined.intent, declined.route.skill, declined.route.reason) == ("feedback", "conversation", "declined")


def test_small_talk_is_small_talk_only_when_it_asks_nothing():
    assert decided("cảm ơn bạn nhiều", guess="thanks").route.reason == "small_talk"
    assert decided("cảm ơn, trợ giúp viên pháp lý do ai bổ nhiệm?", guess="thanks", law=[TRO_GIUP]).intent == "legal_question"


def test_a_question_on_the_assistant_itself_is_greeted_whatever_the_guess_and_the_evidence():
    who = decided("bạn là ai", guess="out_of_scope", law=[TRO_GIUP])
    assert (who.intent, who.route.skill, who.route.reason) == ("greeting", "conversation", "small_talk")
    assert "trợ lý ảo" in Conversation().compose(who).text


def test_nothing_answering_is_no_grounding_about_administration_and_out_of_scope_otherwise():
    weather = decided("hôm nay trời đẹp quá", guess="out_of_scope")
    assert (weather.intent, weather.route.reason) == ("out_of_scope", "out_of_scope")
    unknown = decided("thủ tục cấp phép bay flycam ở đâu", guess="procedure_guide", procedures=[KHAI_SINH])
    assert (unknown.route.skill, unknown.route.reason) == ("conversation", "no_grounding")


def test_a_ward_s_own_affairs_are_no_grounding_with_where_to_ask_even_when_the_classifier_says_out_of_scope():
    handout = decided("Phường tôi bao giờ phát gạo cứu trợ?", guess="out_of_scope", confidence=0.7, law=[HO_TICH])
    assert (handout.route.reason, handout.route.detail) == ("no_grounding", "local_fact")


def test_a_message_the_classifier_is_sure_is_out_of_scope_stays_so_whatever_words_the_evidence_shares():
    recipe = Passage("law:x:1:0", "law", "x", "Luật An toàn thực phẩm", "Điều 1. Nấu ăn", "Nấu phở bò ngon phải an toàn.")
    sure = decided("cách nấu phở bò ngon", guess="out_of_scope", confidence=0.95, law=[recipe])
    assert (sure.route.skill, sure.route.reason) == ("conversation", "out_of_scope")
    unsure = decided("làm sao cho phở bò ngon", guess="out_of_scope", confidence=0.5, law=[recipe])
    assert unsure.route.reason != "out_of_scope"


def test_a_poem_or_a_recipe_asked_for_is_out_of_scope_whatever_the_classifier_and_the_evidence_say():
    harvest = Passage("law:26/2008/QH12:113:0", "law", "26/2008/QH12", "Luật Thi hành án dân sự", "Điều 113. Kê biên hoa lợi",
                      "3. Đối với cây trồng chưa đến mùa thu hoạch thì sau khi kê biên được tiếp tục chăm sóc.", article="113")
    poem = decided("viết giúp tôi một bài thơ về mùa thu", guess="legal_question", confidence=0.9, law=[harvest])
    assert (poem.route.skill, poem.route.reason, poem.evidence) == ("conversation", "out_of_scope", [])
    recipe = decided("cách nấu phở bò ngon", guess="procedure_guide", confidence=0.6, procedures=[KHAI_SINH])
    assert recipe.route.reason == "out_of_scope"


@pytest.mark.parametrize("message, detail", [
    ("Luật Trí tuệ nhân tạo quy định hệ thống rủi ro cao thế nào?", "Luật Trí tuệ nhân tạo"),
    ("Luật Hộ tịch 2025 quy định thời hạn đăng ký khai sinh thế nào?", "Luật Hộ tịch 2025"),
    ("Luật Căn cước 2023 có hiệu lực từ ngày nào?", "Luật Căn cước 2023"),  # named up to its year
    ("Ở Singapore đăng ký khai sinh cần giấy tờ gì?", "other_country"),
    ("Theo bạn thủ tục đăng ký khai sinh có rườm rà không?", "opinion"),
])
def test_evidence_sharing_words_with_what_it_cannot_answer_is_refused_with_the_reason(message, detail):
    turn = decided(message, law=[HO_TICH, TRO_GIUP], procedures=[KHAI_SINH])
    assert turn.route.reason == "no_grounding" and turn.route.detail == detail and turn.evidence == []


def test_a_law_not_held_is_not_answered_by_a_procedure_either():
    turn = decided("Theo Luật Hộ tịch 2025, đăng ký khai sinh cần giấy tờ gì?", law=[HO_TICH], procedures=[KHAI_SINH])
    assert (turn.route.reason, turn.route.detail) == ("no_grounding", "Luật Hộ tịch 2025")


def test_while_options_are_pending_a_number_or_a_detail_goes_to_the_citizen_guide():
    pending = lambda: DialogueState(options=["1.001193", "2.000528"], options_query="làm giấy khai sinh")  # noqa: E731
    assert (decided("số 2", state=pending()).intent, decided("số 2", state=pending()).route.reason) == ("choose_option", "picked_option")
    assert decided("có yếu tố nước ngoài", state=pending()).route.reason == "picked_option"
    for detail in ("lệ phí bao nhiêu?", "nop online duoc khong", "mất bao lâu", "lệ phí đăng ký khai sinh bao nhiêu"):
        turn = decided(detail, state=pending())
        assert (turn.intent, turn.route.reason) == ("procedure_detail", "follow_up"), detail
        assert turn.session.state.options == ["1.001193", "2.000528"]


@pytest.mark.parametrize("message", ["2", "số 2", "thứ hai"])
def test_a_number_alone_with_no_options_pending_is_asked_about_never_searched(message):
    turn = decided(message, law=[HO_TICH], procedures=[KHAI_SINH])
    assert (turn.intent, turn.route.skill, turn.route.reason, turn.found) == ("choose_option", "conversation", "nothing_to_pick", {})


def test_something_unrelated_drops_the_pending_options():
    state = DialogueState(options=["1.001193", "2.000528"], options_query="làm giấy khai sinh")
    turn = decided("trợ giúp viên pháp lý do ai bổ nhiệm?", state=state, law=[TRO_GIUP])
    assert turn.intent == "legal_question" and state.options == [] and state.options_query == ""
    thanks = DialogueState(options=["1.001193"])
    decided("cảm ơn", guess="thanks", state=thanks)
    assert thanks.options == []


def test_a_detail_asked_about_the_procedure_under_discussion_stays_on_it():
    turn = decided("lệ phí bao nhiêu?", guess="legal_question", state=DialogueState(procedure="1.001193"))
    assert (turn.intent, turn.route.reason, turn.evidence) == ("procedure_detail", "follow_up", [])
    assert [e.value for e in turn.nlu.entities if e.entity == "detail_aspect"] == ["lệ phí"]
    new_topic = decided("lệ phí đăng ký kết hôn bao nhiêu?", state=DialogueState(procedure="1.001193"), procedures=[KHAI_SINH])
    assert new_topic.route.reason != "follow_up"


def test_a_complaint_that_asks_for_the_procedure_gets_the_procedure_not_a_ticket_offer():
    wrong_name = Passage("procedure:1.004859", "procedure", "1.004859", "Thủ tục thay đổi, cải chính thông tin hộ tịch",
                         "Thủ tục thay đổi, cải chính thông tin hộ tịch", "Cải chính hộ tịch khi giấy khai sinh ghi sai.")
    asked = decided("giấy khai sinh của con tôi bị ghi sai tên, muốn cải chính lại", guess="feedback", procedures=[wrong_name])
    assert (asked.intent, asked.route.reason) == ("procedure_guide", "asks_for_procedure")
    stated = decided("cán bộ ghi sai tên con tôi trong giấy khai sinh, làm ăn tắc trách", guess="feedback", procedures=[wrong_name])
    assert stated.route.reason == "complaint"


def test_a_citizen_naming_papers_without_asking_how_gets_whichever_evidence_covers_more():
    found_wallet = Passage("law:91/2015/QH13:230:0", "law", "91/2015/QH13", "Bộ luật Dân sự",
                           "Điều 230. Xác lập quyền sở hữu đối với tài sản bị đánh rơi, bỏ quên",
                           "Người nhặt được tài sản bị đánh rơi ngoài đường phải trả lại cho chủ sở hữu, không được giữ luôn; "
                           "tài sản trị giá trên 20 triệu đồng thì giao cho Ủy ban nhân dân cấp xã.")
    customs = Passage("procedure:1.000001", "procedure", "1.000001", "Thủ tục hải quan đối với hàng hóa gửi chuyển phát",
                      "Thủ tục hải quan đối với hàng hóa gửi chuyển phát",
                      "Hàng hóa trị giá dưới năm triệu đồng gửi qua dịch vụ chuyển phát, không có giấy tờ nhập khẩu.")
    turn = decided("Nhặt được cái ví 20 triệu ngoài đường, không có giấy tờ gì, giữ luôn được không?",
                   law=[found_wallet], procedures=[customs])
    assert (turn.intent, turn.route.reason) == ("legal_question", "law_evidence")
    papers = decided("đăng ký khai sinh cần giấy tờ gì", law=[HO_TICH], procedures=[KHAI_SINH])
    assert papers.route.reason == "asks_for_procedure"


HOC_PHI = Passage("law:43/2019/QH14:99:0", "law", "43/2019/QH14", "Luật Giáo dục", "Điều 99. Học phí",
                  "3. Học sinh tiểu học trong cơ sở giáo dục công lập không phải đóng học phí; mức hỗ trợ do Hội đồng"
                  " nhân dân cấp tỉnh quyết định.", article="99")
PHAT = Passage("law:168/2024/NĐ-CP:7:0", "law", "168/2024/NĐ-CP", "Nghị định 168/2024/NĐ-CP",
               "Điều 7. Xử phạt người điều khiển xe mô tô, xe gắn máy",
               "7. Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng đối với người điều khiển xe không chấp hành hiệu lệnh"
               " của đèn tín hiệu giao thông.", article="7")


def test_a_sum_of_money_asked_is_answered_only_by_law_that_states_one():
    fee = decided("học phí trường THCS công lập ở Đà Nẵng năm học 2026-2027 bao nhiêu một tháng", law=[HOC_PHI])
    assert (fee.route.reason, fee.route.detail) == ("no_grounding", "figure_not_stated") and fee.evidence == []
    fine = decided("Đi xe máy vượt đèn đỏ bị phạt bao nhiêu tiền?", law=[PHAT])
    assert fine.route.reason == "law_evidence"
    days = decided("Học sinh tiểu học trường công lập đóng học phí trong bao nhiêu tháng?", law=[HOC_PHI])
    assert days.route.reason == "law_evidence"  # a number of months, not a sum of money


KET_HON = Passage("procedure:1.000894", "procedure", "1.000894", "Thủ tục đăng ký kết hôn", "Thủ tục đăng ký kết hôn",
                  "Thủ tục đăng ký kết hôn. Hồ sơ: tờ khai đăng ký kết hôn. Lệ phí: miễn.")
TUOI = Passage("law:52/2014/QH13:8:0", "law", "52/2014/QH13", "Luật Hôn nhân và gia đình", "Điều 8. Điều kiện kết hôn",
               "1. Nam, nữ kết hôn với nhau phải tuân theo các điều kiện sau đây: a) Nam từ đủ 20 tuổi trở lên, nữ từ đủ"
               " 18 tuổi trở lên;", article="8")


def test_a_citizen_asking_an_age_of_a_named_procedure_gets_the_law():
    age = decided("nam may tuoi thi duoc dang ky ket hon", guess="procedure_guide", law=[TUOI], procedures=[KET_HON])
    assert age.route.reason == "law_evidence"
    how = decided("đăng ký kết hôn ở đâu", guess="procedure_guide", law=[TUOI], procedures=[KET_HON])
    assert how.route.reason == "asks_for_procedure"


THUE = Passage("procedure:1.0", "procedure", "1.0", "Khai thuế thu nhập doanh nghiệp bổ sung tối thiểu",
               "Khai thuế thu nhập doanh nghiệp bổ sung tối thiểu", "Thuế thu nhập doanh nghiệp bổ sung tối thiểu nội địa.")


def test_a_sum_of_the_day_the_law_does_not_state_is_not_answered_by_a_procedure_either():
    wage = decided("Mức lương tối thiểu vùng ở Hà Nội hiện nay là bao nhiêu?", law=[HOC_PHI], procedures=[THUE])
    assert (wage.route.reason, wage.route.detail) == ("no_grounding", "figure_not_stated")


TAM_TRU = Passage("law:68/2020/QH14:28:0", "law", "68/2020/QH14", "Luật Cư trú", "Điều 28. Hồ sơ, thủ tục đăng ký tạm trú, gia hạn tạm trú",
                  "3. Trong thời hạn 15 ngày trước ngày kết thúc thời hạn tạm trú đã đăng ký, công dân phải làm thủ tục gia hạn"
                  " tạm trú.", article="28")
GIA_HAN = Passage("procedure:1.002755", "procedure", "1.002755", "Gia hạn tạm trú", "Gia hạn tạm trú",
                  "Gia hạn tạm trú. Hồ sơ: tờ khai thay đổi thông tin cư trú. Nộp tại Công an cấp xã.")


def test_an_officer_asking_a_deadline_the_law_sets_gets_the_law_and_asking_where_gets_the_procedure():
    deadline = decided("Công dân phải làm thủ tục gia hạn tạm trú bao nhiêu ngày trước ngày kết thúc thời hạn tạm trú đã đăng ký?",
                       role="officer", law=[TAM_TRU], procedures=[GIA_HAN])
    assert deadline.route.reason == "law_evidence"
    where = decided("gia hạn tạm trú nộp ở đâu", role="officer", law=[TAM_TRU], procedures=[GIA_HAN])
    assert where.route.reason == "asks_for_procedure"


TIEP_CAN = Passage("law:104/2016/QH13:6:0", "law", "104/2016/QH13", "Luật Tiếp cận thông tin",
                   "Điều 6. Thông tin công dân không được tiếp cận",
                   "2. Thông tin liên quan đến cuộc họp nội bộ của cơ quan nhà nước, biên bản cuộc họp nội bộ; tài liệu do cơ"
                   " quan nhà nước soạn thảo cho công việc nội bộ.", article="6")
TO_HOP_TAC = Passage("procedure:1.0002", "procedure", "1.0002", "Thông báo chấm dứt hoạt động của tổ hợp tác",
                     "Thông báo chấm dứt hoạt động của tổ hợp tác", "Tổ hợp tác gửi thông báo chấm dứt hoạt động đến Ủy ban nhân dân"
                     " cấp xã nơi tổ hợp tác có trụ sở.")


def test_asking_how_does_not_make_a_procedure_of_one_whose_name_the_question_does_not_hold():
    turn = decided("Xin biên bản cuộc họp nội bộ của phường có được không?", guess="procedure_guide", law=[TIEP_CAN],
                   procedures=[TO_HOP_TAC])
    assert turn.cues.asks_how and turn.route.reason == "law_evidence"
    named = decided("muốn thông báo chấm dứt hoạt động tổ hợp tác thì nộp ở đâu", guess="procedure_guide", law=[TIEP_CAN],
                    procedures=[TO_HOP_TAC])
    assert named.route.reason == "asks_for_procedure"


_FIRST_PLATE = ("Đăng ký, cấp biển số xe lần đầu thực hiện bằng dịch vụ công một phần hoặc trực tiếp thực hiện tại cấp trung"
                " ương, cấp tỉnh, cấp xã")
BIEN_SO = Passage("procedure:1.013067", "procedure", "1.013067", _FIRST_PLATE, _FIRST_PLATE,
                  "Hồ sơ: giấy khai đăng ký xe. Nộp tại Công an cấp xã.")
TICH_THU = Passage("law:168/2024/NĐ-CP:14:0", "law", "168/2024/NĐ-CP", "Nghị định xử phạt vi phạm hành chính giao thông",
                   "Điều 14. Xử phạt người điều khiển xe mô tô, xe gắn máy vi phạm quy định về điều kiện của phương tiện",
                   "5. Ngoài việc bị phạt tiền, người điều khiển xe máy còn bị tịch thu biển số xe, cấp biển số giả.", article="14")


def test_asking_for_a_paper_an_office_issues_gets_its_procedure_though_the_law_shares_more_words():
    turn = decided("xin cấp biển số xe máy", guess="procedure_guide", law=[TICH_THU], procedures=[BIEN_SO])
    assert turn.cues.names_paper and turn.route.reason == "asks_for_procedure"


@pytest.mark.parametrize("guess", ["legal_question", "out_of_scope", "handover", "draft_document"])
def test_a_grievance_told_is_offered_as_a_complaint_whatever_the_classifier_guesses(guess):
    turn = decided("Tôi đã chờ 3 tiếng ở bộ phận một cửa mà chưa được tiếp", guess=guess, law=[TRO_GIUP])
    assert (turn.intent, turn.route.reason) == ("feedback", "complaint")


CAP_LAI_GPLX = Passage("procedure:1.002804", "procedure", "1.002804", "Cấp lại giấy phép lái xe", "Cấp lại giấy phép lái xe",
                       "Cấp lại giấy phép lái xe. Hồ sơ: đơn đề nghị cấp lại giấy phép lái xe theo mẫu.")
PHUC_HOI_DIEM = Passage("law:168/2024/NĐ-CP:51:0", "law", "168/2024/NĐ-CP", "Nghị định 168/2024/NĐ-CP",
                        "Điều 51. Thẩm quyền, trình tự, thủ tục phục hồi điểm giấy phép lái xe",
                        "c) Việc thông báo phục hồi điểm giấy phép lái xe thực hiện bằng văn bản, giao trực tiếp hoặc gửi qua dịch vụ"
                        " bưu chính.", article="51")


def test_asking_how_to_get_done_what_a_procedure_is_named_for_gets_the_procedure_however_long_the_message():
    message = ("Hôm qua đi chợ Bến Thành đông quá bị móc túi mất cái ví có cả căn cước, thẻ ngân hàng và bằng lái, giờ"
               " làm lại cả hai thì đi đâu trước?")
    turn = decided(message, law=[PHUC_HOI_DIEM], procedures=[CAP_LAI_GPLX])
    assert (turn.route.skill, turn.route.reason) == ("citizen_guide", "asks_for_procedure")


def test_a_grievance_asked_as_a_reproach_is_offered_as_a_complaint_and_asking_how_long_is_answered():
    reproach = decided("Sao hàng quán lấn chiếm vỉa hè hết chỗ đi mà phường không xử lý?", law=[TRO_GIUP])
    assert (reproach.intent, reproach.route.reason) == ("feedback", "complaint")
    how_long = decided("Tại sao làm căn cước cho con mà đợi cả tháng chưa có? Bình thường mất bao lâu?", law=[TRO_GIUP])
    assert how_long.route.reason != "complaint"
