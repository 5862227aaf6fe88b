#!/usr/bin/env node
// A tiny static file server for the redflag page (www/), with no dependencies.
//
//   node scripts/serve.mjs [PORT] [ROOT] [--host HOST] [--frame-ancestors "ORIGIN …"]
//                          [--examples-port PORT [--examples-root DIR]]
//
// Defaults: port 8080, root www/ next to this script's folder, host 127.0.0.1. Port 0 picks
// a free port. Once listening it prints one line per server:
//   redflag: serving /abs/root at http://127.0.0.1:PORT/
// Every response carries the widget's security headers (scripts/headers.mjs, the same that
// `make dist` ships for a partner's server: a strict CSP, no referrer, no sniffing, no
// camera/microphone/geolocation); HTML is never cached. Text and wasm are sent compressed
// (brotli or gzip, compressed once per file version and kept in memory).
//
// Partner sites embed the page in an iframe (docs/embed.md): --frame-ancestors lists the
// origins allowed to do so (default 'self': no other site). --examples-port also serves
// docs/examples/ on that port: another origin, the way a partner's page would load the widget.
// The examples name the widget at http://127.0.0.1:8080 (EXAMPLES_WIDGET_ORIGIN); their pages
// are sent with the widget's real origin in its place, whatever port it was given.

import { createServer } from "node:http";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { brotliCompress, gzip, constants as zlib } from "node:zlib";
import { promisify } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_FRAME_ANCESTORS, csp, widgetHeaders } from "./headers.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const DEFAULT_ROOT = path.join(here, "..", "www");
// Partner pages, kept out of www/ so that the widget's own origin never serves them.
const EXAMPLES_ROOT = path.join(here, "..", "docs", "examples");

// The examples play a partner's page, whose own policy is the partner's business:
// element.html and iframe.html set theirs in a <meta> tag, hostile.html (a page that tries
// to spy) none at all.
export const EXAMPLE_HEADERS = {
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

/** Where the examples' pages say the widget is: where `make serve` puts it by default. */
export const EXAMPLES_WIDGET_ORIGIN = "http://127.0.0.1:8080";

/** An example page as sent: the widget at `widgetOrigin` (in its CSP, src and listener alike). */
export function exampleFor(widgetOrigin) {
  return (html) => html.replaceAll(EXAMPLES_WIDGET_ORIGIN, widgetOrigin);
}

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

function send(res, headers, status, body, extra = {}) {
  res.writeHead(status, {
    ...headers,
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

/**
 * Starts serving `root` on `host:port` with the widget's headers (or `headers`). Resolves to
 * the http.Server once it listens (`server.address().port` is the real port when `port` is 0).
 * `rewriteHtml(text)`, if given, changes every HTML page before it is sent (exampleFor).
 */
export function serve({ root = DEFAULT_ROOT, port = 8080, host = "127.0.0.1", frameAncestors = DEFAULT_FRAME_ANCESTORS, headers = widgetHeaders({ frameAncestors }), rewriteHtml = null } = {}) {
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
      return send(res, headers, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
    } catch {
      return send(res, headers, 400, "Bad request\n");
    }
    if (pathname.includes("\0")) return send(res, headers, 400, "Bad request\n");
    if (pathname.endsWith("/")) pathname += "index.html";
    const file = path.resolve(absRoot, "." + pathname);
    if (file !== absRoot && !file.startsWith(absRoot + path.sep)) return send(res, headers, 403, "Forbidden\n");
    // Hidden files (.git, .env, ...) are never served.
    if (path.relative(absRoot, file).split(path.sep).some((part) => part.startsWith("."))) {
      return send(res, headers, 404, "Not found\n");
    }
    let info;
    try {
      info = await stat(file);
    } catch {
      return send(res, headers, 404, "Not found\n");
    }
    if (info.isDirectory()) {
      res.writeHead(301, { ...headers, Location: pathname + "/", "Cache-Control": "no-store" });
      return res.end();
    }
    const type = mimeType(file);
    const fileHeaders = {
      ...headers,
      "Content-Type": type,
      "Content-Length": info.size,
      "Cache-Control": type.startsWith("text/html") ? "no-store" : "no-cache",
      "Last-Modified": info.mtime.toUTCString(),
    };
    if (rewriteHtml && type.startsWith("text/html")) {
      // Small pages, sent whole and uncompressed: only the examples are rewritten.
      let body;
      try {
        body = Buffer.from(rewriteHtml(await readFile(file, "utf8")));
      } catch {
        return send(res, headers, 500, "Internal error\n");
      }
      res.writeHead(200, { ...fileHeaders, "Content-Length": body.length });
      return res.end(req.method === "HEAD" ? undefined : body);
    }
    if (COMPRESSIBLE.test(type)) {
      fileHeaders.Vary = "Accept-Encoding";
      const encoding = info.size >= MIN_COMPRESS ? pickEncoding(req.headers["accept-encoding"]) : null;
      if (encoding) {
        let body;
        try {
          body = await compressedBody(file, info, encoding);
        } catch {
          return send(res, headers, 500, "Internal error\n");
        }
        res.writeHead(200, { ...fileHeaders, "Content-Encoding": encoding, "Content-Length": body.length });
        return res.end(req.method === "HEAD" ? undefined : body);
      }
    }
    res.writeHead(200, fileHeaders);
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

const OPTIONS = {
  "--host": "host",
  "--port": "port",
  "--root": "root",
  "--frame-ancestors": "frameAncestors",
  "--examples-port": "examplesPort",
  "--examples-root": "examplesRoot",
};

function parseArgs(argv) {
  const opts = {};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s);
    if (flag in OPTIONS) opts[OPTIONS[flag]] = inline ?? argv[++i];
    else if (flag === "-h" || flag === "--help") opts.help = true;
    else rest.push(argv[i]);
  }
  opts.port ??= rest[0];
  opts.root ??= rest[1];
  return opts;
}

const USAGE = `usage: node scripts/serve.mjs [PORT] [ROOT] [--host HOST] [--frame-ancestors "ORIGIN …"]
                             [--examples-port PORT [--examples-root DIR]]
  defaults: 8080, www/, 127.0.0.1, frame-ancestors 'self' (no other site may embed the page)
  port 0 picks a free port; --examples-port also serves docs/examples (or DIR) on that port,
  another origin, to try the partner embed (docs/embed.md)`;

/** A port number from the command line, or exits with a message. */
function portOption(value, name) {
  const port = Number(value);
  if (!(value !== "" && Number.isInteger(port) && port >= 0 && port < 65536)) {
    console.error(`redflag: ${name} must be a number from 0 to 65535`);
    process.exit(2);
  }
  return port;
}

/** Serves `options` and prints where; resolves to { server, origin }. */
async function listen(options, note = "") {
  const server = await serve(options);
  const { address, port } = server.address();
  const origin = `http://${address}:${port}`;
  console.log(`redflag: serving ${path.resolve(options.root)} at ${origin}/${note}`);
  return { server, origin };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const root = opts.root ?? DEFAULT_ROOT;
  const host = opts.host ?? "127.0.0.1";
  const frameAncestors = opts.frameAncestors ?? DEFAULT_FRAME_ANCESTORS;
  try {
    csp(frameAncestors);
  } catch (err) {
    console.error(`redflag: --${err.message}`);
    process.exit(2);
  }
  try {
    const widget = await listen({ root, host, frameAncestors, port: opts.port === undefined ? 8080 : portOption(opts.port, "the port") });
    const servers = [widget.server];
    if (opts.examplesPort !== undefined) {
      const examples = {
        root: opts.examplesRoot ?? EXAMPLES_ROOT,
        host,
        headers: EXAMPLE_HEADERS,
        port: portOption(opts.examplesPort, "--examples-port"),
        rewriteHtml: exampleFor(widget.origin),
      };
      servers.push((await listen(examples, " (the partner examples: another origin, like a partner's site)")).server);
    }
    const stop = () => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))).then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  } catch (err) {
    console.error(`redflag: cannot serve: ${err.message}`);
    process.exit(1);
  }
}
