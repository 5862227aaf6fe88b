// Checks data/helplines.toml against the rules it is built by (no browser needed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseToml } from "./lib/toml-lite.mjs";
import { repoPath } from "./lib/paths.mjs";

const source = readFileSync(repoPath("data/helplines.toml"), "utf8");
const data = parseToml(source);
const countries = data.country;
const byCode = Object.fromEntries(countries.map((c) => [c.code, c]));
// A source that is one of the project's seed documents (shared/reference/seeds/).
const SEED = /^seeds\/\d{3}_[0-9a-f]{16}\.txt$/;
const SEEDS = repoPath("..", "shared", "reference");
const all = countries.flatMap((c) => c.service.map((s) => ({ ...s, country: c.code })));

test("covers the countries in order, Belgium first, with a fallback", () => {
  assert.deepEqual(
    countries.map((c) => c.code),
    ["BE", "NL", "FR", "LU", "DE", "GB", "IE", "US", "CA", "AU", "INT"],
  );
  for (const c of countries) {
    for (const lang of ["en", "nl", "fr"]) assert.ok(c.name?.[lang], `${c.code} name.${lang}`);
    assert.ok(c.service.length > 0, `${c.code} has services`);
  }
});

test("every service is complete and sourced", () => {
  const fields = new Set(["name", "kind", "langs", "phone", "tel", "web", "free", "hours", "topics", "note", "sources"]);
  for (const s of all) {
    const where = `${s.country} ${s.name} (${s.kind})`;
    for (const key of Object.keys(s)) if (key !== "country") assert.ok(fields.has(key), `${where}: unknown field ${key}`);
    assert.ok(["talk", "report", "remove", "info", "emergency"].includes(s.kind), `${where}: kind`);
    if ("langs" in s) assert.ok(s.langs.length && s.langs.every((l) => ["en", "nl", "fr"].includes(l)), `${where}: langs`);
    assert.ok(s.phone || s.web, `${where}: has a phone or a web address`);
    assert.equal(Boolean(s.phone), Boolean(s.tel), `${where}: phone and tel go together`);
    if (s.tel) assert.match(s.tel, /^\d{2,15}$/, `${where}: tel is digits`);
    if (s.phone && /^[\d\s–-]+$/.test(s.phone)) {
      assert.equal(s.phone.replace(/\D/g, ""), s.tel, `${where}: tel matches phone`);
    }
    if (s.web) assert.match(s.web, /^https?:\/\/[^\s.]+\.[^\s]+$/, `${where}: web`);
    if ("free" in s) assert.equal(s.free, true, `${where}: free is only ever stated as true`);
    assert.ok(Array.isArray(s.topics) && s.topics.length, `${where}: topics`);
    for (const topic of s.topics) assert.ok(["grooming", "sextortion", "exposure", "exploitation"].includes(topic), `${where}: topic ${topic}`);
    for (const lang of ["en", "nl", "fr"]) {
      assert.ok(s.note?.[lang], `${where}: note.${lang}`);
      assert.ok(s.note[lang].length <= 160, `${where}: note.${lang} is one short sentence`);
    }
    assert.ok(Array.isArray(s.sources) && s.sources.length, `${where}: sources`);
    for (const source of s.sources) {
      if (SEED.test(source)) continue;
      assert.match(source, /^https?:\/\/[^\s]+$/, `${where}: source ${source} is a web address or a seed document`);
      assert.ok(!source.includes("..."), `${where}: source is a full address, not a shortened one: ${source}`);
    }
  }
});

test("nothing unverified or known wrong is in the file", () => {
  assert.ok(!/UNVERIFIED/i.test(JSON.stringify(data)), "no value says UNVERIFIED");
  const phones = all.map((s) => `${s.country} ${s.tel ?? ""}`);
  const banned = [
    "BE 110", // old Child Focus number
    "FR 0800200000", // Net Ecoute, replaced by 3018
    "DE 08001110333", // old Nummer gegen Kummer
    "US 18003633333", // wrong US child abuse hotline
    "DE 110", // police 110 is unverified in the sources
    "IE 999", // unverified in the sources
  ];
  for (const b of banned) assert.ok(!phones.includes(b), `${b} must not be listed`);
  for (const code of ["BE", "NL", "IE", "GB"]) {
    assert.ok(!all.some((s) => s.country === code && s.tel === "116111"), `116 111 is not verified for ${code}`);
  }
  const webs = all.map((s) => s.web ?? "").join(" ");
  for (const unverified of ["awel.be", "103ecoute.be", "payboy", "accce.gov.au/report"]) {
    assert.ok(!webs.includes(unverified), `${unverified} is unverified`);
  }
});

test("a seed document given as a source names the service's web address", { skip: !existsSync(SEEDS) && "shared/reference is not beside the repository" }, () => {
  const seeded = all.filter((s) => s.sources.some((source) => SEED.test(source)));
  assert.ok(seeded.length >= 4, "the Child Focus sites named in the seeds are listed");
  for (const s of seeded) {
    const host = new URL(s.web).host.replace(/^www\./, "");
    for (const seed of s.sources.filter((source) => SEED.test(source))) {
      const text = readFileSync(path.join(SEEDS, seed), "utf8").toLowerCase();
      assert.ok(text.includes(host), `${s.name}: ${seed} names ${host}`);
    }
  }
});

test("Belgium lists the Child Focus services of the seed documents where they fit", () => {
  const be = (name) => byCode.BE.service.find((s) => s.name === name);
  const expected = {
    "misbruikbeelden.be": ["report", ["nl", "en"], ["sextortion", "exposure"]],
    "imagesdabus.be": ["report", ["fr", "en"], ["sextortion", "exposure"]],
    "stoptienerpooiers.be": ["info", ["nl", "en"], ["exploitation"]],
    "stopproxenetes-ados.be": ["info", ["fr", "en"], ["exploitation"]],
    "sexting.be": ["info", ["nl"], ["exposure"]],
  };
  for (const [name, [kind, langs, topics]] of Object.entries(expected)) {
    const s = be(name);
    assert.ok(s, `BE lists ${name}`);
    assert.deepEqual([s.kind, s.langs, s.topics], [kind, langs, topics], name);
  }
});

test("Belgium starts with Child Focus 116 000, free and 24/7", () => {
  const first = byCode.BE.service[0];
  assert.equal(first.name, "Child Focus");
  assert.equal(first.kind, "talk");
  assert.equal(first.tel, "116000");
  assert.equal(first.free, true);
  assert.equal(first.hours, "24/7");
  const tels = byCode.BE.service.map((s) => s.tel);
  for (const tel of ["102", "103", "101", "112"]) assert.ok(tels.includes(tel), `BE has ${tel}`);
});

test("every country has someone to talk to or an emergency number, and the fallback has the global tools", () => {
  for (const c of countries) {
    const kinds = new Set(c.service.map((s) => s.kind));
    assert.ok(kinds.has("emergency"), `${c.code} has an emergency number`);
    if (c.code !== "INT") assert.ok(kinds.has("talk"), `${c.code} has a helpline to talk to`);
  }
  const names = byCode.INT.service.map((s) => s.name);
  for (const n of ["Take It Down", "StopNCII.org", "112"]) assert.ok(names.includes(n), `INT has ${n}`);
});

test("www/index.html carries the current directory (make runs scripts/helplines-page.mjs)", async () => {
  const { fill, PAGE } = await import("../../scripts/helplines-page.mjs");
  const page = readFileSync(PAGE, "utf8");
  assert.equal(fill(page, source), page, "www/index.html is out of date: run node scripts/helplines-page.mjs");
});
