// The page when the engine breaks: a WebAssembly trap that is no Rust panic (the module runs
// out of memory) must end that worker, and the page must say so, keep the text in the box,
// and check the next chat with a fresh worker.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, stopSession, waitReady, scan, eventually, MOCK } from "./lib/harness.mjs";
import { CHATS } from "./lib/chats.mjs";
import { STRINGS } from "../../www/i18n.js";

let server;
let browser;

before(async () => ({ server, browser } = await startSession()));

after(() => stopSession({ server, browser }));

/** A scan of text that starts with this runs out of memory in the worker. */
const MARKER = "[out of memory] ";
const WASM32_MAX_PAGES = 65536;

// Put in front of worker.js (its imports still come first). Before a scan of text that starts
// with MARKER, it grows the module's memory from JavaScript to the most it can be, so that
// the module's allocator, which owns none of the new pages, can get no more; and it makes
// the text that reaches the engine longer than all the memory the allocator has. Copying that
// text in then fails as on a phone out of memory: Rust aborts with `unreachable`, a trap
// without any panic. The page's own copy of the text, in the box, stays as it was.
const HOOK = `
let wasmMemory = null;
const realInstantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...args) {
  const result = await realInstantiate.apply(this, args);
  wasmMemory = (result.instance ?? result).exports.memory;
  return result;
};
self.addEventListener("message", (event) => {
  const request = event.data ?? {};
  if (request.type !== "scan" || typeof request.input !== "string" || !request.input.startsWith(${JSON.stringify(MARKER)})) return;
  request.input += "\\n".repeat(wasmMemory.buffer.byteLength);
  for (let pages = ${WASM32_MAX_PAGES}; pages > 0; pages >>= 1) {
    try {
      while (true) wasmMemory.grow(pages);
    } catch {
      // This many pages are not to be had any more: try fewer.
    }
  }
});
`;

async function openHookedPage() {
  const context = await browser.newContext({ locale: "en-GB", viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  await context.route(/\/worker\.js$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, body: HOOK + (await response.text()) });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await waitReady(page);
  return { context, page };
}

const REAL = { skip: MOCK && "the stand-in module has no WebAssembly memory to run out of" };

test("a worker that runs out of memory is replaced; the text stays and the next Check works", REAL, async () => {
  const { page, context } = await openHookedPage();
  try {
    const workers = page.workers();
    assert.equal(workers.length, 2, "the page starts an active and a spare worker");
    const text = MARKER + CHATS.en.grooming;
    await page.fill("#input", text);
    const closed = Promise.any(workers.map((w) => w.waitForEvent("close", { timeout: 60_000 })));
    await page.click("#check");
    await page.waitForSelector("#error:not([hidden])", { timeout: 60_000 });
    await closed.catch(() => assert.fail("the worker whose module trapped was not stopped"));

    const error = await page.textContent("#error");
    assert.ok(error.includes(STRINGS.en.errorText), `the page says the check failed and the text is kept: ${error}`);
    assert.match(error, /stopped.*out of memory/, "the details say the checker stopped, and why");
    assert.equal(await page.inputValue("#input"), text, "the text is still in the box");

    const risk = await scan(page, CHATS.en.grooming);
    assert.ok(["medium", "high"].includes(risk), `the next Check works: risk ${risk}`);
    assert.ok(await page.isHidden("#error"), "the error is gone with the new result");
    await eventually(() => page.workers().length === 2, "a new spare worker");
  } finally {
    await context.close();
  }
});
