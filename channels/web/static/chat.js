/* The citizens' chat: messages, citation cards, checklists, numbered choices, collapsed details, officers' replies. */
"use strict";

(() => {
  const { api, el, linkify, statusBadge, time } = Troly;
  const SESSION_KEY = "troly.session";
  const HISTORY_KEY = "troly.history";
  const REPLIES_KEY = "troly.replies-after";
  const HISTORY_LIMIT = 60;
  const POLL_MS = 8000;
  const CHECK_MARK = "☐ ";
  const DETAILS_HINT = "Xem chi tiết"; // the answer's line announcing its details: the page shows them instead
  const HANDOVER_MESSAGE = "Tôi muốn gặp cán bộ";
  const FEEDBACK_PREFIX = "Tôi muốn phản ánh: ";
  const SUGGESTIONS = ["Làm giấy khai sinh cần gì?", "Đăng ký tạm trú cho người thuê trọ", "Làm lại căn cước bị mất"];

  const messages = document.getElementById("messages");
  const composer = document.getElementById("composer");
  const input = document.getElementById("message");
  const sendButton = document.getElementById("send");
  const feedbackForm = document.getElementById("feedback-form");
  const feedbackToggle = document.getElementById("feedback-toggle");
  const feedbackText = document.getElementById("feedback-text");
  let pollTimer = null;
  let busy = false;

  const store = {
    session: () => localStorage.getItem(SESSION_KEY),
    setSession: (id) => localStorage.setItem(SESSION_KEY, id),
    history: () => JSON.parse(localStorage.getItem(HISTORY_KEY) || "[]"),
    remember(entry) {
      const history = store.history().concat([entry]).slice(-HISTORY_LIMIT);
      localStorage.setItem(HISTORY_KEY, JSON.stringify(history));
    },
    repliesAfter: () => Number(localStorage.getItem(REPLIES_KEY) || "0"),
    setRepliesAfter: (at) => localStorage.setItem(REPLIES_KEY, String(at)),
    clear() {
      [SESSION_KEY, HISTORY_KEY, REPLIES_KEY].forEach((key) => localStorage.removeItem(key));
    },
  };

  function scrollDown() {
    messages.lastElementChild?.scrollIntoView({ block: "end", behavior: "smooth" });
  }

  function bubble(kind, children, label) {
    const node = el("article", { class: "message " + kind, "aria-label": label }, children);
    messages.append(node);
    scrollDown();
    return node;
  }

  function paragraphs(text) {
    return text.split(/\n{2,}/).filter((block) => block.trim()).map((block) => {
      const lines = block.split("\n");
      const children = [];
      lines.forEach((line, i) => {
        if (i) children.push(el("br"));
        children.push(...linkify(line));
      });
      return el("p", {}, children);
    });
  }

  function checklistBlock(items, key) {
    const counter = el("span", { class: "checklist-count", "aria-live": "polite" });
    const update = (list) => {
      const done = list.querySelectorAll("input:checked").length;
      counter.textContent = `Đã chuẩn bị ${done}/${items.length}`;
    };
    const list = el("ul", { class: "checklist-items" });
    items.forEach((item, i) => {
      const id = `${key}-check-${i}`;
      list.append(el("li", {}, [
        el("input", { type: "checkbox", id, onchange: () => update(list) }),
        el("label", { for: id, text: item }),
      ]));
    });
    update(list);
    return el("fieldset", { class: "checklist" }, [
      el("legend", {}, ["Giấy tờ cần chuẩn bị ", counter]),
      list,
    ]);
  }

  /* The answer's text, with its "☐" lines replaced by the tickable checklist where they stood. */
  function answerBody(data, key) {
    const checklist = data.checklist || [];
    if (!checklist.length) return paragraphs(data.answer);
    const before = [];
    const after = [];
    let seen = false;
    for (const line of data.answer.split("\n")) {
      if (line.startsWith(CHECK_MARK)) { seen = true; continue; }
      (seen ? after : before).push(line);
    }
    if (before.length && /:\s*$/.test(before[before.length - 1])) before.pop(); // "Giấy tờ cần chuẩn bị:"
    return [...paragraphs(before.join("\n")), checklistBlock(checklist, key), ...paragraphs(after.join("\n"))];
  }

  function choicesBlock(choices) {
    const group = el("div", { class: "choices", role: "group", "aria-label": "Chọn một mục" });
    for (const choice of choices) {
      group.append(el("button", {
        type: "button",
        class: "choice",
        text: `${choice.number}. ${choice.label}`,
        onclick: () => {
          group.querySelectorAll("button").forEach((b) => { b.disabled = true; });
          send(String(choice.number), `${choice.number}. ${choice.label}`);
        },
      }));
    }
    return group;
  }

  /* A button that shows or hides the region it controls, saying which in aria-expanded. */
  function disclosure(label, region, className) {
    const button = el("button", {
      type: "button", class: className, "aria-expanded": "false", "aria-controls": region.id, text: label,
      onclick: () => {
        const open = button.getAttribute("aria-expanded") !== "true";
        button.setAttribute("aria-expanded", String(open));
        region.hidden = !open;
      },
    });
    return button;
  }

  /* "Xem chi tiết": the answer's details (special-case papers, steps, legal bases…), each section collapsed. */
  function detailsBlock(sections, key) {
    const panel = el("div", { class: "details-sections", id: `${key}-details`, hidden: true });
    sections.forEach((section, i) => {
      const body = el("div", { class: "detail-body", id: `${key}-detail-${i}`, hidden: true }, paragraphs(section.text));
      panel.append(el("section", { class: "detail-section" }, [
        el("h3", {}, [disclosure(section.title, body, "detail-title")]),
        body,
      ]));
    });
    return el("div", { class: "answer-details" }, [
      disclosure(`${DETAILS_HINT} (${sections.length} mục)`, panel, "details-toggle"),
      panel,
    ]);
  }

  /* The answer without the line announcing its details: the page shows them as a block. */
  function withoutDetailsHint(data) {
    if (!data.details?.length) return data;
    const answer = data.answer.split("\n").filter((line) => !line.startsWith(DETAILS_HINT + ":")).join("\n");
    return Object.assign({}, data, { answer });
  }

  function citationCard(citation) {
    const isProcedure = citation.kind === "procedure";
    const title = citation.label || citation.title;
    const summary = el("summary", {}, [
      isProcedure ? el("span", { class: "badge kind", text: "thủ tục" }) : statusBadge(citation.status, citation.status_since),
      el("span", { class: "citation-title", text: title }),
    ]);
    const body = [];
    if (citation.text) body.push(el("blockquote", { text: citation.text }));
    const meta = [isProcedure ? `Mã thủ tục ${citation.id}` : `${citation.title} — số hiệu ${citation.id}`];
    body.push(el("p", { class: "citation-meta" }, meta));
    if (citation.url) {
      body.push(el("p", {}, [el("a", { href: citation.url, target: "_blank", rel: "noopener noreferrer",
        text: isProcedure ? "Xem trên Cổng Dịch vụ công" : "Xem văn bản" })]));
    }
    return el("details", { class: "citation" }, [summary, el("div", { class: "citation-body" }, body)]);
  }

  /* The sources; behind a button when they are the numbered choices' procedures, which the buttons already name. */
  function citationsBlock(data, key) {
    const cards = data.citations.map(citationCard);
    if (!data.choices?.length) {
      return el("section", { class: "citations", "aria-label": "Nguồn trích dẫn" }, [el("h2", { text: "Nguồn trích dẫn" }), ...cards]);
    }
    const list = el("div", { id: `${key}-sources`, hidden: true }, cards);
    return el("section", { class: "citations", "aria-label": "Nguồn trích dẫn" }, [
      el("h2", {}, [disclosure(`Nguồn trích dẫn (${cards.length})`, list, "sources-toggle")]),
      list,
    ]);
  }

  function attachmentButton(url) {
    return el("button", {
      type: "button",
      class: "secondary",
      text: "Tải tệp dự thảo (.docx)",
      onclick: async () => {
        const response = await fetch(url, { headers: { Authorization: "Bearer " + Troly.token() } });
        if (!response.ok) return;
        const link = el("a", { href: URL.createObjectURL(await response.blob()), download: url.split("/").pop() });
        link.click();
      },
    });
  }

  /* The answer without the lines that list its numbered choices: those become buttons. */
  function withoutChoiceLines(data) {
    if (!data.choices?.length) return data;
    const listed = new Set(data.choices.map((choice) => `${choice.number}. ${choice.label}`));
    const answer = data.answer.split("\n").filter((line) => !listed.has(line.trim())).join("\n");
    return Object.assign({}, data, { answer });
  }

  function renderAnswer(data, key) {
    const parts = answerBody(withoutDetailsHint(withoutChoiceLines(data)), key);
    if (data.details?.length) parts.push(detailsBlock(data.details, key));
    if (data.choices?.length) parts.push(choicesBlock(data.choices));
    if (data.attachment) parts.push(attachmentButton(data.attachment));
    if (data.citations?.length) parts.push(citationsBlock(data, key));
    if (data.ticket) parts.push(el("p", { class: "ticket-code" }, ["Mã phiếu: ", el("strong", { text: data.ticket })]));
    const kind = data.refusal_reason ? "assistant refusal" : "assistant";
    return bubble(kind, parts, "Trợ lý trả lời");
  }

  function renderUser(text) {
    return bubble("user", paragraphs(text), "Bạn hỏi");
  }

  function renderOfficer(reply) {
    return bubble("officer", [
      el("p", { class: "officer-name", text: `Cán bộ ${reply.officer || ""} trả lời (phiếu ${reply.ticket})` }),
      ...paragraphs(reply.text),
      el("p", { class: "message-time", text: time(reply.at) }),
    ], "Cán bộ trả lời");
  }

  function renderError(detail) {
    return bubble("error", [el("p", { text: detail || "Đã có lỗi xảy ra. Vui lòng thử lại." })], "Lỗi");
  }

  function render(entry, index) {
    if (entry.who === "user") renderUser(entry.text);
    else if (entry.who === "assistant") renderAnswer(entry.data, "m" + index);
    else if (entry.who === "officer") renderOfficer(entry.reply);
  }

  function welcome() {
    const suggestions = el("div", { class: "choices suggestions", role: "group", "aria-label": "Câu hỏi gợi ý" },
      SUGGESTIONS.map((text) => el("button", { type: "button", class: "choice", text, onclick: () => send(text) })));
    bubble("assistant welcome", [
      el("p", { text: "Xin chào! Tôi là trợ lý ảo hỗ trợ thủ tục hành chính. Bạn có thể hỏi cần giấy tờ gì, lệ phí, thời hạn, nộp ở đâu, hoặc gửi phản ánh và gặp cán bộ." }),
      suggestions,
    ], "Lời chào");
  }

  function setBusy(value) {
    busy = value;
    sendButton.disabled = value;
    messages.setAttribute("aria-busy", String(value));
  }

  async function send(text, shown) {
    const message = text.trim();
    if (!message || busy) return;
    setBusy(true);
    renderUser(shown || message);
    store.remember({ who: "user", text: shown || message });
    const typing = bubble("assistant typing", [el("span", { class: "dots", "aria-label": "Trợ lý đang trả lời" })], "Đang trả lời");
    const body = { message };
    if (store.session()) body.session_id = store.session();
    const result = await api("/api/chat", { method: "POST", body });
    typing.remove();
    setBusy(false);
    if (!result.ok) {
      renderError(result.data.detail);
      return;
    }
    const data = result.data;
    if (data.session_id) store.setSession(data.session_id);
    const index = store.history().length;
    renderAnswer(data, "m" + index);
    store.remember({ who: "assistant", data });
    if (data.ticket) startPolling();
    input.focus();
  }

  async function poll() {
    const session = store.session();
    if (!session) return;
    const result = await api(`/api/sessions/${encodeURIComponent(session)}/messages?after=${store.repliesAfter()}`);
    if (result.status === 404) { stopPolling(); return; }
    if (!result.ok) return;
    for (const reply of result.data.messages) {
      renderOfficer(reply);
      store.remember({ who: "officer", reply });
      store.setRepliesAfter(Math.max(store.repliesAfter(), reply.at));
    }
  }

  function startPolling() {
    if (pollTimer === null) pollTimer = setInterval(poll, POLL_MS);
    poll();
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  function autoGrow() {
    input.style.height = "auto";
    input.style.height = Math.min(input.scrollHeight, 160) + "px";
  }

  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    autoGrow();
    send(text);
  });
  input.addEventListener("input", autoGrow);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  document.getElementById("handover").addEventListener("click", () => send(HANDOVER_MESSAGE));
  feedbackToggle.addEventListener("click", () => {
    feedbackForm.hidden = !feedbackForm.hidden;
    feedbackToggle.setAttribute("aria-expanded", String(!feedbackForm.hidden));
    if (!feedbackForm.hidden) feedbackText.focus();
  });
  document.getElementById("feedback-cancel").addEventListener("click", () => {
    feedbackForm.hidden = true;
    feedbackToggle.setAttribute("aria-expanded", "false");
  });
  feedbackForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = feedbackText.value.trim();
    if (!text) return;
    feedbackText.value = "";
    feedbackForm.hidden = true;
    feedbackToggle.setAttribute("aria-expanded", "false");
    send(FEEDBACK_PREFIX + text);
  });
  document.getElementById("new-chat").addEventListener("click", () => {
    stopPolling();
    store.clear();
    messages.replaceChildren();
    welcome();
    input.focus();
  });

  if (Troly.token()) document.getElementById("role-badge").hidden = false;
  welcome();
  const history = store.history();
  history.forEach(render);
  if (history.some((entry) => entry.who === "assistant" && entry.data.ticket)) startPolling();
})();
