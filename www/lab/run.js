// Running: reads the options, sends the packs and corpus to the engine worker, shows that
// it is busy (after a short delay, with the seconds so far), lets Stop end it, and shows
// what went wrong, with a button to each pack line an error names.

import { h } from "../dom.js";
import { Cancelled } from "../engine-client.js";
import { $, announce, messageOf } from "./kit.js";
import { engine, restartEngine } from "./engine.js";
import { allPacks, findPack } from "./packs.js";
import { corpusFiles } from "./corpus.js";
import { showLine } from "./editor.js";

const BUSY_DELAY_MS = 200;

const el = {
  threshold: $("threshold"),
  prefix: $("prefix"),
  recordLang: $("record-lang"),
  run: $("run"),
  rerun: $("rerun"),
  busy: $("busy"),
  elapsed: $("elapsed"),
  cancel: $("cancel"),
  error: $("error"),
  results: $("results"),
  corpusPicker: $("corpus-files"),
};
const state = { run: 0, busy: false, busyTimer: 0, tickTimer: 0, startedAt: 0 };
let onResults = () => {};

function tick() {
  el.elapsed.textContent = `(${Math.floor((performance.now() - state.startedAt) / 1000)} s)`;
}

function setBusy(busy) {
  state.busy = busy;
  clearTimeout(state.busyTimer);
  clearInterval(state.tickTimer);
  for (const button of [el.run, el.rerun]) button.setAttribute("aria-disabled", busy ? "true" : "false");
  el.results.setAttribute("aria-busy", busy ? "true" : "false");
  if (busy) {
    state.startedAt = performance.now();
    state.busyTimer = setTimeout(() => {
      tick();
      el.busy.hidden = false;
      state.tickTimer = setInterval(tick, 1000);
    }, BUSY_DELAY_MS);
  } else {
    el.busy.hidden = true;
  }
}

function hideError() {
  el.error.hidden = true;
  el.error.replaceChildren();
}

/**
 * Shows an error: its lines, or the engine's pack problems (`{ file, line, field, message }`,
 * src/wasm.rs) each with a button that opens its line in the editor when that file is loaded.
 */
export function showError(title, lines, problems = null) {
  const item = (text, at) => {
    const known = at && findPack(at.file);
    let button = null;
    if (known) {
      button = h("button", { type: "button", class: "button button--quiet button--small", text: `Show line ${at.line}` });
      button.addEventListener("click", () => showLine(at.file, at.line));
    }
    return h("li", { dataset: known ? { file: at.file, line: String(at.line) } : {} }, h("span", { class: "lab-error__text", text }), button ? " " : null, button);
  };
  const items = problems ? problems.map((p) => item(`${p.file}:${p.line}: ${p.field}: ${p.message}`, p)) : lines.map((line) => item(line, null));
  el.error.replaceChildren(h("p", { class: "notice__title", text: title }), h("ul", { class: "lab-error__lines" }, items));
  el.error.hidden = false;
}

function readOptions() {
  const prefix = el.prefix.value.trim();
  const n = Number(prefix);
  if (prefix && !(Number.isInteger(n) && n >= 1)) return null;
  return { threshold: el.threshold.value, prefix: prefix ? n : null, recordLang: el.recordLang.checked };
}

/**
 * Evaluates the listed packs (or the built-in ones) on the listed corpus files. `from` is
 * where it was asked for: "run" (the Run button) or "editor" (Re-run, Ctrl+Enter), so that
 * the answer can be shown where the researcher is looking.
 */
export async function run(from) {
  if (state.busy) return;
  hideError();
  if (!corpusFiles().length) {
    showError("Nothing to run on", ["Add at least one corpus file (.jsonl) first."]);
    el.corpusPicker.focus();
    return;
  }
  const options = readOptions();
  if (!options) {
    showError("The options are not valid", ["“Read only the first messages” takes a whole number of 1 or more, or nothing."]);
    el.prefix.focus();
    return;
  }
  const packs = allPacks().length ? allPacks().map(({ name, text }) => ({ name, text })) : null;
  const corpus = corpusFiles().map(({ name, text }) => ({ name, text }));
  const run = ++state.run;
  setBusy(true);
  announce("Running…");
  try {
    const answer = await engine().request({ type: "evaluate", corpus, packs, options });
    if (run !== state.run) return;
    const seconds = (performance.now() - state.startedAt) / 1000;
    setBusy(false);
    onResults({ ...answer, corpus, options, packs: packs ? packs.length : null, seconds, from });
  } catch (err) {
    if (run !== state.run || err instanceof Cancelled) return;
    setBusy(false);
    const packProblem = Array.isArray(err.problems) && err.problems.length > 0;
    const lines = messageOf(err).split("\n").filter((line) => line.trim());
    showError(packProblem ? "The packs have errors" : "The run failed", lines, packProblem ? err.problems : null);
    // The error box is in the Run section, screens above the editor on a phone.
    el.error.scrollIntoView({ block: "nearest" });
    announce(packProblem ? "The packs have errors." : "The run failed.");
  }
}

function cancel() {
  if (!state.busy) return;
  state.run++;
  setBusy(false);
  restartEngine();
  announce("Stopped.");
  el.run.focus();
}

/** Wires Run, Re-run and Stop; `show(answer)` gets each finished run. */
export function initRun({ show }) {
  onResults = show;
  el.run.addEventListener("click", () => run("run"));
  el.rerun.addEventListener("click", () => run("editor"));
  el.cancel.addEventListener("click", cancel);
}
