// The pattern lab (lab.html): runs pack files over a labelled JSON Lines corpus in the engine
// worker and shows the figures of `redflag eval` (the same Rust code computes them), tables
// per category, label, source, language, signal and pattern, the false positives and misses
// with their matches highlighted, and a pack editor to change a pattern and run again.
//
// English only: this is a tool for researchers and helpline analysts, not for the young
// people the screening page (app.js, in nl/fr/en) is for.
//
// Privacy rules, as on the screening page: files are read with File.text() and go only to
// the worker; nothing is stored; after start-up the page makes no request (downloads are
// object URLs made here); corpus and pack text only ever reach the page as text nodes or a
// textarea's value, never through innerHTML.

import { h } from "./dom.js";
import { Cancelled, Engine } from "./engine-client.js";

const LEVELS = ["none", "low", "medium", "high"];
const BUSY_DELAY_MS = 200;
const LIST_STEP = 100; // records listed at a time in the drill-down
const BAD_LINES_SHOWN = 50;
const PACK_FILE = /\.toml$/i;
const CORPUS_FILE = /\.(jsonl|ndjson|json)$/i;
const UNDEFINED = "–";

const $ = (id) => document.getElementById(id);
const el = {
  root: document.documentElement,
  builtin: $("builtin"),
  packFiles: $("pack-files"),
  packFolder: $("pack-folder"),
  packList: $("pack-list"),
  corpusFiles: $("corpus-files"),
  corpusList: $("corpus-list"),
  drop: $("dropzone"),
  loadStatus: $("load-status"),
  threshold: $("threshold"),
  prefix: $("prefix"),
  recordLang: $("record-lang"),
  run: $("run"),
  busy: $("busy"),
  elapsed: $("elapsed"),
  cancel: $("cancel"),
  error: $("error"),
  badLines: $("bad-lines"),
  editorSection: $("editor-section"),
  editorFile: $("editor-file"),
  gotoLine: $("goto-line"),
  goto: $("goto"),
  editor: $("editor"),
  editorStatus: $("editor-status"),
  rerun: $("rerun"),
  exportPack: $("export-pack"),
  revert: $("revert"),
  results: $("results"),
  summary: $("summary"),
  changes: $("changes"),
  exportFigures: $("export-figures"),
  figures: $("figures-json"),
  tables: $("tables"),
  drillCategory: $("drill-category"),
  drillListTitle: $("drill-list-title"),
  drillList: $("drill-list"),
  conversation: $("conversation"),
  announcer: $("announcer"),
};

const state = {
  engine: null,
  packs: [], // { name, text, original }, sorted by path as the command line sorts them
  corpus: [], // { name, text, bytes }, in the order added (the order records are read)
  editing: null, // name of the pack file in the editor
  dropEdits: false, // "Use the built-in packs" was pressed once with edited files in the list
  run: 0, // increases with every run and every Stop; stale answers are dropped
  busy: false,
  busyTimer: 0,
  tickTimer: 0,
  startedAt: 0,
  last: null, // the last run: { evaluation, records, corpus: Map(name -> { text, starts }), options }
  previous: null, // the run before it, for "what changed"
  drill: { kind: "fp", signal: null, pattern: null }, // kind: fp, miss, changed or firing
};

// ---------------------------------------------------------------------------------------
// Small helpers.

function announce(text) {
  // Clearing first makes screen readers repeat a message that is the same as the last one.
  el.announcer.textContent = "";
  setTimeout(() => {
    el.announcer.textContent = text;
  }, 30);
}

function messageOf(err) {
  return err && typeof err.message === "string" && err.message ? err.message : String(err);
}

function ratio(part, whole) {
  return whole > 0 ? part / whole : null;
}

/**
 * A share as a percentage with one decimal, or "–" where it is undefined. Rounded as the
 * command line's `{:.1}` rounds: an exact half goes to the even digit, where toFixed would
 * round it up. Only values k/4 with k odd (x.25, x.75) are exact halves, and for those x*10
 * is exact.
 */
function percent(value) {
  if (value === null) return UNDEFINED;
  const x = value * 100;
  if (Number.isInteger(x * 4) && !Number.isInteger(x * 2)) {
    let tenths = Math.floor(x * 10);
    if (tenths % 2 !== 0) tenths += 1;
    return `${(tenths / 10).toFixed(1)}%`;
  }
  return `${x.toFixed(1)}%`;
}

/** The figures of one confusion table, computed as src/eval.rs computes them. */
function rates(c) {
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn_);
  const f1 = precision !== null && recall !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : null;
  return { records: c.tp + c.fp + c.fn_ + c.tn, flagged: c.tp + c.fp, precision, recall, f1, fpRate: ratio(c.fp, c.fp + c.tn) };
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const utf8 = new TextEncoder();

/** Orders paths component by component, as the command line sorts `--pack` files. */
function byPath(a, b) {
  const x = a.name.split("/");
  const y = b.name.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

const baseName = (name) => name.slice(name.lastIndexOf("/") + 1);

function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** How a record's id reads in a list ("(no id)" when it has none). */
function idText(id) {
  if (id === null || id === undefined) return "(no id)";
  return typeof id === "string" ? id : JSON.stringify(id);
}

/** Saves `text` as a file called `name`: an object URL, never a request. */
function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------------------
// The engine worker: one, loaded at start; a Stop throws it away and starts another.

function engine() {
  if (!state.engine || state.engine.dead) state.engine = new Engine();
  return state.engine;
}

// ---------------------------------------------------------------------------------------
// Loading files.

/** Reads picked or dropped files ({ file, name }) and adds them as packs or corpus files. */
async function addFiles(items, kind) {
  const packs = [];
  const corpus = [];
  const ignored = [];
  // Dropped files are sorted by their extension; picked ones go where they were picked for.
  const sortOf = (name) => (kind !== "auto" ? kind : PACK_FILE.test(name) ? "packs" : CORPUS_FILE.test(name) ? "corpus" : null);
  for (const { file, name } of items) {
    const target = { packs, corpus }[sortOf(name)];
    if (!target) {
      ignored.push(name);
      continue;
    }
    try {
      target.push({ name, text: await file.text(), bytes: file.size });
    } catch (err) {
      ignored.push(`${name} (${messageOf(err)})`);
    }
  }
  const notes = [];
  if (packs.length) notes.push(`Added ${plural(packs.length, "pack file")}${replaced(state.packs, packs)}.`);
  if (corpus.length) notes.push(`Added ${plural(corpus.length, "corpus file")}${replaced(state.corpus, corpus)}.`);
  for (const p of packs) state.packs = [...state.packs.filter((x) => x.name !== p.name), { name: p.name, text: p.text, original: p.text }];
  state.packs.sort(byPath);
  for (const c of corpus) {
    const at = state.corpus.findIndex((x) => x.name === c.name);
    if (at === -1) state.corpus.push(c);
    else state.corpus[at] = c;
  }
  if (ignored.length) notes.push(`Not used: ${ignored.join(", ")} (pack files end in .toml, corpus files in .jsonl).`);
  el.loadStatus.textContent = notes.join(" ") || "No files were added.";
  renderFiles();
  renderEditor();
}

/** " (replacing 2 with the same name)" when some of `added` are already in `list`. */
function replaced(list, added) {
  const n = added.filter((a) => list.some((x) => x.name === a.name)).length;
  return n ? ` (replacing ${n} with the same name)` : "";
}

/** A picked file's name: its path inside the chosen folder, when a folder was chosen. */
function pickedFiles(input, only = null) {
  return [...input.files]
    .map((file) => ({ file, name: file.webkitRelativePath || file.name }))
    .filter(({ name }) => !only || only.test(name));
}

async function useBuiltinPacks() {
  try {
    const answer = await engine().request({ type: "builtinPacks" });
    state.packs = answer.packs.map(({ name, text }) => ({ name, text, original: text })).sort(byPath);
    el.loadStatus.textContent = `Using the ${plural(state.packs.length, "built-in pack file")}: edit them below.`;
  } catch (err) {
    el.loadStatus.textContent = `The built-in packs could not be read: ${messageOf(err)}`;
  }
  renderFiles();
  renderEditor();
}

/** Every file under dropped files and folders, with its path inside the drop. */
async function droppedFiles(entries) {
  const out = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, name: entry.fullPath.replace(/^\/+/, "") || file.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      // readEntries hands out a directory in batches until it returns an empty one.
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/** A path that may wrap after each "/" rather than in the middle of a name. */
function pathWithBreaks(name) {
  return name.split("/").flatMap((part, i) => (i ? ["/", h("wbr"), part] : [part]));
}

function fileItem(file, { bytes, edited = false, onEdit = null, onRemove }) {
  const remove = h("button", { type: "button", class: "button button--quiet button--small", "aria-label": `Remove ${file.name}`, text: "Remove" });
  remove.addEventListener("click", onRemove);
  let edit = null;
  if (onEdit) {
    edit = h("button", { type: "button", class: "button button--quiet button--small", "aria-label": `Edit ${file.name}`, text: "Edit" });
    edit.addEventListener("click", onEdit);
  }
  return h(
    "li",
    { class: "lab-file", dataset: { name: file.name } },
    h("span", { class: "lab-file__name" }, pathWithBreaks(file.name)),
    h("span", { class: "lab-file__size", text: formatBytes(bytes) }),
    edited ? h("span", { class: "lab-file__tag", text: "edited" }) : null,
    h("span", { class: "lab-file__actions" }, edit, remove),
  );
}

/** After removing an item, focus goes to the next Remove button, or to `fallback`. */
function focusAfterRemove(list, index, fallback) {
  const buttons = list.querySelectorAll(".lab-file__actions button:last-child");
  (buttons[Math.min(index, buttons.length - 1)] ?? fallback).focus();
}

function renderFiles() {
  el.packList.replaceChildren(
    ...state.packs.map((pack, i) =>
      fileItem(pack, {
        bytes: utf8.encode(pack.text).length,
        edited: pack.text !== pack.original,
        onEdit: () => {
          selectEditorFile(pack.name);
          el.editor.focus();
        },
        onRemove: () => {
          state.packs = state.packs.filter((p) => p !== pack);
          renderFiles();
          renderEditor();
          el.loadStatus.textContent = `Removed ${pack.name}.`;
          focusAfterRemove(el.packList, i, el.builtin);
        },
      }),
    ),
  );
  if (!state.packs.length) el.packList.append(h("li", { class: "lab-file lab-file--none", text: "None: the run uses the built-in packs." }));
  el.corpusList.replaceChildren(
    ...state.corpus.map((file, i) =>
      fileItem(file, {
        bytes: file.bytes,
        onRemove: () => {
          state.corpus = state.corpus.filter((c) => c !== file);
          renderFiles();
          el.loadStatus.textContent = `Removed ${file.name}.`;
          focusAfterRemove(el.corpusList, i, el.corpusFiles);
        },
      }),
    ),
  );
  if (!state.corpus.length) el.corpusList.append(h("li", { class: "lab-file lab-file--none", text: "None yet." }));
}

// ---------------------------------------------------------------------------------------
// The pack editor.

function editedPack() {
  return state.packs.find((p) => p.name === state.editing) ?? null;
}

function renderEditor() {
  el.editorSection.hidden = state.packs.length === 0;
  if (!state.packs.length) {
    state.editing = null;
    return;
  }
  const keep = editedPack() ? state.editing : state.packs[0].name;
  el.editorFile.replaceChildren(...state.packs.map((p) => h("option", { value: p.name, text: p.text === p.original ? p.name : `${p.name} (edited)` })));
  selectEditorFile(keep);
}

function selectEditorFile(name) {
  const pack = state.packs.find((p) => p.name === name);
  el.editorFile.value = name;
  if (state.editing === name && el.editor.value === pack.text) return;
  state.editing = name;
  el.editor.value = pack.text;
  el.editor.scrollTop = 0;
  el.editorStatus.textContent = "";
}

function onEditorInput() {
  const pack = editedPack();
  if (!pack) return;
  const wasEdited = pack.text !== pack.original;
  pack.text = el.editor.value;
  // The lists show which files are edited: redraw them only when that changes.
  if (wasEdited !== (pack.text !== pack.original)) {
    renderFiles();
    el.editorFile.selectedOptions[0].textContent = pack.text === pack.original ? pack.name : `${pack.name} (edited)`;
  }
}

/** Selects line `n` (from 1) in the editor and scrolls it into view. */
function selectLine(n) {
  const text = el.editor.value;
  let start = 0;
  for (let i = 1; i < n; i++) {
    const next = text.indexOf("\n", start);
    if (next === -1) break;
    start = next + 1;
  }
  let end = text.indexOf("\n", start);
  if (end === -1) end = text.length;
  el.editor.focus();
  el.editor.setSelectionRange(start, end);
  // The editor does not wrap lines, so line n starts n-1 line heights down.
  const lineHeight = parseFloat(getComputedStyle(el.editor).lineHeight) || 20;
  el.editor.scrollTop = Math.max(0, (n - 4) * lineHeight);
  el.gotoLine.value = String(n);
  el.editorStatus.textContent = `Line ${n} of ${state.editing}.`;
}

function showLine(name, line) {
  if (!state.packs.some((p) => p.name === name)) return;
  selectEditorFile(name);
  selectLine(line);
}

function lineOf(text, index) {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The id of the [[signal]] block that `index` is in. */
function signalAt(text, index) {
  const ids = /^\s*id\s*=\s*["']([^"'\n]+)["']/gm;
  let found = null;
  for (let m = ids.exec(text); m && m.index < index; m = ids.exec(text)) found = m[1];
  return found;
}

/**
 * Where a phrase or pattern is written in the loaded pack files: as a literal string
 * ('…'), a basic string ("…", whose escapes JSON shares), or a multi-line literal, preferring
 * the occurrence inside the block of its own signal.
 */
function locatePattern(signal, pattern) {
  const needles = [`'${pattern}'`, JSON.stringify(pattern), `'''${pattern}'''`];
  let fallback = null;
  for (const pack of state.packs) {
    for (const needle of needles) {
      for (let at = pack.text.indexOf(needle); at !== -1; at = pack.text.indexOf(needle, at + 1)) {
        const hit = { name: pack.name, line: lineOf(pack.text, at) };
        if (signalAt(pack.text, at) === signal) return hit;
        fallback ??= hit;
      }
    }
  }
  return fallback;
}

async function showDefinition(signal, pattern) {
  // With the built-in packs in use there is nothing to edit yet: load them into the editor.
  if (!state.packs.length) await useBuiltinPacks();
  const hit = locatePattern(signal, pattern);
  if (!hit) {
    el.loadStatus.textContent = `“${pattern}” (${signal}) is not in the loaded pack files.`;
    el.loadStatus.scrollIntoView({ block: "nearest" });
    return;
  }
  showLine(hit.name, hit.line);
}

function exportPack() {
  const pack = editedPack();
  if (pack) download(baseName(pack.name), pack.text, "application/toml");
}

function revertPack() {
  const pack = editedPack();
  if (!pack) return;
  pack.text = pack.original;
  el.editor.value = pack.text;
  renderFiles();
  renderEditor();
  el.editorStatus.textContent = `Undid the edits to ${pack.name}.`;
}

// ---------------------------------------------------------------------------------------
// Running.

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
 * Shows an error. Lines that name a loaded pack file and a line (`file:line: field: …`, as
 * the engine reports pack problems) get a button that opens that line in the editor.
 */
function showError(title, lines) {
  const items = lines.map((line) => {
    const at = /^(.+?):(\d+):/.exec(line);
    const known = at && state.packs.some((p) => p.name === at[1]);
    let button = null;
    if (known) {
      button = h("button", { type: "button", class: "button button--quiet button--small", text: `Show line ${at[2]}` });
      button.addEventListener("click", () => showLine(at[1], Number(at[2])));
    }
    return h("li", { dataset: known ? { file: at[1], line: at[2] } : {} }, h("span", { class: "lab-error__text", text: line }), button ? " " : null, button);
  });
  el.error.replaceChildren(h("p", { class: "notice__title", text: title }), h("ul", { class: "lab-error__lines" }, items));
  el.error.hidden = false;
}

function readOptions() {
  const prefix = el.prefix.value.trim();
  const n = Number(prefix);
  if (prefix && !(Number.isInteger(n) && n >= 1)) return null;
  return { threshold: el.threshold.value, prefix: prefix ? n : null, recordLang: el.recordLang.checked };
}

async function run() {
  if (state.busy) return;
  hideError();
  if (!state.corpus.length) {
    showError("Nothing to run on", ["Add at least one corpus file (.jsonl) first."]);
    el.corpusFiles.focus();
    return;
  }
  const options = readOptions();
  if (!options) {
    showError("The options are not valid", ["“Read only the first messages” takes a whole number of 1 or more, or nothing."]);
    el.prefix.focus();
    return;
  }
  const packs = state.packs.length ? state.packs.map(({ name, text }) => ({ name, text })) : null;
  const corpus = state.corpus.map(({ name, text }) => ({ name, text }));
  const run = ++state.run;
  setBusy(true);
  announce("Running…");
  try {
    const answer = await engine().request({ type: "evaluate", corpus, packs, options });
    if (run !== state.run) return;
    const seconds = (performance.now() - state.startedAt) / 1000;
    setBusy(false);
    showResults({ ...answer, corpus, options, packs: packs ? packs.length : null, seconds });
  } catch (err) {
    if (run !== state.run || err instanceof Cancelled) return;
    setBusy(false);
    const lines = messageOf(err).split("\n").filter((line) => line.trim());
    const packProblem = lines.some((line) => /^(.+?):(\d+):/.test(line));
    showError(packProblem ? "The packs have errors" : "The run failed", lines);
    announce(packProblem ? "The packs have errors." : "The run failed.");
  }
}

function cancel() {
  if (!state.busy) return;
  state.run++;
  setBusy(false);
  state.engine.terminate();
  state.engine = new Engine();
  announce("Stopped.");
  el.run.focus();
}

// ---------------------------------------------------------------------------------------
// Results.

function showResults({ evaluation, bad, records, corpus, options, packs, seconds }) {
  if (state.last) state.previous = state.last;
  state.last = {
    evaluation,
    records,
    options,
    corpus: new Map(corpus.map(({ name, text }) => [name, { text, starts: null }])),
  };
  el.figures.textContent = JSON.stringify(evaluation);
  const packText = packs === null ? "the built-in packs" : plural(packs, "pack file");
  const how = [`flagged at level ${evaluation.threshold} or above`];
  if (options.prefix !== null) how.push(`first ${plural(options.prefix, "message")} of each conversation`);
  if (options.recordLang) how.push("packs of each record's language");
  el.summary.textContent = `${plural(evaluation.records, "record")} (${evaluation.positives} positive) from ${plural(corpus.length, "corpus file")} with ${packText}; ${how.join(", ")}. Took ${seconds.toFixed(1)} s.`;
  renderChanges();
  renderBadLines(bad);
  renderTables(evaluation);
  renderDrillControls(evaluation);
  el.results.hidden = false;
  el.results.dataset.runs = String(Number(el.results.dataset.runs ?? 0) + 1);
  const any = rates(evaluation.overall);
  announce(`Finished: ${plural(evaluation.records, "record")}; any risk precision ${percent(any.precision)}, recall ${percent(any.recall)}.`);
}

function renderBadLines(bad) {
  if (!bad.length) {
    el.badLines.hidden = true;
    el.badLines.replaceChildren();
    return;
  }
  const items = bad.slice(0, BAD_LINES_SHOWN).map((b) => h("li", { dataset: { file: b.file, line: String(b.line) }, text: `${b.file}:${b.line}: ${b.message}` }));
  el.badLines.replaceChildren(
    h("p", { class: "notice__title", text: `${plural(bad.length, "corpus line")} could not be read and ${bad.length === 1 ? "was" : "were"} skipped; the other records were evaluated.` }),
    h("ul", { class: "lab-error__lines" }, items),
    bad.length > BAD_LINES_SHOWN ? h("p", { text: `… and ${bad.length - BAD_LINES_SHOWN} more.` }) : null,
  );
  el.badLines.hidden = false;
}

/** The headline figures of a run: any risk and each category. */
function headline(evaluation) {
  const rows = [["any risk", evaluation.overall], ...Object.entries(evaluation.categories)];
  const out = [];
  for (const [name, c] of rows) {
    const r = rates(c);
    for (const [measure, value] of [
      ["precision", r.precision],
      ["recall", r.recall],
      ["F1", r.f1],
      ["false-positive rate", r.fpRate],
    ]) {
      out.push({ name: `${name} ${measure}`, always: name === "any risk", text: percent(value) });
    }
  }
  out.push({ name: "records", always: false, text: String(evaluation.records) }, { name: "positives", always: false, text: String(evaluation.positives) });
  const { named, warned } = personFigures(evaluation);
  out.push(
    { name: "offender named first", always: false, text: named.share },
    { name: "warned (medium)", always: false, text: warned.share },
    { name: "median messages read before the warning", always: false, text: warned.median },
  );
  return out;
}

/**
 * The per-person figures of `redflag eval`: how often a positive record's offender is the
 * person its report names first, and how often (and after how many messages) the first person
 * reached medium. Counts and the median as the engine returns them.
 */
function personFigures({ people, lines_to_warning: warnings }) {
  return {
    named: { count: people.named, of: people.offenders, share: percent(ratio(people.named, people.offenders)) },
    warned: {
      count: warnings.warned,
      of: warnings.positives,
      share: percent(ratio(warnings.warned, warnings.positives)),
      median: warnings.median === null ? UNDEFINED : String(warnings.median),
    },
  };
}

/** Before → now for the headline figures: those of "any risk" always, others if they moved. */
function renderChanges() {
  if (!state.previous) {
    el.changes.hidden = true;
    return;
  }
  const before = new Map(headline(state.previous.evaluation).map((f) => [f.name, f.text]));
  const rows = headline(state.last.evaluation)
    .map((f) => ({ ...f, before: before.get(f.name) ?? UNDEFINED }))
    .filter((f) => f.always || f.before !== f.text)
    .map((f) =>
      h(
        "tr",
        { dataset: { measure: f.name, changed: String(f.before !== f.text) } },
        h("th", { scope: "row", text: f.name }),
        h("td", { class: "lab-num", text: f.before }),
        h("td", { class: "lab-num", text: f.text }),
        h("td", { text: f.before === f.text ? "same" : `${f.before} → ${f.text}` }),
      ),
    );
  el.changes.replaceChildren(
    h("h3", { id: "changes-title", text: "Change since the last run" }),
    tableWrap(
      "changes-title",
      h(
        "table",
        { class: "lab-table", id: "table-changes", "aria-labelledby": "changes-title" },
        h("thead", {}, h("tr", {}, ["measure", "last run", "this run", "change"].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", {}, rows),
      ),
    ),
  );
  el.changes.hidden = false;
}

/** A table in a box that scrolls sideways on narrow screens (and can be scrolled by keyboard). */
function tableWrap(labelledBy, table) {
  return h("div", { class: "lab-table-wrap", role: "region", "aria-labelledby": labelledBy, tabindex: "0" }, table);
}

/**
 * A table of rows. Columns: { key, label, numeric?, header? (a row header), value(row) for
 * sorting, cell(row) → text or node }. With `sort` ({ key, dir }) the headers are buttons
 * that sort; `redraw(filter)` shows only the rows the filter keeps.
 */
function dataTable({ id, labelledBy, columns, rows, sort = null, rowData = () => ({}), onRowClick = null }) {
  const thead = h("thead");
  const tbody = h("tbody");
  const table = h("table", { class: "lab-table", id, "aria-labelledby": labelledBy }, thead, tbody);
  let order = sort;
  let keep = () => true;

  const drawHead = () => {
    thead.replaceChildren(
      h(
        "tr",
        {},
        columns.map((col) => {
          const label = col.label;
          if (!order || col.sortable === false) return h("th", { scope: "col", class: col.numeric ? "lab-num" : null, text: label });
          const sorted = order.key === col.key;
          const button = h(
            "button",
            { type: "button", class: "lab-sort" },
            label,
            h("span", { class: "lab-sort__arrow", "aria-hidden": "true", text: sorted ? (order.dir === "asc" ? " ▲" : " ▼") : "" }),
          );
          button.addEventListener("click", () => {
            order = sorted ? { key: col.key, dir: order.dir === "asc" ? "desc" : "asc" } : { key: col.key, dir: col.numeric ? "desc" : "asc" };
            drawHead();
            drawBody();
            thead.querySelector(`[data-col="${col.key}"] button`).focus();
          });
          return h("th", { scope: "col", class: col.numeric ? "lab-num" : null, dataset: { col: col.key }, "aria-sort": sorted ? (order.dir === "asc" ? "ascending" : "descending") : null }, button);
        }),
      ),
    );
  };

  const drawBody = () => {
    let list = rows.filter(keep);
    if (order) {
      const col = columns.find((c) => c.key === order.key);
      const sign = order.dir === "asc" ? 1 : -1;
      const value = (row) => col.value(row) ?? -1; // undefined figures sort below every number
      list = list
        .map((row, i) => ({ row, i }))
        .sort((a, b) => {
          const x = value(a.row);
          const y = value(b.row);
          return (x < y ? -1 : x > y ? 1 : 0) * sign || a.i - b.i;
        })
        .map(({ row }) => row);
    }
    tbody.replaceChildren(
      ...list.map((row) => {
        const tr = h(
          "tr",
          { dataset: rowData(row) },
          columns.map((col) => {
            const content = col.cell(row);
            const attrs = { class: col.numeric ? "lab-num" : null, dataset: { col: col.key } };
            return col.header ? h("th", { scope: "row", ...attrs }, content) : h("td", attrs, content);
          }),
        );
        if (onRowClick) {
          tr.classList.add("lab-row--pick");
          tr.addEventListener("click", (event) => {
            if (!event.target.closest("button, a, input")) onRowClick(row);
          });
        }
        return tr;
      }),
    );
    return list.length;
  };

  drawHead();
  drawBody();
  return {
    node: tableWrap(labelledBy, table),
    redraw(filter) {
      keep = filter;
      return drawBody();
    },
  };
}

/** A titled box for one table. Not a landmark itself: the table's scroll box is one, under the same title. */
function card(id, title, ...children) {
  return h("div", { class: "card lab-card" }, h("h3", { id: `${id}-title`, text: title }), children);
}

/** The columns of the command line's table: records, flagged, precision, recall, f1, fp rate. */
function confusionTable(id, title, entries) {
  const columns = [
    { key: "name", label: title, header: true, cell: ([name]) => name },
    { key: "records", label: "records", numeric: true, cell: ([, r]) => String(r.records) },
    { key: "flagged", label: "flagged", numeric: true, cell: ([, r]) => String(r.flagged) },
    { key: "precision", label: "precision", numeric: true, cell: ([, r]) => percent(r.precision) },
    { key: "recall", label: "recall", numeric: true, cell: ([, r]) => percent(r.recall) },
    { key: "f1", label: "F1", numeric: true, cell: ([, r]) => percent(r.f1) },
    { key: "fpRate", label: "false-positive rate", numeric: true, cell: ([, r]) => percent(r.fpRate) },
  ];
  const rows = entries.map(([name, c]) => [name, rates(c)]);
  return dataTable({ id: `table-${id}`, labelledBy: `${id}-title`, columns, rows, rowData: ([name]) => ({ row: name }) }).node;
}

/** The per-person figures in the words of `redflag eval`, with the shares as the tables show them. */
function personList(evaluation) {
  const { named, warned } = personFigures(evaluation);
  return h(
    "ul",
    { class: "lab-people", id: "people-figures" },
    h("li", { dataset: { measure: "named" }, text: `offender named first: ${named.count} of ${named.of} (${named.share})` }),
    h("li", {
      dataset: { measure: "warned" },
      text: `warned (medium): ${warned.count} of ${warned.of} positives (${warned.share}), median ${warned.median} messages read`,
    }),
  );
}

function renderTables(evaluation) {
  const categories = [["any risk", evaluation.overall], ...Object.entries(evaluation.categories)];
  const counts = dataTable({
    id: "table-confusion",
    labelledBy: "confusion-title",
    columns: [
      { key: "name", label: "category", header: true, cell: ([name]) => name },
      { key: "tp", label: "true positives", numeric: true, cell: ([, c]) => String(c.tp) },
      { key: "fp", label: "false positives", numeric: true, cell: ([, c]) => String(c.fp) },
      { key: "fn", label: "misses (false negatives)", numeric: true, cell: ([, c]) => String(c.fn_) },
      { key: "tn", label: "true negatives", numeric: true, cell: ([, c]) => String(c.tn) },
    ],
    rows: categories,
    rowData: ([name]) => ({ row: name }),
  }).node;

  const positives = Math.max(evaluation.positives, 1);
  const signalRows = Object.entries(evaluation.signals).map(([id, f]) => ({ id, ...f, precision: ratio(f.positive, f.positive + f.negative), recall: f.positive / positives }));
  const signals = dataTable({
    id: "table-signals",
    labelledBy: "signals-title",
    sort: { key: "id", dir: "asc" },
    columns: [
      { key: "id", label: "signal", header: true, value: (r) => r.id, cell: (r) => pickButton(r.id, `Records where ${r.id} counted`, () => listFiring(r.id, null)) },
      { key: "positive", label: "positive records", numeric: true, value: (r) => r.positive, cell: (r) => String(r.positive) },
      { key: "negative", label: "negative records", numeric: true, value: (r) => r.negative, cell: (r) => String(r.negative) },
      { key: "precision", label: "precision", numeric: true, value: (r) => r.precision, cell: (r) => percent(r.precision) },
      { key: "recall", label: "recall", numeric: true, value: (r) => r.recall, cell: (r) => percent(r.recall) },
    ],
    rows: signalRows,
    rowData: (r) => ({ signal: r.id }),
    onRowClick: (r) => listFiring(r.id, null),
  });

  const patternRows = Object.entries(evaluation.patterns).map(([key, f]) => {
    const tab = key.indexOf("\t");
    return { key, signal: key.slice(0, tab), pattern: key.slice(tab + 1), ...f, precision: ratio(f.positive, f.positive + f.negative) };
  });
  const patterns = dataTable({
    id: "table-patterns",
    labelledBy: "patterns-title",
    sort: { key: "negative", dir: "desc" },
    columns: [
      { key: "signal", label: "signal", value: (r) => r.signal, cell: (r) => r.signal },
      {
        key: "pattern",
        label: "phrase or pattern",
        header: true,
        value: (r) => r.pattern,
        cell: (r) => pickButton(r.pattern, `Records where “${r.pattern}” (${r.signal}) fired`, () => listFiring(r.signal, r.pattern), "lab-pattern"),
      },
      { key: "positive", label: "positive records", numeric: true, value: (r) => r.positive, cell: (r) => String(r.positive) },
      { key: "negative", label: "negative records", numeric: true, value: (r) => r.negative, cell: (r) => String(r.negative) },
      { key: "precision", label: "precision", numeric: true, value: (r) => r.precision, cell: (r) => percent(r.precision) },
      {
        key: "edit",
        label: "pack file",
        sortable: false,
        cell: (r) => {
          const button = h("button", { type: "button", class: "button button--quiet button--small lab-goto", "aria-label": `Show “${r.pattern}” in its pack file`, text: "Show" });
          button.addEventListener("click", () => showDefinition(r.signal, r.pattern));
          return button;
        },
      },
    ],
    rows: patternRows,
    rowData: (r) => ({ signal: r.signal, pattern: r.pattern }),
    onRowClick: (r) => listFiring(r.signal, r.pattern),
  });
  const filter = h("input", { type: "search", id: "pattern-filter", autocomplete: "off", spellcheck: "false", "aria-describedby": "pattern-count" });
  const count = h("p", { id: "pattern-count", class: "field__hint", "aria-live": "polite" });
  const showCount = (n) => {
    count.textContent = `${n} of ${plural(patternRows.length, "phrase or pattern", "phrases and patterns")} that counted in a record.`;
  };
  filter.addEventListener("input", () => {
    const needle = filter.value.trim().toLowerCase();
    showCount(patterns.redraw((r) => !needle || r.signal.toLowerCase().includes(needle) || r.pattern.toLowerCase().includes(needle)));
  });
  showCount(patternRows.length);

  el.tables.replaceChildren(
    card("categories", "Overall and per category", confusionTable("categories", "category", categories)),
    card(
      "people",
      "Per person",
      h("p", {
        class: "field__hint",
        text: "Offender named first: of the positive records that name their offender, those flagged with the offender as the report's first person. Warned: of the positive records, those whose first person reached medium, and the median number of messages read until then.",
      }),
      personList(evaluation),
    ),
    card("confusion", "Counts", counts),
    card("labels", "By label", confusionTable("labels", "label", Object.entries(evaluation.labels))),
    card("sources", "By source", confusionTable("sources", "source", Object.entries(evaluation.sources))),
    card("langs", "By language", confusionTable("langs", "language", Object.entries(evaluation.langs))),
    card(
      "signals",
      "Signals",
      h("p", { class: "field__hint", text: "Records in which each signal counted. Recall: the share of all positive records. Select a signal to list its records." }),
      signals.node,
    ),
    card(
      "patterns",
      "Phrases and patterns",
      h("p", { class: "field__hint", text: "Records in which each phrase or pattern counted. Select one to list its records; “Show” opens it in the pack editor." }),
      h("div", { class: "lab-option lab-filter" }, h("label", { for: "pattern-filter", text: "Filter by signal or pattern" }), filter),
      count,
      patterns.node,
    ),
  );
}

function pickButton(text, label, onClick, className = "") {
  const button = h("button", { type: "button", class: `lab-pick-button ${className}`.trim(), "aria-label": label, text });
  button.addEventListener("click", onClick);
  return button;
}

// ---------------------------------------------------------------------------------------
// Drill-down: false positives, misses, changed records, and the records a pattern fired in.

function atLeast(level, threshold) {
  return LEVELS.indexOf(level ?? "none") >= LEVELS.indexOf(threshold);
}

function isPositive(record, category) {
  return category === "any" ? record.positive !== null : record.positive === category;
}

function isFlagged(record, category, threshold) {
  return category === "any" ? record.flagged : atLeast(record.report?.categories?.[category]?.level, threshold);
}

const recordKey = (r) => `${r.file}\n${r.line}`;

function renderDrillControls(evaluation) {
  const current = el.drillCategory.value || "any";
  const names = Object.keys(evaluation.categories);
  el.drillCategory.replaceChildren(h("option", { value: "any", text: "any risk" }), ...names.map((n) => h("option", { value: n, text: n })));
  el.drillCategory.value = names.includes(current) ? current : "any";
  if (state.drill.kind === "firing") {
    const fired = evaluation.patterns[`${state.drill.signal}\t${state.drill.pattern}`] || (state.drill.pattern === null && evaluation.signals[state.drill.signal]);
    if (!fired) setDrillKind("fp");
  }
  renderDrill();
}

function setDrillKind(kind) {
  state.drill = { ...state.drill, kind };
  for (const radio of document.querySelectorAll("input[name='drill-kind']")) radio.checked = radio.value === kind;
}

function listFiring(signal, pattern) {
  state.drill = { ...state.drill, kind: "firing", signal, pattern };
  for (const radio of document.querySelectorAll("input[name='drill-kind']")) radio.checked = false;
  renderDrill();
  el.drillListTitle.scrollIntoView({ block: "nearest" });
  el.drillList.querySelector("button")?.focus();
}

function firedIn(record, signal, pattern) {
  return (record.report?.signals ?? []).some((s) => s.id === signal && (s.matches ?? []).some((m) => m.counted && (pattern === null || m.pattern === pattern)));
}

/** The records the drill-down lists now, and its title. */
function drillRecords() {
  const { records, evaluation } = state.last;
  const { kind, signal, pattern } = state.drill;
  const category = el.drillCategory.value;
  const threshold = evaluation.threshold;
  const what = category === "any" ? "any risk" : category;
  if (kind === "firing") {
    const title = pattern === null ? `Records where ${signal} counted` : `Records where “${pattern}” (${signal}) counted`;
    return { title, list: records.filter((r) => firedIn(r, signal, pattern)) };
  }
  if (kind === "miss") {
    return { title: `Misses: ${what} positives not flagged`, list: records.filter((r) => isPositive(r, category) && !isFlagged(r, category, threshold)) };
  }
  if (kind === "changed") {
    if (!state.previous) return { title: "Changed since the last run: there is no earlier run", list: [] };
    const before = new Map(state.previous.records.map((r) => [recordKey(r), isFlagged(r, category, state.previous.evaluation.threshold)]));
    const list = records.filter((r) => before.has(recordKey(r)) && before.get(recordKey(r)) !== isFlagged(r, category, threshold));
    return { title: `Flagged for ${what} in one run but not the other`, list };
  }
  return { title: `False positives: ${what} flagged, not labelled so`, list: records.filter((r) => !isPositive(r, category) && isFlagged(r, category, threshold)) };
}

function renderDrill() {
  const { title, list } = drillRecords();
  el.drillListTitle.textContent = `${title} (${list.length})`;
  el.drillList.replaceChildren();
  el.conversation.hidden = true;
  el.conversation.replaceChildren();
  if (!list.length) {
    el.drillList.append(h("li", { class: "lab-records__none", text: "None." }));
    return;
  }
  let shown = 0;
  const more = h("li", { class: "lab-records__more" });
  const moreButton = h("button", { type: "button", class: "button button--quiet button--small" });
  more.append(moreButton);
  const showNext = () => {
    const next = list.slice(shown, shown + LIST_STEP);
    more.before(...next.map(recordItem));
    shown += next.length;
    more.hidden = shown >= list.length;
    moreButton.textContent = `Show ${Math.min(LIST_STEP, list.length - shown)} more`;
  };
  moreButton.addEventListener("click", () => {
    const first = shown;
    showNext();
    el.drillList.children[first]?.querySelector("button")?.focus();
  });
  el.drillList.append(more);
  showNext();
}

function recordItem(record) {
  const button = h(
    "button",
    { type: "button", class: "lab-record", dataset: { file: record.file, line: String(record.line) } },
    h("span", { class: "lab-record__id", text: idText(record.id) }),
    h("span", { class: "lab-record__meta", text: `${record.file}:${record.line} · label ${record.label ?? "none"} · risk ${record.risk}` }),
  );
  button.addEventListener("click", () => {
    for (const other of el.drillList.querySelectorAll("[aria-current]")) other.removeAttribute("aria-current");
    button.setAttribute("aria-current", "true");
    showRecord(record);
  });
  return h("li", {}, button);
}

/** Line `n` (from 1) of a corpus file, as the engine numbered it (split at "\n"). */
function corpusLine(source, n) {
  if (!source.starts) {
    const starts = [0];
    for (let i = source.text.indexOf("\n"); i !== -1; i = source.text.indexOf("\n", i + 1)) starts.push(i + 1);
    source.starts = starts;
  }
  const start = source.starts[n - 1];
  if (start === undefined) return null;
  const next = source.starts[n];
  return source.text.slice(start, next === undefined ? source.text.length : next - 1);
}

/** Every match in a report, in reading order, numbered from 1. */
function numberedMatches(report) {
  const all = [];
  for (const signal of report?.signals ?? []) {
    for (const m of signal.matches ?? []) all.push({ ...m, signal: signal.id });
  }
  all.sort((a, b) => a.message - b.message || a.start_utf16 - b.start_utf16 || a.end_utf16 - b.end_utf16);
  return all.map((m, i) => ({ ...m, n: i + 1 }));
}

/**
 * A message's text with each match in a <mark>, followed by the numbers of the matches it
 * holds. Where matches overlap, the overlap is one mark listing all of them.
 */
function highlighted(text, matches) {
  const len = text.length;
  const spans = matches
    .map((m) => ({ n: m.n, counted: m.counted, start: Math.max(0, Math.min(len, m.start_utf16 | 0)), end: Math.max(0, Math.min(len, m.end_utf16 | 0)) }))
    .filter((s) => s.end > s.start);
  const cuts = [...new Set([0, len, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const inside = spans.filter((s) => s.start <= cuts[i] && s.end >= cuts[i + 1]);
    const refs = inside.map((s) => s.n).join(",");
    const last = pieces[pieces.length - 1];
    if (last && last.refs === refs) last.end = cuts[i + 1];
    else pieces.push({ start: cuts[i], end: cuts[i + 1], refs, counted: inside.some((s) => s.counted) });
  }
  const frag = document.createDocumentFragment();
  for (const p of pieces) {
    const piece = text.slice(p.start, p.end);
    if (!p.refs) {
      frag.append(piece);
      continue;
    }
    frag.append(h("mark", { class: p.counted ? null : "lab-mark--uncounted", dataset: { refs: p.refs }, text: piece }), h("sup", { class: "lab-ref", text: p.refs }));
  }
  return frag;
}

function annotation(m) {
  return h(
    "li",
    { class: "lab-ann", dataset: { ref: String(m.n) } },
    h("span", { class: "lab-ann__n", text: String(m.n) }),
    " ",
    h("span", { class: "lab-ann__signal", text: m.signal }),
    " · ",
    h("code", { class: "lab-ann__pattern", text: m.pattern }),
    " · “",
    h("span", { class: "lab-ann__text", text: m.text }),
    "”",
    m.counted ? null : h("span", { class: "lab-ann__note", text: " (not counted: the young person's own words)" }),
  );
}

/** One judged person of a report: "jay_x high (messages 3–9, warned at 7)", numbered from 1. */
function personText({ speaker, risk, episode, warning_at: warningAt }) {
  const parts = [];
  if (episode) parts.push(episode.first === episode.last ? `message ${episode.first + 1}` : `messages ${episode.first + 1}–${episode.last + 1}`);
  if (warningAt !== null && warningAt !== undefined) parts.push(`warned at ${warningAt + 1}`);
  return `${speaker ?? "(no name)"} ${risk}${parts.length ? ` (${parts.join(", ")})` : ""}`;
}

function showRecord(record) {
  const source = state.last.corpus.get(record.file);
  const line = source ? corpusLine(source, record.line) : null;
  let parsed = null;
  try {
    parsed = line === null ? null : JSON.parse(line);
  } catch {
    parsed = null;
  }
  const heading = h("h4", { id: "conversation-title", text: `Record ${idText(record.id)}` });
  const categories = Object.entries(record.report?.categories ?? {}).map(([name, c]) => `${name} ${c.level} (${c.score})`);
  const people = (record.report?.people ?? []).map(personText);
  const meta = h(
    "p",
    { class: "lab-conversation__meta" },
    `${record.file}, line ${record.line} · label ${record.label ?? "none"} · risk ${record.risk}`,
    categories.length ? h("br") : null,
    categories.join(" · "),
    people.length ? h("br") : null,
    people.length ? `people, worst first: ${people.join(" · ")}` : null,
  );
  if (!parsed || !Array.isArray(parsed.messages)) {
    el.conversation.replaceChildren(heading, meta, h("p", { class: "notice notice--error", text: "This record could not be read back from its corpus file." }));
  } else {
    const matches = numberedMatches(record.report);
    const prefix = state.last.options.prefix;
    const items = [];
    parsed.messages.forEach((message, i) => {
      if (prefix !== null && i === prefix) items.push(h("li", { class: "lab-msg lab-msg--cut", text: `Not read: the messages after the first ${prefix}.` }));
      const own = matches.filter((m) => m.message === i);
      const text = typeof message?.text === "string" ? message.text : "";
      items.push(
        h(
          "li",
          { class: prefix !== null && i >= prefix ? "lab-msg lab-msg--unread" : "lab-msg", dataset: { message: String(i) } },
          h("p", { class: "lab-msg__text" }, h("span", { class: "lab-msg__speaker", text: `${message?.speaker ?? "?"}: ` }), highlighted(text, own)),
          own.length ? h("ul", { class: "lab-anns", "aria-label": "Matches in this message" }, own.map(annotation)) : null,
        ),
      );
    });
    el.conversation.replaceChildren(heading, meta, h("ol", { class: "lab-msgs", "aria-labelledby": "conversation-title" }, items));
  }
  el.conversation.hidden = false;
  el.conversation.focus();
}

// ---------------------------------------------------------------------------------------
// Wiring.

function bind() {
  el.builtin.addEventListener("click", () => {
    // The built-in packs replace the list: edits are dropped only on a second press.
    const edited = state.packs.filter((p) => p.text !== p.original).length;
    if (edited && !state.dropEdits) {
      state.dropEdits = true;
      el.loadStatus.textContent = `${plural(edited, "pack file")} in the list ${edited === 1 ? "has" : "have"} edits: export them first, or press “Use the built-in packs” again to drop them.`;
      return;
    }
    state.dropEdits = false;
    useBuiltinPacks();
  });
  el.packFiles.addEventListener("change", async () => {
    await addFiles(pickedFiles(el.packFiles), "packs");
    el.packFiles.value = "";
  });
  // From a folder, only its .toml files, as `redflag eval --pack DIR` reads them.
  el.packFolder.addEventListener("change", async () => {
    await addFiles(pickedFiles(el.packFolder, PACK_FILE), "packs");
    el.packFolder.value = "";
  });
  el.corpusFiles.addEventListener("change", async () => {
    await addFiles(pickedFiles(el.corpusFiles), "corpus");
    el.corpusFiles.value = "";
  });
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  document.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    el.drop.classList.add("lab-drop--active");
  });
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) el.drop.classList.remove("lab-drop--active");
  });
  document.addEventListener("drop", async (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    el.drop.classList.remove("lab-drop--active");
    // The entries must be taken now: the drop's item list is emptied when the event ends.
    const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
    const files = entries.length ? await droppedFiles(entries) : [...event.dataTransfer.files].map((file) => ({ file, name: file.name }));
    await addFiles(files, "auto");
  });

  el.run.addEventListener("click", run);
  el.rerun.addEventListener("click", run);
  el.cancel.addEventListener("click", cancel);
  el.editorFile.addEventListener("change", () => selectEditorFile(el.editorFile.value));
  el.editor.addEventListener("input", onEditorInput);
  el.editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  el.goto.addEventListener("click", () => {
    const n = Number(el.gotoLine.value);
    if (Number.isInteger(n) && n >= 1) selectLine(n);
  });
  el.gotoLine.addEventListener("keydown", (event) => {
    if (event.key === "Enter") el.goto.click();
  });
  el.exportPack.addEventListener("click", exportPack);
  el.revert.addEventListener("click", revertPack);
  el.exportFigures.addEventListener("click", () => {
    if (state.last) download("redflag-eval.json", `${JSON.stringify(state.last.evaluation, null, 2)}\n`, "application/json");
  });
  el.drillCategory.addEventListener("change", () => {
    if (state.drill.kind === "firing") setDrillKind("fp");
    renderDrill();
  });
  for (const radio of document.querySelectorAll("input[name='drill-kind']")) {
    radio.addEventListener("change", () => {
      setDrillKind(radio.value);
      renderDrill();
    });
  }
}

async function start() {
  bind();
  renderFiles();
  renderEditor();
  let ready = "true";
  try {
    const worker = engine();
    await worker.ready;
    if (!worker.features.evaluate) {
      ready = "failed";
      showError("This engine cannot evaluate", ["The WebAssembly module has no evaluate(): rebuild it (make wasm)."]);
    }
  } catch (err) {
    ready = "failed";
    showError("The engine could not start", [messageOf(err)]);
  }
  el.root.dataset.ready = ready;
}

start();
