// The scanning worker: loads the wasm engine once at start-up and answers the page.
//
// Messages in: first { type: "init", module } with the compiled WebAssembly.Module (or null:
// then the worker fetches pkg/redflag_bg.wasm itself); then, each with a numeric `id`
// answered with the same id:
//   { id, type: "scan", input: string | Uint8Array, uiLang, self?, lang? }
//   { id, type: "helplines", country, lang }
//   { id, type: "builtinPacks" }                                   (the pattern lab)
//   { id, type: "evaluate", corpus: [{ name, text }], packs: [{ name, text }] | null,
//     options: { threshold, prefix, recordLang } }                 (the pattern lab)
// Messages out:
//   { type: "ready", features: { helplines: bool, evaluate: bool } } or { type: "failed", message } (once)
//   { id, type: "result", report, messages: { [index]: { speaker, text, time } }, speakers, format }
//   { id, type: "helplines", country: [...], int: [...] }
//   { id, type: "builtinPacks", packs: [{ name, text }] }
//   { id, type: "evaluation", evaluation, bad: [{ file, line, message }], records: [...] }
//     (the figures of `redflag eval --json`, unreadable corpus lines, one entry per record)
//   { id, type: "error", message, fatal? }   (fatal: the module panicked; start a new worker)
//
// Nothing here touches the network after the module is loaded, and nothing is stored.

import init, * as engine from "./pkg/redflag.js";

let startWith;
const started = new Promise((resolve) => {
  startWith = resolve;
});

const ready = started.then((module) => (module ? init({ module_or_path: module }) : init())).then(
  () => {
    postMessage({
      type: "ready",
      features: { helplines: typeof engine.helplines === "function", evaluate: typeof engine.evaluate === "function" },
    });
    warmUp();
  },
  (err) => {
    postMessage({ type: "failed", message: messageOf(err) });
    throw err;
  },
);

/** Builds the engine from its packs now (~0.6 s) rather than on the first Check. A failure
 *  here is reported by that first real scan, which builds it again. */
function warmUp() {
  try {
    engine.scan("hi", { uiLang: "en" });
  } catch {
    // Reported by the first real scan.
  }
}

/** Plain objects all the way down (a wasm-bindgen layer may hand back Map objects). */
function toPlain(value) {
  if (value instanceof Map) {
    const out = {};
    for (const [k, v] of value) out[k] = toPlain(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
    const out = {};
    for (const k of Object.keys(value)) out[k] = toPlain(value[k]);
    return out;
  }
  return value;
}

function messageOf(err) {
  if (err && typeof err.message === "string" && err.message) return err.message;
  return String(err);
}

/** The messages a report points at, so the page can show them without the whole chat. */
function flaggedMessages(report, messages) {
  const out = {};
  for (const signal of report.signals ?? []) {
    for (const m of signal.matches ?? []) {
      const i = m.message;
      if (out[i] === undefined && Number.isInteger(i) && messages[i]) {
        const { speaker = null, text = "", time = null } = toPlain(messages[i]);
        out[i] = { speaker, text, time };
      }
    }
  }
  return out;
}

function scan({ input, uiLang, self, lang }) {
  const chat = engine.parseChat(input, { format: "auto" });
  const options = { lang: lang || "auto", uiLang };
  if (self) options.self = self;
  const report = toPlain(engine.scan(chat.messages, options));
  return {
    report,
    messages: flaggedMessages(report, chat.messages),
    speakers: toPlain(chat.speakers ?? []).map((s) => ({ name: s.name, messages: s.messages })),
    format: chat.format,
  };
}

function helplines({ country, lang }) {
  if (typeof engine.helplines !== "function") throw new Error("this build has no helpline list");
  const list = toPlain(engine.helplines(country, lang) ?? []);
  const int = country === "INT" ? [] : toPlain(engine.helplines("INT", lang) ?? []);
  return { country: list, int };
}

/** Packs and corpus files as the lab sends them; `packs` null means the built-in packs. */
function evaluate({ corpus, packs, options }) {
  if (typeof engine.evaluate !== "function") throw new Error("this build has no evaluate(): rebuild the module (make wasm)");
  const { evaluation, bad, records } = toPlain(engine.evaluate(corpus, packs ?? null, options ?? {}));
  return { evaluation, bad, records };
}

function panicked() {
  try {
    return typeof engine.lastPanic === "function" ? engine.lastPanic() : undefined;
  } catch {
    return "the module stopped";
  }
}

self.onmessage = async (event) => {
  const msg = event.data ?? {};
  if (msg.type === "init") {
    startWith(msg.module instanceof WebAssembly.Module ? msg.module : null);
    return;
  }
  const { id } = msg;
  try {
    await ready;
  } catch (err) {
    postMessage({ id, type: "error", message: messageOf(err) });
    return;
  }
  try {
    if (msg.type === "scan") postMessage({ id, type: "result", ...scan(msg) });
    else if (msg.type === "helplines") postMessage({ id, type: "helplines", ...helplines(msg) });
    else if (msg.type === "builtinPacks") postMessage({ id, type: "builtinPacks", packs: toPlain(engine.builtinPacks()) });
    else if (msg.type === "evaluate") postMessage({ id, type: "evaluation", ...evaluate(msg) });
    else throw new Error(`unknown request: ${msg.type}`);
  } catch (err) {
    const panic = panicked();
    postMessage({ id, type: "error", message: panic || messageOf(err), fatal: Boolean(panic) });
  }
};
