// The partner embed (docs/embed.md): the widget in a partner's page on another site, with a
// plain iframe (docs/examples/iframe.html) or the <redflag-check> element (element.html), and
// in a page that does all it can to spy on it or break it (hostile.html).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startSession, stopSession, startServer, waitReady, scan, ensureArtifacts, eventually, widgetFrame } from "./lib/harness.mjs";
import { CHATS } from "./lib/chats.mjs";
import { repoPath } from "./lib/paths.mjs";
import { LANGS, STRINGS } from "../../www/i18n.js";
import { DEFAULT_FRAME_ANCESTORS } from "../../scripts/headers.mjs";
import { EXAMPLES_WIDGET_ORIGIN } from "../../scripts/serve.mjs";

// The partner examples, opened on localhost (partnerUrl) at whatever port they were given: the
// one site the widget's server lets embed it.
const PARTNERS = "http://localhost:*";

let server;
let browser;

before(async () => ({ server, browser } = await startSession({ examples: true, frameAncestors: PARTNERS })));

after(() => stopSession({ server, browser }));

/**
 * A partner example's address on "localhost": the examples server listens on 127.0.0.1 like
 * the widget, so this makes the partner another site, not only another origin, as it would be.
 */
function partnerUrl(name, examplesUrl = server.examplesUrl) {
  return new URL(name, examplesUrl.replace("//127.0.0.1:", "//localhost:")).href;
}

/** Opens a partner example in a fresh context and waits until the widget in it is ready. */
async function openPartnerPage(name, { viewport = { width: 1000, height: 1200 }, first = null, hasTouch = false } = {}) {
  const context = await browser.newContext({ locale: "en-GB", viewport, hasTouch, reducedMotion: "reduce" });
  const page = await context.newPage();
  const requests = [];
  context.on("request", (r) => requests.push(r));
  if (first) await page.goto(first);
  await page.goto(partnerUrl(name));
  const frame = await widgetFrame(page, server.url);
  await waitReady(frame);
  return { context, page, frame, requests };
}

/** Sets attributes of the page's <redflag-check>, as a partner's script would. */
function setAttributes(page, attributes) {
  return page.evaluate((pairs) => {
    const element = document.querySelector("redflag-check");
    for (const [name, value] of Object.entries(pairs)) element.setAttribute(name, value);
  }, attributes);
}

async function frameBox(frame) {
  return (await frame.frameElement()).boundingBox();
}

/** The step the widget's heights come in, from its own module (www/embed.js). */
function heightStep(frame) {
  return frame.evaluate(() => import("./embed.js").then((embed) => embed.HEIGHT_STEP));
}

/**
 * Waits until the iframe has taken a height the widget asked for (a whole number of its steps)
 * for which `wanted(height)` holds, and returns it.
 */
async function askedHeight(frame, wanted = () => true) {
  const step = await heightStep(frame);
  return eventually(async () => {
    const { height } = await frameBox(frame);
    return height % step === 0 && wanted(height) && height;
  }, "the frame to take the height the widget asked for");
}

/** Asserts that a message from the frame is a height or a show message: a type and one whole number. */
function assertOnlyStep(message) {
  const field = { "redflag:height": "height", "redflag:show": "top" }[message.type];
  assert.ok(field, `only heights and show messages: ${JSON.stringify(message)}`);
  assert.deepEqual(Object.keys(message), ["type", field], JSON.stringify(message));
  assert.ok(Number.isInteger(message[field]), JSON.stringify(message));
}

/** The height of the page in the frame, which the partner's page must not learn. */
function contentHeight(frame) {
  return frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
}

for (const name of ["iframe.html", "element.html"]) {
  test(`${name}: the widget works in a partner's page on another site, in the page's language and country`, async () => {
    const { context, page, frame, requests } = await openPartnerPage(name);
    try {
      assert.notEqual(new URL(page.url()).origin, new URL(frame.url()).origin, "the partner and the widget are on different origins");
      const facts = await frame.evaluate(() => ({
        lang: document.documentElement.lang,
        embedded: "embed" in document.documentElement.dataset,
        check: document.querySelector("#check").textContent,
      }));
      assert.deepEqual(facts, { lang: "nl", embedded: true, check: STRINGS.nl.check });
      assert.equal(await (await frame.frameElement()).getAttribute("title"), STRINGS.nl.formLabel);
      assert.ok(await frame.isVisible("#aside-helplines a[href='tel:116000']"), "Child Focus 116 000 for Belgium");
      for (const shown of ["#quick-exit", ".intro__privacy"]) assert.ok(await frame.isVisible(shown), `${shown} is shown`);
      for (const hidden of [".brand", ".footer"]) assert.ok(!(await frame.isVisible(hidden)), `${hidden} is hidden`);

      if (name === "element.html") {
        const accent = await frame.evaluate(() => getComputedStyle(document.querySelector("#check")).backgroundColor);
        assert.equal(accent, "rgb(142, 42, 92)", "--redflag-accent from the partner's CSS reached the frame");
      }

      const before = await askedHeight(frame);
      const risk = await scan(frame, CHATS.nl.grooming);
      assert.ok(["medium", "high"].includes(risk), risk);
      assert.equal(await frame.textContent("#verdict .verdict__title"), STRINGS.nl[`risk_${risk}_title`]);
      const afterScan = await askedHeight(frame, (height) => height > before);
      console.log(`# ${name}: frame height ${before}px before, ${afterScan}px with the result`);

      const widget = new URL(server.url).origin;
      const partner = new URL(page.url()).origin;
      for (const request of requests) {
        const url = new URL(request.url());
        assert.ok(url.origin === widget || url.origin === partner, `only the two origins: ${url}`);
        assert.equal(request.method(), "GET", url.href);
      }
    } finally {
      await context.close();
    }
  });
}

for (const [name, lang] of [["iframe.html", "nl"], ["element.html", "fr"]]) {
  test(`${name}, ${lang}, 360×740: after Check the verdict is on the partner's screen, with the focus and a Quick exit to tap`, async () => {
    const { context, page, frame } = await openPartnerPage(name, { viewport: { width: 360, height: 740 }, hasTouch: true });
    try {
      if (name === "element.html") await setAttributes(page, { lang, country: "BE" });
      await frame.waitForFunction((l) => document.documentElement.lang === l, lang);
      await page.evaluate(() => {
        window.shown = [];
        addEventListener("message", (event) => event.data?.type === "redflag:show" && window.shown.push(event.data.top));
      });
      const risk = await scan(frame, CHATS[lang].grooming);
      assert.ok(["medium", "high"].includes(risk), risk);
      const shown = await eventually(() => page.evaluate(() => window.shown.length && window.shown), "the show message");
      const step = await frame.evaluate(() => import("./embed.js").then((embed) => embed.SHOW_STEP));
      assert.equal(shown.length, 1, `one show message: ${shown}`);
      assert.equal(shown[0] % step, 0, `top ${shown[0]} is a whole number of ${step} px steps`);

      // Where it is on the partner's screen: the frame's box plus the place in the frame.
      const onScreen = async (selector) => {
        const box = await frameBox(frame);
        const rect = await frame.evaluate((s) => JSON.parse(JSON.stringify(document.querySelector(s).getBoundingClientRect())), selector);
        return { top: box.y + rect.top, bottom: box.y + rect.bottom };
      };
      const title = await onScreen("#verdict .verdict__title");
      assert.ok(title.top >= 0 && title.bottom <= 740, `the verdict is on the screen: ${JSON.stringify(title)}`);
      console.log(`# ${name}: told top ${shown[0]}px; the verdict at ${Math.round(title.top)}px on the partner's screen`);
      assert.equal(await frame.textContent("#verdict .verdict__title"), STRINGS[lang][`risk_${risk}_title`]);
      const focused = await frame.evaluate(() => document.activeElement.matches("#verdict .verdict__title"));
      assert.ok(focused, "the focus is on the verdict's heading");

      const exit = await onScreen("#result-exit");
      assert.ok(exit.top >= 0 && exit.bottom <= 740, `the Quick exit under the verdict is on the screen: ${JSON.stringify(exit)}`);
      assert.equal((await frame.textContent("#result-exit")).trim(), STRINGS[lang].quickExit);
      // Choosing another country shows the result again, and leaves the focus in the list.
      const scans = Number(await frame.getAttribute("#result", "data-scans"));
      await frame.focus("#country");
      await frame.selectOption("#country", "NL");
      await frame.waitForFunction((n) => Number(document.querySelector("#result").dataset.scans) > n, scans);
      await frame.waitForTimeout(100); // the frame that reveals the result
      assert.equal(await frame.evaluate(() => document.activeElement.id), "country", "the focus stays in the country list");
      await frame.tap("#result-exit");
      await page.waitForURL(`${server.url}exit.html`);
      assert.equal(page.frames().length, 1, "the widget's frame, and the text in it, are gone");
      assert.ok(!(await page.content()).includes(CHATS[lang].grooming.split("\n")[0]), "the text is not on the page");
    } finally {
      await context.close();
    }
  });
}

test("the examples name the widget's origin, whatever its port, in their policy, frame and listener", async () => {
  assert.notEqual(new URL(server.url).port, "8080", "the widget is on another port than the examples name");
  const widget = new URL(server.url).origin;
  for (const name of ["iframe.html", "element.html", "hostile.html"]) {
    const html = await (await fetch(new URL(name, server.examplesUrl))).text();
    assert.ok(!html.includes(EXAMPLES_WIDGET_ORIGIN), `${name}: no ${EXAMPLES_WIDGET_ORIGIN} left`);
    assert.ok(html.includes(`src="${widget}/`), `${name}: loads the widget from ${widget}`);
    if (name !== "hostile.html") assert.match(html, new RegExp(`<meta http-equiv="Content-Security-Policy" content="[^"]*frame-src ${widget}"`), `${name}: its policy allows the widget's frame`);
  }
});

test("element.html: lang, country and theme changed on the element reach the frame without reloading it", async () => {
  const { context, page, frame } = await openPartnerPage("element.html");
  try {
    for (const lang of LANGS) {
      await setAttributes(page, { lang });
      assert.equal(await (await frame.frameElement()).getAttribute("title"), STRINGS[lang].formLabel, `the frame's title in ${lang} is i18n.js's`);
    }
    await frame.fill("#input", CHATS.fr.grooming);
    await setAttributes(page, { lang: "fr", country: "FR", theme: "dark" });
    await frame.waitForFunction(() => document.documentElement.lang === "fr" && document.documentElement.dataset.theme === "dark");
    await frame.waitForSelector("#aside-helplines a[href='tel:3018']");
    assert.equal(await frame.inputValue("#input"), CHATS.fr.grooming, "the text is still there: no reload");
    assert.equal(await frame.textContent("#check"), STRINGS.fr.check);
    assert.equal(await (await frame.frameElement()).getAttribute("title"), STRINGS.fr.formLabel);

    // compact changes the page's layout: the frame loads again, with everything in its address.
    await setAttributes(page, { compact: "" });
    await eventually(() => frame.url().includes("compact=1"), "the frame to load in compact mode");
    await waitReady(frame);
    const facts = await frame.evaluate(() => ({ ...document.documentElement.dataset, lang: document.documentElement.lang, intro: getComputedStyle(document.querySelector(".intro p")).display }));
    assert.deepEqual(facts, { embed: "", compact: "", theme: "dark", accent: "", ready: "true", lang: "fr", intro: "none" });
  } finally {
    await context.close();
  }
});

test("iframe.html: the frame takes settings from its parent only, checks them, and never answers", async () => {
  const { context, page, frame } = await openPartnerPage("iframe.html");
  try {
    await page.evaluate(() => {
      window.received = [];
      addEventListener("message", (event) => window.received.push(event.data));
    });
    const post = (message) => page.evaluate((m) => document.querySelector("#redflag").contentWindow.postMessage(m, "*"), message);
    const look = () => frame.evaluate(() => ({ lang: document.documentElement.lang, theme: document.documentElement.dataset.theme ?? "light", country: document.querySelector("#country").value }));

    // From the frame itself (not its parent), and bad values from the parent: ignored.
    await frame.evaluate(() => window.postMessage({ type: "redflag:settings", lang: "fr", theme: "dark" }, "*"));
    await post({ type: "redflag:settings", lang: "xx", country: "<b>ZZ</b>", theme: "url(x)" });
    await post({ type: "redflag:settings", lang: ["fr"], country: { toString: "FR" } });
    await frame.waitForTimeout(300);
    assert.deepEqual(await look(), { lang: "nl", theme: "light", country: "BE" });

    await post({ type: "redflag:settings", lang: "FR", country: "fr", theme: "DARK" });
    await frame.waitForFunction(() => document.documentElement.lang === "fr");
    assert.deepEqual(await look(), { lang: "fr", theme: "dark", country: "FR" });
    await frame.waitForSelector("#aside-helplines a[href='tel:3018']");

    await scan(frame, CHATS.fr.grooming);
    await page.waitForTimeout(300);
    const received = await page.evaluate(() => window.received);
    assert.ok(received.some((message) => message.type === "redflag:height"), "the height was sent");
    assert.ok(received.some((message) => message.type === "redflag:show"), "where the result is was sent");
    for (const message of received) assertOnlyStep(message);
  } finally {
    await context.close();
  }
});

test("the partner's page is told whole steps of height, the same for every result, at its own origin only", async () => {
  for (const width of [420, 1000]) {
    const { context, page, frame } = await openPartnerPage("iframe.html", { viewport: { width, height: 900 } });
    try {
      const step = await heightStep(frame);
      const partner = new URL(page.url()).origin;
      await page.evaluate(() => {
        window.heights = [];
        window.tops = [];
        addEventListener("message", (event) => {
          if (event.data?.type === "redflag:height") window.heights.push(event.data.height);
          if (event.data?.type === "redflag:show") window.tops.push(event.data.top);
        });
      });
      // embed.js posts to window.parent, a replaceable attribute: this stand-in records the
      // target origin of every message and passes it on.
      await frame.evaluate(() => {
        const parent = window.parent;
        window.targets = [];
        window.parent = { postMessage: (message, target) => (window.targets.push(target), parent.postMessage(message, target)) };
      });
      const form = await askedHeight(frame);

      const contents = {};
      // The evidence is folded in a narrow frame: opened, as the young person would, so that
      // the worrying result is far taller than the calm one.
      const openEvidence = () => frame.evaluate(() => document.querySelectorAll("#result details").forEach((d) => (d.open = true)));
      await scan(frame, CHATS.nl.grooming);
      await openEvidence();
      const result = await askedHeight(frame, (height) => height > form);
      contents.worrying = await contentHeight(frame);
      // One more line typed (the result is marked stale), then checked with it.
      const longer = `${CHATS.nl.grooming}\nSam: ik moet nu echt gaan, mijn moeder roept`;
      await frame.fill("#input", longer);
      await frame.waitForSelector("#result-body .stale");
      contents.edited = await contentHeight(frame);
      await scan(frame, longer);
      await openEvidence();
      contents.checkedAgain = await contentHeight(frame);
      // The partner's page narrows the frame a pixel at a time, until a line of the result wraps.
      for (let px = (await frameBox(frame)).width - 1; px > width / 2 && !contents.narrower; px--) {
        await page.evaluate((w) => (document.querySelector("#redflag").style.width = `${w}px`), px);
        await frame.waitForFunction((w) => innerWidth === w, px);
        const now = await contentHeight(frame);
        if (now !== contents.checkedAgain) contents.narrower = now;
      }
      const calm = await scan(frame, CHATS.nl.benign);
      assert.ok(["none", "low"].includes(calm), calm);
      contents.calm = await contentHeight(frame);
      await page.waitForTimeout(500); // for any message still on its way

      const label = `${width}px: content ${JSON.stringify(contents)}`;
      assert.ok(contents.worrying - contents.calm > step, `${label}: the results' own heights differ by more than a step`);
      assert.notEqual(contents.edited, contents.worrying, `${label}: the edit moved the content`);
      assert.ok(contents.narrower, `${label}: a pixel less moved the content`);
      assert.equal((await frameBox(frame)).height, result, `${label}: the frame kept the height it had with the first result`);
      const heights = await page.evaluate(() => window.heights);
      assert.deepEqual(heights, [result], `${label}: with a result shown, one height was sent, whatever the result`);
      const tops = await page.evaluate(() => window.tops);
      assert.equal(tops.length, 3, `${label}: each result was shown`);
      assert.deepEqual(new Set(tops), new Set([tops[0]]), `${label}: at the same place, whatever the result (${tops})`);
      assert.equal(form % step, 0);
      assert.equal(result % step, 0);
      const targets = await frame.evaluate(() => window.targets);
      assert.ok(targets.length > 0, "the frame sent messages");
      assert.deepEqual([...new Set(targets)], [partner], "every message was addressed to the partner's origin");
      console.log(`# ${width}px wide: the partner's page was told ${form}px before the result, ${result}px with any result`);
    } finally {
      await context.close();
    }
  }
});

test("the frame finds the partner's origin in its referrer where the browser has no ancestorOrigins, and knows when it cannot", async () => {
  const { context, page, frame } = await openPartnerPage("element.html");
  try {
    const partner = new URL(page.url()).origin;
    // The element's frame sends the partner's origin, and only that, as its referrer.
    assert.equal(await frame.evaluate(() => document.referrer), `${partner}/`);
    // [location.ancestorOrigins (null: Firefox has none), document.referrer, what is found]
    const cases = [
      [[partner], "", partner],
      [null, `${partner}/a/page?with=query`, partner],
      [null, "", null],
      [["null"], "", null],
      [null, "about:blank", null],
      [["https://parent.example"], "https://referrer.example/", "https://parent.example"],
    ];
    for (const [ancestorOrigins, referrer, expected] of cases) {
      const found = await frame.evaluate(([a, r]) => import("./embed.js").then((embed) => embed.parentOrigin(a, r)), [ancestorOrigins, referrer]);
      assert.equal(found, expected, JSON.stringify({ ancestorOrigins, referrer }));
    }
  } finally {
    await context.close();
  }
});

test("the look options in the address are checked: theme, compact, accent, font", async () => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  const open = async (query) => {
    await page.goto(`${server.url}index.html?${query}`);
    return page.evaluate(() => {
      const root = document.documentElement;
      return {
        data: Object.keys(root.dataset).filter((key) => key !== "ready").sort().join(" "),
        style: root.getAttribute("style") ?? "",
        accent: getComputedStyle(root).getPropertyValue("--accent").trim(),
        font: getComputedStyle(document.body).fontFamily,
      };
    });
  };
  try {
    const good = await open(`embed=1&theme=auto&compact=1&accent=${encodeURIComponent("hsl(200, 80%, 25%)")}&font=${encodeURIComponent("'Comic Neue', serif")}`);
    assert.equal(good.data, "accent compact embed theme");
    assert.equal(await page.getAttribute("html", "data-theme"), "dark", "auto follows the device (dark here)");
    await page.emulateMedia({ colorScheme: "light" });
    await page.waitForSelector("html[data-theme='light']", { state: "attached" }); // auto follows changes too
    assert.match(good.font, /^"Comic Neue", serif, system-ui/);

    for (const accent of ["red", "#ffff00", "#0f5c6e80", "rgb(1,2,3);color:red", "url(x)", "var(--ink)", "hsl(0 0% 0% / 0.5)"]) {
      const bad = await open(`embed=1&accent=${encodeURIComponent(accent)}`);
      assert.equal(bad.data, "embed", `accent ${accent} is ignored`);
      assert.equal(bad.style, "", accent);
      assert.equal(bad.accent, "#0f5c6e", accent);
    }
    const badFont = await open(`embed=1&theme=neon&font=${encodeURIComponent("x; } body { display: none")}`);
    assert.deepEqual([badFont.data, badFont.style], ["embed", ""]);
    assert.match(badFont.font, /^system-ui/);

    const standalone = await open("theme=dark&compact=1&accent=%23000000");
    assert.deepEqual([standalone.data, standalone.style], ["", ""], "only the embedded page takes a look from its address");
  } finally {
    await context.close();
  }
});

test("hostile.html: nothing typed or found reaches a page that listens, watches and pokes at everything", async () => {
  const MARKER = "zwartekiwi";
  const secret = [
    `Alex: hey ${MARKER}, hoe oud ben je?`,
    "Sam: 13, waarom",
    "Alex: zeg niks tegen je ouders, dit is ons geheimpje",
    "Alex: stuur eens een foto van jezelf",
    `Sam: mijn wachtwoord is ${MARKER}42`,
  ].join("\n");
  const { context, page, frame, requests } = await openPartnerPage("hostile.html");
  try {
    // The control: a key pressed in the partner's own page is seen by its listeners.
    await page.keyboard.press("Q");
    await frame.click("#input");
    await page.keyboard.type(secret.split("\n").slice(0, 3).join("\n"));
    await page.keyboard.insertText(`\n${secret.split("\n").slice(3).join("\n")}`);
    assert.equal(await frame.inputValue("#input"), secret);
    await frame.click("#check");
    const risk = await frame.waitForSelector("#verdict .verdict__title").then(() => frame.getAttribute("#verdict", "data-risk"));
    assert.ok(["medium", "high"].includes(risk), risk);
    await page.waitForTimeout(1000); // a few rounds of the page's probing

    const widgetText = await frame.evaluate(() => [
      ...[...document.querySelectorAll("#verdict p, .signal__explanation, .quote__text, mark, .timeline__signal")].map((n) => n.textContent),
    ]);
    const seen = await page.evaluate(() => ({
      log: window.hostileLog,
      everything: JSON.stringify(window.hostileLog),
      dom: document.documentElement.outerHTML,
      shadow: window.capturedRoots.map((root) => root.innerHTML),
    }));

    assert.ok(seen.log.events.some((e) => e.includes('"type":"keydown","key":"Q"')), "the page's listeners do see its own keys");
    assert.equal(seen.shadow.length, 1, "the page got hold of the closed shadow root");
    assert.match(seen.shadow[0], /<iframe /);
    // Until the widget's page arrives, a new frame holds an empty document of the partner's
    // own origin; from then on, every way in is refused.
    const rounds = seen.log.frameAccess.map((entry) => JSON.parse(entry));
    const loaded = rounds.filter((round) => round.location !== "about:blank");
    assert.ok(loaded.length >= 3, "the page tried to read the widget's frame, again and again");
    for (const round of loaded) {
      const { src, title, ...attempts } = round;
      assert.deepEqual(attempts, {
        contentDocument: "null",
        document: "blocked: SecurityError",
        textarea: "blocked: SecurityError",
        location: "blocked: SecurityError",
        selection: "blocked: SecurityError",
      }, `every way into ${src} ("${title}") was refused`);
    }
    for (const round of rounds.filter((r) => r.location === "about:blank")) {
      assert.equal(round.contentDocument, "<html><head></head><body></body></html>", "before it, an empty document");
    }
    assert.deepEqual(seen.log.requests, [], "the element made no requests of its own");
    for (const message of seen.log.messages.map((e) => JSON.parse(e))) {
      assert.equal(message.origin, new URL(server.url).origin);
      assertOnlyStep(message.data);
    }

    const fragments = [
      MARKER,
      ...secret.split("\n").map((line) => line.slice(line.indexOf(":") + 2)),
      ...secret.split(/[^\p{L}]+/u).filter((word) => word.length >= 5),
      ...widgetText.filter((text) => text.length >= 5),
    ];
    for (const [where, text] of [["the page's log", seen.everything], ["the page's DOM", seen.dom], ["the shadow root", seen.shadow.join("")]]) {
      const found = fragments.filter((fragment) => text.toLowerCase().includes(fragment.toLowerCase()));
      assert.deepEqual(found, [], `nothing typed or found is in ${where}`);
    }

    const partner = new URL(page.url());
    for (const request of requests) {
      const url = new URL(request.url());
      assert.equal(request.method(), "GET", url.href);
      assert.equal(request.postData(), null, url.href);
      assert.ok(!decodeURIComponent(url.href).toLowerCase().includes(MARKER), url.href);
      if (url.origin === partner.origin) {
        assert.ok(["/hostile.html", "/example.css"].includes(url.pathname), `the partner's own page: ${url}`);
      } else {
        assert.equal(url.origin, new URL(server.url).origin, `the widget's origin: ${url}`);
        assert.ok(existsSync(repoPath("www", url.pathname)), `a static file of the widget: ${url}`);
      }
    }
  } finally {
    await context.close();
  }
});

test("the partner's CSS does not change the widget: same pixels on element.html and hostile.html", async () => {
  const shots = {};
  for (const name of ["element.html", "hostile.html"]) {
    const { context, page, frame } = await openPartnerPage(name, { viewport: { width: 800, height: 6000 } });
    try {
      // The same width on both pages, and a whole-pixel position: the partner's text above
      // would otherwise leave it at a fraction of a pixel, which the screenshot rounds.
      const element = page.locator("redflag-check");
      await element.evaluate((node) => Object.assign(node.style, { width: "480px", position: "absolute", left: "0", top: "0" }));
      const before = await askedHeight(frame);
      await scan(frame, CHATS.nl.grooming);
      await page.mouse.move(0, 0);
      await askedHeight(frame, (height) => height > before);
      const box = await element.boundingBox();
      assert.ok(box.width === 480 && box.height > 1000, `${name}: the element is shown, 480px wide (${JSON.stringify(box)})`);
      shots[name] = await element.screenshot({ animations: "disabled" });
    } finally {
      await context.close();
    }
  }
  if (!shots["element.html"].equals(shots["hostile.html"])) {
    const dir = ensureArtifacts();
    const files = Object.entries(shots).map(([name, png]) => {
      const file = path.join(dir, `embed-${name.replace(".html", "")}.png`);
      writeFileSync(file, png);
      return file;
    });
    assert.fail(`the widget looks different on the hostile page: compare ${files.join(" and ")}`);
  }
});

test("Quick exit in the frame (Escape or the button) takes the partner's page away too", async () => {
  const cases = [
    { name: "element.html", how: "Escape", exitUrl: null, expected: `${server.url}exit.html` },
    { name: "element.html", how: "button", exitUrl: "javascript:alert(1)", expected: `${server.url}exit.html` },
    { name: "element.html", how: "button", exitUrl: `${server.url}exit.html?partner`, expected: `${server.url}exit.html?partner` },
    { name: "iframe.html", how: "button", exitUrl: null, expected: `${server.url}exit.html` },
  ];
  for (const { name, how, exitUrl, expected } of cases) {
    const label = `${name}, ${how}, exit-url ${exitUrl}`;
    const first = `${server.url}exit.html?first`;
    const { context, page, frame } = await openPartnerPage(name, { first });
    try {
      if (exitUrl) await setAttributes(page, { "exit-url": exitUrl });
      const historyLength = await page.evaluate(() => history.length);
      await frame.fill("#input", CHATS.nl.grooming);
      if (how === "Escape") {
        await frame.focus("#input");
        await page.keyboard.press("Escape");
      } else {
        await frame.click("#quick-exit");
      }
      await page.waitForURL(expected);
      assert.equal(await page.title(), "Easy tomato soup", label);
      assert.deepEqual(page.frames().length, 1, `${label}: the widget's frame is gone`);
      assert.equal(await page.evaluate(() => history.length), historyLength, `${label}: the partner's page was replaced in the history`);
      await page.goBack();
      assert.equal(page.url(), first, `${label}: back goes to the page before`);
    } finally {
      await context.close();
    }
  }
});

test("frame-ancestors: no other site by default, and only the listed ones with --frame-ancestors", async () => {
  const headers = (await fetch(`${server.url}redflag-check.js`)).headers;
  assert.equal(headers.get("access-control-allow-origin"), "*");
  assert.equal(headers.get("cross-origin-resource-policy"), "cross-origin");

  for (const [frameAncestors, allowed] of [[null, false], ["https://partner.example http://localhost:*", true], ["https://partner.example", false]]) {
    const restricted = await startServer({ examples: true, frameAncestors });
    const context = await browser.newContext();
    try {
      const response = await fetch(`${restricted.url}index.html`);
      const sources = frameAncestors ?? DEFAULT_FRAME_ANCESTORS;
      assert.match(response.headers.get("content-security-policy"), new RegExp(`; frame-ancestors ${sources.replace(/[*.]/g, "\\$&")}$`));
      const page = await context.newPage();
      await page.goto(partnerUrl("iframe.html", restricted.examplesUrl));
      if (allowed) {
        await waitReady(await widgetFrame(page, restricted.url));
      } else {
        const blocked = await eventually(() => page.frames().find((f) => f.url().startsWith("chrome-error:")), "the blocked frame");
        assert.ok(blocked, `${sources}: the browser refused to show the widget`);
        assert.ok(!page.frames().some((f) => f.url().startsWith(restricted.url)));
      }
    } finally {
      await context.close();
      await restricted.stop();
    }
  }
});
