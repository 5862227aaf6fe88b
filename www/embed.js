// Embedded mode: the page inside a partner's iframe (index.html?embed=1, docs/embed.md).
//
// Applies the look the partner asked for in the address (theme, compact, accent, font), tells
// the partner's page how tall the content is, and takes language, country and theme changes
// from it. The partner's page is never told anything else: the only messages sent to it are
// {type: "redflag:height", height} and {type: "redflag:exit"}, never text or results.

const params = new URLSearchParams(location.search);

export const EMBEDDED = params.get("embed") === "1";

const THEMES = ["light", "dark", "auto"];
// Colours as a partner writes them: #rgb to #rrggbbaa, or rgb()/hsl() with plain numbers.
// Nothing else (no url(), var(), or anything that could end the declaration).
const ACCENT = /^(#[0-9a-f]{3,8}|(rgb|hsl)\([\d ,.%]+\))$/i;
// Font names a partner's device may have installed (the page loads no font files).
const FONT = /^[a-z0-9 ,"'-]{1,200}$/i;
// White text sits on the accent colour (buttons); 5:1 against white leaves at least the
// 4.5:1 of WCAG AA against the page's off-white background too.
const MIN_ACCENT_CONTRAST = 5;

const root = document.documentElement;
const darkScheme = matchMedia("(prefers-color-scheme: dark)");
let themeChoice = "light";

/**
 * Turns embedded mode on (when the address asks for it). `onSettings({lang, country})` gets
 * the partner page's unchecked language and country choices; the caller validates them.
 */
export function startEmbedded({ onSettings }) {
  if (!EMBEDDED) return;
  root.dataset.embed = "";
  if (params.get("compact") === "1") root.dataset.compact = "";
  setTheme(params.get("theme"));
  darkScheme.addEventListener("change", showTheme);
  setAccent(params.get("accent"));
  setFont(params.get("font"));
  if (window.parent === window) return; // opened on its own: there is no partner page

  // Settings are taken only from the page that embeds this one, and never answered.
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (event.source !== window.parent || data?.type !== "redflag:settings") return;
    setTheme(data.theme);
    onSettings({ lang: data.lang, country: data.country });
  });

  let lastHeight = 0;
  new ResizeObserver(() => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    // "*": the message holds a number that any page embedding this one could measure anyway.
    window.parent.postMessage({ type: "redflag:height", height }, "*");
  }).observe(root);
}

/** Tells the partner's page that the young person pressed Quick exit, so it leaves too. */
export function tellPartnerExit() {
  if (EMBEDDED && window.parent !== window) window.parent.postMessage({ type: "redflag:exit" }, "*");
}

function setTheme(choice) {
  const theme = typeof choice === "string" ? choice.toLowerCase() : null;
  if (!THEMES.includes(theme)) return;
  themeChoice = theme;
  showTheme();
}

function showTheme() {
  root.dataset.theme = themeChoice === "auto" ? (darkScheme.matches ? "dark" : "light") : themeChoice;
}

function setAccent(value) {
  if (!value || !ACCENT.test(value.trim())) return;
  // style.css registers --partner-accent as a <color>, so its computed value is rgb()/rgba()
  // (in browsers without @property it stays as written, and the accent is not used).
  root.style.setProperty("--partner-accent", value.trim());
  const rgba = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(getComputedStyle(root).getPropertyValue("--partner-accent"));
  if (!rgba || Number(rgba[4] ?? 1) < 1 || contrastWithWhite(...rgba.slice(1, 4).map(Number)) < MIN_ACCENT_CONTRAST) {
    root.style.removeProperty("--partner-accent");
    return;
  }
  root.dataset.accent = "";
}

function setFont(value) {
  if (value && FONT.test(value)) root.style.setProperty("--partner-font", value);
}

function contrastWithWhite(r, g, b) {
  const linear = (c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return 1.05 / (luminance + 0.05);
}
