"""The web app mounts the other channels' endpoints and shares one assistant and one lock with them."""
from channels.chat import assistant_lock


def test_chat_webhooks_and_the_rasa_action_endpoint_are_served_by_the_web_app(client, web_assistant, monkeypatch):
    for name in ("TROLY_TELEGRAM_TOKEN", "TROLY_ZALO_APP_ID"):
        monkeypatch.delenv(name, raising=False)
    assert client.app.state.assistant is web_assistant
    assert client.app.state.backend._lock is assistant_lock(web_assistant)
    assert client.post("/telegram/webhook", json={"update_id": 1}).status_code == 404  # not configured here
    assert client.post("/zalo/webhook", json={}).status_code == 404
    unknown = client.post("/rasa/webhook", json={"next_action": "action_khong_co", "sender_id": "s", "tracker": {}, "domain": {}})
    assert unknown.status_code == 404 and "action_khong_co" in unknown.json()["error"]
    assert "action_legal_answer" in client.get("/rasa/actions").text


def test_a_sender_over_the_rate_limit_gets_429_with_retry_after_and_others_go_on(tiny_settings, tiny_nlu):
    from dataclasses import replace

    from fastapi.testclient import TestClient

    from assistant.core import Assistant
    from channels.web.app import create_app

    assistant = Assistant(replace(tiny_settings, rate_per_minute=6), nlu=tiny_nlu)  # a burst of 3
    with TestClient(create_app(assistant=assistant)) as client:
        codes = [client.post("/api/chat", json={"message": "xin chào"}).status_code for _ in range(4)]
        refused = client.post("/api/chat", json={"message": "xin chào"})
        officer = assistant.users.add_user("Trần Thị Lan", "officer")
        token = assistant.users.issue_token(officer.id)
        by_token = client.post("/api/chat", json={"message": "xin chào"}, headers={"Authorization": f"Bearer {token}"})
        webhook = client.post("/zalo/webhook", json={})  # Zalo posts for all its users: limited per chat address
    assert codes == [200, 200, 200, 429]
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
    assert "thử lại sau" in refused.json()["detail"]
    assert by_token.status_code == 200  # an officer's token has its own allowance
    assert webhook.status_code == 404  # not configured here, and not refused for the API's callers' IP
