// The verdict at the top of the result, kept short: how worrying the chat looks, that it is
// not the young person's fault, and about whom and when.

import { hasString } from "./i18n.js";
import { h } from "./dom.js";
import { state, tr } from "./page.js";
import { MASS_MESSAGES, adviceFor, episodeWhen, isNotable, isSerious } from "./report.js";

const ALSO_NAMED = 5; // other people named in the verdict at most

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

/** The verdict's nodes for the report shown, whose overall level is `risk`. */
export function verdictNodes(risk) {
  const report = state.report;
  const serious = isSerious(risk);
  const named = serious && !MASS_MESSAGES.has(report.subtype);
  return [
    // Focusable from script only (reveal.js), so that a new result takes the focus there.
    h("p", { class: "verdict__title", tabindex: "-1", text: tr(`risk_${risk}_title`) }),
    h("p", { class: "verdict__text", text: verdictText(risk) }),
    serious ? h("p", { class: "verdict__fault", text: tr("notYourFault") }) : null,
    named ? whoLine(report.people ?? []) : null,
    named ? alsoLine(report.people ?? []) : null,
    Number.isInteger(report.messages) ? h("p", { class: "verdict__meta", text: tr("checkedCount", { n: report.messages }) }) : null,
  ].filter(Boolean);
}
