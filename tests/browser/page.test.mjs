// The page in a real browser: results in nl, fr and en, highlights, helplines, languages,
// countries, errors, and user text never turned into markup.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSession, stopSession, openPage, scan, scansDone, waitForVerdict, eventually } from "./lib/harness.mjs";
import { CHATS, SEXTORTION_EN } from "./lib/chats.mjs";
import { STRINGS } from "../../www/i18n.js";
import { readFileSync } from "node:fs";
import { repoPath } from "./lib/paths.mjs";

let server;
let browser;

before(async () => ({ server, browser } = await startSession()));

after(() => stopSession({ server, browser }));

async function resultFacts(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.querySelector("#verdict .verdict__title")?.textContent,
    text: document.querySelector("#verdict .verdict__text")?.textContent,
    who: document.querySelector("#verdict .verdict__who")?.textContent ?? null,
    also: document.querySelector("#verdict .verdict__also")?.textContent ?? null,
    explanations: [...document.querySelectorAll("#result .signal__explanation")].map((n) => n.textContent),
    marks: [...document.querySelectorAll("#result mark")].map((n) => n.textContent),
    tels: [...document.querySelectorAll("#result a[href^='tel:']")].map((a) => a.getAttribute("href")),
    steps: [...document.querySelectorAll("#result .steps__block")].map((n) => n.dataset.category ?? "calm"),
    kinds: [...document.querySelectorAll("#result .helplines")].map((n) => n.className.replace(/.*helplines--/, "")),
  }));
}

for (const lang of ["nl", "fr", "en"]) {
  const S = STRINGS[lang];

  test(`${lang}: a grooming chat is flagged and explained, with Child Focus 116 000`, async () => {
    const { page, context } = await openPage(browser, server, { query: `?lang=${lang}&country=BE` });
    try {
      const risk = await scan(page, CHATS[lang].grooming);
      assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
      const f = await resultFacts(page);
      assert.equal(f.lang, lang);
      assert.equal(f.title, S[`risk_${risk}_title`]);
      assert.ok(f.explanations.length > 0, "at least one signal is explained");
      for (const e of f.explanations) assert.ok(e.trim().length > 5, `explanation: ${e}`);
      assert.ok(f.marks.length > 0, "matched words are highlighted");
      for (const m of f.marks) assert.ok(CHATS[lang].grooming.includes(m), `highlight "${m}" is text from the chat`);
      assert.ok(f.tels.includes("tel:116000"), `tel links: ${f.tels}`);
      assert.ok(f.steps.includes("grooming"), `grooming advice shown: ${f.steps}`);
      assert.ok(f.who?.startsWith(S.verdictWho.replace("{name}", "Alex").split("{when}")[0]), `the verdict names Alex: ${f.who}`);
      assert.ok(f.kinds.includes("talk"));
      const call = page.locator("#result a[href='tel:116000']").first();
      assert.ok(await call.isVisible(), "the Child Focus call link is visible");
    } finally {
      await context.close();
    }
  });

  test(`${lang}: a harmless chat gets a calm answer and still the helpline`, async () => {
    const { page, context } = await openPage(browser, server, { query: `?lang=${lang}&country=BE` });
    try {
      const risk = await scan(page, CHATS[lang].benign);
      assert.ok(["none", "low"].includes(risk), `risk was ${risk}`);
      const f = await resultFacts(page);
      assert.equal(f.title, S[`risk_${risk}_title`]);
      assert.equal(f.text, S[`risk_${risk}_text`]);
      assert.deepEqual(f.steps, ["calm"], "only the calm advice");
      assert.equal(f.who, null, `nobody is named: ${f.who}`);
      assert.ok(f.tels.includes("tel:116000"), `tel links: ${f.tels}`);
      assert.ok(!f.kinds.includes("report") && !f.kinds.includes("remove"), `no report/remove lists for a calm result: ${f.kinds}`);
    } finally {
      await context.close();
    }
  });
}

test("two worrying people: the worst is named with the messages of their episode, the other one briefly", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    const chat = [
      CHATS.en.grooming,
      "Chris: are you home alone? send me a pic",
      "Chris: how old are you",
    ].join("\n");
    const risk = await scan(page, chat);
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
    const S = STRINGS.en;
    const f = await resultFacts(page);
    const [head, tail] = S.verdictWho.replace("{name}", "Alex").split("{when}");
    assert.ok(f.who.startsWith(head) && f.who.endsWith(tail), `Alex is named: ${f.who}`);
    // Without times, the episode is told by its message numbers.
    assert.match(f.who.slice(head.length), /^messages \d+–\d+$/, `by message numbers: ${f.who}`);
    assert.equal(f.also, S.verdictAlso.replace("{names}", "Chris"));
    const people = await page.$$eval("#result .timeline__person", (nodes) => nodes.map((n) => n.dataset.speaker));
    assert.deepEqual(people, ["Alex", "Chris"], "the timeline is grouped by person, worst first");
  } finally {
    await context.close();
  }
});

test("explanations follow the language switch, and the page language changes with it", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    await scan(page, CHATS.en.grooming);
    const en = await resultFacts(page);
    const before = await scansDone(page);
    await page.selectOption("#lang", "nl");
    // The result is redrawn at once and then again when the new explanations arrive.
    await page.waitForFunction((n) => Number(document.querySelector("#result").dataset.scans) >= n + 2, before);
    await waitForVerdict(page, { before });
    const nl = await resultFacts(page);
    assert.equal(nl.lang, "nl");
    assert.equal(await page.title(), STRINGS.nl.title);
    assert.equal(await page.textContent("#check"), STRINGS.nl.check);
    assert.equal(nl.title, STRINGS.nl[`risk_${await page.getAttribute("#verdict", "data-risk")}_title`]);
    assert.equal(nl.explanations.length, en.explanations.length);
    assert.notDeepEqual(nl.explanations, en.explanations, "explanations came back in Dutch");
    assert.match(page.url(), /lang=nl/);
  } finally {
    await context.close();
  }
});

test("the language comes from the browser, the country from the time zone (Belgium if it says nothing), and ?lang / ?country override them", async () => {
  const cases = [
    { locale: "nl-BE", timezoneId: "Europe/Brussels", query: "", lang: "nl", country: "BE" },
    { locale: "fr-FR", timezoneId: "Europe/Paris", query: "", lang: "fr", country: "FR" },
    { locale: "en-GB", timezoneId: "Europe/London", query: "", lang: "en", country: "GB" },
    { locale: "de-DE", timezoneId: "Europe/Berlin", query: "", lang: "en", country: "DE" },
    // The browser's language alone says nothing about where someone is.
    { locale: "en-GB", timezoneId: "UTC", query: "", lang: "en", country: "BE" },
    { locale: "en-US", timezoneId: "Asia/Tokyo", query: "", lang: "en", country: "INT" },
    { locale: "fr-BE", timezoneId: "Europe/Brussels", query: "?lang=nl&country=nl", lang: "nl", country: "NL" },
  ];
  for (const c of cases) {
    const { page, context } = await openPage(browser, server, { locale: c.locale, timezoneId: c.timezoneId, query: c.query });
    try {
      const got = await page.evaluate(() => ({ lang: document.documentElement.lang, sel: document.querySelector("#lang").value, country: document.querySelector("#country").value, first: document.querySelector("#country option").value }));
      assert.deepEqual(got, { lang: c.lang, sel: c.lang, country: c.country, first: "BE" }, JSON.stringify(c));
    } finally {
      await context.close();
    }
  }
});

test("360 px, /?lang=nl in an en-US browser: Belgian helplines unless the time zone says otherwise", async () => {
  const viewport = { width: 360, height: 740 };
  const cases = [
    { timezoneId: "UTC", country: "BE" }, // no hint
    { timezoneId: "Europe/Brussels", country: "BE" },
    { timezoneId: "America/New_York", country: "US" },
  ];
  for (const c of cases) {
    const { page, context } = await openPage(browser, server, { locale: "en-US", timezoneId: c.timezoneId, viewport, query: "?lang=nl" });
    try {
      const aside = await page.evaluate(() => ({ country: document.querySelector("#country").value, tels: [...document.querySelectorAll("#aside-helplines a[href^='tel:']")].map((a) => a.getAttribute("href")) }));
      assert.equal(aside.country, c.country, JSON.stringify(c));
      if (c.country === "BE") assert.equal(aside.tels[0], "tel:116000", `Child Focus first: ${aside.tels}`);
      else assert.ok(!aside.tels.includes("tel:116000"), `no Belgian number: ${aside.tels}`);
      await scan(page, CHATS.nl.grooming);
      const f = await resultFacts(page);
      assert.equal(f.tels.includes("tel:116000"), c.country === "BE", `${c.timezoneId}: ${f.tels}`);
      // A guess is not written into the address (it would read as a choice on reload); a choice is.
      assert.ok(!page.url().includes("country="), page.url());
      const other = c.country === "BE" ? "NL" : "BE";
      await page.selectOption("#country", other);
      await page.waitForFunction((country) => new URL(location.href).searchParams.get("country") === country, other);
    } finally {
      await context.close();
    }
  }
});

test("360 px in Belgium: French shows Écoute-Enfants 103 and not Awel, Dutch the other way round, also after switching", async () => {
  const viewport = { width: 360, height: 740 };
  const { page, context } = await openPage(browser, server, { viewport, query: "?lang=fr&country=BE" });
  const tels = () => page.$$eval("#aside-helplines a[href^='tel:'], #result a[href^='tel:']", (links) => links.map((a) => a.getAttribute("href")));
  try {
    await scan(page, CHATS.fr.grooming);
    let shown = await tels();
    assert.ok(shown.includes("tel:103") && !shown.includes("tel:102"), `fr: ${shown}`);
    await page.selectOption("#lang", "nl");
    await page.waitForFunction(() => document.documentElement.lang === "nl");
    await eventually(async () => {
      shown = await tels();
      return shown.includes("tel:102") && !shown.includes("tel:103");
    }, `nl shows Awel and not Écoute-Enfants: ${shown}`);
  } finally {
    await context.close();
  }
});

test("360 px in Belgium: the card adds the Child Focus reporting point and information sites where they fit, in the page's language", async () => {
  const viewport = { width: 360, height: 740 };
  const chats = {
    nl: {
      sextortion: "Sam: ik heb je naaktfoto's\nSam: stuur 150 euro of iedereen op je school ziet ze",
      exploitation: "Tom: je bent me nog 200 euro schuldig\nTom: je kan het terugbetalen door lief te zijn voor mijn vrienden\nTom: zaterdag breng ik je naar een hotel, er komen klanten",
      exposure: "Lina: ik heb jouw naaktfoto in de klasgroep gezet\nLina: iedereen heeft hem nu gezien haha",
    },
    fr: {
      sextortion: "Sam: j'ai tes photos nues\nSam: envoie 150 euros ou toute ton école les verra",
      exploitation: "Max: tu me dois encore 200 euros\nMax: tu peux rembourser en étant gentille avec mes amis\nMax: samedi je t'emmène à l'hôtel, il y aura des clients",
    },
  };
  // [lang, chat, the group, the site listed in it, a site of the other language or topic that is not]
  const cases = [
    ["nl", "sextortion", "report", "misbruikbeelden.be", "imagesdabus.be"],
    ["fr", "sextortion", "report", "imagesdabus.be", "misbruikbeelden.be"],
    ["nl", "exploitation", "info", "stoptienerpooiers.be", "misbruikbeelden.be"],
    ["fr", "exploitation", "info", "stopproxenetes-ados.be", "stoptienerpooiers.be"],
    ["nl", "exposure", "info", "sexting.be", "stoptienerpooiers.be"],
  ];
  for (const [lang, kind, group, site, notShown] of cases) {
    const { page, context } = await openPage(browser, server, { viewport, query: `?lang=${lang}&country=BE` });
    try {
      await scan(page, chats[lang][kind]);
      const names = await page.$$eval(`#result .helplines--${group} .helpline__name`, (nodes) => nodes.map((n) => n.textContent));
      assert.ok(names.includes(site), `${lang} ${kind}: "${STRINGS[lang][`kind_${group}`]}" lists ${site}: ${names}`);
      const link = page.locator(`#result .helplines--${group} a.web[href*="${site}"]`);
      assert.ok(await link.isVisible(), `${lang} ${kind}: ${site} has a visible link`);
      const all = await page.$$eval("#result .helpline__name", (nodes) => nodes.map((n) => n.textContent));
      assert.ok(!all.includes(notShown), `${lang} ${kind}: ${notShown} is not listed: ${all}`);
    } finally {
      await context.close();
    }
  }
});

test("360 px: Child Focus 116 000 is in the first paint, and stays when the engine never loads", async () => {
  const viewport = { width: 360, height: 740 };
  // Before any script runs: the HTML itself.
  const noScript = await browser.newContext({ javaScriptEnabled: false, viewport });
  try {
    const page = await noScript.newPage();
    await page.goto(`${server.url}?lang=nl`);
    const first = await page.evaluate(() => [...document.querySelectorAll("#aside-helplines a[href^='tel:']")].map((a) => [a.getAttribute("href"), a.textContent]));
    assert.deepEqual(first[0], ["tel:116000", "116\u00a0000"], JSON.stringify(first));
  } finally {
    await noScript.close();
  }
  // With the module blocked: the page says the checker failed, and the helplines are all there.
  const context = await browser.newContext({ locale: "nl-BE", timezoneId: "UTC", viewport });
  try {
    await context.route("**/pkg/*.wasm", (route) => route.abort());
    const page = await context.newPage();
    await page.goto(`${server.url}?lang=nl`);
    await page.waitForSelector("html[data-ready='failed']", { timeout: 30_000 });
    const aside = await page.evaluate(() => ({
      names: [...document.querySelectorAll("#aside-helplines .helpline__name")].map((n) => n.textContent),
      calls: [...document.querySelectorAll("#aside-helplines a[href^='tel:']")].map((a) => a.textContent),
      error: document.querySelector("#error").textContent,
    }));
    assert.equal(aside.names[0], "Child Focus", JSON.stringify(aside));
    assert.ok(aside.calls.includes("Bel 116\u00a0000"), `a non-breaking space: ${JSON.stringify(aside.calls)}`);
    assert.match(aside.error, /checker kan niet starten/);
    // One line: the number does not wrap at 360 px.
    const lines = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector("#aside-helplines a[href='tel:116000']"));
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    assert.ok(lines <= 1, `the call link fits on one line (${lines})`);
  } finally {
    await context.close();
  }
});

test("the country decides the helplines: the Netherlands shows Helpwanted, not Child Focus", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=nl&country=NL" });
  try {
    await scan(page, CHATS.nl.grooming);
    const f = await resultFacts(page);
    assert.ok(f.tels.includes("tel:0202615275"), `tel links: ${f.tels}`);
    assert.ok(!f.tels.includes("tel:116000"), "116 000 is the missing-children line in NL, not shown");
    await page.selectOption("#country", "BE");
    await page.waitForFunction(() => !!document.querySelector("#result a[href='tel:116000']"));
  } finally {
    await context.close();
  }
});

test("sextortion: advice not to pay, and image removal services including Take It Down", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    const risk = await scan(page, SEXTORTION_EN);
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
    const f = await resultFacts(page);
    assert.ok(f.steps.includes("sextortion"), `steps: ${f.steps}`);
    assert.ok(f.kinds.includes("remove"), `helpline kinds: ${f.kinds}`);
    const body = await page.textContent("#result");
    assert.ok(body.includes(STRINGS.en.step_noPay));
    assert.ok(body.includes("Take It Down"));
  } finally {
    await context.close();
  }
});

test("chat text is shown as text: markup in messages and names never becomes HTML", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    const evil = [
      '<b id="evil-name">Alex</b>: hey, how old are you? <img src=x id="evil-img" onerror="window.__pwned=1">',
      "Sam: 13",
      "<b id=\"evil-name\">Alex</b>: don't tell your parents about us, it's our little secret <script>window.__pwned=2</script>",
      '<b id="evil-name">Alex</b>: send me a pic of you <svg onload="window.__pwned=3"></svg>',
    ].join("\n");
    const risk = await scan(page, evil);
    assert.ok(["low", "medium", "high"].includes(risk), `risk was ${risk}`);
    const facts = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      injected: document.querySelectorAll("#evil-img, #evil-name, #result img, #result script, #result svg, #result b").length,
      quotes: [...document.querySelectorAll("#result .quote__text")].map((n) => n.textContent).join("\n"),
      speakers: [...document.querySelectorAll("#result .quote__speaker, #self option")].map((n) => n.textContent),
    }));
    assert.equal(facts.pwned, null);
    assert.equal(facts.injected, 0);
    assert.ok(facts.quotes.includes("<img src=x") || facts.quotes.includes("<script>") || facts.quotes.includes("<svg"), `markup shown as text: ${facts.quotes}`);
    assert.ok(facts.speakers.some((s) => s.includes('<b id="evil-name">')), `names shown as text: ${facts.speakers}`);
  } finally {
    await context.close();
  }
});

test("highlights sit exactly on the matched words, also after emoji and accents", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    const chat = "Alex: 😊😊 héllo 👋🏽 how old are you?\nSam: 13\nAlex: 🤫 don't tell your parents about us, it's our little secret 💕";
    await scan(page, chat);
    const quotes = await page.$$eval("#result .quote__text", (nodes) =>
      nodes.map((n) => ({ text: n.textContent, marks: [...n.querySelectorAll("mark")].map((m) => m.textContent) })),
    );
    assert.ok(quotes.length > 0);
    for (const q of quotes) {
      assert.ok(chat.includes(q.text), `the quote is the message text: ${q.text}`);
      for (const m of q.marks) {
        assert.ok(!/^[\udc00-\udfff]/.test(m) && !/[\ud800-\udbff]$/.test(m), `no broken surrogate pair in "${m}"`);
        assert.ok(q.text.includes(m));
      }
    }
    assert.ok(quotes.some((q) => q.marks.some((m) => /how old|secret|tell/i.test(m))), JSON.stringify(quotes));
  } finally {
    await context.close();
  }
});

test("an engine error is explained in plain words and the text is kept", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    const text = "Alex: hi\u0000\u0001 there";
    await page.fill("#input", text);
    await page.click("#check");
    await page.waitForSelector("#error:not([hidden])");
    const error = await page.textContent("#error");
    assert.ok(error.includes(STRINGS.en.errorTitle) && error.includes(STRINGS.en.errorText), error);
    assert.equal(await page.getAttribute("#error", "role"), "alert");
    assert.equal(await page.inputValue("#input"), text, "the text is kept");
    assert.equal(await page.getAttribute("#result", "aria-busy"), "false");
    // And the page still works afterwards.
    const risk = await scan(page, CHATS.en.grooming);
    assert.ok(["medium", "high"].includes(risk));
    assert.ok(await page.isHidden("#error"));
  } finally {
    await context.close();
  }
});

test("an empty box asks for text instead of scanning", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=fr" });
  try {
    await page.fill("#input", "   \n  ");
    await page.click("#check");
    assert.equal(await page.textContent("#input-status"), STRINGS.fr.needText);
    assert.equal(await scansDone(page), 0);
  } finally {
    await context.close();
  }
});

test("clear wipes the text and the result", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en" });
  try {
    await scan(page, CHATS.en.grooming);
    await page.click("#clear");
    const state = await page.evaluate(() => ({
      input: document.querySelector("#input").value,
      verdict: document.querySelector("#verdict").textContent,
      risk: document.querySelector("#verdict").dataset.risk ?? null,
      body: document.querySelector("#result-body").hidden,
      quotes: document.querySelectorAll(".quote").length,
      focus: document.activeElement.id,
    }));
    assert.deepEqual(state, { input: "", verdict: "", risk: null, body: true, quotes: 0, focus: "input" });
  } finally {
    await context.close();
  }
});

test("nl, 360 px: file messages are next to the file button and say what is wrong; sizes are not '0.1 MB'", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=nl&country=BE", viewport: { width: 360, height: 740 } });
  try {
    const S = STRINGS.nl;
    const status = async () => page.evaluate(() => {
      const node = document.querySelector("#file-status");
      const box = node.getBoundingClientRect();
      return { text: node.textContent, onScreen: box.top >= 0 && box.bottom <= innerHeight };
    });
    await page.setInputFiles("#file", { name: "foto.txt", mimeType: "text/plain", buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff]) });
    // On screen once the page has scrolled to it (smoothly, where motion is not reduced).
    await page.waitForFunction(() => {
      const box = document.querySelector("#file-status").getBoundingClientRect();
      return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight;
    });
    const got = await status();
    assert.equal(got.text, S.fileNotText.replace("{name}", "foto.txt"));
    assert.ok(!got.text.includes(".txt-bestand"), "no 'use a .txt file' for a .txt file");
    assert.ok(got.onScreen, "the message is on screen at 360 px");
    await page.setInputFiles("#file", { name: "leeg.txt", mimeType: "text/plain", buffer: Buffer.from("  \n") });
    await page.waitForFunction((s) => document.querySelector("#file-status").textContent === s, S.fileEmpty.replace("{name}", "leeg.txt"));
    assert.equal(await page.inputValue("#input"), "", "nothing is 'in the box'");
    await page.setInputFiles("#file", { name: "chat.zip", mimeType: "application/zip", buffer: Buffer.alloc(3000, 1) });
    await page.waitForFunction(() => !document.querySelector("#big").hidden);
    const meta = await page.textContent("#big-meta");
    assert.match(meta, /\b3 kB\b/, `a 3 kB file: ${meta}`);
    assert.ok(!meta.includes("MB"), meta);
  } finally {
    await context.close();
  }
});

test("nl, 360 px: Check before the engine has loaded says it is getting ready, then gives the result; Ctrl+Enter checks", async () => {
  const context = await browser.newContext({ locale: "nl-BE", timezoneId: "UTC", viewport: { width: 360, height: 740 } });
  try {
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await context.route("**/pkg/*.wasm", async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(`${server.url}?lang=nl&country=BE`);
    await page.fill("#input", CHATS.nl.grooming);
    await page.focus("#input");
    await page.keyboard.press("Control+Enter");
    await page.waitForSelector("#busy:not([hidden])");
    assert.equal(await page.textContent("#busy-label"), STRINGS.nl.starting);
    release();
    const risk = await waitForVerdict(page);
    assert.ok(["medium", "high"].includes(risk), `risk was ${risk}`);
    assert.ok(await page.isHidden("#busy"));
    assert.equal(await page.textContent("#busy-label"), STRINGS.nl.busy, "a later check says it is checking");
  } finally {
    await context.close();
  }
});

test("a .txt file is read into the box and can be checked", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    await page.setInputFiles("#file", { name: "chat.txt", mimeType: "text/plain", buffer: Buffer.from(CHATS.en.grooming) });
    await page.waitForFunction(() => document.querySelector("#input").value.length > 0);
    assert.equal(await page.inputValue("#input"), CHATS.en.grooming);
    assert.ok((await page.textContent("#file-status")).includes("chat.txt"));
    await page.setInputFiles("#file", { name: "photo.txt", mimeType: "text/plain", buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]) });
    await page.waitForFunction((s) => document.querySelector("#file-status").textContent === s, STRINGS.en.fileNotText.replace("{name}", "photo.txt"));
    assert.equal(await page.inputValue("#input"), CHATS.en.grooming, "a bad file leaves the text alone");
    const before = await scansDone(page);
    await page.click("#check");
    const risk = await waitForVerdict(page, { before });
    assert.ok(["medium", "high"].includes(risk));
  } finally {
    await context.close();
  }
});

test("after a scan, 'which name is you' lists the speakers and rescans with it", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    await scan(page, CHATS.en.grooming);
    assert.ok(await page.isVisible("#self-field"));
    const names = await page.$$eval("#self option", (o) => o.map((x) => x.value));
    assert.deepEqual(names, ["", "Alex", "Sam"]);
    const before = await scansDone(page);
    await page.selectOption("#self", "Alex");
    // Counting only what "Sam" wrote, Alex's grooming lines no longer count.
    const risk = await waitForVerdict(page, { before });
    assert.ok(["none", "low"].includes(risk), `risk with self=Alex was ${risk}`);
  } finally {
    await context.close();
  }
});

test("chat exports are read by the engine: a WhatsApp .zip and a Discord .json; a wrong file is explained", async () => {
  const { page, context } = await openPage(browser, server, { query: "?lang=en&country=BE" });
  try {
    const files = [
      { name: "WhatsApp Chat with Chris.zip", mimeType: "application/zip", path: "tests/fixtures/chat/whatsapp/WhatsApp Chat with Chris.zip" },
      { name: "guild_en.json", mimeType: "application/json", path: "tests/fixtures/chat/discord/guild_en.json" },
    ];
    for (const f of files) {
      await page.setInputFiles("#file", { name: f.name, mimeType: f.mimeType, buffer: readFileSync(repoPath(f.path)) });
      await page.waitForSelector("#big:not([hidden])");
      assert.ok((await page.textContent("#big-meta")).includes(f.name));
      assert.ok(await page.isHidden("#big-preview"), "no preview of a binary or JSON file");
      const before = await scansDone(page);
      await page.click("#check");
      const risk = await waitForVerdict(page, { before });
      assert.ok(["none", "low", "medium", "high"].includes(risk));
      const checked = await page.textContent(".verdict__meta");
      assert.match(checked, /[1-9]\d* messages? checked/, `${f.name}: ${checked}`);
      assert.ok(await page.isHidden("#error"));
    }
    await page.setInputFiles("#file", { name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"shopping": ["milk", "bread"]}') });
    await page.click("#check");
    await page.waitForSelector("#error:not([hidden])");
    assert.ok((await page.textContent("#error")).includes(STRINGS.en.fileNotChat));
    assert.ok(await page.isVisible("#big"), "the file stays chosen");
  } finally {
    await context.close();
  }
});

test("360 px, nl and fr: why a file cannot be read is said in the page's language, with the engine's values", async () => {
  const viewport = { width: 360, height: 740 };
  const files = [
    // An export saved in Latin-1 (not .txt, which the page reads itself): the engine names the
    // first line it cannot read.
    { name: "chat.log", buffer: Buffer.from("Alex: salut\nSam: \xe7a va? tu as quel \xe2ge\n", "latin1"), code: "not_utf8", args: { line: "2" } },
    { name: "notes.json", buffer: Buffer.from('{"shopping": ["milk", "bread"]}'), code: "unsupported", args: {} },
  ];
  for (const lang of ["nl", "fr"]) {
    const { page, context } = await openPage(browser, server, { viewport, query: `?lang=${lang}&country=BE` });
    try {
      for (const f of files) {
        await page.setInputFiles("#file", { name: f.name, mimeType: "application/octet-stream", buffer: f.buffer });
        await page.waitForSelector("#big:not([hidden])");
        await page.click("#check");
        await page.waitForSelector("#error:not([hidden])");
        const reason = await page.textContent("#error .notice__reason");
        const expected = STRINGS[lang][`chatError_${f.code}`].replace(/\{(\w+)\}/g, (m, name) => f.args[name]);
        assert.equal(reason, expected, `${lang} ${f.name}`);
        const english = await page.$$eval("#error [lang='en']", (nodes) => nodes.map((n) => n.textContent).join(" "));
        assert.ok(!/line 2|not saved as UTF-8/.test(english), `${lang} ${f.name}: the engine's English sentence is not shown: ${english}`);
        await page.click("#clear");
      }
    } finally {
      await context.close();
    }
  }
});

test("a chat file dropped anywhere on the page is put in the box, with the drop zone marked only while dragging", async () => {
  const { page, context } = await openPage(browser, server);
  try {
    const marked = await page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(["Sam: hey\nAlex: hi"], "dropped-chat.txt", { type: "text/plain" }));
      document.body.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      const during = document.querySelector("#dropzone").classList.contains("dropzone--active");
      document.body.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
      return during;
    });
    assert.ok(marked, "the drop zone is marked while files are dragged over");
    await page.waitForFunction(() => document.querySelector("#input").value === "Sam: hey\nAlex: hi");
    assert.ok(!(await page.$eval("#dropzone", (z) => z.classList.contains("dropzone--active"))), "and unmarked after the drop");
  } finally {
    await context.close();
  }
});
