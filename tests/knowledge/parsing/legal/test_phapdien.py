from datetime import date

from knowledge.parsing.legal import parse_legal_file
from tests.knowledge.parsing.legal.helpers import article

TOPIC = "phapdien-vuon-thu.md"


def by_number(parsed):
    return {p.document.doc_id: p for p in parsed}


def test_articles_are_grouped_by_their_source_document(legal_fixtures):
    docs = by_number(parse_legal_file(legal_fixtures / TOPIC, legal_fixtures))
    assert list(docs) == ["40/2018/QH14", "50/2019/NĐ-CP", "10/2020/TT-BTNMT"]
    law = docs["40/2018/QH14"]
    assert [a.number for a in law.articles] == ["1", "2", "4"]
    assert (law.document.title, law.document.issuer) == ("Luật Vườn thú", "Quốc hội")
    assert (law.document.issued_on, law.document.effective_on) == (date(2018, 6, 10), date(2019, 1, 1))
    assert law.document.source == TOPIC
    decree = docs["50/2019/NĐ-CP"].document
    assert decree.title == "Nghị định quy định chi tiết một số điều của Luật Vườn thú"
    assert decree.doc_type == "Nghị định" and decree.effective_on == date(2019, 8, 15)


def test_a_name_printed_after_the_issuer(legal_fixtures):
    circular = by_number(parse_legal_file(legal_fixtures / TOPIC, legal_fixtures))["10/2020/TT-BTNMT"].document
    assert (circular.title, circular.issuer) == ("Thông tư hướng dẫn việc nuôi thú quý hiếm", "Bộ Tài nguyên và Môi trường")
    assert (circular.issued_on, circular.effective_on) == (date(2020, 2, 1), date(2020, 3, 15))


def test_code_and_provenance_go_to_the_note_cross_references_are_dropped(legal_fixtures):
    law = by_number(parse_legal_file(legal_fixtures / TOPIC, legal_fixtures))["40/2018/QH14"]
    dieu1 = article(law, "Điều 1")
    assert dieu1.note.startswith("Điều 9.1.LQ.1 Bộ pháp điển, đề mục Vườn thú. (Điều 1 Luật số 40/2018/QH14")
    assert dieu1.body() == "Luật này quy định về việc nuôi, chăm sóc và trưng bày động vật trong vườn thú."
    assert "99/2015/QH13" not in law.cited_numbers


def test_provenance_over_two_lines_with_text_after_it(legal_fixtures):
    law = by_number(parse_legal_file(legal_fixtures / TOPIC, legal_fixtures))["40/2018/QH14"]
    dieu2 = article(law, "Điều 2")
    assert dieu2.body() == "Giá vé do Ủy ban nhân dân cấp tỉnh quyết định."
    assert "có hiệu lực thi hành kể từ ngày 01/01/2019" in dieu2.note


def test_a_heading_glued_to_the_previous_article_opens_a_new_one(legal_fixtures):
    law = by_number(parse_legal_file(legal_fixtures / TOPIC, legal_fixtures))["40/2018/QH14"]
    assert article(law, "Điều 4").body() == "Vườn thú mở cửa từ 07 giờ đến 18 giờ."
    assert article(law, "Điều 4").heading == "Giờ mở cửa"


def test_table_of_contents_is_not_read(legal_fixtures):
    law = by_number(parse_legal_file(legal_fixtures / TOPIC, legal_fixtures))["40/2018/QH14"]
    assert "Điều 3" not in [a.unit_label() for a in law.articles]


def test_amendment_notes_and_replacement_clauses_become_relations(legal_fixtures):
    decree = by_number(parse_legal_file(legal_fixtures / TOPIC, legal_fixtures))["50/2019/NĐ-CP"]
    found = {(r.subject_id, r.verb, r.object_number, r.effective_on) for r in decree.relations}
    assert found == {
        ("05/2024/NĐ-CP", "amends", "50/2019/NĐ-CP", date(2024, 3, 1)),
        ("50/2019/NĐ-CP", "repeals", "12/2010/NĐ-CP", date(2019, 8, 15)),
    }
    dieu3 = article(decree, "Điều 3")
    assert [d.letter for d in dieu3.khoans[0].diems] == ["a", "b", "đ"]


def test_nghi_dinh_123_2015_from_the_ho_tich_topic(shared_legal):
    parsed = parse_legal_file(shared_legal / "phapdien" / "hanh-chinh-tu-phap__ho-tich.md", shared_legal)
    docs = by_number(parsed)
    decree = docs["123/2015/NĐ-CP"]
    assert decree.document.doc_type == "Nghị định"
    assert decree.document.effective_on == date(2016, 1, 1)
    dieu1 = article(decree, "Điều 1")
    assert dieu1.heading == "Phạm vi điều chỉnh"
    assert dieu1.note.startswith("Điều 15.3.NĐ.1.1 Bộ pháp điển")
    amendment = next(r for r in decree.relations if r.subject_id == "07/2025/NĐ-CP")
    assert (amendment.verb, amendment.object_number, amendment.effective_on) == ("amends", "123/2015/NĐ-CP", date(2025, 1, 9))
    law = docs["60/2014/QH13"]
    assert law.document.title == "Luật Hộ tịch"
    assert article(law, "Điều 16").khoans[0].number == "1"
    assert sum(len(p.articles) for p in parsed) == 106
