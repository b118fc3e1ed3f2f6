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
