"""The chat page in real headless Chromium (Debian's, driven by Playwright; no browser is downloaded)."""
import shutil
from pathlib import Path

import httpx
import pytest

from channels.web.app import create_app
from tests.channels.web.conftest import live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
ANSWER = ".message.assistant:not(.welcome):not(.typing)"

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("needs Debian's chromium (apt-get install chromium; make system-deps installs it)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch_errors(page) -> list[str]:
    """Console errors and failed requests: a content-policy violation or a missing asset shows here."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed {request.url}"))
    return errors


def ask(page, question: str) -> None:
    before = page.locator(ANSWER).count()
    page.fill("#message", question)
    page.press("#message", "Enter")
    page.locator(ANSWER).nth(before).wait_for(timeout=60_000)


def test_a_citizen_asks_picks_a_procedure_ticks_papers_and_gets_an_officers_reply(browser, shared_assistant, artifacts_dir):
    app = create_app(assistant=shared_assistant)
    officer = shared_assistant.users.add_user("Trần Thị Lan", "officer")
    token = shared_assistant.users.issue_token(officer.id)
    with live_server(app) as base:
        page = browser.new_page(viewport={"width": 1100, "height": 900})
        errors = watch_errors(page)
        page.goto(base + "/")
        assert page.title().startswith("Trợ lý ảo")
        assert page.get_by_label("Câu hỏi của bạn").is_visible()

        ask(page, "làm giấy khai sinh cần gì")
        answer = page.locator(ANSWER).last
        cards = answer.locator("details.citation")
        assert cards.count() >= 1
        cards.first.locator("summary").click()
        assert cards.first.evaluate("card => card.open")
        birth = answer.get_by_role("button", name="Thủ tục đăng ký khai sinh (Cấp xã)", exact=False)
        if birth.count():  # several procedures matched: the citizen picks one
            assert "Mã thủ tục" in cards.first.inner_text()
            birth.first.click()
            page.locator(ANSWER).nth(1).wait_for(timeout=60_000)
            answer = page.locator(ANSWER).last
        checklist = answer.locator("fieldset.checklist")
        checklist.wait_for()
        items = checklist.locator("li")
        assert items.count() >= 2 and "Tờ khai" in checklist.inner_text()
        items.first.locator("label").click()
        assert checklist.locator("input:checked").count() == 1
        assert f"Đã chuẩn bị 1/{items.count()}" in checklist.inner_text()
        assert "1.001193" in answer.locator("details.citation").first.text_content()
        checklist.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / "chat-procedure-desktop.png"))

        page.get_by_role("button", name="Gặp cán bộ").click()
        page.locator(ANSWER).nth(2).wait_for(timeout=60_000)
        ticket = page.locator(ANSWER).last.locator(".ticket-code strong").inner_text()
        assert ticket.startswith("HT-")
        reply = httpx.post(f"{base}/api/tickets/{ticket}/reply", headers={"Authorization": f"Bearer {token}"},
                           json={"text": "Chào bạn, mang Tờ khai đến UBND xã, tôi sẽ hướng dẫn thêm."}, timeout=30)
        assert reply.json()["delivery"] == "waiting"
        page.reload()
        officer_reply = page.locator(".message.officer")
        officer_reply.wait_for(timeout=30_000)
        assert "Trần Thị Lan" in officer_reply.inner_text() and "mang Tờ khai" in officer_reply.inner_text()
        assert page.locator("fieldset.checklist").count() >= 1  # the conversation came back from localStorage
        assert errors == []

        phone = browser.new_page(**PHONE)
        phone_errors = watch_errors(phone)
        phone.goto(base + "/")
        phone.evaluate("token => localStorage.setItem('troly.token', token)", token)
        phone.reload()
        assert phone.locator("#role-badge").is_visible()
        ask(phone, "thời hạn đăng ký khai sinh là bao lâu?")
        legal = phone.locator(ANSWER).last
        law_card = legal.locator("details.citation").filter(has_text="Điều 15")
        law_card.first.locator("summary").click()
        assert "còn hiệu lực" in law_card.first.locator(".badge").inner_text()
        assert "Trong thời hạn 60 ngày" in law_card.first.locator("blockquote").inner_text()
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"
        law_card.first.scroll_into_view_if_needed()
        phone.screenshot(path=str(artifacts_dir / "chat-legal-phone.png"))
        assert phone_errors == []
