#!/usr/bin/env node
// `make dist`: the folder a partner hosts as static files. Copies the widget (www/ without the
// developers' pages) and the built module into dist/redflag-<version>/widget/, writes
// integrity.json (a Subresource Integrity hash of every file, for `integrity="…"`), the
// headers the widget's server must send (widget/_headers for Netlify and Cloudflare Pages,
// nginx.conf for nginx; scripts/headers.mjs) and prints the sizes, raw and compressed as a
// browser receives them.
//
// Usage: node scripts/dist.mjs --pkg DIR --out DIR
//   --pkg: the wasm-pack output holding redflag.js and redflag_bg.wasm
//   --out: the versioned folder to fill (its widget/ is replaced)

import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { brotliCompressSync, gzipSync, constants as zlib } from "node:zlib";
import { fileURLToPath } from "node:url";
import { headersFile, nginxSnippet } from "./headers.mjs";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
/** What www/ holds for developers and researchers, not for partners: the module build (copied
 *  from --pkg), the benchmark page and the pattern lab (lab.html, lab.js, lab.css, lab/). */
const NOT_SHIPPED = /^(pkg|bench[.-]|lab([.]|$))/;
/** The module files the page loads; wasm-pack's other outputs (types) are for the npm package. */
const MODULE_FILES = ["redflag.js", "redflag_bg.wasm"];

function filesUnder(dir, base = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join("/")];
  });
}

export function buildDist({ pkg, out }) {
  const widget = path.join(out, "widget");
  rmSync(widget, { recursive: true, force: true });
  mkdirSync(path.join(widget, "pkg"), { recursive: true });
  const www = path.join(root, "www");
  for (const name of readdirSync(www).filter((name) => !NOT_SHIPPED.test(name))) {
    cpSync(path.join(www, name), path.join(widget, name), { recursive: true });
  }
  for (const name of MODULE_FILES) cpSync(path.join(pkg, name), path.join(widget, "pkg", name));

  const files = filesUnder(widget).sort();
  const integrity = {};
  const sizes = [];
  for (const file of files) {
    const bytes = readFileSync(path.join(widget, file));
    integrity[file] = `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
    const brotli = brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length;
    sizes.push({ file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli });
  }
  writeFileSync(path.join(out, "integrity.json"), JSON.stringify(integrity, null, 2) + "\n");
  // Server configuration, not part of the widget a browser loads: after the hashes and sizes.
  // Netlify and Cloudflare Pages read _headers at the root of the published folder and do not
  // serve it; nginx.conf stays beside widget/, outside what is published.
  writeFileSync(path.join(widget, "_headers"), headersFile());
  writeFileSync(path.join(out, "nginx.conf"), nginxSnippet());
  return sizes;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function report(sizes, out) {
  const line = (name, s) => `${name.padEnd(28)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} ${kb(s.brotli).padStart(10)}`;
  const sum = (pick) => sizes.filter(pick).reduce((t, s) => ({ raw: t.raw + s.raw, gzip: t.gzip + s.gzip, brotli: t.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const lines = [`${"file".padEnd(28)} ${"raw".padStart(10)} ${"gzip".padStart(10)} ${"brotli".padStart(10)}`];
  for (const s of sizes) lines.push(line(s.file, s));
  lines.push(line("all files", sum(() => true)));
  const text = lines.join("\n") + "\n";
  writeFileSync(path.join(out, "sizes.txt"), text);
  process.stdout.write(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { pkg: { type: "string" }, out: { type: "string" } } });
  if (!values.pkg || !values.out) {
    console.error("usage: node scripts/dist.mjs --pkg DIR --out DIR");
    process.exit(2);
  }
  report(buildDist(values), values.out);
  const out = path.relative(process.cwd(), values.out);
  console.log(`redflag: ${out}/widget is ready to host; hashes in integrity.json`);
  console.log(`redflag: fill in the partners' origins (frame-ancestors) in ${out}/widget/_headers or ${out}/nginx.conf`);
}
