"""Officers' work from chat: drafting a document, reviewing an uploaded draft, reminders.

Each delegates to its room (``assistant.documents``, ``assistant.tasks``); this
module only turns their results into answers.
"""
from __future__ import annotations

from pathlib import Path

from assistant.answer import Answer, refusal
from assistant.documents.from_request import draft_from_request
from assistant.documents.review import review_file
from assistant.pipeline.turn import Turn
from assistant.tasks import Clarification, TaskStore, handle_reminder_message
from knowledge.base import KnowledgeBase
from knowledge.errors import BadInput

UPLOAD_PLEASE = (
    "Hãy gửi kèm tệp dự thảo (.docx hoặc .txt) để tôi rà soát thể thức theo Nghị định 30/2020/NĐ-CP và "
    "hiệu lực của các căn cứ pháp lý (trên dòng lệnh: troly review TỆP)."
)
ACCOUNT_PLEASE = (
    "Để tạo nhắc việc, tài khoản của bạn cần được đăng ký và liên kết (troly user add, rồi /lienket trên Telegram "
    "hoặc đăng nhập trên web)."
)


class Drafting:
    intents = frozenset({"draft_document"})

    def __init__(self, drafts_dir: Path):
        self.drafts_dir = drafts_dir

    def compose(self, turn: Turn) -> Answer:
        try:
            result = draft_from_request(turn.text, turn.now)
        except BadInput as exc:
            return refusal(turn.intent, "needs_clarification", f"{exc}. Ví dụ: \"soạn giấy mời họp giao ban 9h thứ Hai tại phòng họp số 2\".")
        self.drafts_dir.mkdir(parents=True, exist_ok=True)
        path = self.drafts_dir / f"{result.doc_type}-{turn.session.id}-{int(turn.now.timestamp())}.docx"
        path.write_bytes(result.docx)
        return Answer(text=result.message, intent=turn.intent, grounded=True, attachment=str(path),
                      extras={"missing": list(result.missing)})


class Review:
    intents = frozenset({"review_document"})

    def __init__(self, kb: KnowledgeBase | None):
        self.kb = kb

    def compose(self, turn: Turn) -> Answer:
        if turn.upload is None:
            return refusal(turn.intent, "needs_clarification", UPLOAD_PLEASE)
        result = review_file(turn.upload, self.kb.registry if self.kb else None, self.kb.dvhc if self.kb else None)
        findings = result.findings
        errors = sum(f.severity == "error" for f in findings)
        lines = [f"Rà soát {turn.upload.name}: {errors} lỗi, {len(findings) - errors} lưu ý."]
        lines += [f"- [{f.code}] {f.message} ({f.location})" for f in findings]
        if result.cited_documents:
            lines.append("Căn cứ pháp lý được viện dẫn: " + "; ".join(f"{c.number}: {c.status}" for c in result.cited_documents))
        return Answer(text="\n".join(lines), intent=turn.intent, grounded=True, extras={"review": result.to_dict()})


class Reminders:
    intents = frozenset({"reminder"})

    def __init__(self, store: TaskStore):
        self.store = store

    def compose(self, turn: Turn) -> Answer:
        if turn.user is None:
            return refusal(turn.intent, "needs_account", ACCOUNT_PLEASE)
        try:
            outcome = handle_reminder_message(turn.text, turn.user, turn.now, self.store)
        except BadInput as exc:
            return refusal(turn.intent, "needs_clarification", str(exc))
        if isinstance(outcome, Clarification):
            return refusal(turn.intent, "needs_clarification", outcome.question)
        return Answer(text=outcome.text, intent=turn.intent, grounded=True, extras={"task": outcome.task.id})
