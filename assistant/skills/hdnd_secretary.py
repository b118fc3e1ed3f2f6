"""The HĐND delegate's secretary (thư ký ảo) in chat.

A tờ trình a delegate sends is reviewed (``assistant.hdnd``): the answer lists what is missing and the
questions to raise, with the full thẩm tra report (.docx) attached; the tờ trình is kept for the session, and
the delegate's next questions about it ("kinh phí dự kiến bao nhiêu?", "căn cứ nào đã hết hiệu lực?") are
answered from its own sentences, each cited with its place (mục, dòng). The sentences quoted become the
turn's evidence, so the pipeline's check holds these answers to them like any other.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from assistant.answer import Answer, Citation, refusal
from assistant.documents.legal_basis import RegistryLookup
from assistant.hdnd import CompetenceFinder, HdndReport, answer_about, read_submission, render_docx, review
from assistant.hdnd.submission import Submission
from assistant.pipeline.turn import Turn
from knowledge.dvhc import UnitLookup
from knowledge.errors import BadInput
from knowledge.models import Evidence, Passage

FOLLOW_UP_HINT = "Bạn có thể hỏi tiếp về tờ trình này, ví dụ “kinh phí dự kiến bao nhiêu?”, “căn cứ nào đã hết hiệu lực?”."
SEND_AGAIN = "Tôi không còn giữ tờ trình của phiên này: hãy gửi lại tệp (.docx, .pdf có lớp chữ hoặc .txt)."


class HdndSecretary:
    intents = frozenset({"hdnd_review"})

    def __init__(
        self, registry: RegistryLookup | None, competence: CompetenceFinder | None, store_dir: Path,
        units: UnitLookup | None = None,
    ):
        self.registry = registry
        self.competence = competence
        self.store_dir = store_dir  # the tờ trình under review and its report, per session
        self.units = units  # the communes of the 2025 merger, for the work a tờ trình gives

    def compose(self, turn: Turn) -> Answer:
        try:
            if turn.upload is not None:
                return self._review(turn, turn.upload)
            if turn.session.state.submission is None:
                raise BadInput(SEND_AGAIN)
            return self._follow_up(turn, read_submission(Path(turn.session.state.submission)))
        except BadInput as exc:
            return refusal(turn.intent, "needs_clarification", str(exc))

    def _review(self, turn: Turn, upload: Path) -> Answer:
        submission = read_submission(upload)
        report = review(submission, None, self.registry, self.competence, self.units)
        self.store_dir.mkdir(parents=True, exist_ok=True)
        kept = self.store_dir / f"{turn.session.id}{upload.suffix.lower()}"
        shutil.copyfile(upload, kept)
        turn.session.state.submission = str(kept)
        attachment = self.store_dir / f"{turn.session.id}-bao-cao-tham-tra.docx"
        attachment.write_bytes(render_docx(report))
        return Answer(text=_overview(report), intent=turn.intent, grounded=True, attachment=str(attachment),
                      extras={"hdnd_report": report.to_dict()})

    def _follow_up(self, turn: Turn, submission: Submission) -> Answer:
        report = review(submission, None, self.registry, None)
        answer = answer_about(report, submission, turn.text)
        text = "\n".join((f"Theo {report.reference}:", *answer.lines))
        if not answer.found:
            return refusal(turn.intent, "no_grounding", "\n".join(answer.lines))
        doc_id = submission.metadata.number or submission.name
        turn.evidence = [
            Evidence(Passage(f"{doc_id}#{e.location}", "document", doc_id, report.reference, e.location, e.text,
                             article=e.location, access="internal", source=submission.name), 1.0)
            for e in answer.excerpts
        ]
        citations = [
            Citation("document", doc_id, report.reference, article=e.location, text=e.text,
                     label=f"{e.location}, {report.reference}")
            for e in answer.excerpts
        ]
        return Answer(text=text, intent=turn.intent, grounded=True, citations=citations)


def _overview(report: HdndReport) -> str:
    about = f" ({report.metadata.trich_yeu})" if report.metadata.trich_yeu else ""
    lines = [f"Đã thẩm tra {report.reference}{about}."]
    if report.missing_parts:
        lines.append("Thiếu: " + "; ".join(p.label for p in report.missing_parts) + ".")
    questions = report.questions
    lines.append(f"Vấn đề cần làm rõ ({len(questions)}):" if questions else "Không phát hiện vấn đề cần làm rõ.")
    lines += [f"- {q.message} ({q.location})" for q in questions]
    lines += ["Báo cáo thẩm tra đầy đủ ở tệp đính kèm.", FOLLOW_UP_HINT]
    return "\n".join(lines)
