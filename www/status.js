// The form's busy line (shown after a short delay, with the seconds so far) and error notice.

import { h } from "./dom.js";
import { announce, el, state, tr } from "./page.js";
import { hasString } from "./i18n.js";

const BUSY_DELAY_MS = 200;

export function tick() {
  const seconds = Math.floor((performance.now() - state.startedAt) / 1000);
  el.elapsed.textContent = `(${tr("elapsed", { n: seconds })})`;
}

/**
 * Shows or hides the busy line. `starting`: the engine is still loading, so the line shows at
 * once and says so ("Getting ready…") until engineStarted().
 */
export function setBusy(busy, { starting = false } = {}) {
  state.busy = busy;
  clearTimeout(state.busyTimer);
  clearInterval(state.tickTimer);
  el.result.setAttribute("aria-busy", busy ? "true" : "false");
  el.check.setAttribute("aria-disabled", busy ? "true" : "false");
  if (busy) {
    state.startedAt = performance.now();
    el.busyLabel.dataset.i18n = starting ? "starting" : "busy";
    el.busyLabel.textContent = tr(el.busyLabel.dataset.i18n);
    state.busyTimer = setTimeout(() => {
      tick();
      el.busy.hidden = false;
      announce(tr(el.busyLabel.dataset.i18n));
      state.tickTimer = setInterval(tick, 1000);
    }, starting ? 0 : BUSY_DELAY_MS);
  } else {
    el.busy.hidden = true;
  }
}

/** The engine has loaded: the busy line goes from "Getting ready…" to "Checking the chat…". */
export function engineStarted() {
  el.busyLabel.dataset.i18n = "busy";
  el.busyLabel.textContent = tr("busy");
}

/**
 * What the page can say about the engine's `error` in its own language: a chat that could not
 * be read comes with a `code` (and `args`) the locale files translate, `chatError_<code>`;
 * the engine's English words are kept for what has none, and for the parser's `detail`.
 */
function explain(error) {
  if (!error) return { reason: null, english: null };
  const key = `chatError_${error.code}`;
  if (!error.code || !hasString(key)) return { reason: null, english: error.message || String(error) };
  const args = Object.fromEntries(
    Object.entries(error.args ?? {}).map(([name, value]) => [name, /^\d+$/.test(value) ? Number(value).toLocaleString(state.lang) : value]),
  );
  return { reason: tr(key, args), english: error.args?.detail ?? null };
}

/** Shows `message`, and with `error` (from the engine) what went wrong, in the page's language. */
export function showError(message, { error = null } = {}) {
  const { reason, english } = explain(error);
  const children = [h("p", { class: "notice__title", text: tr("errorTitle") }), h("p", { text: message })];
  if (reason) children.push(h("p", { class: "notice__reason", text: reason }));
  // The engine's own words are English whatever the page's language: marked as such.
  if (english) children.push(h("p", { class: "notice__details" }, `${tr("errorDetails")} `, h("span", { lang: "en", text: english })));
  el.error.replaceChildren(...children);
  el.error.hidden = false;
}

export function hideError() {
  el.error.hidden = true;
  el.error.replaceChildren();
}
