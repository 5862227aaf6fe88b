// The page tells who and what it is about, on a phone (360 px): the member of a group chat who
// threatens is named in the verdict with the dates of their messages, a mass webcam-bluff mail
// gets the scam-mail advice instead of the advice for a contact who has images, and a long
// ordinary chat between two friends gets no warning. The chats are written for these tests.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startSession, stopSession, openPage, scan } from "./lib/harness.mjs";
import { noSideways } from "./lib/a11y.mjs";
import { repoPath } from "./lib/paths.mjs";
import { parseToml } from "./lib/toml-lite.mjs";
import { STRINGS } from "../../www/i18n.js";
import { ADVICE } from "../../www/advice.js";

const PHONE = { width: 360, height: 740 };

let server;
let browser;

before(async () => ({ server, browser } = await startSession()));

after(() => stopSession({ server, browser }));

/** A WhatsApp export's lines: [date, time, name, text] → "03/03/2026, 16:02 - Noor: …". */
const whatsapp = (lines) => lines.map(([date, time, name, text]) => `${date}, ${time} - ${name}: ${text}`).join("\n");

// Three classmates; Mats threatens Noor with her photos on 4 March, the others talk about school.
const GROUP_NL = whatsapp([
  ["03/03/2026", "16:02", "Noor", "wie heeft de samenvatting van aardrijkskunde?"],
  ["03/03/2026", "16:05", "Kaan", "ik, ik stuur hem zo in de groep"],
  ["03/03/2026", "16:06", "Mats", "top, ik was hem kwijt"],
  ["03/03/2026", "19:40", "Noor", "gaan we zaterdag nog naar de stad?"],
  ["03/03/2026", "19:41", "Kaan", "ja om 2 uur aan het station"],
  ["04/03/2026", "08:15", "Mats", "noor ik heb die foto's nog die je me vorige maand stuurde"],
  ["04/03/2026", "08:16", "Noor", "wat? verwijder die alsjeblieft"],
  ["04/03/2026", "08:20", "Mats", "stuur me 50 euro of ik zet ze in de klasgroep"],
  ["04/03/2026", "08:21", "Mats", "je hebt tot morgen, anders ziet iedereen op school ze"],
  ["05/03/2026", "12:30", "Kaan", "heeft iemand de toets van wiskunde al terug?"],
  ["07/03/2026", "17:10", "Noor", "ik voel me niet zo goed vandaag"],
  ["09/03/2026", "21:30", "Kaan", "zaterdag gaat niet door trouwens, mijn oma is jarig"],
]);

// The mass "I hacked your webcam" bluff, copied from a mail app with its sender and subject.
const SCAM_MAIL_FR = `De : Support Sécurité <support@secure-alerte.fr>
Objet : Votre appareil a été piraté

Bonjour,

Je suis un hacker professionnel et j'ai piraté votre appareil il y a plusieurs mois grâce à un logiciel espion.
Depuis, je vois tout ce que vous faites. Pendant que vous regardiez des sites pour adultes, j'ai activé votre webcam et je vous ai filmé.
J'ai aussi copié la liste de tous vos contacts : amis, famille, collègues.

Pour que j'efface la vidéo, vous devez m'envoyer 900 € en Bitcoin à l'adresse suivante : bc1q8x7k2m4n6p0r3s5t7v9w
Vous avez 48 heures à partir de l'ouverture de ce message.
Sinon, la vidéo sera envoyée à tous vos contacts.

Ne répondez pas à ce message, l'adresse n'est pas surveillée.`;

// Two friends' everyday talk, including lines that sound like warning signs out of context.
const FRIENDS_DAYS = [
  [["Lina", "did you finish the history essay?"], ["Sam", "nope, 300 words to go 😩"], ["Lina", "same. want to call and do it together?"], ["Sam", "yes after dinner"]],
  [["Sam", "omg did you see what happened in maths"], ["Lina", "when tom dropped his phone in the sink?? 😂"], ["Sam", "he was so mad"], ["Lina", "his mum is going to kill him"]],
  [["Lina", "are your parents home? can I come over to practise the dance"], ["Sam", "my dad is here, come at 4"], ["Lina", "ok bringing snacks"]],
  [["Sam", "send me the pics from saturday"], ["Lina", "which ones, I have like 200"], ["Sam", "the ones at the lake"], ["Lina", "sent! delete the one where I blink lol"]],
  [["Lina", "how old is your brother again? my cousin thinks he's in her class"], ["Sam", "he's 16"], ["Lina", "then it's him haha small world"]],
  [["Sam", "don't tell anyone but I think I failed the french test"], ["Lina", "you always say that and then get a B"], ["Sam", "this time for real"], ["Lina", "we'll see 😌"]],
  [["Lina", "training is cancelled tomorrow, coach is sick"], ["Sam", "yesss more time for the essay"], ["Lina", "or for netflix"], ["Sam", "or that"]],
  [["Sam", "it's my mum's birthday on friday, help me pick a present"], ["Lina", "flowers and that chocolate she likes?"], ["Sam", "good idea, the shop near school has them"], ["Lina", "I'll come with you after class"]],
  [["Lina", "can you send me the homework for biology? I forgot to write it down"], ["Sam", "page 45 exercises 1 to 6"], ["Lina", "thank youuu"]],
  [["Sam", "my little sister drew you a picture 😂"], ["Lina", "aww show me"], ["Sam", "it's a horse. or a dog. she won't say"], ["Lina", "frame it"]],
  [["Lina", "are you going to the school trip in may?"], ["Sam", "if my parents pay in time lol"], ["Lina", "mine already did, we can share a room"], ["Sam", "deal"]],
  [["Sam", "I'm so tired, stayed up gaming"], ["Lina", "what game"], ["Sam", "the new minecraft update with my cousin"], ["Lina", "nerd 😂"], ["Sam", "proud nerd"]],
];

/** The friends' talk day after day, from 5 January, until the chat has at least `messages` messages. */
function friendsChat(messages) {
  const lines = [];
  for (let day = 0; lines.length < messages; day++) {
    const date = new Date(Date.UTC(2026, 0, 5 + day));
    const dd = String(date.getUTCDate()).padStart(2, "0");
    const mm = String(date.getUTCMonth() + 1).padStart(2, "0");
    FRIENDS_DAYS[day % FRIENDS_DAYS.length].forEach(([name, text], i) => lines.push([`${dd}/${mm}/${date.getUTCFullYear()}`, `16:0${i}`, name, text]));
  }
  return whatsapp(lines);
}

async function verdictFacts(page) {
  return page.evaluate(() => ({
    title: document.querySelector("#verdict .verdict__title")?.textContent ?? null,
    text: document.querySelector("#verdict .verdict__text")?.textContent ?? null,
    who: document.querySelector("#verdict .verdict__who")?.textContent ?? null,
    also: document.querySelector("#verdict .verdict__also")?.textContent ?? null,
    people: [...document.querySelectorAll("#result .timeline__person")].map((n) => n.dataset.speaker),
    advice: [...document.querySelectorAll("#result .steps__block")].map((n) => n.dataset.advice ?? "calm"),
    steps: [...document.querySelectorAll("#result .steps__list li")].map((n) => n.textContent),
    helplines: [...document.querySelectorAll("#result .helplines")].map((n) => n.className.replace(/.*helplines--/, "")),
  }));
}

/** Text of `template` up to its `placeholder`, with the values before it filled in. */
function textBefore(template, placeholder, vars) {
  const head = template.slice(0, template.indexOf(`{${placeholder}}`));
  return head.replace(/\{(\w+)\}/g, (m, key) => vars[key] ?? m);
}

test("nl, 360 px: in a group chat, the member who threatens is named in the verdict, with the day in Dutch", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=nl&country=BE", viewport: PHONE });
  try {
    const risk = await scan(page, GROUP_NL);
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
    const f = await verdictFacts(page);
    const S = STRINGS.nl;
    assert.ok(f.who, "the verdict says whom it is about");
    assert.ok(f.who.startsWith(textBefore(S.verdictWho, "when", { name: "Mats" })), `the verdict names Mats: ${f.who}`);
    assert.ok(!/Noor|Kaan/.test(f.who), `and nobody else: ${f.who}`);
    assert.match(f.who, /\b4 maart\b/, `the day of the threats, in Dutch: ${f.who}`);
    assert.equal(f.also, null, `the classmates are not named as worrying: ${f.also}`);
    assert.equal(f.people[0], "Mats", `the timeline starts with Mats: ${f.people}`);
    assert.ok(f.advice.includes("sextortion"), `the sextortion advice: ${f.advice}`);
    assert.equal(f.steps[0], S.step_noPay, "don't pay comes first");
    assert.ok(await page.isVisible("#verdict .verdict__who"));
    await noSideways(page, PHONE.width, "nl group chat");
  } finally {
    await context.close();
  }
});

test("fr, 360 px: a webcam-bluff mail gets the scam-mail advice, with the country's reporting service, and not the peer advice", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=fr&country=BE", viewport: PHONE });
  try {
    const risk = await scan(page, SCAM_MAIL_FR);
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
    const f = await verdictFacts(page);
    const S = STRINGS.fr;
    const reporter = parseToml(readFileSync(repoPath("data/helplines.toml"), "utf8"))
      .country.find((c) => c.code === "BE")
      .service.find((s) => s.kind === "report" && s.topics.includes("sextortion")).name;
    // The reporting service (Child Focus) is listed once, under "talk to someone", and the step says so.
    const scamSteps = ADVICE.sextortion_scam_mail.map((id) => (id === "reportMail" ? S.step_reportMail({ report: reporter, section: S.kind_talk }) : S[`step_${id}`]));
    assert.equal(f.text, S.verdict_sextortion_scam_mail, "the verdict says it is a known scam mail");
    assert.equal(f.who, null, `a mass mail names nobody (not its "De :" or "Objet :" line): ${f.who}`);
    assert.deepEqual(f.people, [], "and its timeline is not grouped by person");
    assert.deepEqual(f.advice, ["sextortion_scam_mail"], `only the scam-mail advice: ${f.advice}`);
    assert.deepEqual(f.steps, scamSteps, "its steps, naming where to report it");
    for (const id of ADVICE.sextortion.filter((id) => !ADVICE.sextortion_scam_mail.includes(id))) {
      assert.ok(!f.steps.includes(S[`step_${id}`]), `no peer-sextortion step: ${id}`);
    }
    assert.ok(!f.helplines.includes("remove"), `no take-down services for a video that does not exist: ${f.helplines}`);
    assert.ok(await page.isVisible(`#result .helplines--talk .helpline__name:text-is("${reporter}")`), `the reporting service is listed: ${f.helplines}`);
    await noSideways(page, PHONE.width, "fr scam mail");
  } finally {
    await context.close();
  }
});

test("en, 360 px: a long ordinary chat between two friends gets no warning", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE", viewport: PHONE });
  try {
    const chat = friendsChat(1000);
    const risk = await scan(page, chat, { timeout: 120_000 });
    assert.ok(["none", "low"].includes(risk), `risk was ${risk}`);
    const f = await verdictFacts(page);
    const S = STRINGS.en;
    assert.equal(f.title, S[`risk_${risk}_title`]);
    assert.equal(f.text, S[`risk_${risk}_text`]);
    assert.equal(f.who, null, `nobody is named as worrying: ${f.who}`);
    assert.equal(f.also, null);
    assert.deepEqual(f.advice, ["calm"], `only the calm advice: ${f.advice}`);
    const checked = Number((await page.textContent(".verdict__meta")).replace(/\D/g, ""));
    assert.ok(checked >= 1000, `the whole chat was checked: ${checked} messages`);
    await noSideways(page, PHONE.width, "long friends' chat");
  } finally {
    await context.close();
  }
});
