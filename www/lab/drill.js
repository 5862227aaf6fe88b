// The drill-down: for a category, the false positives, the misses, or the records whose
// flag changed since the last run; or the records a signal or pattern counted in. Lists a
// hundred at a time; a record opens in the conversation view (record.js).

import { h } from "../dom.js";
import { $, idText } from "./kit.js";
import { showRecord } from "./record.js";

const LEVELS = ["none", "low", "medium", "high"];
const LIST_STEP = 100; // records listed at a time

const el = {
  category: $("drill-category"),
  listTitle: $("drill-list-title"),
  list: $("drill-list"),
  conversation: $("conversation"),
};
const kinds = () => document.querySelectorAll("input[name='drill-kind']");
let drill = { kind: "fp", signal: null, pattern: null }; // kind: fp, miss, changed or firing
let last = null;
let previous = null;

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

function setKind(kind) {
  drill = { ...drill, kind };
  for (const radio of kinds()) radio.checked = radio.value === kind;
}

function firedIn(record, signal, pattern) {
  return (record.report?.signals ?? []).some((s) => s.id === signal && (s.matches ?? []).some((m) => m.counted && (pattern === null || m.pattern === pattern)));
}

/** The records the drill-down lists now, and its title. */
function drillRecords() {
  const { records, evaluation } = last;
  const { kind, signal, pattern } = drill;
  const category = el.category.value;
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
    if (!previous) return { title: "Changed since the last run: there is no earlier run", list: [] };
    const before = new Map(previous.records.map((r) => [recordKey(r), isFlagged(r, category, previous.evaluation.threshold)]));
    const list = records.filter((r) => before.has(recordKey(r)) && before.get(recordKey(r)) !== isFlagged(r, category, threshold));
    return { title: `Flagged for ${what} in one run but not the other`, list };
  }
  return { title: `False positives: ${what} flagged, not labelled so`, list: records.filter((r) => !isPositive(r, category) && isFlagged(r, category, threshold)) };
}

function recordItem(record) {
  const button = h(
    "button",
    { type: "button", class: "lab-record", dataset: { file: record.file, line: String(record.line) } },
    h("span", { class: "lab-record__id", text: idText(record.id) }),
    h("span", { class: "lab-record__meta", text: `${record.file}:${record.line} · label ${record.label ?? "none"} · risk ${record.risk}` }),
  );
  button.addEventListener("click", () => {
    for (const other of el.list.querySelectorAll("[aria-current]")) other.removeAttribute("aria-current");
    button.setAttribute("aria-current", "true");
    showRecord(record, last);
  });
  return h("li", {}, button);
}

function render() {
  const { title, list } = drillRecords();
  el.listTitle.textContent = `${title} (${list.length})`;
  el.list.replaceChildren();
  el.conversation.hidden = true;
  el.conversation.replaceChildren();
  if (!list.length) {
    el.list.append(h("li", { class: "lab-records__none", text: "None." }));
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
    el.list.children[first]?.querySelector("button")?.focus();
  });
  el.list.append(more);
  showNext();
}

/** Lists the records where `signal` (and, unless null, its `pattern`) counted. */
export function listFiring(signal, pattern) {
  drill = { ...drill, kind: "firing", signal, pattern };
  for (const radio of kinds()) radio.checked = false;
  render();
  el.listTitle.scrollIntoView({ block: "nearest" });
  el.list.querySelector("button")?.focus();
}

/** Shows a new run: keeps the chosen category and list where the new run still has them. */
export function showRun(run, before) {
  last = run;
  previous = before;
  const current = el.category.value || "any";
  const names = Object.keys(run.evaluation.categories);
  el.category.replaceChildren(h("option", { value: "any", text: "any risk" }), ...names.map((n) => h("option", { value: n, text: n })));
  el.category.value = names.includes(current) ? current : "any";
  if (drill.kind === "firing") {
    const fired = run.evaluation.patterns[`${drill.signal}\t${drill.pattern}`] || (drill.pattern === null && run.evaluation.signals[drill.signal]);
    if (!fired) setKind("fp");
  }
  render();
}

export function initDrill() {
  el.category.addEventListener("change", () => {
    if (drill.kind === "firing") setKind("fp");
    render();
  });
  for (const radio of kinds()) {
    radio.addEventListener("change", () => {
      setKind(radio.value);
      render();
    });
  }
}
