"""Figures a question gives, the bands the law sets for them, and the passages holding the band raised."""
import pytest

from knowledge.figures import BAND_RAISE, band_held_first, figure_given, in_band
from knowledge.models import Evidence, Passage


@pytest.mark.parametrize("question, figure", [
    ("ô tô chạy quá tốc độ 25km/h bị phạt bao nhiêu", ("speed", 25.0)),
    ("oto vuot toc do 40 km/h", ("speed", 40.0)),
    ("xe tải chở quá tải 30% bị phạt thế nào", ("share", 30.0)),
    ("nồng độ cồn 0,3 mg/l phạt bao nhiêu", ("breath", 0.3)),
    ("xe may nong do con 0.1 phat bao nhieu", ("breath", 0.1)),
    ("con 15 tuổi đi xe máy điện có bị phạt không", ("age", 15.0)),
    ("trẻ em dưới 6 tuổi có được cấp thẻ bảo hiểm y tế không", None),  # a bound, not a figure
    ("0,3 mg/100ml máu", None),  # the blood scale is not the breath's
    ("con 15 tuổi chạy 40km/h", None),  # two figures: none is the one asked about
    ("bé nhà em 18 tháng tuổi", ("age", 1.5)),  # months read in years
    ("thủ tục đăng ký khai sinh", None),
])
def test_the_one_figure_a_question_gives(question, figure):
    assert figure_given(question) == figure


@pytest.mark.parametrize("figure, text, held", [
    (("speed", 25.0), "Điều khiển xe chạy quá tốc độ quy định trên 20 km/h đến 35 km/h;", True),
    (("speed", 10.0), "chạy quá tốc độ quy định từ 05 km/h đến dưới 10 km/h", False),
    (("speed", 10.0), "chạy quá tốc độ quy định từ 10 km/h đến 20 km/h", True),
    (("speed", 50.0), "chạy quá tốc độ quy định trên 35 km/h", True),
    (("breath", 0.3), "nồng độ cồn nhưng chưa vượt quá 50 miligam/100 mililít máu hoặc chưa vượt quá 0,25 miligam/1 lít khí thở",
     False),  # 0,3 is under 50 on the blood scale, which is not its scale
    (("breath", 0.3), "vượt quá 50 miligam đến 80 miligam/100 mililít máu hoặc vượt quá 0,25 miligam đến 0,4 miligam/1 lít khí thở",
     True),
    (("age", 15.0), "Phạt cảnh cáo người từ đủ 14 tuổi đến dưới 16 tuổi điều khiển xe mô tô", True),
    (("age", 18.0), "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên", True),
    (("age", 10.0), "con từ đủ 07 tuổi trở lên thì phải xem xét nguyện vọng của con", True),
    (("age", 10.0), "Người từ đủ 16 tuổi trở lên phải chịu trách nhiệm hình sự", False),
    (("age", 2.0), "3. Con dưới 36 tháng tuổi được giao cho mẹ trực tiếp nuôi", True),
    (("age", 5.0), "3. Con dưới 36 tháng tuổi được giao cho mẹ trực tiếp nuôi", False),
    (("age", 10.0), "Thời hạn đăng ký khai sinh là 60 ngày", None),
])
def test_whether_a_band_the_text_states_holds_the_figure(figure, text, held):
    assert in_band(figure, text) is held


def passage(article, text):
    return Passage(f"law:52/2014/QH13:{article}:0", "law", "52/2014/QH13", "Luật Hôn nhân và gia đình", f"Điều {article}.", text,
                   article=article)


def test_a_passage_whose_band_holds_the_figure_is_raised_and_one_missing_it_keeps_its_place():
    visits = Evidence(passage("82", "3. Sau khi ly hôn, người không trực tiếp nuôi con có quyền thăm nom con."), 1.0)
    custody = Evidence(passage("81", "2. Trường hợp con từ đủ 07 tuổi trở lên thì phải xem xét nguyện vọng của con."), 0.95)
    liable = Evidence(passage("12", "1. Người từ đủ 16 tuổi trở lên phải chịu trách nhiệm hình sự."), 0.9)
    ranked = band_held_first("ly hôn con 10 tuổi có được chọn ở với ai không", [visits, custody, liable])
    assert [(e.passage.article, round(e.score, 2)) for e in ranked] == [("81", round(0.95 + BAND_RAISE, 2)), ("82", 1.0), ("12", 0.9)]
    assert band_held_first("ly hôn con có được chọn ở với ai không", [visits, custody]) == [visits, custody]
