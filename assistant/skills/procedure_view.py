"""A thủ tục hành chính as a citizen needs to read it, from its parsed structure.

``summary`` is the first answer, made to fit a phone screen (about twelve lines): what the
procedure is and gives, where to submit it (level and agency), the papers everyone brings, the
fee, the processing time and the online link. What only some need comes after, in ``details``
(titled sections shown behind "Xem chi tiết"): the papers of special cases, how to submit by
each channel, the steps, the legal bases, the notes. ``aspect`` answers one follow-up (hồ sơ,
lệ phí, thời hạn, nơi nộp, trực tuyến, kết quả, căn cứ) about the procedure being discussed.

The portal's table sometimes gives a processing time as a bare number ("1"): its unit is read
from the procedure's own text (``time_unit``), and when nothing there says it, the answer says
so and names the agency to ask.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.answer import ELLIPSIS, Section
from assistant.skills.papers import Dossier, first_clause, short_name, sort_papers
from assistant.skills.validity import validity_phrase
from knowledge.models import Procedure, RequiredDocument, SubmissionMethod
from knowledge.parsing.citations import number_key
from knowledge.registry import Registry

CHANNEL_NAMES = {"truc_tiep": "Trực tiếp", "truc_tuyen": "Trực tuyến", "buu_chinh": "Qua bưu chính"}
ASPECTS = ("hồ sơ", "lệ phí", "thời hạn", "nơi nộp", "trực tuyến", "kết quả", "căn cứ")
NOT_STATED = "Cổng Dịch vụ công chưa ghi thông tin này"
DETAILS_HINT = "Xem chi tiết"  # the first answer's last line begins so; channels that show ``details`` drop it
DETAILS_REQUEST = "chi tiết"  # what the citizen sends to have them (a Telegram button sends it too)
FIRST_ANSWER_PAPERS = 5  # papers listed in the first answer; the rest are counted
MAX_STEPS_CHARS = 2500
MAX_CASES_NAMED = 2

# The portal's prose is written with diacritics (normalised when parsed): matched as written, in any case.
# "05 ngày làm việc", "03 (ba) ngày"; not a date ("ngày 29 tháng 12 năm 2025": a number after "ngày", a
# unit followed by a number).
_DURATION = re.compile(
    r"(?<!ngày )(?<![\w.,/])(?P<number>\d+)\s*(?:\([^)]{1,20}\)\s*)?(?P<unit>ngày làm việc|ngày|giờ làm việc|giờ|tháng)"
    r"(?!\w)(?!\s*\d)",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"\b(?:sau|trước|lúc|từ|đến|vào)\s*$", re.IGNORECASE)  # "sau 15 giờ": a time of day, not a duration
_BARE_TIME = re.compile(r"(?:\d+\s*[-–]\s*)?(?P<last>\d+)")  # "1", "10-25": the portal lost the unit
_SAME_DAY = re.compile(r"\b(?:ngay trong ngày|trong ngày làm việc|trong ngày)\b", re.IGNORECASE)
_QUOTE_AROUND = 70


@dataclass(frozen=True)
class TimeUnit:
    """The unit of a bare processing time, and the words of the procedure's text that give it."""

    unit: str  # "ngày làm việc"
    source: str  # "trình tự thực hiện"
    quote: str  # "…trả kết quả cho người yêu cầu trong ngày làm việc tiếp theo…"


def agency(procedure: Procedure) -> str:
    """Who to ask: the agency the portal names, else the level's receiving office."""
    if procedure.agency:
        return procedure.agency.rstrip(" .;")
    return f"cơ quan tiếp nhận hồ sơ {procedure.level.lower()}" if procedure.level else "cơ quan tiếp nhận hồ sơ"


def _paper(document: RequiredDocument, name: str) -> str:
    extra = "; ".join(part for part in (document.form and len(document.form) <= 40 and f"mẫu {document.form}", document.quantity) if part)
    prefix = "Xuất trình: " if document.must_present else ""
    return f"{prefix}{name}" + (f" ({extra})" if extra else "")


def checklist(procedure: Procedure) -> list[str]:
    """The papers everyone brings (forms first, papers to show last), named in short."""
    return [_paper(d, short_name(d.name)) for d in sort_papers(procedure).required]


# ---------------------------------------------------------------- processing time

def _texts(procedure: Procedure) -> list[tuple[str, str]]:
    """The procedure's own prose, with what each part is called."""
    parts = [("trình tự thực hiện", procedure.steps), ("yêu cầu, điều kiện", procedure.requirements)]
    parts += [("cách thức thực hiện", m.description) for m in procedure.methods]
    return [(name, text) for name, text in parts if text]


def _quote(text: str, start: int, end: int) -> str:
    """The words around ``text[start:end]``: its sentence, or a window of it marked "…" when long."""
    left = max(text.rfind(mark, 0, start) for mark in ".;\n") + 1
    right = min((i for i in (text.find(mark, end) for mark in ".;\n") if i >= 0), default=len(text))
    if right - left > 2 * _QUOTE_AROUND:
        window_left = max(left, text.rfind(" ", left, max(left, start - _QUOTE_AROUND)) + 1)
        window_right = text.find(" ", min(right, end + _QUOTE_AROUND // 2), right)
        window_right = right if window_right < 0 else window_right
        piece = " ".join(text[window_left:window_right].split())
        return ("…" if window_left > left else "") + piece + ("…" if window_right < right else "")
    return " ".join(text[left:right].split())


@lru_cache(maxsize=256)  # asked for each channel, in the first answer, its details and follow-ups
def time_unit(procedure: Procedure, number: str) -> TimeUnit | None:
    """The unit the procedure's text gives a bare processing time ``number``, or None when it does not say.

    Either the same number written with a unit ("trong thời hạn 05 ngày làm việc"), one unit for
    all, or for 1 a same-day phrase ("trả kết quả trong ngày làm việc tiếp theo"). Another figure's
    unit says nothing of this one.
    """
    durations: list[tuple[int, str, str, str]] = []  # (number, unit, source, quote)
    same_day: list[tuple[str, str]] = []
    for source, text in _texts(procedure):
        for match in _DURATION.finditer(text):
            if match.group("unit").lower().startswith("giờ") and _CLOCK.search(text[max(0, match.start() - 10) : match.start()]):
                continue
            durations.append((int(match.group("number")), match.group("unit").lower(), source, _quote(text, *match.span())))
        same_day += [(source, _quote(text, *m.span())) for m in _SAME_DAY.finditer(text)]
    value = int(number)
    same = [d for d in durations if d[0] == value]
    if same and len({d[1] for d in same}) == 1:
        return TimeUnit(same[0][1], same[0][2], same[0][3])
    if not same and value == 1 and same_day:
        return TimeUnit("ngày làm việc", *same_day[0])
    return None


def _time(procedure: Procedure, value: str, full: bool) -> str:
    """A processing time as printed, a bare number ("1", "10-25") given its unit (or said to have none)."""
    value = value.strip()
    bare = _BARE_TIME.fullmatch(value)
    if not bare:
        return value
    found = time_unit(procedure, bare.group("last"))
    if found is None:
        return f"{value} (Cổng Dịch vụ công không ghi đơn vị; hãy hỏi {agency(procedure)} để biết thời hạn chính xác)"
    if not full:
        return f"{value} {found.unit} (đơn vị theo {found.source})"
    return f"{value} {found.unit} (Cổng Dịch vụ công chỉ ghi «{value}»; đơn vị theo {found.source}: «{found.quote}»)"


def _by_channel(methods: tuple[SubmissionMethod, ...], show) -> list[str]:
    """One value for all channels, or each channel's ("Trực tiếp: …"), channels of one value together."""
    values: dict[str, list[str]] = {}
    for method in methods:
        shown = show(method)
        if shown:
            values.setdefault(shown, []).append(CHANNEL_NAMES[method.channel])
    if len(values) <= 1:
        return list(values)
    return [f"{', '.join(channels)}: {value}" for value, channels in values.items()]


FREE = "Miễn phí"
# A sum of money stated in a fee's explanation, with the words before it: "Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần".
_STATED_SUM = re.compile(
    r"[^.;\n]*?\d[\d.,]*\s*(?:đồng|Đồng|VNĐ|vnđ)(?:/[^.;,)\n]*?(?=\s+(?:kể|theo|từ|đối|áp dụng|cho|và|nếu|khi)\b|[.;,)\n]|$))?"
)


def _fee(method: SubmissionMethod, full: bool) -> str:
    fee = method.fee.strip()
    head, _, explained = fee.partition("(")
    explained = explained.strip().removesuffix(")").strip(" ()")
    stated = _STATED_SUM.search(explained) if head.strip() == FREE else None
    if stated:  # the portal's table says free, its own explanation states what is charged
        piece = stated.group(0).strip(" -+;")
        said = explained.lstrip(" -+") if full or piece == explained.strip(" -+;.") else f"{piece}{ELLIPSIS}"
        return f"Cổng Dịch vụ công ghi «{FREE}» nhưng mô tả nêu mức thu: {said}"
    return fee if full else head.strip()


def fees(procedure: Procedure, full: bool = True) -> str:
    """The fee by channel; without ``full``, only the amounts (their explanation is a detail)."""
    return "; ".join(_by_channel(procedure.methods, lambda m: _fee(m, full))) or NOT_STATED


def times(procedure: Procedure, full: bool = False) -> str:
    """The processing time by channel, with its unit or a word on its lack."""
    shown = "; ".join(_by_channel(procedure.methods, lambda m: m.processing_time.strip() and _time(procedure, m.processing_time, full)))
    return shown or f"{NOT_STATED}; hãy hỏi {agency(procedure)}"


# ---------------------------------------------------------------- where and how

def where(procedure: Procedure) -> str:
    level = procedure.level.lower() if procedure.level else ""
    if procedure.agency:
        return f"Nơi nộp: {procedure.agency}" + (f" ({level})" if level else "")
    if level:
        return f"Nơi nộp: cơ quan {level} (Cổng Dịch vụ công không ghi tên cơ quan)"
    return f"Nơi nộp: {NOT_STATED}"


def how_to_submit(procedure: Procedure) -> str:
    channels = [CHANNEL_NAMES[m.channel] for m in procedure.methods]
    lines = [f"Cách nộp: {', '.join(dict.fromkeys(channels)).lower()}." if channels else f"Cách nộp: {NOT_STATED}."]
    lines.append(where(procedure))
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


# ---------------------------------------------------------------- the first answer and its details

def summary(procedure: Procedure, registry: Registry | None) -> str:
    """The first answer: what, where, papers always required, fee, time, online — about twelve lines."""
    dossier = sort_papers(procedure)
    lines = [f"{procedure.title} (mã {procedure.code})"]
    if procedure.result:
        lines.append(f"Kết quả: {procedure.result}")
    lines.append(where(procedure))
    papers = checklist(procedure)
    if papers:
        lines.append("Giấy tờ cần chuẩn bị:")
        lines += [f"☐ {p}" for p in papers[:FIRST_ANSWER_PAPERS]]
        if len(papers) > FIRST_ANSWER_PAPERS:
            lines.append(f"… và {len(papers) - FIRST_ANSWER_PAPERS} giấy tờ khác (xem chi tiết)")
    elif dossier.cases:
        lines.append(f"Giấy tờ: tùy trường hợp ({_cases_named(dossier.cases)}) — xem chi tiết.")
    else:
        lines.append(f"Giấy tờ cần chuẩn bị: {NOT_STATED}")
    lines.append(f"Lệ phí: {fees(procedure, full=False)}")
    lines.append(f"Thời hạn giải quyết: {times(procedure)}")
    lines.append(online(procedure))
    sections = details(procedure, registry)
    if sections:
        lines.append(f"{DETAILS_HINT}: {_details_hint(procedure, dossier, sections)} — nhắn \"{DETAILS_REQUEST}\".")
    return "\n".join(lines)


def _details_hint(procedure: Procedure, dossier: Dossier, sections: list[Section]) -> str:
    """What the details hold, in a few words: "5 giấy tờ trong trường hợp riêng, các bước thực hiện, căn cứ pháp lý"."""
    parts = [f"{len(dossier.conditional)} giấy tờ trong trường hợp riêng"] if dossier.conditional else []
    parts += ["các bước thực hiện"] if procedure.steps.strip() else []
    parts += ["căn cứ pháp lý"] if procedure.legal_bases else []
    return ", ".join(parts) or ", ".join(section.title.lower() for section in sections)


def _cases_named(cases: tuple[tuple[str, tuple[RequiredDocument, ...]], ...]) -> str:
    named = [heading for heading, _ in cases if heading]
    shown = "; ".join(short_name(h) for h in named[:MAX_CASES_NAMED])
    rest = len(named) - MAX_CASES_NAMED
    return shown + (f"; và {rest} trường hợp khác" if rest > 0 else "") if shown else "xem chi tiết"


def _special_papers(procedure: Procedure) -> str:
    lines: list[str] = []
    for heading, documents in sort_papers(procedure).cases:
        if heading:
            lines.append(f"{heading}:")
        lines += [f"- {_paper(d, d.name)}" for d in documents]
    return "\n".join(lines)


def _shortened_papers(procedure: Procedure) -> str:
    """The papers always required whose checklist name is shortened, in full."""
    return "\n".join(f"- {_paper(d, d.name)}" for d in sort_papers(procedure).required if short_name(d.name) != d.name)


def _methods(procedure: Procedure) -> str:
    """Each way to submit with its fee as the portal explains it; the processing time once, with its source."""
    lines = [f"Thời hạn giải quyết: {times(procedure, full=True)}"] if procedure.methods else []
    for method in procedure.methods:
        parts = [part for part in (method.fee.strip() and f"phí, lệ phí {method.fee.strip()}", method.description) if part]
        lines.append(f"- {CHANNEL_NAMES[method.channel]}" + (f": {'; '.join(parts)}" if parts else ""))
    return "\n".join(lines)


def _steps(procedure: Procedure) -> str:
    steps = procedure.steps.strip()
    if len(steps) <= MAX_STEPS_CHARS:
        return steps
    cut = steps[:MAX_STEPS_CHARS].rsplit("\n", 1)[0]
    return f"{cut}\n… (toàn văn trên Cổng Dịch vụ công" + (f": {procedure.url})" if procedure.url else ")")


def details(procedure: Procedure, registry: Registry | None) -> list[Section]:
    """What "Xem chi tiết" shows: every part of the procedure the first answer leaves out."""
    dossier = sort_papers(procedure)
    bases = legal_basis(procedure, registry)
    notes = [*dossier.notes, *procedure.notes]
    candidates = [
        ("Giấy tờ trong trường hợp riêng", _special_papers(procedure)),
        ("Nguyên văn các giấy tờ cần chuẩn bị", _shortened_papers(procedure)),
        ("Cách nộp, lệ phí, thời hạn", _methods(procedure)),
        ("Các bước thực hiện", _steps(procedure)),
        ("Căn cứ pháp lý", "\n".join(f"- {b}" for b in bases)),
        ("Lưu ý", "\n".join(f"- {first_clause(n) if len(n) > 600 else n}" for n in notes)),
    ]
    return [Section(title, text) for title, text in candidates if text.strip()]


def details_text(sections: list[Section] | tuple[Section, ...]) -> str:
    """The sections as one text, for channels that send them as a message."""
    return "\n\n".join(f"{section.title}:\n{section.text}" for section in sections)


def aspect(procedure: Procedure, name: str, registry: Registry | None) -> str:
    """The answer to one follow-up about ``procedure``."""
    title = procedure.title
    if name == "hồ sơ":
        papers, dossier = checklist(procedure), sort_papers(procedure)
        cases = [heading for heading, _ in dossier.cases if heading]
        if not papers and cases:  # every paper depends on the case: name the cases, their papers are in the details
            listed = "\n".join(f"- {short_name(case)}" for case in cases)
            return (f"Hồ sơ {title} tùy trường hợp:\n{listed}\n"
                    f"(Giấy tờ của từng trường hợp — nhắn \"{DETAILS_REQUEST}\".)")
        text = f"Hồ sơ {title}:\n" + ("\n".join(f"☐ {p}" for p in papers) if papers else NOT_STATED)
        special = dossier.conditional
        return text + (f"\n(Và {len(special)} giấy tờ trong trường hợp riêng — nhắn \"{DETAILS_REQUEST}\".)" if special else "")
    if name == "lệ phí":
        return f"Lệ phí {title}: {fees(procedure)}"
    if name == "thời hạn":
        return f"Thời hạn giải quyết {title}: {times(procedure, full=True)}"
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
