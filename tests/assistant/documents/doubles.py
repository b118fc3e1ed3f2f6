"""Test doubles of the documents tests: a registry and a retriever over entries they declare."""

from __future__ import annotations

from datetime import date

from knowledge.models import Evidence, Passage, RegistryEntry
from knowledge.parsing.citations import number_key
from knowledge.text.normalize import fold
from knowledge.text.tokenize import folded_syllables


class RegistryDouble:
    """Test double of knowledge.registry.Registry: lookups over the entries a test declares."""

    def __init__(self, *entries: RegistryEntry) -> None:
        self.entries = entries

    def lookup(self, number: str) -> RegistryEntry | None:
        return next((e for e in self.entries if e.number and number_key(e.number) == number_key(number)), None)

    def lookup_title(self, title: str, year: int | None = None) -> RegistryEntry | None:
        same = [e for e in self.entries if fold(e.title) == fold(title)]
        return max(same, key=lambda e: (e.year == year, e.issued_on or date.min)) if same else None


def entry(number: str, title: str, status: str, year: int, **links) -> RegistryEntry:
    return RegistryEntry(
        doc_id=number,
        number=number,
        doc_type=title.split()[0],
        title=title,
        status=status,
        issued_on=date(year, 1, 1),
        **{k: tuple(v) for k, v in links.items()},
    )


PASSAGES = [
    Passage(
        "p1",
        "law",
        "42/2013/QH13",
        "Luật Tiếp công dân",
        "Điều 18. Trách nhiệm tiếp công dân của Chủ tịch Ủy ban nhân dân cấp xã",
        "Chủ tịch Ủy ban nhân dân cấp xã có trách nhiệm tiếp công dân ít nhất 01 ngày trong 01 tuần tại trụ sở.",
        status="in_force",
    ),
    Passage(
        "p2",
        "law",
        "42/2013/QH13",
        "Luật Tiếp công dân",
        "Điều 1. Phạm vi điều chỉnh",
        "Luật này quy định về việc tiếp công dân đến khiếu nại, tố cáo, kiến nghị, phản ánh.",
        status="in_force",
    ),
    Passage(
        "p3",
        "law",
        "21/2024/QĐ-UBND",
        "Quy định về tiếp công dân",
        "Điều 2. Thời gian tiếp công dân",
        "Chủ tịch Ủy ban nhân dân cấp xã tiếp công dân ít nhất một ngày trong một tuần.",
        status="in_force",
    ),
    Passage(
        "p4", "procedure", "1.001193", "Thủ tục đăng ký khai sinh", "Thủ tục đăng ký khai sinh", "Đăng ký khai sinh."
    ),
]


class FakeRetriever:
    """Ranks passages by shared syllables with the query: deterministic, for tests."""

    def __init__(self):
        self.queries = []

    def retrieve(self, query, k=10, filters=None):
        self.queries.append((query, filters))
        words = set(folded_syllables(query))
        kinds = filters.kinds if filters and filters.kinds else None
        scored = [
            Evidence(p, len(words & set(folded_syllables(p.heading + " " + p.text))) / (len(words) or 1))
            for p in PASSAGES
            if kinds is None or p.kind in kinds
        ]
        return sorted(scored, key=lambda e: -e.score)[:k]


def sample_registry() -> RegistryDouble:
    """The documents the tests cite, with their status."""
    return RegistryDouble(
        entry("68/2020/QH14", "Luật Cư trú", "in_force", 2020),
        entry("81/2006/QH11", "Luật Cư trú", "repealed", 2006, replaced_by=["68/2020/QH14"]),
        entry("77/2015/QH13", "Luật Tổ chức chính quyền địa phương", "amended", 2015, amended_by=["47/2019/QH14"]),
        entry(
            "47/2019/QH14",
            "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương",
            "in_force",
            2019,
        ),
        entry("22/2008/QH12", "Luật Cán bộ, công chức", "in_force", 2008),
        entry("30/2020/NĐ-CP", "Nghị định về công tác văn thư", "in_force", 2020),
        entry(
            "01/2011/TT-BNV",
            "Thông tư hướng dẫn thể thức văn bản hành chính",
            "repealed",
            2011,
            replaced_by=["30/2020/NĐ-CP"],
        ),
        entry(
            "63/2010/NĐ-CP",
            "Nghị định về kiểm soát thủ tục hành chính",
            "amended",
            2010,
            amended_by=["48/2013/NĐ-CP", "92/2017/NĐ-CP"],
        ),
        entry("48/2013/NĐ-CP", "Nghị định sửa đổi các nghị định về kiểm soát thủ tục hành chính", "in_force", 2013),
        entry("92/2017/NĐ-CP", "Nghị định sửa đổi các nghị định về kiểm soát thủ tục hành chính", "in_force", 2017),
        entry("05/2099/NĐ-CP", "Nghị định chưa rõ hiệu lực", "unknown", 2099),
    )
