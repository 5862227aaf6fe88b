#!/usr/bin/env node
// What the wasm module's bytes are spent on: `node scripts/wasm-size.mjs [FILE] [--top N]`
// (part of `make bench`).
//
// `--crate NAME` lists the largest functions of one crate only.
//
// Reads the module cargo builds for wasm32 (before wasm-bindgen and wasm-opt strip its names;
// FILE defaults to target/wasm32-unknown-unknown/release/redflag.wasm) and prints its sections,
// the code per crate (from each function's mangled name) and the largest functions. Sizes are
// of this unoptimised-for-size module; the shipped one is smaller after wasm-opt, in about the
// same proportions. Ends with one line starting `wasm-size:` for scripts.

import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { repoPath } from "../tests/browser/lib/paths.mjs";

const SECTION_NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count"];

/** A reader of the module's LEB128 numbers and names, from `offset`. */
class Reader {
  constructor(bytes, offset = 0) {
    this.bytes = bytes;
    this.at = offset;
  }
  u32() {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = this.bytes[this.at++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  }
  name() {
    const length = this.u32();
    const text = this.bytes.subarray(this.at, this.at + length).toString("utf8");
    this.at += length;
    return text;
  }
}

/** The module's sections: `{ id, name, start, size }`, in order. */
function sections(bytes) {
  const found = [];
  const reader = new Reader(bytes, 8);
  while (reader.at < bytes.length) {
    const id = bytes[reader.at++];
    const size = reader.u32();
    const start = reader.at;
    const name = id === 0 ? new Reader(bytes, start).name() : SECTION_NAMES[id] ?? `section ${id}`;
    found.push({ id, name, start, size });
    reader.at = start + size;
  }
  return found;
}

/** Function index → name, from the `name` custom section. */
function functionNames(bytes, nameSection) {
  const names = new Map();
  if (!nameSection) return names;
  const reader = new Reader(bytes, nameSection.start);
  reader.name();
  const end = nameSection.start + nameSection.size;
  while (reader.at < end) {
    const kind = bytes[reader.at++];
    const size = reader.u32();
    const next = reader.at + size;
    if (kind === 1) {
      for (let count = reader.u32(); count > 0; count--) names.set(reader.u32(), reader.name());
    }
    reader.at = next;
  }
  return names;
}

/** The body size of every function defined in the module, by function index. */
function bodySizes(bytes, codeSection, importedFunctions) {
  const reader = new Reader(bytes, codeSection.start);
  const sizes = [];
  for (let count = reader.u32(), index = importedFunctions; count > 0; count--, index++) {
    const size = reader.u32();
    sizes.push({ index, size });
    reader.at += size;
  }
  return sizes;
}

function importedFunctionCount(bytes, importSection) {
  if (!importSection) return 0;
  const reader = new Reader(bytes, importSection.start);
  let functions = 0;
  for (let count = reader.u32(); count > 0; count--) {
    reader.name();
    reader.name();
    const kind = bytes[reader.at++];
    if (kind === 0) {
      functions++;
      reader.u32();
    } else if (kind === 1) {
      reader.at++;
      limits(reader);
    } else if (kind === 2) {
      limits(reader);
    } else {
      reader.at += 2;
    }
  }
  return functions;
}

function limits(reader) {
  const flags = reader.bytes[reader.at++];
  reader.u32();
  if (flags & 1) reader.u32();
}

const STD_CRATES = new Set(["core", "alloc", "std"]);

/** The crate a Rust symbol's code is for: of the crates its legacy mangled name mentions
 *  (`_ZN12aho_corasick...`, `core::ptr::drop_in_place<redflag::pack::X>`, `<toml::de::... as
 *  serde_core::...>`), the first that is not the standard library's, so generic code counts
 *  under the crate that instantiates it. */
function crateOf(symbol) {
  if (symbol.startsWith("_R")) return crateOfV0(symbol);
  const legacy = /^_ZN(\d+)/.exec(symbol);
  if (!legacy) return symbol.includes("::") ? symbol.split("::")[0] : "(exports and glue)";
  const segment = symbol.substr(3 + legacy[1].length, Number(legacy[1]));
  const first = /([a-z_][a-z0-9_]*)\.\./.exec(segment)?.[1] ?? segment;
  const mentioned = [first, ...[...symbol.matchAll(/(?:\$LT\$|\$u20\$|\$C\$|\$RF\$|_)([a-z_][a-z0-9_]*)\.\./g)].map((m) => m[1])];
  return mentioned.find((crate) => !STD_CRATES.has(crate)) ?? first;
}

/** The same for a v0 mangled name (`_RNv...Cs<hash>_4core...`), as the standard library has:
 *  each crate root is `C`, an optional `s<hash>_`, then the name with its length. */
function crateOfV0(symbol) {
  const crates = [...symbol.matchAll(/C(?:s[0-9A-Za-z]*_)?(\d+)/g)].map((m) => symbol.substr(m.index + m[0].length, Number(m[1])));
  return crates.find((crate) => !STD_CRATES.has(crate)) ?? crates[0] ?? "(exports and glue)";
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function main() {
  const args = process.argv.slice(2);
  const topAt = args.indexOf("--top");
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 15;
  const crateAt = args.indexOf("--crate");
  const onlyCrate = crateAt >= 0 ? args.splice(crateAt, 2)[1] : null;
  const file = args[0] ?? repoPath("target/wasm32-unknown-unknown/release/redflag.wasm");
  const bytes = readFileSync(file);
  const all = sections(bytes);
  const byName = (name) => all.find((s) => s.name === name);
  const code = byName("code");
  const names = functionNames(bytes, byName("name"));
  if (!code || names.size === 0) {
    console.error(`${file}: no code or no function names (build with cargo for wasm32, before wasm-opt)`);
    process.exit(1);
  }
  const functions = bodySizes(bytes, code, importedFunctionCount(bytes, byName("import")));

  console.log(`${file}: ${kb(bytes.length)} raw, ${kb(gzipSync(bytes, { level: 9 }).length)} gzip -9`);
  console.log("\nsections (raw):");
  for (const section of [...all].sort((a, b) => b.size - a.size).slice(0, 8)) {
    console.log(`  ${section.name.padEnd(24)} ${kb(section.size).padStart(10)}`);
  }

  const perCrate = new Map();
  for (const { index, size } of functions) {
    const crate = crateOf(names.get(index) ?? "");
    perCrate.set(crate, (perCrate.get(crate) ?? 0) + size);
  }
  const crates = [...perCrate].sort((a, b) => b[1] - a[1]);
  console.log(`\ncode by crate (${functions.length} functions, ${kb(code.size)}):`);
  for (const [crate, size] of crates.slice(0, top)) {
    console.log(`  ${crate.padEnd(24)} ${kb(size).padStart(10)}  ${((100 * size) / code.size).toFixed(1).padStart(5)} %`);
  }

  console.log(`\nlargest functions${onlyCrate ? ` of ${onlyCrate}` : ""}:`);
  const shown = onlyCrate ? functions.filter(({ index }) => crateOf(names.get(index) ?? "") === onlyCrate) : functions;
  for (const { index, size } of [...shown].sort((a, b) => b.size - a.size).slice(0, top)) {
    console.log(`  ${kb(size).padStart(10)}  ${(names.get(index) ?? `#${index}`).slice(0, 110)}`);
  }
  const data = byName("data")?.size ?? 0;
  console.log(`\nwasm-size: raw=${bytes.length} code=${code.size} data=${data} ${crates.slice(0, 5).map(([c, s]) => `${c}=${s}`).join(" ")}`);
}

main();
