"""The lookup's data: units, places and the rows that say which old unit went where.

*Đơn vị hành chính* (``dvhc``) is an administrative unit. The 2025 merger kept two
levels, tỉnh and cấp xã; these types describe the cấp xã side:

- ``Unit``: a commune-level unit, new or old — a *phường* (urban ward), *xã* (rural
  commune), *thị trấn* (township, abolished as a kind), *đặc khu* (special zone), and
  once a whole *huyện* (Bạch Long Vĩ became an đặc khu);
- ``Place``: what a resolution prints around a name to tell units apart, an old district
  (*quận, huyện, thị xã, thành phố* thuộc tỉnh) in parentheses, or the province;
- ``Row``: one old unit's share in one khoản: it became (part of) one new unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from knowledge.models import citation_label

Share = Literal["full", "partial", "remainder", "renamed", "unchanged"]
People = Literal["all", "part", "none"]

SHARE_WORDS: dict[str, str] = {
    "full": "toàn bộ",
    "partial": "một phần",
    "remainder": "phần còn lại",
    "renamed": "đổi tên",
    "unchanged": "giữ nguyên, không sắp xếp",
}
# Kinds a commune-level unit is named with, longest first; "huyện" only for a whole district that became an đặc khu.
UNIT_KINDS: tuple[str, ...] = ("thị trấn", "đặc khu", "phường", "huyện", "xã")
DISTRICT_KINDS: tuple[str, ...] = ("thành phố", "thị xã", "quận", "huyện")
_NUMBERED = re.compile(r"\d|[IVXL]+\b")


def _label(kind: str, name: str) -> str:
    """"phường Bến Nghé", but "Phường 12", "Quận 3", "Phường IV": a numbered name takes a capital kind."""
    return f"{kind[:1].upper()}{kind[1:]} {name}" if _NUMBERED.match(name) else f"{kind} {name}"


def is_numbered(name: str) -> bool:
    """"12", "IV", "3 Bảo Lộc": names that are (or start with) a number."""
    return _NUMBERED.match(name) is not None


@dataclass(frozen=True)
class Unit:
    kind: str  # one of UNIT_KINDS, lower case
    name: str  # "Bến Nghé", "12", "Mỹ Đình 1", "IV"

    @property
    def label(self) -> str:
        return _label(self.kind, self.name)

    @property
    def numbered(self) -> bool:
        return is_numbered(self.name)


@dataclass(frozen=True)
class Place:
    """A district or a province as printed: ``kind`` "quận", ``name`` "3" is Quận 3."""

    kind: str  # one of DISTRICT_KINDS; for a province "tỉnh", "thành phố" or "Thành phố", as printed
    name: str

    @property
    def label(self) -> str:
        return _label(self.kind, self.name)


@dataclass(frozen=True)
class Row:
    """One old unit's share in one khoản of Điều 1 of a merger resolution.

    ``share``: "full" (toàn bộ diện tích tự nhiên, quy mô dân số), "partial" (một phần …),
    "remainder" (phần còn lại … sau khi sắp xếp), "renamed" (Đổi tên xã A thành xã B),
    "unchanged" (named in the closing khoản among the units "không thực hiện sắp xếp"). ``people``
    says where the residents went when the text tells: "một phần diện tích tự nhiên,
    toàn bộ quy mô dân số" is part of the land and all the people; "một phần diện tích tự
    nhiên của" is land alone. ``old_district`` is the district printed beside the old
    unit, None when the text prints none (the name was then unique in the province).
    """

    province: Place
    resolution: str  # số hiệu, "1685/NQ-UBTVQH15"
    khoan: str  # "7"
    new_unit: Unit
    old_unit: Unit
    old_district: Place | None
    share: Share
    people: People

    @property
    def is_partial(self) -> bool:
        return self.share in ("partial", "remainder")

    @property
    def citation(self) -> str:
        """"khoản 7 Điều 1 Nghị quyết 1685/NQ-UBTVQH15"."""
        return citation_label(f"Nghị quyết {self.resolution}", "1", self.khoan)
