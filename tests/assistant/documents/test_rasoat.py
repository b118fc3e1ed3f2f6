"""Rà soát with a deterministic fake retriever over a handful of passages."""

import pytest

from assistant.documents.rasoat import (
    rasoat_text,
    read_source,
    render_docx_report,
    render_markdown,
    split_articles,
)
from knowledge.errors import BadInput
from tests.assistant.documents.doubles import FakeRetriever


@pytest.fixture
def text(fixtures_dir):
    return (fixtures_dir / "documents" / "legal" / "quy-dinh-tiep-cong-dan.txt").read_text(encoding="utf-8")


def test_articles_are_split_across_chapters(text):
    articles = split_articles(text)
    assert [(a.number, a.heading) for a in articles] == [
        ("1", "Phạm vi điều chỉnh"),
        ("2", "Thời gian tiếp công dân"),
        ("3", "Hiệu lực thi hành"),
    ]
    assert articles[1].text.startswith("1. Chủ tịch") and "Chương II" not in articles[1].text


def test_report_lists_bases_with_status_and_similar_provisions_elsewhere(text, registry):
    retriever = FakeRetriever()
    report = rasoat_text(text, registry, retriever, k=2)
    assert report.number == "21/2024/QĐ-UBND"
    assert [c.status for c in report.cited] == ["amended", "repealed", "in_force"]
    assert {f.code for f in report.findings} == {"LEGAL_BASIS_AMENDED", "LEGAL_BASIS_REPEALED"}
    time_article = report.articles[1]
    assert [e.passage.passage_id for e in time_article.similar] == ["p1", "p2"]  # its own text p3 left out
    assert all(f.kinds == ("law",) for _, f in retriever.queries)
    markdown = render_markdown(report)
    assert "## 1. Căn cứ pháp lý" in markdown and "| 81/2006/QH11 | hết hiệu lực |" in markdown
    assert "### Điều 2. Thời gian tiếp công dân" in markdown
    assert "Luật Tiếp công dân (42/2013/QH13) — Điều 18." in markdown


def test_report_as_docx(text, registry, tmp_path):
    import io

    import docx

    document = docx.Document(io.BytesIO(render_docx_report(rasoat_text(text, registry, FakeRetriever()))))
    texts = [p.text for p in document.paragraphs]
    assert (
        texts[0].startswith("Rà soát văn bản")
        and "2. Quy định tương tự ở văn bản khác (cần xem xét chồng chéo, mâu thuẫn)" in texts
    )


def test_without_a_registry_the_bases_are_listed_unchecked(text):
    markdown = render_markdown(rasoat_text(text, None, FakeRetriever()))
    assert "Chưa kiểm tra hiệu lực" in markdown and "- Căn cứ Luật Cư trú số 81/2006/QH11;" in markdown


def test_a_text_without_articles_is_bad_input(registry):
    with pytest.raises(BadInput, match="không có điều khoản"):
        rasoat_text("Kính gửi: Sở Tư pháp.\nNội dung công văn.", registry, FakeRetriever())


def test_sources(tmp_path, text, registry):
    upload = tmp_path / "qd.txt"
    upload.write_text(text, encoding="utf-8")
    assert read_source(str(upload), registry, tmp_path).text.startswith("ỦY BAN NHÂN DÂN")
    with pytest.raises(BadInput, match="không có văn bản số"):
        read_source("99/2099/NĐ-CP", registry, tmp_path)
    with pytest.raises(BadInput, match="không phải số hiệu"):
        read_source("khong-co.txt", registry, tmp_path)
    with pytest.raises(BadInput, match="chưa có cơ sở dữ liệu"):
        read_source("68/2020/QH14", None, tmp_path)


def test_a_document_of_the_knowledge_base_by_its_number(tmp_path, text):
    from dataclasses import replace

    from tests.assistant.documents.doubles import RegistryDouble, entry

    (tmp_path / "legal").mkdir()
    (tmp_path / "legal" / "qd21.txt").write_text(text, encoding="utf-8")
    known = replace(
        entry("21/2024/QĐ-UBND", "Quyết định ban hành Quy định về tiếp công dân", "in_force", 2024),
        source="legal/qd21.txt",
    )
    source = read_source("21/2024/QĐ-UBND", RegistryDouble(known), tmp_path)
    assert source.number == "21/2024/QĐ-UBND" and source.text == text
