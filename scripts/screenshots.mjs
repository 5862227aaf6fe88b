// Screenshots of the page's two kinds of result, a flagged and a clear one, on a phone (360×740)
// and a laptop (1280×800) in Dutch, French and English, into docs/screenshots/ (`make
// screenshots`): flagged-nl-360.png and so on. The chats are the browser tests' invented ones,
// and the page is served and driven the way the tests do it (tests/browser/lib/harness.mjs).
//
// Each picture is the result region from its top, at most two screens high: enough to show the
// verdict, the steps and the evidence kit without megabytes of helplines.

import { mkdirSync } from "node:fs";
import path from "node:path";
import { openPage, scan, startSession, stopSession } from "../tests/browser/lib/harness.mjs";
import { CHATS } from "../tests/browser/lib/chats.mjs";
import { repoPath } from "../tests/browser/lib/paths.mjs";

const OUT = repoPath("docs/screenshots");
const LANGS = ["nl", "fr", "en"];
const VIEWPORTS = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];
const RESULTS = { flagged: "grooming", clear: "benign" };
const SCREENS = 2;

/** The part of the page from the result's top, the page's width, at most SCREENS screens high. */
async function resultClip(page, viewport) {
  const box = await page.evaluate(() => {
    const rect = document.querySelector("#result").getBoundingClientRect();
    return { top: rect.top + scrollY, height: rect.height };
  });
  return { x: 0, y: box.top, width: viewport.width, height: Math.min(box.height, viewport.height * SCREENS) };
}

mkdirSync(OUT, { recursive: true });
const session = await startSession();
try {
  for (const lang of LANGS) {
    for (const viewport of VIEWPORTS) {
      for (const [name, chat] of Object.entries(RESULTS)) {
        const { page, context } = await openPage(session.browser, session.server, { query: `?lang=${lang}&country=BE`, locale: `${lang}-BE`, viewport });
        try {
          await scan(page, CHATS[lang][chat]);
          const file = path.join(OUT, `${name}-${lang}-${viewport.width}.png`);
          await page.screenshot({ path: file, fullPage: true, clip: await resultClip(page, viewport) });
          console.log(path.relative(repoPath(), file));
        } finally {
          await context.close();
        }
      }
    }
  }
} finally {
  await stopSession(session);
}
