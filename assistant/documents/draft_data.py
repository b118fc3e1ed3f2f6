"""What a draft says, and how it is read and checked from a JSON or YAML file.

Field names are the Vietnamese terms of art without diacritics: ``co_quan`` (the
issuing body), ``ky_hieu_co_quan`` (its abbreviation in the ký hiệu), ``trich_yeu``
(the one-line summary), ``can_cu`` (legal bases), ``kinh_gui`` (addressees),
``noi_dung`` (body), ``noi_nhan`` (distribution list), ``nguoi_ky`` (signer).
``FIELDS`` documents each field; every problem of a file is reported at once.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from assistant.documents.doc_types import DOC_TYPES, DocType
from assistant.documents.format_rules import QUYEN_HAN_MARKS
from knowledge.errors import BadInput
from knowledge.text.normalize import normalize

MAX_DATA_BYTES = 1_000_000


@dataclass(frozen=True)
class Signer:
    """The signature block: quyền hạn ("KT. CHỦ TỊCH"), chức vụ, họ tên."""

    chuc_vu: str
    ho_ten: str
    quyen_han: str = ""


@dataclass(frozen=True)
class DraftData:
    doc_type: DocType
    co_quan: str
    ky_hieu_co_quan: str
    trich_yeu: str
    noi_nhan: tuple[str, ...]
    co_quan_chu_quan: str = ""
    don_vi_soan_thao: str = ""
    so: int | None = None
    dia_danh: str = ""
    ngay: date | None = None
    kinh_gui: tuple[str, ...] = ()
    can_cu: tuple[str, ...] = ()
    theo_de_nghi: str = ""
    tham_quyen: str = ""
    noi_dung: tuple[str, ...] = ()
    luu: str = ""
    nguoi_ky: Signer | None = None
    # giấy mời
    kinh_moi: str = ""
    ten_co_quan: str = ""
    cuoc_hop: str = ""
    chu_tri: str = ""
    thoi_gian: str = ""
    dia_diem: str = ""
    # biên bản
    thoi_gian_bat_dau: str = ""
    thanh_phan: tuple[str, ...] = ()
    chu_toa: str = ""
    thu_ky: str = ""
    thoi_gian_ket_thuc: str = ""

    @property
    def ky_hieu(self) -> list[str]:
        """The groups of the ký hiệu: ["QĐ", "UBND"], or ["UBND", "VP"] for a công văn."""
        if self.doc_type.abbreviation:
            return [self.doc_type.abbreviation, self.ky_hieu_co_quan]
        return [self.ky_hieu_co_quan, self.don_vi_soan_thao]

    @property
    def luu_line(self) -> str:
        """The last line of the nơi nhận: "Lưu: VT, VP." (Phụ lục I, Mục II, khoản 9)."""
        rest = self.luu or self.don_vi_soan_thao
        return f"Lưu: VT, {rest}." if rest else "Lưu: VT."


ALL = frozenset(DOC_TYPES)
DATED = frozenset(slug for slug, t in DOC_TYPES.items() if t.dated)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text | code | int | date | list | paragraphs | signer
    required: frozenset[str] = frozenset()
    allowed: frozenset[str] = ALL
    examples: str = ""


FIELDS: tuple[Field, ...] = (
    Field(
        "co_quan_chu_quan", "tên cơ quan chủ quản trực tiếp", "text", examples="ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    ),
    Field("co_quan", "tên cơ quan ban hành", "text", ALL, examples="SỞ TƯ PHÁP"),
    Field("ky_hieu_co_quan", "chữ viết tắt tên cơ quan ban hành", "code", ALL, examples="UBND"),
    Field("don_vi_soan_thao", "chữ viết tắt tên đơn vị soạn thảo", "code", frozenset({"cong-van"}), examples="VP"),
    Field("so", "số văn bản", "int", examples="15"),
    Field("dia_danh", "địa danh", "text", DATED, examples="TP. Hồ Chí Minh"),
    Field("ngay", "ngày ban hành (YYYY-MM-DD)", "date", examples="2024-01-05"),
    Field("trich_yeu", "trích yếu nội dung", "text", ALL, examples="Về việc tổ chức hội nghị"),
    Field(
        "kinh_gui",
        "nơi nhận “Kính gửi”",
        "list",
        frozenset({"cong-van"}),
        frozenset({"cong-van", "to-trinh", "bao-cao"}),
    ),
    Field("can_cu", "căn cứ ban hành", "list", frozenset({"quyet-dinh"}), ALL - {"giay-moi", "bien-ban", "cong-van"}),
    Field("theo_de_nghi", "đề nghị của đơn vị trình", "text", allowed=frozenset({"quyet-dinh"})),
    Field(
        "tham_quyen",
        "thẩm quyền ban hành",
        "text",
        frozenset({"quyet-dinh"}),
        frozenset({"quyet-dinh"}),
        examples="CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",
    ),
    Field("noi_dung", "nội dung văn bản", "paragraphs", ALL - {"giay-moi"}),
    Field("noi_nhan", "nơi nhận", "list", ALL),
    Field("luu", "đơn vị lưu sau “Lưu: VT,”", "text"),
    Field("nguoi_ky", "người ký {quyen_han, chuc_vu, ho_ten}", "signer", ALL - {"bien-ban"}, ALL - {"bien-ban"}),
    Field("kinh_moi", "người hoặc cơ quan được mời", "text", frozenset({"giay-moi"}), frozenset({"giay-moi"})),
    Field("cuoc_hop", "tên (nội dung) cuộc họp", "text", allowed=frozenset({"giay-moi"})),
    Field(
        "ten_co_quan",
        "tên cơ quan viết trong câu “… trân trọng kính mời”",
        "text",
        allowed=frozenset({"giay-moi"}),
        examples="Ủy ban nhân dân Quận 1",
    ),
    Field("chu_tri", "người chủ trì", "text", allowed=frozenset({"giay-moi"})),
    Field("thoi_gian", "thời gian họp", "text", frozenset({"giay-moi"}), frozenset({"giay-moi"})),
    Field("dia_diem", "địa điểm", "text", frozenset({"giay-moi", "bien-ban"}), frozenset({"giay-moi", "bien-ban"})),
    Field("thoi_gian_bat_dau", "thời gian bắt đầu", "text", frozenset({"bien-ban"}), frozenset({"bien-ban"})),
    Field("thanh_phan", "thành phần tham dự", "list", frozenset({"bien-ban"}), frozenset({"bien-ban"})),
    Field("chu_toa", "họ tên chủ tọa", "text", frozenset({"bien-ban"}), frozenset({"bien-ban"})),
    Field("thu_ky", "họ tên thư ký", "text", frozenset({"bien-ban"}), frozenset({"bien-ban"})),
    Field("thoi_gian_ket_thuc", "thời gian kết thúc", "text", frozenset({"bien-ban"}), frozenset({"bien-ban"})),
)
_FIELDS = {f.name: f for f in FIELDS}


def doc_type(slug: str) -> DocType:
    try:
        return DOC_TYPES[slug]
    except KeyError:
        raise BadInput(f"loại văn bản không hỗ trợ: “{slug}” (chọn một trong: {', '.join(DOC_TYPES)})") from None


def _text(value, problems: list[str], name: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        problems.append(f"{name}: phải là một chuỗi chữ")
        return ""
    return normalize(value).strip()


def _convert(spec: Field, value, problems: list[str]):
    name = spec.name
    if spec.kind == "text":
        return _text(value, problems, name)
    if spec.kind == "code":
        code = _text(value, problems, name)
        if code and not all(part.isalnum() and part.upper() == part for part in code.split("-")):
            problems.append(
                f"{name}: chữ viết tắt viết liền, in hoa, các nhóm nối bằng dấu “-” (ví dụ “{spec.examples}”), nhận được “{code}”"
            )
        return code
    if spec.kind == "int":
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            and not (isinstance(value, str) and value.strip().isdigit())
        ):
            problems.append(f"{name}: phải là một số nguyên dương, nhận được “{value}”")
            return None
        number = int(value)
        if number <= 0:
            problems.append(f"{name}: phải là một số nguyên dương, nhận được {number}")
        return number
    if spec.kind == "date":
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            problems.append(f"{name}: ngày phải có dạng YYYY-MM-DD (ví dụ 2024-01-05), nhận được “{value}”")
            return None
    if spec.kind in ("list", "paragraphs"):
        if isinstance(value, str):
            parts = value.split("\n\n") if spec.kind == "paragraphs" else value.split("\n")
        elif isinstance(value, list):
            parts = value
        else:
            problems.append(f"{name}: phải là một danh sách chuỗi chữ")
            return ()
        items = tuple(t for t in (_text(v, problems, name) for v in parts) if t)
        return items
    return _signer(value, problems)


def _signer(value, problems: list[str]) -> Signer | None:
    if not isinstance(value, Mapping):
        problems.append("nguoi_ky: phải có dạng {quyen_han, chuc_vu, ho_ten}")
        return None
    unknown = set(value) - {"quyen_han", "chuc_vu", "ho_ten"}
    if unknown:
        problems.append(f"nguoi_ky: trường không hỗ trợ: {', '.join(sorted(map(str, unknown)))}")
    texts = {k: _text(value.get(k, ""), problems, f"nguoi_ky.{k}") for k in ("quyen_han", "chuc_vu", "ho_ten")}
    for key, label in (("chuc_vu", "chức vụ người ký"), ("ho_ten", "họ tên người ký")):
        if not texts[key]:
            problems.append(f"nguoi_ky.{key}: thiếu {label}")
    quyen_han = texts["quyen_han"]
    if quyen_han and not quyen_han.upper().startswith(QUYEN_HAN_MARKS):
        problems.append(
            f"nguoi_ky.quyen_han: bắt đầu bằng một trong {', '.join(QUYEN_HAN_MARKS)} (ví dụ “KT. CHỦ TỊCH”),"
            f" nhận được “{quyen_han}”"
        )
    return Signer(texts["chuc_vu"], texts["ho_ten"], quyen_han)


def parse_draft_data(slug: str, raw: Mapping) -> DraftData:
    """Check a mapping read from JSON/YAML against the fields of the type; BadInput lists every problem."""
    kind = doc_type(slug)
    if not isinstance(raw, Mapping):
        raise BadInput("dữ liệu phải là một đối tượng (JSON object / YAML mapping) với các trường của văn bản")
    problems: list[str] = []
    values: dict = {}
    for key, value in raw.items():
        spec = _FIELDS.get(str(key))
        if spec is None:
            guess = difflib.get_close_matches(str(key), list(_FIELDS), n=1)
            problems.append(f"trường không hỗ trợ: “{key}”" + (f" (có phải “{guess[0]}”?)" if guess else ""))
        elif slug not in spec.allowed:
            problems.append(f"{key}: {spec.label} không dùng cho {kind.name.lower()}")
        elif value is not None:
            values[spec.name] = _convert(spec, value, problems)
    for spec in FIELDS:
        if slug in spec.required and not values.get(spec.name):
            example = f", ví dụ “{spec.examples}”" if spec.examples else ""
            problems.append(f"thiếu trường bắt buộc “{spec.name}” ({spec.label}{example})")
    if problems:
        raise BadInput(f"dữ liệu {kind.name.lower()} chưa hợp lệ:\n- " + "\n- ".join(problems))
    return DraftData(doc_type=kind, **values)


def load_draft_data(slug: str, path: Path) -> DraftData:
    """Read a .json, .yaml or .yml file of draft fields."""
    doc_type(slug)
    if not path.is_file():
        raise BadInput(f"không tìm thấy tệp dữ liệu: {path}")
    if path.stat().st_size > MAX_DATA_BYTES:
        raise BadInput(f"tệp dữ liệu quá lớn (hơn {MAX_DATA_BYTES // 1000} kB): {path}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput(f"tệp dữ liệu phải mã hóa UTF-8: {path}") from None
    try:
        if path.suffix.lower() == ".json":
            raw = json.loads(text)
        elif path.suffix.lower() in (".yaml", ".yml"):
            raw = yaml.safe_load(text)
        else:
            raise BadInput(f"tệp dữ liệu phải là .json, .yaml hoặc .yml: {path}")
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise BadInput(f"không đọc được {path.name}: {exc}") from None
    return parse_draft_data(slug, raw)
