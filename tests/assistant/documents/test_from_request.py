import io
from datetime import datetime

import docx
import pytest

from assistant.documents.from_request import draft_from_request
from assistant.documents.lines import docx_lines, docx_pages
from assistant.documents.review import review_lines
from knowledge.errors import BadInput

THURSDAY = datetime(2024, 1, 4, 10, 0)


def test_the_invitation_of_the_issue():
    result = draft_from_request("soạn giấy mời họp giao ban 9h thứ Hai tại phòng họp số 2", THURSDAY)
    assert result.doc_type == "giay-moi"
    data = result.data
    assert data.trich_yeu == "Họp giao ban" and data.cuoc_hop == "cuộc họp giao ban"
    assert data.thoi_gian == "09 giờ 00, thứ Hai, ngày 08 tháng 01 năm 2024"
    assert data.dia_diem == "Phòng họp số 2"
    assert data.kinh_moi == "[cần bổ sung: thành phần được mời]"
    assert data.co_quan == "[cần bổ sung: tên cơ quan ban hành]"
    assert "tên cơ quan ban hành" in result.missing and "họ tên người ký" in result.missing
    assert "Cần bổ sung:" in result.message and "phòng họp số 2" in result.message
    texts = [line.text for line in docx_lines(docx.Document(io.BytesIO(result.docx)))]
    assert "GIẤY MỜI" in texts and "Thời gian: 09 giờ 00, thứ Hai, ngày 08 tháng 01 năm 2024." in texts


def test_typed_without_diacritics():
    result = draft_from_request("soan giay moi hop giao ban 9h thu hai tai phong hop so 2", THURSDAY)
    assert result.doc_type == "giay-moi"
    assert result.data.thoi_gian == "09 giờ 00, thứ Hai, ngày 08 tháng 01 năm 2024"
    assert result.data.dia_diem == "Phong hop so 2"


@pytest.mark.parametrize(
    "request_text, slug, field, value",
    [
        (
            "Soạn công văn gửi Sở Tư pháp về việc báo cáo kết quả kiểm soát thủ tục hành chính",
            "cong-van",
            "kinh_gui",
            ("Sở Tư pháp",),
        ),
        (
            "Soạn công văn gửi Sở Tư pháp về việc báo cáo kết quả kiểm soát thủ tục hành chính",
            "cong-van",
            "trich_yeu",
            "Báo cáo kết quả kiểm soát thủ tục hành chính",
        ),
        (
            "viết thông báo lịch tiếp công dân tháng 02 năm 2024",
            "thong-bao",
            "trich_yeu",
            "Lịch tiếp công dân tháng 02 năm 2024",
        ),
        (
            "soạn biên bản họp tổng kết 14h30 ngày 10/01 tại hội trường",
            "bien-ban",
            "thoi_gian_bat_dau",
            "14 giờ 30, thứ Tư, ngày 10 tháng 01 năm 2024",
        ),
        (
            "soạn giấy mời các trưởng phòng dự họp triển khai kế hoạch lúc 8h sáng thứ 3 tuần sau tại hội trường A",
            "giay-moi",
            "kinh_moi",
            "các trưởng phòng",
        ),
        (
            "soạn giấy mời họp lúc 2h chiều ngày mai",
            "giay-moi",
            "thoi_gian",
            "14 giờ 00, thứ Sáu, ngày 05 tháng 01 năm 2024",
        ),
        ("soạn giấy mời họp chi bộ 7h30", "giay-moi", "thoi_gian", "[cần bổ sung: thời gian họp]"),
        ("soạn quyết định thành lập tổ công tác", "quyet-dinh", "tham_quyen", "[cần bổ sung: thẩm quyền ban hành]"),
        ("lập tờ trình đề nghị cấp kinh phí", "to-trinh", "trich_yeu", "Đề nghị cấp kinh phí"),
        ("soạn kế hoạch tập huấn ký số", "ke-hoach", "noi_dung", ("[cần bổ sung: nội dung kế hoạch]",)),
        ("soạn báo cáo tổng kết năm 2024", "bao-cao", "ngay", THURSDAY.date()),
    ],
)
def test_requests(request_text, slug, field, value):
    result = draft_from_request(request_text, THURSDAY)
    assert result.doc_type == slug and getattr(result.data, field) == value


def test_a_chat_draft_is_reported_incomplete_not_wrong():
    result = draft_from_request("soạn quyết định thành lập tổ công tác", THURSDAY)
    document = docx.Document(io.BytesIO(result.docx))
    findings = review_lines(docx_lines(document), docx_pages(document)).findings
    assert [f.code for f in findings] == ["DRAFT_INCOMPLETE", "LEGAL_BASIS_UNCHECKED"]
    assert "thẩm quyền ban hành" in findings[0].message


@pytest.mark.parametrize("text", ["", "   ", "hôm nay trời đẹp"])
def test_no_document_type(text):
    with pytest.raises(BadInput):
        draft_from_request(text, THURSDAY)
