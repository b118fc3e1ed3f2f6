from knowledge.parsing.legal.structure import AppendixBuilder, ArticleBuilder, QuoteTracker, join_lines


def build(lines):
    builder = ArticleBuilder("1/2020/QH14", "x.txt")
    for line in lines:
        builder.feed(line)
    return builder.articles()


def test_heading_variants_of_old_and_new_texts():
    articles = build([
        "Chương 1:", "NHỮNG QUY ĐỊNH CHUNG",
        "Điều 1", "Biên giới quốc gia là đường và mặt thẳng đứng.",
        "Điều 2: PHẠM VI ÁP DỤNG", "Nội dung.",
        "ĐiềuN. sai", "Điều 3.Đối tượng áp dụng", "Nội dung.",
        "Điều 5 của Luật này không áp dụng.",
    ])
    assert [(a.number, a.heading) for a in articles] == [("1", ""), ("2", "PHẠM VI ÁP DỤNG"), ("3", "Đối tượng áp dụng")]
    assert articles[0].chuong == "Chương 1. NHỮNG QUY ĐỊNH CHUNG"
    assert articles[0].intro == "Biên giới quốc gia là đường và mặt thẳng đứng."
    assert articles[2].intro == "Nội dung.\nĐiều 5 của Luật này không áp dụng."


def test_lines_before_the_first_heading_are_not_an_article():
    assert build(["Căn cứ Hiến pháp;", "1. Không phải khoản."]) == []


def test_quoted_wording_with_restarted_numbering_and_a_straight_closing_quote():
    articles = build([
        "Điều 2. Sửa đổi, bổ sung một số điều",
        "1. Sửa đổi khoản 1 Điều 5 như sau:",
        "“1. Nội dung mới;",
        "a) điểm mới;",
        "Điều 6. Vẫn trong trích dẫn\"",
        "2. Bãi bỏ Điều 9.",
        "Điều 3. Hiệu lực",
    ])
    assert [a.number for a in articles] == ["2", "3"]
    assert [k.number for k in articles[0].khoans] == ["1", "2"]
    assert articles[0].khoans[0].diems == ()


def test_a_point_without_a_clause_stays_text():
    articles = build(["Điều 1. Nguyên tắc", "a) Công khai;", "b) Minh bạch."])
    assert articles[0].intro == "a) Công khai;\nb) Minh bạch." and articles[0].khoans == ()


def test_quote_tracker_spans_lines():
    tracker = QuoteTracker()
    assert [tracker.quoted(line) for line in ["Như sau:", "“Điều 8. Mới", "1. Khoản”.", "2. Tiếp"]] == [False, True, True, False]


def test_join_lines_keeps_new_sentences_on_their_own_line():
    assert join_lines(["Đăng ký cư trú", "là việc thực hiện thủ tục.", "Trường hợp khác."]) == (
        "Đăng ký cư trú là việc thực hiện thủ tục.\nTrường hợp khác."
    )


def test_appendix_sections_items_and_a_heading_with_text():
    builder = AppendixBuilder("30/2020/NĐ-CP", "p.md", "Phụ lục IV", "MẪU")
    for line in ["I. MẪU SỔ", "1. Bìa và trang đầu", "V. MẪU DẤU “ĐẾN”: Được khắc sẵn, hình chữ nhật"]:
        builder.feed(line)
    units = builder.units()
    assert [(u.unit_label(), u.heading) for u in units] == [("Mục I Phụ lục IV", "MẪU SỔ"), ("Mục V Phụ lục IV", "MẪU DẤU “ĐẾN”")]
    assert units[1].intro == "Được khắc sẵn, hình chữ nhật"
