"""A thủ tục hành chính as a citizen needs to read it, from its parsed structure.

``summary`` gives the whole guide (papers as a checklist, fee, time, where and how
to submit, legal basis); ``aspect`` answers one follow-up (hồ sơ, lệ phí, thời hạn,
nơi nộp, trực tuyến, kết quả, căn cứ) about the procedure being discussed.
"""
from __future__ import annotations

from knowledge.models import Procedure, SubmissionMethod
from knowledge.parsing.citations import number_key
from knowledge.registry import Registry
from assistant.skills.validity import validity_phrase

CHANNEL_NAMES = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Qua bưu chính"}
ASPECTS = ("hồ sơ", "lệ phí", "thời hạn", "nơi nộp", "trực tuyến", "kết quả", "căn cứ")
NOT_STATED = "Cổng Dịch vụ công chưa ghi thông tin này"


def header(procedure: Procedure) -> str:
    where = ", ".join(part for part in (procedure.level, procedure.agency) if part)
    return f"{procedure.title} (mã {procedure.code}" + (f"; {where})" if where else ")")


def checklist(procedure: Procedure) -> list[str]:
    """Papers to hand in, then papers to show, each with its form and quantity."""
    items = []
    for document in sorted(procedure.documents, key=lambda d: d.must_present):
        extra = "; ".join(part for part in (document.form and f"mẫu {document.form}", document.quantity) if part)
        prefix = "Xuất trình: " if document.must_present else ""
        items.append(f"{prefix}{document.name}" + (f" ({extra})" if extra else ""))
    return items


def _printed(value: str) -> str:
    """A portal value as printed; a bare number lost its unit on the portal, and says so."""
    value = value.strip()
    return f"{value} (Cổng Dịch vụ công không ghi đơn vị)" if value.isdigit() else value


def _by_channel(methods: tuple[SubmissionMethod, ...], attribute: str) -> list[str]:
    values = [(CHANNEL_NAMES[m.channel], _printed(getattr(m, attribute))) for m in methods if getattr(m, attribute).strip()]
    if not values:
        return []
    if len({v for _, v in values}) == 1:
        return [values[0][1]]
    return [f"{channel}: {value}" for channel, value in values]


def fees(procedure: Procedure) -> str:
    return "; ".join(_by_channel(procedure.methods, "fee")) or NOT_STATED


def times(procedure: Procedure) -> str:
    return "; ".join(_by_channel(procedure.methods, "processing_time")) or NOT_STATED


def how_to_submit(procedure: Procedure) -> str:
    channels = [CHANNEL_NAMES[m.channel] for m in procedure.methods]
    lines = [f"Cách nộp: {', '.join(dict.fromkeys(channels)).lower()}." if channels else f"Cách nộp: {NOT_STATED}."]
    if procedure.agency:
        lines.append(f"Nơi nộp trực tiếp: {procedure.agency}")
    lines.append(online(procedure))
    return "\n".join(lines)


def online(procedure: Procedure) -> str:
    if any(m.channel == "truc_tuyen" for m in procedure.methods):
        link = f": {procedure.url}" if procedure.url else ""
        return f"Có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia{link}"
    return "Thủ tục này chưa có hình thức nộp trực tuyến; cần nộp trực tiếp hoặc qua bưu chính."


def legal_basis(procedure: Procedure, registry: Registry | None) -> list[str]:
    lines = []
    seen: set[str] = set()
    for basis in procedure.legal_bases:
        key = number_key(basis.number) if basis.number else basis.title
        if key in seen:
            continue
        seen.add(key)
        if basis.number and registry is not None:
            lines.append(f"{basis.title} ({basis.number}) — {validity_phrase(registry, registry.lookup(basis.number))}")
        else:
            lines.append(basis.title + (f" ({basis.number})" if basis.number else ""))
    return lines


def summary(procedure: Procedure, registry: Registry | None) -> str:
    papers = checklist(procedure)
    parts = [header(procedure)]
    parts.append("Giấy tờ cần chuẩn bị:\n" + ("\n".join(f"☐ {p}" for p in papers) if papers else NOT_STATED))
    parts.append(f"Lệ phí: {fees(procedure)}")
    parts.append(f"Thời hạn giải quyết: {times(procedure)}")
    parts.append(how_to_submit(procedure))
    if procedure.result:
        parts.append(f"Kết quả: {procedure.result}")
    bases = legal_basis(procedure, registry)
    if bases:
        parts.append("Căn cứ pháp lý:\n" + "\n".join(f"- {b}" for b in bases[:6]))
    return "\n\n".join(parts)


def aspect(procedure: Procedure, name: str, registry: Registry | None) -> str:
    """The answer to one follow-up about ``procedure``."""
    title = procedure.title
    if name == "hồ sơ":
        papers = checklist(procedure)
        return f"Hồ sơ {title}:\n" + ("\n".join(f"☐ {p}" for p in papers) if papers else NOT_STATED)
    if name == "lệ phí":
        return f"Lệ phí {title}: {fees(procedure)}"
    if name == "thời hạn":
        return f"Thời hạn giải quyết {title}: {times(procedure)}"
    if name == "nơi nộp":
        return f"{title}\n{how_to_submit(procedure)}"
    if name == "trực tuyến":
        return online(procedure)
    if name == "kết quả":
        return f"Kết quả của {title}: {procedure.result or NOT_STATED}"
    if name == "căn cứ":
        bases = legal_basis(procedure, registry)
        return f"Căn cứ pháp lý của {title}:\n" + ("\n".join(f"- {b}" for b in bases) if bases else NOT_STATED)
    raise ValueError(f"unknown aspect: {name}")
