// "What you can do now": the advice for each flagged category (its sub-type's own where the
// page has it), or a calm list when nothing serious was found.

import { h } from "./dom.js";
import { tr } from "./page.js";
import { adviceFor, isSerious } from "./report.js";
import { helplinesOf } from "./helplines.js";

/** Where the advice can send a young person to report: the first reporting service for `category`. */
function reportServiceFor(category) {
  return helplinesOf("report", { categories: [category] })[0]?.name ?? null;
}

function stepsBlock(category) {
  const advice = adviceFor(category);
  const lines = tr(`steps_${advice}`, { report: reportServiceFor(category), section: tr("kind_report") });
  return h(
    "div",
    { class: "steps__block", dataset: { category, advice } },
    h("h4", { text: tr(`steps_${advice}_title`) }),
    h("ol", { class: "steps__list" }, lines.map((line) => h("li", { text: line }))),
  );
}

export function stepsSection(risk, categories) {
  const blocks = isSerious(risk) ? categories.map(stepsBlock) : [];
  if (!blocks.length) {
    blocks.push(
      h(
        "div",
        { class: "steps__block" },
        h("h4", { text: tr("steps_calm_title") }),
        h("ul", { class: "steps__list" }, tr("steps_calm").map((line) => h("li", { text: line }))),
      ),
    );
  }
  return h(
    "section",
    { class: "card steps", "aria-labelledby": "steps-title" },
    h("h3", { id: "steps-title", text: tr("stepsTitle") }),
    blocks,
    isSerious(risk) ? h("p", { class: "steps__fault", text: tr("notYourFault") }) : null,
  );
}
