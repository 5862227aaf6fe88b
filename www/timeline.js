// "How it went": the flagged messages person by person (worst first, as the engine ranks
// them) and in chat order within each, with the names of what was found, so that a young
// person can see who took which steps (first contact, secrecy, photos, threats).

import { h } from "./dom.js";
import { state, tr } from "./page.js";
import { CATEGORIES, MASS_MESSAGES, categoryOf, episodeWhen, inEpisode, isNotable, isSerious, signalName, timeNode } from "./report.js";

const TIMELINE_SHOWN = 12; // timeline rows shown before "show all"

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
    const category = categoryOf(signal);
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

/** The timeline card; null when nobody the engine found at low or above wrote any flagged message. */
export function timelineSection(signals) {
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
