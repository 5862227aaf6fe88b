// Writes the helpline directory (data/helplines.toml) into www/index.html, between the
// "helplines:begin" and "helplines:end" markers: the page's copy as JSON, and Belgium's first
// helpline and emergency number as plain HTML, so that 116 000 is on screen at the first paint
// and stays there when the engine is slow or never loads.
//
// index.html is committed with the result, so that a fresh clone or a plain static server
// shows it; `make` runs this before serving, testing or packaging, and
// tests/browser/helplines.test.mjs fails when the committed copy is out of date.
//
//   node scripts/helplines-page.mjs [--check]

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { parseToml } from "../tests/browser/lib/toml-lite.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TOML = path.join(ROOT, "data/helplines.toml");
export const PAGE = path.join(ROOT, "www/index.html");
const BEGIN = "<!-- helplines:begin (written by scripts/helplines-page.mjs from data/helplines.toml) -->";
const END = "<!-- helplines:end -->";
const FIRST_PAINT = "BE";

/** The page's copy of the directory: per country, its names and services (the page shows no sources). */
export function directory(toml) {
  const out = {};
  for (const { code, name, service } of parseToml(toml).country) {
    out[code] = { name, services: service.map(({ sources, ...shown }) => shown) };
  }
  return out;
}

const escapeHtml = (text) => String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
/** Phone numbers never break over two lines. */
export const nbsp = (phone) => phone.replace(/ /g, "\u00a0");

/** One service as the first paint shows it, before any script runs: name and a call link. */
function firstPaintItem({ name, kind, phone, tel }) {
  return [
    `<li class="helpline helpline--${kind}"><p class="helpline__name">${escapeHtml(name)}</p>`,
    `<p class="helpline__links"><a class="call" href="tel:${escapeHtml(tel)}">${escapeHtml(nbsp(phone))}</a></p></li>`,
  ].join("");
}

/** What goes between the markers, for the TOML text `toml`. */
export function region(toml) {
  const data = directory(toml);
  // JSON inside <script>: "<" escaped, so no text in it can end the element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  const services = data[FIRST_PAINT].services.filter((s) => s.tel);
  const shown = [services.find((s) => s.kind === "talk"), services.findLast((s) => s.kind === "emergency")].filter(Boolean);
  return [
    BEGIN,
    `<script type="application/json" id="helplines-data">${json}</script>`,
    `<div id="aside-helplines" class="aside__list"><ul class="helplines__list">${shown.map(firstPaintItem).join("")}</ul></div>`,
    END,
  ].join("\n");
}

/** `page` (index.html's text) with its region replaced. */
export function fill(page, toml) {
  const start = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${PAGE}: the helplines markers are missing`);
  return page.slice(0, start) + region(toml) + page.slice(end + END.length);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const page = readFileSync(PAGE, "utf8");
  const filled = fill(page, readFileSync(TOML, "utf8"));
  if (process.argv.includes("--check")) {
    if (filled !== page) {
      console.error("www/index.html is out of date with data/helplines.toml: run node scripts/helplines-page.mjs");
      process.exit(1);
    }
  } else if (filled !== page) {
    writeFileSync(PAGE, filled);
  }
}
