"""Rasa 3.6 and troly side by side on loopback, for real: Rasa's venv (the cached one, or built
from nothing), a model trained on troly's own nlu.yml, ``rasa run --enable-api`` and troly's
action server over a tiny real index; Vietnamese messages through Rasa's REST channel.

A few minutes: skipped only when there is no Rasa venv and no Python 3.10 to build one
(Rasa 3.6 needs Python < 3.11).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import httpx
import pytest

from assistant.answer import Answer
from assistant.core import Assistant
from assistant.nlu import RasaNLU, engine_for
from assistant.skills.citizen_guide import ASK_PROCEDURE
from channels.rasa_dialogue import RasaDialogue, answer_from_rasa, responder
from channels.rasa_server import ActionServer, RasaInstall, RasaServer, find_python, free_port, train
from knowledge.settings import Settings

pytestmark = pytest.mark.slow

# (message, intent Rasa must find)
MESSAGES = [
    ("xin chào", "greeting"),
    ("chào bạn, bạn giúp được gì cho tôi", "greeting"),
    ("thủ tục cấp giấy phép nuôi chim bồ câu đưa thư cần những gì", "procedure_guide"),
    ("tôi muốn đăng ký tham gia hội thao bắn súng truyền thống", "procedure_guide"),
    ("lệ phí bao nhiêu?", "procedure_detail"),
    ("nop online duoc khong", "procedure_detail"),
    ("mất bao lâu thì có kết quả", "procedure_detail"),
    ("nộp hồ sơ ở đâu", "procedure_detail"),
    ("Luật Vườn hoa công cộng quy định phạm vi điều chỉnh thế nào", "legal_question"),
    ("luat vuon hoa cong cong co hieu luc tu ngay nao", "legal_question"),
    ("Nghị định 77/2030/NĐ-CP quy định hình thức con dấu thế nào", "legal_question"),
    ("tôi muốn phản ánh việc cán bộ phường làm việc chậm", "feedback"),
    ("cho tôi gặp cán bộ", "handover"),
    ("tôi muốn nói chuyện với người thật", "handover"),
    ("cảm ơn nhiều nhé", "thanks"),
    ("hôm nay thời tiết thế nào", "out_of_scope"),
    ("soạn giấy mời họp giao ban sáng thứ Hai", "draft_document"),
    ("kiểm tra thể thức dự thảo quyết định này giúp tôi", "review_document"),
    ("nhắc tôi nộp báo cáo quý trước thứ Sáu", "reminder"),
    ("số 2", "choose_option"),
]


@dataclass(frozen=True)
class Servers:
    rasa_url: str
    assistant: Assistant


@pytest.fixture(scope="module")
def servers(tiny_index_dir: Path, fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    if not RasaInstall().is_complete() and find_python() is None:
        pytest.skip("no Rasa venv (TROLY_RASA_VENV) and no Python 3.10 to build one (python3.10, pyenv, TROLY_RASA_PYTHON)")
    work = tmp_path_factory.mktemp("rasa")
    log_path = work / "rasa.log"
    data = work / "data"
    shutil.copytree(tiny_index_dir, data, symlinks=True)
    assistant = Assistant(Settings(knowledge_dir=fixtures_dir, data_dir=data, embedder="hash"))
    with open(log_path, "w") as log:
        try:
            install = RasaInstall().ensure(log)
            model = train(install, work / "models", log)
            with ActionServer(assistant, free_port()) as actions, RasaServer(install, model, free_port(), actions.url, log) as rasa:
                yield Servers(rasa.url, assistant)
        except Exception:
            print("".join(log_path.read_text(errors="replace").splitlines(keepends=True)[-80:]))
            raise


def parse(servers: Servers, text: str) -> dict:
    return httpx.post(f"{servers.rasa_url}/model/parse", json={"text": text}, timeout=30).json()


def say(servers: Servers, sender: str, text: str) -> Answer:
    """One message through Rasa's REST channel; troly's answer from the custom payload."""
    messages = httpx.post(
        f"{servers.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60,
    ).json()
    [payload] = [m["custom"]["troly"] for m in messages if "custom" in m]
    answer = answer_from_rasa(messages)
    assert answer == Answer.from_json(payload)  # and no text beside troly's own
    return answer


def test_rasa_finds_the_intent_of_vietnamese_messages(servers):
    found = {text: parse(servers, text)["intent"]["name"] for text, _ in MESSAGES}
    assert found == {text: intent for text, intent in MESSAGES}
    fee = parse(servers, "lệ phí bao nhiêu?")["entities"]
    assert [(e["entity"], e["value"]) for e in fee] == [("detail_aspect", "lệ phí")]


def test_a_citizen_is_guided_through_a_procedure_with_citations(servers):
    guide = say(servers, "dan-1", "thủ tục cấp giấy phép nuôi chim bồ câu đưa thư cần những gì")
    assert guide.intent == "procedure_guide" and guide.grounded and guide.citations[0].id == "9.900001"
    assert guide.citations[0].url.startswith("https://dichvucong.gov.vn/")
    fee = say(servers, "dan-1", "lệ phí bao nhiêu?")
    assert fee.text.startswith("Lệ phí Cấp giấy phép nuôi chim bồ câu đưa thư") and fee.citations[0].id == "9.900001"
    online = say(servers, "dan-1", "nop online duoc khong")
    assert "trực tuyến" in online.text and online.citations[0].id == "9.900001"
    where = say(servers, "dan-1", "nộp hồ sơ ở đâu")
    assert where.intent == "procedure_detail" and where.citations[0].id == "9.900001"
    other = say(servers, "dan-1", "tôi muốn đăng ký tham gia hội thao bắn súng truyền thống")
    assert other.citations[0].id == "9.900002"
    assert say(servers, "dan-1", "cảm ơn nhiều nhé").intent == "thanks"


def test_the_procedure_form_asks_which_procedure_then_answers_what_was_asked(servers):
    question = say(servers, "dan-2", "lệ phí bao nhiêu?")
    assert (question.text, question.refusal_reason) == (ASK_PROCEDURE, "needs_clarification")
    fee = say(servers, "dan-2", "cấp giấy phép nuôi chim bồ câu")
    assert fee.text.startswith("Lệ phí Cấp giấy phép nuôi chim bồ câu đưa thư") and fee.citations[0].id == "9.900001"
    slots = httpx.get(f"{servers.rasa_url}/conversations/dan-2/tracker", timeout=30).json()["slots"]
    assert slots["procedure"] == "Cấp giấy phép nuôi chim bồ câu đưa thư" and slots["detail_aspect"] is None


def test_legal_answers_keep_their_quoted_citations(servers):
    scope = say(servers, "dan-3", "Luật Vườn hoa công cộng quy định phạm vi điều chỉnh thế nào")
    law = scope.citations[0]
    assert (scope.intent, law.kind, law.id, law.article) == ("legal_question", "law", "12/2030/QH16", "1")
    assert law.text in scope.text
    entry = say(servers, "dan-3", "luat vuon hoa cong cong co hieu luc tu ngay nao")
    assert entry.grounded and ("12/2030/QH16", "7") in [(c.id, c.article) for c in entry.citations]
    seal = say(servers, "dan-3", "Nghị định 77/2030/NĐ-CP quy định hình thức con dấu thế nào")
    assert seal.grounded and seal.citations[0].id == "77/2030/NĐ-CP"


def test_feedback_handover_and_the_rest_are_answered_by_troly(servers):
    asked = say(servers, "dan-4", "tôi muốn phản ánh việc cán bộ phường làm việc chậm")
    assert [c.label for c in asked.choices] == ["Gửi", "Không"] and "ticket" not in asked.extras
    feedback = say(servers, "dan-4", "1")
    assert servers.assistant.tickets.get(feedback.extras["ticket"]).kind == "phan_anh"
    handover = say(servers, "dan-4", "cho tôi gặp cán bộ")
    assert servers.assistant.tickets.get(handover.extras["ticket"]).kind == "handover"
    assert "dan-4" in servers.assistant.sessions.handed_over()
    assert say(servers, "dan-5", "hôm nay thời tiết thế nào").refusal_reason == "out_of_scope"
    assert say(servers, "dan-5", "soạn giấy mời họp giao ban sáng thứ Hai").refusal_reason == "not_permitted"
    assert say(servers, "dan-5", "xin chào").intent == "greeting"


def test_troly_switches_use_the_running_server(servers):
    settings = replace(servers.assistant.settings, nlu="rasa", dialogue="rasa", rasa_url=servers.rasa_url)
    nlu = engine_for(settings)
    assert isinstance(nlu, RasaNLU) and nlu.parse("nộp hồ sơ ở đâu").intent == "procedure_detail"
    assistant = Assistant(settings, kb=servers.assistant.kb, nlu=nlu)
    assert assistant.ask("thủ tục cấp giấy phép nuôi chim bồ câu đưa thư").citations[0].id == "9.900001"
    reply = responder(assistant)
    assert isinstance(reply, RasaDialogue)
    officer = servers.assistant.users.add_user("Trần Thị Lan", role="officer")
    greeting = reply("xin chào", user=officer, channel="web")
    assert "soạn văn bản theo Nghị định 30/2020/NĐ-CP" in greeting.text and greeting.session_id
