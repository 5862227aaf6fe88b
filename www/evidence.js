// The evidence, after the actions: the flagged messages person by person (worst first, as the
// engine ranks them) and in chat order within each. Each message is quoted once, with every
// word that counted highlighted and the names of what was found in it, so that a young person
// can see who took which steps (first contact, secrecy, photos, threats). Folded on small
// screens, where it would push everything else away.

import { h } from "./dom.js";
import { state, tr } from "./page.js";
import { CATEGORIES, MASS_MESSAGES, categoryOf, episodeWhen, inEpisode, isNotable, isSerious, signalName, timeNode } from "./report.js";

const ROWS_SHOWN = 12; // messages shown before "show all"
const LONG_MESSAGE = 600; // longer messages are shown as excerpts around the matches
const CONTEXT = 120;
// Wide enough for the evidence to sit open beside the rest without burying it.
const WIDE = "(min-width: 48em)";

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

/**
 * What each person the engine found at low or above wrote that counted, in chat order:
 * { person, moments: [{ index, message, ranges, signals: Map(signal id -> signal) }] }, people
 * worst first. For a person with warning signs (medium or high), all of it, so that a threat
 * after their worst episode still shows; for the others, their worst episode.
 */
export function momentsByPerson(signals) {
  const people = (state.report.people ?? []).filter((person) => isNotable(person.risk));
  const groups = new Map(people.map((person) => [person.speaker ?? null, { person, byMessage: new Map() }]));
  for (const signal of signals) {
    if (!CATEGORIES.includes(categoryOf(signal))) continue;
    for (const m of signal.matches ?? []) {
      const group = groups.get(m.speaker ?? null);
      if (!group || m.counted === false || !Number.isInteger(m.message)) continue;
      if (!isSerious(group.person.risk) && !inEpisode(group.person.episode, m.message)) continue;
      if (!group.byMessage.has(m.message)) {
        group.byMessage.set(m.message, { index: m.message, message: state.messages[m.message] ?? m, ranges: [], signals: new Map() });
      }
      const moment = group.byMessage.get(m.message);
      moment.ranges.push([Number.isInteger(m.start_utf16) ? m.start_utf16 : m.start, Number.isInteger(m.end_utf16) ? m.end_utf16 : m.end]);
      moment.signals.set(signal.id, signal);
    }
  }
  return [...groups.values()]
    .map(({ person, byMessage }) => ({ person, moments: [...byMessage.values()].sort((a, b) => a.index - b.index) }))
    .filter(({ moments }) => moments.length);
}

/**
 * One message: when and who, the quote, what was found in it, and the engine's explanation of
 * each signal the first time it comes up in the list (`explained` holds those already given).
 */
function messageRow({ index, message, ranges, signals }, episode, explained) {
  const fresh = [...signals.values()].filter((signal) => !explained.has(signal.id) && signal.explanation);
  for (const signal of fresh) explained.add(signal.id);
  return h(
    "li",
    { class: inEpisode(episode, index) ? "timeline__item timeline__item--episode" : "timeline__item", dataset: { message: String(index) } },
    h(
      "p",
      { class: "timeline__meta" },
      message.time ? timeNode(message.time, "timeline__time") : h("span", { class: "timeline__time", text: tr("messageN", { n: index + 1 }) }),
      message.speaker ? h("span", { class: "timeline__speaker", text: message.speaker }) : null,
    ),
    typeof message.text === "string" ? h("p", { class: "quote__text" }, highlight(message.text, ranges)) : null,
    h("ul", { class: "timeline__signals" }, [...signals.values()].map((signal) => h("li", { class: "timeline__signal", dataset: { category: categoryOf(signal) }, text: signalName(signal) }))),
    fresh.map((signal) => h("p", { class: "signal__explanation", text: signal.explanation })),
  );
}

function messageList(moments, episode = null) {
  const explained = new Set();
  return h("ol", { class: "timeline__list" }, moments.map((moment) => messageRow(moment, episode, explained)));
}

/** A person's part: their name, how worrying the engine found them, when, and their messages. */
function personBlock({ person, moments }) {
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
    messageList(moments, episode),
  );
}

/** The evidence card; null when nobody the engine found at low or above wrote a flagged message. */
export function evidenceSection(risk) {
  const people = momentsByPerson(state.report.signals ?? []);
  if (!people.length) return null;
  // A mass mail has nobody behind it to name (see MASS_MESSAGES): one list, in chat order.
  const list = MASS_MESSAGES.has(state.report.subtype)
    ? messageList(people.flatMap(({ moments }) => moments).sort((a, b) => a.index - b.index))
    : h("ul", { class: "timeline__people" }, people.map(personBlock));
  const rows = [...list.querySelectorAll(".timeline__item")];
  const hideFrom = (shown) => {
    rows.forEach((row, i) => (row.hidden = i >= shown));
    for (const person of list.querySelectorAll(".timeline__person")) person.hidden = [...person.querySelectorAll(".timeline__item")].every((row) => row.hidden);
  };
  hideFrom(ROWS_SHOWN);
  let more = null;
  if (rows.length > ROWS_SHOWN) {
    more = h("button", { type: "button", class: "button button--quiet button--small timeline__more", text: tr("timelineAll", { n: rows.length }) });
    more.addEventListener("click", () => {
      hideFrom(rows.length);
      const first = rows[ROWS_SHOWN];
      first.setAttribute("tabindex", "-1");
      first.focus();
      more.remove();
    });
  }
  // Words follow the verdict: "worried us" only where something did.
  const tone = isSerious(risk) ? "serious" : "low";
  return h(
    "details",
    { class: "card timeline evidence", open: matchMedia(WIDE).matches },
    h("summary", { class: "evidence__summary" }, h("h3", { id: "timeline-title", text: tr(`evidenceTitle_${tone}`, { n: rows.length }) })),
    h("p", { class: "timeline__hint", text: tr(`evidenceHint_${tone}`) }),
    list,
    more,
  );
}
