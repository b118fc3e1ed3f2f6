"""The citizens' API over a tiny real index: chat, sessions, roles, search, health and every bad input."""
import json

from fastapi import APIRouter, Depends
from fastapi.testclient import TestClient

from channels.web import app as web_app
from channels.web.backend import WebBackend, get_backend
from knowledge.index.enrich import Enricher

PIGEONS = "cấp giấy phép nuôi chim bồ câu cần gì"


def test_a_citizen_gets_the_procedure_with_its_checklist_and_follow_ups_stay_on_it(client):
    response = client.post("/api/chat", json={"message": PIGEONS})
    assert response.status_code == 200
    answer = response.json()
    assert answer["intent"] == "procedure_guide" and answer["grounded"] is True
    assert answer["citations"][0] == {
        "kind": "procedure", "id": "9.900001", "title": "Cấp giấy phép nuôi chim bồ câu đưa thư",
        "url": "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/00000000-0000-0000-0000-000000000001",
    }
    assert any(item.startswith("Tờ khai đề nghị cấp giấy phép") for item in answer["checklist"])
    fee = client.post("/api/chat", json={"message": "lệ phí bao nhiêu?", "session_id": answer["session_id"]}).json()
    assert fee["session_id"] == answer["session_id"]
    assert fee["intent"] == "procedure_detail" and "50.000" in fee["answer"]


def test_a_legal_answer_quotes_its_article_with_validity(client, officer):
    answer = client.post("/api/chat", json={"message": "luật vườn hoa công cộng quy định về việc gì"}, headers=officer).json()
    law = [c for c in answer["citations"] if c["kind"] == "law"]
    assert law and law[0]["id"] == "12/2030/QH16" and law[0]["status"] in ("in_force", "amended", "repealed", "unknown")
    assert law[0]["text"] and law[0]["text"] in answer["answer"]


def test_an_unknown_session_id_starts_a_new_conversation(client):
    answer = client.post("/api/chat", json={"message": "xin chào", "session_id": "khong-co-phien-nay"}).json()
    assert answer["intent"] == "greeting" and answer["session_id"] != "khong-co-phien-nay"
    again = client.post("/api/chat", json={"message": "xin chào", "session_id": "../../etc/passwd"}).json()
    assert again["session_id"] not in ("../../etc/passwd", answer["session_id"])


def test_a_conversation_cannot_be_continued_by_someone_else(client, officer):
    citizen = client.post("/api/chat", json={"message": PIGEONS}).json()
    taken = client.post("/api/chat", json={"message": "lệ phí bao nhiêu?", "session_id": citizen["session_id"]},
                        headers=officer).json()
    assert taken["session_id"] != citizen["session_id"]


def test_the_role_comes_from_the_token_never_from_the_body(client, officer):
    refused = client.post("/api/chat", json={"message": "soạn giấy mời họp", "role": "officer"})
    assert refused.status_code == 403 and "token" in refused.json()["detail"]
    assert client.post("/api/chat", json={"message": "xin chào", "role": "citizen"}).status_code == 200
    assert client.post("/api/chat", json={"message": "xin chào", "role": "officer"}, headers=officer).status_code == 200
    assert client.post("/api/chat", json={"message": "xin chào", "role": "admin"}, headers=officer).status_code == 403
    citizen_draft = client.post("/api/chat", json={"message": "soạn giấy mời họp giao ban 9h thứ Hai"}).json()
    assert citizen_draft["refusal_reason"] == "not_permitted"


def test_tokens_are_checked(client):
    for header in ("Bearer troly_khong_hop_le", "Basic dXNlcjpwYXNz", "Bearer "):
        response = client.post("/api/chat", json={"message": "xin chào"}, headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.headers["www-authenticate"] == "Bearer"


def test_bad_requests_get_a_clear_json_error_and_no_traceback(client):
    cases = [
        (dict(content=b'{"message": "xin', headers={"Content-Type": "application/json"}), 400, "JSON"),
        (dict(content=b"message=xin+chao", headers={"Content-Type": "application/x-www-form-urlencoded"}), 415, "JSON"),
        (dict(json={"text": "xin chào"}), 422, "message"),
        (dict(json={"message": 42}), 422, "message"),
        (dict(json=["xin chào"]), 422, "body"),
        (dict(content=json.dumps({"message": "a" * 1_100_000}), headers={"Content-Type": "application/json"}), 413, "1 MB"),
    ]
    for kwargs, status, needle in cases:
        response = client.post("/api/chat", **kwargs)
        assert response.status_code == status, (kwargs.get("json"), response.text[:200])
        body = response.json()
        assert set(body) == {"error", "detail"} and needle in body["detail"]
        assert "Traceback" not in response.text


def test_a_chunked_body_is_counted_as_it_arrives(client):
    def chunks():
        yield b'{"message": "'
        for _ in range(20):
            yield b"a" * 100_000
        yield b'"}'

    response = client.post("/api/chat", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_an_empty_message_is_a_named_refusal(client):
    answer = client.post("/api/chat", json={"message": "   "}).json()
    assert answer["refusal_reason"] == "empty" and answer["grounded"] is False


def test_an_internal_error_is_one_sentence_without_details(client, monkeypatch):
    backend = client.app.state.backend

    def broken(*args, **kwargs):
        raise RuntimeError("secret path /srv/troly/data")

    monkeypatch.setattr(backend, "ask", broken)
    response = TestClient(client.app, raise_server_exceptions=False).post("/api/chat", json={"message": "xin chào"})
    assert response.status_code == 500
    assert "secret" not in response.text and response.json()["error"] == "internal_server_error"


def test_search_returns_ranked_evidence_of_the_wanted_kind(client):
    results = client.get("/api/search", params={"q": "nuôi chim bồ câu", "kind": "procedure", "k": 3}).json()["results"]
    assert results[0]["id"] == "9.900001" and results[0]["rank"] == 1
    assert all(r["kind"] == "procedure" for r in results) and len(results) <= 3
    laws = client.get("/api/search", params={"q": "vườn hoa công cộng", "kind": "law"}).json()["results"]
    assert laws and all(r["kind"] == "law" for r in laws)
    assert client.get("/api/search", params={"q": "x", "k": 0}).status_code == 422
    assert client.get("/api/search", params={"q": "x", "kind": "bogus"}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_health_names_the_index_in_use_and_its_coverage_as_enrichment_publishes(client, tiny_settings):
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["index"].startswith("gen-") and health["reply_channels"] == ["web"]
    passages = health["coverage"]["passages"]
    assert passages > 0 and health["coverage"]["with_body_vectors"] < passages
    Enricher(tiny_settings).run()
    enriched = client.get("/api/health").json()
    assert enriched["index"] != health["index"]  # picked up between requests
    assert enriched["coverage"] == {"passages": passages, "with_body_vectors": passages, "share": 1.0}
    assert client.get("/api/search", params={"q": "vườn hoa công cộng", "kind": "law"}).json()["results"]


def test_pages_are_served_with_a_strict_content_policy_and_only_local_resources(client):
    for path in ("/", "/can-bo", "/can-bo/thong-ke"):
        page = client.get(path)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert 'lang="vi"' in page.text
        for reference in ('src="http', 'href="http', "src='http", "//cdn"):
            assert reference not in page.text
        for asset in ("/static/style.css", "/static/common.js"):
            assert asset in page.text and client.get(asset).status_code == 200
    assert "onclick=" not in client.get("/").text


def test_api_docs_work_offline(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/chat", "/api/search", "/api/documents", "/api/tickets", "/api/analytics/top-concerns"} <= set(paths)


extra_router = APIRouter()


@extra_router.post("/webhooks/test-channel")
def _test_channel(payload: dict, backend: WebBackend = Depends(get_backend)) -> dict:
    return {"text": backend.ask(payload["text"], None, None, channel="test").text}


def test_another_channel_mounts_its_router_by_naming_it(monkeypatch, web_assistant):
    monkeypatch.setattr(web_app, "EXTRA_ROUTERS", ("tests.channels.web.test_chat_api:extra_router",))
    with TestClient(web_app.create_app(assistant=web_assistant)) as other:
        reply = other.post("/webhooks/test-channel", json={"text": "xin chào"})
    assert reply.status_code == 200 and reply.json()["text"].startswith("Xin chào")
    assert web_assistant.sessions.turns()[-1].channel == "test"


def test_unknown_routes_are_json_404(client):
    response = client.get("/api/khong-co")
    assert response.status_code == 404 and response.json()["error"] == "not_found"


def test_session_messages_need_a_known_conversation(client, officer):
    assert client.get("/api/sessions/khong-co/messages").status_code == 404
    mine = client.post("/api/chat", json={"message": "xin chào"}, headers=officer).json()["session_id"]
    assert client.get(f"/api/sessions/{mine}/messages").status_code == 404  # an officer's conversation, anonymously
    assert client.get(f"/api/sessions/{mine}/messages", headers=officer).json()["messages"] == []
