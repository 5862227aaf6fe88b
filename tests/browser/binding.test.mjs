// The module's JavaScript surface, run in Node on the built www/pkg: messages passed as
// objects give the command line's reports, options are checked key by key, bad messages are
// refused with their index, and the TypeScript types name every result (no `any`).
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { repoPath } from "./lib/paths.mjs";

let engine;

before(async () => {
  engine = await import(repoPath("www/pkg/redflag.js"));
  engine.initSync({ module: readFileSync(repoPath("www/pkg/redflag_bg.wasm")) });
});

const CHAT = [
  { speaker: "Alex", text: "how old are you?" },
  { speaker: "Sam", text: "14" },
  { speaker: "Alex", text: "send me a pic, keep it secret" },
];

test("messages passed as objects give the command line's report for every parity input and dev case", () => {
  for (const file of ["tests/parity/inputs.jsonl", "tests/cases/dev.jsonl"]) {
    const records = readFileSync(repoPath(file), "utf8").split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
    const native = execFileSync(repoPath("target/release/redflag"), ["scan", "--jsonl", repoPath(file)], { encoding: "utf8", maxBuffer: 1 << 28 })
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    assert.equal(native.length, records.length, file);
    records.forEach((record, index) => {
      const options = { lang: record.lang ?? "auto", ...(record.self ? { self: record.self } : {}) };
      const { id, ...expected } = native[index];
      assert.equal(id, record.id);
      assert.deepEqual(engine.scan(record.messages, options), expected, `${file}: ${record.id}`);
    });
  }
});

test("an unknown option is an error that names it, in every function that takes options", () => {
  assert.throws(() => engine.scan(CHAT, { slef: "Sam" }), /unknown field `slef`/);
  assert.throws(() => engine.scanChat("Alex: hi", { uilang: "nl" }), /unknown field `uilang`/);
  assert.throws(() => engine.parseChat("Alex: hi", { formt: "plain" }), /unknown field `formt`/);
  assert.throws(() => engine.evaluate([], null, { treshold: "low" }), /unknown field `treshold`/);
  assert.equal(engine.scan(CHAT, { self: "Sam", lang: "auto", uiLang: "en" }).risk, "high");
  assert.equal(engine.scan(CHAT, { self: undefined, lang: null }).messages, 3, "undefined and null mean left out");
});

test("a message without text, or with a time that is not a string, is refused with its index", () => {
  assert.throws(() => engine.scan([...CHAT, { speaker: "Alex" }], {}), /message 3 has no text/);
  assert.throws(() => engine.scan([{ text: "hi", time: 5 }], {}), /message 0: time is not a string/);
  assert.throws(() => engine.scan([CHAT[0], "hi"], {}), /message 1 is not an object/);
  assert.throws(() => engine.scan({ text: "hi" }, {}), /a string or an array of messages/);
  assert.equal(engine.scan([{ text: "hi", speaker: null, extra: 1 }], {}).messages, 1, "null and other keys are fine");
});

test("the TypeScript types name what every export takes and returns, without any", () => {
  const types = readFileSync(repoPath("www/pkg/redflag.d.ts"), "utf8");
  const exports = types.split("\n").filter((line) => line.startsWith("export function"));
  assert.ok(exports.length >= 10, `${exports.length} exported functions`);
  for (const line of exports) assert.doesNotMatch(line, /\bany\b/, line);
  for (const name of ["Report", "ScannedChat", "ParsedChat", "Helpline", "CorpusEvaluation", "Options", "ChatMessage"]) {
    assert.match(types, new RegExp(`export (interface|type) ${name}\\b`), name);
  }
});
