from dataclasses import replace

from assistant.skills import procedure_view
from knowledge.models import LegalBasis, Procedure, RequiredDocument, SubmissionMethod

PROCEDURE = Procedure(
    code="9.900001",
    title="Cấp giấy phép nuôi chim bồ câu đưa thư",
    level="Cấp xã",
    agency="Ủy ban nhân dân cấp xã",
    steps="Bước 1: Nộp hồ sơ tại Ủy ban nhân dân cấp xã.\nBước 3: Trong thời hạn 05 ngày làm việc, Chủ tịch Ủy ban nhân dân cấp xã cấp giấy phép.",
    methods=(
        SubmissionMethod("truc_tiep", "5", "Lệ phí: 20.000 Đồng (Thông tư số 99/2024/TT-BNNMT)"),
        SubmissionMethod("truc_tuyen", "03 Ngày làm việc", "Lệ phí: 20.000 Đồng (Thông tư số 99/2024/TT-BNNMT)"),
    ),
    documents=(
        RequiredDocument("Tờ khai cấp giấy phép", form="Mẫu 01", quantity="1 bản chính"),
        RequiredDocument("Căn cước", quantity="1 bản chính", must_present=True),
        RequiredDocument("Văn bản ủy quyền trong trường hợp ủy quyền nộp hồ sơ", quantity="1 bản chính"),
    ),
    legal_bases=(LegalBasis("Luật Chăn nuôi", "32/2018/QH14"), LegalBasis("Luật Chăn nuôi", "32/2018/QH14")),
    result="Giấy phép nuôi chim bồ câu",
    url="https://dichvucong.gov.vn/x",
)
# Thủ tục đăng ký khai sinh: the portal gives "1" without a unit; its steps say when the result comes.
BIRTH_STEPS = (
    "- Cán bộ tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công có trách nhiệm kiểm tra tính chính xác, đầy đủ của hồ sơ.\n"
    "(i) Trường hợp hồ sơ đầy đủ, hợp lệ thì tiếp nhận hồ sơ; nếu tiếp nhận hồ sơ sau 15 giờ thì có Phiếu hẹn, trả kết quả"
    " cho người yêu cầu trong ngày làm việc tiếp theo."
)


def test_the_first_answer_fits_a_phone_and_leaves_special_cases_and_legal_bases_to_the_details():
    text = procedure_view.summary(PROCEDURE, None)
    lines = text.split("\n")
    assert lines[0] == "Cấp giấy phép nuôi chim bồ câu đưa thư (mã 9.900001)"
    assert "Nơi nộp: Ủy ban nhân dân cấp xã (cấp xã)" in lines
    assert lines[lines.index("Giấy tờ cần chuẩn bị:") + 1 :][:2] == [
        "☐ Tờ khai cấp giấy phép (mẫu Mẫu 01; 1 bản chính)", "☐ Xuất trình: Căn cước (1 bản chính)"]
    assert "Văn bản ủy quyền" not in text and "32/2018/QH14" not in text
    assert "Lệ phí: Lệ phí: 20.000 Đồng" in lines  # the amount; its explanation is a detail
    assert lines[-1].startswith(procedure_view.DETAILS_HINT) and "1 giấy tờ trong trường hợp riêng" in lines[-1]
    assert len(lines) <= 12


def test_the_details_hold_what_the_first_answer_leaves_out():
    sections = {s.title: s.text for s in procedure_view.details(PROCEDURE, None)}
    assert "Văn bản ủy quyền trong trường hợp ủy quyền nộp hồ sơ (1 bản chính)" in sections["Giấy tờ trong trường hợp riêng"]
    assert sections["Căn cứ pháp lý"].count("32/2018/QH14") == 1
    assert "(Thông tư số 99/2024/TT-BNNMT)" in sections["Cách nộp, lệ phí, thời hạn"]
    assert "Trong thời hạn 05 ngày làm việc" in sections["Các bước thực hiện"]


def test_a_bare_processing_time_takes_the_unit_its_own_text_gives_the_same_number():
    assert procedure_view.times(PROCEDURE) == (
        "Trực tiếp: 5 ngày làm việc (đơn vị theo trình tự thực hiện); Trực tuyến: 03 Ngày làm việc")
    full = procedure_view.aspect(PROCEDURE, "thời hạn", None)
    assert "Cổng Dịch vụ công chỉ ghi «5»; đơn vị theo trình tự thực hiện: «Bước 3: Trong thời hạn 05 ngày làm việc, Chủ tịch" in full


def test_a_bare_one_takes_the_working_day_of_a_same_day_result():
    birth = replace(PROCEDURE, steps=BIRTH_STEPS, methods=(SubmissionMethod("truc_tiep", "1", "Miễn phí"),))
    assert procedure_view.times(birth) == "1 ngày làm việc (đơn vị theo trình tự thực hiện)"  # "sau 15 giờ" is a time of day


def test_when_nothing_gives_the_unit_the_answer_says_so_and_names_the_agency_to_ask():
    silent = replace(PROCEDURE, steps="Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.", methods=(SubmissionMethod("truc_tiep", "7", ""),))
    assert procedure_view.times(silent) == (
        "7 (Cổng Dịch vụ công không ghi đơn vị; hãy hỏi Ủy ban nhân dân cấp xã để biết thời hạn chính xác)")
    unnamed = replace(silent, agency="")
    assert "hãy hỏi cơ quan tiếp nhận hồ sơ cấp xã" in procedure_view.times(unnamed)
    mixed = replace(silent, steps="Trong thời hạn 07 ngày làm việc… hoặc 07 ngày kể từ ngày…")
    assert "không ghi đơn vị" in procedure_view.times(mixed)  # two units for the same number: not guessed
    dated = replace(silent, steps="Theo Nghị định ngày 07 tháng 7 năm 2025; trả kết quả trong 30 ngày.")
    assert "không ghi đơn vị" in procedure_view.times(dated)  # a date, and another figure's unit, say nothing
    ranged = replace(silent, methods=(SubmissionMethod("truc_tiep", "10-25", ""),), steps="Thẩm định trong 25 ngày làm việc.")
    assert procedure_view.times(ranged) == "10-25 ngày làm việc (đơn vị theo trình tự thực hiện)"


def test_each_follow_up_aspect_answers_from_the_same_structure():
    assert procedure_view.aspect(PROCEDURE, "lệ phí", None) == (
        "Lệ phí Cấp giấy phép nuôi chim bồ câu đưa thư: Lệ phí: 20.000 Đồng (Thông tư số 99/2024/TT-BNNMT)")
    assert procedure_view.aspect(PROCEDURE, "kết quả", None).endswith("Giấy phép nuôi chim bồ câu")
    assert "trực tuyến" in procedure_view.aspect(PROCEDURE, "trực tuyến", None)
    papers = procedure_view.aspect(PROCEDURE, "hồ sơ", None)
    assert "☐ Tờ khai cấp giấy phép" in papers and "1 giấy tờ trong trường hợp riêng" in papers
    paper_only = Procedure(code="x", title="Thủ tục giấy", methods=(SubmissionMethod("truc_tiep"),))
    assert "chưa có hình thức nộp trực tuyến" in procedure_view.aspect(paper_only, "trực tuyến", None)
    assert procedure_view.fees(paper_only) == procedure_view.NOT_STATED


def test_a_dossier_that_depends_on_the_case_names_the_cases_instead_of_listing_papers():
    cases = replace(PROCEDURE, documents=(
        RequiredDocument("Tờ khai", group="Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình"),
        RequiredDocument("Hợp đồng thuê nhà", group="Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ"),
        RequiredDocument("Giấy giới thiệu", group="Đăng ký thường trú tại nơi đơn vị đóng quân"),
    ))
    text = procedure_view.summary(cases, None)
    assert ("Giấy tờ: tùy trường hợp (Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình; Đăng ký thường"
            " trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ; và 1 trường hợp khác) — xem chi tiết.") in text
    assert procedure_view.checklist(cases) == []
    asked = procedure_view.aspect(cases, "hồ sơ", None)  # "cần giấy tờ gì" after the first answer
    assert asked.splitlines() == [
        "Hồ sơ Cấp giấy phép nuôi chim bồ câu đưa thư tùy trường hợp:",
        "- Đăng ký thường trú vào chỗ ở hợp pháp thuộc quyền sở hữu của mình",
        "- Đăng ký thường trú vào chỗ ở hợp pháp do thuê, mượn, ở nhờ",
        "- Đăng ký thường trú tại nơi đơn vị đóng quân",
        "(Giấy tờ của từng trường hợp — nhắn \"chi tiết\".)",
    ]


def test_a_fee_the_portal_calls_free_while_its_explanation_states_a_sum_says_both():
    licence = replace(PROCEDURE, methods=(SubmissionMethod("truc_tiep", "5 Ngày làm việc", (
        "Miễn phí (- Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần. - Trường hợp nộp hồ sơ trực tuyến: áp dụng mức thu "
        "lệ phí là 115.000 đồng/lần cấp.)")),))
    assert procedure_view.fees(licence, full=False) == (
        "Cổng Dịch vụ công ghi «Miễn phí» nhưng mô tả nêu mức thu: Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần…")  # one channel: no label
    assert procedure_view.fees(licence).startswith("Cổng Dịch vụ công ghi «Miễn phí» nhưng mô tả nêu mức thu: Lệ phí cấp")
    assert "115.000 đồng/lần cấp" in procedure_view.fees(licence)  # the follow-up "lệ phí bao nhiêu" gives it all
    book = replace(PROCEDURE, methods=(SubmissionMethod("truc_tiep", "5", "Miễn phí (190.000 đồng/sổ)"),))
    assert procedure_view.fees(book, full=False).endswith("mức thu: 190.000 đồng/sổ")
    free = replace(PROCEDURE, methods=(SubmissionMethod("truc_tiep", "5", "Miễn phí (Theo Thông tư số 85/2019/TT-BTC)"),))
    assert procedure_view.fees(free, full=False) == "Miễn phí"
