// The engine benchmark page (bench.html): how fast the WebAssembly engine starts and scans.
//
// It generates the same synthetic 10 MB chat as benches/throughput.rs (same PRNG, same
// invented lines, byte for byte: compare the `chat:` checksums), then measures:
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

const EN = {
  names: ["Alex", "Sam", "Mila", "Jayden", "Chloe", "Ethan", "Ruby", "Kai", "Maya", "Leo"],
  lines: [
    "did you finish the {w} homework or not",
    "omg {n} just sent the funniest video in the group chat",
    "are you coming to {p} after school?",
    "my mum says I can only stay until 6 so we have to be quick",
    "can you send me the {w} notes, I was off sick yesterday",
    "lol no way, that's actually so embarrassing",
    "wait what happened with {n} at lunch",
    "I have practice at {t} but I can come after",
    "this teacher is soooo annoying honestly",
    "who's going to {p} on saturday??",
    "I failed the {w} test again, my dad is going to kill me",
    "did you see the new episode, don't spoil it",
    "brb dinner",
    "ok see you at {p} at {t}",
    "hahaha I'm literally crying",
    "my phone is on 3% I'll text you later",
    "can we do the {w} project together? pls",
    "she said it's fine but I don't really believe her",
    "the bus was late again so I missed the first lesson",
    "I'm so tired, I stayed up until 2 watching videos",
    "{n} is so weird today, is something wrong?",
    "do you want to play tonight? I'm online at {t}",
    "thanks for helping me with {w} earlier",
    "I can't find my PE kit anywhere",
    "we're getting pizza after {p}, you in?",
    "noooo I forgot it was due today",
    "just got home, what's up",
    "are you still mad about the thing with {n}",
  ],
  things: ["maths", "science", "history", "geography", "English", "French", "art", "music", "biology", "chemistry"],
  places: ["the park", "the library", "training", "the mall", "Mila's house", "the cinema", "the pool", "football"],
  reactions: ["lol", "ok", "yeah", "omg", "haha", "same", "wait what", "fr", "nah", "bet", "true", "ikr", "k"],
};

const NL = {
  names: ["Noor", "Daan", "Sanne", "Lotte", "Bram", "Fenna", "Jesse", "Lieke", "Milan", "Saar"],
  lines: [
    "heb jij de {w} al af? ik snap vraag 4 niet",
    "wie gaat er zaterdag mee naar {p}?",
    "mijn moeder zegt dat ik om 6 uur thuis moet zijn",
    "haha {n} is echt de grappigste van de klas",
    "kun je de samenvatting van {w} sturen, ik was ziek",
    "ik heb om {t} training maar daarna kan ik wel",
    "die toets van {w} was echt niet normaal moeilijk",
    "zie je morgen bij {p}!",
    "ik ben zo moe, veel te laat gaan slapen",
    "wat is er met {n} gebeurd vandaag?",
    "zullen we samen aan het project werken? 🙏",
    "mijn telefoon is bijna leeg, ik app je straks",
    "de bus had weer vertraging dus ik was te laat",
    "gaan we na school friet halen?",
    "ik heb geen zin in de toets morgen 😭",
    "heb je de nieuwe aflevering al gezien? niet spoilen",
    "ben net thuis, wat doe je",
    "doe je vanavond mee met gamen? ik ben om {t} online",
    "dank je voor je hulp met {w} 💛",
    "we spreken om {t} af bij {p} oké?",
  ],
  things: ["wiskunde", "aardrijkskunde", "geschiedenis", "biologie", "Frans", "Engels", "scheikunde", "economie"],
  places: ["het park", "de bieb", "de sporthal", "het zwembad", "de stad", "Lotte d'r huis", "de bioscoop"],
  reactions: ["haha", "oké", "ja", "nee joh", "echt?", "lol", "hahaha", "klopt", "top", "jaa", "oei"],
};

const FR = {
  names: ["Lou", "Inès", "Théo", "Chloé", "Léa", "Maël", "Noah", "Zoé", "Hugo", "Manon"],
  lines: [
    "t'as fini les devoirs de {w} ? je comprends rien",
    "qui vient à {p} samedi ?",
    "ma mère veut que je rentre avant 18h",
    "mdr {n} est trop drôle aujourd'hui",
    "tu peux m'envoyer le cours de {w}, j'étais malade",
    "j'ai entraînement à {t} mais après je peux",
    "le contrôle de {w} était vraiment trop dur",
    "on se retrouve à {p} à {t} ?",
    "je suis crevé, je me suis couché super tard",
    "il s'est passé quoi avec {n} à la cantine ?",
    "on fait l'exposé ensemble ? stp 🙏",
    "j'ai plus de batterie, je t'écris après",
    "le bus était encore en retard, j'ai raté le début du cours",
    "on va au kebab après les cours ?",
    "j'ai trop la flemme pour le contrôle de demain 😭",
    "t'as vu le nouvel épisode ? ne spoile pas",
    "je viens de rentrer, tu fais quoi",
    "tu joues ce soir ? je suis connecté à {t}",
    "merci pour ton aide en {w} ❤️",
    "c'est pas grave, ça arrive à tout le monde",
  ],
  things: ["maths", "histoire-géo", "français", "anglais", "SVT", "physique-chimie", "espagnol", "musique"],
  places: ["la piscine", "la bibliothèque", "l'entraînement", "la médiathèque", "chez Léa", "le cinéma", "le parc"],
  reactions: ["mdr", "ok", "ouais", "grave", "ptdr", "jsp", "trop bien", "ah bon ?", "d'accord", "oui", "tkt"],
};

const TIMES = ["4", "5", "half 5", "16h", "17h30", "7pm", "8", "19u", "half acht", "20h"];
const EMOJI = ["😂", "❤️", "🙏", "😭", "👀", "🔥", "✨", "🥺", "😅", "👍", "💀", "🤣"];

const WORRYING = [
  ["Mark", "how old are you? you seem really mature for your age"],
  ["Mark", "don't tell your parents about us, it's our little secret"],
  ["Mark", "are your parents home right now?"],
  ["Mark", "send me a pic of you, just for me 😉"],
  ["Mark", "delete this chat after ok"],
  ["Mark", "let's meet this weekend, I can pick you up"],
  ["Jay", "I have your pics. pay me 200 euros or I send them to all your friends"],
  ["Peter", "hoe oud ben je eigenlijk? je lijkt ouder"],
  ["Peter", "zeg niks tegen je ouders, dit blijft tussen ons"],
  ["Peter", "stuur eens een foto van jezelf"],
  ["Marc", "t'as quel âge ? tu fais plus mûre"],
  ["Marc", "dis rien à tes parents, c'est notre secret"],
  ["Marc", "envoie-moi une photo de toi"],
];

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
  const langs = [EN, NL, FR];
  const messages = [];
  let size = 0;
  let lang = EN;
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

const TYPICAL = [
  ["Sam", "hey who is this?"],
  ["Mark", "hi Sam! I saw your videos, you're really good at dancing 😊"],
  ["Sam", "oh thanks haha"],
  ["Mark", "how old are you btw?"],
  ["Sam", "14"],
  ["Mark", "you seem really mature for your age"],
  ["Sam", "lol thanks I guess"],
  ["Mark", "do your parents check your phone?"],
  ["Sam", "not really why"],
  ["Mark", "don't tell them about us ok, it's our little secret 🤫"],
  ["Mark", "send me a pic of you? just for me"],
  ["Sam", "idk... I have to go, dinner"],
].map(([speaker, text]) => ({ speaker, text }));

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

  const j = performance.now();
  const json = JSON.stringify(messages);
  results.stringifyMs = performance.now() - j;
  results.jsonBytes = json.length;

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
    row("  of which JSON.stringify of the input (approx.)", `${r.stringifyMs.toFixed(0)} ms of ${r.fullBestMs.toFixed(0)} ms`);
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
