"""The council's competence, quoted from a real (small) knowledge base; what it lacks is said, not invented."""

import pytest

from assistant.answer import quoted_from
from assistant.hdnd import CompetenceFinder, read_submission, review_submission
from assistant.hdnd.competence import council_level, matter_question
from assistant.hdnd.submission import Metadata
from tests.assistant.hdnd.conftest import cases

pytestmark = [pytest.mark.shared, pytest.mark.slow]


def metadata(addressee: str | None, issuer: str | None = None) -> Metadata:
    return Metadata(None, issuer, None, "", addressee, None)


@pytest.mark.parametrize(
    "addressee, issuer, level",
    [
        ("Hội đồng nhân dân thành phố Đà Nẵng khóa X", None, "thành phố trực thuộc trung ương"),
        ("Hội đồng nhân dân tỉnh Quảng Nam", None, "tỉnh"),
        ("HĐND huyện Châu Thành", None, "huyện"),
        ("Hội đồng nhân dân thành phố Quảng Ngãi", None, "thị xã, thành phố thuộc tỉnh"),
        ("Hội đồng nhân dân phường Bến Nghé", None, "phường"),
        (None, "Ủy ban nhân dân xã Tân Phú", "xã"),
    ],
)
def test_the_level_of_the_council(addressee, issuer, level):
    assert council_level(metadata(addressee, issuer)).name == level


def test_the_field_of_the_matter_chooses_the_khoan():
    assert matter_question("Về việc hỗ trợ học phí cho học sinh") == "lĩnh vực giáo dục, đào tạo"
    assert matter_question("Về việc đặt tên đường") == "lĩnh vực kinh tế, tài nguyên, môi trường"
    assert matter_question("Về việc khen thưởng") == "Về việc khen thưởng"


@pytest.mark.parametrize(
    "file, labels",
    [
        (
            "giao-duc-ho-tro-hoc-phi.txt",
            ["khoản 1 Điều 40 Luật Tổ chức chính quyền địa phương", "khoản 4 Điều 19 Luật Tổ chức chính quyền địa phương"],
        ),
        ("y-te-thu-hut-bac-si.txt", ["khoản 5 Điều 19 Luật Tổ chức chính quyền địa phương"]),
        ("giao-thong-chu-truong-dau-tu.docx", ["khoản 3 Điều 19 Luật Tổ chức chính quyền địa phương",
                                               "khoản 7 Điều 17 Luật Đầu tư công"]),
        ("van-hoa-le-hoi.txt", ["khoản 3 Điều 26 Luật Tổ chức chính quyền địa phương"]),
    ],
)
def test_provisions_quoted_at_the_khoan_of_the_matter(competence_kb, hdnd_dir, file, labels):
    found = CompetenceFinder(competence_kb).find(read_submission(hdnd_dir / file).metadata, has_funding=True)
    assert set(labels) <= {p.label for p in found.provisions}
    for provision in found.provisions:
        passage_texts = [e.passage.text for e in competence_kb.search(provision.quote[:200], 5)]
        assert any(quoted_from(provision.quote, text) for text in passage_texts)  # verbatim pieces, in order


def test_a_knowledge_base_without_the_local_government_law_says_so(tmp_path, hdnd_dir, shared_dir):
    from datetime import date

    from knowledge.base import KnowledgeBase
    from knowledge.index.builder import IndexSettings
    from knowledge.ingest import Ingestor
    from knowledge.settings import Settings

    settings = Settings(knowledge_dir=shared_dir / "knowledge", data_dir=tmp_path / "data", embedder="hash", today=lambda: date(2024, 12, 1))
    law = shared_dir / "knowledge" / "legal" / "vlc-2022" / "Luat-ngan-sach-nha-nuoc-nam-2015-281762.txt"
    Ingestor(settings, IndexSettings(dense_chars=0)).ingest([law])
    kb = KnowledgeBase.open(settings)
    try:
        report = review_submission(hdnd_dir / "giao-duc-ho-tro-hoc-phi.txt", registry=kb.registry,
                                   competence=CompetenceFinder(kb))
    finally:
        kb.close()
    assert report.competence.notes[0].startswith(
        "Cơ sở dữ liệu văn bản chưa có Luật Tổ chức chính quyền địa phương: chưa trích được quy định"
    )
    assert all("Tổ chức chính quyền" not in p.label for p in report.competence.provisions)


def test_the_report_with_competence_keeps_the_expected_issues(competence_kb, hdnd_dir, true_registry):
    case = cases()[6]  # lao động: does not cite the Luật Tổ chức chính quyền địa phương
    report = review_submission(hdnd_dir / case["file"], registry=true_registry, competence=CompetenceFinder(competence_kb))
    assert sorted(i.id for i in report.questions) == sorted(case["issues"])
    message = next(i.message for i in report.questions if i.code == "HDND.COMPETENCE_NOT_CITED")
    assert "nhiệm vụ, quyền hạn của Hội đồng nhân dân thành phố trực thuộc trung ương" in message
