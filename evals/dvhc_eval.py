"""The commune lookup (issue 15 part 5): how much of the merger resolutions it reads, and how well it finds.

    python -m evals.dvhc_eval [FOLDER] [--questions evals/data/dvhc_lookup.jsonl] [--out FILE.md]

FOLDER defaults to ``$TROLY_KNOWLEDGE/legal/sapxep-2025``. Three parts:

1. Coverage: the khoản of Điều 1 printed in each file (numbered lines counted in the text
   itself, between "Điều 1." and "Điều 2."), those the legal parser found, and those read into
   rows (``knowledge.dvhc.wording``). The closing khoản of each resolution counts the units it
   formed: they are compared with the new units the rows name, kind by kind.
2. The lookup on the 40 old units of ``evals/data/dvhc_lookup.jsonl`` (written before the
   matcher, see evals/data/README.md): right when it finds the unit and lists exactly the
   expected new units.
3. Bad input: an unknown unit, an empty query, a district alone, a name shared by several units.

The report goes to evals/reports/dvhc.md.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from evals.markdown import command_line, table, write_report
from knowledge.dvhc import UnitLookup, read_resolution
from knowledge.dvhc.wording import ResolutionReading
from knowledge.models import ParsedLegalDocument
from knowledge.parsing.legal import parse_legal_text
from knowledge.parsing.uploads import read_text
from knowledge.settings import Settings

REPORTS = Path(__file__).resolve().parent / "reports"
QUESTIONS = Path(__file__).resolve().parent / "data" / "dvhc_lookup.jsonl"
TARGET_READ = 0.99
TARGET_FOUND = 0.95
_ARTICLE_ONE = re.compile(r"^Điều 1\.(.*?)^Điều 2\.", re.MULTILINE | re.DOTALL)
_KHOAN_LINE = re.compile(r"^\d+\.(?!\d)", re.MULTILINE)  # "57. Sau khi", also glued "9.Sắp xếp"
# (query, the status a user must get, what it checks)
BAD_INPUT: tuple[tuple[str, str, str], ...] = (
    ("phường Bến Ngé", "not_found", "a misspelt unit: close names suggested"),
    ("xa Tan Thanh Dongg", "not_found", "a misspelt unit without diacritics"),
    ("xã Hoàn Toàn Không Có", "not_found", "a unit that does not exist"),
    ("", "empty", "an empty query"),
    ("   ,  ", "empty", "only punctuation"),
    ("Quận 3", "district_only", "a district alone"),
    ("huyen Cu Chi", "district_only", "a district alone, without diacritics"),
    ("Phường 1", "ambiguous", "a numbered ward without its district"),
    ("phuong 12", "ambiguous", "the same, without diacritics"),
    ("xã Tân Thành", "ambiguous", "a name found in many provinces"),
    ("xa long hoa", "ambiguous", "a name found in several districts"),
)


@dataclass(frozen=True)
class FileCount:
    number: str
    printed: int  # numbered lines of Điều 1 in the text
    parsed: int  # khoản the legal parser found in Điều 1
    read: int  # khoản read into rows (the closing one: read, whether or not it lists units kept)
    closing_agrees: bool
    unread: tuple[str, ...]
    not_units: tuple[str, ...]  # words of a khoản that named no unit (land areas)


def coverage(folder: Path) -> tuple[list[FileCount], list[ParsedLegalDocument]]:
    """The counts of each resolution in ``folder``, and every document parsed there."""
    counts, documents = [], []
    for path in sorted(folder.glob("*.txt")):
        text = read_text(path).text
        article = _ARTICLE_ONE.search(unicodedata.normalize("NFC", text))
        printed = len(_KHOAN_LINE.findall(article.group(1))) if article else 0
        for parsed in parse_legal_text(text, path.name, path.stem, path.suffix):
            documents.append(parsed)
            reading = read_resolution(parsed)
            if reading is None:
                continue
            new_units = {(r.khoan, r.new_unit) for k in reading.khoans if k.form in ("formation", "rename") for r in k.rows}
            closing = [k for k in reading.khoans if k.form == "closing"]
            counts.append(FileCount(
                reading.number,
                printed,
                len(parsed.articles[0].khoans),
                sum(1 for k in reading.khoans if k.form == "closing" or k.rows),
                len(closing) == 1 and Counter(unit.kind for _, unit in new_units) == Counter(dict(closing[0].formed)),
                tuple(k.khoan for k in reading.khoans if k.form != "closing" and not k.rows),
                tuple(f"khoản {k.khoan}: {k.problem}" for k in reading.khoans if k.problem),
            ))
    return counts, documents


def score(lookup: UnitLookup, questions: Path) -> list[dict]:
    results = []
    for line in questions.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        match = lookup.find(item["query"])
        got = sorted((r.khoan, r.new_unit.label) for u in match.units for r in u.rows) if match.status == "found" else []
        expected = sorted((e["khoan"], e["new_unit"]) for e in item["expected"])
        shares = {(r.khoan, r.new_unit.label): r.share for u in match.units for r in u.rows}
        share_right = all(
            shares.get((e["khoan"], e["new_unit"])) in (e["share"], "renamed" if e["share"] == "full" else e["share"])
            for e in item["expected"]
        )
        results.append({**item, "status": match.status, "got": got, "right": got == expected, "share_right": share_right,
                        "candidates": [u.label for u in match.units]})
    return results


def bad_input(lookup: UnitLookup) -> list[tuple[str, str, str, str, str]]:
    rows = []
    for query, wanted, what in BAD_INPUT:
        match = lookup.find(query)
        shown = "; ".join(match.suggestions) or "; ".join(u.label for u in match.units[:3])
        rows.append((query, what, wanted, match.status, shown))
    return rows


def report(
    counts: list[FileCount], readings: list[ResolutionReading], results: list[dict], bad: list, questions: Path, argv
) -> str:
    printed = sum(c.printed for c in counts)
    parsed = sum(c.parsed for c in counts)
    read = sum(c.read for c in counts)
    rows = sum(len(r.rows) for r in readings)
    forms = Counter(k.form for r in readings for k in r.khoans)
    shares = Counter(row.share for r in readings for row in r.rows)
    right = sum(r["right"] for r in results)
    lines = [
        "# Đơn vị hành chính sau sắp xếp: the commune lookup",
        "",
        f"`{command_line('evals.dvhc_eval', argv)}` — {len(counts)} resolutions, {len(results)} lookup questions.",
        "",
        "## Khoản of Điều 1 read into rows",
        "",
        f"- printed in the texts: **{printed}**; found by the legal parser: {parsed}; read: **{read}** "
        f"(**{read / printed:.1%}**, target ≥ {TARGET_READ:.0%})",
        f"- forms: {forms['formation']} formations (\"Sắp xếp …\", \"Nhập …\"), {forms['rename']} renamings (\"Đổi tên …\"), "
        f"{forms['closing']} closing khoản, {forms['unread']} unread",
        f"- {rows} rows: " + ", ".join(f"{n} {share}" for share, n in shares.most_common()),
        f"- the closing khoản's count of units formed agrees with the rows, kind by kind, in "
        f"{sum(c.closing_agrees for c in counts)} of {len(counts)} resolutions",
        "",
        table(
            ["resolution", "printed", "parsed", "read", "closing count agrees", "unread", "words that named no unit"],
            [[c.number, str(c.printed), str(c.parsed), str(c.read), "yes" if c.closing_agrees else "**no**",
              ", ".join(c.unread) or "—", "; ".join(c.not_units) or "—"] for c in counts],
        ),
        "",
        f"## Lookup: {len(results)} old units (`{questions.name}`)",
        "",
        f"Right new unit(s): **{right}/{len(results)} = {right / len(results):.1%}** (target ≥ {TARGET_FOUND:.0%}); "
        f"the share (full, partial, remainder, unchanged) also right for {sum(r['right'] and r['share_right'] for r in results)}.",
        "",
        table(["case", "units", "right"], [
            [case, str(n), str(sum(r["right"] for r in results if r["case"] == case))]
            for case, n in Counter(r["case"] for r in results).most_common()
        ]),
        "",
        table(["typed", "units", "right"], [
            [label, str(sum(1 for r in results if r["diacritics"] == flag)),
             str(sum(r["right"] for r in results if r["diacritics"] == flag))]
            for label, flag in (("with diacritics", True), ("without diacritics", False))
        ]),
        "",
        table(["id", "query", "status", "expected", "got"], [
            [r["id"], r["query"], r["status"], "; ".join(f"k{e['khoan']} {e['new_unit']}" for e in r["expected"]),
             "; ".join(f"k{k} {u}" for k, u in r["got"]) or "; ".join(r["candidates"][:3])]
            for r in results if not r["right"]
        ]) if right < len(results) else "Every unit was found with exactly its expected new units.",
        "",
        "## Bad input",
        "",
        f"{sum(row[2] == row[3] for row in bad)} of {len(bad)} give the status a user must get.",
        "",
        table(["query", "what", "expected", "got", "suggested or candidates (first 3)"], [list(row) for row in bad]),
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", help="the merger resolutions (default: $TROLY_KNOWLEDGE/legal/sapxep-2025)")
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--out", default=str(REPORTS / "dvhc.md"))
    args = parser.parse_args(argv)
    folder = Path(args.folder) if args.folder else Settings.from_env().knowledge_dir / "legal" / "sapxep-2025"
    if not folder.is_dir():
        print(f"không có thư mục {folder} (no such folder)", file=sys.stderr)
        return 2
    counts, documents = coverage(folder)
    readings = [r for r in map(read_resolution, documents) if r is not None]
    lookup = UnitLookup.build(documents)
    results = score(lookup, Path(args.questions))
    bad = bad_input(lookup)
    out = Path(args.out)
    write_report(out.parent, out.name, report(counts, readings, results, bad, Path(args.questions), argv))
    printed, read = sum(c.printed for c in counts), sum(c.read for c in counts)
    right = sum(r["right"] for r in results)
    print(f"khoản read {read}/{printed} ({read / printed:.1%}); lookup right {right}/{len(results)} "
          f"({right / len(results):.1%}); bad input {sum(r[2] == r[3] for r in bad)}/{len(bad)} -> {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
