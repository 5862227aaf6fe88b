// Embedded mode: the page inside a partner's iframe (index.html?embed=1, docs/embed.md).
//
// Applies the look the partner asked for in the address (theme, compact, accent, font), tells
// the partner's page how tall to make the frame, and takes language, country and theme changes
// from it, and where to scroll to show a new result. The partner's page is never told anything
// else: the only messages sent to it are {type: "redflag:height", height},
// {type: "redflag:show", top} and {type: "redflag:exit"}, never text or results.

const params = new URLSearchParams(location.search);

export const EMBEDDED = params.get("embed") === "1";
// The partner's page, the only one messages are sent to (null when not in a frame or not known).
const PARENT_ORIGIN = EMBEDDED && window.parent !== window ? parentOrigin() : null;

const THEMES = ["light", "dark", "auto"];
// Colours as a partner writes them: #rgb to #rrggbbaa, or rgb()/hsl() with plain numbers.
// Nothing else (no url(), var(), or anything that could end the declaration).
const ACCENT = /^(#[0-9a-f]{3,8}|(rgb|hsl)\([\d ,.%]+\))$/i;
// Font names a partner's device may have installed (the page loads no font files).
const FONT = /^[a-z0-9 ,"'-]{1,200}$/i;
// White text sits on the accent colour (buttons); 5:1 against white leaves at least the
// 4.5:1 of WCAG AA against the page's off-white background too.
const MIN_ACCENT_CONTRAST = 5;

// The frame's height is told in whole steps, so that the partner's page learns from it no more
// than whether a result is shown. Without a result, the page's height depends only on what the
// partner chose (the frame's width, the language, the options). A result's height depends on
// what was found: how many signals, how long the quoted messages are (a partner that changes
// the frame's width by a pixel could probe where a quote wraps). So with a result the frame asks
// for the height of the rest of the page and RESULT_ROOM times as much again for the result,
// whatever it is; a longer result scrolls inside the frame. 3 fits a worrying result with a few
// quotes at most widths (docs/embed.md has the figures).
export const HEIGHT_STEP = 800;
const RESULT_ROOM = 3;
// Where the verdict starts in the frame is told in whole steps too, rounded down (the partner's
// page scrolls to the step, and the verdict is less than a step further). What is above the
// verdict (the settings and the form) is part of the rest of the page, whose height the
// partner's page already learns in steps of HEIGHT_STEP / (1 + RESULT_ROOM) from the height
// with a result ((1 + RESULT_ROOM) × rest rounded up to HEIGHT_STEP is rest rounded up to that).
// So `top` tells it nothing more, and the step is small enough for the verdict to be on a
// phone's screen once the page has scrolled there.
export const SHOW_STEP = HEIGHT_STEP / (1 + RESULT_ROOM);

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

  // Where the browser does not say who the partner is, the frame keeps its fixed height.
  if (!PARENT_ORIGIN) return;
  // A result longer than the frame scrolls inside it. The scroll bar's room is kept either way,
  // so that the page's width, and with it the height asked for, never depends on that.
  root.style.scrollbarGutter = "stable";
  new ResizeObserver(tellPartnerHeight).observe(root);
}

let lastHeight = 0;

/** Tells the partner's page the height to give the frame, when it changed. */
function tellPartnerHeight() {
  const height = frameHeight();
  if (height === lastHeight) return;
  lastHeight = height;
  window.parent.postMessage({ type: "redflag:height", height }, PARENT_ORIGIN);
}

/**
 * Asks the partner's page to scroll to `title`, a new result's verdict; false where there is no
 * partner page to ask (the page then scrolls itself). A frame cannot scroll the page around it
 * reliably: browsers differ in whether, and how far, scrollIntoView in a frame moves it.
 */
export function tellPartnerShown(title) {
  if (!PARENT_ORIGIN) return false;
  // The new height first, before the ResizeObserver would send it: the partner's page must be
  // tall enough to scroll to the verdict when the show message arrives.
  tellPartnerHeight();
  const top = title.getBoundingClientRect().top + window.scrollY;
  // A frame sized as asked always has the verdict in its first rest-of-the-page height, so a
  // longer result scrolled inside it goes back to the top, where `top` says the verdict is. A
  // frame the partner keeps at a fixed height scrolls inside to the verdict instead.
  const fits = top + title.offsetHeight <= innerHeight;
  window.scrollTo({ top: fits ? 0 : top, behavior: "instant" });
  window.parent.postMessage({ type: "redflag:show", top: Math.floor(top / SHOW_STEP) * SHOW_STEP }, PARENT_ORIGIN);
  return true;
}

/** Tells the partner's page that the young person pressed Quick exit, so it leaves too. */
export function tellPartnerExit() {
  // To any origin where the browser does not say the parent's: the page around must leave
  // whatever it is, and the message says nothing but that the button was pressed.
  if (EMBEDDED && window.parent !== window) window.parent.postMessage({ type: "redflag:exit" }, PARENT_ORIGIN ?? "*");
}

/**
 * The origin of the page that embeds this one, or null where the browser does not tell it
 * (Chromium and Safari have ancestorOrigins; elsewhere the referrer says it, unless the frame
 * was loaded with no referrer). Messages go to that origin alone: one still on its way when the
 * partner's page is replaced never reaches the page that replaced it.
 */
export function parentOrigin(ancestorOrigins = location.ancestorOrigins, referrer = document.referrer) {
  for (const candidate of [ancestorOrigins?.[0], referrer]) {
    try {
      const url = new URL(candidate);
      if (url.protocol === "https:" || url.protocol === "http:") return url.origin;
    } catch {
      /* none, or "null" (an opaque origin) */
    }
  }
  return null;
}

/** The height to ask the partner's page for: whole steps, from the page without its result. */
function frameHeight() {
  const page = root.getBoundingClientRect().height;
  const layout = document.querySelector(".layout");
  if (layout?.dataset.hasResult !== "true") return roundUpToStep(page);
  const rest = page - document.getElementById("result").getBoundingClientRect().height;
  return roundUpToStep(rest * (1 + RESULT_ROOM));
}

function roundUpToStep(height) {
  return Math.max(1, Math.ceil(height / HEIGHT_STEP)) * HEIGHT_STEP;
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
  // styles/embed.css registers --partner-accent as a <color>, so its computed value is rgb()/rgba()
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
