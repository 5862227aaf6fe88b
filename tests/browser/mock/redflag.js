// A stand-in for www/pkg/redflag.js with the same JS API (docs/report.md), for working on
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

export function scan(input, options = {}) {
  const messages = typeof input === "string" ? parseChat(input).messages : input;
  const ui = ["en", "nl", "fr"].includes(options.uiLang) ? options.uiLang : "en";
  const found = new Map();
  messages.forEach((msg, index) => {
    const lower = msg.text.toLowerCase();
    const counted = !(options.self && msg.speaker === options.self);
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
  const categories = {};
  for (const c of ["grooming", "sextortion", "exploitation", "exposure"]) categories[c] = { level: "none", score: 0 };
  const signals = [];
  for (const { sig, matches } of found.values()) {
    const countedMessages = new Set(matches.filter((m) => m.counted).map((m) => m.message)).size;
    const score = countedMessages ? sig.weight * (1 + 0.25 * Math.min(2, countedMessages - 1)) : 0;
    categories[sig.category].score += score;
    signals.push({ id: sig.id, category: sig.category, explanation: sig.explain[ui], score, matches });
  }
  signals.sort((a, b) => a.matches[0].message - b.matches[0].message);
  for (const c of Object.values(categories)) c.level = levelOf(c.score);
  const order = ["none", "low", "medium", "high"];
  const risk = Object.values(categories).reduce((r, c) => (order.indexOf(c.level) > order.indexOf(r) ? c.level : r), "none");
  return { schema: 1, risk, lang: null, messages: messages.length, categories, signals };
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
