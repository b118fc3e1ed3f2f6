"""How much structure the procedure parser recovers from the procedure files.

For every ``*.jsonl`` under ``<knowledge>/procedures`` it counts the procedures that got
at least one submission method, one required document, one legal basis with a số hiệu,
a fee, a processing time (and one with its unit), a result; and shows, for each check,
failing procedures with what their source says in that place, so that a data gap
("Không có thông tin", an empty table) can be told from a parser miss.

    python -m evals.procedure_coverage [--knowledge DIR] [--out FILE] [--examples N]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from knowledge.models import Procedure
from knowledge.parsing.portal_tables import NO_INFORMATION, PortalSections, split_portal_sections
from knowledge.parsing.procedures import LineError, parse_procedures_file
from knowledge.settings import Settings

DEFAULT_REPORT = Path(__file__).resolve().parent / "reports" / "procedure_coverage.md"


_CHANNEL = "(?:Trực tiếp|Trực tuyến|Dịch vụ bưu chính)"
_HEADERS = re.compile(r"Hình thức nộpThời gianPhí, lệ phíMô tả|Tên giấy tờMẫu đơn, tờ khaiSố lượng|Tên văn bản pháp lýMã văn bản")


def _empty(text: str) -> bool:
    """Nothing but table headers, dashes, stars or "Không có thông tin"."""
    rest = _HEADERS.sub("", text).replace(NO_INFORMATION, "")
    return not rest.strip(" -*:\n")


def _bqp_cells(record: dict[str, Any], table: str, column: str) -> list[str]:
    rows = record.get("tables", {}).get(table, [])
    return [str(row.get(column) or "").strip() for row in rows if isinstance(row, dict)]


@dataclass(frozen=True)
class Check:
    """One property a procedure should have, and how to tell that its source lacks it."""

    name: str
    passes: Callable[[Procedure], bool]
    portal_section: str  # the portal section quoted when it fails
    portal_no_data: Callable[[str], bool]  # on that section's text
    bqp_table: str  # the Ministry of Defence table (or content field) quoted when it fails
    bqp_no_data: Callable[[dict[str, Any]], bool]  # on the whole record


CHECKS: tuple[Check, ...] = (
    Check(
        "≥ 1 submission method",
        lambda p: bool(p.methods),
        "methods",
        lambda text: not re.search(_CHANNEL, text),
        "hinh_thuc_nop",
        lambda r: not _bqp_cells(r, "hinh_thuc_nop", "hinh_thuc"),
    ),
    Check(
        "≥ 1 required document",
        lambda p: bool(p.documents),
        "documents",
        _empty,
        "thanh_phan_ho_so",
        lambda r: not any(_bqp_cells(r, "thanh_phan_ho_so", "ten_giay_to")),
    ),
    Check(
        "≥ 1 legal basis with a number",
        lambda p: any(b.number for b in p.legal_bases),
        "legal_bases",
        _empty,
        "can_cu_phap_ly",
        lambda r: not any(_bqp_cells(r, "can_cu_phap_ly", "so_ky_hieu") + _bqp_cells(r, "can_cu_phap_ly", "trich_yeu")),
    ),
    Check(
        "fee found",
        lambda p: any(m.fee for m in p.methods),
        "methods",
        lambda text: "Miễn phí" not in text and not re.search(r"\d\s?(?:VNĐ|VND|Việt Nam Đồng|Đồng|đồng|USD)", text),
        "hinh_thuc_nop",
        lambda r: not any(_bqp_cells(r, "hinh_thuc_nop", "phi_le_phi")),
    ),
    Check(
        "processing time found",
        lambda p: any(m.processing_time for m in p.methods),
        "methods",
        lambda text: not re.search(_CHANNEL + r"(?:\d|Không quy định|Không phải)", text),
        "hinh_thuc_nop",
        lambda r: not any(_bqp_cells(r, "hinh_thuc_nop", "thoi_han_giai_quyet")),
    ),
    Check(
        "processing time with its unit",
        lambda p: any(re.search(r"[^\W\d_]", m.processing_time) for m in p.methods),
        "methods",
        lambda text: not re.search(_CHANNEL + r"(?:\d+(?:[.,]\d+)?\s?(?:Ngày|Giờ|Tháng)|Không quy định|Không phải)", text),
        "hinh_thuc_nop",
        lambda r: not any(re.search(r"[^\W\d_]", cell) for cell in _bqp_cells(r, "hinh_thuc_nop", "thoi_han_giai_quyet")),
    ),
    Check(
        "result found",
        lambda p: bool(p.result),
        "results",
        lambda text: _empty(text.split("Từ khóa")[0]),
        "kết_quả_thực_hiện",
        lambda r: not str(r.get("content", {}).get("kết_quả_thực_hiện") or "").strip(),
    ),
)


@dataclass
class CheckResult:
    passed: int = 0
    failed_with_no_data: int = 0  # the source has nothing there
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (code, title, excerpt): the source has data
    gaps: list[tuple[str, str, str]] = field(default_factory=list)  # the same where the source has nothing


@dataclass
class FileCoverage:
    name: str
    procedures: int
    errors: tuple[LineError, ...]
    checks: dict[str, CheckResult]


def _source(record: dict[str, Any], sections: PortalSections | None, check: Check) -> tuple[str, bool]:
    """What the record holds where the check looks (one line of text), and whether that is nothing."""
    if sections is not None:
        text = getattr(sections, check.portal_section)
        return " ".join(text.split()), check.portal_no_data(text)
    value = record.get("tables", {}).get(check.bqp_table, record.get("content", {}).get(check.bqp_table, ""))
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return " ".join(text.split()), check.bqp_no_data(record)


def measure(path: Path, examples: int) -> FileCoverage:
    batch = parse_procedures_file(path)
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            code = record.get("ma_thu_tuc") or record.get("thu_tuc_id")
            records[code] = record
    results = {check.name: CheckResult() for check in CHECKS}
    for procedure in batch.procedures:
        record = records[procedure.code]
        sections = split_portal_sections(record["raw_text"]) if "raw_text" in record else None
        for check in CHECKS:
            result = results[check.name]
            if check.passes(procedure):
                result.passed += 1
                continue
            excerpt, no_data = _source(record, sections, check)
            result.failed_with_no_data += no_data
            kept = result.gaps if no_data else result.misses
            if len(kept) < examples:
                kept.append((procedure.code, procedure.title, excerpt[:220]))
    return FileCoverage(path.name, len(batch.procedures), batch.errors, results)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def render(coverages: list[FileCoverage], command: str) -> str:
    lines = [
        "# Procedure parser coverage",
        "",
        f"Produced by `{command}`.",
        "",
        "\"No data in source\" counts failures where the source has nothing in that place: an empty",
        "table, \"Không có thông tin\", only \"--\"; for fees no \"Miễn phí\" or amount at all; for times",
        "no time cell (or, for \"with its unit\", only bare numbers such as \"1\").",
        "",
    ]
    for coverage in coverages:
        n = coverage.procedures
        lines += [f"## {coverage.name}: {n} procedures, {len(coverage.errors)} unreadable lines", ""]
        lines += ["| check | passed | % | failed | of which no data in source |", "|---|---|---|---|---|"]
        for name, result in coverage.checks.items():
            failed = n - result.passed
            lines.append(f"| {name} | {result.passed} | {_percent(result.passed, n)} | {failed} | {result.failed_with_no_data} |")
        lines.append("")
        for error in coverage.errors[:10]:
            lines.append(f"- line {error.line}: {error.message}")
        for name, result in coverage.checks.items():
            for kind, failures in (("parser misses: the source has data", result.misses), ("no data in source", result.gaps)):
                if failures:
                    lines += [f"### {coverage.name} — failed \"{name}\", {kind} (examples)", ""]
                    lines += [f"- `{code}` {title[:90]}: `{excerpt or '(empty)'}`" for code, title, excerpt in failures]
                    lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--knowledge", type=Path, default=None, help="knowledge folder (default: TROLY_KNOWLEDGE)")
    parser.add_argument("--out", type=Path, default=DEFAULT_REPORT, help="markdown report to write")
    parser.add_argument("--examples", type=int, default=8, help="failing examples shown per check")
    args = parser.parse_args(argv)
    knowledge = args.knowledge or Settings.from_env().knowledge_dir
    files = sorted((knowledge / "procedures").glob("*.jsonl"))
    if not files:
        print(f"no procedure files under {knowledge / 'procedures'}", file=sys.stderr)
        return 2
    coverages = [measure(path, args.examples) for path in files]
    command = "python -m evals.procedure_coverage" + (f" --knowledge {args.knowledge}" if args.knowledge else "")
    report = render(coverages, command)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report + "\n", encoding="utf-8")
    for coverage in coverages:
        figures = ", ".join(f"{name} {_percent(r.passed, coverage.procedures)}" for name, r in coverage.checks.items())
        print(f"{coverage.name}: {coverage.procedures} procedures, {len(coverage.errors)} bad lines; {figures}")
    print(f"report: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
