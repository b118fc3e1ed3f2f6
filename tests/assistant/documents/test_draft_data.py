import json
from datetime import date

import pytest

from assistant.documents.doc_types import DOC_TYPES
from assistant.documents.draft_data import load_draft_data, parse_draft_data
from knowledge.errors import BadInput


def test_every_fixture_type_loads(data_dir_documents):
    for slug in DOC_TYPES:
        data = load_draft_data(slug, data_dir_documents / f"{slug}.yaml")
        assert data.doc_type.slug == slug


def test_fields_are_read_and_derived(data_dir_documents):
    data = load_draft_data("cong-van", data_dir_documents / "cong-van.yaml")
    assert data.ngay == date(2024, 2, 2)
    assert data.ky_hieu == ["STP", "VP"]
    assert data.luu_line == "Lưu: VT, VP."
    assert data.kinh_gui[0] == "Ủy ban nhân dân các quận, huyện"
    assert data.nguoi_ky.quyen_han == "KT. GIÁM ĐỐC"
    qd = load_draft_data("quyet-dinh", data_dir_documents / "quyet-dinh.yaml")
    assert qd.ky_hieu == ["QĐ", "UBND"] and qd.so == 15


def test_json_is_read_as_well(tmp_path, data_dir_documents):
    import yaml

    raw = yaml.safe_load((data_dir_documents / "thong-bao.yaml").read_text(encoding="utf-8"))
    raw["ngay"] = raw["ngay"].isoformat()
    path = tmp_path / "tb.json"
    path.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    assert load_draft_data("thong-bao", path).ngay == date(2024, 2, 1)


def test_every_problem_is_reported_at_once():
    with pytest.raises(BadInput) as error:
        parse_draft_data("cong-van", {"co_quan": "SỞ TƯ PHÁP", "trichyeu": "x", "ngay": "05/01/2024", "so": "mười"})
    message = str(error.value)
    for expected in (
        "“trichyeu” (có phải “trich_yeu”?)",
        "ngay: ngày phải có dạng YYYY-MM-DD",
        "so: phải là một số nguyên dương",
        "thiếu trường bắt buộc “ky_hieu_co_quan”",
        "thiếu trường bắt buộc “kinh_gui”",
        "thiếu trường bắt buộc “nguoi_ky”",
    ):
        assert expected in message


@pytest.mark.parametrize(
    "slug, raw, problem",
    [
        ("xyz", {}, "loại văn bản không hỗ trợ"),
        ("quyet-dinh", [], "phải là một đối tượng"),
        ("thong-bao", {"kinh_moi": "ai đó"}, "không dùng cho thông báo"),
        ("quyet-dinh", {"ky_hieu_co_quan": "ubnd q1"}, "in hoa"),
        ("quyet-dinh", {"nguoi_ky": {"quyen_han": "KÝ THAY CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH"}}, "KT. CHỦ TỊCH"),
        ("quyet-dinh", {"nguoi_ky": {"chuc_vu": "PHÓ CHỦ TỊCH"}}, "nguoi_ky.ho_ten: thiếu họ tên"),
        ("quyet-dinh", {"so": 0}, "số nguyên dương"),
    ],
)
def test_invalid_fields(slug, raw, problem):
    with pytest.raises(BadInput, match=problem):
        parse_draft_data(slug, raw)


@pytest.mark.parametrize(
    "content, name, problem",
    [
        ("co_quan: [unclosed", "x.yaml", "không đọc được"),
        ("{}", "x.toml", ".json, .yaml hoặc .yml"),
        ('{"co_quan": ', "x.json", "không đọc được"),
    ],
)
def test_unreadable_data_files(tmp_path, content, name, problem):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BadInput, match=problem):
        load_draft_data("quyet-dinh", path)


def test_missing_data_file(tmp_path):
    with pytest.raises(BadInput, match="không tìm thấy"):
        load_draft_data("quyet-dinh", tmp_path / "none.yaml")
