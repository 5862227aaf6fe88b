// The screening page: reads the chat, asks the worker to scan it, explains the result.
//
// Privacy rules this file keeps: no storage of any kind, no network after start-up (the
// worker and the wasm engine are loaded once, at start), and user text only ever goes into
// the page as text nodes, never through innerHTML.

import { COUNTRIES, LANGS, hasString, pickCountry, pickLang, t } from "./i18n.js";
import { h } from "./dom.js";
import { Cancelled, Engine } from "./engine-client.js";
import { startEmbedded, tellPartnerExit } from "./embed.js";

const MAX_FILE_BYTES = 25 * 1024 * 1024;
// Longer texts are kept aside instead of being put in the box: a browser text box with
// megabytes in it freezes the page for seconds on every paste, scroll and keystroke.
const BIG_TEXT = 100_000;
const PREVIEW_LINES = 8;
const BUSY_DELAY_MS = 200;
const QUOTES_SHOWN = 3; // flagged messages shown per signal before "show more"
const QUOTES_STEP = 20;
const TIMELINE_SHOWN = 12; // timeline rows shown before "show all"
const ALSO_NAMED = 5; // other people named in the verdict at most
// Sub-types sent to thousands at once: nobody in them knows the young person, so the page
// names no one (a pasted mail's "From:" or "Subject:" line would read as a name).
const MASS_MESSAGES = new Set(["scam_mail"]);
const LONG_MESSAGE = 600; // longer messages are shown as excerpts around the matches
const CONTEXT = 120;
const CATEGORIES = ["sextortion", "grooming", "exploitation", "exposure"];
const LEVELS = ["none", "low", "medium", "high"];

// Shown only when the engine cannot give its helpline list (for instance if it failed to load).
const FALLBACK_HELPLINES = {
  BE: [{ name: "Child Focus", kind: "talk", phone: "116 000", tel: "116000", web: "https://childfocus.be", free: true, hours: "24/7" }],
  ANY: [{ name: "112", kind: "emergency", phone: "112", tel: "112", free: true }],
};

const $ = (id) => document.getElementById(id);
const el = {
  root: document.documentElement,
  quickExit: $("quick-exit"),
  lang: $("lang"),
  country: $("country"),
  form: $("chat"),
  input: $("input"),
  big: $("big"),
  bigMeta: $("big-meta"),
  bigPreview: $("big-preview"),
  bigHint: $("big-hint"),
  bigRemove: $("big-remove"),
  inputStatus: $("input-status"),
  file: $("file"),
  dropzone: $("dropzone"),
  selfField: $("self-field"),
  self: $("self"),
  check: $("check"),
  clear: $("clear"),
  busy: $("busy"),
  elapsed: $("elapsed"),
  cancel: $("cancel"),
  error: $("error"),
  aside: $("aside-helplines"),
  layout: document.querySelector(".layout"),
  result: $("result"),
  verdict: $("verdict"),
  resultBody: $("result-body"),
  announcer: $("announcer"),
};

const state = {
  lang: "en",
  country: "BE",
  run: 0, // increases with every scan and every cancel; stale answers are dropped
  busy: false,
  busyTimer: 0,
  tickTimer: 0,
  startedAt: 0,
  engineFailed: false,
  report: null,
  messages: {},
  speakers: [],
  big: null, // { text, bytes, name, lines } for a long pasted chat or an export file
  scannedText: null,
  scannedSelf: "",
  stale: false,
  helplines: { country: [], int: [] },
  helplinesFromEngine: false,
};

// ---------------------------------------------------------------------------------------
// Quick exit: first thing wired up, so it works even if the rest fails.

function quickExit(event) {
  if (event) event.preventDefault();
  try {
    el.input.value = "";
    state.big = null;
  } catch {
    /* leave anyway */
  }
  // Inside a partner's page, that page leaves too: a frame may not navigate the page around
  // it (Escape does not count as a user action), but the page can, on this message.
  tellPartnerExit();
  location.replace("exit.html");
}

el.quickExit.addEventListener("click", quickExit);
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key === "Escape" || event.key === "Esc") quickExit(event);
  },
  true,
);

// ---------------------------------------------------------------------------------------
// Small helpers (h() builds DOM nodes from text only: see dom.js).

const tr = (key, vars) => t(state.lang, key, vars);

function announce(text) {
  // Clearing first makes screen readers repeat a message that is the same as the last one.
  el.announcer.textContent = "";
  setTimeout(() => {
    el.announcer.textContent = text;
  }, 30);
}

// ---------------------------------------------------------------------------------------
// The engine worker. One active worker and one spare, both loaded at start-up, so that
// "Stop" can throw the busy one away and carry on at once without loading anything.

const engines = { active: null, spare: null };

function spawnSpare() {
  const spare = new Engine();
  engines.spare = spare;
  spare.ready.catch(() => {
    if (engines.spare === spare) engines.spare = null;
  });
}

/** Throws the active worker away (it may be busy or broken) and switches to the spare. */
function replaceActive() {
  if (engines.active && !engines.active.dead) engines.active.terminate();
  engines.active = engines.spare && !engines.spare.dead ? engines.spare : new Engine();
  engines.spare = null;
  // A new spare means loading the worker again: done only after a Stop or a crash.
  spawnSpare();
}

// ---------------------------------------------------------------------------------------
// Language and country.

/** The entry of `allowed` that `value` names, in any letter case; null for anything else. */
function pick(value, allowed) {
  if (typeof value !== "string") return null;
  return allowed.find((entry) => entry.toLowerCase() === value.toLowerCase()) ?? null;
}

function paramFrom(name, allowed) {
  return pick(new URLSearchParams(location.search).get(name), allowed);
}

/** Language and country sent by the partner's page around the embedded page (embed.js). */
function applyPartnerSettings({ lang, country }) {
  const newCountry = pick(country, COUNTRIES);
  if (newCountry && newCountry !== state.country) {
    el.country.value = newCountry;
    setCountry(newCountry);
  }
  const newLang = pick(lang, LANGS);
  if (newLang && newLang !== state.lang) setLanguage(newLang);
}

function updateUrl() {
  const url = new URL(location.href);
  url.searchParams.set("lang", state.lang);
  url.searchParams.set("country", state.country);
  history.replaceState(null, "", url);
}

function applyStrings() {
  el.root.lang = state.lang;
  document.title = tr("title");
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = tr(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of node.dataset.i18nAttr.split(",")) {
      const [attr, key] = pair.split(":");
      node.setAttribute(attr.trim(), tr(key.trim()));
    }
  }
  el.lang.value = state.lang;
  const options = COUNTRIES.map((code) => h("option", { value: code, text: tr(`country_${code}`) }));
  el.country.replaceChildren(...options);
  el.country.value = state.country;
  if (state.busy) tick();
  if (state.big) renderBig();
}

async function setLanguage(lang) {
  state.lang = lang;
  updateUrl();
  applyStrings();
  await loadHelplines();
  renderAside();
  if (state.report) {
    renderResult();
    // Explanations come from the engine in the UI language: ask again in the new one.
    if (state.scannedText !== null && !state.busy) runScan(state.scannedText, state.scannedSelf, { rescan: true });
  }
}

async function setCountry(country) {
  state.country = country;
  updateUrl();
  await loadHelplines();
  renderAside();
  if (state.report) renderResult();
}

// ---------------------------------------------------------------------------------------
// Helplines.

async function loadHelplines() {
  const wanted = { country: state.country, lang: state.lang };
  let list = null;
  try {
    const engine = engines.active;
    await engine.ready;
    if (engine.features.helplines) {
      const answer = await engine.request({ type: "helplines", ...wanted });
      list = { country: answer.country ?? [], int: answer.int ?? [] };
    }
  } catch {
    list = null;
  }
  if (wanted.country !== state.country || wanted.lang !== state.lang) return;
  state.helplinesFromEngine = list !== null;
  state.helplines = list ?? {
    country: FALLBACK_HELPLINES[state.country] ?? [],
    int: FALLBACK_HELPLINES.ANY,
  };
}

function hostOf(url) {
  try {
    return new URL(url).host.replace(/^www\./, "");
  } catch {
    return url;
  }
}

function helplinesOf(kind, { categories = null, withInt = false } = {}) {
  const seen = new Set();
  const out = [];
  const pool = [...state.helplines.country, ...(withInt ? state.helplines.int : [])];
  for (const service of pool) {
    if (!service || service.kind !== kind) continue;
    if (categories && categories.length && Array.isArray(service.topics) && service.topics.length) {
      if (!service.topics.some((topic) => categories.includes(topic))) continue;
    }
    const key = `${service.name}|${service.tel ?? ""}|${service.web ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(service);
  }
  return out;
}

function noteOf(service) {
  const note = service.note;
  if (!note) return "";
  if (typeof note === "string") return note;
  return note[state.lang] ?? note.en ?? "";
}

function helplineItem(service, { compact = false } = {}) {
  const tags = [];
  if (service.free) tags.push(h("li", { class: "tag", text: tr("free") }));
  if (service.hours) tags.push(h("li", { class: "tag", text: service.hours }));
  const links = [];
  if (service.tel && service.phone) {
    links.push(
      h("a", { class: "call", href: `tel:${String(service.tel).replace(/[^0-9+]/g, "")}` }, tr("call", { phone: service.phone })),
    );
  }
  if (service.web && /^https?:\/\//.test(service.web) && !compact) {
    links.push(
      h(
        "a",
        { class: "web", href: service.web, target: "_blank", rel: "noopener noreferrer" },
        tr("website", { host: hostOf(service.web) }),
        h("span", { class: "visually-hidden", text: ` ${tr("newTab")}` }),
      ),
    );
  }
  const note = noteOf(service);
  return h(
    "li",
    { class: `helpline helpline--${service.kind}` },
    h("p", { class: "helpline__name", text: service.name }),
    note && !compact ? h("p", { class: "helpline__note", text: note }) : null,
    tags.length ? h("ul", { class: "tags" }, tags) : null,
    links.length ? h("p", { class: "helpline__links" }, links) : null,
  );
}

function helplineGroup(kind, services, headingLevel = "h4") {
  if (!services.length) return null;
  return h(
    "div",
    { class: `helplines helplines--${kind}` },
    h(headingLevel, { class: "helplines__title", text: tr(`kind_${kind}`) }),
    h("ul", { class: "helplines__list" }, services.map((s) => helplineItem(s))),
  );
}

function renderAside() {
  const talk = helplinesOf("talk").slice(0, 2);
  const emergency = helplinesOf("emergency", { withInt: talk.length === 0 }).slice(-1);
  const items = [...talk, ...emergency].map((s) => helplineItem(s, { compact: talk.length > 0 && s.kind !== "talk" }));
  const nodes = [];
  if (items.length) nodes.push(h("ul", { class: "helplines__list" }, items));
  if (!state.helplinesFromEngine && !items.length) nodes.push(h("p", { text: tr("helplinesMissing") }));
  el.aside.replaceChildren(...nodes);
}

// ---------------------------------------------------------------------------------------
// Busy state.

function tick() {
  const seconds = Math.floor((performance.now() - state.startedAt) / 1000);
  el.elapsed.textContent = `(${tr("elapsed", { n: seconds })})`;
}

function setBusy(busy) {
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

function cancelScan() {
  if (!state.busy) return;
  const busyHadFocus = el.busy.contains(document.activeElement);
  state.run++;
  setBusy(false);
  replaceActive();
  announce(tr("cancelled"));
  if (busyHadFocus) el.check.focus();
}

// ---------------------------------------------------------------------------------------
// Errors.

function showError(message, { details = null } = {}) {
  const children = [h("p", { class: "notice__title", text: tr("errorTitle") }), h("p", { text: message })];
  if (details) children.push(h("p", { class: "notice__details", text: tr("errorDetails", { msg: details }) }));
  el.error.replaceChildren(...children);
  el.error.hidden = false;
}

function hideError() {
  el.error.hidden = true;
  el.error.replaceChildren();
}

// ---------------------------------------------------------------------------------------
// Scanning.

async function runScan(text, self, { rescan = false } = {}) {
  if (state.engineFailed) {
    showError(tr("engineFailed"));
    return;
  }
  const run = ++state.run;
  hideError();
  setBusy(true);
  try {
    let engine = engines.active;
    if (!engine || engine.dead) {
      replaceActive();
      engine = engines.active;
    }
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
    showError(tr(fromFile ? "fileNotChat" : "errorText"), { details: err && err.message ? err.message : String(err) });
  }
}

function onSubmit(event) {
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

function clearAll() {
  if (state.busy) {
    state.run++;
    setBusy(false);
    replaceActive();
  }
  removeBigInput({ focus: false, speak: false });
  el.input.value = "";
  el.inputStatus.textContent = "";
  state.report = null;
  state.messages = {};
  state.speakers = [];
  state.scannedText = null;
  state.scannedSelf = "";
  state.stale = false;
  updateSelfOptions();
  hideError();
  el.verdict.replaceChildren();
  delete el.verdict.dataset.risk;
  el.resultBody.replaceChildren();
  el.resultBody.hidden = true;
  el.result.removeAttribute("data-stale");
  delete el.layout.dataset.hasResult;
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

// ---------------------------------------------------------------------------------------
// Long chats.

/** What to check: the long chat or export file kept aside, or the text in the box. */
function currentInput() {
  if (state.big) return state.big.text ?? state.big.bytes;
  return el.input.value;
}

function isEmpty(input) {
  return typeof input === "string" ? !input.trim() : !input || input.length === 0;
}

function countLines(text) {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

function renderBig() {
  const { text, bytes, name, lines } = state.big;
  const fmt = new Intl.NumberFormat(state.lang);
  const mb = new Intl.NumberFormat(state.lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  const size = text !== null ? text.length : bytes.length;
  el.bigMeta.textContent = tr("bigMeta", {
    name,
    lines: lines === null ? null : fmt.format(lines),
    mb: mb.format(Math.max(size / 1024 / 1024, 0.1)),
  });
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
function setBigInput({ text = null, bytes = null, name = null }) {
  state.big = { text, bytes, name, lines: text === null ? null : countLines(text) };
  el.input.value = "";
  el.input.hidden = true;
  el.big.hidden = false;
  renderBig();
  markStale();
}

function removeBigInput({ focus = true, speak = true } = {}) {
  if (!state.big) return;
  state.big = null;
  el.big.hidden = true;
  el.bigPreview.textContent = "";
  el.input.hidden = false;
  markStale();
  if (speak) announce(tr("bigRemoved"));
  if (focus) el.input.focus();
}

function onPaste(event) {
  const text = event.clipboardData?.getData("text/plain") ?? "";
  if (text.length < BIG_TEXT) return;
  event.preventDefault();
  setBigInput({ text });
  el.inputStatus.textContent = "";
  el.bigRemove.focus();
}

// ---------------------------------------------------------------------------------------
// Files.

// Plain text goes into the box; export files (a WhatsApp .zip, the JSON of Discord,
// Telegram, Instagram, Messenger or Snapchat) go to the engine as bytes, which reads them.
const TEXT_FILE = /\.(txt|text)$/i;

async function loadFile(file) {
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    el.inputStatus.textContent = tr("fileTooBig", { mb: Math.round(MAX_FILE_BYTES / 1024 / 1024) });
    return;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    el.inputStatus.textContent = tr("fileNotText");
    return;
  }
  if (!TEXT_FILE.test(file.name) && !file.type.startsWith("text/")) {
    setBigInput({ bytes, name: file.name });
    el.inputStatus.textContent = tr("fileLoaded", { name: file.name });
    return;
  }
  let text = null;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  if (text === null || text.includes("\u0000")) {
    el.inputStatus.textContent = tr("fileNotText");
    return;
  }
  if (text.length >= BIG_TEXT) {
    setBigInput({ text, name: file.name });
  } else {
    removeBigInput({ focus: false, speak: false });
    el.input.value = text;
    markStale();
  }
  el.inputStatus.textContent = tr("fileLoaded", { name: file.name });
}

function markStale() {
  if (!state.report) return;
  const stale = currentInput() !== state.scannedText;
  if (stale === state.stale) return;
  state.stale = stale;
  renderStale();
}

// ---------------------------------------------------------------------------------------
// The result.

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
  const category = signal.category ?? String(signal.id ?? "").split(".")[0];
  return h(
    "li",
    { class: "signal", dataset: { category, signal: signal.id ?? "" } },
    h("p", { class: "signal__category", text: tr(`category_${category}`) }),
    h("p", { class: "signal__explanation", text: signal.explanation ?? "" }),
    list,
    more,
  );
}

/** A message time from the engine ("2026-11-23T21:14", or UTC ending in "Z") in the reader's language. */
function timeNode(time, className) {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return h("span", { class: className, text: time });
  const text = new Intl.DateTimeFormat(state.lang, { dateStyle: "medium", timeStyle: "short" }).format(date);
  return h("time", { class: className, datetime: time, text });
}

/** A signal's short name; its explanation for signals the page has no name for (custom packs). */
function signalName(signal) {
  const key = `signal_${signal.id}`;
  const name = tr(key);
  return name === key ? (signal.explanation ?? String(signal.id)) : name;
}

function inEpisode(episode, index) {
  return Boolean(episode) && index >= episode.first && index <= episode.last;
}

function timelineRow(index, message, names, episode) {
  return h(
    "li",
    { class: inEpisode(episode, index) ? "timeline__item timeline__item--episode" : "timeline__item", dataset: { message: String(index) } },
    h(
      "p",
      { class: "timeline__meta" },
      message.time ? timeNode(message.time, "timeline__time") : h("span", { class: "timeline__time", text: tr("messageN", { n: index + 1 }) }),
      message.speaker ? h("span", { class: "timeline__speaker", text: message.speaker }) : null,
    ),
    h("ul", { class: "timeline__signals" }, [...names].map(([name, category]) => h("li", { class: "timeline__signal", dataset: { category }, text: name }))),
  );
}

/**
 * What each person the engine found at low or above wrote that counted for a risk, in chat
 * order: { person, moments: [{ index, message, names: Map(name -> category) }] }, people worst
 * first as the engine ranks them. For a person with warning signs (medium or high), all of it,
 * so that a threat after their worst episode still shows; for the others, their worst episode.
 */
function momentsByPerson(signals) {
  const people = (state.report.people ?? []).filter((person) => isNotable(person.risk));
  const groups = new Map(people.map((person) => [person.speaker ?? null, { person, byMessage: new Map() }]));
  for (const signal of signals) {
    const category = signal.category ?? String(signal.id ?? "").split(".")[0];
    if (!CATEGORIES.includes(category)) continue;
    for (const m of signal.matches ?? []) {
      const group = groups.get(m.speaker ?? null);
      if (!group || m.counted === false || !Number.isInteger(m.message)) continue;
      if (!isSerious(group.person.risk) && !inEpisode(group.person.episode, m.message)) continue;
      if (!group.byMessage.has(m.message)) group.byMessage.set(m.message, { index: m.message, message: state.messages[m.message] ?? m, names: new Map() });
      group.byMessage.get(m.message).names.set(signalName(signal), category);
    }
  }
  return [...groups.values()]
    .map(({ person, byMessage }) => ({ person, moments: [...byMessage.values()].sort((a, b) => a.index - b.index) }))
    .filter(({ moments }) => moments.length);
}

/** When a person's worst episode was: its dates where the chat has times, else its message numbers. */
function episodeWhen(episode) {
  return episodeDates(episode) ?? tr("messageRange", { first: episode.first + 1, last: episode.last + 1 });
}

/** "3–9 March" (with the year when it is not this year), in the page's language; null without times. */
function episodeDates({ first_time: firstTime, last_time: lastTime }) {
  const first = new Date(firstTime ?? "");
  const last = new Date(lastTime ?? firstTime ?? "");
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime())) return null;
  const thisYear = new Date().getFullYear();
  const options = { day: "numeric", month: "long" };
  if (first.getFullYear() !== thisYear || last.getFullYear() !== thisYear) options.year = "numeric";
  return new Intl.DateTimeFormat(state.lang, options).formatRange(first, last);
}

/** A person's part of the timeline: their name, how worrying the engine found them, and their moments. */
function personTimeline({ person, moments }) {
  const { speaker, risk, episode } = person;
  return h(
    "li",
    { class: "timeline__person", dataset: { speaker: speaker ?? "", risk } },
    h(
      "h4",
      { class: "timeline__who" },
      h("span", { class: "timeline__name", text: speaker ?? tr("personUnnamed") }),
      h("span", { class: "tag timeline__risk", dataset: { risk }, text: tr(`person_${risk}`) }),
    ),
    episode ? h("p", { class: "timeline__worst", text: tr("timelineWorst", { when: episodeWhen(episode) }) }) : null,
    timelineList(moments, episode),
  );
}

function timelineList(moments, episode = null) {
  return h("ol", { class: "timeline__list" }, moments.map(({ index, message, names }) => timelineRow(index, message, names, episode)));
}

/**
 * The flagged messages, person by person (worst first, as the engine ranks them) and in chat
 * order within each, with the names of what was found, so that a young person can see who
 * took which steps (first contact, secrecy, photos, threats) one after another. Null when
 * nobody the engine found at low or above wrote any.
 */
function timelineSection(signals) {
  const people = momentsByPerson(signals);
  if (!people.length) return null;
  // A mass mail has nobody behind it to name (see MASS_MESSAGES): one list, in chat order.
  const byPerson = !MASS_MESSAGES.has(state.report.subtype);
  const list = byPerson
    ? h("ul", { class: "timeline__people" }, people.map(personTimeline))
    : timelineList(people.flatMap(({ moments }) => moments).sort((a, b) => a.index - b.index));
  const rows = [...list.querySelectorAll(".timeline__item")];
  const hideFrom = (shown) => {
    rows.forEach((row, i) => (row.hidden = i >= shown));
    for (const person of list.querySelectorAll(".timeline__person")) person.hidden = [...person.querySelectorAll(".timeline__item")].every((row) => row.hidden);
  };
  hideFrom(TIMELINE_SHOWN);
  let more = null;
  if (rows.length > TIMELINE_SHOWN) {
    more = h("button", { type: "button", class: "button button--quiet button--small timeline__more", text: tr("timelineAll", { n: rows.length }) });
    more.addEventListener("click", () => {
      hideFrom(rows.length);
      const first = rows[TIMELINE_SHOWN];
      first.setAttribute("tabindex", "-1");
      first.focus();
      more.remove();
    });
  }
  return h(
    "section",
    { class: "card timeline", "aria-labelledby": "timeline-title" },
    h("h3", { id: "timeline-title", text: tr("timelineTitle") }),
    h("p", { class: "timeline__hint", text: tr("timelineHint") }),
    list,
    more,
  );
}

function levelOf(name) {
  const level = state.report?.categories?.[name]?.level;
  return LEVELS.includes(level) ? level : "none";
}

/** Whether the engine found something in a person's messages at all (low or above). */
function isNotable(level) {
  return isSerious(level) || level === "low";
}

/** Whether a level calls for the full advice (medium or high). */
function isSerious(level) {
  return level === "medium" || level === "high";
}

/** The categories at medium or high: the engine's deciding one (`kind`) first, then by score. */
function flaggedCategories() {
  const { kind, categories } = state.report;
  const score = (c) => categories[c].score ?? 0;
  return CATEGORIES.filter((c) => isSerious(levelOf(c))).sort((a, b) => (b === kind) - (a === kind) || score(b) - score(a));
}

/**
 * Which advice a category gets: its sub-type's own (such as "sextortion_scam_mail") when it is
 * the deciding category and the engine named a sub-type the page has advice for; else its own.
 */
function adviceFor(category) {
  const { kind, subtype } = state.report;
  const special = `${category}_${subtype}`;
  return category === kind && subtype && hasString(`steps_${special}`) ? special : category;
}

/** Where the advice can send a young person to report: the first reporting service for `category`. */
function reportServiceFor(category) {
  return helplinesOf("report", { categories: [category] })[0]?.name ?? null;
}

function stepsBlock(category) {
  const advice = adviceFor(category);
  const lines = tr(`steps_${advice}`, { report: reportServiceFor(category), section: tr("kind_report") });
  return h(
    "div",
    { class: "steps__block", dataset: { category, advice } },
    h("h4", { text: tr(`steps_${advice}_title`) }),
    h("ol", { class: "steps__list" }, lines.map((line) => h("li", { text: line }))),
  );
}

function stepsSection(risk, categories) {
  const blocks = isSerious(risk) ? categories.map(stepsBlock) : [];
  if (!blocks.length) {
    blocks.push(
      h(
        "div",
        { class: "steps__block" },
        h("h4", { text: tr("steps_calm_title") }),
        h("ul", { class: "steps__list" }, tr("steps_calm").map((line) => h("li", { text: line }))),
      ),
    );
  }
  return h(
    "section",
    { class: "card steps", "aria-labelledby": "steps-title" },
    h("h3", { id: "steps-title", text: tr("stepsTitle") }),
    blocks,
    isSerious(risk) ? h("p", { class: "steps__fault", text: tr("notYourFault") }) : null,
  );
}

function helpSection(risk, categories) {
  const serious = isSerious(risk);
  const groups = [helplineGroup("talk", helplinesOf("talk"))];
  if (serious) {
    // A scam mail's video does not exist: nothing to take down.
    const imageRisk = categories.includes("exposure") || (categories.includes("sextortion") && adviceFor("sextortion") === "sextortion");
    if (imageRisk) groups.push(helplineGroup("remove", helplinesOf("remove", { withInt: true })));
    groups.push(helplineGroup("report", helplinesOf("report", { categories })));
  }
  groups.push(helplineGroup("emergency", helplinesOf("emergency", { withInt: state.helplines.country.length === 0 })));
  const present = groups.filter(Boolean);
  if (!present.length) present.push(h("p", { text: tr("helplinesMissing") }));
  return h(
    "section",
    { class: "card help", "aria-labelledby": "help-title" },
    h("h3", { id: "help-title", text: serious ? tr("helpTitleUrgent") : tr("helpTitle") }),
    present,
  );
}

/** The verdict's words: the sub-type's own where it has them (a known scam mail), else the risk's. */
function verdictText(risk) {
  const { kind } = state.report;
  const special = kind ? `verdict_${adviceFor(kind)}` : null;
  return special && hasString(special) ? tr(special) : tr(`risk_${risk}_text`);
}

/** Whom and when the verdict is about: the engine's first person (the worst) and their worst episode. */
function whoLine([person]) {
  if (!person?.episode) return null;
  const when = episodeWhen(person.episode);
  const text = person.speaker ? tr("verdictWho", { name: person.speaker, when }) : tr("verdictWhen", { when });
  return h("p", { class: "verdict__who", text });
}

/** The other people the engine found at low or above, named briefly. */
function alsoLine([, ...others]) {
  const names = others.filter((p) => p.speaker && isNotable(p.risk)).map((p) => p.speaker);
  if (!names.length) return null;
  const shown = names.slice(0, ALSO_NAMED).join(", ");
  const more = names.length > ALSO_NAMED ? ` (+${names.length - ALSO_NAMED})` : "";
  return h("p", { class: "verdict__also", text: tr("verdictAlso", { names: `${shown}${more}` }) });
}

function renderStale() {
  const existing = el.resultBody.querySelector(".stale");
  if (state.stale) {
    el.result.dataset.stale = "true";
    if (!existing) el.resultBody.prepend(h("p", { class: "notice notice--info stale", text: tr("stale") }));
  } else {
    el.result.removeAttribute("data-stale");
    if (existing) existing.remove();
  }
}

function renderResult({ announce: speak = true } = {}) {
  const report = state.report;
  if (!report) return;
  const risk = LEVELS.includes(report.risk) ? report.risk : "none";
  const categories = flaggedCategories();

  const firstTalk = helplinesOf("talk").find((s) => s.tel && s.phone);
  const serious = isSerious(risk);
  const named = serious && !MASS_MESSAGES.has(report.subtype);
  const verdict = [
    h("p", { class: "verdict__title", text: tr(`risk_${risk}_title`) }),
    h("p", { class: "verdict__text", text: verdictText(risk) }),
    named ? whoLine(report.people ?? []) : null,
    named ? alsoLine(report.people ?? []) : null,
    serious && firstTalk
      ? h(
          "p",
          { class: "verdict__call" },
          h("span", { text: tr("talkNow") }),
          h("a", { class: "call", href: `tel:${String(firstTalk.tel).replace(/[^0-9+]/g, "")}` }, tr("callNamed", { name: firstTalk.name, phone: firstTalk.phone })),
        )
      : null,
    Number.isInteger(report.messages) ? h("p", { class: "verdict__meta", text: tr("checkedCount", { n: report.messages }) }) : null,
  ].filter(Boolean);
  el.verdict.dataset.risk = risk;
  if (speak) {
    el.verdict.replaceChildren();
    // Let the empty live region settle so the new verdict is announced as a change.
    requestAnimationFrame(() => el.verdict.replaceChildren(...verdict));
  } else {
    el.verdict.replaceChildren(...verdict);
  }

  const body = [];
  const signals = (report.signals ?? []).filter(
    (s) => (s.score ?? 0) > 0 && (s.matches ?? []).some((m) => m.counted !== false),
  );
  if (signals.length) {
    body.push(
      h(
        "section",
        { class: "card signals", "aria-labelledby": "signals-title" },
        h("h3", { id: "signals-title", text: tr("signalsTitle") }),
        h("p", { class: "signals__hint", text: tr("signalsHint") }),
        h("ol", { class: "signals__list" }, signals.map(signalCard)),
      ),
    );
  }
  const timeline = timelineSection(report.signals ?? []);
  if (timeline) body.push(timeline);
  body.push(stepsSection(risk, categories));
  body.push(helpSection(risk, categories));
  el.resultBody.replaceChildren(...body);
  el.resultBody.hidden = false;
  renderStale();
  el.layout.dataset.hasResult = "true";
  el.result.dataset.scans = String(Number(el.result.dataset.scans ?? 0) + 1);
  if (speak) {
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    requestAnimationFrame(() => el.result.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" }));
  }
}

// ---------------------------------------------------------------------------------------
// Wiring.

function bind() {
  el.form.addEventListener("submit", onSubmit);
  el.check.addEventListener("click", (event) => {
    if (state.busy) event.preventDefault();
  });
  el.clear.addEventListener("click", clearAll);
  el.cancel.addEventListener("click", cancelScan);
  el.input.addEventListener("input", markStale);
  el.input.addEventListener("paste", onPaste);
  el.bigRemove.addEventListener("click", () => removeBigInput());
  el.lang.addEventListener("change", () => setLanguage(el.lang.value));
  el.country.addEventListener("change", () => setCountry(el.country.value));
  el.self.addEventListener("change", () => {
    if (state.scannedText !== null && !state.busy) runScan(state.scannedText, el.self.value);
  });
  el.file.addEventListener("change", async () => {
    const [file] = el.file.files;
    await loadFile(file);
    el.file.value = "";
  });
  // Dropping a file anywhere loads it (and keeps the browser from opening it instead).
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  document.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    el.dropzone.classList.add("dropzone--active");
  });
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) el.dropzone.classList.remove("dropzone--active");
  });
  document.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    el.dropzone.classList.remove("dropzone--active");
    loadFile(event.dataTransfer.files[0]);
  });
}

async function start() {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language ?? "en"];
  state.lang = paramFrom("lang", LANGS) ?? pickLang(preferred);
  state.country = paramFrom("country", COUNTRIES) ?? pickCountry(preferred);
  applyStrings();
  bind();

  engines.active = new Engine();
  spawnSpare();
  startEmbedded({ onSettings: applyPartnerSettings });
  try {
    await engines.active.ready;
  } catch (err) {
    state.engineFailed = true;
    showError(tr("engineFailed"), { details: err && err.message ? err.message : String(err) });
  }
  await loadHelplines();
  renderAside();
  if (engines.spare) await engines.spare.ready.catch(() => {});
  el.root.dataset.ready = state.engineFailed ? "failed" : "true";
}

start();
