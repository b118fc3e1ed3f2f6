"""The HĐND delegate's secretary (thư ký ảo): review a tờ trình before the session.

- ``read_submission(path)`` / ``read_draft(path)``: a tờ trình and its dự thảo nghị quyết, every bad input refused;
- ``review_submission(path, draft, registry, competence)`` -> ``HdndReport``: metadata, parts found and missing,
  an extractive summary keeping every figure, the legal bases with their status, the council's competence
  provisions, the thẩm tra checklist and the questions to raise;
- ``render_markdown(report)`` / ``render_docx(report)``: the report for the terminal, chat and Word;
- ``answer_about(report, submission, question)`` -> ``FollowUp``: follow-up questions answered from the tờ trình
  itself, each sentence with its place;
- ``schedule_session(events, user, now, store, submission)``: the kỳ họp and deadlines as reminders.
"""
from assistant.hdnd.calendar import Scheduled, schedule_session, split_events
from assistant.hdnd.checklist import CODES, CRITERIA, ChecklistItem, Excerpt, Issue
from assistant.hdnd.competence import Competence, CompetenceFinder, Provision
from assistant.hdnd.followup import FollowUp, answer_about
from assistant.hdnd.render import render_docx, render_markdown
from assistant.hdnd.report import HdndReport, LegalBasisRow, review, review_submission
from assistant.hdnd.submission import Metadata, Submission, read_draft, read_submission

__all__ = [
    "CODES",
    "CRITERIA",
    "ChecklistItem",
    "Competence",
    "CompetenceFinder",
    "Excerpt",
    "FollowUp",
    "HdndReport",
    "Issue",
    "LegalBasisRow",
    "Metadata",
    "Provision",
    "Scheduled",
    "Submission",
    "answer_about",
    "read_draft",
    "read_submission",
    "render_docx",
    "render_markdown",
    "review",
    "review_submission",
    "schedule_session",
    "split_events",
]
