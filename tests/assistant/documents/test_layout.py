"""Elements found in drafts laid out in the ways officers write them."""

from assistant.documents.layout import find_layout, is_person_name
from assistant.documents.lines import text_lines

WEB_COPY = """QUỐC HỘI -------
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------
Số: 12/QĐ-UBND\tHà Nội, ngày 03 tháng 3 năm 2024
QUYẾT ĐỊNH
VỀ VIỆC THÀNH LẬP HỘI ĐỒNG THI ĐUA
CHỦ TỊCH ỦY BAN NHÂN DÂN
Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;
Xét đề nghị của Trưởng ban Thi đua - Khen thưởng.
QUYẾT ĐỊNH:
Điều 1. Thành lập Hội đồng Thi đua - Khen thưởng.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.
Nơi nhận:
Như Điều 2;
Lưu: VT.\tCHỦ TỊCH
\tTrần Văn B
"""

SIGNED_FIRST = """ỦY BAN NHÂN DÂN XÃ AN PHÚ
Số: 05/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Phú, ngày 20 tháng 12 năm 2024
BÁO CÁO
Kết quả công tác năm 2024
Năm 2024, Ủy ban nhân dân xã hoàn thành các chỉ tiêu kinh tế - xã hội được giao theo kế hoạch.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Phan Thị Hạnh
Nơi nhận:
- Ủy ban nhân dân huyện;
- Lưu: VT.
"""


def test_a_header_copied_from_the_web():
    layout = find_layout(text_lines(WEB_COPY))
    assert layout.quoc_hieu is layout.tieu_ngu  # both on one line
    assert [line.text for line in layout.issuer] == ["QUỐC HỘI -------"]
    assert layout.so.text == "Số: 12/QĐ-UBND" and layout.date.text.startswith("Hà Nội")
    assert layout.type_name == "Quyết định"
    assert [line.text for line in layout.trich_yeu] == ["VỀ VIỆC THÀNH LẬP HỘI ĐỒNG THI ĐUA"]
    assert [line.text[:6] for line in layout.preamble] == ["Căn cứ", "Xét đề"]
    assert [line.text for line in layout.noi_nhan_items] == ["Như Điều 2;", "Lưu: VT."]
    assert [line.text for line in layout.chuc_vu] == ["CHỦ TỊCH"] and [line.text for line in layout.ho_ten] == [
        "Trần Văn B"
    ]


def test_signature_before_the_noi_nhan():
    layout = find_layout(text_lines(SIGNED_FIRST))
    assert layout.type_name == "Báo cáo"
    assert [line.text for line in layout.chuc_vu] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert [line.text for line in layout.ho_ten] == ["Phan Thị Hạnh"]
    assert [line.text for line in layout.body] == [SIGNED_FIRST.splitlines()[7]]


def test_a_cong_van_is_a_draft_without_ten_loai():
    layout = find_layout(
        text_lines(
            "SỞ Y TẾ\nSố: 10/SYT-VP\nV/v tiêm chủng mở rộng\nKính gửi: Bệnh viện Quận 1.\nNội dung công văn gửi bệnh viện về tiêm chủng."
        )
    )
    assert layout.type_name == "Công văn" and layout.ten_loai is None
    assert [line.text for line in layout.trich_yeu] == ["V/v tiêm chủng mở rộng"]
    assert layout.kinh_gui.text.startswith("Kính gửi")


def test_a_missing_ten_loai_is_told_by_the_ky_hieu():
    layout = find_layout(text_lines("SỞ Y TẾ\nSố: 10/KH-SYT\nKế hoạch tiêm chủng mở rộng năm 2025\nI. MỤC ĐÍCH"))
    assert layout.type_name == "Kế hoạch" and layout.ten_loai is None
    assert [line.text for line in layout.trich_yeu] == ["Kế hoạch tiêm chủng mở rộng năm 2025"]


def test_person_names():
    assert is_person_name("Nguyễn Văn An") and is_person_name("Tôn Nữ Minh Châu") and is_person_name("Trần Văn B")
    assert not is_person_name("PHÓ CHỦ TỊCH") and not is_person_name("Đã ký") and not is_person_name("An")
