/* The officers' desk: tickets with replies, handed-over conversations, document uploads. */
"use strict";

(() => {
  const { api, el, time } = Troly;
  const KIND_LABELS = { phan_anh: "Phản ánh", kien_nghi: "Kiến nghị", handover: "Gặp cán bộ" };
  const STATUS_LABELS = { open: "đang mở", answered: "đã trả lời", closed: "đã đóng" };
  const JOB_POLL_MS = 1500;

  const login = document.getElementById("login");
  const desk = document.getElementById("desk");
  const loginError = document.getElementById("login-error");
  const tabs = {
    "tab-tickets": { panel: "panel-tickets", load: () => loadTickets("open") },
    "tab-answered": { panel: "panel-tickets", load: () => loadTickets("answered") },
    "tab-handovers": { panel: "panel-handovers", load: loadHandovers },
    "tab-upload": { panel: "panel-upload", load: () => {} },
  };

  function showLogin(message) {
    desk.hidden = true;
    login.hidden = false;
    loginError.hidden = !message;
    loginError.textContent = message || "";
  }

  /* A failed call: back to the login form on 401/403, else the message in place. */
  function failure(result, container) {
    if (result.status === 401 || result.status === 403) {
      showLogin(result.data.detail);
      return;
    }
    container.replaceChildren(el("p", { class: "notice error", role: "alert", text: result.data.detail }));
  }

  function replyForm(ticket, onDone) {
    const id = "reply-" + ticket.code;
    const area = el("textarea", { id, rows: "3", required: true, maxlength: "5000" });
    const note = el("p", { class: "notice", role: "status", hidden: true });
    const form = el("form", { class: "reply-form" }, [
      el("label", { for: id, text: ticket.reply ? "Trả lời thêm" : "Trả lời người dân" }),
      area,
      el("button", { type: "submit", class: "primary", text: "Gửi trả lời" }),
      note,
    ]);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const result = await api(`/api/tickets/${encodeURIComponent(ticket.code)}/reply`, {
        method: "POST", body: { text: area.value },
      });
      if (!result.ok) { failure(result, note); note.hidden = false; return; }
      const delivered = { sent: "đã gửi tới người dân", waiting: "người dân sẽ nhận khi mở lại cuộc trò chuyện",
        failed: "chưa gửi được, hệ thống sẽ thử lại", no_channel: "kênh này chưa gửi tự động được" };
      note.hidden = false;
      note.textContent = "Đã lưu trả lời — " + (delivered[result.data.delivery] || result.data.delivery);
      area.value = "";
      onDone();
    });
    return form;
  }

  function ticketCard(ticket, reload) {
    return el("article", { class: "ticket", "aria-label": `Phiếu ${ticket.code}` }, [
      el("header", {}, [
        el("strong", { text: ticket.code }),
        el("span", { class: "badge kind", text: KIND_LABELS[ticket.kind] || ticket.kind }),
        el("span", { class: "badge status-" + ticket.status, text: STATUS_LABELS[ticket.status] || ticket.status }),
        el("span", { class: "meta", text: `${time(ticket.created)} · kênh ${ticket.channel}${ticket.topic ? " · thủ tục " + ticket.topic : ""}` }),
      ]),
      el("p", { text: ticket.text }),
      ticket.reply ? el("div", { class: "reply" }, [
        el("p", { class: "meta", text: `${ticket.replied_by} · ${time(ticket.replied)} · ${ticket.delivered ? "đã chuyển" : "chưa chuyển"}` }),
        el("p", { text: ticket.reply }),
      ]) : null,
      replyForm(ticket, reload),
    ]);
  }

  async function loadTickets(status) {
    const container = document.getElementById("tickets");
    document.getElementById("tickets-title").textContent = status === "open" ? "Phiếu đang mở" : "Phiếu đã trả lời";
    const result = await api("/api/tickets?status=" + status);
    if (!result.ok) { failure(result, container); return; }
    const tickets = result.data.tickets;
    container.replaceChildren(...(tickets.length
      ? tickets.map((t) => ticketCard(t, () => loadTickets(status)))
      : [el("p", { text: "Không có phiếu nào." })]));
  }

  function conversationCard(conversation) {
    const open = conversation.tickets.filter((t) => t.status === "open");
    const handover = open.find((t) => t.kind === "handover") || open[0];
    const transcript = el("ol", { class: "transcript", "aria-label": "Nội dung trao đổi (đã ẩn thông tin cá nhân)" },
      conversation.turns.flatMap((turn) => [
        el("li", {}, [el("span", { class: "who", text: "Người dân:" }), turn.text]),
        el("li", {}, [el("span", { class: "who", text: "Trợ lý:" }), turn.answer]),
      ]));
    return el("article", { class: "ticket", "aria-label": `Cuộc trò chuyện ${conversation.session_id}` }, [
      el("header", {}, [
        el("strong", { text: handover ? handover.code : conversation.session_id }),
        el("span", { class: "meta", text: `kênh ${conversation.channel} · ${conversation.turns.length} lượt gần nhất` }),
      ]),
      transcript,
      handover ? replyForm(handover, loadHandovers) : null,
    ]);
  }

  async function loadHandovers() {
    const container = document.getElementById("handovers");
    const result = await api("/api/handovers");
    if (!result.ok) { failure(result, container); return; }
    const conversations = result.data.conversations;
    container.replaceChildren(...(conversations.length
      ? conversations.map(conversationCard)
      : [el("p", { text: "Không có cuộc trò chuyện nào đang chờ." })]));
  }

  function selectTab(id) {
    for (const [tabId, tab] of Object.entries(tabs)) {
      document.getElementById(tabId).setAttribute("aria-selected", String(tabId === id));
      document.getElementById(tab.panel).hidden = tab.panel !== tabs[id].panel;
    }
    tabs[id].load();
  }

  async function followJob(url, status) {
    const result = await api(url);
    if (!result.ok) { status.textContent = result.data.detail; return; }
    const job = result.data;
    if (job.status === "queued" || job.status === "running") {
      status.textContent = `Đang lập chỉ mục "${job.file_name}"…`;
      setTimeout(() => followJob(url, status), JOB_POLL_MS);
    } else if (job.status === "done") {
      status.textContent = `Đã lập chỉ mục "${job.file_name}": ${job.report.documents} văn bản, ${job.report.passages} đoạn, trong ${job.report.seconds} giây.`;
    } else {
      status.classList.add("error");
      status.textContent = `Không lập chỉ mục được "${job.file_name}": ${job.error}`;
    }
  }

  document.getElementById("upload-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const status = document.getElementById("upload-status");
    const file = document.getElementById("upload-file").files[0];
    if (!file) return;
    const form = new FormData();
    form.append("file", file);
    form.append("access", document.getElementById("upload-access").value);
    status.hidden = false;
    status.classList.remove("error");
    status.textContent = "Đang tải lên…";
    const result = await api("/api/documents", { method: "POST", body: form });
    if (!result.ok) {
      if (result.status === 401 || result.status === 403) { showLogin(result.data.detail); return; }
      status.classList.add("error");
      status.textContent = result.data.detail;
      return;
    }
    followJob(result.data.status_url, status);
  });

  document.getElementById("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = document.getElementById("token").value.trim();
    const result = await api("/api/tickets?status=open", { token: value });
    if (!result.ok) { showLogin(result.data.detail); return; }
    Troly.setToken(value);
    start();
  });
  document.getElementById("logout").addEventListener("click", () => {
    Troly.setToken("");
    showLogin();
  });
  for (const id of Object.keys(tabs)) document.getElementById(id).addEventListener("click", () => selectTab(id));

  function start() {
    login.hidden = true;
    desk.hidden = false;
    selectTab("tab-tickets");
  }

  if (Troly.token()) start();
  else showLogin();
})();
