"""Hypothesis strategies shared by the fuzz tests: Vietnamese administrative text in pieces.

Random unicode alone rarely reaches a parser's interesting branches, so the text is
assembled from the fragments real documents are made of (headings, numbering, số hiệu,
dates, times) mixed with arbitrary characters.
"""
from hypothesis import strategies as st

FRAGMENTS = [
    "LUẬT", "NGHỊ ĐỊNH", "QUYẾT ĐỊNH", "TỜ TRÌNH", "Số: 12/2020/QH14", "Số: 30/2020/NĐ-CP", "Luật số 60/2014/QH13",
    "Phần thứ nhất", "Chương I", "Chương IX", "Mục 2", "Điều 1.", "Điều 16.", "Điều 999999.", "Điều", "Khoản 2",
    "1.", "2.", "a)", "đ)", "Căn cứ Luật Hộ tịch ngày 20 tháng 11 năm 2014;", "Hà Nội, ngày 05 tháng 3 năm 2020",
    "ngày 31 tháng 02 năm 2021", "có hiệu lực thi hành kể từ ngày 01 tháng 7 năm 2016", "bãi bỏ", "thay thế",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN",
    "9h sáng thứ Hai tuần sau", "15/12/2026 lúc 14h", "hàng tuần", "cuối tháng", "thứ 12", "kỳ họp thứ 12",
    "25:99", "32/13/2026", "ngày mai", "trước 3 ngày", "|", "**", "#", "---", "\n", "\n\n", "  ", "\t",
]

text_pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20))
vietnamese_text = st.lists(text_pieces, max_size=40).map(" ".join)
vietnamese_lines = st.lists(text_pieces, max_size=40).map("\n".join)

PORTAL_FRAGMENTS = [
    "Trình Tự Thực Hiện", "Cách Thức Thực Hiện", "Hình thức nộp", "Thời gian", "Phí, lệ phí", "Mô tả", "Trực tiếp",
    "Trực tuyến", "Dịch vụ bưu chính", "5 Ngày làm việc", "50,000 Việt Nam Đồng", "Lệ phí : 50.000 Đồng/giấy phép",
    "Thành phần hồ sơ", "Tên giấy tờMẫu đơn, tờ khaiSố lượng", "Bản chính: 1Bản sao: 0", "Căn cứ pháp lý",
    "Tên văn bản pháp lý", "Không có thông tin", "Cơ quan thực hiện", "Yêu cầu, điều kiện thực hiện", "Kết quả xử lý",
    "Số ký hiệuTrích yếuNgày ban hànhCơ quan ban hành", "60/2014/QH13", "Luật Hộ tịch", "--", "*", "(a)", "(1)",
    "Chọn cơ quan thực hiện", "Nộp hồ sơ",
]
portal_text = st.lists(st.one_of(st.sampled_from(PORTAL_FRAGMENTS + FRAGMENTS), st.text(max_size=20)), max_size=60).map("".join)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), portal_text)


def json_of(scalars: st.SearchStrategy) -> st.SearchStrategy:
    """Decoded JSON values (objects and arrays nested a few levels) whose leaves come from ``scalars``."""
    return st.recursive(
        scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
        max_leaves=12,
    )


json_values = json_of(json_scalars)
plain_json = json_of(st.none() | st.booleans() | st.integers() | st.text(max_size=20))
