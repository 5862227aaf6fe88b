// The conversation view of one record: read back from its corpus file, each message with
// its matches marked and numbered, what each match is (signal, pattern, counted or not), the
// record's categories and people, and where a prefix stopped reading.

import { h } from "../dom.js";
import { $, idText } from "./kit.js";

const view = $("conversation");

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

function metaLine(record) {
  const categories = Object.entries(record.report?.categories ?? {}).map(([name, c]) => `${name} ${c.level} (${c.score})`);
  const people = (record.report?.people ?? []).map(personText);
  return h(
    "p",
    { class: "lab-conversation__meta" },
    `${record.file}, line ${record.line} · label ${record.label ?? "none"} · risk ${record.risk}`,
    categories.length ? h("br") : null,
    categories.join(" · "),
    people.length ? h("br") : null,
    people.length ? `people, worst first: ${people.join(" · ")}` : null,
  );
}

/** The messages of a record, read up to the run's prefix, with their matches. */
function messageList(messages, report, prefix) {
  const matches = numberedMatches(report);
  const items = [];
  messages.forEach((message, i) => {
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
  return h("ol", { class: "lab-msgs", "aria-labelledby": "conversation-title" }, items);
}

/** Opens `record` of `run` (its corpus text and options) in the conversation view. */
export function showRecord(record, run) {
  const source = run.corpus.get(record.file);
  const line = source ? corpusLine(source, record.line) : null;
  let parsed = null;
  try {
    parsed = line === null ? null : JSON.parse(line);
  } catch {
    parsed = null;
  }
  const heading = h("h4", { id: "conversation-title", text: `Record ${idText(record.id)}` });
  const body =
    parsed && Array.isArray(parsed.messages)
      ? messageList(parsed.messages, record.report, run.options.prefix)
      : h("p", { class: "notice notice--error", text: "This record could not be read back from its corpus file." });
  view.replaceChildren(heading, metaLine(record), body);
  view.hidden = false;
  view.focus();
}
