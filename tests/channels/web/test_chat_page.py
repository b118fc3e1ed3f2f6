"""The chat page in real headless Chromium (Debian's, driven by Playwright; no browser is downloaded).

The page's mechanics run on the tiny index (seconds); one slow test walks a real citizen's path
on the shared sample index (a choice between real procedures, a real article of Luật Hộ tịch)."""
import json
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
TALL_PHONE = {"viewport": {"width": 420, "height": 900}, "is_mobile": True, "has_touch": True}
TWO_SCREENS = 2 * TALL_PHONE["viewport"]["height"]
DESKTOP = {"viewport": {"width": 1100, "height": 900}}
ANSWER = ".message.assistant:not(.welcome):not(.typing)"


@pytest.fixture(scope="module")
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


def ask(page, question: str):
    """Types ``question``, sends it with Enter and returns the new answer's element."""
    before = page.locator(ANSWER).count()
    page.fill("#message", question)
    page.press("#message", "Enter")
    answer = page.locator(ANSWER).nth(before)
    answer.wait_for(timeout=60_000)
    return answer


def open_card(answer, text: str):
    """Opens the citation card holding ``text`` and returns it."""
    card = answer.locator("details.citation").filter(has_text=text).first
    card.locator("summary").click()
    assert card.evaluate("card => card.open")
    return card


def check_details_open_on_request(answer):
    """The details are one collapsed button, its sections collapsed buttons too; the line announcing them is gone."""
    toggle = answer.locator("button.details-toggle")
    panel = answer.locator(".details-sections")
    assert toggle.get_attribute("aria-expanded") == "false" and panel.is_hidden()
    assert "Xem chi tiết:" not in answer.inner_text()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and panel.is_visible()
    legal = panel.get_by_role("button", name="Căn cứ pháp lý")
    body = answer.locator(f"#{legal.get_attribute('aria-controls')}")
    assert legal.get_attribute("aria-expanded") == "false" and body.is_hidden()
    legal.click()
    assert legal.get_attribute("aria-expanded") == "true" and body.is_visible() and "/" in body.inner_text()


def test_a_citizen_ticks_papers_asks_an_officer_and_sees_the_reply(browser, web_assistant, artifacts_dir):
    officer = web_assistant.users.add_user("Trần Thị Lan", "officer")
    token = web_assistant.users.issue_token(officer.id)
    with live_server(create_app(assistant=web_assistant)) as base:
        page = browser.new_page(**DESKTOP)
        errors = watch_errors(page)
        page.goto(base + "/")
        assert page.title().startswith("Trợ lý ảo")
        assert page.get_by_label("Câu hỏi của bạn").is_visible()

        answer = ask(page, "cấp giấy phép nuôi chim bồ câu cần gì")
        assert "Mã thủ tục" in open_card(answer, "9.900001").inner_text()
        checklist = answer.locator("fieldset.checklist")
        items = checklist.locator("li")
        assert items.count() >= 2 and "Tờ khai đề nghị cấp giấy phép" in checklist.inner_text()
        items.first.locator("label").click()
        assert checklist.locator("input:checked").count() == 1
        assert f"Đã chuẩn bị 1/{items.count()}" in checklist.inner_text()
        check_details_open_on_request(answer)
        checklist.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / "chat-procedure-desktop.png"))

        page.get_by_role("button", name="Gặp cán bộ").click()
        page.locator(ANSWER).nth(1).wait_for(timeout=60_000)
        ticket = page.locator(ANSWER).last.locator(".ticket-code strong").inner_text()
        reply = httpx.post(f"{base}/api/tickets/{ticket}/reply", headers={"Authorization": f"Bearer {token}"},
                           json={"text": "Chào bạn, mang Tờ khai đến UBND xã, tôi sẽ hướng dẫn thêm."}, timeout=30)
        assert reply.json()["delivery"] == "waiting"
        page.reload()
        officer_reply = page.locator(".message.officer")
        officer_reply.wait_for(timeout=30_000)
        assert "Trần Thị Lan" in officer_reply.inner_text() and "mang Tờ khai" in officer_reply.inner_text()
        assert page.locator("fieldset.checklist").count() == 1  # the conversation came back from localStorage
        assert errors == []


def test_the_feedback_form_files_a_ticket_once_the_citizen_confirms_it(browser, web_assistant, artifacts_dir):
    with live_server(create_app(assistant=web_assistant)) as base:
        page = browser.new_page(**PHONE)
        errors = watch_errors(page)
        page.goto(base + "/")
        page.get_by_role("button", name="Gửi phản ánh").first.click()
        page.fill("#feedback-text", "Đèn đường hỏng ở tổ dân phố 5 cả tuần nay")
        page.locator("#feedback-form button[type=submit]").click()
        asked = page.locator(ANSWER).nth(0)
        asked.wait_for(timeout=60_000)
        assert "Bạn muốn gửi phản ánh: «Đèn đường hỏng ở tổ dân phố 5 cả tuần nay»?" in asked.inner_text()
        assert web_assistant.tickets.list() == [] and asked.locator(".ticket-code").count() == 0
        page.screenshot(path=str(artifacts_dir / "chat-feedback-confirm-phone.png"))
        asked.get_by_role("button", name="1. Gửi").click()
        filed = page.locator(ANSWER).nth(1)
        filed.wait_for(timeout=60_000)
        code = filed.locator(".ticket-code strong").inner_text()
        [ticket] = web_assistant.tickets.list()
        assert (ticket.code, ticket.kind, ticket.text) == (code, "phan_anh", "Đèn đường hỏng ở tổ dân phố 5 cả tuần nay")
        assert errors == []


def test_an_officer_on_a_phone_reads_a_quoted_article_with_its_validity(browser, web_assistant, artifacts_dir):
    officer = web_assistant.users.add_user("Trần Thị Lan", "officer")
    token = web_assistant.users.issue_token(officer.id)
    with live_server(create_app(assistant=web_assistant)) as base:
        context = browser.new_context(**PHONE)
        context.add_init_script(f"localStorage.setItem('troly.token', {json.dumps(token)})")  # signed in before load
        phone = context.new_page()
        errors = watch_errors(phone)
        phone.goto(base + "/")
        assert phone.locator("#role-badge").is_visible()
        answer = ask(phone, "luật vườn hoa công cộng quy định về việc gì")
        card = open_card(answer, "12/2030/QH16")
        assert card.locator(".badge").inner_text().strip() == "chưa rõ"  # the fixture law's validity is unknown
        assert "vườn hoa công cộng" in card.locator("blockquote").inner_text()
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways on a phone"
        card.scroll_into_view_if_needed()
        phone.screenshot(path=str(artifacts_dir / "chat-legal-phone.png"))
        assert errors == []


@pytest.mark.shared
@pytest.mark.slow
def test_a_citizen_picks_birth_registration_and_an_officer_reads_luat_ho_tich(browser, shared_assistant):
    officer = shared_assistant.users.add_user("Trần Thị Lan", "officer")
    token = shared_assistant.users.issue_token(officer.id)
    with live_server(create_app(assistant=shared_assistant)) as base:
        page = browser.new_page(**DESKTOP)
        errors = watch_errors(page)
        page.goto(base + "/")
        answer = ask(page, "làm giấy khai sinh cần gì")
        birth = answer.get_by_role("button", name="Thủ tục đăng ký khai sinh (Cấp xã)", exact=False)
        if birth.count():  # several procedures matched: the citizen picks one
            birth.first.click()
            page.locator(ANSWER).nth(1).wait_for(timeout=60_000)
            answer = page.locator(ANSWER).last
        assert "Tờ khai" in answer.locator("fieldset.checklist").inner_text()
        assert "1.001193" in answer.locator("details.citation").first.text_content()

        page.get_by_role("button", name="Trò chuyện mới").click()  # else "thời hạn" follows up on the procedure
        assert page.locator(ANSWER).count() == 0
        page.evaluate("token => localStorage.setItem('troly.token', token)", token)
        page.reload()
        legal = ask(page, "thời hạn đăng ký khai sinh là bao lâu?")
        card = open_card(legal, "Điều 15")
        assert "còn hiệu lực" in card.locator(".badge").inner_text()
        assert "Trong thời hạn 60 ngày" in card.locator("blockquote").inner_text()
        assert errors == []


@pytest.mark.shared
@pytest.mark.slow
def test_a_birth_registration_question_and_its_pick_fit_two_phone_screens(browser, shared_assistant, artifacts_dir):
    with live_server(create_app(assistant=shared_assistant)) as base:
        page = browser.new_page(**TALL_PHONE)
        errors = watch_errors(page)
        page.goto(base + "/")
        options = ask(page, "con tôi mới sinh, làm giấy khai sinh cần gì")
        assert options.get_by_role("button", name="1. Thủ tục đăng ký khai sinh (Cấp xã)").count() == 1
        sources = options.locator("button.sources-toggle")
        assert sources.get_attribute("aria-expanded") == "false"  # the choices name them already
        answer = ask(page, "1")
        checklist = answer.locator("fieldset.checklist li").all_inner_texts()
        assert checklist[0].startswith("Tờ khai đăng ký khai sinh") and checklist[1].startswith("Giấy chứng sinh")
        assert not any(item.startswith(("Trường hợp", "Văn bản ủy quyền")) for item in checklist)
        height = page.evaluate("""() => {
            const shown = [...document.querySelectorAll('#messages .message:not(.welcome)')];
            return shown[shown.length - 1].getBoundingClientRect().bottom - shown[0].getBoundingClientRect().top;
        }""")
        page.locator("#messages").screenshot(path=str(artifacts_dir / "chat-two-turns-phone.png"))
        assert height <= TWO_SCREENS, f"the two turns are {height:.0f} px tall, more than two {TWO_SCREENS // 2} px screens"
        assert page.evaluate("document.documentElement.scrollWidth") <= TALL_PHONE["viewport"]["width"]
        check_details_open_on_request(answer)
        assert errors == []
