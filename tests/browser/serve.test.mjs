// scripts/serve.mjs: MIME types, security headers, caching, and no way out of the root.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import net from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { serve, EXAMPLE_HEADERS, pickEncoding } from "../../scripts/serve.mjs";
import { csp, PAGE_CSP } from "../../scripts/headers.mjs";
import { repoPath } from "./lib/paths.mjs";

let server;
let base;
let root;

before(async () => {
  root = mkdtempSync(path.join(tmpdir(), "redflag-serve-"));
  mkdirSync(path.join(root, "pkg"));
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>t</title>");
  writeFileSync(path.join(root, "app.js"), "export {};");
  writeFileSync(path.join(root, "mod.mjs"), "export {};");
  writeFileSync(path.join(root, "style.css"), "body{}");
  writeFileSync(path.join(root, "big.js"), `export const words = ${JSON.stringify("calm ".repeat(5000))};\n`);
  writeFileSync(path.join(root, "pkg", "redflag_bg.wasm"), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  writeFileSync(path.join(root, "favicon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  writeFileSync(path.join(root, ".secret"), "no");
  writeFileSync(path.join(path.dirname(root), "outside.txt"), "no");
  server = await serve({ root, port: 0 });
  base = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  await new Promise((r) => server.close(r));
  rmSync(root, { recursive: true, force: true });
});

test("serves files with the right MIME types", async () => {
  const cases = {
    "/": "text/html; charset=utf-8",
    "/index.html": "text/html; charset=utf-8",
    "/app.js": "text/javascript; charset=utf-8",
    "/mod.mjs": "text/javascript; charset=utf-8",
    "/style.css": "text/css; charset=utf-8",
    "/pkg/redflag_bg.wasm": "application/wasm",
    "/favicon.svg": "image/svg+xml",
  };
  for (const [url, type] of Object.entries(cases)) {
    const res = await fetch(base + url);
    assert.equal(res.status, 200, url);
    assert.equal(res.headers.get("content-type"), type, url);
  }
  const wasm = new Uint8Array(await (await fetch(base + "/pkg/redflag_bg.wasm")).arrayBuffer());
  assert.deepEqual([...wasm.slice(0, 4)], [0, 97, 115, 109]);
});

test("every response carries the security headers", async () => {
  for (const url of ["/", "/app.js", "/pkg/redflag_bg.wasm", "/missing.js"]) {
    const res = await fetch(base + url);
    assert.equal(res.headers.get("content-security-policy"), csp(), url);
    assert.equal(res.headers.get("referrer-policy"), "no-referrer", url);
    assert.equal(res.headers.get("x-content-type-options"), "nosniff", url);
    assert.equal(res.headers.get("cross-origin-opener-policy"), "same-origin", url);
    const pp = res.headers.get("permissions-policy");
    for (const feature of ["camera=()", "microphone=()", "geolocation=()"]) assert.ok(pp.includes(feature), `${url}: ${feature}`);
    // Public static files, loadable by partner pages (redflag-check.js as a module script).
    assert.equal(res.headers.get("access-control-allow-origin"), "*", url);
    assert.equal(res.headers.get("cross-origin-resource-policy"), "cross-origin", url);
  }
  assert.match(csp(), /default-src 'self'/);
  assert.match(csp(), /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp(), /form-action 'none'/);
  assert.equal(csp(), `${PAGE_CSP}; frame-ancestors 'self'`, "no other site may embed the page unless told otherwise");
});

test("frame-ancestors can be limited to chosen sites, and only to a list of sources", async () => {
  const partners = "https://a.example https://*.b.example:8443 'self'";
  assert.equal(csp(partners), `${PAGE_CSP}; frame-ancestors ${partners}`);
  for (const bad of ["", "https://a.example; script-src *", "https://a.example,https://b.example", "'unsafe-inline'", "data:", "https://a.example/path"]) {
    assert.throws(() => csp(bad), /frame-ancestors/, JSON.stringify(bad));
  }
  const limited = await serve({ root, port: 0, frameAncestors: "https://a.example" });
  try {
    const res = await fetch(`http://127.0.0.1:${limited.address().port}/`);
    assert.equal(res.headers.get("content-security-policy"), `${PAGE_CSP}; frame-ancestors https://a.example`);
  } finally {
    await new Promise((r) => limited.close(r));
  }
  const cli = spawnSync(process.execPath, [repoPath("scripts/serve.mjs"), "0", root, "--frame-ancestors", "https://a.example; script-src *"], { encoding: "utf8" });
  assert.equal(cli.status, 2, "the command line refuses a bad list before serving");
  assert.match(cli.stderr, /--frame-ancestors: "https:\/\/a.example;" is not an origin/);
});

test("the partner examples are served as a partner's page, without the widget's policy", async () => {
  const examples = await serve({ root, port: 0, headers: EXAMPLE_HEADERS });
  try {
    const res = await fetch(`http://127.0.0.1:${examples.address().port}/`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-security-policy"), null);
    assert.equal(res.headers.get("referrer-policy"), "no-referrer");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
  } finally {
    await new Promise((r) => examples.close(r));
  }
});

test("HTML is never cached", async () => {
  assert.equal((await fetch(base + "/")).headers.get("cache-control"), "no-store");
  assert.notEqual((await fetch(base + "/app.js")).headers.get("cache-control"), null);
});

test("missing files are 404 and hidden files are not served", async () => {
  assert.equal((await fetch(base + "/nope.html")).status, 404);
  assert.equal((await fetch(base + "/.secret")).status, 404);
  assert.equal((await fetch(base + "/pkg/")).status, 404);
});

test("paths cannot leave the root", async () => {
  // fetch() normalises "..", so send the raw request line.
  for (const raw of ["/../outside.txt", "/%2e%2e/outside.txt", "/pkg/..%2f..%2foutside.txt"]) {
    const status = await new Promise((resolve, reject) => {
      const socket = net.connect(server.address().port, "127.0.0.1", () => {
        socket.write(`GET ${raw} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      });
      let data = "";
      socket.on("data", (c) => (data += c));
      socket.on("end", () => resolve(Number(data.split(" ")[1])));
      socket.on("error", reject);
    });
    assert.ok(status === 403 || status === 404, `${raw} -> ${status}`);
  }
});

test("only GET and HEAD", async () => {
  assert.equal((await fetch(base + "/", { method: "POST", body: "x" })).status, 405);
  const head = await fetch(base + "/app.js", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-length"), "10");
});

function rawGet(urlPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.address().port, "127.0.0.1", () => {
      const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
      socket.write(`GET ${urlPath} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`);
    });
    const chunks = [];
    socket.on("data", (c) => chunks.push(c));
    socket.on("end", () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf("\r\n\r\n");
      const head = all.subarray(0, split).toString();
      const lines = head.split("\r\n");
      const h = Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(lines[0].split(" ")[1]), headers: h, body: all.subarray(split + 4) });
    });
    socket.on("error", reject);
  });
}

test("text and wasm are compressed when the browser accepts it, and identical once unpacked", async () => {
  const original = (await rawGet("/big.js")).body;
  assert.ok(original.length > 20000);
  const br = await rawGet("/big.js", { "Accept-Encoding": "gzip, deflate, br" });
  assert.equal(br.headers["content-encoding"], "br");
  assert.equal(br.headers.vary, "Accept-Encoding");
  assert.ok(br.body.length < original.length / 10);
  assert.deepEqual(brotliDecompressSync(br.body), original);
  const gz = await rawGet("/big.js", { "Accept-Encoding": "gzip" });
  assert.equal(gz.headers["content-encoding"], "gzip");
  assert.deepEqual(gunzipSync(gz.body), original);
  const plain = await rawGet("/big.js", { "Accept-Encoding": "identity" });
  assert.equal(plain.headers["content-encoding"], undefined);
  assert.deepEqual(plain.body, original);
  assert.equal(pickEncoding("gzip;q=0, br;q=0"), null);
  assert.equal(pickEncoding("*"), "br");
});
