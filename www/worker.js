// The scanning worker: loads the wasm engine once at start-up and answers the page.
//
// Messages in: first { type: "init", module } with the compiled WebAssembly.Module (or null:
// then the worker fetches pkg/redflag_bg.wasm itself); then, each with a numeric `id`
// answered with the same id:
//   { id, type: "scan", input: string | Uint8Array, uiLang, self?, lang? }
//   { id, type: "builtinPacks" }                                   (the pattern lab)
//   { id, type: "evaluate", corpus: [{ name, text }], packs: [{ name, text }] | null,
//     options: { threshold, prefix, recordLang } }                 (the pattern lab)
// Messages out:
//   { type: "ready", features: { evaluate: bool } } or { type: "failed", message } (once)
//   { id, type: "result", report, messages: { [index]: { speaker, text, time } }, speakers, format,
//     skipped, repaired }   (the messages the report points at; messages the export held but
//     that could not be read, and flaws mended while reading: see scanChat in src/wasm.rs)
//   { id, type: "builtinPacks", packs: [{ name, text }] }
//   { id, type: "evaluation", evaluation, bad: [{ file, line, message }], records: [...] }
//     (the figures of `redflag eval --json`, unreadable corpus lines, one entry per record)
//   { id, type: "error", message, fatal? }   (fatal: the module stopped, from a panic, running out of
//     memory or any other trap, and cannot be used again: start a new worker)
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
      features: { evaluate: typeof engine.evaluate === "function" },
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
    engine.scanChat("hi", { uiLang: "en" });
  } catch {
    // Reported by the first real scan.
  }
}

function messageOf(err) {
  if (err && typeof err.message === "string" && err.message) return err.message;
  return String(err);
}

/** Reads and scans the chat inside the module, so that its messages never cross to
 *  JavaScript: only the report and what the page shows with it come back. */
function scan({ input, uiLang, self, lang }) {
  const options = { format: "auto", lang: lang || "auto", uiLang };
  if (self) options.self = self;
  return engine.scanChat(input, options);
}

/** Packs and corpus files as the lab sends them; `packs` null means the built-in packs. */
function evaluate({ corpus, packs, options }) {
  if (typeof engine.evaluate !== "function") throw new Error("this build has no evaluate(): rebuild the module (make wasm)");
  const { evaluation, bad, records, definitions } = engine.evaluate(corpus, packs ?? null, options ?? {});
  return { evaluation, bad, records, definitions };
}

/** The message of the Rust panic that stopped the module, if one did. */
function panicked() {
  try {
    return typeof engine.lastPanic === "function" ? engine.lastPanic() : undefined;
  } catch {
    return "the module stopped";
  }
}

/**
 * What to tell the page about an error, and whether it is fatal. Any WebAssembly trap is:
 * a Rust panic ends in one, and so does running out of memory (the allocator aborts with
 * `unreachable`, no panic), and after either the module's state is half-changed (a borrowed
 * engine, a half-built list), so it must never be called again.
 */
function describeError(err) {
  const panic = panicked();
  if (panic) return { message: `the checker stopped because of an error inside it (${panic})`, fatal: true };
  if (err instanceof WebAssembly.RuntimeError) {
    return { message: `the checker stopped (${messageOf(err)}), most likely because it ran out of memory`, fatal: true };
  }
  // A chat that could not be read has a code and args the page translates, pack problems
  // come as a list the lab links to the editor (src/wasm.rs).
  return { message: messageOf(err), code: err?.code, args: err?.args, problems: err?.problems, fatal: false };
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
    else if (msg.type === "builtinPacks") postMessage({ id, type: "builtinPacks", packs: engine.builtinPacks() });
    else if (msg.type === "evaluate") postMessage({ id, type: "evaluation", ...evaluate(msg) });
    else throw new Error(`unknown request: ${msg.type}`);
  } catch (err) {
    postMessage({ id, type: "error", ...describeError(err) });
  }
};
