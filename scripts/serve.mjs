#!/usr/bin/env node
// A tiny static file server for the redflag page (www/), with no dependencies.
//
//   node scripts/serve.mjs [PORT] [ROOT] [--host HOST]
//
// Defaults: port 8080, root www/ next to this script's folder, host 127.0.0.1.
// Port 0 picks a free port. Once listening it prints one line:
//   redflag: serving /abs/root at http://127.0.0.1:PORT/
// Every response carries the page's security headers (a strict CSP, no referrer, no
// sniffing, no camera/microphone/geolocation); HTML is never cached. Text and wasm are sent
// compressed (brotli or gzip, compressed once per file version and kept in memory).

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { brotliCompress, gzip, constants as zlib } from "node:zlib";
import { promisify } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

export const SECURITY_HEADERS = {
  "Content-Security-Policy": CSP,
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
};

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".toml": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const COMPRESSIBLE = /^(text\/|application\/(json|wasm|manifest\+json)|image\/svg\+xml)/;
const MIN_COMPRESS = 1024;
const compressors = {
  br: (buf) =>
    promisify(brotliCompress)(buf, {
      params: { [zlib.BROTLI_PARAM_QUALITY]: 9, [zlib.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }),
  gzip: (buf) => promisify(gzip)(buf, { level: 9 }),
};

/** The encoding to send for an Accept-Encoding header: "br", "gzip" or null. */
export function pickEncoding(accept = "") {
  const offered = new Map();
  for (const part of String(accept).toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    offered.set(name.trim(), q ? Number(q.slice(2)) : 1);
  }
  for (const enc of ["br", "gzip"]) if ((offered.get(enc) ?? offered.get("*") ?? 0) > 0) return enc;
  return null;
}

/** The MIME type for a file name (application/octet-stream when unknown). */
export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

function send(res, status, body, extra = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

/**
 * Starts serving `root` on `host:port`. Resolves to the http.Server once it listens
 * (`server.address().port` is the real port when `port` is 0).
 */
export function serve({ root = path.join(here, "..", "www"), port = 8080, host = "127.0.0.1" } = {}) {
  const absRoot = path.resolve(root);
  const compressed = new Map(); // "file|encoding" -> { key, body }

  async function compressedBody(file, info, encoding) {
    const key = `${info.mtimeMs}:${info.size}`;
    const cached = compressed.get(`${file}|${encoding}`);
    if (cached && cached.key === key) return cached.body;
    const body = await compressors[encoding](await readFile(file));
    compressed.set(`${file}|${encoding}`, { key, body });
    return body;
  }

  const server = createServer(async (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(res, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return send(res, 400, "Bad request\n");
    }
    if (pathname.includes("\0")) return send(res, 400, "Bad request\n");
    if (pathname.endsWith("/")) pathname += "index.html";
    const file = path.resolve(absRoot, "." + pathname);
    if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(res, 403, "Forbidden\n");
    // Hidden files (.git, .env, ...) are never served.
    if (path.relative(absRoot, file).split(path.sep).some((part) => part.startsWith("."))) {
      return send(res, 404, "Not found\n");
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      return send(res, 404, "Not found\n");
    }
    if (info.isDirectory()) {
      res.writeHead(301, { ...SECURITY_HEADERS, Location: pathname + "/", "Cache-Control": "no-store" });
      return res.end();
    }
    const type = mimeType(file);
    const headers = {
      ...SECURITY_HEADERS,
      "Content-Type": type,
      "Content-Length": info.size,
      "Cache-Control": type.startsWith("text/html") ? "no-store" : "no-cache",
      "Last-Modified": info.mtime.toUTCString(),
    };
    if (COMPRESSIBLE.test(type)) {
      headers.Vary = "Accept-Encoding";
      const encoding = info.size >= MIN_COMPRESS ? pickEncoding(req.headers["accept-encoding"]) : null;
      if (encoding) {
        let body;
        try {
          body = await compressedBody(file, info, encoding);
        } catch {
          return send(res, 500, "Internal error\n");
        }
        res.writeHead(200, { ...headers, "Content-Encoding": encoding, "Content-Length": body.length });
        return res.end(req.method === "HEAD" ? undefined : body);
      }
    }
    res.writeHead(200, headers);
    if (req.method === "HEAD") return res.end();
    createReadStream(file)
      .on("error", () => res.destroy())
      .pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

function parseArgs(argv) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--host") opts.host = argv[++i];
    else if (a.startsWith("--host=")) opts.host = a.slice(7);
    else if (a === "--port") opts.port = Number(argv[++i]);
    else if (a.startsWith("--port=")) opts.port = Number(a.slice(7));
    else if (a === "--root") opts.root = argv[++i];
    else if (a.startsWith("--root=")) opts.root = a.slice(7);
    else if (a === "-h" || a === "--help") opts.help = true;
    else rest.push(a);
  }
  if (rest[0] !== undefined && opts.port === undefined) opts.port = Number(rest[0]);
  if (rest[1] !== undefined && opts.root === undefined) opts.root = rest[1];
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log("usage: node scripts/serve.mjs [PORT] [ROOT] [--host HOST]\n  defaults: 8080, www/, 127.0.0.1; port 0 picks a free port");
    process.exit(0);
  }
  if (opts.port !== undefined && !(Number.isInteger(opts.port) && opts.port >= 0 && opts.port < 65536)) {
    console.error("redflag: the port must be a number from 0 to 65535");
    process.exit(2);
  }
  try {
    const server = await serve(opts);
    const { address, port } = server.address();
    const root = path.resolve(opts.root ?? path.join(here, "..", "www"));
    console.log(`redflag: serving ${root} at http://${address}:${port}/`);
    const stop = () => server.close(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (err) {
    console.error(`redflag: cannot serve: ${err.message}`);
    process.exit(1);
  }
}
