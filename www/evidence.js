// The flagged messages quoted, with the matched words highlighted: one card per signal.

import { h } from "./dom.js";
import { state, tr } from "./page.js";
import { categoryOf, timeNode } from "./report.js";

const QUOTES_SHOWN = 3; // flagged messages shown per signal before "show more"
const QUOTES_STEP = 20;
const LONG_MESSAGE = 600; // longer messages are shown as excerpts around the matches
const CONTEXT = 120;

/** Text with the ranges [start, end) (UTF-16) wrapped in <mark>, as DOM nodes. */
function highlight(text, ranges) {
  const len = text.length;
  const clean = ranges
    .map(([s, e]) => [Math.max(0, Math.min(len, s | 0)), Math.max(0, Math.min(len, e | 0))])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const r of clean) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  // Which parts of the text to show: all of it, or windows around the matches.
  let windows = [[0, len]];
  if (len > LONG_MESSAGE && merged.length) {
    windows = [];
    for (const [s, e] of merged) {
      let ws = Math.max(0, s - CONTEXT);
      let we = Math.min(len, e + CONTEXT);
      if (ws > 0 && isLowSurrogate(text.charCodeAt(ws))) ws--;
      if (we < len && isLowSurrogate(text.charCodeAt(we))) we++;
      const last = windows[windows.length - 1];
      if (last && ws <= last[1]) last[1] = Math.max(last[1], we);
      else windows.push([ws, we]);
    }
  }
  const frag = document.createDocumentFragment();
  windows.forEach(([ws, we], i) => {
    if (i > 0 || ws > 0) frag.append(h("span", { class: "gap", "aria-hidden": "true", text: "…" }));
    let pos = ws;
    for (const [s, e] of merged) {
      if (e <= ws || s >= we) continue;
      const ms = Math.max(s, ws);
      const me = Math.min(e, we);
      if (ms > pos) frag.append(document.createTextNode(text.slice(pos, ms)));
      frag.append(h("mark", { text: text.slice(ms, me) }));
      pos = me;
    }
    if (pos < we) frag.append(document.createTextNode(text.slice(pos, we)));
    if (i === windows.length - 1 && we < len) frag.append(h("span", { class: "gap", "aria-hidden": "true", text: "…" }));
  });
  return frag;
}

function isLowSurrogate(code) {
  return code >= 0xdc00 && code <= 0xdfff;
}

function quote(index, ranges) {
  const message = state.messages[index] ?? state.messages[String(index)];
  if (!message || typeof message.text !== "string") return null;
  const meta = [];
  if (message.speaker) meta.push(h("span", { class: "quote__speaker", text: message.speaker }));
  if (message.time) meta.push(timeNode(message.time, "quote__time"));
  meta.push(h("span", { class: "quote__index", text: tr("messageN", { n: Number(index) + 1 }) }));
  return h(
    "li",
    { class: "quote" },
    h("p", { class: "quote__meta" }, meta),
    h("p", { class: "quote__text" }, highlight(message.text, ranges)),
  );
}

function signalCard(signal) {
  // One entry per flagged message, in chat order, with all of this signal's matches in it.
  const byMessage = new Map();
  for (const m of signal.matches ?? []) {
    if (m.counted === false) continue;
    const start = Number.isInteger(m.start_utf16) ? m.start_utf16 : m.start;
    const end = Number.isInteger(m.end_utf16) ? m.end_utf16 : m.end;
    if (!byMessage.has(m.message)) byMessage.set(m.message, []);
    byMessage.get(m.message).push([start, end]);
  }
  const entries = [...byMessage.entries()].sort((a, b) => a[0] - b[0]);
  const list = h("ul", { class: "quotes" });
  let shown = 0;
  const more = h("button", { type: "button", class: "button button--quiet button--small quotes__more" });
  const showNext = (count) => {
    const next = entries.slice(shown, shown + count);
    for (const [index, ranges] of next) {
      const node = quote(index, ranges);
      if (node) list.append(node);
    }
    shown += next.length;
    const left = entries.length - shown;
    more.hidden = left <= 0;
    more.textContent = tr("showMore", { n: Math.min(left, QUOTES_STEP) });
  };
  more.addEventListener("click", () => {
    const before = list.children.length;
    showNext(QUOTES_STEP);
    const first = list.children[before];
    if (first) {
      first.setAttribute("tabindex", "-1");
      first.focus();
    }
  });
  showNext(QUOTES_SHOWN);
  return h(
    "li",
    { class: "signal", dataset: { category: categoryOf(signal), signal: signal.id ?? "" } },
    h("p", { class: "signal__category", text: tr(`category_${categoryOf(signal)}`) }),
    h("p", { class: "signal__explanation", text: signal.explanation ?? "" }),
    list,
    more,
  );
}

/** "Why we think so": the signals that counted, each with its quoted messages; null if none. */
export function signalsSection(signals) {
  if (!signals.length) return null;
  return h(
    "section",
    { class: "card signals", "aria-labelledby": "signals-title" },
    h("h3", { id: "signals-title", text: tr("signalsTitle") }),
    h("p", { class: "signals__hint", text: tr("signalsHint") }),
    h("ol", { class: "signals__list" }, signals.map(signalCard)),
  );
}
