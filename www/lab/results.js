// A finished run on the page: the summary line, the change of the headline figures since the
// last run, the corpus lines that could not be read, the tables and the drill-down, and the
// export of the figures. Keeps the last two runs.

import { h } from "../dom.js";
import { $, UNDEFINED, announce, download, plural } from "./kit.js";
import { personFigures, shown } from "./figures.js";
import { tableWrap } from "./table.js";
import { renderTables } from "./metrics.js";
import { showRun } from "./drill.js";

const BAD_LINES_SHOWN = 50;

const el = {
  results: $("results"),
  summary: $("summary"),
  changes: $("changes"),
  exportFigures: $("export-figures"),
  figures: $("figures-json"),
  badLines: $("bad-lines"),
  title: $("results-title"),
  rerun: $("rerun-result"),
  rerunSummary: $("rerun-summary"),
  toResults: $("to-results"),
};
let last = null; // { evaluation, records, corpus: Map(name -> { text, starts }), options }
let previous = null; // the run before it, for "what changed"

/** The headline figures of a run: any risk and each category. */
function headline(evaluation) {
  const rows = [["any risk", evaluation.overall], ...Object.entries(evaluation.categories)];
  const out = [];
  for (const [name, c] of rows) {
    for (const [measure, value] of [
      ["precision", c.precision],
      ["recall", c.recall],
      ["F1", c.f1],
      ["false-positive rate", c.fp_rate],
    ]) {
      out.push({ name: `${name} ${measure}`, always: name === "any risk", text: shown(value) });
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

/** Before → now for the headline figures: those of "any risk" always, others if they moved. */
function renderChanges() {
  if (!previous) {
    el.changes.hidden = true;
    return;
  }
  const before = new Map(headline(previous.evaluation).map((f) => [f.name, f.text]));
  const rows = headline(last.evaluation)
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

function summaryText({ evaluation, corpus, options, packs, seconds }) {
  const packText = packs === null ? "the built-in packs" : plural(packs, "pack file");
  const how = [`flagged at level ${evaluation.threshold} or above`];
  if (options.prefix !== null) how.push(`first ${plural(options.prefix, "message")} of each conversation`);
  if (options.recordLang) how.push("packs of each record's language");
  return `${plural(evaluation.records, "record")} (${evaluation.positives} positive) from ${plural(corpus.length, "corpus file")} with ${packText}; ${how.join(", ")}. Took ${seconds.toFixed(1)} s.`;
}

/** The results' heading, focused and at the top of the view. */
function goToResults() {
  el.title.focus({ preventScroll: true });
  el.title.scrollIntoView({ block: "start" });
}

/** A re-run from the editor, told under the editor: any risk now, and how many figures moved. */
function rerunText() {
  const now = headline(last.evaluation);
  const before = previous ? new Map(headline(previous.evaluation).map((f) => [f.name, f.text])) : new Map();
  const said = (name) => {
    const f = now.find((x) => x.name === name);
    const was = before.get(name);
    return `${f.name.replace("any risk ", "")} ${f.text}${was === undefined ? "" : was === f.text ? " (same)" : ` (was ${was})`}`;
  };
  const moved = now.filter((f) => !f.always && before.has(f.name) && before.get(f.name) !== f.text).length;
  return `Done. Any risk: ${said("any risk precision")}, ${said("any risk recall")}; ${plural(moved, "other figure")} changed.`;
}

/** Shows a finished run: the engine's answer with what was sent (corpus, options, pack count) and the time it took. */
export function showResults(answer) {
  const { evaluation, bad, records, definitions, corpus, options, from } = answer;
  if (last) previous = last;
  last = { evaluation, records, options, corpus: new Map(corpus.map(({ name, text }) => [name, { text, starts: null }])) };
  el.figures.textContent = JSON.stringify(evaluation);
  el.summary.textContent = summaryText(answer);
  renderChanges();
  renderBadLines(bad);
  renderTables(evaluation, definitions);
  showRun(last, previous);
  el.results.hidden = false;
  el.results.dataset.runs = String(Number(el.results.dataset.runs ?? 0) + 1);
  const any = evaluation.overall;
  announce(`Finished: ${plural(evaluation.records, "record")}; any risk precision ${shown(any.precision)}, recall ${shown(any.recall)}.`);
  // The results are below the editor: a run from the Run button goes to them; one from the
  // editor stays there and says under it what came out.
  el.rerun.hidden = from !== "editor";
  if (from === "editor") {
    el.rerunSummary.textContent = rerunText();
    el.rerun.scrollIntoView({ block: "nearest" });
  } else {
    goToResults();
  }
}

export function initResults() {
  el.toResults.addEventListener("click", goToResults);
  el.exportFigures.addEventListener("click", () => {
    if (last) download("redflag-eval.json", `${JSON.stringify(last.evaluation, null, 2)}\n`, "application/json");
  });
}
