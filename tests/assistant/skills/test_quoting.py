from assistant.skills.quoting import Rarity, best_quote, coverage
from knowledge.models import Passage

TEXT = "\n".join([
    "1. Người nộp thuế đăng ký thuế cùng với đăng ký doanh nghiệp thì thời hạn đăng ký thuế là thời hạn đăng ký doanh nghiệp.",
    "2. Người nộp thuế đăng ký thuế trực tiếp với cơ quan thuế thì thời hạn đăng ký thuế là 10 ngày làm việc kể từ ngày sau đây:",
    "a) Được cấp giấy phép thành lập và hoạt động;",
    "b) Bắt đầu hoạt động kinh doanh đối với tổ chức không thuộc diện đăng ký kinh doanh;",
    "c) Phát sinh yêu cầu được hoàn thuế.",
])
PASSAGE = Passage("p", "law", "38/2019/QH14", "Luật Quản lý thuế", "Điều 33. Thời hạn đăng ký thuế lần đầu", TEXT, article="33")


def test_a_duration_question_quotes_the_khoan_holding_a_duration_verbatim():
    quote = best_quote("đăng ký thuế trực tiếp với cơ quan thuế thì thời hạn bao lâu", PASSAGE)
    assert quote.clause == "2" and quote.point is None and quote.text in TEXT and "10 ngày làm việc" in quote.text


def test_a_diem_is_quoted_alone_and_verbatim_when_it_answers_better_than_its_lead():
    quote = best_quote("tổ chức không thuộc diện đăng ký kinh doanh bắt đầu hoạt động kinh doanh", PASSAGE)
    assert (quote.clause, quote.point) == ("2", "b") and quote.text.startswith("b) Bắt đầu") and quote.text in TEXT


def test_coverage_counts_phrases_not_scattered_syllables_when_rarity_is_known():
    scattered = Passage("q", "law", "x", "Luật thử", "Điều 1. Kê khai", "Người nộp thuế kê khai khoản thuế phát sinh.", article="1")
    rarity = Rarity.of({"khai": 1.0, "sinh": 1.0, "khai_sinh": 3.0})
    assert coverage("khai sinh", scattered) == 1.0
    assert coverage("khai sinh", scattered, rarity) == 0.4
