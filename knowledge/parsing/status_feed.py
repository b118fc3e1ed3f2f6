"""Validity feeds: dated statuses of văn bản, kept by a deployment in step with vbpl.vn.

A feed is a UTF-8 file of tab-separated values with a header line naming at least
these columns (in any order; other columns are ignored)::

    number	title	status	since	replaced_by	basis
    45/2013/QH13	Luật Đất đai	repealed	2024-08-01	31/2024/QH15	Khoản 4 Điều 252 Luật Đất đai số 31/2024/QH15; …

- ``number``: the số hiệu, as the registry reads it (``number_key``: "30/2020/ND-CP" is
  "30/2020/NĐ-CP");
- ``title``: the document's name ("Luật Đất đai");
- ``status``: ``repealed``, ``partially_repealed``, ``amended`` or ``in_force``;
- ``since``: the day the status took effect, ``YYYY-MM-DD`` (may be empty for ``in_force``:
  in force, date not stated);
- ``replaced_by``: comma-separated numbers of the replacing documents (for ``amended``: the
  amending ones; empty for ``in_force``);
- ``basis``: where the status comes from, shown to the reader.

Blank lines are skipped. Reading is all or nothing: any bad line raises ``BadInput``
naming the file and the line — an unknown status word, a malformed or impossible date,
a number the registry cannot read, a missing column, two rows for one document that
disagree, a document replaced by itself or a replacement cycle (A → B → A, also across
rows), bytes that are not UTF-8.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Iterable

from knowledge.errors import BadInput
from knowledge.parsing.citations import DOC_TYPES, DOCUMENT_NUMBER, clean_number, number_key
from knowledge.text import normalize

COLUMNS = ("number", "title", "status", "since", "replaced_by", "basis")
FEED_STATUSES = ("repealed", "partially_repealed", "amended", "in_force")
# Statuses whose ``replaced_by`` names replacing documents (an amended one names its amending ones).
REPLACING = ("repealed", "partially_repealed")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(frozen=True)
class FeedRow:
    """One document's status in a feed; ``line`` is where the feed says it."""

    number: str
    title: str
    status: str
    since: date | None
    replaced_by: tuple[str, ...]
    basis: str
    feed: str
    line: int

    @property
    def key(self) -> str:
        return number_key(self.number)

    def where(self) -> str:
        return f"{self.feed}:{self.line}"

    def same_as(self, other: FeedRow) -> bool:
        """Whether both rows say the same of the document (title and basis aside)."""
        return (self.status, self.since, {number_key(n) for n in self.replaced_by}) == (
            other.status, other.since, {number_key(n) for n in other.replaced_by})


@dataclass(frozen=True)
class StatusFeed:
    name: str  # how messages and the registry name it (a path)
    rows: tuple[FeedRow, ...]

    def renamed(self, name: str) -> StatusFeed:
        """The same rows under another name (a kept copy of an imported file)."""
        return StatusFeed(name, tuple(replace(row, feed=name) for row in self.rows))


def read_feed(path: Path, name: str | None = None) -> StatusFeed:
    """The feed in ``path``, named ``name`` (default: the path as given)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadInput(f"không tìm thấy tệp {path} (file not found)") from None
    except OSError as error:
        raise BadInput(f"không đọc được {path} ({error})") from None
    return parse_feed(data, name or str(path))


def parse_feed(data: bytes, name: str) -> StatusFeed:
    """A feed from its bytes; ``BadInput`` naming ``name`` and the line on the first problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise BadInput(f"{name}:{line}: tệp không phải văn bản UTF-8 (not UTF-8 text)") from None
    lines = normalize(text.lstrip("\ufeff"), keep_spacing=True).split("\n")
    header = [cell.strip().lower() for cell in lines[0].split("\t")] if lines else []
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise BadInput(
            f"{name}:1: dòng tiêu đề thiếu cột {', '.join(missing)} (missing column; expected {', '.join(COLUMNS)})"
        )
    position = {column: header.index(column) for column in COLUMNS}
    rows: dict[str, FeedRow] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        row = _row(line.rstrip("\r").split("\t"), position, len(header), name, number)
        previous = rows.get(row.key)
        if previous is not None and not previous.same_as(row):
            raise BadInput(
                f"{row.where()}: {row.number} đã có ở dòng {previous.line} với nội dung khác"
                " (two rows for one document disagree)"
            )
        rows.setdefault(row.key, row)
    check_cycles(rows.values())
    return StatusFeed(name, tuple(rows.values()))


def _row(cells: list[str], position: dict[str, int], width: int, name: str, line: int) -> FeedRow:
    where = f"{name}:{line}"
    if len(cells) < width:
        raise BadInput(f"{where}: dòng có {len(cells)} cột, cần {width} (missing column)")
    value = {column: cells[index].strip() for column, index in position.items()}
    number = _number(value["number"], where)
    status = value["status"]
    if status not in FEED_STATUSES:
        raise BadInput(f"{where}: tình trạng '{status}' không hợp lệ (unknown status; expected {', '.join(FEED_STATUSES)})")
    since = _since(value["since"], status, where)
    replaced_by = tuple(_number(part.strip(), where) for part in value["replaced_by"].split(",") if part.strip())
    if status == "in_force" and replaced_by:
        raise BadInput(f"{where}: văn bản còn hiệu lực (in_force) không có văn bản thay thế (replaced_by must be empty)")
    if number_key(number) in {number_key(n) for n in replaced_by}:
        raise BadInput(f"{where}: {number} được thay thế bởi chính nó (a document cannot replace itself)")
    return FeedRow(number, value["title"], status, since, replaced_by, value["basis"], name, line)


def _number(value: str, where: str) -> str:
    """A số hiệu as written; ``BadInput`` when it is not one the registry can read."""
    number = clean_number(value)
    if not number or not DOCUMENT_NUMBER.fullmatch(number):
        raise BadInput(f"{where}: '{value}' không phải số hiệu văn bản (not a document number, e.g. 45/2013/QH13)")
    return number


def _since(value: str, status: str, where: str) -> date | None:
    if not value and status == "in_force":
        return None
    match = _ISO_DATE.fullmatch(value)
    if not match:
        raise BadInput(f"{where}: ngày '{value}' không đúng dạng YYYY-MM-DD (malformed date)")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise BadInput(f"{where}: ngày '{value}' không có thật (impossible date)") from None


def check_cycles(rows: Iterable[FeedRow], blame: str | None = None) -> None:
    """``BadInput`` when following replacements from some row comes back to it (A → B → A).

    The message names a row of the cycle, one of the feed ``blame`` when there is one.
    """
    replacing = {row.key: row for row in rows if row.status in REPLACING}
    done: set[str] = set()
    for start in replacing:
        cycle = _cycle_from(start, replacing, [], done)
        if cycle:
            row = next((replacing[k] for k in cycle if replacing[k].feed == blame), replacing[cycle[0]])
            at = cycle.index(row.key)
            cycle = cycle[at:] + cycle[:at]
            chain = " → ".join(replacing[k].number for k in cycle + [cycle[0]])
            raise BadInput(f"{row.where()}: vòng thay thế {chain} (replacement cycle)")


def _cycle_from(key: str, replacing: dict[str, FeedRow], path: list[str], done: set[str]) -> list[str] | None:
    """The keys of a cycle reachable from ``key`` (depth first), None when there is none."""
    if key in path:
        return path[path.index(key):]
    if key in done or key not in replacing:
        return None
    path.append(key)
    for number in replacing[key].replaced_by:
        cycle = _cycle_from(number_key(number), replacing, path, done)
        if cycle:
            return cycle
    path.pop()
    done.add(key)
    return None


_TYPE_WORD = re.compile("|".join(re.escape(t) for t in DOC_TYPES))


def named_in_basis(row: FeedRow) -> dict[str, str]:
    """Titles the basis gives the replacing documents, by number key.

    "Điều khoản thi hành Luật Trật tự, an toàn giao thông đường bộ số 36/2024/QH15" names
    36/2024/QH15 "Luật Trật tự, an toàn giao thông đường bộ": the words from the last
    document type before "số <number>".
    """
    names = {}
    for number in row.replaced_by:
        at = row.basis.find(f" số {number}")
        types = list(_TYPE_WORD.finditer(row.basis, 0, at)) if at > 0 else []
        name = row.basis[types[-1].start() : at].strip(" ,;") if types else ""
        if name and name not in DOC_TYPES:  # "Nghị định số 62/2021/NĐ-CP" gives no name
            names[number_key(number)] = name
    return names
