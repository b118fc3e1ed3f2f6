"""Answers as Zalo texts: no buttons, so the details of an answer are had by typing "chi tiết"."""
from assistant.answer import Answer, Citation, Section
from channels.zalo.format import render_answer

BIRTH = Citation("procedure", "1.001193", "Thủ tục đăng ký khai sinh", url="https://dichvucong.gov.vn/p?id=1")
DETAILS = (Section("Căn cứ pháp lý", "- Luật Hộ tịch (60/2014/QH13) — còn hiệu lực"),)


def test_the_details_are_announced_once_and_not_sent():
    announced = Answer("Thủ tục đăng ký khai sinh (mã 1.001193)\nXem chi tiết: căn cứ pháp lý — nhắn \"chi tiết\".",
                       "choose_option", (BIRTH,), True, details=DETAILS)
    [text] = render_answer(announced)
    assert text.count("Xem chi tiết") == 1 and "60/2014/QH13" not in text
    assert text.endswith("Nguồn:\n• Thủ tục đăng ký khai sinh (1.001193): https://dichvucong.gov.vn/p?id=1")


def test_details_the_text_does_not_announce_get_a_line_saying_how_to_ask():
    [text] = render_answer(Answer("Thủ tục đăng ký khai sinh (mã 1.001193)", "choose_option", (BIRTH,), True, details=DETAILS))
    assert text.startswith("Thủ tục đăng ký khai sinh (mã 1.001193)\nXem chi tiết: nhắn \"chi tiết\".\n\nNguồn:")
    [plain] = render_answer(Answer("Lệ phí: Miễn phí", "procedure_detail", (BIRTH,), True))
    assert "chi tiết" not in plain
