// The private evidence kit (issue 13, point 7). The advice says "keep the evidence", so a result
// with warning signs offers a summary to save as a file or to print: when the chat was checked,
// the verdict, who and when, the flagged messages and why, the steps and who can help. It is
// made in the browser from what the result already shows (nothing is worked out again), and
// it never leaves the device: the file is a Blob the browser saves itself, and the page keeps
// nothing. Chat text only ever goes into text nodes; the file is those nodes serialised, which
// escapes it.

import { h } from "./dom.js";
import { announce, state, tr } from "./page.js";
import { MASS_MESSAGES, episodeWhen, isSerious, signalName, timeNode } from "./report.js";
import { verdictNodes } from "./verdict.js";
import { momentsByPerson } from "./evidence.js";
import { stepOrder, stepText } from "./steps.js";
import { helpLists } from "./helplines.js";

// The saved file holds the messages and may be opened anywhere: even if markup ever got into
// it, it could run and load nothing (no scripts, no requests), only its own style sheet.
const FILE_CSP = "default-src 'none'; style-src 'unsafe-inline'";
const FILE_STYLE = [
  "body { font: 16px/1.5 system-ui, sans-serif; color: #1c2833; max-width: 44rem; margin: 1.5rem auto; padding: 0 1rem; }",
  ".kit-summary__note { border: 2px solid #b42318; border-radius: 8px; padding: 0.6rem 0.8rem; font-weight: 700; }",
  ".kit-summary__quote { white-space: pre-wrap; overflow-wrap: anywhere; background: #f4f5f2; padding: 0.3rem 0.6rem; margin: 0.2rem 0; }",
  ".kit-summary__meta, .kit-summary__why { margin: 0; color: #4a5661; }",
  ".kit-summary__messages { list-style: none; padding: 0; }",
  ".kit-summary__messages > li { margin-bottom: 0.8rem; }",
].join("\n");
// Time for the browser to start the download before the file's address (and the Blob with the
// messages) is let go; revoking at once can cancel the download in some browsers.
const REVOKE_AFTER_MS = 1000;

function messageItem({ index, message, signals }) {
  const speaker = message.speaker ? ` · ${message.speaker}` : "";
  return h(
    "li",
    {},
    h("p", { class: "kit-summary__meta" }, message.time ? timeNode(message.time) : tr("messageN", { n: index + 1 }), speaker),
    typeof message.text === "string" ? h("p", { class: "kit-summary__quote", text: message.text }) : null,
    h("p", { class: "kit-summary__why", text: tr("kitWhy", { reasons: [...signals.values()].map(signalName).join(", ") }) }),
  );
}

// Not numbered: each message says its own number or time, and a second count would confuse.
const messageList = (moments) => h("ul", { class: "kit-summary__messages" }, moments.map(messageItem));

/** The flagged messages as the evidence card lists them: person by person, or one list for a mass mail. */
function messagesPart() {
  const people = momentsByPerson(state.report.signals ?? []);
  const count = people.reduce((n, { moments }) => n + moments.length, 0);
  if (!count) return null;
  const body = MASS_MESSAGES.has(state.report.subtype)
    ? [messageList(people.flatMap(({ moments }) => moments).sort((a, b) => a.index - b.index))]
    : people.flatMap(({ person, moments }) => [
        h("h3", { text: `${person.speaker ?? tr("personUnnamed")} (${tr(`person_${person.risk}`)})` }),
        person.episode ? h("p", { text: tr("timelineWorst", { when: episodeWhen(person.episode) }) }) : null,
        messageList(moments),
      ]);
  return [h("h2", { text: tr("evidenceTitle_serious", { n: count }) }), ...body];
}

/** "Child Focus · 116 000 · https://childfocus.be"; a service named by its number once ("112"). */
function serviceLine(service) {
  const phone = service.phone && service.phone !== service.name ? service.phone : null;
  return h("li", { text: [service.name, phone, service.web].filter(Boolean).join(" · ") });
}

/** The summary; `medium` ("file" or "paper") picks the privacy note's words. */
function summary(medium, risk, categories, checkedAt) {
  const checked = new Intl.DateTimeFormat(state.lang, { dateStyle: "long", timeStyle: "short" }).format(checkedAt);
  const help = helpLists(risk, categories).filter(([, services]) => services.length);
  return h(
    "article",
    { class: "kit-summary" },
    h("h1", { text: tr("kitHeading") }),
    h("p", { class: "kit-summary__note", text: tr(medium === "file" ? "kitPrivate" : "kitPrivatePaper") }),
    h("p", { text: tr("kitChecked", { date: checked }) }),
    h("h2", { text: tr("resultTitle") }),
    // The verdict's words, not its nodes: their classes belong to the verdict on the page.
    verdictNodes(risk).map((node) => h("p", { text: node.textContent })),
    messagesPart(),
    h("h2", { text: tr("stepsTitle") }),
    h("ol", {}, stepOrder(categories).map(([id, category]) => h("li", { text: stepText(id, category, risk, categories) }))),
    h("h2", { text: tr("helpTitleUrgent") }),
    help.flatMap(([kind, services]) => [h("h3", { text: tr(`kind_${kind}`) }), h("ul", {}, services.map(serviceLine))]),
    h("p", { text: tr("limitsText") }),
  );
}

/** "2026-12-03", the day in the device's time zone, for the file's name. */
function isoDay(date) {
  const two = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/** A self-contained HTML page of `article`, for the file. */
function fileHtml(article) {
  const doc = document.implementation.createHTMLDocument(tr("kitHeading"));
  const meta = (attrs) => {
    const node = doc.createElement("meta");
    for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
    return node;
  };
  doc.head.prepend(meta({ charset: "utf-8" }));
  doc.head.append(meta({ "http-equiv": "Content-Security-Policy", content: FILE_CSP }), meta({ name: "viewport", content: "width=device-width, initial-scale=1" }));
  doc.body.append(article);
  const head = [...doc.head.children].map((node) => node.outerHTML).join("");
  // The style sheet is added as text: a <style> element, even in a document that is never
  // shown, is inline style that the page's own policy (style-src 'self') refuses.
  return `<!doctype html>\n<html lang="${state.lang}">\n<head>${head}<style>\n${FILE_STYLE}\n</style></head>\n${doc.body.outerHTML}\n</html>\n`;
}

/** Hands the summary to the browser as a download: a Blob, saved on this device only. */
function saveFile(article, checkedAt) {
  const name = `${tr("kitFileName")}-${isoDay(checkedAt)}.html`;
  const url = URL.createObjectURL(new Blob([fileHtml(article)], { type: "text/html;charset=utf-8" }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  announce(tr("kitSaved", { name }));
}

/**
 * The kit's card: what it is, "Save a summary" and "Print", and the summary that only paper
 * shows (styles/print.css), so that the browser's own Print menu prints it too. Null unless
 * the result found warning signs.
 */
export function kitSection(risk, categories) {
  if (!isSerious(risk) || !categories.length) return null;
  const checkedAt = new Date();
  const save = h("button", { type: "button", class: "button button--quiet button--small kit__save", text: tr("kitSave") });
  save.addEventListener("click", () => saveFile(summary("file", risk, categories, checkedAt), checkedAt));
  const print = h("button", { type: "button", class: "button button--quiet button--small kit__print", text: tr("kitPrint") });
  print.addEventListener("click", () => window.print());
  return h(
    "section",
    { class: "card kit", "aria-labelledby": "kit-title" },
    h("h3", { id: "kit-title", text: tr("kitTitle") }),
    h("p", { class: "kit__text", text: tr("kitText") }),
    h("p", { class: "kit__buttons" }, save, print),
    summary("paper", risk, categories, checkedAt),
  );
}
