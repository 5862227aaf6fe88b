// The pattern lab on a phone (360 px): a run brings its results into view, a re-run from the
// editor says under the editor what came out, and every table keeps precision and recall in
// view beside the row's name, with a note wherever a table still scrolls sideways.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, stopSession, openPage, MOCK } from "./lib/harness.mjs";
import { repoPath } from "./lib/paths.mjs";

const CORPUS = ["en", "nl", "fr"].map((lang) => repoPath(`tests/corpus/${lang}.jsonl`));
const REAL = { skip: MOCK && "the lab needs the real engine module" };
const PHONE = { viewport: { width: 360, height: 740 } };

let server;
let browser;

before(async () => {
  ({ server, browser } = await startSession());
});

after(async () => {
  await stopSession({ server, browser });
});

const openLab = () => openPage(browser, server, { query: "lab.html", ...PHONE });

/** Presses `button` and waits for the results of one more run. */
async function run(page, press) {
  const runs = Number((await page.getAttribute("#results", "data-runs")) ?? 0);
  await press();
  await page.waitForFunction((n) => Number(document.querySelector("#results").dataset.runs ?? 0) > n, runs, { timeout: 120_000 });
}

/** Whether the element's box is (at least partly) inside the window, as it is scrolled now. */
const inView = (page, selector) =>
  page.$eval(selector, (node) => {
    const r = node.getBoundingClientRect();
    return r.height > 0 && r.bottom > 0 && r.top < window.innerHeight;
  });

test("360px: Run brings the results into view; a re-run from the editor says what came out under the editor", REAL, async () => {
  const { page, context } = await openLab();
  try {
    await page.click("#builtin");
    await page.waitForSelector("#editor-section:not([hidden])");
    await page.setInputFiles("#corpus-files", CORPUS[0]);
    await page.waitForSelector("#corpus-list [data-name]");
    await run(page, () => page.click("#run"));
    assert.ok(await inView(page, "#results-title"), "the results' heading is on screen after Run");
    assert.equal(await page.evaluate(() => document.activeElement.id), "results-title", "and has the focus");
    assert.ok(await page.isHidden("#rerun-result"), "no re-run note after a run from the Run button");

    // Edit and re-run from the keyboard: the view stays at the editor, and says what came out.
    await page.locator("#editor").press("End");
    await page.locator("#editor").pressSequentially(" ");
    await run(page, () => page.locator("#editor").press("Control+Enter"));
    assert.ok(await inView(page, "#rerun-result"), "the re-run note is on screen");
    assert.ok(await inView(page, "#editor"), "the editor is still on screen");
    assert.ok(!(await inView(page, "#results-title")), "the view did not jump to the results");
    assert.match(await page.textContent("#rerun-summary"), /^Done\. Any risk: precision \d+\.\d% \(same\), recall \d+\.\d% \(same\); 0 other figures changed\.$/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "editor", "the cursor stays in the editor");

    await page.click("#to-results");
    assert.ok(await inView(page, "#results-title"), "“Go to the results” goes there");
  } finally {
    await context.close();
  }
});

test("360px: precision and recall are in view beside the name in every table, and a table that scrolls sideways says so", REAL, async () => {
  const { page, context } = await openLab();
  try {
    await page.setInputFiles("#corpus-files", CORPUS);
    await page.waitForFunction(() => document.querySelectorAll("#corpus-list [data-name]").length === 3);
    await run(page, () => page.click("#run"));
    // The hints follow the tables' sizes (a ResizeObserver): let it report once.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const tables = await page.$$eval(".lab-table-wrap", (wraps) =>
      wraps.map((wrap) => {
        const box = wrap.getBoundingClientRect();
        const shown = (col) => {
          const cell = wrap.querySelector(`tbody tr:first-child [data-col="${col}"]`);
          if (!cell) return null;
          const r = cell.getBoundingClientRect();
          return r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
        };
        const hint = document.getElementById(wrap.getAttribute("aria-describedby"));
        return {
          id: wrap.querySelector("table").id,
          scrolls: wrap.scrollWidth > wrap.clientWidth + 1,
          hinted: Boolean(hint?.checkVisibility()) && /scroll the table sideways/.test(hint.textContent),
          precision: shown("precision"),
          recall: shown("recall"),
        };
      }),
    );
    const byId = Object.fromEntries(tables.map((t) => [t.id, t]));
    for (const id of ["table-categories", "table-labels", "table-sources", "table-langs", "table-signals"]) {
      assert.ok(byId[id], `${id} is shown`);
      assert.deepEqual([byId[id].precision, byId[id].recall], [true, true], `${id}: precision and recall in view without scrolling`);
    }
    assert.equal(byId["table-patterns"].precision, true, "table-patterns: precision in view without scrolling");
    for (const t of tables) assert.equal(t.hinted, t.scrolls, `${t.id}: a note says the table scrolls sideways exactly when it does`);
    assert.ok(tables.some((t) => t.scrolls), "at 360 px some table is wider than the screen, so the note is tested");
  } finally {
    await context.close();
  }
});
