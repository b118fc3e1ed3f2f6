"""Roles × endpoints × access levels: nobody reads what their role may not, through any door.

Three documents with a word of their own each — public, internal (nội bộ), confidential
(mật) — are indexed beside the fixture corpus; each role then searches, chats and reads
the analytics, and the words that reach it are compared with what it may read.
"""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from assistant.core import Assistant
from channels.web.app import create_app
from knowledge.ingest import Ingestor

DOCUMENTS = {
    "public": ("thong-bao-lich-tiep-dan.txt", "Lịch tiếp công dân tháng 12: phường tiếp dân vào thứ Năm, mã hiệu BINHMINH."),
    "internal": ("quy-che-noi-bo.txt", "Quy chế nội bộ: cán bộ trực ban phòng máy chủ, mã hiệu HOAMAI."),
    "confidential": ("ke-hoach-mat.txt", "Kế hoạch mật: phương án bảo vệ kho lưu trữ, mã hiệu THIENLY."),
}
WORD = {"public": "BINHMINH", "internal": "HOAMAI", "confidential": "THIENLY"}  # in no question: quoted or not at all
QUESTIONS = {
    "public": "quy định về lịch tiếp công dân tháng 12 của phường là gì?",
    "internal": "quy định về cán bộ trực ban phòng máy chủ là gì?",
    "confidential": "quy định về phương án bảo vệ kho lưu trữ là gì?",
}
MAY_READ = {
    "citizen": {"public"},
    "officer": {"public", "internal"},
    "delegate": {"public", "internal"},
    "admin": {"public", "internal", "confidential"},
}


@pytest.fixture(scope="module")
def matrix(tiny_index, tmp_path_factory, tiny_nlu):
    import shutil

    from knowledge.settings import Settings

    root = tmp_path_factory.mktemp("access")
    shutil.copytree(tiny_index / "data", root / "data", symlinks=True)
    settings = Settings(knowledge_dir=tiny_index / "knowledge", data_dir=root / "data", embedder="hash", rate_per_minute=0)
    for access, (name, text) in DOCUMENTS.items():
        (root / name).write_text(text, encoding="utf-8")
        assert Ingestor(settings).ingest([root / name], access=access).errors == []
    assistant = Assistant(settings, nlu=tiny_nlu)
    headers = {"citizen": {}}
    for role in ("officer", "delegate", "admin"):
        user = assistant.users.add_user(f"Người dùng {role}", role, unit="Văn phòng UBND")
        headers[role] = {"Authorization": f"Bearer {assistant.users.issue_token(user.id)}"}
    with TestClient(create_app(assistant=assistant)) as client:
        yield client, headers


def _levels_in(text: str) -> set[str]:
    return {level for level, word in WORD.items() if word.lower() in text.lower()}


DOORS = {
    "search": lambda client, question, headers: client.get("/api/search", params={"q": question}, headers=headers),
    "chat": lambda client, question, headers: client.post("/api/chat", json={"message": question}, headers=headers),
}


@pytest.mark.parametrize("door", list(DOORS))
@pytest.mark.parametrize("role", list(MAY_READ))
def test_search_results_chat_answers_and_citations_carry_exactly_what_the_role_may_read(matrix, role, door):
    client, headers = matrix
    seen = set()
    for question in QUESTIONS.values():
        response = DOORS[door](client, question, headers[role])
        assert response.status_code == 200
        seen |= _levels_in(response.text)
    assert seen == MAY_READ[role]


def test_officers_pages_and_uploads_are_closed_to_citizens(matrix):
    client, headers = matrix
    role = "citizen"
    for method, path in (("get", "/api/tickets"), ("get", "/api/handovers"), ("get", "/api/analytics/top-concerns"),
                         ("post", "/api/documents")):
        assert getattr(client, method)(path, headers=headers[role]).status_code in (401, 403)
