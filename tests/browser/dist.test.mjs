// `make dist` (scripts/dist.mjs): the folder a partner hosts holds the widget and no developer
// pages, integrity.json has the right hash of every file, the header files for its server hold
// the strict policy serve.mjs sends, and a partner page that loads the element with that hash
// (Subresource Integrity) gets a working check from the hosted folder, while a wrong hash is
// refused.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSession, stopSession, waitReady, scan, widgetFrame, MOCK } from "./lib/harness.mjs";
import { CHATS } from "./lib/chats.mjs";
import { repoPath } from "./lib/paths.mjs";
import { buildDist } from "../../scripts/dist.mjs";
import { PARTNERS_PLACEHOLDER } from "../../scripts/headers.mjs";

// The partner examples, on 127.0.0.1 at whatever port they were given.
const PARTNERS = "http://127.0.0.1:*";

let out;
let server;
let browser;

before(async () => {
  out = mkdtempSync(path.join(tmpdir(), "redflag-dist-"));
  buildDist({ pkg: repoPath("www/pkg"), out });
  ({ server, browser } = await startSession({ root: path.join(out, "widget"), examples: true, frameAncestors: PARTNERS }));
});

after(async () => {
  await stopSession({ server, browser });
  if (out) rmSync(out, { recursive: true, force: true });
});

const integrity = () => JSON.parse(readFileSync(path.join(out, "integrity.json"), "utf8"));

test("the hosted folder has the widget, not the developers' pages, and every file's hash", () => {
  const hashes = integrity();
  for (const file of ["index.html", "exit.html", "app.js", "worker.js", "embed.js", "redflag-check.js", "styles/base.css", "styles/result.css", "pkg/redflag.js", "pkg/redflag_bg.wasm"]) {
    assert.ok(hashes[file], `${file} is shipped`);
  }
  for (const file of Object.keys(hashes)) {
    assert.doesNotMatch(file, /^(bench|lab|examples)/, `${file} is for developers`);
    const bytes = readFileSync(path.join(out, "widget", file));
    assert.equal(hashes[file], `sha384-${createHash("sha384").update(bytes).digest("base64")}`, file);
  }
});

/** The headers of a `_headers` file (Netlify, Cloudflare Pages) by path: { "/*": { name: value } }. */
function headersByPath(text) {
  const rules = {};
  let current = null;
  for (const line of text.split("\n").filter((l) => l.trim() && !l.startsWith("#"))) {
    if (!/^\s/.test(line)) {
      current = rules[line.trim()] = {};
    } else {
      const [, name, value] = /^\s+([\w-]+): (.*)$/.exec(line);
      current[name] = value;
    }
  }
  return rules;
}

/** A Content-Security-Policy as { directive: "sources" }. */
function directives(policy) {
  return Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources.join(" ")]));
}

test("the hosted folder ships its server's headers, for pages and worker alike, as serve.mjs sends them", async () => {
  const netlify = readFileSync(path.join(out, "widget", "_headers"), "utf8");
  const nginx = readFileSync(path.join(out, "nginx.conf"), "utf8");
  const rules = headersByPath(netlify);
  assert.deepEqual(Object.keys(rules), ["/*"], "one rule, for every file");
  const headers = rules["/*"];
  const nginxLines = nginx.split("\n").filter((line) => line && !line.startsWith("#"));
  const nginxHeaders = Object.fromEntries(nginxLines.map((line) => /^add_header ([\w-]+) "([^"]*)" always;$/.exec(line)).map((m) => [m[1], m[2]]));
  assert.deepEqual(nginxHeaders, headers, "nginx.conf sends the same headers, on error pages too (always)");

  assert.deepEqual(directives(headers["Content-Security-Policy"]), {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",
    "worker-src": "'self'",
    "connect-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'none'",
    "frame-ancestors": PARTNERS_PLACEHOLDER,
  });
  assert.match(PARTNERS_PLACEHOLDER, /^https:\/\/[A-Z-]+\.invalid$/, "a placeholder no site can have");
  for (const file of [netlify, nginx]) assert.match(file, new RegExp(`^# frame-ancestors: replace ${PARTNERS_PLACEHOLDER.replace(/[.]/g, "\\.")}`, "m"), "which says what to fill in");
  assert.equal(headers["Cross-Origin-Opener-Policy"], "same-origin");
  assert.equal(headers["X-Content-Type-Options"], "nosniff");
  assert.equal(headers["Referrer-Policy"], "no-referrer");
  assert.equal(headers["X-Frame-Options"], undefined, "it would refuse every partner in older browsers");

  // The server the other tests use serves the hosted folder with the partners filled in.
  for (const file of ["index.html", "worker.js", "exit.html", "pkg/redflag.js"]) {
    const response = await fetch(new URL(file, server.url));
    assert.equal(response.status, 200, file);
    for (const [name, value] of Object.entries(headers)) {
      assert.equal(response.headers.get(name), value.replace(PARTNERS_PLACEHOLDER, PARTNERS), `${file}: ${name}`);
    }
  }
  assert.ok(!integrity()["_headers"], "server configuration, not a file of the widget");
});

/** The element example, loading the element with `integrity` set to `hash`. */
function elementPageWith(hash) {
  const page = path.join(server.examplesRoot, "element.html");
  const html = readFileSync(page, "utf8").replace(
    /<script type="module" src="([^"]+redflag-check\.js)"( integrity="[^"]*" crossorigin="anonymous")?>/,
    `<script type="module" src="$1" integrity="${hash}" crossorigin="anonymous">`,
  );
  assert.match(html, new RegExp(`integrity="${hash.replace(/[+/]/g, "\\$&")}"`), "the element's script tag was found");
  writeFileSync(page, html);
  return new URL("element.html", server.examplesUrl).href;
}

test("a partner page loading the element with its integrity hash gets a working check; a wrong hash is refused", { skip: MOCK }, async () => {
  const context = await browser.newContext({ locale: "nl-BE" });
  try {
    const page = await context.newPage();
    await page.goto(elementPageWith(integrity()["redflag-check.js"]));
    const frame = await widgetFrame(page, server.url);
    await waitReady(frame);
    assert.ok(["medium", "high"].includes(await scan(frame, CHATS.nl.grooming)));

    const refused = [];
    page.on("console", (msg) => refused.push(msg.text()));
    const wrong = `sha384-${createHash("sha384").update("not the file").digest("base64")}`;
    await page.goto(elementPageWith(wrong));
    await page.waitForTimeout(1000);
    assert.equal(await page.evaluate(() => customElements.get("redflag-check")), undefined, "the element was not defined");
    assert.equal(page.frames().length, 1, "no widget frame");
    assert.ok(refused.some((text) => /integrity/i.test(text)), `Chromium says why: ${refused.join(" | ")}`);
  } finally {
    await context.close();
  }
});
