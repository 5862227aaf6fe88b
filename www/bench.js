// The engine benchmark page (bench.html): how fast the WebAssembly engine starts and scans.
//
// It generates the same synthetic 10 MB chat as benches/throughput.rs (same PRNG, same
// invented lines from bench-chat.json, byte for byte: compare the `chat:` checksums), then measures:
//   - module init: fetch + compile + instantiate of pkg/redflag.js and its .wasm;
//   - first result: the first scan of a 12-message chat (it builds the engine from the packs);
//   - warm latency of that scan;
//   - full-pipeline throughput: scan(messages, {}) over the whole chat, best of 3.
// MB = 10^6 bytes of the chat's UTF-8 text. Latencies need a cross-origin isolated page
// (COEP require-corp, added by bench.mjs) for a timer finer than 100 µs. Results go to the table, to `window.benchResults`,
// and <html data-bench="done"> (or "failed") tells tests/browser/bench.mjs they are there.

const T0 = performance.now();
const CHAT_BYTES = 10_000_000;
const FULL_RUNS = 3;
const LATENCY_RUNS = 2000;

// ---------------------------------------------------------------------------------------
// The synthetic chat (keep in step with benches/throughput.rs).

/** xorshift64*, as in the native benchmark. */
class Rng {
  constructor(seed) {
    this.x = BigInt.asUintN(64, seed);
  }
  next() {
    let x = this.x;
    x ^= x >> 12n;
    x = BigInt.asUintN(64, x ^ (x << 25n));
    x ^= x >> 27n;
    this.x = x;
    return BigInt.asUintN(64, x * 0x2545f4914f6cdd1dn);
  }
  below(n) {
    const hi = Number(this.next() >> 32n);
    return Math.floor((hi * n) / 2 ** 32);
  }
  pick(items) {
    return items[this.below(items.length)];
  }
  chance(percent) {
    return this.below(100) < percent;
  }
}

// The invented words, shared with benches/throughput.rs.
const VOCABULARY = await (await fetch("./bench-chat.json")).json();
const { times: TIMES, emoji: EMOJI, worrying: WORRYING } = VOCABULARY;

function fill(rng, lang, template) {
  return template.replace(/\{([nwpt])\}/g, (_, slot) => {
    if (slot === "n") return rng.pick(lang.names);
    if (slot === "w") return rng.pick(lang.things);
    if (slot === "p") return rng.pick(lang.places);
    return rng.pick(TIMES);
  });
}

function message(rng, lang) {
  const speaker = rng.pick(lang.names);
  let text = rng.chance(22) ? rng.pick(lang.reactions) : fill(rng, lang, rng.pick(lang.lines));
  if (rng.chance(10)) text = text.toUpperCase();
  if (rng.chance(8)) {
    const at = Math.max(text.lastIndexOf("a"), text.lastIndexOf("e"), text.lastIndexOf("o"), text.lastIndexOf("u"));
    if (at >= 0) text = text.slice(0, at) + text[at].repeat(3) + text.slice(at);
  }
  if (rng.chance(25)) {
    text += " ";
    const n = 1 + rng.below(3);
    for (let i = 0; i < n; i++) text += rng.pick(EMOJI);
  }
  if (rng.chance(6)) text += "\n" + fill(rng, lang, rng.pick(lang.lines));
  return { speaker, text };
}

const encoder = new TextEncoder();
const utf8Length = (s) => encoder.encode(s).length;

/** About `bytes` of chat text in messages `{speaker, text}`. */
export function syntheticChat(bytes) {
  const rng = new Rng(0x9e3779b97f4a7c15n);
  const langs = [VOCABULARY.langs.en, VOCABULARY.langs.nl, VOCABULARY.langs.fr];
  const messages = [];
  let size = 0;
  let lang = langs[0];
  while (size < bytes) {
    if (rng.chance(1)) lang = langs[rng.below(3)];
    let m;
    if (rng.below(400) === 0) {
      const [speaker, text] = WORRYING[rng.below(WORRYING.length)];
      m = { speaker, text };
    } else {
      m = message(rng, lang);
    }
    size += utf8Length(m.text);
    messages.push(m);
  }
  return { messages, bytes: size };
}

/** FNV-1a (32 bits) over every message's UTF-8 text, to compare with the native chat. */
function checksum(messages) {
  let h = 0x811c9dc5;
  for (const m of messages) {
    for (const b of encoder.encode(m.text)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

const TYPICAL = VOCABULARY.typical.map(([speaker, text]) => ({ speaker, text }));

// ---------------------------------------------------------------------------------------
// Running and showing.

const status = document.getElementById("status");
const rows = document.querySelector("#results tbody");

function row(measure, value, target = "", met = null) {
  const tr = document.createElement("tr");
  for (const cell of [measure, value, target, met === null ? "" : met ? "met" : "MISSED"]) {
    const td = document.createElement("td");
    td.textContent = cell;
    tr.append(td);
  }
  rows.append(tr);
}

/** Lets the page paint the status before a long synchronous step. */
const breathe = () => new Promise((r) => setTimeout(r, 0));

async function run() {
  // Only a cross-origin isolated page has a fine timer (bench.mjs serves it so).
  const results = { startedAt: T0, isolated: self.crossOriginIsolated === true };
  const t = performance.now();
  const mod = await import("./pkg/redflag.js");
  await mod.default();
  results.initMs = performance.now() - t;
  results.readyAt = performance.now();

  const t1 = performance.now();
  const first = mod.scan(TYPICAL, {});
  results.firstResultMs = performance.now() - t1;
  results.typicalRisk = first.risk;

  const latencies = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const s = performance.now();
    mod.scan(TYPICAL, {});
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  results.latencyP50Ms = latencies[Math.floor(latencies.length / 2)];
  results.latencyP99Ms = latencies[Math.round((latencies.length - 1) * 0.99)];

  status.textContent = "Generating the chat…";
  await breathe();
  const g = performance.now();
  const { messages, bytes } = syntheticChat(CHAT_BYTES);
  results.generateMs = performance.now() - g;
  results.chatBytes = bytes;
  results.chatMessages = messages.length;
  results.chatChecksum = checksum(messages);

  const runs = [];
  let report;
  for (let i = 0; i < FULL_RUNS; i++) {
    status.textContent = `Scanning the chat, run ${i + 1} of ${FULL_RUNS}…`;
    await breathe();
    const s = performance.now();
    report = mod.scan(messages, {});
    runs.push(performance.now() - s);
  }
  results.fullRunsMs = runs;
  results.fullBestMs = Math.min(...runs);
  results.fullMBs = bytes / 1e6 / (results.fullBestMs / 1e3);
  results.chatRisk = report.risk;
  results.chatSignals = report.signals.length;
  results.chatHits = report.signals.reduce((n, s) => n + s.count, 0);
  return results;
}

run().then(
  (r) => {
    row("module init (fetch + compile + instantiate)", `${r.initMs.toFixed(1)} ms`);
    row("first result, 12-message chat (builds the engine)", `${r.firstResultMs.toFixed(1)} ms`);
    row("warm latency, 12-message chat, median / p99", `${(r.latencyP50Ms * 1e3).toFixed(0)} / ${(r.latencyP99Ms * 1e3).toFixed(0)} µs`);
    row(`chat: ${(r.chatBytes / 1e6).toFixed(2)} MB, ${r.chatMessages} messages, fnv ${r.chatChecksum}`, `${r.generateMs.toFixed(0)} ms to generate`);
    row("full pipeline, scan(messages), best of 3", `${r.fullMBs.toFixed(1)} MB/s`, "≥ 60 MB/s", r.fullMBs >= 60);
    status.textContent = `Done: risk ${r.chatRisk}, ${r.chatSignals} signals, ${r.chatHits} matches in the big chat.`;
    window.benchResults = r;
    document.documentElement.dataset.bench = "done";
  },
  (err) => {
    status.textContent = `The benchmark failed: ${err && err.message ? err.message : err}`;
    window.benchResults = { error: String(err && err.stack ? err.stack : err) };
    document.documentElement.dataset.bench = "failed";
  },
);
