// Quick exit (button and Escape, and "back" does not return) and a keyboard-only flow.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, stopSession, openPage, waitForVerdict, waitReady } from "./lib/harness.mjs";
import { CHATS } from "./lib/chats.mjs";
import { STRINGS } from "../../www/i18n.js";

let server;
let browser;

before(async () => ({ server, browser } = await startSession()));

after(() => stopSession({ server, browser }));

/** Opens a neutral page first, then the tool, so "back" has somewhere to go. */
async function openAfterAnotherPage() {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const first = `${server.url}exit.html?first`;
  await page.goto(first);
  await page.goto(`${server.url}?lang=en`);
  await waitReady(page);
  page.historyLength = await page.evaluate(() => history.length);
  return { context, page, first };
}

async function assertLeftForGood(page, first) {
  await page.waitForURL(/exit\.html$/);
  assert.equal(await page.title(), "Easy tomato soup");
  assert.equal(await page.evaluate(() => history.length), page.historyLength, "the tool's history entry was replaced, not added to");
  await page.goBack();
  assert.equal(page.url(), first, "back goes to the page before, not to the tool");
  await page.goForward();
  assert.match(page.url(), /exit\.html$/, "forward goes to the neutral page, not to the tool");
}

test("the quick exit button is first in the tab order and leaves for the neutral page", async () => {
  const { context, page, first } = await openAfterAnotherPage();
  try {
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "quick-exit");
    assert.ok(await page.isVisible("#quick-exit"));
    await page.fill("#input", CHATS.en.grooming);
    await page.click("#quick-exit");
    await assertLeftForGood(page, first);
  } finally {
    await context.close();
  }
});

test("Escape anywhere leaves for the neutral page", async () => {
  const { context, page, first } = await openAfterAnotherPage();
  try {
    await page.fill("#input", CHATS.en.grooming);
    await page.focus("#input");
    await page.keyboard.press("Escape");
    await assertLeftForGood(page, first);
  } finally {
    await context.close();
  }
});

test("fr, 360 px: Escape that closes an open drop-down list only closes it; the next Escape leaves", async () => {
  const { context, page, first } = await openAfterAnotherPage();
  try {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.fill("#input", CHATS.fr.grooming);
    await page.click("#country"); // opens its list
    await page.keyboard.press("Escape");
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(!page.url().includes("exit.html"), "still on the page");
    assert.equal(await page.inputValue("#input"), CHATS.fr.grooming, "and the text is still there");
    await page.keyboard.press("Escape");
    await assertLeftForGood(page, first);
  } finally {
    await context.close();
  }
});

test("the exit page is plain and loads nothing from elsewhere", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  try {
    await page.goto(`${server.url}exit.html`);
    const text = await page.textContent("body");
    assert.ok(!/redflag|grooming|sextortion|helpline|child focus/i.test(text), "nothing on it hints at the tool");
    assert.equal(await page.evaluate(() => document.scripts.length), 0);
    const origin = new URL(server.url).origin;
    assert.deepEqual(urls.filter((u) => !u.startsWith(origin) && !u.startsWith("data:")), []);
  } finally {
    await context.close();
  }
});

test("keyboard only: Tab to the box, type, Tab to Check, Enter, and the result is announced", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement.id)) !== "input" && tabs < 12) {
      await page.keyboard.press("Tab");
      tabs++;
    }
    assert.equal(await page.evaluate(() => document.activeElement.id), "input", "the box is reachable by Tab");
    assert.ok(tabs <= 6, `the box is near the top of the tab order (${tabs} tabs)`);
    await page.keyboard.insertText(CHATS.en.grooming.split("\n").slice(0, 4).join("\n"));
    await page.keyboard.type("\nAlex: send me a pic of you");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const a = document.activeElement;
      const style = getComputedStyle(a);
      return { id: a.id, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    assert.equal(focused.id, "check");
    assert.ok(focused.outline !== "none" && focused.width >= 2, `focus is visible: ${JSON.stringify(focused)}`);
    await page.keyboard.press("Enter");
    const risk = await waitForVerdict(page);
    assert.ok(["medium", "high"].includes(risk));
    const live = await page.evaluate(() => {
      const v = document.querySelector("#verdict");
      return { role: v.getAttribute("role"), live: v.getAttribute("aria-live"), text: v.textContent };
    });
    assert.equal(live.role, "status");
    assert.equal(live.live, "polite");
    assert.ok(live.text.includes(STRINGS.en[`risk_${risk}_title`]));
    // The helpline can be reached with the keyboard from here.
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement.getAttribute("href") === "tel:116000");
    }
    assert.ok(reached, "Tab reaches the Child Focus call link");
  } finally {
    await context.close();
  }
});
