// What to do, first: the top three steps for what was found (the deciding category's advice),
// with the call button and, where pictures are at stake, the take-down link; then the other
// steps of every flagged category, each once, folded away. A calm list when nothing serious.

import { h } from "./dom.js";
import { tr } from "./page.js";
import { ADVICE } from "./advice.js";
import { adviceFor, imageRisk, isSerious } from "./report.js";
import { callLink, helpLists, helplinesOf, phoneText } from "./helplines.js";

const TOP = 3;

/**
 * Where the advice can send a young person to report: the first reporting service for
 * `category`, and the heading it is listed under below (helpLists lists each service once).
 */
function reportServiceFor(category, risk, categories) {
  const report = helplinesOf("report", { categories: [category] })[0]?.name ?? null;
  const [kind] = helpLists(risk, categories).find(([, services]) => services.some((s) => s.name === report)) ?? ["report"];
  return { report, section: tr(`kind_${kind}`) };
}

/** A step's words, naming the reporting service for `category` where the step has one. */
export function stepText(id, category, risk, categories) {
  return tr(`step_${id}`, reportServiceFor(category, risk, categories));
}

/** Every step of the flagged categories, each once, the deciding category's first: [[id, category]]. */
export function stepOrder(categories) {
  const seen = new Set();
  return categories.flatMap((category) => ADVICE[adviceFor(category)].filter((id) => !seen.has(id) && seen.add(id)).map((id) => [id, category]));
}

function stepItem(id, category, risk, categories) {
  return h("li", { dataset: { step: id }, text: stepText(id, category, risk, categories) });
}

/** "Call Child Focus: 116 000", or "Call 3018" for a service whose name is its number. */
function callLabel(service) {
  const phone = phoneText(service);
  return service.name.replace(/\D/g, "") === service.tel ? tr("call", { phone }) : tr("callNamed", { name: service.name, phone });
}

function actionLinks(categories) {
  const talk = helplinesOf("talk").find((s) => s.tel && s.phone);
  // Not the service the call button already names (Child Focus also takes pictures down).
  const remove = imageRisk(categories) ? helplinesOf("remove", { withInt: true }).find((s) => s.web && s.name !== talk?.name) : null;
  const links = [
    talk ? callLink(talk, callLabel(talk)) : null,
    remove
      ? h("a", { class: "takedown", href: remove.web, target: "_blank", rel: "noopener noreferrer" }, tr("takeDown", { name: remove.name }), h("span", { class: "visually-hidden", text: ` ${tr("newTab")}` }))
      : null,
  ].filter(Boolean);
  return links.length ? h("p", { class: "actions__links" }, links) : null;
}

/** The card at the top of the result: the top three steps, then the call and take-down links. */
export function actionsSection(risk, categories) {
  const [main] = categories;
  const serious = isSerious(risk) && main;
  const block = serious
    ? h(
        "div",
        { class: "steps__block", dataset: { category: main, advice: adviceFor(main) } },
        h("p", { class: "steps__for", text: tr(`steps_${adviceFor(main)}_title`) }),
        h("ol", { class: "steps__list" }, stepOrder(categories).slice(0, TOP).map(([id, category]) => stepItem(id, category, risk, categories))),
      )
    : h("div", { class: "steps__block" }, h("ul", { class: "steps__list" }, tr("steps_calm").map((line) => h("li", { text: line }))));
  return h(
    "section",
    { class: "card actions", "aria-labelledby": "actions-title" },
    h("h3", { id: "actions-title", text: serious ? tr("stepsTitle") : tr("steps_calm_title") }),
    block,
    serious ? actionLinks(categories) : null,
  );
}

/** The other steps of every flagged category, each once, in a fold; null when there are none. */
export function moreStepsSection(risk, categories) {
  if (!isSerious(risk) || !categories.length) return null;
  // The card at the top has the first TOP, all the deciding category's (each advice has more).
  const items = stepOrder(categories).slice(TOP).map(([id, category]) => stepItem(id, category, risk, categories));
  if (!items.length) return null;
  return h(
    "details",
    { class: "card steps-more" },
    h("summary", { text: tr("moreSteps", { n: items.length }) }),
    h("ul", { class: "steps__list" }, items),
  );
}
