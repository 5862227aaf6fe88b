// Reading the engine's report (schema 2, docs/report.md): levels, categories, which advice
// applies, and dates of episodes and messages in the page's language.

import { h } from "./dom.js";
import { ADVICE } from "./advice.js";
import { state, tr } from "./page.js";

export const CATEGORIES = ["sextortion", "grooming", "exploitation", "exposure"];
export const LEVELS = ["none", "low", "medium", "high"];
// Sub-types sent to thousands at once: nobody in them knows the young person, so the page
// names no one (a pasted mail's "From:" or "Subject:" line would read as a name).
export const MASS_MESSAGES = new Set(["scam_mail"]);

export function levelOf(name) {
  const level = state.report?.categories?.[name]?.level;
  return LEVELS.includes(level) ? level : "none";
}

/** Whether the engine found something in a person's messages at all (low or above). */
export function isNotable(level) {
  return isSerious(level) || level === "low";
}

/** Whether a level calls for the full advice (medium or high). */
export function isSerious(level) {
  return level === "medium" || level === "high";
}

/** The categories at medium or high: the engine's deciding one (`kind`) first, then by score. */
export function flaggedCategories() {
  const { kind, categories } = state.report;
  const score = (c) => categories[c].score ?? 0;
  return CATEGORIES.filter((c) => isSerious(levelOf(c))).sort((a, b) => (b === kind) - (a === kind) || score(b) - score(a));
}

/**
 * Which advice a category gets: its sub-type's own (such as "sextortion_scam_mail") when it is
 * the deciding category and the engine named a sub-type the page has advice for; else its own.
 */
export function adviceFor(category) {
  const { kind, subtype } = state.report;
  const special = `${category}_${subtype}`;
  return category === kind && subtype && special in ADVICE ? special : category;
}

/** Whether pictures may be online and could be taken down (a scam mail's video does not exist). */
export function imageRisk(categories) {
  return categories.includes("exposure") || (categories.includes("sextortion") && adviceFor("sextortion") === "sextortion");
}

/** A signal's category: its own field, else the first part of its id ("grooming.secrecy"). */
export function categoryOf(signal) {
  return signal.category ?? String(signal.id ?? "").split(".")[0];
}

/** A signal's short name; its explanation for signals the page has no name for (custom packs). */
export function signalName(signal) {
  const key = `signal_${signal.id}`;
  const name = tr(key);
  return name === key ? (signal.explanation ?? String(signal.id)) : name;
}

export function inEpisode(episode, index) {
  return Boolean(episode) && index >= episode.first && index <= episode.last;
}

/** When a person's worst episode was: its dates where the chat has times, else its message numbers. */
export function episodeWhen(episode) {
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

/** A message time from the engine ("2026-11-23T21:14", or UTC ending in "Z") in the reader's language. */
export function timeNode(time, className) {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return h("span", { class: className, text: time });
  const text = new Intl.DateTimeFormat(state.lang, { dateStyle: "medium", timeStyle: "short" }).format(date);
  return h("time", { class: className, datetime: time, text });
}
