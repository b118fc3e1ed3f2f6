"""The thẩm tra report on a tờ trình: what a delegate needs before the session.

``review_submission(path, draft=None, registry=None, competence=None)`` reads the
tờ trình (and its dự thảo nghị quyết) and returns an ``HdndReport``: metadata; the
expected parts found and missing; an extractive summary keeping every figure; the
cited legal bases with their status in the registry; the provisions that give the
council competence; the checklist; the issues to raise. ``HdndReport.to_dict`` is
the JSON of ``troly hdnd review --json``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from assistant.documents.abolished_units import findings_by_mention, issued_after_merger
from assistant.documents.legal_basis import CitationCheck, RegistryLookup, check_citations
from assistant.hdnd.checklist import ChecklistItem, Inputs, Issue, assess, citation_key, issue
from assistant.hdnd.competence import Competence, CompetenceFinder
from assistant.hdnd.structure import CAN_CU, EXPECTED, KINH_PHI, PartStatus, find_sections, parts
from assistant.hdnd.submission import Metadata, Submission, read_draft, read_submission
from assistant.hdnd.summary import SummaryItem, summarize
from assistant.skills.validity import STATUS_WORDS
from knowledge.dvhc import UnitLookup
from knowledge.text import fold



@dataclass(frozen=True)
class LegalBasisRow:
    """A document the tờ trình (or its draft) cites, with what the registry says of it."""

    source: str  # "tờ trình" or "dự thảo nghị quyết"
    label: str  # as cited: "Luật Cư trú số 81/2006/QH11"
    key: str  # the number, or the name and year it is cited by
    status: str  # in_force | amended | partially_repealed | repealed | unknown
    note: str | None  # what is wrong with citing it, naming the replacing or amending documents
    location: str

    @property
    def status_text(self) -> str:
        return STATUS_WORDS[self.status]

    def to_dict(self) -> dict:
        return {
            "source": self.source, "document": self.label, "number": self.key, "status": self.status,
            "status_text": self.status_text, "note": self.note, "location": self.location,
        }


@dataclass(frozen=True)
class HdndReport:
    source: str
    reference: str  # "Tờ trình số 215/TTr-UBND"
    draft: str | None
    metadata: Metadata
    parts: tuple[PartStatus, ...]
    summary: tuple[SummaryItem, ...]
    legal_bases: tuple[LegalBasisRow, ...]
    registry_checked: bool
    competence: Competence | None
    checklist: tuple[ChecklistItem, ...]
    issues: tuple[Issue, ...]

    @property
    def questions(self) -> tuple[Issue, ...]:
        """The issues to raise (errors and warnings), not the notes."""
        return tuple(i for i in self.issues if i.severity != "info")

    @property
    def missing_parts(self) -> tuple[PartStatus, ...]:
        return tuple(p for p in self.parts if not p.found)

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "reference": self.reference,
            "draft": self.draft,
            "metadata": self.metadata.to_dict(),
            "parts": [p.to_dict() for p in self.parts],
            "missing_parts": [p.kind for p in self.missing_parts],
            "summary": [s.to_dict() for s in self.summary],
            "legal_bases": [row.to_dict() for row in self.legal_bases],
            "registry_checked": self.registry_checked,
            "competence": self.competence.to_dict() if self.competence else None,
            "checklist": [c.to_dict() for c in self.checklist],
            "issues": [i.to_dict() for i in self.issues],
        }


def _rows(checks: list[CitationCheck], source: str, shown: set[str]) -> list[LegalBasisRow]:
    """Table rows for the documents cited, but those already shown and the administrative papers
    (a report, a party resolution, a tờ trình) the registry does not track and that raise nothing."""
    rows = []
    for c in checks:
        key = citation_key(c)
        if key in shown or (c.finding is None and c.status == "unknown"):
            continue
        shown.add(key)
        rows.append(LegalBasisRow(
            source, c.label, key, c.status, c.finding.message if c.finding else None, f"{source}, {c.line.location}",
        ))
    return rows


def _own_number(submission: Submission) -> str | None:
    return submission.metadata.number


def _with_cited_bases(statuses: dict[str, PartStatus], checks: list[CitationCheck]) -> dict[str, PartStatus]:
    """The căn cứ pháp lý counts as present when the text cites documents, even without "Căn cứ" lines."""
    if statuses[CAN_CU].found or not checks:
        return statuses
    where = f"viện dẫn trong nội dung ({checks[0].line.location})"
    return {**statuses, CAN_CU: replace(statuses[CAN_CU], found=True, where=where)}


class _NoRegistry:
    """Without a knowledge base the citations are still found, but nothing is known of them."""

    def lookup(self, number: str) -> None:
        return None

    def lookup_title(self, title: str, year: int | None = None) -> None:
        return None


def _citations(document: Submission, registry: RegistryLookup | None) -> list[CitationCheck]:
    """The documents ``document`` cites, checked against ``registry``; without one, unchecked and without finding."""
    lines = list(document.paragraphs)
    if registry is not None:
        return check_citations(lines, registry, _own_number(document))
    return [replace(c, finding=None) for c in check_citations(lines, _NoRegistry(), _own_number(document))]


def _abolished_units(submission: Submission, draft: Submission | None, units: UnitLookup | None) -> list[Issue]:
    """Work the tờ trình (or its draft, which shares its date) gives to a body abolished by the 2025 merger."""
    if not issued_after_merger(submission.metadata.issued_on):
        return []
    issues = []
    for document, where in ((submission, "tờ trình"), (draft, "dự thảo nghị quyết")):
        if document is None:
            continue
        body = [line for line in document.paragraphs if not fold(line.text).startswith("can cu")]
        for written, found in findings_by_mention([], body, units):
            message = f"{found.message[:1].upper()}{found.message[1:]}: đề nghị cơ quan trình xác định lại cơ quan thực hiện"
            issues.append(issue(found.code, message, f"{where}, {found.location}", written))
    return issues


def review(
    submission: Submission,
    draft: Submission | None = None,
    registry: RegistryLookup | None = None,
    competence: CompetenceFinder | None = None,
    units: UnitLookup | None = None,
) -> HdndReport:
    """The report on a tờ trình already read; ``units`` names the communes a tờ trình dated after the 2025
    merger may still give work to."""
    sections = find_sections(submission)
    checks = _citations(submission, registry)
    draft_checks = _citations(draft, registry) if draft else []
    statuses = _with_cited_bases(parts(sections), checks)
    found = competence.find(submission.metadata, statuses[KINH_PHI].found) if competence else None
    shown: set[str] = set()
    issues, checklist = assess(Inputs(
        submission, sections, statuses, checks, registry is not None, found, draft, tuple(draft_checks),
        tuple(_abolished_units(submission, draft, units)),
    ))
    return HdndReport(
        source=submission.name,
        reference=submission.reference,
        draft=draft.name if draft else None,
        metadata=submission.metadata,
        parts=tuple(statuses[kind] for kind in EXPECTED),
        summary=tuple(summarize(sections)),
        legal_bases=tuple(_rows(checks, "tờ trình", shown) + _rows(draft_checks, "dự thảo nghị quyết", shown)),
        registry_checked=registry is not None,
        competence=found,
        checklist=tuple(checklist),
        issues=tuple(issues),
    )


def review_submission(
    path: Path,
    draft: Path | None = None,
    registry: RegistryLookup | None = None,
    competence: CompetenceFinder | None = None,
    units: UnitLookup | None = None,
) -> HdndReport:
    """Read a tờ trình (and its draft nghị quyết) and review it; ``BadInput`` for a file that cannot be used."""
    return review(read_submission(path), read_draft(draft) if draft else None, registry, competence, units)
