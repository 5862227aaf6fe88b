// The page's texts: one file per language in locales/ (en.js holds every key), and how the page
// picks and fills them. Values are strings with {placeholders}, arrays of strings (lists), or
// functions (plurals, and lists that name a service from the helpline data).
// Copy rules: short sentences, "je"/"tu"/"you", never blaming, written for a 13-year-old.

import en from "./locales/en.js";
import nl from "./locales/nl.js";
import fr from "./locales/fr.js";

export const LANGS = ["nl", "fr", "en"];

/** Countries in the order of the country selector: Belgium first, "other" last. */
export const COUNTRIES = ["BE", "NL", "FR", "LU", "DE", "GB", "IE", "US", "CA", "AU", "INT"];

export const STRINGS = { en, nl, fr };

/**
 * The string `key` in `lang` (English when missing), with {placeholders} filled from `vars`.
 * Functions are called with `vars.n` (or `vars`), arrays are returned as they are.
 */
export function t(lang, key, vars = {}) {
  const table = STRINGS[lang] ?? STRINGS.en;
  let value = table[key] ?? STRINGS.en[key];
  if (value === undefined) return key;
  if (typeof value === "function") return value(vars.n ?? vars);
  if (Array.isArray(value)) return value;
  return value.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Whether the page has a string called `key` (every language has the keys English has). */
export function hasString(key) {
  return key in STRINGS.en;
}

/** The first of `preferred` (like navigator.languages) that the page speaks; English otherwise. */
export function pickLang(preferred = []) {
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split("-")[0];
    if (LANGS.includes(base)) return base;
  }
  return "en";
}
