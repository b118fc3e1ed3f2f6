import pytest

from knowledge.errors import BadInput
from knowledge.parsing.legal import detect_format, legal_files, parse_legal_file


def test_formats_are_recognised_by_content(legal_fixtures):
    def kind(name):
        path = legal_fixtures / name
        return detect_format(path.read_text(encoding="utf-8"), path.suffix)

    assert kind("phapdien-vuon-thu.md") == "phapdien"
    assert kind("Phuluc-77-2030.md") == "appendix"
    assert kind("77_2030_ND_CP.md") == "markdown"
    assert kind("Luat-Vuon-hoa-cong-cong-2030.txt") == "vlc"


def test_legal_files_lists_text_and_markdown_only(legal_fixtures, tmp_path):
    (tmp_path / "a.md").write_text("x", encoding="utf-8")
    (tmp_path / "a.docx").write_bytes(b"PK")
    assert [p.name for p in legal_files(tmp_path)] == ["a.md"]
    assert len(legal_files(legal_fixtures)) == 5


def test_bad_files_are_bad_input(tmp_path):
    with pytest.raises(BadInput, match=r"\.txt hoặc \.md"):
        parse_legal_file(tmp_path / "copy.docx")
    with pytest.raises(BadInput, match="Không tìm thấy tệp"):
        parse_legal_file(tmp_path / "missing.txt")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Điều 1".encode("cp1258", errors="replace") + b"\xff\xfe")
    with pytest.raises(BadInput, match="UTF-8"):
        parse_legal_file(latin)


def test_source_is_relative_to_the_root_when_given(legal_fixtures):
    [parsed] = parse_legal_file(legal_fixtures / "77_2030_ND_CP.md", legal_fixtures.parent)
    assert parsed.document.source == "legal/77_2030_ND_CP.md"
