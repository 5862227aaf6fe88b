// The result on a phone, actions first (issue 13): a short verdict, "not your fault", the top
// three steps with the call and take-down links, then the evidence, each message quoted once
// and folded on small screens; no step twice, the helpline not over and over.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, stopSession, openPage, scan } from "./lib/harness.mjs";
import { STRINGS } from "../../www/i18n.js";
import { ADVICE } from "../../www/advice.js";

const PHONE = { width: 360, height: 740 };
const SEXTORTION_FR = [
  "Max: salut, t'as quel âge ?",
  "Sam: 14",
  "Max: dis rien à tes parents, c'est notre petit secret",
  "Max: j'ai tes photos",
  "Max: paie-moi 200 euros ou je les envoie à tous tes amis",
  "Max: tu as 24 heures. si tu me bloques je les poste",
  "Sam: s'il te plaît non",
].join("\n");

let server;
let browser;
before(async () => ({ server, browser } = await startSession()));
after(() => stopSession({ server, browser }));

async function layout(page) {
  return page.evaluate(() => {
    const top = (node) => (node ? Math.round(node.getBoundingClientRect().top + scrollY) : null);
    const body = document.querySelector("#result-body");
    return {
      order: [...body.children].map((n) => n.classList[n.classList.length - 1]),
      verdictTop: top(document.querySelector("#verdict")),
      actionsTop: top(document.querySelector("#result .actions")),
      evidenceTop: top(document.querySelector("#result .evidence")),
      fault: document.querySelector("#verdict .verdict__fault")?.textContent ?? null,
      topSteps: [...document.querySelectorAll("#result .actions .steps__list li")].map((n) => n.dataset.step),
      allSteps: [...document.querySelectorAll("#result .steps__list li")].map((n) => n.textContent),
      actionLinks: [...document.querySelectorAll("#result .actions__links a")].map((a) => a.getAttribute("href")),
      evidenceOpen: document.querySelector("#result details.evidence")?.open ?? null,
      quoted: [...document.querySelectorAll("#result .timeline__item")].map((row) => row.dataset.message),
      quotes: document.querySelectorAll("#result .quote__text").length,
      childFocus: document.querySelectorAll("#result a[href='tel:116000']").length,
    };
  });
}

test("fr, 360 px: sextortion leads with the verdict, not your fault, three steps, the call and the take-down link", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=fr&country=BE", viewport: PHONE });
  try {
    const risk = await scan(page, SEXTORTION_FR);
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
    const f = await layout(page);
    const S = STRINGS.fr;
    assert.equal(f.order[0], "actions", `the actions come first: ${f.order}`);
    assert.ok(f.order.indexOf("evidence") > 0, `then the evidence: ${f.order}`);
    assert.equal(f.fault, S.notYourFault);
    assert.deepEqual(f.topSteps, ADVICE.sextortion.slice(0, 3), "don't pay · keep evidence · block and report");
    assert.ok(f.actionsTop - f.verdictTop < PHONE.height, `the steps start within a screen of the verdict (${f.actionsTop - f.verdictTop} px)`);
    assert.equal(f.actionLinks[0], "tel:116000", `the call button: ${f.actionLinks}`);
    assert.ok(f.actionLinks.some((href) => /takeitdown/.test(href)), `and the take-down link: ${f.actionLinks}`);
    assert.equal(new Set(f.allSteps).size, f.allSteps.length, `no step twice: ${f.allSteps.join(" | ")}`);
    assert.equal(f.evidenceOpen, false, "the evidence is folded on a phone");
    assert.equal(new Set(f.quoted).size, f.quoted.length, `each message once: ${f.quoted}`);
    assert.equal(f.quotes, f.quoted.length, "each with its quote");
    assert.ok(f.childFocus <= 2, `116 000 in the call button and the helplines only (${f.childFocus})`);
    // Opening the fold shows the quotes with the words highlighted.
    await page.click("#result details.evidence > summary");
    assert.ok(await page.isVisible("#result .timeline__item mark"));
  } finally {
    await context.close();
  }
});

test("nl, 1280 px: the evidence is open beside the rest; a calm result has no evidence and no worrying words", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=nl&country=BE" });
  try {
    await scan(page, "Mats: ik heb je foto's\nMats: betaal 200 euro of ik stuur ze naar al je vrienden\nMats: je hebt 24 uur");
    assert.equal((await layout(page)).evidenceOpen, true);
    await scan(page, "Noor: heb je de wiskunde al af?\nSam: bijna, vraag 4 is moeilijk\nNoor: zullen we ze samen maken na school");
    const f = await layout(page);
    assert.equal(f.evidenceTop, null, "no evidence for a calm chat");
    const text = await page.textContent("#result");
    assert.ok(!text.includes("zorgen baren"), "no 'the messages that worried us' under a calm verdict");
  } finally {
    await context.close();
  }
});
