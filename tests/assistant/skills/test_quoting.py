import pytest

from assistant.answer import ELLIPSIS, quoted_from
from assistant.skills.quoting import MAX_QUOTE_CHARS, Rarity, asked_quote, best_quote, coverage
from knowledge.models import Passage

TEXT = "\n".join([
    "1. Người nộp thuế đăng ký thuế cùng với đăng ký doanh nghiệp thì thời hạn đăng ký thuế là thời hạn đăng ký doanh nghiệp.",
    "2. Người nộp thuế đăng ký thuế trực tiếp với cơ quan thuế thì thời hạn đăng ký thuế là 10 ngày làm việc kể từ ngày sau đây:",
    "a) Được cấp giấy phép thành lập và hoạt động;",
    "b) Bắt đầu hoạt động kinh doanh đối với tổ chức không thuộc diện đăng ký kinh doanh;",
    "c) Phát sinh yêu cầu được hoàn thuế.",
])
PASSAGE = Passage("p", "law", "38/2019/QH14", "Luật Quản lý thuế", "Điều 33. Thời hạn đăng ký thuế lần đầu", TEXT, article="33")

# Điều 82 Luật Đất đai 2013: a lead ending with ":" and its khoản.
LAND = "\n".join([
    "Nhà nước thu hồi đất không bồi thường về đất trong các trường hợp sau đây:",
    "1. Các trường hợp quy định tại khoản 1 Điều 76 của Luật này;",
    "2. Đất được Nhà nước giao để quản lý;",
    "3. Đất thu hồi trong các trường hợp quy định tại Điều 64 và các điểm a, b, c và d khoản 1 Điều 65 của Luật này;",
    "4. Trường hợp không đủ điều kiện cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền"
    " với đất theo quy định của Luật này, trừ trường hợp quy định tại khoản 2 Điều 77 của Luật này.",
])
LAND_82 = Passage("d", "law", "45/2013/QH13", "Luật Đất đai", "Điều 82. Trường hợp Nhà nước thu hồi đất không được bồi thường về đất", LAND, article="82")

# Điều 113 Bộ luật Lao động: the figure asked for is in the điểm of khoản 1, another khoản also has days.
LEAVE = "\n".join([
    "1. Người lao động làm việc đủ 12 tháng cho một người sử dụng lao động thì được nghỉ hằng năm, hưởng nguyên lương"
    " theo hợp đồng lao động như sau:",
    "a) 12 ngày làm việc đối với người làm công việc trong điều kiện bình thường;",
    "b) 14 ngày làm việc đối với người lao động chưa thành niên, lao động là người khuyết tật, người làm nghề, công việc"
    " nặng nhọc, độc hại, nguy hiểm;",
    "c) 16 ngày làm việc đối với người làm nghề, công việc đặc biệt nặng nhọc, độc hại, nguy hiểm.",
    "2. Người lao động làm việc chưa đủ 12 tháng cho một người sử dụng lao động thì số ngày nghỉ hằng năm theo tỷ lệ"
    " tương ứng với số tháng làm việc.",
    "6. Khi nghỉ hằng năm, nếu người lao động đi bằng các phương tiện đường bộ, đường sắt, đường thủy mà số ngày đi đường"
    " cả đi và về trên 02 ngày thì từ ngày thứ 03 trở đi được tính thêm thời gian đi đường ngoài ngày nghỉ hằng năm và"
    " chỉ được tính cho 01 lần nghỉ trong năm.",
])
LEAVE_113 = Passage("l", "law", "45/2019/QH14", "Bộ luật Lao động", "Điều 113. Nghỉ hằng năm", LEAVE, article="113")


def test_a_duration_question_quotes_the_khoan_holding_a_duration_verbatim():
    quote = best_quote("đăng ký thuế trực tiếp với cơ quan thuế thì thời hạn bao lâu", PASSAGE)
    assert quote.clause == "2" and quote.point is None and quoted_from(quote.text, TEXT) and "10 ngày làm việc" in quote.text


def test_a_diem_that_answers_better_than_its_lead_is_quoted_under_that_lead():
    quote = best_quote("tổ chức không thuộc diện đăng ký kinh doanh bắt đầu hoạt động kinh doanh", PASSAGE)
    assert (quote.clause, quote.point) == ("2", "b")
    lead, gap, diem = quote.text.split("\n")
    assert lead.startswith("2. Người nộp thuế") and gap == ELLIPSIS and diem.startswith("b) Bắt đầu")
    assert quoted_from(quote.text, TEXT) and quote.text not in TEXT  # pieces in order, not one run


def test_a_lead_ending_with_a_colon_is_quoted_with_its_list():
    quote = best_quote("Nhà nước thu hồi đất trong những trường hợp nào?", LAND_82)
    assert quote.clause is None and quote.text == LAND and quote.more == ""


def test_a_long_list_is_trimmed_with_an_ellipsis_and_the_count_named_as_the_lead_names_them():
    items = [f"{n}. Trường hợp thứ {n} có nội dung dài " + "rất dài " * 40 + ";" for n in range(1, 11)]
    text = "\n".join(["Nhà nước thu hồi đất trong các trường hợp sau đây:", *items])
    passage = Passage("x", "law", "1/2030/QH16", "Luật thử", "Điều 9. Thu hồi đất", text, article="9")
    quote = best_quote("Nhà nước thu hồi đất trong những trường hợp nào?", passage)
    kept = quote.text.split("\n")
    assert kept[0] == "Nhà nước thu hồi đất trong các trường hợp sau đây:" and kept[-1] == ELLIPSIS
    assert len(quote.text) <= MAX_QUOTE_CHARS + 2 and quoted_from(quote.text, text)
    assert quote.more == f"và {10 - (len(kept) - 2)} trường hợp khác"


def test_a_question_asking_how_many_days_quotes_the_list_holding_the_days():
    quote = best_quote("người lao động được nghỉ hằng năm bao nhiêu ngày", LEAVE_113)
    assert quote.clause == "1" and quote.point is None
    assert "a) 12 ngày làm việc" in quote.text and "c) 16 ngày làm việc" in quote.text and quoted_from(quote.text, LEAVE)


def test_without_a_figure_asked_the_khoan_with_the_question_words_wins():
    quote = best_quote("chưa đủ 12 tháng thì số ngày nghỉ hằng năm tính thế nào", LEAVE_113)
    assert quote.clause == "2"


def test_a_list_question_on_an_article_without_lead_quotes_its_khoan():
    text = "\n".join(["1. Cản trở công dân thực hiện quyền tự do cư trú.", "2. Đưa, môi giới, nhận hối lộ trong việc đăng ký cư trú.",
                      "3. Làm giả giấy tờ, tài liệu về cư trú."])
    passage = Passage("c", "law", "68/2020/QH14", "Luật Cư trú", "Điều 7. Các hành vi bị nghiêm cấm về cư trú", text, article="7")
    quote = best_quote("Các hành vi bị nghiêm cấm về cư trú là gì?", passage)
    assert quote.clause is None and quote.text == text


def test_coverage_counts_phrases_not_scattered_syllables_when_rarity_is_known():
    scattered = Passage("q", "law", "x", "Luật thử", "Điều 1. Kê khai", "Người nộp thuế kê khai khoản thuế phát sinh.", article="1")
    rarity = Rarity.of({"khai": 1.0, "sinh": 1.0, "khai_sinh": 3.0})
    assert coverage("khai sinh", scattered) == 1.0
    assert coverage("khai sinh", scattered, rarity) == 0.4


def test_the_unit_a_question_names_by_number_is_quoted():
    whole = asked_quote("Điều 33 Luật Quản lý thuế quy định gì?", PASSAGE)
    assert (whole.clause, whole.point) == (None, None) and whole.text.startswith("1. Người nộp thuế")
    khoan = asked_quote("khoản 2 Điều 33 Luật Quản lý thuế nói gì", PASSAGE)
    assert khoan.clause == "2" and "a) Được cấp giấy phép" in khoan.text
    diem = asked_quote("điểm c khoản 2 Điều 33 Luật Quản lý thuế", PASSAGE)
    assert (diem.clause, diem.point) == ("2", "c") and diem.text.endswith("c) Phát sinh yêu cầu được hoàn thuế.")


def test_a_question_about_a_named_article_or_naming_another_gets_no_fixed_quote():
    assert asked_quote("Theo Điều 33 Luật Quản lý thuế, thời hạn đăng ký thuế là bao lâu?", PASSAGE) is None
    assert asked_quote("Điều 34 Luật Quản lý thuế quy định gì?", PASSAGE) is None
    assert asked_quote("khoản 9 Điều 33 Luật Quản lý thuế", PASSAGE) is None  # no such khoản


def test_when_a_document_takes_effect_is_quoted_from_the_khoan_that_says_it():
    effect = Passage("e", "law", "31/2024/QH15", "Luật Đất đai", "Điều 252. Hiệu lực thi hành", (
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025, trừ trường hợp quy định tại khoản 2 và khoản 3 "
        "Điều này.\n2. Điều 190 và Điều 248 của Luật này có hiệu lực thi hành từ ngày 01 tháng 4 năm 2024.\n"
        "4. Luật Đất đai số 45/2013/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."), article="252")
    said = asked_quote("Luật Đất đai 2024 có hiệu lực từ ngày nào?", effect)
    assert said.clause == "1" and said.text.startswith("1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025")
    assert asked_quote("Luật Đất đai 2024 quy định gì về thu hồi đất?", effect) is None


# Điều 6 Nghị định 168/2024/NĐ-CP (ô tô), shortened: fines by band of speed over the limit and of alcohol in two
# scales (blood, breath); a khoản on racing.
SPEED = "\n".join([
    "4. Phạt tiền từ 800.000 đồng đến 1.000.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:",
    "a) Điều khiển xe chạy quá tốc độ quy định từ 05 km/h đến dưới 10 km/h;",
    "b) Không sử dụng đèn chiếu sáng trong thời gian từ 18 giờ ngày hôm trước đến 06 giờ ngày hôm sau;",
    "c) Chạy trong hầm đường bộ không sử dụng đèn chiếu sáng gần;",
    "5. Phạt tiền từ 4.000.000 đồng đến 6.000.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:",
    "a) Điều khiển xe chạy quá tốc độ quy định từ 10 km/h đến 20 km/h;",
    "6. Phạt tiền từ 6.000.000 đồng đến 8.000.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:",
    "a) Điều khiển xe chạy quá tốc độ quy định trên 20 km/h đến 35 km/h;",
    "c) Điều khiển xe trên đường mà trong máu hoặc hơi thở có nồng độ cồn nhưng chưa vượt quá 50 miligam/100 mililít máu"
    " hoặc chưa vượt quá 0,25 miligam/1 lít khí thở;",
    "7. Phạt tiền từ 12.000.000 đồng đến 14.000.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:",
    "a) Điều khiển xe chạy quá tốc độ quy định trên 35 km/h;",
    "9. Phạt tiền từ 18.000.000 đồng đến 20.000.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:",
    "a) Điều khiển xe trên đường mà trong máu hoặc hơi thở có nồng độ cồn vượt quá 50 miligam đến 80 miligam/100 mililít máu"
    " hoặc vượt quá 0,25 miligam đến 0,4 miligam/1 lít khí thở;",
    "11. Phạt tiền từ 30.000.000 đồng đến 40.000.000 đồng đối với người điều khiển xe thực hiện một trong các hành vi vi phạm sau đây:",
    "a) Điều khiển xe trên đường mà trong máu hoặc hơi thở có nồng độ cồn vượt quá 80 miligam/100 mililít máu hoặc vượt quá"
    " 0,4 miligam/1 lít khí thở;",
    "12. Phạt tiền từ 40.000.000 đồng đến 50.000.000 đồng đối với người điều khiển xe thực hiện hành vi điều khiển xe lạng lách,"
    " đánh võng trên đường bộ; chạy quá tốc độ đuổi nhau trên đường bộ.",
])
SPEED_6 = Passage("s", "law", "168/2024/NĐ-CP", "Nghị định xử phạt giao thông đường bộ", "Điều 6. Xử phạt người điều khiển xe ô tô",
                  SPEED, article="6")


@pytest.mark.parametrize("question, clause", [
    ("ô tô chạy quá tốc độ 25km/h bị phạt bao nhiêu", "6"),
    ("oto vuot toc do 40 km/h", "7"),
    ("chạy quá tốc độ 10 km/h phạt bao nhiêu", "5"),  # "từ 10 km/h": 10 is in, "đến dưới 10 km/h" leaves it out
    ("quá tốc độ 7 cây số phạt bao nhiêu", "4"),
])
def test_a_figure_the_question_gives_picks_the_band_that_holds_it(question, clause):
    quote = best_quote(question, SPEED_6)
    assert (quote.clause, quote.point) == (clause, "a")
    assert quoted_from(quote.text, SPEED) and "Phạt tiền" in quote.text  # the điểm under its lead, with the fine


def test_a_place_the_question_does_not_name_is_not_quoted_before_the_plain_rule():
    assert (best_quote("xe không bật đèn chiếu sáng bị phạt bao nhiêu", SPEED_6).point) == "b"
    assert (best_quote("chạy trong hầm đường bộ không bật đèn chiếu sáng bị phạt bao nhiêu", SPEED_6).point) == "c"


# Điều 18 khoản 1 and 2 of Nghị định 168/2024/NĐ-CP, shortened: ages.
AGES = "\n".join([
    "1. Phạt cảnh cáo người từ đủ 14 tuổi đến dưới 16 tuổi điều khiển xe mô tô, xe gắn máy.",
    "2. Phạt tiền từ 400.000 đồng đến 600.000 đồng đối với người từ đủ 16 tuổi đến dưới 18 tuổi điều khiển xe ô tô.",
])
AGES_18 = Passage("g", "law", "168/2024/NĐ-CP", "Nghị định xử phạt giao thông đường bộ", "Điều 18. Điều kiện của người lái xe",
                  AGES, article="18")


@pytest.mark.parametrize("question, clause", [
    ("lái ô tô nồng độ cồn 0,3 mg/l bị phạt bao nhiêu", "9"),  # breath: over 0,25 up to 0,4
    ("oto nong do con 0.1 phat bao nhieu", "6"),  # "chưa vượt quá 50 miligam/100 mililít máu" is the blood scale
    ("thổi nồng độ cồn 0,5 miligam bị phạt thế nào", "11"),
])
def test_alcohol_in_the_breath_picks_its_band_not_the_blood_one(question, clause):
    assert best_quote(question, SPEED_6).clause == clause


def test_an_age_said_picks_the_band_holding_it():
    assert best_quote("con 15 tuổi đi xe máy có bị phạt không", AGES_18).clause == "1"
    assert best_quote("con 17 tuoi lai o to bi phat the nao", AGES_18).clause == "2"


TAM_VANG_LIST = "\n".join([
    "1. Công dân có trách nhiệm khai báo tạm vắng trong các trường hợp sau đây:",
    "a) Đi khỏi phạm vi đơn vị hành chính cấp xã nơi đang cư trú từ 01 ngày trở lên đối với bị can, bị cáo đang tại ngoại;"
    " người bị kết án phạt tù nhưng chưa có quyết định thi hành án hoặc đã có quyết định thi hành án nhưng đang tại ngoại;",
    "b) Đi khỏi phạm vi đơn vị hành chính cấp huyện nơi đang cư trú từ 03 tháng liên tục trở lên đối với người trong độ tuổi"
    " thực hiện nghĩa vụ quân sự hoặc người đang phải thực hiện các nghĩa vụ khác đối với Nhà nước theo quyết định của cơ"
    " quan, tổ chức có thẩm quyền;",
    "c) Đi khỏi phạm vi đơn vị hành chính cấp xã nơi thường trú từ 12 tháng liên tục trở lên đối với người không thuộc"
    " trường hợp quy định tại điểm a, điểm b khoản này, trừ trường hợp đã đăng ký tạm trú tại nơi ở mới hoặc đã xuất cảnh"
    " ra nước ngoài.",
    "2. Trước khi đi khỏi nơi cư trú, người quy định tại điểm a và điểm b khoản 1 Điều này phải đến khai báo tạm vắng tại"
    " cơ quan đăng ký cư trú nơi người đó cư trú.",
])
TAM_VANG_REST = "\n".join([
    "3. Người quy định tại điểm c khoản 1 Điều này có thể đến khai báo tạm vắng trực tiếp tại cơ quan đăng ký cư trú hoặc"
    " khai báo qua điện thoại, phương tiện điện tử.",
    "4. Nội dung khai báo tạm vắng bao gồm họ và tên, số định danh cá nhân của người khai báo; lý do tạm vắng.",
])


def test_a_list_asked_for_is_the_khoan_introducing_it_not_the_rest_of_a_long_article_indexed_in_pieces():
    question = "Những trường hợp nào phải khai báo tạm vắng?"
    first = Passage("law:68/2020/QH14:31:0", "law", "68/2020/QH14", "Luật Cư trú", "Điều 31. Khai báo tạm vắng", TAM_VANG_LIST,
                    article="31")
    rest = Passage("law:68/2020/QH14:31:1", "law", "68/2020/QH14", "Luật Cư trú", "Điều 31. Khai báo tạm vắng", TAM_VANG_REST,
                   article="31")
    listed, later = best_quote(question, first), best_quote(question, rest)
    assert listed.clause == "1" and listed.text.startswith("1. Công dân có trách nhiệm khai báo tạm vắng trong các trường hợp")
    assert later.clause is not None and listed.score > later.score  # the later khoản are no list of the article's


# Điều 36 Bộ luật Lao động: the employer's notice, by kind of contract.
NOTICE = "\n".join([
    "2. Khi đơn phương chấm dứt hợp đồng lao động trong trường hợp quy định tại các điểm a, b, c, đ và g khoản 1 Điều này,"
    " người sử dụng lao động phải báo trước cho người lao động như sau:",
    "a) Ít nhất 45 ngày đối với hợp đồng lao động không xác định thời hạn;",
    "b) Ít nhất 30 ngày đối với hợp đồng lao động xác định thời hạn có thời hạn từ 12 tháng đến 36 tháng;",
    "c) Ít nhất 03 ngày làm việc đối với hợp đồng lao động xác định thời hạn có thời hạn dưới 12 tháng và đối với trường"
    " hợp quy định tại điểm b khoản 1 Điều này;",
])
NOTICE_36 = Passage("n", "law", "45/2019/QH14", "Bộ luật Lao động",
                    "Điều 36. Quyền đơn phương chấm dứt hợp đồng lao động của người sử dụng lao động", NOTICE, article="36")


def test_a_word_negated_in_the_question_is_matched_negated():
    question = ("Người sử dụng lao động phải báo trước bao nhiêu ngày khi đơn phương chấm dứt hợp đồng lao động"
                " không xác định thời hạn?")
    quote = best_quote(question, NOTICE_36)
    assert (quote.clause, quote.point) == ("2", "a") and "45 ngày" in quote.text
    assert best_quote(question.replace(" không xác định", " xác định"), NOTICE_36).point != "a"


def test_a_piece_of_a_long_article_opening_inside_a_khoan_cites_that_khoan():
    text = "\n".join([
        "h) Giấy tờ của đơn vị quốc phòng giao đất cho cán bộ, chiến sĩ làm nhà ở theo Chỉ thị số 282/CT-QP;",
        "i) Giấy tờ tạm giao đất của Ủy ban nhân dân cấp huyện, cấp tỉnh;",
        "2. Hộ gia đình, cá nhân đang sử dụng đất có giấy tờ của nông trường, lâm trường quốc doanh về việc giao đất.",
    ])
    piece = Passage("law:31/2024/QH15:137:1", "law", "31/2024/QH15", "Luật Đất đai",
                    "Điều 137. Cấp Giấy chứng nhận quyền sử dụng đất đối với trường hợp có giấy tờ về quyền sử dụng đất",
                    text, article="137", clauses=("1", "2"))
    quote = best_quote("giấy tờ của đơn vị quốc phòng giao đất cho chiến sĩ làm nhà ở", piece)
    assert (quote.clause, quote.point) == ("1", "h") and quoted_from(quote.text, text)
    assert asked_quote("điểm i khoản 1 Điều 137 Luật Đất đai quy định gì?", piece).text.startswith("i) Giấy tờ tạm giao")


def law(doc_id: str, title: str, heading: str, *lines: str) -> Passage:
    """A law article written line by line; its number is read from its heading ("Điều 187. …")."""
    number = heading.split()[1].rstrip(".")
    return Passage(f"law:{doc_id}:{number}:0", "law", doc_id, title, heading, "\n".join(lines), article=number)


# Điều 187 Bộ luật Lao động: an article whose khoản complete its lead as one sentence.
SETTLERS_187 = law(
    "45/2019/QH14", "Bộ luật Lao động", "Điều 187. Thẩm quyền giải quyết tranh chấp lao động cá nhân",
    "Cơ quan, tổ chức, cá nhân có thẩm quyền giải quyết tranh chấp lao động cá nhân bao gồm:",
    "1. Hòa giải viên lao động;", "2. Hội đồng trọng tài lao động;", "3. Tòa án nhân dân.",
)


def test_a_khoan_completing_its_article_s_lead_is_quoted_with_the_whole_short_list():
    quote = best_quote("Bị công ty nợ lương thì nhờ hòa giải viên lao động ở đâu?", SETTLERS_187)
    assert quote.clause is None and quote.text == SETTLERS_187.text


def test_a_definition_saying_something_of_its_own_is_quoted_alone():
    passage = law(
        "104/2016/QH13", "Luật Tiếp cận thông tin", "Điều 2. Giải thích từ ngữ",
        "Trong Luật này, các từ ngữ dưới đây được hiểu như sau:",
        "1. Thông tin là tin, dữ liệu được chứa đựng trong văn bản, hồ sơ, tài liệu có sẵn.",
        "2. Thông tin do cơ quan nhà nước tạo ra là tin, dữ liệu được hình thành trong quá trình cơ quan nhà nước thực hiện"
        " chức năng, nhiệm vụ.",
    )
    quote = best_quote("Thông tin do cơ quan nhà nước tạo ra là gì?", passage)
    assert quote.clause == "2" and quote.text == passage.text.split("\n")[2]


def test_a_khoan_number_is_no_figure_and_how_many_kinds_is_answered_by_their_list():
    passage = law(
        "24/2018/QH14", "Luật An ninh mạng", "Điều 10. Hệ thống thông tin quan trọng về an ninh quốc gia",
        "1. Hệ thống thông tin quan trọng về an ninh quốc gia là hệ thống thông tin khi bị sự cố sẽ xâm hại nghiêm trọng"
        " an ninh mạng.",
        "2. Hệ thống thông tin quan trọng về an ninh quốc gia bao gồm:",
        "a) Hệ thống thông tin quân sự, an ninh, ngoại giao, cơ yếu;",
        "b) Hệ thống thông tin lưu trữ, xử lý thông tin thuộc bí mật nhà nước.",
    )
    assert best_quote("Có bao nhiêu hệ thống thông tin quan trọng về an ninh quốc gia?", passage).clause == "2"


def test_the_list_of_what_is_asked_is_scored_with_the_words_its_heading_shares():
    passage = law(
        "22/2008/QH12", "Luật Cán bộ, công chức", "Điều 79. Các hình thức kỷ luật đối với công chức",
        "1. Công chức vi phạm quy định của Luật này thì tùy theo tính chất, mức độ vi phạm phải chịu một trong những"
        " hình thức kỷ luật sau đây:",
        "a) Khiển trách;", "b) Cảnh cáo;", "c) Buộc thôi việc.",
        "2. Chính phủ quy định việc áp dụng các hình thức kỷ luật, trình tự, thủ tục và thẩm quyền xử lý kỷ luật đối với"
        " công chức.",
    )
    quote = best_quote("Công chức bị xử lý kỷ luật bằng những hình thức nào?", passage)
    assert quote.clause == "1" and "c) Buộc thôi việc." in quote.text


def test_a_list_of_other_things_than_asked_gets_no_help_from_the_heading():
    passage = law(
        "68/2020/QH14", "Luật Cư trú", "Điều 31. Khai báo tạm vắng",
        "1. Công dân có trách nhiệm khai báo tạm vắng trong các trường hợp sau đây:",
        "a) Đi khỏi phạm vi đơn vị hành chính cấp xã nơi đang cư trú từ 01 ngày trở lên đối với bị can, bị cáo đang tại ngoại;",
        "b) Đi khỏi phạm vi đơn vị hành chính cấp huyện nơi thường trú từ 12 tháng liên tục trở lên.",
        "4. Nội dung khai báo tạm vắng bao gồm họ và tên, số định danh cá nhân của người khai báo, lý do tạm vắng, thời gian"
        " tạm vắng, địa chỉ nơi đến.",
    )
    assert best_quote("Nội dung khai báo tạm vắng bao gồm những thông tin gì?", passage).clause == "4"


def test_a_definition_asked_is_the_khoan_opening_with_the_words_defined():
    passage = law(
        "45/2019/QH14", "Bộ luật Lao động", "Điều 148. Người lao động cao tuổi",
        "1. Người lao động cao tuổi là người tiếp tục lao động sau độ tuổi theo quy định tại khoản 2 Điều 169 của Bộ luật này.",
        "2. Người lao động cao tuổi có quyền thỏa thuận với người sử dụng lao động về việc rút ngắn thời giờ làm việc hằng ngày.",
        "3. Nhà nước khuyến khích sử dụng người lao động cao tuổi làm việc phù hợp với sức khỏe để bảo đảm quyền lao động.",
    )
    assert best_quote("Người lao động cao tuổi là người bao nhiêu tuổi?", passage).clause == "1"


# Điều 123 Luật Đất đai 2024, shortened: each khoản opens with the level of government whose powers it lists.
LAND_POWERS_123 = law(
    "31/2024/QH15", "Luật Đất đai", "Điều 123. Thẩm quyền giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất",
    "1. Ủy ban nhân dân cấp tỉnh quyết định giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất trong các trường"
    " hợp sau đây:",
    "a) Giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất đối với tổ chức trong nước;",
    "b) Giao đất, cho thuê đất đối với tổ chức tôn giáo, tổ chức tôn giáo trực thuộc;",
    "2. Ủy ban nhân dân cấp huyện quyết định giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất trong các trường"
    " hợp sau đây:",
    "a) Giao đất, cho thuê đất, cho phép chuyển mục đích sử dụng đất đối với cá nhân. Trường hợp cho cá nhân thuê đất để"
    " sử dụng vào mục đích thương mại, dịch vụ với diện tích từ 0,5 héc ta trở lên thì phải có văn bản chấp thuận của"
    " Ủy ban nhân dân cấp tỉnh trước khi quyết định;",
    "3. Ủy ban nhân dân cấp xã cho thuê đất thuộc quỹ đất nông nghiệp sử dụng vào mục đích công ích của xã, phường, thị trấn.",
)


@pytest.mark.parametrize("question, clause", [
    ("Thẩm quyền giao đất của Ủy ban nhân dân cấp tỉnh", "1"),
    ("Ủy ban nhân dân cấp xã có được cho thuê đất không", "3"),
])
def test_a_khoan_opening_with_another_level_of_government_than_asked_is_not_quoted(question, clause):
    assert best_quote(question, LAND_POWERS_123).clause == clause


def test_an_article_whose_heading_alone_names_the_list_asked_for_is_quoted_as_that_list():
    passage = law(
        "30/2020/NĐ-CP", "Nghị định về công tác văn thư", "Điều 25. Các hình thức bản sao",
        "1. Sao y gồm: Sao y từ văn bản giấy sang văn bản giấy, sao y từ văn bản điện tử sang văn bản giấy.",
        "a) Sao y từ văn bản giấy sang văn bản giấy được thực hiện bằng việc chụp từ bản gốc.",
        "2. Sao lục",
        "a) Sao lục gồm: Sao lục từ văn bản giấy sang văn bản giấy.",
        "3. Trích sao",
        "a) Trích sao gồm: Trích sao từ văn bản giấy sang văn bản giấy.",
    )
    quote = best_quote("Bản sao văn bản gồm những hình thức nào?", passage)
    assert quote.clause is None and all(kind in quote.text for kind in ("1. Sao y", "2. Sao lục", "3. Trích sao"))
