"""Đơn vị hành chính (dvhc, administrative units): where a commune went in the 2025 merger.

- ``wording``: the khoản of Điều 1 of a merger resolution read into rows (old unit → new unit, full or partial);
- ``query``: what people type for a unit (with or without diacritics, "P.12 Q3", "tt Pác Miầu");
- ``lookup``: ``UnitLookup``, built at ingest and kept with the index generation; ``find`` answers a query.
"""
from knowledge.dvhc.lookup import FILE, Match, OldUnit, Resolution, UnitLookup
from knowledge.dvhc.units import SHARE_WORDS, Place, Row, Unit
from knowledge.dvhc.wording import KhoanReading, ResolutionReading, read_resolution

__all__ = [
    "FILE",
    "SHARE_WORDS",
    "KhoanReading",
    "Match",
    "OldUnit",
    "Place",
    "Resolution",
    "ResolutionReading",
    "Row",
    "Unit",
    "UnitLookup",
    "read_resolution",
]
