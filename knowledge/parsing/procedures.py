"""Thủ tục hành chính (administrative procedures) from JSON-lines files, into ``Procedure``.

Two record formats are read, detected per line:

- the National Public Service Portal crawl (``dichvucong.jsonl``): flat Vietnamese
  field names (``ma_thu_tuc``, ``ten_thu_tuc``, ...) plus the page text ``raw_text``,
  whose tables lost their cell separators; ``portal_tables`` finds the cells again;
- the Ministry of Defence export (``bqp.jsonl``): ``metadata``, ``content`` and
  ``tables`` already split into rows.

A line that cannot be read is reported with its number in ``ProcedureBatch.errors``; the
other lines are still parsed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from knowledge.errors import BadInput
from knowledge.models import LegalBasis, Procedure, RequiredDocument, SubmissionMethod
from knowledge.parsing.citations import find_numbers
from knowledge.parsing.portal_tables import (
    CHANNELS,
    PortalSections,
    cell_text,
    parse_documents,
    parse_legal_bases,
    parse_methods,
    parse_results,
    split_portal_sections,
)
from knowledge.text.normalize import normalize


@dataclass(frozen=True)
class LineError:
    """A line of a procedures file that could not be read."""

    line: int
    message: str


@dataclass(frozen=True)
class ProcedureBatch:
    """What one procedures file gave: its procedures and the lines that failed."""

    procedures: tuple[Procedure, ...]
    errors: tuple[LineError, ...] = ()


class _RecordError(ValueError):
    """A record is valid JSON but not a procedure of a known format."""


def _text(value: Any) -> str:
    """A field's text, normalised; anything that is not a string counts as empty."""
    return cell_text(normalize(value)) if isinstance(value, str) else ""


def _rows(value: Any) -> list[dict[str, Any]]:
    return [row for row in value if isinstance(row, dict)] if isinstance(value, list) else []


def _level(text: str) -> str:
    """Cấp thực hiện written one way: "Cấp Bộ, Cấp Xã" becomes "Cấp bộ, Cấp xã" as on the portal."""
    return ", ".join(part[:1].upper() + part[1:].lower() for part in (p.strip() for p in text.split(",")) if part)


def _identity(code: str, title: str) -> tuple[str, str]:
    if not code or not title:
        raise _RecordError("thiếu mã thủ tục hoặc tên thủ tục (missing procedure code or title)")
    return code, title


# ---------------------------------------------------------------- portal records

def _portal_sections(record: dict[str, Any]) -> PortalSections:
    """The long sections, cut from ``raw_text`` when present.

    The crawler cut each field at the first occurrence of the next label, which goes
    wrong when a text mentions a label ("theo mục 5.3 (Thành phần hồ sơ)");
    ``split_portal_sections`` anchors each label on what must follow it.
    """
    raw_text = record.get("raw_text")
    if isinstance(raw_text, str) and raw_text:
        return split_portal_sections(raw_text)
    fields = {
        "steps": "trinh_tu_thuc_hien",
        "methods": "cach_thuc_thuc_hien",
        "documents": "thanh_phan_ho_so",
        "legal_bases": "can_cu_phap_ly",
        "agency": "co_quan_thuc_hien",
        "requirements": "yeu_cau_dieu_kien",
        "results": "ket_qua_xu_ly",
    }
    return PortalSections(**{name: record[key] if isinstance(record.get(key), str) else "" for name, key in fields.items()})


def parse_portal_record(record: dict[str, Any], source: str = "") -> Procedure:
    """A portal crawl record (``ma_thu_tuc``, ``raw_text``, ...) as a Procedure."""
    code, title = _identity(_text(record.get("ma_thu_tuc")), _text(record.get("ten_thu_tuc")))
    sections = _portal_sections(record)
    documents, notes = parse_documents(sections.documents)
    return Procedure(
        code=code,
        title=title,
        field=_text(record.get("linh_vuc")),
        level=_level(_text(record.get("cap_thuc_hien"))),
        agency=_text(sections.agency) or _text(record.get("co_quan_co_tham_quyen")),
        audience=_text(record.get("doi_tuong_thuc_hien")),
        steps=_text(sections.steps),
        methods=parse_methods(sections.methods),
        documents=documents,
        legal_bases=parse_legal_bases(sections.legal_bases),
        result="; ".join(parse_results(sections.results)),
        requirements=_text(sections.requirements),
        notes=notes,
        url=_text(record.get("detail_url")),
        source=source,
    )


# ---------------------------------------------------------------- Ministry of Defence records

def _bqp_method(row: dict[str, Any]) -> SubmissionMethod | None:
    channel = CHANNELS.get(_text(row.get("hinh_thuc")))
    if channel is None:
        return None
    return SubmissionMethod(
        channel=channel,
        processing_time=_text(row.get("thoi_han_giai_quyet")),
        fee=_text(row.get("phi_le_phi")).replace(" :", ":"),
        description=_text(row.get("mo_ta")),
    )


def _bqp_quantity(note: str) -> str:
    """ "Bản chính: 1\\nBản sao: 0" -> "1 bản chính", the portal's wording."""
    counts = dict.fromkeys(("bản chính", "bản sao"), 0)
    for line in note.splitlines():
        label, _, value = line.partition(":")
        if label.strip().lower() in counts and value.strip().isdigit():
            counts[label.strip().lower()] = int(value.strip())
    return ", ".join(f"{n} {label}" for label, n in counts.items() if n)


def _bqp_legal_basis(row: dict[str, Any]) -> LegalBasis | None:
    number_cell, summary = _text(row.get("so_ky_hieu")), _text(row.get("trich_yeu"))
    # The number cell is sometimes cut short ("12", "34/2023"); the summary has it whole.
    numbers = find_numbers(number_cell) or [n for n in find_numbers(summary) if n.startswith(f"{number_cell}/")]
    number = numbers[0] if numbers else None
    if not summary and not number:
        return None
    return LegalBasis(title=summary or number or "", number=number)


def parse_bqp_record(record: dict[str, Any], source: str = "") -> Procedure:
    """A Ministry of Defence record (``metadata``, ``content``, ``tables``) as a Procedure."""
    metadata, content, tables = (record.get(key) for key in ("metadata", "content", "tables"))
    if not (isinstance(metadata, dict) and isinstance(content, dict) and isinstance(tables, dict)):
        raise _RecordError("metadata, content và tables phải là đối tượng JSON (must be JSON objects)")
    code, title = _identity(_text(metadata.get("mã_thủ_tục")) or _text(record.get("thu_tuc_id")), _text(metadata.get("tên_thủ_tục")))
    methods = tuple(m for m in map(_bqp_method, _rows(tables.get("hinh_thuc_nop"))) if m)
    documents = tuple(
        RequiredDocument(
            name=_text(row.get("ten_giay_to")),
            form=_text(row.get("so_luong")),  # this export shifts the header: the form is under "số lượng"
            quantity=_bqp_quantity(_text(row.get("ghi_chu"))),
        )
        for row in _rows(tables.get("thanh_phan_ho_so"))
        if _text(row.get("ten_giay_to"))
    )
    bases = tuple(b for b in map(_bqp_legal_basis, _rows(tables.get("can_cu_phap_ly"))) if b)
    return Procedure(
        code=code,
        title=title,
        field=_text(metadata.get("lĩnh_vực")),
        level=_level(_text(metadata.get("cấp_thực_hiện"))),
        agency=_text(content.get("cơ_quan_thực_hiện")) or _text(content.get("cơ_quan_có_thẩm_quyền")),
        audience=_text(content.get("đối_tượng_thực_hiện")),
        steps=_text(content.get("trình_tự_thực_hiện")),
        methods=methods,
        documents=documents,
        legal_bases=bases,
        result=_text(content.get("kết_quả_thực_hiện")),
        requirements=_text(content.get("yêu_cầu_điều_kiện_thực_hiện")),
        source=source,
    )


# ---------------------------------------------------------------- files

def parse_procedure_record(record: Any, source: str = "") -> Procedure:
    """One decoded JSON record of either format as a Procedure.

    Raises ``ValueError`` (its message is for the person who gave the file) when the
    record is not a procedure of a known format.
    """
    if not isinstance(record, dict):
        raise _RecordError("bản ghi không phải đối tượng JSON (the record is not a JSON object)")
    if "ma_thu_tuc" in record:
        return parse_portal_record(record, source)
    if "metadata" in record and "tables" in record:
        return parse_bqp_record(record, source)
    raise _RecordError(
        "không nhận ra định dạng: cần 'ma_thu_tuc' (Cổng DVC) hoặc 'metadata' + 'tables' (BQP) "
        "(unknown record format)"
    )


MAX_DATASET_BYTES = 512 * 1024 * 1024
MAX_RECORD_BYTES = 1024 * 1024


def parse_procedures_file(path: Path, source: str | None = None) -> ProcedureBatch:
    """Every procedure of a JSON-lines file; bad lines are reported, not fatal.

    A dataset is a collection of records, so the size limits are per record
    (1 MB, about fifty times the largest portal record) and a generous one for
    the whole file. ``source`` names the file in each Procedure (default: the
    file name). Raises ``BadInput`` when the file cannot be read at all.
    """
    try:
        if path.stat().st_size > MAX_DATASET_BYTES:
            raise BadInput(f"Tệp {path} quá lớn (tối đa {MAX_DATASET_BYTES // 2**20} MB) (file too large)")
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise BadInput(f"Không tìm thấy tệp {path} (file not found)") from error
    except OSError as error:
        raise BadInput(f"Không đọc được tệp {path}: {error.strerror} (cannot read file)") from error
    source = path.name if source is None else source
    procedures: list[Procedure] = []
    errors: list[LineError] = []
    for number, raw_line in enumerate(data.splitlines(), start=1):
        if not raw_line.strip():
            continue
        if len(raw_line) > MAX_RECORD_BYTES:
            errors.append(LineError(number, f"bản ghi quá lớn ({len(raw_line):,} byte) (record too large)"))
            continue
        try:
            record = json.loads(raw_line.decode("utf-8-sig" if number == 1 else "utf-8"))
            procedures.append(parse_procedure_record(record, source))
        except UnicodeDecodeError:
            errors.append(LineError(number, "dòng không phải UTF-8 (the line is not UTF-8)"))
        except json.JSONDecodeError as error:
            errors.append(LineError(number, f"JSON không hợp lệ: {error.msg}, cột {error.colno} (invalid JSON)"))
        except _RecordError as error:
            errors.append(LineError(number, str(error)))
    return ProcedureBatch(tuple(procedures), tuple(errors))
