/* Shared by the pages: API calls, DOM building (text only, never HTML strings), the stored token. */
"use strict";

const Troly = (() => {
  const TOKEN_KEY = "troly.token";
  const STATUS_LABELS = {
    in_force: "còn hiệu lực",
    amended: "đã sửa đổi",
    partially_repealed: "hết hiệu lực một phần",
    repealed: "hết hiệu lực",
    unknown: "chưa rõ",
  };

  function token() {
    return localStorage.getItem(TOKEN_KEY) || "";
  }

  function setToken(value) {
    if (value) localStorage.setItem(TOKEN_KEY, value);
    else localStorage.removeItem(TOKEN_KEY);
  }

  /* fetch JSON; resolves to {ok, status, data}; data.detail holds the server's message on failure. */
  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    const auth = options.token === undefined ? token() : options.token;
    if (auth) headers.Authorization = "Bearer " + auth;
    let body = options.body;
    if (body !== undefined && !(body instanceof FormData)) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(body);
    }
    try {
      const response = await fetch(path, { method: options.method || "GET", headers, body });
      const type = response.headers.get("content-type") || "";
      const data = type.includes("application/json") ? await response.json() : {};
      return { ok: response.ok, status: response.status, data };
    } catch (error) {
      return { ok: false, status: 0, data: { detail: "Không kết nối được máy chủ. Vui lòng thử lại." } };
    }
  }

  /* el("p", {class: "x", text: "..."}, [children]) — attributes set as properties or attributes, text as textContent. */
  function el(tag, attrs = {}, children = []) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of [].concat(children)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /* Text with its web addresses as links (opened in a new tab). */
  function linkify(text) {
    const parts = [];
    const pattern = /https?:\/\/[^\s)]+/g;
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      parts.push(text.slice(last, match.index));
      parts.push(el("a", { href: match[0], target: "_blank", rel: "noopener noreferrer", text: match[0] }));
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    return parts;
  }

  /* "hết hiệu lực từ 01/8/2024": a repeal says since when (``since`` is an ISO date or null). */
  function statusBadge(status, since) {
    const key = STATUS_LABELS[status] ? status : "unknown";
    let text = STATUS_LABELS[key];
    if (since && (key === "repealed" || key === "partially_repealed")) {
      const [year, month, day] = since.split("-").map(Number);
      text += ` từ ${String(day).padStart(2, "0")}/${month <= 2 ? String(month).padStart(2, "0") : month}/${year}`;
    }
    return el("span", { class: "badge status-" + key, text });
  }

  function time(epochSeconds) {
    return new Date(epochSeconds * 1000).toLocaleString("vi-VN", { dateStyle: "short", timeStyle: "short" });
  }

  return { api, el, linkify, statusBadge, time, token, setToken, STATUS_LABELS };
})();
