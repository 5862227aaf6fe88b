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

/** Starts scripts/serve.mjs on a free port. Resolves to { url, root, stop() }. */
export async function startServer() {
  let root = repoPath("www");
  let temp = null;
  if (MOCK) {
    temp = mockRoot();
    root = temp;
  } else if (!existsSync(repoPath("www/pkg/redflag.js"))) {
    throw new Error("www/pkg/redflag.js is missing: build the module first (make wasm), or run with REDFLAG_MOCK=1");
  }
  const child = spawn(process.execPath, [repoPath("scripts/serve.mjs"), "0", root], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 10_000);
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /at (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("exit", (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return {
    url,
    root,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (temp) rmSync(temp, { recursive: true, force: true });
    },
  };
}

export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens the page in a fresh context and waits until it is ready (worker and engine loaded).
 * Records every request in `page.requests` ({ url, time, afterReady }).
 */
export async function openPage(browser, server, { query = "", locale = "en-GB", viewport = { width: 1280, height: 900 }, ready = true, bypassCSP = false } = {}) {
  // bypassCSP only for injecting axe-core (an inline script the page's CSP rightly blocks).
  const context = await browser.newContext({ locale, viewport, reducedMotion: "reduce", bypassCSP });
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
