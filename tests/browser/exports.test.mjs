// Chat exports opened through the page's file picker, and the timeline of flagged moments:
// an Instagram/Messenger data download (newest first, with Meta's mojibake), a WhatsApp export
// with times, "show all" from the keyboard, and a short name for every signal.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startSession, stopSession, openPage, scansDone, waitForVerdict } from "./lib/harness.mjs";
import { repoPath } from "./lib/paths.mjs";
import { parseToml } from "./lib/toml-lite.mjs";
import { LANGS, STRINGS } from "../../www/i18n.js";

let server;
let browser;

before(async () => ({ server, browser } = await startSession()));

after(() => stopSession({ server, browser }));

// Meta's data download writes each UTF-8 byte as its own \u00XX character ("Léa" becomes
// "L\u00c3\u00a9a"); the engine has to undo that.
const mojibake = (text) => String.fromCharCode(...Buffer.from(text, "utf8"));

/** A synthetic messages/inbox/<chat>/message_1.json: participants, then messages newest first. */
function instagramExport(participants, lines, startMs) {
  const json = {
    participants: participants.map((name) => ({ name: mojibake(name) })),
    messages: lines
      .map(([name, content], i) => ({ sender_name: mojibake(name), timestamp_ms: startMs + i * 120_000, content: mojibake(content), is_geoblocked_for_viewer: false }))
      .reverse(),
    title: mojibake(participants[1]),
    thread_path: "inbox/marc_1789",
  };
  const text = JSON.stringify(json, null, 2).replace(/[\u0080-\u00ff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return Buffer.from(text, "ascii");
}

const INSTAGRAM_CHAT = [
  ["Marc", "salut Léa 😊 t'as quel âge ?"],
  ["Léa", "13 ans et toi ?"],
  ["Marc", "t'es super mature pour ton âge"],
  ["Léa", "mdr dis rien à personne, c'est notre secret"], // her own words: must not count
  ["Marc", "dis rien à tes parents, c'est notre petit secret"],
  ["Léa", "ok promis"],
  ["Marc", "envoie-moi une photo de toi"],
  ["Léa", "non j'ai pas envie"],
  ["Marc", "si tu bloques j'envoie tes photos à tous tes amis"],
];

async function timeline(page) {
  return page.$$eval("#result .timeline__item", (rows) =>
    rows.map((row) => ({
      message: Number(row.dataset.message),
      visible: !row.hidden,
      time: row.querySelector(".timeline__time")?.textContent ?? null,
      datetime: row.querySelector("time")?.getAttribute("datetime") ?? null,
      speaker: row.querySelector(".timeline__speaker")?.textContent ?? null,
      signals: [...row.querySelectorAll(".timeline__signal")].map((n) => n.textContent),
    })),
  );
}

async function openFile(page, file) {
  await page.setInputFiles("#file", file);
  await page.waitForFunction((name) => document.querySelector("#file-status").textContent.includes(name), file.name);
}

test("an Instagram export: the young person is picked, and the timeline shows the other person's steps in order", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=fr&country=BE" });
  try {
    const start = Date.UTC(2026, 10, 23, 19, 2);
    const buffer = instagramExport(["Léa", "Marc"], INSTAGRAM_CHAT, start);
    await openFile(page, { name: "message_1.json", mimeType: "application/json", buffer });
    let before = await scansDone(page);
    await page.click("#check");
    await waitForVerdict(page, { before });

    // Without a name picked, the engine guesses that Léa is the young person (she says she is
    // 13), so her own "c'est notre secret" does not count: only Marc is on the timeline.
    const all = await timeline(page);
    assert.ok(all.length > 0 && all.every((r) => r.speaker === "Marc"), `only Marc's lines show: ${JSON.stringify(all)}`);

    assert.deepEqual(await page.$$eval("#self option", (o) => o.map((x) => x.value)), ["", "Marc", "Léa"]);
    before = await scansDone(page);
    await page.selectOption("#self", "Léa");
    const risk = await waitForVerdict(page, { before });
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);

    const rows = await timeline(page);
    const S = STRINGS.fr;
    assert.ok(rows.length >= 4, JSON.stringify(rows));
    assert.deepEqual(rows.map((r) => r.speaker), rows.map(() => "Marc"), "only Marc's messages are on the timeline");
    const indexes = rows.map((r) => r.message);
    assert.deepEqual(indexes, [...indexes].sort((a, b) => a - b), "in chat order, not the file's newest-first order");
    for (const r of rows) {
      assert.equal(r.datetime, new Date(start + r.message * 120_000).toISOString().replace(".000", ""), "each row has its message's time");
      assert.equal(INSTAGRAM_CHAT[r.message][0], "Marc");
    }
    // The escalation reads top to bottom: age, secrecy, a photo, then the threat.
    const rowOf = (id) => rows.findIndex((r) => r.signals.includes(S[`signal_${id}`]));
    const steps = ["grooming.age_probe", "grooming.secrecy", "grooming.pic_request", "sextortion.threat_share"].map(rowOf);
    assert.ok(steps.every((i) => i >= 0), `all steps are named: ${JSON.stringify(rows)}`);
    assert.deepEqual(steps, [...steps].sort((a, b) => a - b), `steps in order: ${steps}`);

    // None of Léa's messages count: not on the timeline, not quoted as a reason.
    const quoted = await page.$$eval("#result .timeline__speaker", (nodes) => nodes.map((n) => n.textContent));
    assert.ok(quoted.length > 0 && quoted.every((s) => s === "Marc"), `quoted: ${quoted}`);
    assert.ok(await page.isHidden("#result .timeline__more"), "no 'show all' for a short timeline");
  } finally {
    await context.close();
  }
});

test("a WhatsApp export: the timeline shows each message's time, and 'show all' works from the keyboard", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=nl&country=BE" });
  try {
    const lines = [
      "Alex: hey how old are you?",
      "Sam: 13",
      "Alex: you're really mature for your age",
      "Alex: are your parents home?",
      "Alex: don't tell your parents about us",
      "Alex: it's our little secret",
      "Alex: delete our chat after",
      "Alex: send me a pic of you",
      "Alex: you're so pretty",
      "Alex: add me on snap",
      "Alex: let's meet this weekend",
      "Alex: I can pick you up",
      "Alex: send me a pic in your underwear",
      "Alex: where do you live exactly?",
      "Alex: you're so cute",
    ];
    const text = lines.map((line, i) => `23/11/2026, 21:${String(i).padStart(2, "0")} - ${line}`).join("\n");
    await openFile(page, { name: "WhatsApp Chat with Alex.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
    const before = await scansDone(page);
    await page.click("#check");
    const risk = await waitForVerdict(page, { before });
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);

    let rows = await timeline(page);
    assert.ok(rows.length > 12, `enough flagged messages for 'show all': ${rows.length}`);
    assert.equal(rows.filter((r) => r.visible).length, 12, "the timeline starts short");
    for (const r of rows) {
      const hhmm = `21:${String(r.message).padStart(2, "0")}`;
      assert.equal(r.datetime, `2026-11-23T${hhmm}`);
      assert.ok(r.time.includes(hhmm) && r.time.includes("2026"), `time shown: ${r.time}`);
      assert.equal(r.speaker, "Alex");
    }

    const more = page.locator("#result .timeline__more");
    assert.equal(await more.textContent(), STRINGS.nl.timelineAll(rows.length));
    await more.focus();
    await page.keyboard.press("Enter");
    rows = await timeline(page);
    assert.ok(rows.every((r) => r.visible), "all rows are shown");
    assert.ok(await more.isHidden(), "the button is gone");
    const focused = await page.evaluate(() => Number(document.activeElement.dataset.message));
    assert.equal(focused, rows[12].message, "focus moves to the first newly shown row");
  } finally {
    await context.close();
  }
});

test("every scoring signal has a short timeline name in nl, fr and en", () => {
  const { signal } = parseToml(readFileSync(repoPath("data/packs/signals.toml"), "utf8"));
  const ids = signal.map((s) => s.id).filter((id) => /^(grooming|sextortion|exploitation|exposure)\./.test(id));
  assert.ok(ids.length > 20);
  for (const lang of LANGS) {
    const missing = ids.filter((id) => typeof STRINGS[lang][`signal_${id}`] !== "string");
    assert.deepEqual(missing, [], `${lang}: signals without a short name`);
  }
});
