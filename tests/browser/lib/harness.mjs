// Shared set-up for the browser tests: a static server (scripts/serve.mjs on a free port)
// and headless Chromium driven by playwright-core.
//
// By default the page is served from www/ and needs the built wasm module in www/pkg/
// (`make wasm`). REDFLAG_MOCK=1 serves a copy of www/ with tests/browser/mock/redflag.js as
// the module instead, for working on the page before the module exists.

import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, cpSync, mkdirSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import { repoPath } from "./paths.mjs";
import { parseToml } from "./toml-lite.mjs";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
export const MOCK = process.env.REDFLAG_MOCK === "1";
export const ARTIFACTS = repoPath("tests/browser/artifacts");

function mockRoot() {
  const dir = mkdtempSync(path.join(tmpdir(), "redflag-www-"));
  cpSync(repoPath("www"), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}pkg`) });
  mkdirSync(path.join(dir, "pkg"));
  const data = parseToml(readFileSync(repoPath("data/helplines.toml"), "utf8"));
  const mock = readFileSync(repoPath("tests/browser/mock/redflag.js"), "utf8").replace(
    '"__HELPLINES_JSON__"',
    JSON.stringify(data),
  );
  writeFileSync(path.join(dir, "pkg", "redflag.js"), mock);
  return dir;
}

/**
 * Starts scripts/serve.mjs on a free port, serving `root` (www/ by default). Resolves to
 * { url, root, stop() }.
 *
 * `frameAncestors` is passed on as --frame-ancestors. With `examples`, the same process also
 * serves the partner examples on a second free port, another origin (`examplesUrl`): a copy of
 * docs/examples (`examplesRoot`, which a test may change), whose pages the server sends with
 * its own address for the widget's, as it does for `make serve`.
 */
export async function startServer({ root = repoPath("www"), frameAncestors = null, examples = false } = {}) {
  const temps = [];
  if (MOCK) {
    root = mockRoot();
    temps.push(root);
  } else if (!existsSync(path.join(root, "pkg/redflag.js"))) {
    throw new Error(`${root}/pkg/redflag.js is missing: build the module first (make wasm), or run with REDFLAG_MOCK=1`);
  }
  const args = [repoPath("scripts/serve.mjs"), "0", root];
  if (frameAncestors) args.push("--frame-ancestors", frameAncestors);
  let examplesRoot = null;
  if (examples) {
    examplesRoot = mkdtempSync(path.join(tmpdir(), "redflag-examples-"));
    temps.push(examplesRoot);
    cpSync(repoPath("docs/examples"), examplesRoot, { recursive: true });
    args.push("--examples-port", "0", "--examples-root", examplesRoot);
  }
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  };
  let urls;
  try {
    urls = await servedUrls(child, examples ? 2 : 1);
  } catch (err) {
    await stop();
    throw err;
  }
  const [url, examplesUrl] = urls;
  return { url, examplesUrl, examplesRoot, root, stop };
}

/** The `count` addresses a serve.mjs process prints once it listens. */
function servedUrls(child, count) {
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 10_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const urls = [...out.matchAll(/ at (http:\/\/\S+)/g)].map((m) => m[1]);
      if (urls.length >= count) {
        clearTimeout(timer);
        resolve(urls);
      }
    });
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

/** Polls `check` every 100 ms until it returns something truthy, which it resolves to. */
export async function eventually(check, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The frame in a partner's page showing the widget served at `widgetUrl` (index.html?embed=1). */
export function widgetFrame(page, widgetUrl) {
  return eventually(() => page.frames().find((f) => f.url().startsWith(`${widgetUrl}index.html?embed=1`)), "the widget's frame");
}

/**
 * The server (`startServer(options)`) and headless Chromium a test file shares:
 * { server, browser }. Stop them with stopSession.
 */
export async function startSession(options) {
  const server = await startServer(options);
  try {
    return { server, browser: await launch() };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

export async function stopSession({ server, browser }) {
  await browser?.close();
  await server?.stop();
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens the page in a fresh context and waits until it is ready (worker and engine loaded).
 * Records every request in `page.requests` ({ url, time, afterReady }).
 */
export async function openPage(browser, server, { query = "", locale = "en-GB", timezoneId = "UTC", viewport = { width: 1280, height: 900 }, ready = true, bypassCSP = false } = {}) {
  // bypassCSP only for injecting axe-core (an inline script the page's CSP rightly blocks).
  // The time zone is the page's hint for the country: UTC (no hint) unless a test says otherwise.
  const context = await browser.newContext({ locale, timezoneId, viewport, reducedMotion: "reduce", bypassCSP });
  const page = await context.newPage();
  page.requests = [];
  page.readyAt = null;
  page.consoleErrors = [];
  const track = (request) => page.requests.push({ url: request.url(), time: Date.now(), afterReady: page.readyAt !== null });
  context.on("request", track);
  page.on("console", (msg) => {
    if (msg.type() === "error") page.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => page.consoleErrors.push(String(err)));
  await page.goto(`${server.url}${query}`);
  if (ready) await waitReady(page);
  return { context, page };
}

export async function waitReady(page) {
  await page.waitForSelector("html[data-ready]", { timeout: 30_000 });
  const state = await page.getAttribute("html", "data-ready");
  if (state !== "true") throw new Error(`the page could not start its engine (data-ready=${state})`);
  page.readyAt = Date.now();
}

/** Types nothing: puts `text` in the box, presses Check, waits for the verdict. Returns the risk. */
export async function scan(page, text, { timeout = 60_000 } = {}) {
  await page.fill("#input", text);
  const before = await scansDone(page);
  await page.click("#check");
  return waitForVerdict(page, { timeout, before });
}

/** How many results the page has shown so far. */
export async function scansDone(page) {
  return Number((await page.getAttribute("#result", "data-scans")) ?? 0);
}

/** Waits until the page shows a result newer than the `before`-th one; returns data-risk. */
export async function waitForVerdict(page, { timeout = 60_000, before = 0 } = {}) {
  await page.waitForFunction(
    (n) => {
      const done = Number(document.querySelector("#result").dataset.scans ?? 0);
      const v = document.querySelector("#verdict");
      return done > n && v.dataset.risk && v.querySelector(".verdict__title");
    },
    before,
    { timeout },
  );
  return page.getAttribute("#verdict", "data-risk");
}

export function ensureArtifacts() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}
