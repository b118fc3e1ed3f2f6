import json
from pathlib import Path

import pytest

from knowledge.errors import BadInput
from knowledge.models import LegalBasis, RequiredDocument, SubmissionMethod
from knowledge.parsing.procedures import LineError, parse_portal_record, parse_procedure_record, parse_procedures_file


@pytest.fixture(scope="module")
def sample(fixtures_dir: Path):
    batch = parse_procedures_file(fixtures_dir / "procedures" / "sample.jsonl")
    assert batch.errors == ()
    return {p.code: p for p in batch.procedures}


def test_the_format_is_detected_per_record(sample):
    assert sorted(sample) == ["9.900001", "9.900002"]
    assert {p.source for p in sample.values()} == {"sample.jsonl"}


def test_portal_record_becomes_structure(sample):
    procedure = sample["9.900001"]
    assert procedure.title == "Cấp giấy phép nuôi chim bồ câu đưa thư"
    assert (procedure.field, procedure.level, procedure.agency) == ("Chăn nuôi", "Cấp xã", "Ủy ban nhân dân cấp xã")
    assert procedure.url.startswith("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/")
    assert procedure.methods == (
        SubmissionMethod(
            "truc_tiep",
            "5 Ngày làm việc",
            "50,000 Việt Nam Đồng (Lệ phí : 50.000 Đồng/giấy phép (Thông tư số 99/2024/TT-BNNMT))",
            "Nộp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã.",
        ),
        SubmissionMethod(
            "truc_tuyen",
            "5 Ngày làm việc",
            "25,000 Việt Nam Đồng (Giảm 50% khi nộp trực tuyến)",
            "Trực tuyến: nộp qua Cổng dịch vụ công quốc gia, đính kèm bản chụp giấy tờ.",
        ),
        SubmissionMethod("buu_chinh"),
    )
    assert procedure.documents == (
        RequiredDocument(
            "Tờ khai đề nghị cấp giấy phép nuôi chim bồ câu đưa thư theo Mẫu số 01 ban hành kèm theo Thông tư số 99/2024/TT-BNNMT",
            "Mau01.docx",
            "1 bản chính",
            group="Giấy tờ phải nộp",
        ),
        RequiredDocument(
            "Sơ đồ chuồng nuôi (vẽ tay, ghi kích thước: 02 bản chính nếu nộp trực tiếp)",
            quantity="1 bản chính, 1 bản sao",
            group="Giấy tờ phải nộp",
        ),
        RequiredDocument("Ảnh chụp chuồng nuôi", quantity="1 bản sao", group="Giấy tờ phải nộp"),
        RequiredDocument("Thẻ căn cước hoặc Căn cước công dân", quantity="1 bản chính", must_present=True, group="Giấy tờ phải xuất trình"),
    )
    assert procedure.notes == ("Trường hợp nộp trực tuyến thì không phải xuất trình bản chính",)
    assert procedure.legal_bases == (
        LegalBasis("Luật Chăn nuôi", "32/2018/QH14"),
        LegalBasis("Thông tư số 99/2024/TT-BNNMT ngày 01/7/2024 của Bộ Nông nghiệp và Môi trường", "99/2024/TT-BNNMT"),
        LegalBasis("Nghị định 13/2020/NĐ-CP", "13/2020/NĐ-CP"),
    )
    assert procedure.result == "Giấy phép nuôi chim bồ câu đưa thư; Văn bản từ chối (nêu rõ lý do)"
    assert procedure.requirements == "Chuồng nuôi cách nhà ở ít nhất 5 mét."


def test_sections_come_from_the_page_text_not_the_crawler_cut(sample):
    # The crawler cut the steps at "(Thành phần hồ sơ" quoted inside them.
    steps = sample["9.900001"].steps
    assert steps.startswith("Bước 1: Người đề nghị chuẩn bị hồ sơ theo mục (Thành phần hồ sơ) và nộp")
    assert steps.endswith("Chủ tịch Ủy ban nhân dân cấp xã cấp giấy phép.")


def test_portal_record_without_page_text_uses_its_fields(fixtures_dir: Path):
    line = (fixtures_dir / "procedures" / "sample.jsonl").read_text(encoding="utf-8").splitlines()[0]
    record = json.loads(line)
    del record["raw_text"]
    procedure = parse_portal_record(record)
    assert [m.channel for m in procedure.methods] == ["truc_tiep", "truc_tuyen", "buu_chinh"]
    assert [b.number for b in procedure.legal_bases] == ["32/2018/QH14", "99/2024/TT-BNNMT", "13/2020/NĐ-CP"]
    assert procedure.result.startswith("Giấy phép nuôi chim bồ câu đưa thư")


def test_ministry_of_defence_record_becomes_the_same_structure(sample):
    procedure = sample["9.900002"]
    assert procedure.title == "Thủ tục đăng ký tham gia hội thao bắn súng truyền thống"
    assert procedure.level == "Cấp bộ, Cấp xã"
    assert procedure.agency == "Ban Chỉ huy quân sự cấp xã"
    assert procedure.methods == (
        SubmissionMethod("truc_tiep", "10 Ngày làm việc", "Lệ phí: 0 Đồng"),
        SubmissionMethod("buu_chinh", "12 Ngày làm việc", "", "Gửi qua bưu điện"),
    )
    assert procedure.documents == (
        RequiredDocument("Đơn đăng ký tham gia hội thao", "Mau01-HoiThao.docx", "1 bản chính"),
        RequiredDocument("Giấy khám sức khỏe", quantity="1 bản sao"),
    )
    # The number cells "12" and "34/2023" are completed from the summary.
    assert procedure.legal_bases == (
        LegalBasis("Quyết định số 12/2021/QĐ-TTg ngày 24/3/2021 của Thủ tướng Chính phủ", "12/2021/QĐ-TTg"),
        LegalBasis("Thông tư quy định về hội thao quốc phòng", "104/2024/TT-BQP"),
        LegalBasis(
            "Nghị định 34/2023/NĐ-CP ngày 16/06/2023 sửa đổi, bổ sung một số điều của Nghị định số 112/2014/NĐ-CP",
            "34/2023/NĐ-CP",
        ),
    )
    assert procedure.result == "Thẻ vận động viên hội thao."


def test_bad_lines_are_reported_with_their_number_and_the_rest_is_parsed(tmp_path: Path, fixtures_dir: Path):
    good = (fixtures_dir / "procedures" / "sample.jsonl").read_bytes().splitlines()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        b"\n".join(
            [
                good[0],
                b'{"ma_thu_tuc": "1.000001", "ten_thu_tuc": "Thu tuc',
                b"",
                b'["not", "an", "object"]',
                b'{"id": "x", "name": "unknown"}',
                '{"ma_thu_tuc": "", "ten_thu_tuc": "Thủ tục không mã"}'.encode(),
                b'{"ma_thu_tuc": "1.000002", "ten_thu_tuc": "H\xd4 t\xd2ch"}',  # an 8-bit legacy encoding
                good[1],
            ]
        )
    )
    batch = parse_procedures_file(path)
    assert [p.code for p in batch.procedures] == ["9.900001", "9.900002"]
    assert [error.line for error in batch.errors] == [2, 4, 5, 6, 7]
    messages = {error.line: error.message for error in batch.errors}
    assert "JSON không hợp lệ" in messages[2]
    assert "không phải đối tượng JSON" in messages[4]
    assert "không nhận ra định dạng" in messages[5]
    assert "thiếu mã thủ tục" in messages[6]
    assert "UTF-8" in messages[7]
    assert all(isinstance(error, LineError) for error in batch.errors)


def test_a_missing_file_is_bad_input(tmp_path: Path):
    with pytest.raises(BadInput, match="Không tìm thấy tệp"):
        parse_procedures_file(tmp_path / "absent.jsonl")


def test_a_record_of_unknown_shape_is_a_value_error():
    with pytest.raises(ValueError, match="metadata, content và tables"):
        parse_procedure_record({"metadata": [], "content": {}, "tables": {}})


@pytest.fixture(scope="module")
def birth_registration(shared_dir: Path):
    path = shared_dir / "knowledge" / "procedures" / "dichvucong.jsonl"
    with path.open(encoding="utf-8") as lines:
        line = next(line for line in lines if '"ma_thu_tuc": "1.001193"' in line)
    return parse_procedure_record(json.loads(line), "dichvucong.jsonl")


def test_birth_registration_from_the_shared_corpus(birth_registration):
    procedure = birth_registration
    assert (procedure.code, procedure.title, procedure.level) == ("1.001193", "Thủ tục đăng ký khai sinh", "Cấp xã")
    assert procedure.url == "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fe0-70ac-b9d6-5e9e20d6eef7"
    assert sorted(m.channel for m in procedure.methods) == ["buu_chinh", "truc_tiep", "truc_tuyen"]
    assert {m.fee for m in procedure.methods} == {"Miễn phí"}
    names = [d.name for d in procedure.documents]
    assert any(name.startswith("Tờ khai đăng ký khai sinh") for name in names)
    assert any(name.startswith("Giấy chứng sinh") for name in names)
    presented = [d.name for d in procedure.documents if d.must_present]
    assert any(name.startswith("Hộ chiếu/Thẻ căn cước công dân") for name in presented)
    assert all("họăc" not in name for name in names)
    assert procedure.notes and all(not d.group.startswith("Lưu ý") for d in procedure.documents)
    numbers = [b.number for b in procedure.legal_bases]
    assert {"123/2015/NĐ-CP", "60/2014/QH13", "87/2020/NĐ-CP", "66.7/2025/NQ-CP", "04/2020/TT-BTP"} <= set(numbers)
    assert len(numbers) == len(set(numbers)) == 15
    assert procedure.result == "Giấy khai sinh"


def test_the_ministry_of_defence_file_parses_whole(shared_dir: Path):
    batch = parse_procedures_file(shared_dir / "knowledge" / "procedures" / "bqp.jsonl")
    assert batch.errors == ()
    assert len(batch.procedures) == 207
    assert all(p.methods and p.documents for p in batch.procedures)


@pytest.mark.slow
def test_the_portal_file_parses_whole(shared_dir: Path):
    batch = parse_procedures_file(shared_dir / "knowledge" / "procedures" / "dichvucong.jsonl")
    assert batch.errors == ()
    assert len(batch.procedures) == 2642
    assert sum(1 for p in batch.procedures if p.methods and p.documents) > 2600
