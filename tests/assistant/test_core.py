"""The whole pipeline on real data: citizens' procedure questions and officers' legal questions."""
import pytest

pytestmark = pytest.mark.shared


def test_a_citizen_is_guided_to_birth_registration_and_follow_ups_stay_on_it(shared_assistant):
    answer = shared_assistant.ask("con tôi mới sinh, làm giấy khai sinh cần gì", session_id="ks-1")
    if answer.choices:
        assert "1.001193" in [c.value for c in answer.choices]
        answer = shared_assistant.ask(str([c.value for c in answer.choices].index("1.001193") + 1), session_id="ks-1")
    assert answer.intent in ("procedure_guide", "choose_option") and answer.grounded
    assert answer.citations[0].kind == "procedure" and answer.citations[0].id == "1.001193"
    assert any("Tờ khai" in item for item in answer.checklist)
    fee = shared_assistant.ask("lệ phí bao nhiêu?", session_id="ks-1")
    assert fee.intent == "procedure_detail" and fee.text.startswith("Lệ phí Thủ tục đăng ký khai sinh")
    online = shared_assistant.ask("nop online duoc khong", session_id="ks-1")
    assert "trực tuyến" in online.text and online.citations[0].id == "1.001193"


def test_a_detail_question_before_the_pick_is_answered_for_the_options_not_searched_anew(shared_assistant):
    options = shared_assistant.ask("con tôi mới sinh, làm giấy khai sinh cần gì", session_id="ks-2")
    codes = [c.value for c in options.choices]
    assert "1.001193" in codes
    fee = shared_assistant.ask("lệ phí bao nhiêu?", session_id="ks-2")
    assert fee.text.startswith("Lệ phí của từng thủ tục:") and [c.id for c in fee.citations] == codes
    online = shared_assistant.ask("nộp online được không", session_id="ks-2")
    assert [c.id for c in online.citations] == codes and "có thể nộp trực tuyến" in online.text
    wrong = shared_assistant.ask(str(len(codes) + 1), session_id="ks-2")
    assert wrong.refusal_reason == "needs_clarification" and f"không có số {len(codes) + 1}" in wrong.text
    chosen = shared_assistant.ask(str(codes.index("1.001193") + 1), session_id="ks-2")
    assert chosen.checklist[0].startswith("Tờ khai") and not chosen.checklist[0].startswith("Trường hợp")
    assert len(chosen.text.split("\n")) <= 14 and chosen.details


def test_an_officer_gets_the_quoted_khoan_with_citation_and_validity(shared_assistant):
    answer = shared_assistant.ask("thời hạn đăng ký khai sinh là bao lâu?", role="officer")
    assert answer.intent == "legal_question" and answer.grounded
    cited = {(c.kind, c.id, c.article, c.clause): c for c in answer.citations}
    dieu_15 = cited[("law", "60/2014/QH13", "15", "1")]
    assert "Trong thời hạn 60 ngày kể từ ngày sinh con" in dieu_15.text and dieu_15.status == "in_force"
    assert all(c.text in answer.text for c in answer.citations)
    assert "khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13, còn hiệu lực theo dữ liệu hiện có)" in answer.text


def test_a_repealed_law_is_named_with_its_replacement(shared_assistant):
    registry = shared_assistant.kb.registry
    entry = registry.lookup("81/2006/QH11")
    assert entry.status == "repealed" and "68/2020/QH14" in entry.replaced_by


@pytest.mark.xfail(strict=True, reason=(
    "known false positive of the answerability rule (coverage 0.2 on folded syllables): 'vũ trụ' meets 'cư trú', "
    "'quy định' every article; the sample index's Luật Cư trú covers 0.32 of the question"))
def test_a_question_with_no_grounding_is_refused_with_an_offer_of_a_human(shared_assistant):
    answer = shared_assistant.ask("quy định về phóng tàu vũ trụ lên sao Hỏa là gì", role="officer")
    assert not answer.grounded and answer.refusal_reason in ("no_grounding", "out_of_scope")


def test_an_officer_asking_a_citizen_s_question_is_answered_like_a_citizen_and_nothing_is_created(shared_assistant):
    officer = shared_assistant.users.add_user("Trần Thị Lan", "officer", "Văn phòng UBND")
    answer = shared_assistant.ask("làm giấy khai sinh cần gì", role="officer", user=officer, session_id="cb-1")
    assert answer.intent == "procedure_guide" and answer.extras["route"]["reason"] == "asks_for_procedure"
    assert "1.001193" in [c.id for c in answer.citations]
    assert shared_assistant.tickets.list(status=None) == [] and shared_assistant.tasks.tasks() == []


@pytest.mark.parametrize("question", [
    "Làm sao để phân biệt nơi thường trú và nơi tạm trú?",
    "Người chưa thành niên có được cư trú ở nơi khác với cha mẹ không?",
    "Ai có thẩm quyền đăng ký kết hôn?",
])
def test_legal_questions_the_classifier_misread_are_answered_with_a_law_and_create_nothing(shared_assistant, question):
    answer = shared_assistant.ask(question, role="officer")
    assert answer.intent == "legal_question" and any(c.kind == "law" for c in answer.citations)
    assert shared_assistant.tickets.list(status=None) == []


def test_a_law_the_knowledge_base_lacks_is_named_in_an_honest_refusal_with_next_steps(shared_assistant):
    answer = shared_assistant.ask("Luật Trí tuệ nhân tạo quy định hệ thống AI rủi ro cao thế nào?", role="officer")
    assert answer.refusal_reason == "no_grounding" and not answer.citations
    assert "chưa có Luật Trí tuệ nhân tạo" in answer.text and "https://dichvucong.gov.vn" in answer.text
    assert "gặp cán bộ" in answer.text


def test_a_law_the_corpus_lacks_but_the_validity_feed_names_is_said_in_force_since_the_feed_s_day(shared_assistant):
    answer = shared_assistant.ask("Luật Căn cước 2023 có hiệu lực từ ngày nào?", role="officer")
    assert answer.refusal_reason == "no_grounding" and "chưa có Luật Căn cước 2023" in answer.text
    assert "Theo dữ liệu hiệu lực, Luật Căn cước 26/2023/QH15 có hiệu lực từ 01/7/2024, còn hiệu lực." in answer.text


def test_personal_data_is_answered_around_and_never_stored(shared_assistant):
    answer = shared_assistant.ask("CCCD của tôi là 079204001234, sđt 0912345678, làm lại căn cước bị mất ở đâu", session_id="pii")
    assert "079204001234" not in answer.text and "0912345678" not in answer.text
    logged = shared_assistant.sessions.turns(session_id="pii")[0].text
    assert "079204001234" not in logged and "[CCCD]" in logged


@pytest.mark.parametrize(
    "message, reason",
    [("", "empty"), ("x" * 100_000, "too_long"), ("How do I register my baby's birth certificate?", "other_language")],
)
def test_bad_messages_get_named_refusals(shared_assistant, message, reason):
    answer = shared_assistant.ask(message)
    assert answer.refusal_reason == reason and not answer.grounded


def test_emoji_only_is_out_of_scope(shared_assistant):
    assert shared_assistant.ask("😀😀🎉").refusal_reason in ("out_of_scope", "no_grounding", "needs_clarification")


def test_an_unknown_session_id_starts_a_new_conversation(shared_assistant):
    answer = shared_assistant.ask("xin chào", session_id="chua-tung-co")
    assert answer.session_id == "chua-tung-co" and answer.intent == "greeting"


def test_citizens_cannot_use_staff_skills(shared_assistant):
    answer = shared_assistant.ask("soạn giấy mời họp giao ban 9h thứ Hai tại phòng họp số 2")
    assert answer.refusal_reason == "not_permitted"
