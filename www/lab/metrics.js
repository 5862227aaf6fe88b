// The metrics tables of a run: overall and per category, per person, the counts, by label,
// source and language, and per signal and per phrase or pattern (sortable, filterable,
// each row listing its records in the drill-down and opening its line in the editor).

import { h } from "../dom.js";
import { $, plural } from "./kit.js";
import { personFigures, shown } from "./figures.js";
import { card, dataTable, pickButton } from "./table.js";
import { showDefinition } from "./editor.js";
import { listFiring } from "./drill.js";

const tables = $("tables");

/**
 * The columns of the command line's table (records, flagged, precision, recall, f1, fp rate),
 * the rates first: on a phone they are what fits beside the name.
 */
function confusionTable(id, title, entries) {
  const columns = [
    { key: "name", label: title, header: true, cell: ([name]) => name },
    { key: "precision", label: "precision", numeric: true, cell: ([, c]) => shown(c.precision) },
    { key: "recall", label: "recall", numeric: true, cell: ([, c]) => shown(c.recall) },
    { key: "f1", label: "F1", numeric: true, cell: ([, c]) => shown(c.f1) },
    { key: "fpRate", label: "false-positive rate", numeric: true, cell: ([, c]) => shown(c.fp_rate) },
    { key: "records", label: "records", numeric: true, cell: ([, c]) => String(c.records) },
    { key: "flagged", label: "flagged", numeric: true, cell: ([, c]) => String(c.flagged) },
  ];
  return dataTable({ id: `table-${id}`, labelledBy: `${id}-title`, columns, rows: entries, rowData: ([name]) => ({ row: name }) }).node;
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

function countsTable(categories) {
  return dataTable({
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
}

const count = (key, label) => ({ key, label, numeric: true, value: (r) => r[key], cell: (r) => String(r[key]) });
const share = (key, label) => ({ key, label, numeric: true, value: (r) => r[key].value, cell: (r) => shown(r[key]) });

function signalTable(evaluation) {
  const rows = Object.entries(evaluation.signals).map(([id, f]) => ({ id, ...f }));
  return dataTable({
    id: "table-signals",
    labelledBy: "signals-title",
    sort: { key: "id", dir: "asc" },
    columns: [
      { key: "id", label: "signal", header: true, value: (r) => r.id, cell: (r) => pickButton(r.id, `Records where ${r.id} counted`, () => listFiring(r.id, null)) },
      share("precision", "precision"),
      share("recall", "recall"),
      count("positive", "positive records"),
      count("negative", "negative records"),
    ],
    rows,
    rowData: (r) => ({ signal: r.id }),
    onRowClick: (r) => listFiring(r.id, null),
  }).node;
}

/** The pattern table with its filter box and the count of rows it shows. */
function patternTable(evaluation, definitions) {
  const rows = Object.entries(evaluation.patterns).map(([key, f]) => {
    const tab = key.indexOf("\t");
    return { key, signal: key.slice(0, tab), pattern: key.slice(tab + 1), ...f };
  });
  const showButton = (r) => {
    const button = h("button", { type: "button", class: "button button--quiet button--small lab-goto", "aria-label": `Show “${r.pattern}” in its pack file`, text: "Show" });
    button.addEventListener("click", () => showDefinition(r.pattern, definitions[r.key]));
    return button;
  };
  const table = dataTable({
    id: "table-patterns",
    labelledBy: "patterns-title",
    sort: { key: "negative", dir: "desc" },
    columns: [
      {
        key: "pattern",
        label: "phrase or pattern",
        header: true,
        value: (r) => r.pattern,
        cell: (r) => pickButton(r.pattern, `Records where “${r.pattern}” (${r.signal}) fired`, () => listFiring(r.signal, r.pattern), "lab-pattern"),
      },
      share("precision", "precision"),
      count("positive", "positive records"),
      count("negative", "negative records"),
      { key: "signal", label: "signal", value: (r) => r.signal, cell: (r) => r.signal },
      { key: "edit", label: "pack file", sortable: false, cell: showButton },
    ],
    rows,
    rowData: (r) => ({ signal: r.signal, pattern: r.pattern }),
    onRowClick: (r) => listFiring(r.signal, r.pattern),
  });
  const filter = h("input", { type: "search", id: "pattern-filter", autocomplete: "off", spellcheck: "false", "aria-describedby": "pattern-count" });
  const shown = h("p", { id: "pattern-count", class: "field__hint", "aria-live": "polite" });
  const showCount = (n) => {
    shown.textContent = `${n} of ${plural(rows.length, "phrase or pattern", "phrases and patterns")} that counted in a record.`;
  };
  filter.addEventListener("input", () => {
    const needle = filter.value.trim().toLowerCase();
    showCount(table.redraw((r) => !needle || r.signal.toLowerCase().includes(needle) || r.pattern.toLowerCase().includes(needle)));
  });
  showCount(rows.length);
  return [h("div", { class: "lab-option lab-filter" }, h("label", { for: "pattern-filter", text: "Filter by signal or pattern" }), filter), shown, table.node];
}

/** The tables of a run: `definitions` says where each pattern is written (src/eval.rs). */
export function renderTables(evaluation, definitions) {
  const categories = [["any risk", evaluation.overall], ...Object.entries(evaluation.categories)];
  tables.replaceChildren(
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
    card("confusion", "Counts", countsTable(categories)),
    card("labels", "By label", confusionTable("labels", "label", Object.entries(evaluation.labels))),
    card("sources", "By source", confusionTable("sources", "source", Object.entries(evaluation.sources))),
    card("langs", "By language", confusionTable("langs", "language", Object.entries(evaluation.langs))),
    card(
      "signals",
      "Signals",
      h("p", { class: "field__hint", text: "Records in which each signal counted. Recall: the share of all positive records. Select a signal to list its records." }),
      signalTable(evaluation),
    ),
    card(
      "patterns",
      "Phrases and patterns",
      h("p", { class: "field__hint", text: "Records in which each phrase or pattern counted. Select one to list its records; “Show” opens it in the pack editor." }),
      ...patternTable(evaluation, definitions),
    ),
  );
}
