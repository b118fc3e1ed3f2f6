"""The parts of a tờ trình: titles in any numbering, sub-headings that open a part, parts found by content."""

import pytest

from assistant.hdnd.structure import CAN_CU, EXPECTED, KINH_PHI, MUC_TIEU, NOI_DUNG, TO_CHUC, find_sections, parts
from assistant.hdnd.submission import read_submission
from tests.assistant.hdnd.conftest import cases


@pytest.mark.parametrize("case", cases(), ids=lambda c: c["file"])
def test_missing_parts_of_every_fixture(hdnd_dir, case):
    statuses = parts(find_sections(read_submission(hdnd_dir / case["file"])))
    assert [k for k in EXPECTED if not statuses[k].found and k != CAN_CU] == [
        k for k in case["missing_parts"] if k != CAN_CU
    ]


def test_roman_titles_and_the_opening_can_cu(hdnd_dir):
    sections = find_sections(read_submission(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt"))
    assert [(s.ref, sorted(s.kinds)) for s in sections] == [
        ("phần mở đầu", [CAN_CU]),
        ("mục I", ["can_thiet"]),
        ("mục II", [MUC_TIEU]),
        ("mục III", []),  # quá trình xây dựng dự thảo
        ("mục IV", [NOI_DUNG]),
        ("mục V", [KINH_PHI]),
        ("mục VI", [TO_CHUC]),
    ]


def test_a_title_naming_two_parts_and_arabic_titles(hdnd_dir):
    nong_nghiep = find_sections(read_submission(hdnd_dir / "nong-nghiep-ho-tro-giong-lua.txt"))
    assert [(s.ref, sorted(s.kinds)) for s in nong_nghiep] == [
        ("phần I", [CAN_CU]),  # "PHẦN I. CƠ SỞ PHÁP LÝ VÀ THỰC TIỄN"
        ("mục 2", ["can_thiet"]),  # "2. Cơ sở thực tiễn" opens the part it names
        ("phần II", [NOI_DUNG]),
        ("phần III", [KINH_PHI]),
        ("phần IV", [TO_CHUC]),
    ]
    van_hoa = parts(find_sections(read_submission(hdnd_dir / "van-hoa-le-hoi.txt")))
    assert van_hoa[KINH_PHI].where == "4. Kinh phí thực hiện (dòng 23)"


def test_a_sub_heading_opens_the_part_it_names(tmp_path):
    path = tmp_path / "to-trinh.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 5/TTr-UBND\nTỜ TRÌNH\nVề việc hỗ trợ nuôi cá tra\n"
        "Kính gửi: Hội đồng nhân dân tỉnh An Giang.\n"
        "I. NỘI DUNG ĐỀ XUẤT\n1. Đối tượng: hộ nuôi cá tra quy mô nhỏ trên địa bàn tỉnh.\n"
        "2. Kinh phí thực hiện\nTổng kinh phí 12.000 triệu đồng từ ngân sách tỉnh năm 2025.\n"
        "3. Phạm vi: 11 huyện, thị xã, thành phố có nuôi cá tra.\n",
        encoding="utf-8",
    )
    sections = find_sections(read_submission(path))
    assert [(s.title, sorted(s.kinds)) for s in sections] == [
        ("NỘI DUNG ĐỀ XUẤT", [NOI_DUNG]),
        ("Kinh phí thực hiện", [KINH_PHI]),
        ("Phạm vi", [NOI_DUNG]),
    ]


def test_a_part_found_in_another_part_s_text(tmp_path):
    path = tmp_path / "to-trinh.txt"
    path.write_text(
        "ỦY BAN NHÂN DÂN HUYỆN CỦ CHI\nSố: 9/TTr-UBND\nTỜ TRÌNH\nVề việc sửa chữa trường tiểu học\n"
        "Kính gửi: Hội đồng nhân dân huyện Củ Chi.\n"
        "I. NỘI DUNG\nSửa chữa 14 phòng học xuống cấp của Trường Tiểu học Tân Thạnh Đông với tổng kinh phí 3.200 triệu"
        " đồng từ ngân sách huyện; giao Phòng Giáo dục và Đào tạo chủ trì thực hiện trong năm 2025.\n",
        encoding="utf-8",
    )
    statuses = parts(find_sections(read_submission(path)))
    assert statuses[KINH_PHI].where == statuses[TO_CHUC].where == "nêu trong mục I (không có mục riêng)"
    assert not statuses[MUC_TIEU].found
