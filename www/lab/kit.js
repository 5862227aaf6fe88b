// The lab's small shared kit: element lookup, the load status line, the screen-reader
// announcer, wording helpers and saving a file. English only, as the whole lab is.

import { h } from "../dom.js";

/** How a figure reads where it is undefined (no records to divide by). */
export const UNDEFINED = "–";

export const $ = (id) => document.getElementById(id);

/** The status line under the file pickers: what was added, removed or could not be read. */
export const loadStatus = $("load-status");

const announcer = $("announcer");

export function announce(text) {
  // Clearing first makes screen readers repeat a message that is the same as the last one.
  announcer.textContent = "";
  setTimeout(() => {
    announcer.textContent = text;
  }, 30);
}

export function messageOf(err) {
  return err && typeof err.message === "string" && err.message ? err.message : String(err);
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** How a record's id reads in a list ("(no id)" when it has none). */
export function idText(id) {
  if (id === null || id === undefined) return "(no id)";
  return typeof id === "string" ? id : JSON.stringify(id);
}

export const baseName = (name) => name.slice(name.lastIndexOf("/") + 1);

/** Saves `text` as a file called `name`: an object URL, never a request. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
