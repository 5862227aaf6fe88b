// Accessibility checks shared by the page tests: axe-core's WCAG rules, and no sideways
// scrolling at a given width.
import assert from "node:assert/strict";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

/**
 * Runs axe-core on the page (opened with bypassCSP, as axe is injected inline) and fails on
 * serious or critical violations; lesser ones are printed.
 */
export async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (result.length) console.log(`# axe (${label}): ${result.map((v) => `${v.id} [${v.impact}] ${v.nodes.join(", ")}`).join("; ")}`);
  assert.deepEqual(bad, [], `${label}: no serious or critical axe violations`);
}

export async function noSideways(page, width, label) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= width, `${label}: no horizontal scrolling (${wide}px > ${width}px)`);
}
