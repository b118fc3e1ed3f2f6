from datetime import datetime

from assistant.answer import Citation
from assistant.tasks import DuePoint
from assistant.tasks.dates import TZ
from assistant.tickets import Ticket
from channels.formatting import citation_parts, cut, pack, reminder_text, split_text, ticket_reply_text

ARTICLE = (
    "Trong thời hạn 60 ngày kể từ ngày sinh con, cha hoặc mẹ có trách nhiệm đăng ký khai sinh cho con; "
    "trường hợp cha, mẹ không thể đăng ký khai sinh cho con thì ông hoặc bà hoặc người thân thích khác "
    "hoặc cá nhân, tổ chức đang nuôi dưỡng trẻ em có trách nhiệm đăng ký khai sinh cho trẻ em."
)


def test_a_long_line_is_cut_between_words_and_nothing_is_lost():
    pieces = cut(ARTICLE, 50)
    assert all(len(p) <= 50 for p in pieces) and len(pieces) > 5
    assert " ".join(pieces) == ARTICLE
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in pieces)


def test_a_word_longer_than_the_limit_is_cut_inside():
    assert cut("https://dichvucong.gov.vn/thu-tuc", 10) == ["https://di", "chvucong.g", "ov.vn/thu-", "tuc"]


def test_lines_are_packed_into_as_few_messages_as_fit():
    lines = ["Hồ sơ gồm:", "☐ Tờ khai", "☐ Giấy chứng sinh", "", "Lệ phí: miễn"]
    assert pack(lines, 1000) == ["Hồ sơ gồm:\n☐ Tờ khai\n☐ Giấy chứng sinh\n\nLệ phí: miễn"]
    assert pack(lines, 30) == ["Hồ sơ gồm:\n☐ Tờ khai", "☐ Giấy chứng sinh", "Lệ phí: miễn"]
    assert pack(["", "  ", ""], 30) == []


def test_split_text_keeps_every_message_within_the_limit():
    text = "\n".join([ARTICLE] * 30)
    messages = split_text(text, 2000)
    assert all(len(m) <= 2000 for m in messages) and len(messages) == 5
    assert "".join(m.replace("\n", "").replace(" ", "") for m in messages) == text.replace("\n", "").replace(" ", "")


def test_a_citation_in_short_names_the_unit_and_the_document_and_links_only_to_the_web():
    law = Citation("law", "60/2014/QH13", "Luật Hộ tịch", article="15", clause="1", status="in_force",
                   label="khoản 1 Điều 15 Luật Hộ tịch")
    assert citation_parts(law) == ("khoản 1 Điều 15 Luật Hộ tịch (60/2014/QH13)", None)
    procedure = Citation("procedure", "1.001193", "Thủ tục đăng ký khai sinh", url="https://dichvucong.gov.vn/p/1")
    assert citation_parts(procedure) == ("Thủ tục đăng ký khai sinh (1.001193)", "https://dichvucong.gov.vn/p/1")
    local = Citation("document", "du-thao.docx", "du-thao.docx", url="file:///etc/passwd")
    assert citation_parts(local) == ("du-thao.docx", None)


def test_a_reminder_that_may_have_arrived_before_says_so():
    point = DuePoint("task:3:due:1", "due", 1, datetime(2026, 11, 30, 9, tzinfo=TZ), False, "telegram", "42",
                     "Đến hạn — việc #3: «nộp báo cáo quý»")
    assert reminder_text(point) == "Đến hạn — việc #3: «nộp báo cáo quý»"
    again = DuePoint(**{**point.__dict__, "resend": True})
    assert reminder_text(again) == "(nhắc lại) Đến hạn — việc #3: «nộp báo cáo quý»"


def test_an_officers_reply_names_the_officer_and_the_ticket():
    ticket = Ticket("PA-20261124-0001", "phan_anh", None, "Đèn đường hỏng", "zalo", "zalo:99", "answered", 0.0,
                    reply="Phường đã cử người sửa trong hôm nay.", replied_by="Nguyễn Văn Minh")
    assert ticket_reply_text(ticket) == (
        "Cán bộ Nguyễn Văn Minh trả lời yêu cầu PA-20261124-0001 của bạn:\nPhường đã cử người sửa trong hôm nay."
    )
