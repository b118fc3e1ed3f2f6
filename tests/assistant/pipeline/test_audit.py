from datetime import datetime
from pathlib import Path

import pytest

from assistant.answer import Answer, Citation
from assistant.pipeline.audit import Audit
from assistant.pipeline.turn import Turn
from assistant.security.audit import AuditLog
from assistant.security.users import User
from assistant.sessions import DialogueState, Session
from knowledge.models import Evidence, Passage

OFFICER = User(7, "Nguyễn Văn An", "officer", "Văn phòng UBND")
INTERNAL = Passage("document:QC-01/2026:3:0", "document", "QC-01/2026", "Quy chế làm việc nội bộ", "Điều 3. Giờ làm việc",
                   "Cán bộ có mặt tại cơ quan từ 7 giờ 30.", article="3", access="internal")
PUBLIC = Passage("law:60/2014/QH13:16:0", "law", "60/2014/QH13", "Luật Hộ tịch", "Điều 16. Thủ tục đăng ký khai sinh",
                 "1. Người đi đăng ký khai sinh nộp tờ khai theo mẫu quy định.", article="16", access="public")


@pytest.fixture
def log(tmp_path):
    audit = AuditLog(tmp_path / "audit.sqlite3")
    yield audit
    audit.close()


def turn(answer: Answer, user: User | None = OFFICER, upload: Path | None = None, evidence=()) -> Turn:
    session = Session("s1", user.role if user else "citizen", "web", user.id if user else None, DialogueState())
    done = Turn(message="…", session=session, role=session.role, now=datetime(2026, 11, 24), channel="web",
                user=user, upload=upload, text="soạn giấy mời họp giao ban", evidence=list(evidence))
    done.answer = answer
    return done


def cite(passage: Passage) -> Citation:
    return Citation(passage.kind, passage.doc_id, passage.doc_title, article=passage.article)


def test_restricted_documents_an_officer_was_shown_are_recorded_once(log):
    answer = Answer("…", "legal_question", (cite(INTERNAL), cite(PUBLIC), cite(INTERNAL)), grounded=True)
    Audit(log)(turn(answer, evidence=[Evidence(INTERNAL, 1.0), Evidence(PUBLIC, 0.9)]))
    assert [(e.actor, e.role, e.action, e.target, e.channel) for e in log.entries()] == [
        ("Nguyễn Văn An", "officer", "read_restricted", "QC-01/2026", "web"),
    ]


def test_drafts_reviews_and_submissions_are_recorded_with_their_file(log, tmp_path):
    drafted = Answer("Đã soạn giấy mời.", "draft_document", grounded=True, attachment=str(tmp_path / "giay-moi-1.docx"))
    reviewed = Answer("Rà soát xong.", "review_document", grounded=True)
    Audit(log)(turn(drafted))
    submission = Answer("Báo cáo thẩm tra.", "hdnd_review", grounded=True)
    Audit(log)(turn(reviewed, upload=tmp_path / "du-thao-cong-van.docx"))
    Audit(log)(turn(submission, upload=tmp_path / "to-trinh-12.docx"))
    assert [(e.action, e.target, e.detail) for e in log.entries()] == [
        ("draft", "giay-moi-1.docx", "soạn giấy mời họp giao ban"),
        ("review", "du-thao-cong-van.docx", ""),
        ("hdnd_review", "to-trinh-12.docx", ""),
    ]


def test_anonymous_turns_and_refusals_leave_no_row(log):
    answer = Answer("…", "legal_question", (cite(PUBLIC),), grounded=True)
    Audit(log)(turn(answer, user=None, evidence=[Evidence(PUBLIC, 1.0)]))
    refused = Answer("Xin gửi tệp.", "review_document", refusal_reason="needs_clarification")
    Audit(log)(turn(refused))
    assert log.entries() == []
