// `make eval`: measures the built-in packs on the labelled conversations in ../shared/eval/dev, on
// the corpora built from them (scripts/eval/corpora.mjs: long chats, chat-room sessions, SMS
// streams, an offender inside a long chat) and on the hand-written cases in tests/, with
// `redflag eval --json` (and `redflag scan --jsonl` for the friend beside an offender), and
// writes docs/evaluation.md. Only figures and our own patterns go into the report, never text
// from the data (its terms forbid copying it).
//
// Usage: node scripts/eval.mjs [--dev DIR] [--cases DIR] [--out FILE] [--redflag BIN] [--work DIR]

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseArgs } from "node:util";
import { FRIENDS, OFFENDER, OFFENDER_HOST_SIZE, OFFENDER_LINES, OFFENDER_LOGS, OFFENDER_TAIL, buildCorpora, splitCases } from "./eval/corpora.mjs";

const { values: args } = parseArgs({
  options: {
    dev: { type: "string", default: "../shared/eval/dev" },
    out: { type: "string", default: "docs/evaluation.md" },
    redflag: { type: "string", default: "target/release/redflag" },
    cases: { type: "string", default: "tests/cases" },
    work: { type: "string", default: "target/eval" },
  },
});

const PREFIXES = [10, 20, 25, 50, 100, 400];
const RISK_CATEGORIES = ["grooming", "sextortion", "exploitation", "exposure"];
const RISK_LEVELS = ["none", "low", "medium", "high"];
const TOP_FALSE_POSITIVES = 5;
const HARD_NEGATIVE_LABELS = ["benign_adult_dating", "spam", "adult_spam", "scam_phishing_nonsexual"];
/** Hand-written cases, in `--cases`; a case may carry a `subtype` beside its `label`. */
const CASE_SETS = [
  { name: "dev", title: "dev" },
  { name: "frozen", title: "frozen (never tuned on)" },
].map((set) => ({ ...set, path: join(args.cases, `${set.name}.jsonl`) }));
/** The mass sextortion mails among the hand-written cases: label sextortion, a subtype naming a mail. */
const isMailGroup = (group) => /^sextortion\/.*mail/.test(group);

if (!existsSync(args.dev)) {
  console.log(`No evaluation data at ${args.dev}: nothing measured, ${args.out} left as it is.`);
  process.exit(0);
}

const run = (command, ...rest) => execFileSync(args.redflag, [command, ...rest], { encoding: "utf8", maxBuffer: 1 << 30 });
const evaluate = (files, ...options) => JSON.parse(run("eval", "--json", ...options, ...files));
const scan = (path) => run("scan", "--jsonl", path).split("\n").filter(Boolean).map(JSON.parse);

// A measured value is a share { part, whole }, or null where the engine does not report it yet.
const share = (part, whole) => ({ part, whole });
const sumShares = (shares) => (shares.length === 0 ? null : share(shares.reduce((n, s) => n + s.part, 0), shares.reduce((n, s) => n + s.whole, 0)));
const percent = (s) => (s && s.whole > 0 ? (100 * s.part) / s.whole : null);
const shown = (s) => percent(s)?.toFixed(1).concat("%") ?? "–";

const pct = (n, d) => shown(share(n, d));
const recall = (c) => pct(c.tp, c.tp + c.fn_);
const precision = (c) => pct(c.tp, c.tp + c.fp);
const fpRate = (c) => pct(c.fp, c.fp + c.tn);
const flagged = (e) => share(e.overall.tp + e.overall.fp, e.records);
const falsePositives = (c) => share(c.fp, c.fp + c.tn);
/** False positives on the records with any of `labels`. */
const falsePositivesOn = (e, labels) => sumShares(labels.filter((l) => e.labels[l]).map((l) => falsePositives(e.labels[l])));
/** Positives flagged in their own category and negatives not flagged, of all records. */
const judgedRight = (e) => share(RISK_CATEGORIES.reduce((n, cat) => n + e.categories[cat].tp, e.overall.tn), e.records);
const row = (cells) => `| ${cells.join(" | ")} |`;
const table = (head, rows) => [row(head), row(head.map(() => "---")), ...rows.map(row)].join("\n");

/** A row of the Targets table: measure, target, measured, met/missed ("–" while not measured). */
function target(measure, comparison, limit, value) {
  const measured = percent(value);
  const met = measured === null ? "–" : (comparison === "≤" ? measured <= limit : measured >= limit) ? "met" : "missed";
  return [measure, `${comparison} ${limit}%`, shown(value), met];
}

/** Of the offender chats, those where the friend (FRIENDS[1]) stays below `medium`; null before reports name people. */
function friendStaysLow(reports) {
  if (!reports.some((r) => r.people)) return null;
  const isLow = (report) => {
    const friend = report.people?.find((p) => p.speaker === FRIENDS[1]);
    return !friend || RISK_LEVELS.indexOf(friend.risk) < RISK_LEVELS.indexOf("medium");
  };
  return share(reports.filter(isLow).length, reports.length);
}

// The dev data as it is.
const files = readdirSync(args.dev).filter((f) => f.endsWith(".jsonl")).sort();
const paths = files.map((f) => join(args.dev, f));
const all = evaluate(paths);
const perFile = paths.map((path) => evaluate([path]));
const offenderLogs = perFile[files.indexOf(OFFENDER_LOGS)];
const ownCorpus = readdirSync("tests/corpus").filter((f) => f.endsWith(".jsonl")).map((f) => join("tests/corpus", f));
const own = evaluate(ownCorpus);

// Corpora built from it.
const built = buildCorpora(args.dev, args.work);
const longChats = built.long.map((c) => ({ ...c, plain: flagged(evaluate([c.path])), self: c.selfPath ? flagged(evaluate([c.selfPath])) : null }));
const longChat = (key) => longChats.find((c) => c.key === key);
const offenderEval = evaluate([built.offender.path]);
const offender = {
  flagged: share(offenderEval.overall.tp, offenderEval.positives),
  named: offenderEval.people ? share(offenderEval.people.named, offenderEval.people.offenders) : null,
  friendLow: friendStaysLow(scan(built.offender.path)),
};
const prefixes = PREFIXES.map((n) => {
  const c = evaluate([join(args.dev, OFFENDER_LOGS)], "--prefix", String(n)).categories.grooming;
  return { n, recall: share(c.tp, c.tp + c.fn_) };
});
const groomingBy = (n) => prefixes.find((p) => p.n === n).recall;

// Hand-written cases, per label and subtype.
const caseSets = CASE_SETS.map((set) => ({
  ...set,
  groups: existsSync(set.path) ? splitCases(set.path, join(args.work, "cases", set.name)).map((g) => ({ ...g, right: judgedRight(evaluate([g.path])) })) : null,
}));
const frozenGroups = caseSets.find((s) => s.name === "frozen").groups ?? [];

const targets = [
  target("long benign chats, 1,000 messages, no self", "≤", 2, longChat("chitchat-1000").plain),
  target(`long benign chats, 1,000 messages, self "${FRIENDS[0]}"`, "≤", 2, longChat("chitchat-1000").self),
  target("long benign chats, 3,000 messages, no self", "≤", 4, longChat("chitchat-3000").plain),
  target(`long benign chats, 3,000 messages, self "${FRIENDS[0]}"`, "≤", 4, longChat("chitchat-3000").self),
  target("group sessions (chat room) flagged", "≤", 10, longChat("nps-sessions").plain),
  target("offender inside a long chat found and named", "≥", 90, offender.named),
  target("grooming medium by 20 lines", "≥", 50, groomingBy(20)),
  target("grooming medium by 50 lines", "≥", 80, groomingBy(50)),
  target("grooming medium by 400 lines", "≥", 98, groomingBy(400)),
  target("sextortion mails (frozen cases)", "≥", 90, sumShares(frozenGroups.filter((g) => isMailGroup(g.group)).map((g) => g.right))),
  target("short benign flagged", "≤", 1, falsePositivesOn(all, ["benign"])),
  target("hard negatives flagged", "≤", 3, falsePositivesOn(all, HARD_NEGATIVE_LABELS)),
  target("hand-written cases judged right (frozen)", "≥", 95, sumShares(frozenGroups.map((g) => g.right))),
];

const sections = [];
sections.push(`# Evaluation

Generated by \`make eval\` (\`scripts/eval.mjs\`) on ${new Date().toISOString().slice(0, 10)}: the built-in packs,
\`redflag eval\` at the \`medium\` threshold, all packs at once (as the page runs them). A record is
*flagged* when any risk category reaches \`medium\`. The data is \`${args.dev}\` (${all.records} records; see its
README); none of its text appears here or in the project. The long chats and the offender chats
are built from it by \`scripts/eval/corpora.mjs\`, joining whole records with a fixed seed (the
same corpora every run, in \`${args.work}/\`). Own corpus: \`tests/corpus/\`; hand-written cases:
\`${args.cases}/\`. "–": not measured (the engine does not report it yet, or the cases are missing).`);

sections.push(`## Targets\n\n${table(["measure", "target", "measured", ""], targets)}`);

const longRows = longChats.map((c) => [c.title, c.records, c.messages, shown(c.plain), c.self ? shown(c.self) : "–"]);
sections.push(`## Long benign chats

Built from the dev data: whole two-person chit-chat conversations joined into one chat between
the same two friends ("${FRIENDS.join('" and "')}", who is who drawn per conversation), chat-room windows joined back
into their sessions in order (speakers kept), and SMS joined into streams, each SMS from a
sender of its own.

${table(["chats", "records", "messages each", "flagged", `flagged, self "${FRIENDS[0]}"`], longRows)}`);

sections.push(`## An offender inside a long chat

Each offender log of at least ${OFFENDER_LINES} lines: its first ${OFFENDER_LINES} lines, all from "${OFFENDER}", spread at random
among the last ${OFFENDER_TAIL} messages of a ${OFFENDER_HOST_SIZE.toLocaleString("en")}-message chat of the two friends (self "${FRIENDS[0]}"); ${built.offender.records} chats.

${table(["measure", "chats"], [
  ["flagged", shown(offender.flagged)],
  [`named: the report's first person is "${OFFENDER}"`, shown(offender.named)],
  [`the friend "${FRIENDS[1]}" stays below medium`, shown(offender.friendLow)],
])}`);

const warning = offenderLogs.lines_to_warning;
const warningLine = warning
  ? `${warning.warned} of ${warning.positives} logs (at most ${PREFIXES.at(-1)} lines each) reach \`medium\`; median lines to the first warning: ${warning.median ?? "–"}.`
  : "Lines to first warning: –.";
sections.push(`## Grooming in the first lines of each offender log

${table(["lines read", "grooming recall"], prefixes.map((p) => [`first ${p.n} lines`, shown(p.recall)]))}

${warningLine}`);

const caseSections = caseSets.map((set) =>
  set.groups
    ? `### ${set.title}\n\n${table(["label/subtype", "cases", "judged right"], set.groups.map((g) => [g.group, g.right.whole, shown(g.right)]))}`
    : `### ${set.title}\n\n\`${set.path}\` is not there yet: not measured.`,
);
sections.push(`## Hand-written cases

Judged right: a positive reaches \`medium\` in its own category, a negative stays below \`medium\`
in all.

${caseSections.join("\n\n")}`);

const sourceRows = files.map((file, i) => {
  const e = perFile[i];
  const o = e.overall;
  const positives = e.positives > 0;
  return [file, e.records, o.tp + o.fp, positives ? recall(o) : "–", positives ? precision(o) : "–", positives ? "–" : fpRate(o)];
});
sections.push(`## Per source\n\n${table(["file", "records", "flagged", "recall", "precision", "false-positive rate"], sourceRows)}`);

const perLang = Object.entries(all.langs).map(([lang, c]) => [lang, c.tp + c.fn_, c.fp + c.tn, c.tp + c.fn_ ? recall(c) : "–", c.tp + c.fp ? precision(c) : "–", fpRate(c)]);
sections.push(`## Per language (all sources)\n\n${table(["lang", "positives", "negatives", "recall", "precision", "false-positive rate"], perLang)}`);

const ownRows = [["any risk", recall(own.overall), precision(own.overall), fpRate(own.overall)]];
for (const cat of RISK_CATEGORIES) {
  const c = own.categories[cat];
  ownRows.push([cat, recall(c), precision(c), fpRate(c)]);
}
for (const [lang, c] of Object.entries(own.langs)) ownRows.push([`any risk, ${lang}`, recall(c), precision(c), fpRate(c)]);
sections.push(`## Own synthetic corpus (en, nl, fr positives and hard negatives)\n\n${table(["", "recall", "precision", "false-positive rate"], ownRows)}`);

// What fires on benign sources: our own patterns only, never the text they matched.
const fpSections = [];
for (const [i, file] of files.entries()) {
  const e = perFile[i];
  if (e.positives > 0) continue;
  const firing = Object.entries(e.patterns)
    .map(([key, counts]) => [...key.split("\t"), counts.negative])
    .filter(([signal, , n]) => n > 0 && RISK_CATEGORIES.includes(signal.split(".")[0]))
    .sort((a, b) => b[2] - a[2])
    .slice(0, TOP_FALSE_POSITIVES);
  if (firing.length === 0) continue;
  const rows = firing.map(([signal, pattern, n]) => [signal, `\`${pattern.replaceAll("|", "\\|").slice(0, 90)}${pattern.length > 90 ? "…" : ""}\``, n]);
  fpSections.push(`### ${basename(file)}\n\n${table(["signal", "pattern (ours)", "records where it fired"], rows)}`);
}
sections.push(`## Risk patterns that fire on benign sources (top ${TOP_FALSE_POSITIVES} each)

A pattern firing is not yet a false positive: one signal alone stays below \`medium\` unless it is
strong, dampeners (news, education, jokes, help-seeking, a young person talking about
themselves) lower scores in their own message, and grooming needs signals from the other person
in combination. These are the patterns to watch when tuning. How they are handled is in
[signals.md](signals.md) under each signal's false friends.

${fpSections.join("\n\n")}`);

const NOTES = "docs/evaluation-notes.md";
if (existsSync(NOTES)) sections.splice(2, 0, readFileSync(NOTES, "utf8").trim());

writeFileSync(args.out, `${sections.join("\n\n")}\n`);
console.log(`Wrote ${args.out}`);
for (const t of targets) console.log(`${t[3].padEnd(6)} ${t[0]}: ${t[2]} (target ${t[1]})`);
