// What is to be checked: the text in the box, or a long chat or export file kept aside
// instead of in the box, and whether the result shown still matches it.

import { h } from "./dom.js";
import { announce, el, state, tr } from "./page.js";

// Longer texts are kept aside instead of being put in the box: a browser text box with
// megabytes in it freezes the page for seconds on every paste, scroll and keystroke.
export const BIG_TEXT = 100_000;
const PREVIEW_LINES = 8;

/** What to check: the long chat or export file kept aside, or the text in the box. */
export function currentInput() {
  if (state.big) return state.big.text ?? state.big.bytes;
  return el.input.value;
}

export function isEmpty(input) {
  return typeof input === "string" ? !input.trim() : !input || input.length === 0;
}

function countLines(text) {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** "340 kB" or "2.4 MB" in the page's language (a small export is not "0.1 MB"). */
function sizeText(bytes) {
  const mega = bytes >= 1024 * 1024;
  const value = mega ? bytes / 1024 / 1024 : Math.max(1, Math.round(bytes / 1024));
  return new Intl.NumberFormat(state.lang, { style: "unit", unit: mega ? "megabyte" : "kilobyte", unitDisplay: "short", maximumFractionDigits: mega ? 1 : 0 }).format(value);
}

export function renderBig() {
  const { text, bytes, name, lines } = state.big;
  const fmt = new Intl.NumberFormat(state.lang);
  el.bigMeta.textContent = tr("bigMeta", { name, lines: lines === null ? null : fmt.format(lines), size: sizeText(text !== null ? text.length : bytes.length) });
  el.bigHint.textContent = tr(text !== null ? "bigHint" : "fileReady");
  el.bigPreview.hidden = text === null;
  if (text !== null) {
    const head = text.slice(0, 4000).split("\n").slice(0, PREVIEW_LINES);
    el.bigPreview.textContent = head.map((line) => (line.length > 160 ? `${line.slice(0, 160)}…` : line)).join("\n") + "\n…";
  } else {
    el.bigPreview.textContent = "";
  }
}

/** Keeps a long text, or an export file's bytes, aside instead of in the box. */
export function setBigInput({ text = null, bytes = null, name = null }) {
  state.big = { text, bytes, name, lines: text === null ? null : countLines(text) };
  el.input.value = "";
  el.input.hidden = true;
  el.big.hidden = false;
  renderBig();
  markStale();
}

export function removeBigInput({ focus = true, speak = true } = {}) {
  if (!state.big) return;
  state.big = null;
  el.big.hidden = true;
  el.bigPreview.textContent = "";
  el.input.hidden = false;
  markStale();
  if (speak) announce(tr("bigRemoved"));
  if (focus) el.input.focus();
}

export function onPaste(event) {
  const text = event.clipboardData?.getData("text/plain") ?? "";
  if (text.length < BIG_TEXT) return;
  event.preventDefault();
  setBigInput({ text });
  el.inputStatus.textContent = "";
  el.bigRemove.focus();
}

export function markStale() {
  if (!state.report) return;
  const stale = currentInput() !== state.scannedText;
  if (stale === state.stale) return;
  state.stale = stale;
  renderStale();
}

/** The "you changed the text" note above the result, shown while it no longer matches. */
export function renderStale() {
  const existing = el.resultBody.querySelector(".stale");
  if (state.stale) {
    el.result.dataset.stale = "true";
    if (!existing) el.resultBody.prepend(h("p", { class: "notice notice--info stale", text: tr("stale") }));
  } else {
    el.result.removeAttribute("data-stale");
    if (existing) existing.remove();
  }
}
