// The pattern lab (www/lab.html): its figures are those of the command line's `redflag eval`
// on the same packs and corpus, its tables show them as the command line prints them, a pack
// edited in the page changes them (and a broken edit names its file and line), exports,
// unreadable corpus lines, the drill-down's highlights, sorting and filtering, Stop, layout
// and axe, and no request beyond the page's own files.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSession, stopSession, openPage, ensureArtifacts, MOCK } from "./lib/harness.mjs";
import { axe, noSideways } from "./lib/a11y.mjs";
import { repoPath } from "./lib/paths.mjs";

const CLI = repoPath("target/release/redflag");
const PACKS = repoPath("data/packs");
const CORPUS = ["en", "nl", "fr"].map((lang) => repoPath(`tests/corpus/${lang}.jsonl`));
const GROOMING_EN = "packs/en/grooming.toml"; // its name in the lab when data/packs is picked as a folder
// The stand-in module of REDFLAG_MOCK=1 cannot evaluate, and these tests compare with the real one.
const REAL = { skip: MOCK && "the lab needs the real engine module" };

let server;
let browser;
let temp;

before(async () => {
  ({ server, browser } = await startSession());
  temp = mkdtempSync(path.join(tmpdir(), "redflag-lab-"));
});

after(async () => {
  await stopSession({ server, browser });
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** `redflag eval ARGS…`'s standard output. Exit status 1 (unreadable lines) only when allowed. */
function cli(args, { badLines = false } = {}) {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the command line first (cargo build --release)`);
  const r = spawnSync(CLI, ["eval", ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (!(r.status === 0 || (badLines && r.status === 1))) throw new Error(`redflag eval ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

function tomlFiles(dir) {
  return readdirSync(dir, { recursive: true }).filter((name) => name.endsWith(".toml")).length;
}

function writeTemp(name, lines) {
  const file = path.join(temp, name);
  writeFileSync(file, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return file;
}

const openLab = (options = {}) => openPage(browser, server, { query: "lab.html", ...options });

/** Picks data/packs with the folder picker, as a researcher would. */
async function loadPacks(page) {
  await page.setInputFiles("#pack-folder", PACKS);
  await page.waitForFunction((n) => document.querySelectorAll("#pack-list [data-name]").length === n, tomlFiles(PACKS));
}

async function loadCorpus(page, files) {
  const before = await page.locator("#corpus-list [data-name]").count();
  await page.setInputFiles("#corpus-files", files);
  await page.waitForFunction((n) => document.querySelectorAll("#corpus-list [data-name]").length >= n, before + 1);
}

/** Presses `button` (Run or Re-run) and waits for new results or an error. Returns "results" or "error". */
async function run(page, button = "#run") {
  const runs = Number((await page.getAttribute("#results", "data-runs")) ?? 0);
  // A run hides the last error as soon as it starts, within the click.
  await page.click(button);
  await page.waitForFunction(
    (n) => Number(document.querySelector("#results").dataset.runs ?? 0) > n || !document.querySelector("#error").hidden,
    runs,
    { timeout: 120_000 },
  );
  return (await page.isVisible("#error")) ? "error" : "results";
}

async function figures(page) {
  return JSON.parse(await page.textContent("#figures-json"));
}

async function setOptions(page, { threshold = "medium", prefix = "", recordLang = false }) {
  await page.selectOption("#threshold", threshold);
  await page.fill("#prefix", prefix);
  await page.setChecked("#record-lang", recordLang);
}

/**
 * The rows of one table of `redflag eval`'s text output, by name: the cells after the name.
 * The table is the one under the first line `header` accepts, up to the next blank line or
 * summary line ("warned (medium): …", which can follow the last table directly).
 */
function cliRows(text, header, cells) {
  const lines = text.split("\n");
  const start = lines.findIndex(header);
  assert.ok(start !== -1, `the command line prints the table (${header})`);
  const row = new RegExp(`^(.*?)${"\\s+(\\S+)".repeat(cells)}$`);
  const out = {};
  for (const line of lines.slice(start + 1)) {
    if (!line.trim() || /^[a-z ()]+: /.test(line)) break;
    const m = row.exec(line);
    if (m && !/^\s*$/.test(m[1])) out[m[1].trim()] = m.slice(2).map((c) => (c === "-" ? "–" : c));
  }
  return out;
}

/** The lab's rows of table `id`, by their name cell: the text of the cells `cols`. */
function labRows(page, id, cols, key = "row") {
  return page.evaluate(
    ({ id, cols, key }) => {
      const out = {};
      for (const tr of document.querySelectorAll(`#${id} tbody tr`)) {
        out[tr.dataset[key]] = cols.map((c) => tr.querySelector(`[data-col="${c}"]`).textContent);
      }
      return out;
    },
    { id, cols, key },
  );
}

test("the figures equal `redflag eval --json` on the same packs and corpus, with default and other options", REAL, async () => {
  const { page, context } = await openLab();
  try {
    await loadPacks(page);
    assert.ok(await page.isVisible(`#pack-list [data-name="${GROOMING_EN}"]`), "a picked folder's files are named by their path in it");
    await loadCorpus(page, CORPUS);
    for (const [options, flags] of [
      [{}, []],
      [{ threshold: "high", prefix: "20" }, ["--threshold", "high", "--prefix", "20"]],
      [{ threshold: "low", recordLang: true }, ["--threshold", "low", "--record-lang"]],
    ]) {
      await setOptions(page, options);
      assert.equal(await run(page), "results", await page.textContent("#error"));
      const expected = JSON.parse(cli(["--json", ...flags, "--pack", PACKS, ...CORPUS]));
      assert.deepEqual(await figures(page), expected, `same figures with ${flags.join(" ") || "the defaults"}`);
    }

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-figures")]);
    assert.equal(download.suggestedFilename(), "redflag-eval.json");
    assert.deepEqual(JSON.parse(readFileSync(await download.path(), "utf8")), await figures(page), "Export figures saves the last evaluation");
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
  }
});

test("the tables show the figures as `redflag eval` prints them, halves rounded the same way", REAL, async () => {
  // 1 of 16 positives found: recall 6.25%, which the command line prints as 6.2% (to even).
  const tie = writeTemp("tie.jsonl", [readFileSync(CORPUS[0], "utf8").split("\n")[0], ...Array.from({ length: 15 }, (_, i) => ({ id: `quiet-${i}`, label: "grooming", messages: [{ speaker: "a", text: "hello" }] }))]);
  const { page, context } = await openLab();
  try {
    await loadPacks(page);
    for (const files of [CORPUS, [tie]]) {
      await page.evaluate(() => document.querySelectorAll("#corpus-list button[aria-label^='Remove']").forEach((b) => b.click()));
      await loadCorpus(page, files);
      assert.equal(await run(page), "results");
      const text = cli(["--pack", PACKS, ...files]);
      const json = JSON.parse(cli(["--json", "--pack", PACKS, ...files]));
      const cols = ["records", "flagged", "precision", "recall", "f1", "fpRate"];
      const categories = cliRows(text, (l) => l.trim().startsWith("records flagged"), 6);
      assert.deepEqual(await labRows(page, "table-categories", cols), categories, "overall and per category");
      for (const [table, title] of [
        ["table-labels", "by label"],
        ["table-sources", "by source"],
        ["table-langs", "by language"],
      ]) {
        assert.deepEqual(await labRows(page, table, cols), cliRows(text, (l) => l === title, 6), title);
      }
      const signals = cliRows(text, (l) => l.startsWith("signal "), 4);
      assert.deepEqual(await labRows(page, "table-signals", ["positive", "negative", "precision", "recall"], "signal"), signals, "signals");

      const counts = await labRows(page, "table-confusion", ["tp", "fp", "fn", "tn"]);
      const expected = { "any risk": json.overall, ...json.categories };
      for (const [name, c] of Object.entries(expected)) assert.deepEqual(counts[name], [c.tp, c.fp, c.fn_, c.tn].map(String), `counts of ${name}`);
      const patterns = await page.evaluate(() =>
        [...document.querySelectorAll("#table-patterns tbody tr")].map((tr) => [
          `${tr.dataset.signal}\t${tr.dataset.pattern}`,
          { positive: Number(tr.querySelector("[data-col=positive]").textContent), negative: Number(tr.querySelector("[data-col=negative]").textContent) },
        ]),
      );
      const counted = Object.fromEntries(Object.entries(json.patterns).map(([key, f]) => [key, { positive: f.positive, negative: f.negative }]));
      assert.deepEqual(Object.fromEntries(patterns), counted, "one row per pattern, with its counts");
    }
    const recall = await page.textContent('#table-categories tr[data-row="any risk"] [data-col="recall"]');
    assert.equal(recall, "6.2%", "an exact half is rounded to even, as Rust's {:.1} does");
  } finally {
    await context.close();
  }
});

test("per person: offender named first and warned (medium) read as `redflag eval` prints them, and a record lists its people", REAL, async () => {
  const chat = (lines) => lines.map(([speaker, text]) => ({ speaker, text }));
  const people = writeTemp("people.jsonl", [
    {
      id: "named",
      lang: "en",
      label: "grooming",
      offender: "Alex",
      messages: chat([
        ["Mila", "did you finish the maths homework?"],
        ["Alex", "hey, how old are you?"],
        ["Sam", "13, why"],
        ["Alex", "don't tell your parents about us, it's our little secret"],
        ["Alex", "send me a pic of you"],
        ["Alex", "let's meet this weekend, I can pick you up"],
      ]),
    },
    {
      id: "other-named",
      lang: "en",
      label: "sextortion",
      offender: "Robin",
      messages: chat([
        ["Jay", "I have your pics"],
        ["Jay", "pay me 200 euros or I send them to all your friends"],
        ["Robin", "see you at practice"],
      ]),
    },
    { id: "quiet", lang: "en", label: "grooming", offender: "Max", messages: chat([["Max", "see you tomorrow"]]) },
    { id: "benign", lang: "en", label: "benign", messages: chat([["Ann", "the bus is late again"]]) },
  ]);
  const { page, context } = await openLab();
  try {
    await loadPacks(page);
    await loadCorpus(page, [people]);
    assert.equal(await run(page), "results");
    const text = cli(["--pack", PACKS, people]);
    const named = /^offender named first: (\d+) of (\d+) \((.+)\)$/m.exec(text);
    const warned = /^warned \(medium\): (\d+) of (\d+) positives, median (\S+) messages read$/m.exec(text);
    assert.ok(named && warned, `the command line prints both lines:\n${text}`);
    const lab = await page.$$eval("#people-figures li", (items) => Object.fromEntries(items.map((li) => [li.dataset.measure, li.textContent])));
    assert.equal(lab.named, named[0], "offender named first, as the command line prints it");
    const json = await figures(page);
    const share = `${((100 * json.lines_to_warning.warned) / json.lines_to_warning.positives).toFixed(1)}%`;
    assert.equal(lab.warned, `warned (medium): ${warned[1]} of ${warned[2]} positives (${share}), median ${warned[3] === "-" ? "–" : warned[3]} messages read`);
    assert.deepEqual([named[1], named[2]], ["1", "3"], "Alex is named; Jay is flagged but the label names Robin; Max is not flagged");

    // The records where the age question counted: the first one, opened, lists its people.
    await page.click('#table-signals tr[data-signal="grooming.age_probe"] button');
    await page.click('#drill-list .lab-record[data-line="1"]');
    await page.waitForSelector("#conversation:not([hidden])");
    const meta = await page.textContent("#conversation .lab-conversation__meta");
    assert.match(meta, /people, worst first: Alex (medium|high) \(messages \d+–\d+, warned at \d+\)/, meta);
  } finally {
    await context.close();
  }
});

test("an edited pack is evaluated on Re-run; a broken edit names its file and line; Export saves the edit", REAL, async () => {
  const extra = writeTemp("extra.jsonl", [
    { id: "zorb-pos", lang: "en", label: "grooming", messages: [{ speaker: "Max", text: "hey" }, { speaker: "Max", text: "ok zorblaxquip, promise?" }] },
    { id: "zorb-neg", lang: "en", label: "benign", messages: [{ speaker: "Ann", text: "see you at practice" }] },
  ]);
  const { page, context } = await openLab();
  try {
    await loadPacks(page);
    await loadCorpus(page, [extra]);
    assert.equal(await run(page), "results");
    const before = await figures(page);
    assert.equal(before.patterns["grooming.secrecy\tzorblaxquip"], undefined);

    await page.selectOption("#editor-file", GROOMING_EN);
    const original = await page.inputValue("#editor");
    const anchor = 'id = "grooming.secrecy"\nphrases = [\n';
    assert.ok(original.includes(anchor), "grooming.secrecy has a phrase list in en/grooming.toml");
    const edited = original.replace(anchor, `${anchor}  "zorblaxquip",\n`);
    const editedLine = edited.slice(0, edited.indexOf('"zorblaxquip"')).split("\n").length;
    await page.fill("#editor", edited);
    assert.ok(await page.isVisible(`#pack-list [data-name="${GROOMING_EN}"] .lab-file__tag`), "the file is marked as edited");
    assert.equal(await run(page, "#rerun"), "results", await page.textContent("#error"));
    const after = await figures(page);
    const added = after.patterns["grooming.secrecy\tzorblaxquip"];
    assert.deepEqual([added?.positive, added?.negative, added?.precision.percent], [1, 0, "100.0%"]);
    assert.equal(after.signals["grooming.secrecy"]?.positive, (before.signals["grooming.secrecy"]?.positive ?? 0) + 1);
    // The command line on the same edited file agrees.
    const packs = path.join(temp, "packs");
    cpSync(PACKS, packs, { recursive: true });
    writeFileSync(path.join(packs, "en", "grooming.toml"), edited);
    assert.deepEqual(after, JSON.parse(cli(["--json", "--pack", packs, extra])));
    assert.ok(await page.isVisible('#table-changes tr[data-measure="any risk recall"]'), "the change since the last run is shown");

    // "Show" on the pattern's row opens its line in the editor.
    await page.click('#table-patterns tr[data-pattern="zorblaxquip"] .lab-goto');
    const selected = await page.evaluate(() => {
      const e = document.querySelector("#editor");
      return { file: document.querySelector("#editor-file").value, text: e.value.slice(e.selectionStart, e.selectionEnd), focused: document.activeElement === e };
    });
    assert.deepEqual(selected, { file: GROOMING_EN, text: '  "zorblaxquip",', focused: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-pack")]);
    assert.equal(download.suggestedFilename(), "grooming.toml");
    assert.equal(readFileSync(await download.path(), "utf8"), edited, "Export saves the edited text");

    await page.fill("#editor", edited.replace('"zorblaxquip",', 'zorblaxquip",'));
    assert.equal(await run(page, "#rerun"), "error");
    const problem = page.locator(`#error li[data-file="${GROOMING_EN}"]`).first();
    assert.equal(await problem.getAttribute("data-line"), String(editedLine), `the error names ${GROOMING_EN} and the broken line: ${await page.textContent("#error")}`);
    assert.match(await problem.textContent(), new RegExp(`^${GROOMING_EN}:${editedLine}: `));
    await problem.locator("button").click();
    const line = await page.evaluate(() => {
      const e = document.querySelector("#editor");
      return e.value.slice(e.selectionStart, e.selectionEnd);
    });
    assert.equal(line, '  zorblaxquip",', "its button selects the broken line");
    assert.deepEqual(await figures(page), after, "a failed run leaves the last figures");
  } finally {
    await context.close();
  }
});

test("unreadable corpus lines are listed with file and line; the other records are evaluated", REAL, async () => {
  const bad = writeTemp("bad.jsonl", [
    { id: "ok-1", lang: "en", label: "benign", messages: [{ speaker: "a", text: "see you tomorrow" }] },
    "{not json",
    "",
    { id: "ok-2", lang: "en", label: "grooming", messages: [{ speaker: "b", text: "how old are you? dont tell your parents about us" }] },
    { id: "no-messages", label: "benign" },
  ]);
  const { page, context } = await openLab();
  try {
    await loadPacks(page);
    await loadCorpus(page, [bad]);
    assert.equal(await run(page), "results");
    const listed = await page.$$eval("#bad-lines li", (items) => items.map((li) => [li.dataset.file, li.dataset.line, li.textContent]));
    assert.deepEqual(
      listed.map(([file, line]) => [file, line]),
      [
        ["bad.jsonl", "2"],
        ["bad.jsonl", "5"],
      ],
    );
    assert.ok(listed.every(([file, line, text]) => text.startsWith(`${file}:${line}: `)));
    const json = await figures(page);
    assert.equal(json.records, 2);
    assert.deepEqual(json, JSON.parse(cli(["--json", "--pack", PACKS, bad], { badLines: true })), "the command line skips the same lines");
  } finally {
    await context.close();
  }
});

test("the drill-down shows a false positive or miss with its matches highlighted, and the records a pattern fired in", REAL, async () => {
  const { page, context } = await openLab();
  try {
    await loadCorpus(page, CORPUS);
    assert.equal(await run(page), "results");
    let items = await page.locator("#drill-list .lab-record").count();
    if (!items) {
      await page.check("input[name='drill-kind'][value='miss']");
      items = await page.locator("#drill-list .lab-record").count();
    }
    assert.ok(items > 0, "the corpus has a false positive or a miss at medium");
    const first = page.locator("#drill-list .lab-record").first();
    const where = `${await first.getAttribute("data-file")}, line ${await first.getAttribute("data-line")}`;
    await first.click();
    await page.waitForSelector("#conversation:not([hidden]) .lab-msg");
    assert.ok((await page.textContent("#conversation .lab-conversation__meta")).startsWith(where));
    const marks = await page.evaluate(() =>
      [...document.querySelectorAll("#conversation mark")].map((mark) => ({
        refs: mark.dataset.refs,
        text: mark.textContent,
        annotated: mark.closest(".lab-msg").querySelector(`.lab-ann[data-ref="${mark.dataset.refs.split(",")[0]}"] .lab-ann__text`)?.textContent,
      })),
    );
    const single = marks.filter((m) => !m.refs.includes(","));
    assert.ok(single.length > 0, "at least one highlighted match");
    for (const m of single) assert.equal(m.text, m.annotated, `match ${m.refs}: the highlight is the matched text`);
    assert.ok(marks.every((m) => m.annotated !== undefined), "every highlight names its signal and pattern");
    assert.equal(await page.evaluate(() => document.activeElement.id), "conversation");

    // Selecting a pattern's row lists the records where it counted.
    const row = page.locator("#table-patterns tbody tr").first();
    const [signal, pattern, positive, negative] = await Promise.all([
      row.getAttribute("data-signal"),
      row.getAttribute("data-pattern"),
      row.locator("[data-col=positive]").textContent(),
      row.locator("[data-col=negative]").textContent(),
    ]);
    await row.locator("[data-col=signal]").click();
    assert.ok((await page.textContent("#drill-list-title")).includes(`“${pattern}” (${signal})`));
    assert.equal(await page.locator("#drill-list .lab-record").count(), Math.min(100, Number(positive) + Number(negative)));
  } finally {
    await context.close();
  }
});

test("the pattern table sorts by any column from the keyboard and filters", REAL, async () => {
  const { page, context } = await openLab();
  try {
    await loadCorpus(page, CORPUS);
    assert.equal(await run(page), "results");
    const column = (col) => page.$$eval(`#table-patterns tbody [data-col="${col}"]`, (cells) => cells.map((c) => c.textContent));
    const header = page.locator('#table-patterns th[data-col="positive"]');
    await header.locator("button").focus();
    await page.keyboard.press("Enter");
    assert.equal(await header.getAttribute("aria-sort"), "descending");
    const positives = (await column("positive")).map(Number);
    assert.deepEqual(positives, [...positives].sort((a, b) => b - a));
    await page.keyboard.press("Enter");
    assert.equal(await page.getAttribute('#table-patterns th[data-col="positive"]', "aria-sort"), "ascending", "pressing again reverses, and focus stays on the header");
    const all = (await column("signal")).length;
    await page.fill("#pattern-filter", "age_probe");
    const signals = await column("signal");
    assert.ok(signals.length > 0 && signals.length < all && signals.every((s) => s.includes("age_probe")));
    assert.match(await page.textContent("#pattern-count"), new RegExp(`^${signals.length} of ${all} `));
  } finally {
    await context.close();
  }
});

test("Stop ends a long run at once, and the next run works", REAL, async () => {
  // Ten times the test corpus: a run of several seconds.
  const big = writeTemp("big.jsonl", Array.from({ length: 10 }, () => CORPUS.map((f) => readFileSync(f, "utf8").trim())).flat());
  const { page, context } = await openLab();
  try {
    await loadCorpus(page, [big]);
    await page.click("#run");
    await page.waitForSelector("#busy:not([hidden])");
    assert.match(await page.textContent("#elapsed"), /^\(\d+ s\)$/);
    await page.click("#cancel");
    assert.ok(await page.isHidden("#busy"));
    assert.equal(await page.getAttribute("#results", "data-runs"), null, "no results from the stopped run");
    await page.click('#corpus-list button[aria-label="Remove big.jsonl"]');
    await loadCorpus(page, [CORPUS[0]]);
    assert.equal(await run(page), "results");
    assert.equal((await figures(page)).records, 188);
  } finally {
    await context.close();
  }
});

for (const width of [360, 1280]) {
  test(`${width}px: the lab with results and a record open passes axe and fits the screen`, REAL, async () => {
    const { page, context } = await openLab({ viewport: { width, height: width < 400 ? 780 : 900 }, bypassCSP: true });
    try {
      await axe(page, `lab ${width} start`);
      await noSideways(page, width, `lab ${width} start`);
      await loadPacks(page);
      await loadCorpus(page, CORPUS);
      await page.selectOption("#threshold", "low");
      assert.equal(await run(page), "results");
      await page.locator("#drill-list .lab-record").first().click();
      await page.waitForSelector("#conversation:not([hidden])");
      await axe(page, `lab ${width} results`);
      await noSideways(page, width, `lab ${width} results`);
      await page.screenshot({ path: path.join(ensureArtifacts(), `lab-${width}.png`), fullPage: true });
    } finally {
      await context.close();
    }
  });
}

test("the lab makes no request beyond its own files, none after start-up, and stores nothing", REAL, async () => {
  const { page, context } = await openLab();
  try {
    await page.evaluate(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    await page.click("#builtin");
    await page.waitForFunction(() => document.querySelectorAll("#pack-list [data-name]").length > 0);
    await loadCorpus(page, CORPUS);
    assert.equal(await run(page), "results");
    await page.locator("#drill-list .lab-record").first().click();
    await page.locator("#table-patterns .lab-goto").first().click();
    await page.locator("#editor").press("End");
    await page.locator("#editor").pressSequentially(" ");
    assert.equal(await run(page, "#rerun"), "results");
    await page.fill("#pattern-filter", "grooming");

    const origin = new URL(server.url).origin;
    assert.deepEqual(page.requests.filter((r) => new URL(r.url).origin !== origin), [], "only the page's own origin");
    assert.deepEqual(page.requests.filter((r) => r.afterReady), [], "no request after start-up");
    const stored = await page.evaluate(async () => ({
      cookie: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
      idb: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      csp: window.__csp,
    }));
    assert.deepEqual(stored, { cookie: "", local: 0, session: 0, idb: 0, caches: 0, csp: [] });
    assert.deepEqual(page.consoleErrors, []);
  } finally {
    await context.close();
  }
});
