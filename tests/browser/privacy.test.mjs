// Privacy by construction: only the page's own origin, nothing fetched after start-up,
// nothing stored, nothing the CSP had to block, and it keeps working offline.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, stopSession, openPage, scan, MOCK } from "./lib/harness.mjs";
import { CHATS, SEXTORTION_EN } from "./lib/chats.mjs";
import { csp, PAGE_CSP } from "../../scripts/headers.mjs";

let server;
let browser;

before(async () => ({ server, browser } = await startSession()));

after(() => stopSession({ server, browser }));

async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

test("every request goes to the page's own origin and none is made after load; nothing is stored", async () => {
  const context = await browser.newContext({ locale: "nl-BE" });
  await watchCsp(context);
  const requests = [];
  let readyAt = null;
  const sizes = [];
  context.on("request", (r) => requests.push({ url: r.url(), afterReady: readyAt !== null }));
  context.on("requestfinished", async (r) => {
    const s = await r.sizes().catch(() => null);
    if (s) sizes.push({ url: r.url(), bytes: s.responseBodySize + s.responseHeadersSize });
  });
  const page = await context.newPage();
  const response = await page.goto(server.url);
  assert.equal(response.headers()["content-security-policy"], csp());
  await page.waitForSelector("html[data-ready='true']", { timeout: 30_000 });
  readyAt = Date.now();
  const atLoad = requests.length;

  for (const text of [CHATS.nl.grooming, CHATS.fr.benign, SEXTORTION_EN]) await scan(page, text);
  // Also the other things a visitor does: switch language and country, open "show more".
  await page.selectOption("#lang", "fr");
  await page.selectOption("#country", "FR");
  await page.waitForTimeout(300);

  const origin = new URL(server.url).origin;
  const foreign = requests.filter((r) => new URL(r.url).origin !== origin && !r.url.startsWith("data:"));
  assert.deepEqual(foreign, [], "no third-party requests");
  const late = requests.filter((r) => r.afterReady);
  assert.deepEqual(late, [], "no request after the page had loaded");
  assert.ok(atLoad >= 5, `the page, its script, style, worker and module were loaded (${atLoad})`);

  const stored = await page.evaluate(async () => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    caches: typeof caches === "undefined" ? 0 : (await caches.keys()).length,
    csp: window.__csp,
  }));
  assert.deepEqual(stored, { cookie: "", local: 0, session: 0, idb: 0, caches: 0, csp: [] });
  assert.deepEqual(await context.cookies(), []);

  const total = sizes.reduce((a, s) => a + s.bytes, 0);
  const wasm = sizes.filter((s) => s.url.endsWith(".wasm")).reduce((a, s) => a + s.bytes, 0);
  console.log(`# transferred at load: ${(total / 1024).toFixed(1)} KiB in ${sizes.length} responses (wasm ${(wasm / 1024).toFixed(1)} KiB, fetched once and shared by the two workers)`);
  // At start-up (no request came later), and once: the page compiles it and hands it to both
  // workers. The mock module (REDFLAG_MOCK=1) has no wasm file to count.
  if (!MOCK) assert.equal(requests.filter((r) => r.url.endsWith(".wasm")).length, 1, "the wasm module is downloaded once");
  await context.close();
});

test("scanning works with the network switched off", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    await context.setOffline(true);
    const failed = [];
    page.on("requestfailed", (r) => failed.push(r.url()));
    const risk = await scan(page, CHATS.en.grooming);
    assert.ok(["medium", "high"].includes(risk));
    assert.ok(await page.isVisible("#result a[href='tel:116000']"));
    const calm = await scan(page, CHATS.en.benign);
    assert.ok(["none", "low"].includes(calm));
    await page.selectOption("#lang", "nl");
    await page.waitForFunction(() => document.documentElement.lang === "nl");
    assert.deepEqual(failed, []);
  } finally {
    await context.close();
  }
});

test("the page has no inline scripts, inline styles or style attributes", async () => {
  const { page, context } = await openPage(browser, server);
  try {
    await scan(page, CHATS.en.grooming);
    const found = await page.evaluate(() => ({
      // The helpline directory is a JSON data block (never run), not a script.
      inlineScripts: [...document.scripts].filter((s) => !s.src && s.type !== "application/json").length,
      dataBlocks: [...document.scripts].filter((s) => !s.src && s.type === "application/json").map((s) => s.id),
      styleTags: document.querySelectorAll("style").length,
      styleAttrs: document.querySelectorAll("[style]").length,
      handlers: [...document.querySelectorAll("*")].filter((n) => [...n.attributes].some((a) => a.name.startsWith("on"))).length,
      metaCsp: document.querySelector("meta[http-equiv='Content-Security-Policy']")?.content ?? "",
    }));
    assert.equal(found.inlineScripts, 0);
    assert.deepEqual(found.dataBlocks, ["helplines-data"]);
    assert.equal(found.styleTags, 0);
    assert.equal(found.styleAttrs, 0);
    assert.equal(found.handlers, 0);
    assert.equal(found.metaCsp, PAGE_CSP, "the <meta> policy is the header's, less frame-ancestors (which <meta> cannot set)");
  } finally {
    await context.close();
  }
});
