"""Answers as JSON and back: what a channel reads from the custom payload of a Rasa response."""
from assistant.answer import Answer, Choice, Citation, Section, quoted_from


def test_an_answer_read_back_from_its_json_is_the_same_answer():
    answer = Answer(
        text="Theo khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13, còn hiệu lực): «Trong thời hạn 60 ngày…»",
        intent="legal_question",
        citations=(
            Citation(kind="law", id="60/2014/QH13", title="Luật Hộ tịch", article="15", clause="1",
                     status="in_force", text="Trong thời hạn 60 ngày…", label="khoản 1 Điều 15 Luật Hộ tịch",
                     status_since="2016-01-01", status_source="corpus"),
            Citation(kind="law", id="45/2013/QH13", title="Luật Đất đai", article="16", status="repealed",
                     text="Nhà nước quyết định thu hồi đất…", status_since="2024-08-01", replaced_by=("31/2024/QH15",),
                     status_source="feed"),
            Citation(kind="procedure", id="1.001193", title="Thủ tục đăng ký khai sinh", url="https://dichvucong.gov.vn/x"),
        ),
        grounded=True,
        choices=(Choice(1, "Thủ tục đăng ký khai sinh (Cấp xã)", "1.001193"),),
        checklist=("Tờ khai đăng ký khai sinh",),
        details=(Section("Căn cứ pháp lý", "- Luật Hộ tịch (60/2014/QH13) — còn hiệu lực"),),
        session_id="ks-1",
        extras={"procedure": {"code": "1.001193", "title": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch"}},
    )
    assert Answer.from_json(answer.to_json()) == answer


def test_a_refusal_keeps_its_named_reason():
    data = {"answer": "Bạn đang hỏi về thủ tục nào?", "grounded": False, "intent": "procedure_detail",
            "refusal_reason": "needs_clarification", "citations": []}
    answer = Answer.from_json(data)
    assert (answer.refusal_reason, answer.grounded, answer.citations, answer.extras) == ("needs_clarification", False, (), {})


def test_law_citations_carry_their_validity_and_other_citations_do_not():
    law = Citation(kind="law", id="45/2013/QH13", title="Luật Đất đai", article="16", status="repealed", text="…",
                   status_since="2024-08-01", replaced_by=("31/2024/QH15",), status_source="feed").to_json()
    assert list(law) == ["kind", "id", "title", "url", "article", "clause", "point", "status", "text",
                         "status_since", "replaced_by", "status_source"]
    assert (law["status_since"], law["replaced_by"], law["status_source"]) == ("2024-08-01", ["31/2024/QH15"], "feed")
    document = Citation(kind="document", id="doc:1", title="Báo cáo", text="…").to_json()
    assert "status_since" not in document and "replaced_by" not in document
    assert list(Citation(kind="procedure", id="1.001193", title="Khai sinh").to_json()) == ["kind", "id", "title", "url"]


def test_details_are_an_extra_key_the_other_keys_stay_as_they_were():
    plain = Answer("Thủ tục đăng ký khai sinh (mã 1.001193)", "procedure_guide", grounded=True)
    detailed = Answer(plain.text, plain.intent, grounded=True, details=(Section("Các bước thực hiện", "Bước 1: …"),))
    assert "details" not in plain.to_json()
    assert detailed.to_json() == {**plain.to_json(), "details": [{"title": "Các bước thực hiện", "text": "Bước 1: …"}]}


def test_a_quote_is_verbatim_whatever_blank_lines_the_source_has_and_nothing_else_passes():
    table = "1. Vị trí trình bày các thành phần thể thức\n\nÔ số\n:\nThành phần thể thức văn bản\n\n2. Sơ đồ"
    assert quoted_from("1. Vị trí trình bày các thành phần thể thức\nÔ số\n:\nThành phần thể thức văn bản", table)
    assert not quoted_from("1. Vị trí trình bày các thành phần\nÔ số", table)
    assert not quoted_from("Ô số\n1. Vị trí trình bày các thành phần thể thức", table)  # order kept
