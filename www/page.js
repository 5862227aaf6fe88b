// The page's shared parts: its elements, what it holds while open, and two small helpers
// (strings in the page's language, and telling screen readers about a change).
//
// Privacy rules every module of the page keeps: no storage of any kind, no network after
// start-up (the worker and the wasm engine are loaded once, at start), and user text only ever
// goes into the page as text nodes (dom.js), never through innerHTML.

import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

export const el = {
  root: document.documentElement,
  // The top bar's, and the one under a result's verdict.
  quickExits: [$("quick-exit"), $("result-exit")],
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
  fileStatus: $("file-status"),
  dropzone: $("dropzone"),
  selfField: $("self-field"),
  self: $("self"),
  check: $("check"),
  clear: $("clear"),
  busy: $("busy"),
  busyLabel: $("busy-label"),
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

export const state = {
  lang: "en",
  country: "BE",
  // Whether the country was named (address, partner, the select) rather than guessed (country.js).
  countryChosen: false,
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
};

/** A page string in the page's language (i18n.js). */
export const tr = (key, vars) => t(state.lang, key, vars);

export function announce(text) {
  // Clearing first makes screen readers repeat a message that is the same as the last one.
  el.announcer.textContent = "";
  setTimeout(() => {
    el.announcer.textContent = text;
  }, 30);
}
