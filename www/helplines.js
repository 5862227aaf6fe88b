// The helplines: the directory for the chosen country, the short list beside the form, and
// the result's "who can help" card.
//
// The directory is in index.html itself (scripts/helplines-page.mjs writes it there from
// data/helplines.toml), not in the engine: the helplines are on screen before the engine has
// loaded, and stay there if it never does.

import { h } from "./dom.js";
import { el, state, tr } from "./page.js";
import { imageRisk, isSerious } from "./report.js";

const DIRECTORY = JSON.parse(document.getElementById("helplines-data").textContent);
// The entry for countries the directory does not list; its services are added where a
// country has none of a kind (such as Take It Down for pictures).
const FALLBACK = "INT";

/**
 * Takes the services of the country chosen (the international ones for a country not listed)
 * that are shown in the page's language: Awel answers in Dutch, Écoute-Enfants in French.
 */
export function loadHelplines() {
  const shown = (services) => services.filter((s) => !s.langs || s.langs.includes(state.lang));
  const int = shown(DIRECTORY[FALLBACK].services);
  state.helplines = { country: DIRECTORY[state.country] ? shown(DIRECTORY[state.country].services) : int, int };
}

function hostOf(url) {
  try {
    return new URL(url).host.replace(/^www\./, "");
  } catch {
    return url;
  }
}

/** The services of one kind, without repeats; with `categories`, only those whose topics fit. */
export function helplinesOf(kind, { categories = null, withInt = false } = {}) {
  const seen = new Set();
  const out = [];
  const pool = [...state.helplines.country, ...(withInt ? state.helplines.int : [])];
  for (const service of pool) {
    if (!service || service.kind !== kind) continue;
    if (categories && categories.length && Array.isArray(service.topics) && service.topics.length) {
      if (!service.topics.some((topic) => categories.includes(topic))) continue;
    }
    const key = `${service.name}|${service.tel ?? ""}|${service.web ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(service);
  }
  return out;
}

function noteOf(service) {
  const note = service.note;
  if (!note) return "";
  if (typeof note === "string") return note;
  return note[state.lang] ?? note.en ?? "";
}

/** A phone number as shown: its spaces non-breaking, so that "116 000" never breaks. */
export const phoneText = (service) => String(service.phone).replace(/ /g, "\u00a0");

/** A tel: link with `label` for a service's number. */
export function callLink(service, label) {
  return h("a", { class: "call", href: `tel:${String(service.tel).replace(/[^0-9+]/g, "")}` }, label);
}

function helplineItem(service, { compact = false } = {}) {
  const tags = [];
  if (service.free) tags.push(h("li", { class: "tag", text: tr("free") }));
  if (service.hours) tags.push(h("li", { class: "tag", text: service.hours }));
  const links = [];
  if (service.tel && service.phone) links.push(callLink(service, tr("call", { phone: phoneText(service) })));
  if (service.web && /^https?:\/\//.test(service.web) && !compact) {
    links.push(
      h(
        "a",
        { class: "web", href: service.web, target: "_blank", rel: "noopener noreferrer" },
        tr("website", { host: hostOf(service.web) }),
        h("span", { class: "visually-hidden", text: ` ${tr("newTab")}` }),
      ),
    );
  }
  const note = noteOf(service);
  return h(
    "li",
    { class: `helpline helpline--${service.kind}` },
    h("p", { class: "helpline__name", text: service.name }),
    note && !compact ? h("p", { class: "helpline__note", text: note }) : null,
    tags.length ? h("ul", { class: "tags" }, tags) : null,
    links.length ? h("p", { class: "helpline__links" }, links) : null,
  );
}

function helplineGroup(kind, services, headingLevel = "h4") {
  if (!services.length) return null;
  return h(
    "div",
    { class: `helplines helplines--${kind}` },
    h(headingLevel, { class: "helplines__title", text: tr(`kind_${kind}`) }),
    h("ul", { class: "helplines__list" }, services.map((s) => helplineItem(s))),
  );
}

/** The short list beside the form: two services to talk to and the emergency number. */
export function renderAside() {
  const talk = helplinesOf("talk").slice(0, 2);
  const emergency = helplinesOf("emergency", { withInt: talk.length === 0 }).slice(-1);
  const items = [...talk, ...emergency].map((s) => helplineItem(s, { compact: talk.length > 0 && s.kind !== "talk" }));
  el.aside.replaceChildren(h("ul", { class: "helplines__list" }, items));
}

/**
 * What the result's card lists, as [kind, services]: to talk to, to take pictures down, to
 * report, to read more about what was found, in danger. A service with several kinds (Child
 * Focus) is listed under the first only.
 */
export function helpLists(risk, categories) {
  const lists = [["talk", helplinesOf("talk")]];
  if (isSerious(risk)) {
    if (imageRisk(categories)) lists.push(["remove", helplinesOf("remove", { withInt: true })]);
    lists.push(["report", helplinesOf("report", { categories })]);
    lists.push(["info", helplinesOf("info", { categories })]);
  }
  lists.push(["emergency", helplinesOf("emergency", { withInt: state.helplines.country.length === 0 })]);
  const listed = new Set();
  return lists.map(([kind, services]) => [kind, services.filter((s) => !listed.has(s.name) && listed.add(s.name))]);
}

/** The result's card of services (helpLists). */
export function helpSection(risk, categories) {
  const serious = isSerious(risk);
  const groups = helpLists(risk, categories).map(([kind, services]) => helplineGroup(kind, services));
  return h(
    "section",
    { class: "card help", "aria-labelledby": "help-title" },
    h("h3", { id: "help-title", text: serious ? tr("helpTitleUrgent") : tr("helpTitle") }),
    groups,
  );
}
