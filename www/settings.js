// Language and country: chosen from the address, the partner's page or the page's own
// selects, and applied to every string, the helplines and the result.

import { COUNTRIES, LANGS } from "./i18n.js";
import { h } from "./dom.js";
import { el, state, tr } from "./page.js";
import { renderBig } from "./input.js";
import { tick } from "./status.js";
import { loadHelplines, renderAside } from "./helplines.js";
import { renderResult } from "./result.js";
import { rescan } from "./scan.js";

/** The entry of `allowed` that `value` names, in any letter case; null for anything else. */
function pick(value, allowed) {
  if (typeof value !== "string") return null;
  return allowed.find((entry) => entry.toLowerCase() === value.toLowerCase()) ?? null;
}

/** The address's `name` parameter, if it is one of `allowed`. */
export function paramFrom(name, allowed) {
  return pick(new URLSearchParams(location.search).get(name), allowed);
}

/** Language and country sent by the partner's page around the embedded page (embed.js). */
export function applyPartnerSettings({ lang, country }) {
  const newCountry = pick(country, COUNTRIES);
  if (newCountry && newCountry !== state.country) {
    el.country.value = newCountry;
    setCountry(newCountry);
  }
  const newLang = pick(lang, LANGS);
  if (newLang && newLang !== state.lang) setLanguage(newLang);
}

function updateUrl() {
  const url = new URL(location.href);
  url.searchParams.set("lang", state.lang);
  // A guess stays a guess: written into the address, it would read as a choice on reload.
  if (state.countryChosen) url.searchParams.set("country", state.country);
  history.replaceState(null, "", url);
}

export function applyStrings() {
  el.root.lang = state.lang;
  document.title = tr("title");
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = tr(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of node.dataset.i18nAttr.split(",")) {
      const [attr, key] = pair.split(":");
      node.setAttribute(attr.trim(), tr(key.trim()));
    }
  }
  el.lang.value = state.lang;
  const options = COUNTRIES.map((code) => h("option", { value: code, text: tr(`country_${code}`) }));
  el.country.replaceChildren(...options);
  el.country.value = state.country;
  if (state.busy) tick();
  if (state.big) renderBig();
}

export function setLanguage(lang) {
  state.lang = lang;
  updateUrl();
  applyStrings();
  loadHelplines();
  renderAside();
  if (state.report) {
    renderResult();
    // Explanations come from the engine in the UI language: ask again in the new one.
    rescan({ rescan: true });
  }
}

/** A country someone named: the partner's page, or the young person in the select. */
export function setCountry(country) {
  state.country = country;
  state.countryChosen = true;
  updateUrl();
  loadHelplines();
  renderAside();
  if (state.report) renderResult();
}
