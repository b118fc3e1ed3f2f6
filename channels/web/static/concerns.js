/* Top concerns: three horizontal bar charts drawn as inline SVG, with a table for screen readers. */
"use strict";

(() => {
  const { api, el } = Troly;
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 600;
  const ROW = 46;
  const LABEL_CHARS = 70;
  const summary = document.getElementById("summary");
  const charts = { by_procedure: "by-procedure", by_field: "by-field", by_intent: "by-intent" };

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shorten(text) {
    return text.length > LABEL_CHARS ? text.slice(0, LABEL_CHARS - 1) + "…" : text;
  }

  function chart(items, title) {
    if (!items.length) return [el("p", { class: "empty", text: "Chưa có dữ liệu trong khoảng thời gian này." })];
    const most = Math.max(...items.map((item) => item.conversations));
    const drawing = svg("svg", {
      viewBox: `0 0 ${WIDTH} ${items.length * ROW}`, role: "img",
      "aria-label": `${title}: ${items.length} mục, cao nhất ${most} cuộc trò chuyện`,
    });
    items.forEach((item, i) => {
      const y = i * ROW;
      const length = Math.max(4, ((WIDTH - 60) * item.conversations) / most);
      const label = svg("text", { x: 0, y: y + 15, class: "bar-label" }, `${i + 1}. ${shorten(item.label)}`);
      label.append(svg("title", {}, item.label));
      drawing.append(label);
      drawing.append(svg("rect", { x: 0, y: y + 22, width: length, height: 16, rx: 3, class: "bar" }));
      drawing.append(svg("text", { x: length + 8, y: y + 35, class: "bar-value" }, String(item.conversations)));
    });
    const table = el("table", { class: "visually-hidden" }, [
      el("caption", { text: title }),
      el("tr", {}, [el("th", { scope: "col", text: "Chủ đề" }), el("th", { scope: "col", text: "Số cuộc trò chuyện" })]),
      ...items.map((item) => el("tr", {}, [el("td", { text: item.label }), el("td", { text: String(item.conversations) })])),
    ]);
    return [drawing, table];
  }

  async function load(period) {
    document.querySelectorAll("[data-period]").forEach((button) => {
      button.setAttribute("aria-pressed", String(button.dataset.period === period));
    });
    const result = await api("/api/analytics/top-concerns?period=" + period);
    if (!result.ok) {
      summary.classList.add("error");
      summary.replaceChildren(result.data.detail + " ", el("a", { href: "/can-bo", text: "Đăng nhập tại Bàn làm việc" }));
      return;
    }
    const data = result.data;
    summary.classList.remove("error");
    summary.textContent = `${data.conversations} cuộc trò chuyện của người dân từ ${new Date(data.since).toLocaleString("vi-VN")} đến ${new Date(data.until).toLocaleString("vi-VN")}.`;
    for (const [key, id] of Object.entries(charts)) {
      const title = document.getElementById(id + "-title").textContent;
      document.getElementById(id).replaceChildren(...chart(data[key], title));
    }
  }

  document.querySelectorAll("[data-period]").forEach((button) => {
    button.addEventListener("click", () => load(button.dataset.period));
  });
  load("day");
})();
