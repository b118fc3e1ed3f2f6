"""Review findings: stable codes, severities, and the JSON of ``troly review --json``.

Codes of the format checks start with ``ND30.`` (Nghị định 30/2020/NĐ-CP), the
legal-basis ones with ``LEGAL_BASIS_``, those on units abolished by the 2025 merger with ``DVHC.``
(``assistant.documents.abolished_units``). ``CODES`` is the catalogue: each code's
default severity and what it means; the evaluation groups codes into families.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]

CODES: dict[str, tuple[Severity, str]] = {
    "ND30.QUOC_HIEU_MISSING": ("error", "thiếu Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”"),
    "ND30.QUOC_HIEU_FORMAT": ("error", "Quốc hiệu không viết bằng chữ in hoa"),
    "ND30.TIEU_NGU_MISSING": ("error", "thiếu Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”"),
    "ND30.TIEU_NGU_FORMAT": ("warning", "Tiêu ngữ sai cách viết (chữ in thường, viết hoa chữ đầu, gạch nối)"),
    "ND30.CO_QUAN_MISSING": ("error", "thiếu tên cơ quan, tổ chức ban hành"),
    "ND30.SO_KY_HIEU_MISSING": ("error", "thiếu số, ký hiệu văn bản"),
    "ND30.SO_KY_HIEU_FORMAT": ("error", "số, ký hiệu sai quy cách (dấu hai chấm, số 0, chữ viết tắt tên loại)"),
    "ND30.DATE_MISSING": ("error", "thiếu địa danh và thời gian ban hành"),
    "ND30.DATE_FORMAT": ("error", "thời gian ban hành sai quy cách (số 0, viết đầy đủ, dấu phẩy)"),
    "ND30.DIA_DANH_MISSING": ("error", "thiếu địa danh trước ngày tháng năm"),
    "ND30.TEN_LOAI_MISSING": ("error", "thiếu tên loại văn bản"),
    "ND30.TEN_LOAI_FORMAT": ("error", "tên loại văn bản không viết bằng chữ in hoa"),
    "ND30.TRICH_YEU_MISSING": ("error", "thiếu trích yếu nội dung"),
    "ND30.KINH_GUI_MISSING": ("error", "công văn thiếu “Kính gửi”"),
    "ND30.CAN_CU_MISSING": ("error", "quyết định thiếu căn cứ ban hành"),
    "ND30.CAN_CU_FORMAT": ("warning", "căn cứ ban hành sai dấu câu cuối dòng"),
    "ND30.NOI_NHAN_MISSING": ("error", "thiếu nơi nhận"),
    "ND30.NOI_NHAN_FORMAT": ("warning", "nơi nhận thiếu dòng “Lưu: VT, …”"),
    "ND30.CHUC_VU_MISSING": ("error", "thiếu quyền hạn, chức vụ của người ký"),
    "ND30.NGUOI_KY_MISSING": ("error", "thiếu họ tên người ký"),
    "ND30.QUYEN_HAN_FORMAT": ("warning", "chữ viết tắt quyền hạn ký sai (TM., Q., KT., TL., TUQ.)"),
    "ND30.PAGE_SIZE": ("error", "khổ giấy không phải A4"),
    "ND30.MARGIN": ("error", "lề trang ngoài khoảng quy định"),
    "ND30.FONT": ("error", "phông chữ không phải Times New Roman"),
    "ND30.FONT_SIZE": ("error", "cỡ chữ ngoài khoảng quy định cho thành phần"),
    "ND30.FONT_STYLE": ("error", "kiểu chữ (đậm, nghiêng, đứng) sai quy định cho thành phần"),
    "DRAFT_INCOMPLETE": ("warning", "dự thảo còn chỗ “[cần bổ sung: …]”"),
    "LEGAL_BASIS_REPEALED": ("error", "văn bản được viện dẫn đã hết hiệu lực"),
    "LEGAL_BASIS_PARTIALLY_REPEALED": ("warning", "văn bản được viện dẫn đã hết hiệu lực một phần"),
    "LEGAL_BASIS_AMENDED": ("warning", "văn bản được viện dẫn đã được sửa đổi, bổ sung"),
    "LEGAL_BASIS_UNKNOWN": ("warning", "không xác định được văn bản được viện dẫn hoặc hiệu lực của nó"),
    "LEGAL_BASIS_UNCHECKED": ("info", "chưa kiểm tra hiệu lực căn cứ: không có cơ sở dữ liệu văn bản"),
    "DVHC.CAP_HUYEN_ABOLISHED": ("error", "gửi văn bản, giao việc cho cấp huyện, không còn từ 01/7/2025"),
    "DVHC.UNIT_MERGED": ("error", "gửi văn bản, giao việc cho phường, xã, thị trấn đã sắp xếp, không còn từ 01/7/2025"),
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    location: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "severity": self.severity, "message": self.message, "location": self.location}


def finding(code: str, message: str, location: str) -> Finding:
    """A finding with its code's default severity."""
    return Finding(code, CODES[code][0], message, location)


@dataclass(frozen=True)
class CitedStatus:
    number: str  # the số hiệu, or the title as written when the document is cited by name only
    status: str  # in_force | amended | partially_repealed | repealed | unknown

    def to_dict(self) -> dict[str, str]:
        return {"number": self.number, "status": self.status}


@dataclass(frozen=True)
class ReviewResult:
    findings: tuple[Finding, ...]
    cited_documents: tuple[CitedStatus, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "error")

    def to_dict(self) -> dict:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "cited_documents": [c.to_dict() for c in self.cited_documents],
        }
