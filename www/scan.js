// Checking the chat: sending it to the engine worker, Stop, Clear, and the "which name is
// you" choice that the speakers of the last scan fill.

import { h } from "./dom.js";
import { Cancelled } from "./engine-client.js";
import { engines, isStarted, replaceActive } from "./engines.js";
import { announce, el, state, tr } from "./page.js";
import { currentInput, isEmpty, removeBigInput } from "./input.js";
import { engineStarted, hideError, setBusy, showError } from "./status.js";
import { clearResult, renderResult } from "./result.js";

export async function runScan(text, self, { rescan = false } = {}) {
  if (state.engineFailed) {
    showError(tr("engineFailed"));
    return;
  }
  const run = ++state.run;
  hideError();
  if (!engines.active || engines.active.dead) replaceActive();
  const engine = engines.active;
  setBusy(true, { starting: !isStarted(engine) });
  try {
    await engine.ready;
    if (run === state.run) engineStarted();
    const answer = await engine.request({ type: "scan", input: text, uiLang: state.lang, self: self || undefined });
    if (run !== state.run) return;
    state.report = answer.report;
    state.messages = answer.messages ?? {};
    state.speakers = answer.speakers ?? [];
    state.scannedText = text;
    state.scannedSelf = self || "";
    state.stale = currentInput() !== text;
    setBusy(false);
    updateSelfOptions();
    renderResult({ announce: !rescan });
  } catch (err) {
    if (run !== state.run || err instanceof Cancelled) return;
    setBusy(false);
    const engine = engines.active;
    if (engine && engine.dead) {
      // The worker itself broke (not just this input): carry on with a fresh one.
      replaceActive();
    }
    const fromFile = typeof text !== "string";
    showError(tr(fromFile ? "fileNotChat" : "errorText"), { error: err });
  }
}

/** Checks the chat again, as it was scanned, with `self` as the young person's name. */
export function rescan({ self = state.scannedSelf, ...options } = {}) {
  if (state.scannedText !== null && !state.busy) runScan(state.scannedText, self, options);
}

export function onSubmit(event) {
  event.preventDefault();
  if (state.busy) return;
  const text = currentInput();
  if (isEmpty(text)) {
    el.inputStatus.textContent = tr("needText");
    el.input.focus();
    return;
  }
  el.inputStatus.textContent = "";
  runScan(text, el.self.value);
}

export function cancelScan() {
  if (!state.busy) return;
  const busyHadFocus = el.busy.contains(document.activeElement);
  state.run++;
  setBusy(false);
  replaceActive();
  announce(tr("cancelled"));
  if (busyHadFocus) el.check.focus();
}

export function clearAll() {
  if (state.busy) {
    state.run++;
    setBusy(false);
    replaceActive();
  }
  removeBigInput({ focus: false, speak: false });
  el.input.value = "";
  el.inputStatus.textContent = "";
  el.fileStatus.textContent = "";
  state.report = null;
  state.messages = {};
  state.speakers = [];
  state.scannedText = null;
  state.scannedSelf = "";
  state.stale = false;
  updateSelfOptions();
  hideError();
  clearResult();
  announce(tr("cleared"));
  el.input.focus();
}

function updateSelfOptions() {
  const names = state.speakers.map((s) => s.name).filter((n) => typeof n === "string" && n);
  const current = el.self.value;
  const options = [h("option", { value: "", text: tr("selfNone"), dataset: { i18n: "selfNone" } })];
  for (const name of names) options.push(h("option", { value: name, text: name }));
  el.self.replaceChildren(...options);
  el.self.value = names.includes(current) ? current : "";
  el.selfField.hidden = names.length < 2;
}
