from html import unescape

from assistant.answer import Answer, Choice, Citation
from channels.telegram.format import MESSAGE_LIMIT, render_answer, render_text, utf16_size

BIRTH = Citation("procedure", "1.001193", "Thủ tục đăng ký khai sinh", url="https://dichvucong.gov.vn/p?id=1&lang=vi")
LAW = Citation("law", "60/2014/QH13", "Luật Hộ tịch", article="15", clause="1", status="in_force",
               label="khoản 1 Điều 15 Luật Hộ tịch")


def test_the_assistants_text_is_escaped_and_sources_are_a_compact_list_of_links():
    answer = Answer("Theo <Điều 15> & Điều 16: đăng ký trong 60 ngày.", "legal_question", (LAW, BIRTH), True)
    [message] = render_answer(answer)
    assert message.html == (
        "Theo &lt;Điều 15&gt; &amp; Điều 16: đăng ký trong 60 ngày.\n\n<b>Nguồn:</b>\n"
        "• khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13)\n"
        '• <a href="https://dichvucong.gov.vn/p?id=1&amp;lang=vi">Thủ tục đăng ký khai sinh (1.001193)</a>'
    )
    assert message.keyboard is None


def test_choices_become_one_button_each_sending_the_number():
    choices = (Choice(1, "Thủ tục đăng ký khai sinh (Cấp xã)", "1.001193"),
               Choice(2, "Thủ tục đăng ký khai sinh có yếu tố nước ngoài, đăng ký khai sinh lưu động (Cấp huyện)", "2.000528"))
    [message] = render_answer(Answer("Bạn cần thủ tục nào?", "procedure_guide", choices=choices))
    rows = message.keyboard.to_dict()["inline_keyboard"]
    assert [[(b["text"], b["callback_data"]) for b in row] for row in rows] == [
        [("1. Thủ tục đăng ký khai sinh (Cấp xã)", "choice:1")],
        [("2. Thủ tục đăng ký khai sinh có yếu tố nước ngoài, đăng ký…", "choice:2")],
    ]


def test_a_long_answer_is_split_under_the_limit_with_the_buttons_on_its_last_message():
    paragraph = "Công dân nộp hồ sơ tại Ủy ban nhân dân cấp xã & nhận kết quả <trong ngày>. " * 40
    text = "\n".join([paragraph] * 4) + "\n" + "😀" * 3000
    answer = Answer(text, "procedure_guide", (BIRTH,), True, choices=(Choice(1, "Khai sinh", "1.001193"),))
    messages = render_answer(answer)
    assert len(messages) >= 4
    assert all(utf16_size(m.html) <= MESSAGE_LIMIT for m in messages)
    assert [m.keyboard is not None for m in messages] == [False] * (len(messages) - 1) + [True]
    shown = unescape("\n".join(m.html for m in messages))
    assert shown.replace("\n", "").replace(" ", "").startswith((paragraph * 4).replace(" ", ""))
    assert shown.count("😀") == 3000 and messages[-1].html.endswith("(1.001193)</a>")


def test_a_reminder_keeps_its_buttons():
    [message] = render_text("Đến hạn — việc #3: «nộp báo cáo»", (("Đã xong", "done:3"),))
    assert message.html == "Đến hạn — việc #3: «nộp báo cáo»"
    assert message.keyboard.to_dict() == {"inline_keyboard": [[{"text": "Đã xong", "callback_data": "done:3"}]]}
