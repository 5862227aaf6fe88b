// The corpora `make eval` builds from the dev data (issue 11): long chats of two friends, chat-room
// sessions, SMS streams from many senders, and an offender's lines inside a long chat. Each is
// made of whole dev records (speakers kept or renamed, never text changed), drawn with a fixed
// seed, so every run builds the same corpora. They are written under target/eval/ (git-ignored),
// never into the project: the data's terms forbid copying it.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SEED = "redflag-eval-1";
/** The two friends of a long chat; the first is the young person when `self` is given. */
export const FRIENDS = ["A", "B"];
export const OFFENDER = "jay_x";
export const OFFENDER_LOGS = "pj_koutli_grooming.jsonl";
const CHATS_PER_CORPUS = 40;
const FRIEND_CHAT_SIZES = [300, 1000, 3000];
const SMS_STREAMS = [
  { file: "sms_spam_collection_en.jsonl", size: 100 },
  { file: "88milsms_fr_benign.jsonl", size: 300 },
];
export const OFFENDER_LINES = 60;
export const OFFENDER_HOST_SIZE = 1000;
/** The offender's lines are spread among this many of the host chat's last messages. */
export const OFFENDER_TAIL = 140;

export const readJsonl = (path) => readFileSync(path, "utf8").split("\n").filter(Boolean).map(JSON.parse);

function writeJsonl(path, records) {
  writeFileSync(path, records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  return path;
}

/** A random number generator in [0, 1) of its own for each `name` (mulberry32, seeded by FNV-1a). */
function seededRandom(name) {
  let state = [...`${SEED}/${name}`].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** `count` chats, each of whole records of `pool` in a random order (none twice) filling up to `size` messages. */
function drawChats(pool, size, count, random) {
  return Array.from({ length: count }, () => {
    const chat = [];
    let room = size;
    for (const record of shuffled(pool, random)) {
      if (record.messages.length > room) continue;
      chat.push(record);
      room -= record.messages.length;
      if (room === 0) break;
    }
    return chat;
  });
}

const speakersOf = (record) => [...new Set(record.messages.map((m) => m.speaker))];

/** One conversation's two speakers as the two friends, who is who drawn at random. */
function asFriends(record, random) {
  const names = random() < 0.5 ? FRIENDS : [...FRIENDS].reverse();
  const speakers = speakersOf(record);
  return record.messages.map((m) => ({ ...m, speaker: names[speakers.indexOf(m.speaker)] }));
}

/** Whole two-person conversations joined into chats of `size` messages between the same two friends. */
function friendChats(conversations, size, count, name) {
  const random = seededRandom(name);
  return drawChats(conversations, size, count, random).map((chat, i) => ({
    id: `${name}-${i + 1}`,
    lang: "en",
    label: "benign",
    messages: chat.flatMap((record) => asFriends(record, random)),
  }));
}

/** SMS joined into streams of `size`, each SMS from a sender of its own (S1, S2, …). */
function senderStreams(sms, size, name) {
  return drawChats(sms, size, CHATS_PER_CORPUS, seededRandom(name)).map((chat, i) => ({
    id: `${name}-${i + 1}`,
    lang: chat[0].lang,
    label: "benign",
    messages: chat.flatMap((record, sender) => record.messages.map((m) => ({ ...m, speaker: `S${sender + 1}` }))),
  }));
}

/** `items` grouped by `keyOf`, groups and items in their first order. */
function groupBy(items, keyOf) {
  const groups = new Map();
  for (const item of items) {
    const key = keyOf(item);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(item);
  }
  return groups;
}

const windowIndex = (record) => Number(/-w(\d+)$/.exec(record.id)?.[1] ?? 0);

/** Chat-room windows joined back into their sessions (one per source log), in window order, speakers kept. */
function roomSessions(windows) {
  return [...groupBy(windows, (w) => w.source).values()].map((session, i) => ({
    id: `nps-session-${i + 1}`,
    lang: "en",
    label: "benign",
    messages: session.sort((a, b) => windowIndex(a) - windowIndex(b)).flatMap((w) => w.messages),
  }));
}

/** `lines` spread at random among the last OFFENDER_TAIL messages of `host`, both in their own order. */
function intoTail(host, lines, random) {
  const merged = host.slice(0, host.length - OFFENDER_TAIL);
  const tail = host.slice(merged.length);
  let [friend, offender] = [0, 0];
  while (friend < tail.length || offender < lines.length) {
    const linesLeft = lines.length - offender;
    const takeLine = random() * (tail.length - friend + linesLeft) < linesLeft;
    merged.push(takeLine ? lines[offender++] : tail[friend++]);
  }
  return merged;
}

/** Each offender log with OFFENDER_LINES lines or more: those lines, from OFFENDER, inside a long chat of the friends. */
function offenderChats(conversations, logs) {
  const random = seededRandom("offender-in-chat");
  const eligible = logs.filter((log) => log.messages.length >= OFFENDER_LINES);
  const hosts = friendChats(conversations, OFFENDER_HOST_SIZE, eligible.length, "offender-hosts");
  return eligible.map((log, i) => ({
    id: `offender-in-chat-${i + 1}`,
    lang: "en",
    label: "grooming",
    self: FRIENDS[0],
    offender: OFFENDER,
    messages: intoTail(hosts[i].messages, log.messages.slice(0, OFFENDER_LINES).map((m) => ({ ...m, speaker: OFFENDER })), random),
  }));
}

/** A built corpus written to `dir`: what the report shows of it and where it is. */
function corpus(dir, key, title, records) {
  const sizes = records.map((r) => r.messages.length);
  const [least, most] = [Math.min(...sizes), Math.max(...sizes)];
  return { key, title, records: records.length, messages: least === most ? `${least}` : `${least}–${most}`, path: writeJsonl(join(dir, `${key}.jsonl`), records) };
}

/** Long chats of the two friends, written as they are and with the first friend as `self` (`selfPath`). */
function friendCorpus(dir, conversations, size) {
  const key = `chitchat-${size}`;
  const records = friendChats(conversations, size, CHATS_PER_CORPUS, key);
  const withSelf = records.map((r) => ({ ...r, self: FRIENDS[0] }));
  return { ...corpus(dir, key, "two friends (chit-chat conversations joined)", records), selfPath: writeJsonl(join(dir, `${key}-self.jsonl`), withSelf) };
}

/**
 * Builds every corpus from the dev data in `dev` into `dir`. Returns `long` (benign corpora of long
 * chats; those of the two friends also with `self`: `selfPath`) and `offender` (the offender chats).
 */
export function buildCorpora(dev, dir) {
  mkdirSync(dir, { recursive: true });
  const read = (file) => readJsonl(join(dev, file));
  const conversations = read("chitchat_benign.jsonl").filter((r) => speakersOf(r).length === 2);
  const friends = FRIEND_CHAT_SIZES.map((size) => friendCorpus(dir, conversations, size));
  const sessions = corpus(dir, "nps-sessions", "chat-room sessions (NPS windows joined in order)", roomSessions(read("nps_chat_benign.jsonl")));
  const streams = SMS_STREAMS.map(({ file, size }) => {
    const sms = read(file).filter((r) => r.label === "benign");
    return corpus(dir, `sms-${sms[0].lang}-${size}`, `SMS stream, ${sms[0].lang}, one sender per SMS`, senderStreams(sms, size, file));
  });
  const offender = corpus(dir, "offender-in-chat", "offender inside two friends' chat", offenderChats(conversations, read(OFFENDER_LOGS)));
  return { long: [...friends, sessions, ...streams], offender };
}

const caseGroup = (record) => (record.subtype ? `${record.label}/${record.subtype}` : record.label);

/** Hand-written cases split by label and subtype into files of `dir`: [{ group, path }], by group name. */
export function splitCases(path, dir) {
  mkdirSync(dir, { recursive: true });
  return [...groupBy(readJsonl(path), caseGroup).entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, records]) => ({ group, path: writeJsonl(join(dir, `${group.replaceAll("/", "-")}.jsonl`), records) }));
}
