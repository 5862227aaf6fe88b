// Accessibility (axe-core), layout at 360 px and 1280 px, reduced motion; screenshots go to
// tests/browser/artifacts/ (not committed) for a person to look at.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { startSession, stopSession, openPage, scan, ensureArtifacts } from "./lib/harness.mjs";
import { axe, noSideways } from "./lib/a11y.mjs";
import { CHATS, SEXTORTION_EN } from "./lib/chats.mjs";

let server;
let browser;
let artifacts;

before(async () => {
  ({ server, browser } = await startSession());
  artifacts = ensureArtifacts();
});

after(() => stopSession({ server, browser }));

for (const width of [360, 1280]) {
  test(`${width}px: start page and results pass axe, fit the screen, screenshots saved`, async () => {
    const viewport = { width, height: width < 400 ? 780 : 900 };
    const { page, context } = await openPage(browser, server, { query: "?lang=nl&country=BE", viewport, bypassCSP: true });
    try {
      await axe(page, `${width} start`);
      await noSideways(page, width, `${width} start`);
      await page.screenshot({ path: path.join(artifacts, `start-${width}.png`), fullPage: true });

      await scan(page, CHATS.nl.grooming);
      await axe(page, `${width} grooming result`);
      await noSideways(page, width, `${width} grooming result`);
      await page.screenshot({ path: path.join(artifacts, `result-grooming-${width}.png`), fullPage: true });

      await page.selectOption("#lang", "en");
      await scan(page, SEXTORTION_EN);
      await axe(page, `${width} sextortion result`);
      await page.screenshot({ path: path.join(artifacts, `result-sextortion-${width}.png`), fullPage: true });

      await page.selectOption("#lang", "fr");
      await scan(page, CHATS.fr.benign);
      await axe(page, `${width} calm result`);
      await noSideways(page, width, `${width} calm result`);
      await page.screenshot({ path: path.join(artifacts, `result-calm-${width}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
}

// The page as partners embed it (docs/embed.md), in the dark theme: its own colours, so its own axe run.
for (const { query, width } of [{ query: "embed=1&theme=dark", width: 1280 }, { query: "embed=1&theme=dark&compact=1", width: 360 }]) {
  test(`embedded, ${query}, ${width}px: start page and results pass axe, screenshots saved`, async () => {
    const viewport = { width, height: 900 };
    const { page, context } = await openPage(browser, server, { query: `?${query}&lang=nl&country=BE`, viewport, bypassCSP: true });
    try {
      const label = `${query} ${width}`;
      const shot = (name) => page.screenshot({ path: path.join(artifacts, `embed-${query.includes("compact") ? "compact-" : ""}dark-${name}-${width}.png`), fullPage: true });
      assert.equal(await page.getAttribute("html", "data-theme"), "dark");
      await axe(page, `${label} start`);
      await noSideways(page, width, `${label} start`);
      await shot("start");
      for (const [name, chat] of [["grooming", CHATS.nl.grooming], ["sextortion", SEXTORTION_EN], ["calm", CHATS.nl.benign]]) {
        await scan(page, chat);
        await axe(page, `${label} ${name} result`);
        await shot(name);
      }
    } finally {
      await context.close();
    }
  });
}

test("the error and busy states pass axe too", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en", bypassCSP: true });
  try {
    await page.fill("#input", "Alex: hi\u0000 there");
    await page.click("#check");
    await page.waitForSelector("#error:not([hidden])");
    await axe(page, "error");
    await page.screenshot({ path: path.join(artifacts, "error-1280.png") });
  } finally {
    await context.close();
  }
});

test("reduced motion stops the spinner; full motion spins it", async () => {
  for (const reducedMotion of ["reduce", "no-preference"]) {
    const context = await browser.newContext({ reducedMotion });
    const page = await context.newPage();
    await page.goto(server.url);
    const name = await page.evaluate(() => getComputedStyle(document.querySelector(".busy__spinner")).animationName);
    assert.equal(name, reducedMotion === "reduce" ? "none" : "spin", reducedMotion);
    await context.close();
  }
});

test("the quick exit stays on screen while scrolling, at 360px", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=fr", viewport: { width: 360, height: 700 } });
  try {
    await scan(page, CHATS.fr.grooming);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const box = await page.locator("#quick-exit").boundingBox();
    assert.ok(box && box.y >= 0 && box.y + box.height <= 700, `quick exit is visible: ${JSON.stringify(box)}`);
    assert.ok(box.width >= 44 && box.height >= 44, "and big enough to tap");
  } finally {
    await context.close();
  }
});
