// The widget's HTTP response headers, defined once: scripts/serve.mjs sends them, and
// scripts/dist.mjs ships them for the partner's web server, as a `_headers` file (Netlify,
// Cloudflare Pages) and an nginx snippet (docs/embed.md, Hosting).
//
// One policy for every file, pages and workers alike: a worker does not inherit its page's
// <meta> policy, only the headers of its own script (worker.js, which handles the text).

/** The page's policy, the part that index.html and lab.html also carry in a <meta> tag (where browsers ignore frame-ancestors). */
export const PAGE_CSP = [
  // Needs no blob: source for the evidence kit's "Save a summary" (www/evidence-kit.js): an
  // <a download> of a blob: address is a download, which no directive here governs.
  "default-src 'self'",
  // 'wasm-unsafe-eval' compiles the engine's module; it allows no eval() of JavaScript.
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  // The pages' icons are data: addresses.
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** Who may embed the widget unless told otherwise: its own pages only. */
export const DEFAULT_FRAME_ANCESTORS = "'self'";

/**
 * The partner list in the shipped header files, for the host to replace. An address that can
 * never exist (.invalid), so that a file left as shipped lets no site embed the widget.
 */
export const PARTNERS_PLACEHOLDER = "https://REPLACE-WITH-PARTNER-ORIGINS.invalid";

// One source of a frame-ancestors list: *, 'self', 'none', a scheme ("https:"), or a host
// with an optional scheme, wildcard subdomain and port ("https://*.partner.be:443").
const FRAME_ANCESTOR = /^(\*|'self'|'none'|https?:|(https?:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?)$/i;

/**
 * The Content-Security-Policy header: the page's policy plus the origins that may embed it.
 * Throws on anything that is not a plain list of sources, so an option can never add or
 * break a directive.
 */
export function csp(frameAncestors = DEFAULT_FRAME_ANCESTORS) {
  const sources = String(frameAncestors).trim().split(/\s+/);
  const bad = sources.find((source) => !FRAME_ANCESTOR.test(source));
  if (bad !== undefined) throw new Error(`frame-ancestors: "${bad}" is not an origin, *, 'self' or 'none'`);
  return `${PAGE_CSP}; frame-ancestors ${sources.join(" ")}`;
}

/** The headers of every response from the widget's origin. */
export function widgetHeaders({ frameAncestors = DEFAULT_FRAME_ANCESTORS } = {}) {
  return {
    "Content-Security-Policy": csp(frameAncestors),
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    // Partner pages load redflag-check.js as a cross-origin module script, which browsers
    // fetch in CORS mode, and pages with Cross-Origin-Embedder-Policy require CORP of what
    // they embed. Safe for every file here: they are public static files, the same for
    // everyone, and no response ever depends on cookies or holds anything a visitor typed.
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
  };
}

/**
 * A web server's configuration of the widget's headers: `comments` and how to fill in the
 * partner list as # lines, then the `opening` lines, then one `line(name, value)` per header.
 */
function headerConfig({ frameAncestors, comments, opening = [], line }) {
  const notes = [
    "The redflag widget's headers (scripts/headers.mjs), for every file: pages and worker.js.",
    ...comments,
    `frame-ancestors: replace ${PARTNERS_PLACEHOLDER} with the origins`,
    "of the partner pages that embed the widget, separated by spaces",
    "(https://www.partner.be https://school.example). Left as it is, no site can embed the widget.",
  ];
  const headers = Object.entries(widgetHeaders({ frameAncestors })).map(([name, value]) => line(name, value));
  return [...notes.map((note) => `# ${note}`), ...opening, ...headers].join("\n") + "\n";
}

/** A `_headers` file (Netlify, Cloudflare Pages) for the root of the hosted widget/ folder. */
export function headersFile(frameAncestors = PARTNERS_PLACEHOLDER) {
  return headerConfig({
    frameAncestors,
    comments: ["Put it at the root of the published widget/ folder."],
    opening: ["/*"],
    line: (name, value) => `  ${name}: ${value}`,
  });
}

/** An nginx snippet for the block that serves the widget/ folder. */
export function nginxSnippet(frameAncestors = PARTNERS_PLACEHOLDER) {
  return headerConfig({
    frameAncestors,
    comments: [
      "Include it in the server or location block that serves widget/, and again in any nested",
      "location block that has add_header lines of its own (nginx does not inherit them there).",
    ],
    line: (name, value) => `add_header ${name} "${value}" always;`,
  });
}
