#!/usr/bin/env node
// The browser benchmark: `node tests/browser/bench.mjs` (part of `make bench`).
//
// Serves www/ with scripts/serve.mjs on a free port, opens it in headless Debian Chromium
// (playwright-core, no downloaded browser) and prints:
//   - bench.html: the wasm engine's full-pipeline throughput on the generated 10 MB chat,
//     its init time, and the first and warm results for a 12-message chat;
//   - index.html: time from navigation to ready (<html data-ready="true">, set once the
//     page's workers have loaded the engine), and time from pressing Check to the verdict
//     for the 12-message chat (the first scan builds the engine from the packs);
//   - the gzip -9 size of everything index.html loads, and of the wasm module alone.
// Ends with one line starting `bench-browser:`. Exits 1 if the page fails; with
// BENCH_STRICT=1 also when a target is missed. Needs `make wasm` first.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./lib/harness.mjs";
import { repoPath } from "./lib/paths.mjs";

const WWW = repoPath("www");
const READY_RUNS = 3;
const TARGETS = { wasmMBs: 60, totalGzKB: 250, wasmGzKB: 200 };
const KB = 1024;

// The same 12-message chat as bench.html and benches/throughput.rs, as pasted text.
const TYPICAL = JSON.parse(readFileSync(path.join(WWW, "bench-chat.json"), "utf8"))
  .typical.map(([speaker, text]) => `${speaker}: ${text}`)
  .join("\n");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const verdict = (met) => (met ? "met" : "MISSED");

/** bench.html: the engine on its own, in the page's main thread. */
async function benchPage(browser, base) {
  const context = await browser.newContext();
  try {
    // Cross-origin isolation gives performance.now() microseconds instead of 100 us steps
    // (everything the page loads is same-origin, so require-corp costs nothing).
    await context.route("**/bench.html", async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "cross-origin-embedder-policy": "require-corp" } });
    });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${base}bench.html`);
    await page.waitForSelector("html[data-bench]", { timeout: 600_000 });
    const results = await page.evaluate(() => window.benchResults);
    if ((await page.getAttribute("html", "data-bench")) !== "done") {
      throw new Error(`bench.html failed: ${results?.error ?? "?"} ${errors.join("; ")}`);
    }
    return results;
  } finally {
    await context.close();
  }
}

/**
 * index.html in a fresh context (empty cache): navigation to data-ready, the URLs it
 * requested on the way, and (when `check`) Check to verdict for the 12-message chat.
 */
async function indexPage(browser, base, { check }) {
  const context = await browser.newContext({ locale: "en-GB" });
  try {
    const requests = [];
    context.on("request", (r) => requests.push(r.url()));
    await context.addInitScript(() => {
      // Runs before <html> exists: watch the whole document for the attribute.
      new MutationObserver((_, observer) => {
        if (document.documentElement?.dataset.ready && window.__readyAt === undefined) {
          window.__readyAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
    });
    const page = await context.newPage();
    await page.goto(`${base}index.html?lang=en&country=BE`);
    await page.waitForSelector("html[data-ready]", { timeout: 60_000 });
    const state = await page.getAttribute("html", "data-ready");
    if (state !== "true") throw new Error(`index.html could not start its engine (data-ready=${state})`);
    const readyMs = await page.evaluate(() => window.__readyAt);
    const loaded = [...requests];
    let firstResultMs = null;
    let risk = null;
    if (check) {
      await page.fill("#input", TYPICAL);
      // Press Check from inside the page, timing to the moment the result is counted.
      const handle = await page.evaluateHandle(() => {
        const result = document.querySelector("#result");
        const before = Number(result.dataset.scans ?? 0);
        return new Promise((resolve) => {
          const t = performance.now();
          new MutationObserver((_, observer) => {
            if (Number(result.dataset.scans ?? 0) > before) {
              observer.disconnect();
              resolve(performance.now() - t);
            }
          }).observe(result, { attributes: true, attributeFilter: ["data-scans"] });
          document.querySelector("#check").click();
        });
      });
      firstResultMs = await handle.jsonValue();
      await page.waitForFunction(() => document.querySelector("#verdict")?.dataset.risk, null, { timeout: 60_000 });
      risk = await page.getAttribute("#verdict", "data-risk");
    }
    return { readyMs, requests: loaded, firstResultMs, risk };
  } finally {
    await context.close();
  }
}

/** gzip -9 size of every distinct same-origin URL in `urls`, fetched from the server. */
async function gzipSizes(urls, base) {
  const origin = new URL(base).origin;
  const distinct = [...new Set(urls.filter((u) => u.startsWith(origin)).map((u) => u.split("#")[0]))];
  const files = [];
  for (const url of distinct) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    files.push({ path: new URL(url).pathname, raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  }
  return files;
}

async function main() {
  if (!existsSync(path.join(WWW, "pkg", "redflag.js"))) {
    throw new Error("www/pkg/redflag.js is missing: build the module first (make wasm)");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const server = await serve({ root: WWW, port: 0 });
  const base = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const engine = await benchPage(browser, base);
    const runs = [];
    for (let i = 0; i < READY_RUNS; i++) runs.push(await indexPage(browser, base, { check: i === 0 }));
    const readyMs = median(runs.map((r) => r.readyMs));
    const { firstResultMs, risk } = runs[0];
    const files = await gzipSizes(runs[0].requests, base);
    const wasm = files.find((f) => f.path.endsWith(".wasm"));
    if (!wasm) throw new Error("index.html did not load a .wasm module (were worker requests seen?)");
    const totalGz = files.reduce((n, f) => n + f.gz, 0);
    const totalRaw = files.reduce((n, f) => n + f.raw, 0);
    const wasmRequests = runs[0].requests.filter((u) => u.endsWith(".wasm")).length;

    const line = (a, b, c = "", d = "") => console.log(`${a.padEnd(56)} ${b.padStart(16)}   ${c.padEnd(10)} ${d}`);
    console.log("");
    console.log(`redflag browser benchmark (${(await browser.version()).replace(/^/, "Chromium ")}, headless; MB = 10^6 bytes, KB = 1024 bytes)`);
    console.log(
      `chat: ${(engine.chatBytes / 1e6).toFixed(2)} MB, ${engine.chatMessages} messages, fnv ${engine.chatChecksum} (generated in ${engine.generateMs.toFixed(0)} ms); ` +
        `scan: risk ${engine.chatRisk}, ${engine.chatSignals} signals, ${engine.chatHits} matches`,
    );
    console.log("");
    line("measure", "value", "target");
    console.log("-".repeat(92));
    line("wasm full pipeline, scan(messages, {}), best of 3", `${engine.fullMBs.toFixed(1)} MB/s`, ">= 60 MB/s", verdict(engine.fullMBs >= TARGETS.wasmMBs));
    line("  runs", engine.fullRunsMs.map((ms) => `${ms.toFixed(0)} ms`).join(" "));
    line("bench.html: module init (import + init())", `${engine.initMs.toFixed(1)} ms`);
    line("bench.html: first scan, 12 messages (builds the engine)", `${engine.firstResultMs.toFixed(1)} ms`);
    line(`bench.html: warm scan, 12 messages, median / p99${engine.isolated ? "" : " (100 us timer)"}`, `${(engine.latencyP50Ms * 1e3).toFixed(0)} / ${(engine.latencyP99Ms * 1e3).toFixed(0)} us`);
    line(`index.html: navigation to ready, median of ${READY_RUNS} cold loads`, `${readyMs.toFixed(0)} ms`);
    line("  each run", runs.map((r) => `${r.readyMs.toFixed(0)} ms`).join(" "));
    line(`index.html: Check to first result, 12 messages (risk ${risk})`, `${firstResultMs.toFixed(0)} ms`);
    line("index.html: navigation to first result (ready + check)", `${(readyMs + firstResultMs).toFixed(0)} ms`);
    line(`index.html loads, gzip -9 (${files.length} files, ${(totalRaw / KB).toFixed(0)} KB raw)`, `${(totalGz / KB).toFixed(1)} KB`, "<= 250 KB", verdict(totalGz <= TARGETS.totalGzKB * KB));
    line(`  wasm module alone (${(wasm.raw / KB).toFixed(0)} KB raw, requested ${wasmRequests}x)`, `${(wasm.gz / KB).toFixed(1)} KB`, "<= 200 KB", verdict(wasm.gz <= TARGETS.wasmGzKB * KB));
    for (const f of files.sort((a, b) => b.gz - a.gz)) line(`    ${f.path}`, `${(f.gz / KB).toFixed(1)} KB`);
    console.log("");
    console.log(
      `bench-browser: wasm_full=${engine.fullMBs.toFixed(1)}MB/s init=${engine.initMs.toFixed(0)}ms ready=${readyMs.toFixed(0)}ms ` +
        `first_result=${firstResultMs.toFixed(0)}ms engine_first_scan=${engine.firstResultMs.toFixed(0)}ms ` +
        `latency_p50=${(engine.latencyP50Ms * 1e3).toFixed(0)}us transfer_gz=${(totalGz / KB).toFixed(1)}KB wasm_gz=${(wasm.gz / KB).toFixed(1)}KB`,
    );
    const met = engine.fullMBs >= TARGETS.wasmMBs && totalGz <= TARGETS.totalGzKB * KB && wasm.gz <= TARGETS.wasmGzKB * KB;
    if (process.env.BENCH_STRICT === "1" && !met) process.exitCode = 1;
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
}

main().catch((err) => {
  console.error(`bench-browser: failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
