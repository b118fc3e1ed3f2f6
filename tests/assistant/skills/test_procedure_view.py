from knowledge.models import LegalBasis, Procedure, RequiredDocument, SubmissionMethod
from assistant.skills import procedure_view

PROCEDURE = Procedure(
    code="9.900001",
    title="Cấp giấy phép nuôi chim bồ câu đưa thư",
    level="Cấp xã",
    agency="Ủy ban nhân dân cấp xã",
    methods=(
        SubmissionMethod("truc_tiep", "5", "Lệ phí: 20.000 Đồng"),
        SubmissionMethod("truc_tuyen", "03 Ngày làm việc", "Lệ phí: 20.000 Đồng"),
    ),
    documents=(
        RequiredDocument("Tờ khai cấp giấy phép", form="Mẫu 01", quantity="1 bản chính"),
        RequiredDocument("Căn cước", quantity="1 bản chính", must_present=True),
    ),
    legal_bases=(LegalBasis("Luật Chăn nuôi", "32/2018/QH14"), LegalBasis("Luật Chăn nuôi", "32/2018/QH14")),
    result="Giấy phép nuôi chim bồ câu",
    url="https://dichvucong.gov.vn/x",
)


def test_summary_is_built_from_the_structure():
    text = procedure_view.summary(PROCEDURE, None)
    assert text.startswith("Cấp giấy phép nuôi chim bồ câu đưa thư (mã 9.900001; Cấp xã, Ủy ban nhân dân cấp xã)")
    assert "☐ Tờ khai cấp giấy phép (mẫu Mẫu 01; 1 bản chính)" in text
    assert "☐ Xuất trình: Căn cước (1 bản chính)" in text
    assert "Lệ phí: Lệ phí: 20.000 Đồng" in text
    assert "Thời hạn giải quyết: Trực tiếp: 5 (Cổng Dịch vụ công không ghi đơn vị); Trực tuyến: 03 Ngày làm việc" in text
    assert "Có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia: https://dichvucong.gov.vn/x" in text
    assert text.count("32/2018/QH14") == 1


def test_each_follow_up_aspect_answers_from_the_same_structure():
    assert procedure_view.aspect(PROCEDURE, "lệ phí", None) == "Lệ phí Cấp giấy phép nuôi chim bồ câu đưa thư: Lệ phí: 20.000 Đồng"
    assert procedure_view.aspect(PROCEDURE, "kết quả", None).endswith("Giấy phép nuôi chim bồ câu")
    assert "trực tuyến" in procedure_view.aspect(PROCEDURE, "trực tuyến", None)
    paper_only = Procedure(code="x", title="Thủ tục giấy", methods=(SubmissionMethod("truc_tiep"),))
    assert "chưa có hình thức nộp trực tuyến" in procedure_view.aspect(paper_only, "trực tuyến", None)
    assert procedure_view.fees(paper_only) == procedure_view.NOT_STATED
