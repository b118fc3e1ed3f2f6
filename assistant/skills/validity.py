"""Saying whether a văn bản is still in force, from the registry."""
from __future__ import annotations

from knowledge.models import RegistryEntry
from knowledge.registry import Registry


def _named(registry: Registry, numbers: tuple[str, ...]) -> str:
    names = []
    for number in numbers:
        entry = registry.lookup(number) or registry.get(number)
        names.append(f"{entry.title} ({number})" if entry and entry.title and number not in entry.title else number)
    return ", ".join(names)


def validity_phrase(registry: Registry, entry: RegistryEntry | None) -> str:
    """"còn hiệu lực", "đã hết hiệu lực, được thay thế bởi Luật Cư trú (68/2020/QH14)", ..."""
    if entry is None or entry.status == "unknown":
        return "chưa xác định được tình trạng hiệu lực"
    if entry.status == "repealed":
        replaced = _named(registry, entry.replaced_by)
        return "đã hết hiệu lực" + (f", được thay thế bởi {replaced}" if replaced else "")
    if entry.status == "amended":
        amended = _named(registry, entry.amended_by)
        return "còn hiệu lực, đã được sửa đổi, bổ sung" + (f" bởi {amended}" if amended else "")
    return "còn hiệu lực"
