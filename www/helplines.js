// The helplines: the directory for the chosen country and language, the short list beside
// the form, and the result's "who can help" card.

import { h } from "./dom.js";
import { engines } from "./engines.js";
import { el, state, tr } from "./page.js";
import { adviceFor, isSerious } from "./report.js";

// Shown only when the engine cannot give its helpline list (for instance if it failed to load).
const FALLBACK_HELPLINES = {
  BE: [{ name: "Child Focus", kind: "talk", phone: "116 000", tel: "116000", web: "https://childfocus.be", free: true, hours: "24/7" }],
  ANY: [{ name: "112", kind: "emergency", phone: "112", tel: "112", free: true }],
};

export async function loadHelplines() {
  const wanted = { country: state.country, lang: state.lang };
  let list = null;
  try {
    const engine = engines.active;
    await engine.ready;
    if (engine.features.helplines) {
      const answer = await engine.request({ type: "helplines", ...wanted });
      list = { country: answer.country ?? [], int: answer.int ?? [] };
    }
  } catch {
    list = null;
  }
  if (wanted.country !== state.country || wanted.lang !== state.lang) return;
  state.helplinesFromEngine = list !== null;
  state.helplines = list ?? {
    country: FALLBACK_HELPLINES[state.country] ?? [],
    int: FALLBACK_HELPLINES.ANY,
  };
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

/** A tel: link with `label` for a service's number. */
export function callLink(service, label) {
  return h("a", { class: "call", href: `tel:${String(service.tel).replace(/[^0-9+]/g, "")}` }, label);
}

function helplineItem(service, { compact = false } = {}) {
  const tags = [];
  if (service.free) tags.push(h("li", { class: "tag", text: tr("free") }));
  if (service.hours) tags.push(h("li", { class: "tag", text: service.hours }));
  const links = [];
  if (service.tel && service.phone) links.push(callLink(service, tr("call", { phone: service.phone })));
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
  const nodes = [];
  if (items.length) nodes.push(h("ul", { class: "helplines__list" }, items));
  if (!state.helplinesFromEngine && !items.length) nodes.push(h("p", { text: tr("helplinesMissing") }));
  el.aside.replaceChildren(...nodes);
}

/** The result's card of services: to talk to, to take pictures down, to report, in danger. */
export function helpSection(risk, categories) {
  const serious = isSerious(risk);
  const groups = [helplineGroup("talk", helplinesOf("talk"))];
  if (serious) {
    // A scam mail's video does not exist: nothing to take down.
    const imageRisk = categories.includes("exposure") || (categories.includes("sextortion") && adviceFor("sextortion") === "sextortion");
    if (imageRisk) groups.push(helplineGroup("remove", helplinesOf("remove", { withInt: true })));
    groups.push(helplineGroup("report", helplinesOf("report", { categories })));
  }
  groups.push(helplineGroup("emergency", helplinesOf("emergency", { withInt: state.helplines.country.length === 0 })));
  const present = groups.filter(Boolean);
  if (!present.length) present.push(h("p", { text: tr("helplinesMissing") }));
  return h(
    "section",
    { class: "card help", "aria-labelledby": "help-title" },
    h("h3", { id: "help-title", text: serious ? tr("helpTitleUrgent") : tr("helpTitle") }),
    present,
  );
}
