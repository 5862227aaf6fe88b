// The form's busy line (shown after a short delay, with the seconds so far) and error notice.

import { h } from "./dom.js";
import { announce, el, state, tr } from "./page.js";

const BUSY_DELAY_MS = 200;

export function tick() {
  const seconds = Math.floor((performance.now() - state.startedAt) / 1000);
  el.elapsed.textContent = `(${tr("elapsed", { n: seconds })})`;
}

export function setBusy(busy) {
  state.busy = busy;
  clearTimeout(state.busyTimer);
  clearInterval(state.tickTimer);
  el.result.setAttribute("aria-busy", busy ? "true" : "false");
  el.check.setAttribute("aria-disabled", busy ? "true" : "false");
  if (busy) {
    state.startedAt = performance.now();
    state.busyTimer = setTimeout(() => {
      tick();
      el.busy.hidden = false;
      announce(tr("busy"));
      state.tickTimer = setInterval(tick, 1000);
    }, BUSY_DELAY_MS);
  } else {
    el.busy.hidden = true;
  }
}

export function showError(message, { details = null } = {}) {
  const children = [h("p", { class: "notice__title", text: tr("errorTitle") }), h("p", { text: message })];
  if (details) children.push(h("p", { class: "notice__details", text: tr("errorDetails", { msg: details }) }));
  el.error.replaceChildren(...children);
  el.error.hidden = false;
}

export function hideError() {
  el.error.hidden = true;
  el.error.replaceChildren();
}
