// The result, actions first: the verdict, the top steps with the call and take-down links, then
// the evidence and the kit to keep it, the other steps and the helplines; and clearing it.

import { el, state } from "./page.js";
import { LEVELS, flaggedCategories } from "./report.js";
import { verdictNodes } from "./verdict.js";
import { revealResult } from "./reveal.js";
import { evidenceSection } from "./evidence.js";
import { actionsSection, moreStepsSection } from "./steps.js";
import { helpSection } from "./helplines.js";
import { kitSection } from "./evidence-kit.js";
import { renderStale } from "./input.js";

export function renderResult({ announce: speak = true } = {}) {
  const report = state.report;
  if (!report) return;
  const risk = LEVELS.includes(report.risk) ? report.risk : "none";
  const categories = flaggedCategories();

  const verdict = verdictNodes(risk);
  el.verdict.dataset.risk = risk;
  if (speak) {
    el.verdict.replaceChildren();
    // Let the empty live region settle so the new verdict is announced as a change.
    requestAnimationFrame(() => el.verdict.replaceChildren(...verdict));
  } else {
    el.verdict.replaceChildren(...verdict);
  }

  const body = [
    actionsSection(risk, categories),
    evidenceSection(risk),
    kitSection(risk, categories),
    moreStepsSection(risk, categories),
    helpSection(risk, categories),
  ];
  el.resultBody.replaceChildren(...body.filter(Boolean));
  el.resultBody.hidden = false;
  renderStale();
  el.layout.dataset.hasResult = "true";
  el.result.dataset.scans = String(Number(el.result.dataset.scans ?? 0) + 1);
  // In the next frame, when the verdict is in (above, it waits a frame too when announced).
  if (speak) requestAnimationFrame(revealResult);
}

/** Takes the result off the page. */
export function clearResult() {
  el.verdict.replaceChildren();
  delete el.verdict.dataset.risk;
  el.resultBody.replaceChildren();
  el.resultBody.hidden = true;
  el.result.removeAttribute("data-stale");
  delete el.layout.dataset.hasResult;
}
