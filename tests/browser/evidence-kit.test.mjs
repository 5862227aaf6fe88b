// The private evidence kit (issue 13, point 7) on a phone, in Dutch and French: a result with
// warning signs offers a summary to save and to print, made on the device. The saved file holds
// the flagged messages, the helpline and the privacy note; paper shows the summary and not the
// chat box; nothing is fetched, stored or blocked by the CSP on the way; a clear result has no kit.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { startSession, stopSession, openPage, scan } from "./lib/harness.mjs";
import { CHATS } from "./lib/chats.mjs";
import { STRINGS } from "../../www/i18n.js";

const PHONE = { width: 360, height: 740 };

let server;
let browser;
before(async () => ({ server, browser } = await startSession()));
after(() => stopSession({ server, browser }));

/** The page in `lang` for Belgium at 360 px, with CSP violations collected in window.__csp. */
async function openPhone(lang) {
  const opened = await openPage(browser, server, { query: `?lang=${lang}&country=BE`, locale: `${lang}-BE`, viewport: PHONE });
  await opened.page.evaluate(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return opened;
}

for (const lang of ["nl", "fr"]) {
  test(`${lang}, 360 px: the kit saves a private summary and prints it, with no request and nothing stored`, async () => {
    const S = STRINGS[lang];
    const { page, context } = await openPhone(lang);
    try {
      const risk = await scan(page, CHATS[lang].grooming);
      assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
      assert.ok(await page.isVisible("#result .kit"), "a result with warning signs offers the kit");
      assert.equal(await page.textContent("#result .kit__save"), S.kitSave);
      assert.equal(await page.textContent("#result .kit__print"), S.kitPrint);
      assert.equal(await page.isVisible("#result .kit-summary"), false, "the summary is for paper, not the screen");
      const quotes = await page.$$eval("#result .quote__text", (nodes) => nodes.map((n) => n.textContent));
      assert.ok(quotes.length > 0, "the result quotes flagged messages");

      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#result .kit__save")]);
      const name = download.suggestedFilename();
      assert.match(name, new RegExp(`^${S.kitFileName}-\\d{4}-\\d\\d-\\d\\d\\.html$`));
      const file = await readFile(await download.path(), "utf8");
      for (const quote of quotes) assert.ok(file.includes(quote), `the file quotes "${quote}"`);
      assert.ok(file.includes("Child Focus · 116 000"), "the helpline and its number");
      assert.ok(file.includes(S.kitPrivate), "the privacy note in the page's language");
      assert.ok(file.includes(S.stepsTitle) && file.includes(S.step_evidence), "the steps");
      assert.ok(file.includes(`<html lang="${lang}">`));
      assert.ok(!/<script/i.test(file), "the file has no script");
      assert.ok(file.includes(`content="default-src 'none'; style-src 'unsafe-inline'"`), "and a policy that loads and runs nothing");
      await page.waitForFunction((text) => document.querySelector("#announcer").textContent === text, S.kitSaved.replace("{name}", name));

      // The Print button asks the browser to print (headless Chromium has no print dialog to wait for).
      await page.evaluate(() => {
        window.__printed = 0;
        window.print = () => window.__printed++;
      });
      await page.click("#result .kit__print");
      assert.equal(await page.evaluate(() => window.__printed), 1);
      await page.emulateMedia({ media: "print" });
      assert.ok(await page.isVisible("#result .kit-summary"), "on paper, the summary");
      for (const hidden of ["#input", ".topbar", "#verdict", "#result .evidence", "#result .kit__buttons", ".aside"]) {
        assert.equal(await page.isVisible(hidden), false, `on paper, no ${hidden}`);
      }
      const paper = await page.textContent("#result .kit-summary");
      assert.ok(paper.includes(S.kitPrivatePaper) && paper.includes("116 000") && paper.includes(quotes[0]));
      await page.emulateMedia({ media: "screen" });

      const origin = new URL(server.url).origin;
      const foreign = page.requests.filter((r) => new URL(r.url).origin !== origin && !r.url.startsWith("data:"));
      assert.deepEqual(foreign, [], "no request beyond the page's origin");
      // The download is the Blob made on the page (blob: of the page's own origin), not a fetch.
      const late = page.requests.filter((r) => r.afterReady && !r.url.startsWith(`blob:${origin}/`));
      assert.deepEqual(late, [], "no request after the page had loaded");
      const stored = await page.evaluate(async () => ({
        cookie: document.cookie,
        local: localStorage.length,
        session: sessionStorage.length,
        idb: (await indexedDB.databases()).length,
        csp: window.__csp,
      }));
      assert.deepEqual(stored, { cookie: "", local: 0, session: 0, idb: 0, csp: [] });
      assert.deepEqual(await context.cookies(), []);
    } finally {
      await context.close();
    }
  });
}

test("nl, 360 px: markup in names and messages is text in the saved file, never HTML", async () => {
  const name = '<b id="evil">Alex</b>';
  const chat = CHATS.nl.grooming.replaceAll("Alex:", `${name}:`).replace("hoe oud ben je?", 'hoe oud ben je? <img src=x onerror="alert(1)">');
  const { page, context } = await openPhone("nl");
  try {
    assert.ok(["medium", "high"].includes(await scan(page, chat)));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#result .kit__save")]);
    const file = await readFile(await download.path(), "utf8");
    assert.ok(file.includes('&lt;b id="evil"&gt;Alex&lt;/b&gt;'), "the name, escaped");
    assert.ok(file.includes('hoe oud ben je? &lt;img src=x onerror="alert(1)"&gt;'), "the message, escaped");
    assert.ok(!/<(b|img)\b/i.test(file), "no markup from the chat");
  } finally {
    await context.close();
  }
});

test("nl and fr, 360 px: a clear result offers no kit", async () => {
  for (const lang of ["nl", "fr"]) {
    const { page, context } = await openPhone(lang);
    try {
      const risk = await scan(page, CHATS[lang].benign);
      assert.ok(["none", "low"].includes(risk), `${lang}: risk was ${risk}`);
      assert.equal(await page.$("#result .kit"), null, `${lang}: no kit`);
    } finally {
      await context.close();
    }
  }
});
