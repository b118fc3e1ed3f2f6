from __future__ import annotations

import pytest

from assistant.security import PLACEHOLDERS, PersonalDataSpan, find_personal_data, redact


def kinds_and_values(text: str) -> list[tuple[str, str]]:
    return [(s.kind, text[s.start:s.end]) for s in find_personal_data(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Số CCCD của tôi là 079123456789", [("cccd", "079123456789")]),
        ("cccd: 001 203 004 567, cap ngay 10/10/2021", [("cccd", "001 203 004 567")]),
        ("Căn cước công dân số 0792.1234.5678 bị mất", [("cccd", "0792.1234.5678")]),
        ("CMND 023456789 hết hạn rồi", [("cmnd", "023456789")]),
        ("số chứng minh nhân dân: 123 456 789", [("cmnd", "123 456 789")]),
        ("số định danh cá nhân 036091001234", [("cccd", "036091001234")]),
    ],
)
def test_identity_numbers(text, expected):
    assert kinds_and_values(text) == expected


@pytest.mark.parametrize(
    "phone",
    [
        "0912345678", "0912 345 678", "091 234 5678", "0912.345.678", "0912-345-678", "098 765 43 21",
        "+84912345678", "+84 912 345 678", "(+84) 912345678", "84912345678", "(028) 3822 1234", "024.3825.1234",
    ],
)
def test_phone_numbers_in_every_usual_writing(phone):
    text = f"Gọi cho tôi theo số {phone} nhé"
    assert kinds_and_values(text) == [("phone", phone)]
    assert redact(text).text == "Gọi cho tôi theo số [SĐT] nhé"


def test_two_phone_numbers_joined_by_a_slash():
    assert kinds_and_values("SĐT 0912345678/0987654321") == [("phone", "0912345678"), ("phone", "0987654321")]


def test_email():
    assert kinds_and_values("gửi về pham-thi.lan@ubnd.hanoi.gov.vn giúp tôi") == [("email", "pham-thi.lan@ubnd.hanoi.gov.vn")]


@pytest.mark.parametrize(
    "text, account",
    [
        ("STK: 1903 6677 8899 01 Techcombank", "1903 6677 8899 01"),
        ("số tài khoản 0071000123456 tại Vietcombank", "0071000123456"),
        ("chuyen vao tk so 123456789 agribank giup toi", "123456789"),
        ("chuyển khoản giúp tôi vào 19036677889900 Techcombank", "19036677889900"),
        ("stk vcb 0912345678", "0912345678"),  # an account that looks like a phone number is still hidden
    ],
)
def test_bank_accounts_are_recognised_by_their_context(text, account):
    assert kinds_and_values(text) == [("bank_account", account)]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Tôi tên là Nguyễn Văn An, muốn hỏi về hộ khẩu", "Nguyễn Văn An"),
        ("toi ten la tran thi bich ngoc sinh nam 1990", "tran thi bich ngoc"),
        ("em tên là bui huu yen, sđt của em", "bui huu yen"),
        ("Họ và tên: NGUYỄN THỊ HOA", "NGUYỄN THỊ HOA"),
        ("ho ten: pham minh tuan", "pham minh tuan"),
        ("Con tôi tên là Bống, sinh tháng 3", "Bống"),
        ("Người làm đơn: Lê Minh Khôi", "Lê Minh Khôi"),
        ("chủ tài khoản LÊ VĂN TÁM", "LÊ VĂN TÁM"),
        ("Tôi là Trần Minh Quân, ở phường 5", "Trần Minh Quân"),
        ("Chị Lan ở bộ phận một cửa hẹn tôi ba lần", "Lan"),
        ("tôi muốn phản ánh anh Hùng cán bộ địa chính", "Hùng"),
        ("giao viec cho chi Hoa nop bao cao", "Hoa"),
        ("Kính gửi đồng chí Hoàng Văn Tuấn", "Hoàng Văn Tuấn"),
        ("Hồ sơ của Đỗ Thị Mai đã nộp hôm qua", "Đỗ Thị Mai"),
        ("Tôi ở Hà Nội, tên Đặng Hoài Vy, muốn hỏi thủ tục", "Đặng Hoài Vy"),
        ("chuyển khoản xong, ghi nội dung: vo ngoc thi hai nop phi", "vo ngoc thi hai"),
    ],
)
def test_names_after_cues_and_honorifics(text, name):
    assert kinds_and_values(text) == [("person_name", name)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Phan Bảo Hữu Nam, 0989-584-169, son.bui@icloud.com", "[HỌ TÊN], [SĐT], [EMAIL]"),
        ("Liên hệ: Trần Thị Hoa - 0912345678", "Liên hệ: [HỌ TÊN] - [SĐT]"),
        ("Danh sách:\nLê Minh; minh.le@gmail.com", "Danh sách:\n[HỌ TÊN]; [EMAIL]"),
        ("Hà Nội, 0912 345 678", "Hà Nội, [SĐT]"),
        ("Gửi hồ sơ cho Sở Tư pháp, 0283 829 0230", "Gửi hồ sơ cho Sở Tư pháp, [SĐT]"),
        ("nội dung: le phi khai sinh", "nội dung: le phi khai sinh"),
    ],
)
def test_a_name_opening_a_line_of_contact_details_and_what_is_not_one(text, expected):
    assert redact(text).text == expected


def test_redaction_replaces_every_kind_with_a_readable_placeholder():
    text = "Tôi tên là Nguyễn Văn An, CCCD 079123456789, sđt 0912 345 678, email an.nguyen@gmail.com, stk 123456789 ACB"
    result = redact(text)
    assert result.text == "Tôi tên là [HỌ TÊN], CCCD [CCCD], sđt [SĐT], email [EMAIL], stk [STK] ACB"
    assert result.kinds == ("person_name", "cccd", "phone", "email", "bank_account")
    assert set(PLACEHOLDERS.values()) == {"[CCCD]", "[CMND]", "[SĐT]", "[EMAIL]", "[STK]", "[HỌ TÊN]"}


def test_spans_refer_to_the_text_as_given_and_do_not_overlap():
    text = "Ông Phạm Văn Long (CCCD: 031090001234) ủy quyền cho bà Lê Thị Hạnh, ĐT 0903.111.222"
    spans = find_personal_data(text)
    assert [text[s.start:s.end] for s in spans] == ["Phạm Văn Long", "031090001234", "Lê Thị Hạnh", "0903.111.222"]
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
    assert all(isinstance(s, PersonalDataSpan) for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "Lệ phí đăng ký khai sinh là 8.000 đồng theo Thông tư 281/2016/TT-BTC.",
        "Điều 16 Luật Hộ tịch 60/2014/QH13 quy định thời hạn 60 ngày.",
        "Nghị định 30/2020/NĐ-CP có hiệu lực từ ngày 05/3/2020.",
        "Mã thủ tục 1.001193, thời hạn 03 ngày làm việc.",
        "tôi gửi lệ phí qua tk 1234567890123 agribank, mã thủ tục 1.001193",
        "Họp lúc 9h30 thứ Hai, ngày 14/10/2024, tại phòng 205.",
        "Tổng vốn đầu tư 100.000.000.000 đồng, giải ngân 45%.",
        "Chi 123456789 đồng cho sửa chữa trụ sở.",
        "Mức phạt từ 500.000đ đến 1.000.000đ.",
        "Gọi tổng đài 1900 1234 hoặc đường dây nóng 1022.",
        "Năm 2024 phường tiếp nhận 12.456 hồ sơ.",
        "Đường Võ Văn Kiệt và phố Bà Triệu bị ngập, phường Bà Rịa cũng vậy.",
        "Tư tưởng Hồ Chí Minh về xây dựng chính quyền.",
        "Ông Chủ tịch UBND phường sẽ tiếp công dân vào thứ Năm.",
        "Hội đồng xét xử gồm hai Thẩm phán và ba Hội thẩm nhân dân.",
        "b) Tên Tòa án nhận đơn khởi kiện;",
        "Người ký tên triệu tập họp phải chịu trách nhiệm.",
        "Bảo vệ quyền lợi của trẻ em Việt Nam.",
        "Chính phủ quy định chi Tiết việc phát ngôn.",
    ],
)
def test_must_not_redact_numbers_codes_amounts_and_places(text):
    expected = "tôi gửi lệ phí qua tk [STK] agribank, mã thủ tục 1.001193" if "agribank" in text else text
    assert redact(text).text == expected


def test_a_number_before_agreement_is_not_money():
    assert redact("CCCD 079123456789 đồng ý cho phường kiểm tra").text == "CCCD [CCCD] đồng ý cho phường kiểm tra"


def test_nothing_to_redact():
    result = redact("Làm giấy khai sinh cần những gì?")
    assert (result.text, result.kinds) == ("Làm giấy khai sinh cần những gì?", ())
