// <redflag-check>: the one-tag way for a partner site to embed the chat check (docs/embed.md).
//
// A partner's page loads this file as a module script from the widget's origin (the snippet,
// with its integrity hash, is in docs/embed.md), then places the element:
//   <redflag-check lang="nl" country="BE" theme="auto" compact exit-url="…"></redflag-check>
//
// The element only places and sizes an iframe of index.html?embed=1 on the widget's own origin
// (wherever this file was loaded from). It does not render the check in the partner's page on
// purpose: a page can listen to every key, paste and input event of anything in its own
// document, but it cannot see into a frame from another origin. The frame tells this element
// how tall to be (in whole steps, the same whatever was found), where to scroll to show a new
// result (in whole steps too), and when Quick exit was pressed, nothing else (www/embed.js).

const WIDGET = new URL("index.html", import.meta.url);
const EXIT_PAGE = new URL("exit.html", import.meta.url);
const SETTINGS = ["lang", "country", "theme"];
// The look a partner sets in CSS, on this element or an ancestor; the frame checks the values.
const STYLE_PARAMS = { "--redflag-accent": "accent", "--redflag-font": "font" };
const INITIAL_HEIGHT = 640; // until the frame says how tall it is
const MIN_HEIGHT = 200;
const MAX_HEIGHT = 20_000;
// The frame's title, "Check a chat": i18n.js's formLabel, copied so that this file imports
// nothing. A partner's integrity="sha384-…" covers this file only, not what it would import.
// (tests/browser/embed.test.mjs checks that the copies match.)
const TITLES = { nl: "Check een chat", fr: "Vérifier une conversation", en: "Check a chat" };

// !important in a shadow tree outranks the outer page, even its own !important rules, so
// resets such as `* { all: unset }` or `redflag-check { display: none }` cannot hide or
// squash the frame. The outer page's selectors do not reach the iframe itself at all.
const SHEET = new CSSStyleSheet();
SHEET.replaceSync(`
  :host {
    display: block !important;
    box-sizing: border-box !important;
    height: auto !important;
    min-height: 0 !important;
    max-height: none !important;
    padding: 0 !important;
    border: 0 !important;
    overflow: visible !important;
    visibility: visible !important;
    opacity: 1 !important;
    transform: none !important;
    filter: none !important;
    clip-path: none !important;
    zoom: 1 !important;
    content-visibility: visible !important;
  }
  :host([hidden]) {
    display: none !important;
  }
  iframe {
    display: block;
    box-sizing: border-box;
    width: 100%;
    height: ${INITIAL_HEIGHT}px;
    margin: 0;
    padding: 0;
    border: 0;
    visibility: visible;
    pointer-events: auto;
  }
`);

class RedflagCheck extends HTMLElement {
  static observedAttributes = [...SETTINGS, "compact"];

  #frame = document.createElement("iframe");
  // True once the page in the frame has reported its height, so it listens for settings.
  #frameListening = false;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: "closed" });
    shadow.adoptedStyleSheets = [SHEET];
    this.#frame.setAttribute("allow", "");
    // The origin of this page and nothing more (no path): the frame's only way, in browsers
    // without location.ancestorOrigins (Firefox), to know where to send its height.
    this.#frame.setAttribute("referrerpolicy", "strict-origin");
    this.#frame.setAttribute("loading", "eager");
    shadow.append(this.#frame);
  }

  connectedCallback() {
    window.addEventListener("message", this.#onMessage);
    this.#load();
  }

  disconnectedCallback() {
    window.removeEventListener("message", this.#onMessage);
  }

  attributeChangedCallback(name, oldValue, value) {
    if (oldValue === value || !this.#frame.src) return; // not loaded yet: #load reads them all
    this.#setTitle();
    // A setting the page in the frame listens for is sent to it, so nothing typed is lost.
    // Otherwise (not listening yet, compact, a setting removed) it loads again.
    if (SETTINGS.includes(name) && value !== null && this.#frameListening) {
      this.#frame.contentWindow.postMessage({ type: "redflag:settings", [name]: value }, WIDGET.origin);
    } else {
      this.#load();
    }
  }

  #load() {
    const url = new URL(WIDGET);
    url.searchParams.set("embed", "1");
    for (const name of SETTINGS) {
      const value = this.getAttribute(name);
      if (value) url.searchParams.set(name, value);
    }
    if (this.hasAttribute("compact")) url.searchParams.set("compact", "1");
    const style = getComputedStyle(this);
    for (const [property, param] of Object.entries(STYLE_PARAMS)) {
      const value = style.getPropertyValue(property).trim();
      if (value) url.searchParams.set(param, value);
    }
    this.#setTitle();
    this.#frameListening = false;
    this.#frame.src = url.href;
  }

  #setTitle() {
    this.#frame.title = TITLES[(this.getAttribute("lang") ?? "").toLowerCase()] ?? TITLES.en;
  }

  #onMessage = (event) => {
    // Only the page in this element's frame, and only while it is the widget's own page.
    if (event.source !== this.#frame.contentWindow || event.origin !== WIDGET.origin) return;
    const { type, height, top } = event.data ?? {};
    if (type === "redflag:height" && Number.isFinite(height)) {
      this.#frameListening = true;
      this.#frame.style.height = `${Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, height)))}px`;
    } else if (type === "redflag:show" && Number.isFinite(top)) {
      this.#scrollToFrame(top);
    } else if (type === "redflag:exit") {
      location.replace(this.#exitUrl());
    }
  };

  /**
   * Scrolls the page so that the point `top` px down the frame, where a new result's verdict
   * starts, is at the top of the screen: a frame cannot scroll the page around it.
   */
  #scrollToFrame(top) {
    const frame = this.#frame.getBoundingClientRect();
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    window.scrollBy({ top: frame.top + Math.min(Math.max(top, 0), frame.height), behavior: smooth ? "smooth" : "auto" });
  }

  /** The partner's exit-url if it is a web address, else the widget's neutral page. */
  #exitUrl() {
    const wanted = this.getAttribute("exit-url");
    if (wanted) {
      try {
        const url = new URL(wanted, document.baseURI);
        if (url.protocol === "https:" || url.protocol === "http:") return url.href;
      } catch {
        /* not a URL */
      }
    }
    return EXIT_PAGE.href;
  }
}

if (!customElements.get("redflag-check")) customElements.define("redflag-check", RedflagCheck);
