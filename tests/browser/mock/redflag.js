// A stand-in for www/pkg/redflag.js with the same JS API (docs/report.md, schema 2), for working on
// the page before the wasm module is built: REDFLAG_MOCK=1 node --test tests/browser/
// It knows a handful of phrases only. The real tests run against the real module.

const HELPLINE_DATA = "__HELPLINES_JSON__";

const SIGNALS = [
  { id: "grooming.age_probe", category: "grooming", weight: 2, phrases: ["how old are you", "hoe oud ben je", "t'as quel âge"],
    explain: { en: "They asked how old you are.", nl: "Ze vroegen hoe oud je bent.", fr: "On t'a demandé ton âge." } },
  { id: "grooming.secrecy", category: "grooming", weight: 3, phrases: ["don't tell your parents", "our little secret", "zeg niks tegen je ouders", "ons geheimpje", "dis rien à tes parents", "notre petit secret", "delete our chat", "wis onze chat", "efface notre conversation"],
    explain: { en: "They asked you to keep your chats secret.", nl: "Ze vroegen om jullie chats geheim te houden.", fr: "On t'a demandé de garder vos discussions secrètes." } },
  { id: "grooming.image_request", category: "grooming", weight: 3, phrases: ["send me a pic", "stuur eens een foto", "envoie-moi une photo"],
    explain: { en: "They asked you for pictures.", nl: "Ze vroegen je om foto's.", fr: "On t'a demandé des photos." } },
  { id: "grooming.meet", category: "grooming", weight: 3, phrases: ["let's meet", "afspreken", "on se voit"],
    explain: { en: "They want to meet you.", nl: "Ze willen met je afspreken.", fr: "On veut te rencontrer." } },
  { id: "sextortion.threat", category: "sextortion", weight: 6, phrases: ["or i send them", "i post them"],
    explain: { en: "They threatened to share your pictures.", nl: "Ze dreigden je foto's te verspreiden.", fr: "On a menacé de partager tes images." } },
  { id: "sextortion.payment", category: "sextortion", weight: 4, phrases: ["pay me"],
    explain: { en: "They asked you for money.", nl: "Ze vroegen je om geld.", fr: "On t'a demandé de l'argent." } },
];

const LEVELS = { low: 2, medium: 5, high: 9 };

function levelOf(score) {
  if (score >= LEVELS.high) return "high";
  if (score >= LEVELS.medium) return "medium";
  if (score >= LEVELS.low) return "low";
  return "none";
}

export default async function init() {
  if (globalThis.__mockInitFail) throw new Error("mock init failure");
}

export function parseChat(input, _options = {}) {
  const text = typeof input === "string" ? input : new TextDecoder("utf-8", { fatal: true }).decode(input);
  if (text.includes("\u0000")) throw new Error("this file is not a chat export redflag can read (it is not text)");
  const messages = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = /^([^:\n]{1,40}):\s?(.*)$/.exec(line);
    if (m) messages.push({ speaker: m[1].trim(), text: m[2], time: null });
    else messages.push({ speaker: null, text: line, time: null });
  }
  if (!messages.length) throw new Error("this chat has no messages");
  const speakers = [];
  for (const msg of messages) {
    if (!msg.speaker) continue;
    const s = speakers.find((x) => x.name === msg.speaker);
    if (s) s.messages++;
    else speakers.push({ name: msg.speaker, messages: 1 });
  }
  return { format: "plain", messages, speakers };
}

const CATEGORIES = ["grooming", "sextortion", "exploitation", "exposure"];
const ORDER = ["none", "low", "medium", "high"];

function noCategories() {
  return Object.fromEntries(CATEGORIES.map((c) => [c, { level: "none", score: 0 }]));
}

/** What a signal adds for the matches in `messages` distinct messages. */
function weighed(sig, messages) {
  return messages ? sig.weight * (1 + 0.25 * Math.min(2, messages - 1)) : 0;
}

function phraseMatches(messages, self) {
  const found = new Map();
  messages.forEach((msg, index) => {
    const lower = msg.text.toLowerCase();
    const counted = !(self && msg.speaker === self);
    for (const sig of SIGNALS) {
      for (const phrase of sig.phrases) {
        let at = lower.indexOf(phrase);
        while (at !== -1) {
          if (!found.has(sig.id)) found.set(sig.id, { sig, matches: [] });
          found.get(sig.id).matches.push({
            message: index, speaker: msg.speaker, time: msg.time,
            start: at, end: at + phrase.length, start_utf16: at, end_utf16: at + phrase.length,
            text: msg.text.slice(at, at + phrase.length), pattern: phrase, counted,
          });
          at = lower.indexOf(phrase, at + phrase.length);
        }
      }
    }
  });
  return found;
}

/** Every speaker but the young person, judged on their own matches as one episode; worst first. */
function judgePeople(messages, found, self) {
  const people = new Map();
  for (const msg of messages) {
    if (msg.speaker !== self && !people.has(msg.speaker)) people.set(msg.speaker, { speaker: msg.speaker, categories: noCategories(), seen: [] });
  }
  for (const { sig, matches } of found.values()) {
    for (const person of people.values()) {
      const own = new Set(matches.filter((m) => m.counted && m.speaker === person.speaker).map((m) => m.message));
      person.categories[sig.category].score += weighed(sig, own.size);
      person.seen.push(...own);
    }
  }
  const judged = [...people.values()].map(({ speaker, categories, seen }) => {
    for (const c of Object.values(categories)) c.level = levelOf(c.score);
    const risk = Object.values(categories).reduce((r, c) => (ORDER.indexOf(c.level) > ORDER.indexOf(r) ? c.level : r), "none");
    const episode = seen.length ? { first: Math.min(...seen), last: Math.max(...seen) } : null;
    return { speaker, risk, categories, episode, warning_at: ORDER.indexOf(risk) >= 2 ? episode.last : null };
  });
  const top = (p) => Math.max(...Object.values(p.categories).map((c) => c.score));
  return judged.sort((a, b) => ORDER.indexOf(b.risk) - ORDER.indexOf(a.risk) || top(b) - top(a));
}

/** The category that decides a verdict: the highest level, then the higher score. */
function deciding(categories) {
  const rank = (c) => [ORDER.indexOf(categories[c].level), categories[c].score];
  const best = CATEGORIES.filter((c) => categories[c].level !== "none").sort((a, b) => rank(b)[0] - rank(a)[0] || rank(b)[1] - rank(a)[1]);
  return best[0] ?? null;
}

export function scan(input, options = {}) {
  const messages = typeof input === "string" ? parseChat(input).messages : input;
  const ui = ["en", "nl", "fr"].includes(options.uiLang) ? options.uiLang : "en";
  const found = phraseMatches(messages, options.self);
  const signals = [];
  for (const { sig, matches } of found.values()) {
    const score = weighed(sig, new Set(matches.filter((m) => m.counted).map((m) => m.message)).size);
    signals.push({ id: sig.id, category: sig.category, explanation: sig.explain[ui], score, count: matches.length, matches });
  }
  signals.sort((a, b) => a.matches[0].message - b.matches[0].message);
  const people = judgePeople(messages, found, options.self);
  const categories = people[0]?.categories ?? noCategories();
  return {
    schema: 2,
    risk: people[0]?.risk ?? "none",
    kind: deciding(categories),
    subtype: null,
    lang: null,
    messages: messages.length,
    self: options.self ? { speaker: options.self, guessed: false } : null,
    categories,
    people,
    signals,
  };
}

/** Reads and scans a chat; returns the report, the messages it points at and the speakers. */
export function scanChat(input, options = {}) {
  const chat = parseChat(input, options);
  const report = scan(chat.messages, options);
  const messages = {};
  for (const m of report.signals.flatMap((s) => s.matches)) {
    const { speaker, text, time } = chat.messages[m.message];
    messages[m.message] = { speaker, text, time };
  }
  return { report, messages, speakers: chat.speakers, format: chat.format, skipped: 0, repaired: 0 };
}

export function loadPack() {}
export function resetPacks() {}

export function helplines(country, lang) {
  const data = HELPLINE_DATA;
  const entry = data.country.find((c) => c.code === country) ?? data.country.find((c) => c.code === "INT");
  return entry.service.map((s) => ({
    name: s.name, kind: s.kind, phone: s.phone ?? null, tel: s.tel ?? null, web: s.web ?? null,
    free: s.free ?? null, hours: s.hours ?? null, topics: s.topics ?? [], note: s.note?.[lang] ?? s.note?.en ?? null,
    sources: s.sources ?? [],
  }));
}
