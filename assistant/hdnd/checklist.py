"""The thẩm tra checklist: for each criterion, what the tờ trình shows or the question to raise.

The criteria are those a council committee reviews a submission against: sự cần
thiết; sự phù hợp với chủ trương và pháp luật; thẩm quyền ban hành; tính khả thi;
nguồn lực; tác động. Each rule looks for its evidence in the tờ trình (sentences
quoted with their line) or in the knowledge base (the competence provisions); when
the evidence is missing it raises an ``Issue`` whose message is the concrete
question a delegate can put to the cơ quan trình ("Tờ trình chưa nêu nguồn kinh phí
cho nội dung …").

Issue codes (``CODES``) are stable: the evaluation counts them. The legal-basis
codes are those of ``assistant.documents.findings``; for a delegate a repealed
căn cứ is an error to raise, while an amended or unverifiable one is a note. So are
the ``DVHC.`` codes: work given to a cấp huyện or a commune the 2025 merger abolished
makes the proposal impossible to carry out as written (tính khả thi).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.documents.findings import Severity
from assistant.documents.legal_basis import CitationCheck
from assistant.documents.lines import Line
from assistant.hdnd.competence import LOCAL_GOVERNMENT_LAW, Competence
from assistant.hdnd.figures import (
    PERCENT, Amount, amounts, dates, deadlines, format_amount, formulas, number_value,
)
from assistant.hdnd.structure import (
    CAN_THIET, KINH_PHI, MUC_TIEU, NOI_DUNG, TAC_DONG, TO_CHUC, PartStatus, Section, mentions,
)
from assistant.hdnd.submission import Submission
from knowledge.text import fold

CAN_THIET_C, PHU_HOP, THAM_QUYEN, KHA_THI, NGUON_LUC, TAC_DONG_C = (
    "can_thiet", "phu_hop", "tham_quyen", "kha_thi", "nguon_luc", "tac_dong",
)
CRITERIA: tuple[tuple[str, str], ...] = (
    (CAN_THIET_C, "Sự cần thiết"),
    (PHU_HOP, "Sự phù hợp với chủ trương và pháp luật"),
    (THAM_QUYEN, "Thẩm quyền ban hành"),
    (KHA_THI, "Tính khả thi"),
    (NGUON_LUC, "Nguồn lực"),
    (TAC_DONG_C, "Tác động"),
)
CODES: dict[str, tuple[Severity, str, str]] = {
    "HDND.SECTION_MISSING": ("warning", "", "tờ trình thiếu một phần cần có"),
    "HDND.LEGAL_BASIS_NONE": ("error", PHU_HOP, "tờ trình không viện dẫn căn cứ pháp lý nào"),
    "LEGAL_BASIS_REPEALED": ("error", PHU_HOP, "căn cứ pháp lý đã hết hiệu lực"),
    "LEGAL_BASIS_PARTIALLY_REPEALED": ("warning", PHU_HOP, "căn cứ pháp lý đã hết hiệu lực một phần"),
    "LEGAL_BASIS_AMENDED": ("info", PHU_HOP, "căn cứ đã được sửa đổi, bổ sung; nên viện dẫn cả văn bản sửa đổi"),
    "LEGAL_BASIS_UNKNOWN": ("info", PHU_HOP, "không xác định được căn cứ hoặc hiệu lực của nó"),
    "LEGAL_BASIS_UNCHECKED": ("info", PHU_HOP, "chưa kiểm tra hiệu lực căn cứ: không có cơ sở dữ liệu văn bản"),
    "HDND.POLICY_MISSING": ("warning", PHU_HOP, "chưa nêu sự phù hợp với chủ trương, nghị quyết, quy hoạch"),
    "HDND.COMPETENCE_NOT_CITED": ("warning", THAM_QUYEN, "chưa viện dẫn quy định về thẩm quyền của Hội đồng nhân dân"),
    "HDND.NOT_ADDRESSED_TO_COUNCIL": ("warning", THAM_QUYEN, "tờ trình không gửi Hội đồng nhân dân"),
    "HDND.TIMELINE_MISSING": ("warning", KHA_THI, "chưa nêu thời hạn, lộ trình thực hiện"),
    "HDND.DRAFT_MISSING": ("warning", KHA_THI, "không thấy dự thảo nghị quyết kèm theo"),
    "HDND.DRAFT_FIGURE_MISMATCH": ("warning", KHA_THI, "số liệu của dự thảo nghị quyết không có trong tờ trình"),
    "HDND.FUNDING_AMOUNT_MISSING": ("warning", NGUON_LUC, "chưa nêu tổng kinh phí"),
    "HDND.FUNDING_SOURCE_MISSING": ("warning", NGUON_LUC, "chưa nêu nguồn kinh phí"),
    "HDND.FUNDING_SUM_MISMATCH": ("warning", NGUON_LUC, "tổng kinh phí không khớp các khoản chi tiết"),
    "HDND.FUNDING_FORMULA_MISMATCH": ("warning", NGUON_LUC, "kinh phí không khớp với cách tính nêu kèm"),
    "HDND.IMPACT_MISSING": ("warning", TAC_DONG_C, "chưa đánh giá tác động"),
    "DVHC.CAP_HUYEN_ABOLISHED": ("error", KHA_THI, "giao việc cho cấp huyện, không còn từ 01/7/2025"),
    "DVHC.UNIT_MERGED": ("error", KHA_THI, "giao việc cho phường, xã, thị trấn đã sắp xếp, không còn từ 01/7/2025"),
}
_PART_CRITERION = {CAN_THIET: CAN_THIET_C, MUC_TIEU: CAN_THIET_C, NOI_DUNG: KHA_THI, TO_CHUC: KHA_THI, KINH_PHI: NGUON_LUC}
_MISSING_PART = {
    CAN_THIET: "Tờ trình chưa có phần sự cần thiết: đề nghị cơ quan trình làm rõ cơ sở chính trị, pháp lý và thực tiễn"
    " của việc trình Hội đồng nhân dân quyết định.",
    MUC_TIEU: "Tờ trình chưa nêu mục tiêu: đề nghị làm rõ mục tiêu, chỉ tiêu cụ thể cần đạt, làm căn cứ giám sát sau"
    " khi nghị quyết được thông qua.",
    NOI_DUNG: "Tờ trình chưa trình bày nội dung chính đề nghị Hội đồng nhân dân quyết định: đề nghị nêu rõ đối tượng,"
    " phạm vi, mức, định mức cụ thể.",
    TO_CHUC: "Tờ trình chưa nêu tổ chức thực hiện: đề nghị làm rõ cơ quan chủ trì, phối hợp, thời hạn và lộ trình thực"
    " hiện.",
    KINH_PHI: "Tờ trình chưa nêu kinh phí và nguồn lực thực hiện: đề nghị làm rõ tổng kinh phí, cơ cấu, nguồn kinh phí"
    " (ngân sách cấp nào, nguồn khác) và khả năng cân đối.",
}
_POLICY = re.compile(
    r"\d+-(?:NQ|KL|CT|QĐ)/(?:TW|TƯ|TU|ĐU|HU|QU|TVTU|BCT)\b|Nghị quyết Đại hội|Ban Chấp hành Trung ương|Bộ Chính trị"
    r"|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Ban Thường vụ|chủ trương của Đảng|(?<!Luật )\bquy hoạch\b|kế hoạch sử dụng đất"
    r"|kế hoạch phát triển kinh tế - xã hội|[Cc]hiến lược phát triển"
)
_FUNDING_SOURCE = re.compile(
    r"nguồn (?:kinh phí|vốn|ngân sách|thu|dự phòng|cải cách tiền lương|tăng thu|tiết kiệm|xã hội hóa|tài trợ)"
    r"|ngân sách (?:nhà nước|trung ương|tỉnh|thành phố|huyện|quận|thị xã|xã|phường|địa phương|cấp)"
    r"|vốn (?:ngân sách|đầu tư công|ODA|vay|đối ứng|sự nghiệp|xã hội hóa|doanh nghiệp|ngoài ngân sách)"
    r"|xã hội hóa|tài trợ|huy động|dự phòng ngân sách|chi sự nghiệp|\bquỹ\b",
    re.IGNORECASE,
)
_TIMELINE_WORDS = re.compile(r"thời gian thực hiện|thời hạn|tiến độ|lộ trình|hiệu lực từ|có hiệu lực", re.IGNORECASE)
_DRAFT_MENTION = re.compile(r"dự thảo\s+nghị quyết", re.IGNORECASE)
_TOTAL = re.compile(r"\btổng\b", re.IGNORECASE)
_ITEM_MARK = re.compile(r"^([-+•–]|[a-zđ]\)|\d+\.)\s")
_COUNCIL = re.compile(r"hội đồng nhân dân|HĐND", re.IGNORECASE)


@dataclass(frozen=True)
class Issue:
    """Something the delegate should raise: ``message`` is the question, as it can be put."""

    code: str
    severity: Severity
    criterion: str
    message: str
    location: str
    key: str | None = None  # what it is about: the part, the document number, the figure

    @property
    def id(self) -> str:
        return f"{self.code}:{self.key}" if self.key else self.code

    def to_dict(self) -> dict:
        return {
            "id": self.id, "code": self.code, "severity": self.severity, "criterion": self.criterion,
            "message": self.message, "location": self.location,
        }


def issue(code: str, message: str, location: str, key: str | None = None, criterion: str | None = None) -> Issue:
    severity, default_criterion, _ = CODES[code]
    return Issue(code, severity, criterion or default_criterion, message, location, key)


@dataclass(frozen=True)
class Excerpt:
    """Evidence for a criterion: a sentence of the tờ trình, or a provision of the law."""

    text: str
    location: str  # "mục V, dòng 44" or "khoản 4 Điều 19 Luật Tổ chức chính quyền địa phương"

    def to_dict(self) -> dict:
        return {"text": self.text, "location": self.location}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    excerpts: tuple[Excerpt, ...]
    questions: tuple[str, ...]  # the issues of error or warning severity
    notes: tuple[str, ...]  # what to know without raising it

    @property
    def verdict(self) -> str:
        if self.questions:
            return "Cần làm rõ"
        return "Đã nêu" if self.excerpts else "Chưa có thông tin"

    def to_dict(self) -> dict:
        return {
            "criterion": self.key, "title": self.title, "verdict": self.verdict,
            "evidence": [e.to_dict() for e in self.excerpts], "questions": list(self.questions), "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Inputs:
    """Everything the checklist is read from."""

    submission: Submission
    sections: list[Section]
    parts: dict[str, PartStatus]
    citations: list[CitationCheck]  # of the tờ trình
    registry_checked: bool
    competence: Competence | None
    draft: Submission | None = None
    draft_citations: tuple[CitationCheck, ...] = ()
    abolished_units: tuple[Issue, ...] = ()  # work given to bodies the 2025 merger abolished (``report``)


def _sentences(part: PartStatus) -> list[tuple[str, Line, Section]]:
    return [(s, line, section) for section in part.sections for s, line in section.sentences()]


def excerpt(sentence: str, line: Line, section: Section) -> Excerpt:
    return Excerpt(sentence, f"{section.ref}, {line.location}")


def _first_excerpts(part: PartStatus, count: int = 1) -> list[Excerpt]:
    return [excerpt(*item) for item in _sentences(part)[:count]]


def _need(inputs: Inputs) -> tuple[list[Excerpt], list[Issue]]:
    excerpts, issues = [], []
    for kind in (CAN_THIET, MUC_TIEU):
        part = inputs.parts[kind]
        if part.found:
            excerpts += _first_excerpts(part)
        else:
            issues.append(issue("HDND.SECTION_MISSING", _MISSING_PART[kind], "toàn văn", kind, _PART_CRITERION[kind]))
    return excerpts, issues


def citation_key(check: CitationCheck) -> str:
    """What identifies a cited document in an issue: its number, or the name and year it is cited by."""
    if not check.by_name:
        return check.number
    return f"{check.label} {check.year}" if check.year else check.label


def _legal_issues(checks: list[CitationCheck] | tuple[CitationCheck, ...], where: str) -> list[Issue]:
    found = []
    for check in checks:
        if check.finding is None:
            continue
        message = check.finding.message
        if check.finding.code in ("LEGAL_BASIS_REPEALED", "LEGAL_BASIS_PARTIALLY_REPEALED"):
            message += ": đề nghị cơ quan trình cập nhật căn cứ pháp lý"
        found.append(issue(check.finding.code, message[:1].upper() + message[1:], f"{where}, {check.line.location}",
                           citation_key(check)))
    return found


def _conformity(inputs: Inputs) -> tuple[list[Excerpt], list[Issue]]:
    issues: list[Issue] = []
    if not inputs.citations:
        issues.append(issue(
            "HDND.LEGAL_BASIS_NONE",
            "Tờ trình không viện dẫn căn cứ pháp lý nào: đề nghị bổ sung các văn bản quy phạm pháp luật làm căn cứ"
            " (quy định thẩm quyền của Hội đồng nhân dân và nội dung trình).",
            "phần mở đầu",
        ))
    if not inputs.registry_checked:
        issues.append(issue(
            "LEGAL_BASIS_UNCHECKED",
            "Chưa kiểm tra hiệu lực các căn cứ: chưa có cơ sở dữ liệu văn bản (chạy “troly ingest”).",
            "toàn văn",
        ))
    issues += _legal_issues(inputs.citations, "tờ trình")
    issues += _legal_issues(inputs.draft_citations, "dự thảo nghị quyết")
    excerpts = [
        excerpt(sentence, line, section)
        for section in inputs.sections
        for sentence, line in section.sentences()
        if _POLICY.search(sentence)
    ][:3]
    if not excerpts:
        issues.append(issue(
            "HDND.POLICY_MISSING",
            "Tờ trình chưa nêu sự phù hợp với chủ trương, đường lối của Đảng, nghị quyết của cấp ủy, quy hoạch, kế"
            " hoạch có liên quan: đề nghị cơ quan trình bổ sung.",
            "toàn văn",
        ))
    in_force = [c for c in inputs.citations if c.status in ("in_force", "amended")]
    if in_force:
        excerpts.append(Excerpt(
            "Căn cứ còn hiệu lực: " + "; ".join(c.label for c in in_force), "bảng căn cứ pháp lý"
        ))
    return excerpts, issues


def _cites_local_government_law(checks: list[CitationCheck]) -> bool:
    wanted = fold(LOCAL_GOVERNMENT_LAW)
    return any(fold(c.label).startswith(wanted) or (c.entry and fold(c.entry.title) == wanted) for c in checks)


def _competence(inputs: Inputs) -> tuple[list[Excerpt], list[Issue], list[str]]:
    metadata = inputs.submission.metadata
    issues = []
    competence = inputs.competence
    excerpts = [Excerpt(p.quote.splitlines()[0], p.label) for p in competence.provisions] if competence else []
    notes = list(competence.notes) if competence else ["Chưa tra cứu quy định về thẩm quyền: chưa có cơ sở dữ liệu văn bản."]
    if not _COUNCIL.search(metadata.addressee or ""):
        issues.append(issue(
            "HDND.NOT_ADDRESSED_TO_COUNCIL",
            f"Tờ trình không gửi Hội đồng nhân dân (Kính gửi: {metadata.addressee or 'không ghi'}): đề nghị kiểm tra"
            " thẩm quyền quyết định nội dung này.",
            "phần đầu",
        ))
    if inputs.citations and not _cites_local_government_law(inputs.citations):
        council = "Hội đồng nhân dân" + (f" {competence.level.name}" if competence and competence.level else "")
        issues.append(issue(
            "HDND.COMPETENCE_NOT_CITED",
            f"Tờ trình không viện dẫn {LOCAL_GOVERNMENT_LAW}, văn bản quy định nhiệm vụ, quyền hạn của {council}:"
            " đề nghị bổ sung căn cứ về thẩm quyền ban hành.",
            "phần mở đầu",
        ))
    return excerpts, issues, notes


def _figures_of(text: str) -> list[tuple[str, str]]:
    """(key, as written) of the amounts and percentages of a text."""
    found = [(format_amount(a.value, a.unit), a.text) for a in amounts(text)]
    found += [(f"{number_value(m.group('number'))}%", m.group()) for m in PERCENT.finditer(text)]
    return found


def _draft_mismatches(inputs: Inputs) -> list[Issue]:
    if inputs.draft is None:
        return []
    known = {key for key, _ in _figures_of("\n".join(p.text for p in inputs.submission.paragraphs))}
    issues, seen = [], set()
    for line in inputs.draft.paragraphs:
        for key, written in _figures_of(line.text):
            if key in known or key in seen:
                continue
            seen.add(key)
            issues.append(issue(
                "HDND.DRAFT_FIGURE_MISMATCH",
                f"Dự thảo nghị quyết ghi “{written}” ({line.location}) nhưng tờ trình không có con số này: đề nghị"
                " thống nhất số liệu giữa tờ trình và dự thảo nghị quyết.",
                f"dự thảo nghị quyết, {line.location}",
                key,
            ))
    return issues


def _feasibility(inputs: Inputs) -> tuple[list[Excerpt], list[Issue]]:
    excerpts, issues = [], []
    for kind in (NOI_DUNG, TO_CHUC):
        if not inputs.parts[kind].found:
            issues.append(issue("HDND.SECTION_MISSING", _MISSING_PART[kind], "toàn văn", kind, _PART_CRITERION[kind]))
    to_chuc = inputs.parts[TO_CHUC]
    if to_chuc.found:
        excerpts += _first_excerpts(to_chuc)
        timed = [
            excerpt(sentence, line, section)
            for section in inputs.sections
            for sentence, line in section.sentences()
            if (section in to_chuc.sections or (_TIMELINE_WORDS.search(sentence) and CAN_THIET not in section.kinds))
            and (dates(sentence) or deadlines(sentence))
        ]
        excerpts += [e for e in timed if e not in excerpts][:3]
        if not timed:
            issues.append(issue(
                "HDND.TIMELINE_MISSING",
                f"Tờ trình chưa nêu thời hạn, lộ trình thực hiện ({to_chuc.sections[0].ref}): đề nghị làm rõ thời gian"
                " bắt đầu, hoàn thành và các mốc báo cáo.",
                to_chuc.sections[0].ref,
            ))
    submission = inputs.submission
    if inputs.draft is not None:
        excerpts.append(Excerpt(f"Dự thảo nghị quyết kèm theo: {inputs.draft.name}", "dự thảo nghị quyết"))
    elif _DRAFT_MENTION.search(submission.text):
        line = next(line for line in submission.lines if _DRAFT_MENTION.search(line.text))
        excerpts.append(Excerpt(line.text, line.location))
    else:
        issues.append(issue(
            "HDND.DRAFT_MISSING",
            "Không thấy dự thảo nghị quyết kèm theo tờ trình: đề nghị cơ quan trình gửi dự thảo nghị quyết để Hội đồng"
            " nhân dân xem xét, thông qua.",
            "toàn văn",
        ))
    issues += _draft_mismatches(inputs)
    issues += inputs.abolished_units
    return excerpts, issues


def _item_label(text: str, amount: Amount) -> str:
    """ "- Hỗ trợ một lần: 54.000 triệu đồng;" -> "Hỗ trợ một lần"."""
    label = _ITEM_MARK.sub("", text[: amount.start]).strip(" :;,-")
    return label or amount.text


def _sum_mismatch(section: Section) -> Issue | None:
    """The total of a kinh phí part against its itemised amounts: the items, in order, must add up to the
    total (once, or once per breakdown: by year, then by source)."""
    paragraphs = list(section.paragraphs)
    for i, paragraph in enumerate(paragraphs):
        totals = [a for a in amounts(paragraph.text) if not a.rate]
        if not (_TOTAL.search(paragraph.text) and totals):
            continue
        total = totals[0]
        items = []
        mark = None
        for following in paragraphs[i + 1:]:
            item_mark = _ITEM_MARK.match(following.text)
            kind = item_mark.group(1)[0] if item_mark else None
            if kind is None or (mark is not None and kind != mark):
                break
            mark = kind
            found = [a for a in amounts(following.text) if not a.rate]
            if found:
                items.append(found[0])
        if len(items) < 2:
            return None
        running = Decimal(0)
        for item in items:
            running += item.value
            if abs(running - total.value) <= total.value / 1000:
                running = Decimal(0)
            elif running > total.value:
                break
        if running == 0:
            return None
        listed = sum((a.value for a in items), Decimal(0))
        return issue(
            "HDND.FUNDING_SUM_MISMATCH",
            f"Tổng kinh phí {total.text} ({paragraph.location}) không khớp với tổng các khoản chi tiết"
            f" ({' + '.join(a.text for a in items)} = {format_amount(listed, total.unit)}): đề nghị cơ quan trình rà"
            " soát, thống nhất số liệu.",
            f"{section.ref}, {paragraph.location}",
        )
    return None


def _resources(inputs: Inputs) -> tuple[list[Excerpt], list[Issue]]:
    part = inputs.parts[KINH_PHI]
    if not part.found:
        return [], [issue("HDND.SECTION_MISSING", _MISSING_PART[KINH_PHI], "toàn văn", KINH_PHI, NGUON_LUC)]
    excerpts, issues = [], []
    items = _sentences(part)
    with_amounts = [(s, line, sec) for s, line, sec in items if any(not a.rate for a in amounts(s))]
    ref = part.sections[0].ref
    if with_amounts:
        excerpts.append(excerpt(*with_amounts[0]))
    else:
        issues.append(issue(
            "HDND.FUNDING_AMOUNT_MISSING",
            f"Tờ trình chưa nêu tổng kinh phí thực hiện ({ref}): đề nghị nêu dự toán kinh phí và cơ sở tính toán.",
            ref,
        ))
    sources = [(s, line, sec) for s, line, sec in items if _FUNDING_SOURCE.search(s)]
    if sources:
        excerpts += [excerpt(*item) for item in sources[:2]]
    else:
        listed = [
            _item_label(s, next(a for a in amounts(s) if not a.rate)) for s, _, _ in with_amounts if _ITEM_MARK.match(s)
        ]
        content = "; ".join(listed) or inputs.submission.metadata.trich_yeu
        issues.append(issue(
            "HDND.FUNDING_SOURCE_MISSING",
            f"Tờ trình chưa nêu nguồn kinh phí cho nội dung «{content}» ({ref}): đề nghị làm rõ nguồn (ngân sách trung"
            " ương, ngân sách địa phương cấp nào, xã hội hóa…) và khả năng cân đối.",
            ref,
        ))
    for section in part.sections:
        mismatch = _sum_mismatch(section)
        if mismatch:
            issues.append(mismatch)
    for sentence, line, section in items:
        for formula in formulas(sentence):
            if abs(formula.value - formula.amount.value) > formula.amount.value / 200:
                issues.append(issue(
                    "HDND.FUNDING_FORMULA_MISMATCH",
                    f"Kinh phí {formula.amount.text} ({line.location}) không khớp với cách tính nêu kèm"
                    f" ({formula.expression} = {format_amount(formula.value, formula.amount.unit)}): đề nghị cơ quan trình"
                    " rà soát lại dự toán.",
                    f"{section.ref}, {line.location}",
                    format_amount(formula.amount.value, formula.amount.unit),
                ))
    return excerpts, issues


def _impact(inputs: Inputs) -> tuple[list[Excerpt], list[Issue]]:
    part = inputs.parts[TAC_DONG]
    if not part.found:
        return [], [issue(
            "HDND.IMPACT_MISSING",
            "Tờ trình chưa đánh giá tác động (đối tượng chịu tác động, tác động kinh tế - xã hội, tác động đến ngân"
            " sách): đề nghị cơ quan trình bổ sung.",
            "toàn văn",
        )]
    titled = any(TAC_DONG in s.kinds for s in part.sections)
    chosen = [item for item in _sentences(part) if titled or mentions(TAC_DONG, item[0])]
    return [excerpt(*item) for item in chosen[:2]], []


def assess(inputs: Inputs) -> tuple[list[Issue], list[ChecklistItem]]:
    """The issues to raise and the checklist, criterion by criterion."""
    need = _need(inputs)
    conformity = _conformity(inputs)
    competence_excerpts, competence_issues, competence_notes = _competence(inputs)
    results = {
        CAN_THIET_C: need,
        PHU_HOP: conformity,
        THAM_QUYEN: (competence_excerpts, competence_issues),
        KHA_THI: _feasibility(inputs),
        NGUON_LUC: _resources(inputs),
        TAC_DONG_C: _impact(inputs),
    }
    issues: list[Issue] = []
    seen: set[str] = set()
    for _, found in results.values():
        for item in found:
            if item.id not in seen:
                seen.add(item.id)
                issues.append(item)
    checklist = []
    for key, title in CRITERIA:
        excerpts, _ = results[key]
        mine = [i for i in issues if i.criterion == key]
        notes = [i.message for i in mine if i.severity == "info"] + (competence_notes if key == THAM_QUYEN else [])
        checklist.append(ChecklistItem(
            key, title, tuple(excerpts), tuple(i.message for i in mine if i.severity != "info"), tuple(notes)
        ))
    return issues, checklist
