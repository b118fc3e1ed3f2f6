from decimal import Decimal

from assistant.hdnd.figures import amounts, dates, deadlines, figures, format_amount, formulas


def test_amounts_in_dong_whatever_the_scale():
    found = amounts("Tổng 96.480 triệu đồng; mức 3.000.000 đồng/người/tháng; vốn 1,5 tỷ đồng và 200 USD.")
    assert [(a.value, a.unit, a.rate) for a in found] == [
        (Decimal("96480000000"), "đồng", False),
        (Decimal("3000000"), "đồng", True),
        (Decimal("1500000000.0"), "đồng", False),
        (Decimal("200"), "USD", False),
    ]
    assert format_amount(Decimal("96480000000")) == "96.480 triệu đồng"
    assert format_amount(Decimal("1500000000.0")) == "1.500 triệu đồng"
    assert format_amount(Decimal("702500000")) == "702,5 triệu đồng"


def test_dates_periods_and_deadlines():
    text = "Thực hiện từ tháng 9 năm 2024 đến năm học 2024 - 2025; báo cáo trước ngày 30 tháng 6 năm 2025, trong thời hạn 10 ngày làm việc."
    assert dates(text) == ["tháng 9 năm 2024", "năm học 2024 - 2025", "ngày 30 tháng 6 năm 2025"]
    assert deadlines(text) == ["trước ngày 30 tháng 6 năm 2025", "trong thời hạn 10 ngày làm việc"]
    assert deadlines("Gửi ý kiến trước ngày 05/12/2024, hoàn thành trước 15/01.") == ["trước ngày 05/12/2024", "trước 15/01"]


def test_figures_leave_out_the_numbering_of_a_list_item():
    assert figures("2. Mức hỗ trợ: 50% học phí cho 118.560 học sinh") == ["50", "118.560"]
    assert figures("III. NỘI DUNG") == []


def test_a_formula_beside_an_amount_is_computed():
    (wrong,) = formulas("Tổng kinh phí là 702 triệu đồng (780 ha x 60 kg/ha x 15.000 đồng/kg x 50%).")
    assert wrong.amount.text == "702 triệu đồng" and wrong.value == Decimal("351000000")
    (right,) = formulas("Kinh phí 1.800 triệu đồng (120 người x 1,5 triệu đồng x 10 tháng).")
    assert right.value == right.amount.value
    assert formulas("Kinh phí 200 triệu đồng (theo Quyết định số 12/QĐ-UBND).") == []
