// Reading the files a researcher picks or drops (folders included), and the items of the
// pack and corpus lists. File text is only read here; what it becomes is up to packs.js and
// corpus.js.

import { h } from "../dom.js";
import { loadStatus, messageOf } from "./kit.js";

export const PACK_FILE = /\.toml$/i;
export const CORPUS_FILE = /\.(jsonl|ndjson|json)$/i;

/** A picked file's name: its path inside the chosen folder, when a folder was chosen. */
export function pickedFiles(input, only = null) {
  return [...input.files]
    .map((file) => ({ file, name: file.webkitRelativePath || file.name }))
    .filter(({ name }) => !only || only.test(name));
}

/** Every file under dropped files and folders, with its path inside the drop. */
export async function droppedFiles(entries) {
  const out = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ file, name: entry.fullPath.replace(/^\/+/, "") || file.name });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      // readEntries hands out a directory in batches until it returns an empty one.
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (!batch.length) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/**
 * Reads files ({ file, name }) as text, sorted into packs and corpus files: all to `kind`
 * when they were picked for one, by extension (`kind` "auto") when dropped. Returns
 * { packs, corpus, ignored } with { name, text, bytes } files and the names not used.
 */
export async function readFiles(items, kind) {
  const out = { packs: [], corpus: [], ignored: [] };
  const sortOf = (name) => (kind !== "auto" ? kind : PACK_FILE.test(name) ? "packs" : CORPUS_FILE.test(name) ? "corpus" : null);
  for (const { file, name } of items) {
    const target = out[sortOf(name)];
    if (!target) {
      out.ignored.push(name);
      continue;
    }
    try {
      target.push({ name, text: await file.text(), bytes: file.size });
    } catch (err) {
      out.ignored.push(`${name} (${messageOf(err)})`);
    }
  }
  return out;
}

/** " (replacing 2 with the same name)" when some of `added` are already in `list`. */
export function replacedNote(list, added) {
  const n = added.filter((a) => list.some((x) => x.name === a.name)).length;
  return n ? ` (replacing ${n} with the same name)` : "";
}

function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A path that may wrap after each "/" rather than in the middle of a name. */
function pathWithBreaks(name) {
  return name.split("/").flatMap((part, i) => (i ? ["/", h("wbr"), part] : [part]));
}

/** One file in a list: name, size, an "edited" tag, and Edit (packs only) and Remove buttons. */
function fileItem(file, { bytes, edited = false, onEdit = null, onRemove }) {
  const remove = h("button", { type: "button", class: "button button--quiet button--small", "aria-label": `Remove ${file.name}`, text: "Remove" });
  remove.addEventListener("click", onRemove);
  let edit = null;
  if (onEdit) {
    edit = h("button", { type: "button", class: "button button--quiet button--small", "aria-label": `Edit ${file.name}`, text: "Edit" });
    edit.addEventListener("click", onEdit);
  }
  return h(
    "li",
    { class: "lab-file", dataset: { name: file.name } },
    h("span", { class: "lab-file__name" }, pathWithBreaks(file.name)),
    h("span", { class: "lab-file__size", text: formatBytes(bytes) }),
    edited ? h("span", { class: "lab-file__tag", text: "edited" }) : null,
    h("span", { class: "lab-file__actions" }, edit, remove),
  );
}

/** After removing an item, focus goes to the next Remove button, or to `fallback`. */
function focusAfterRemove(list, index, fallback) {
  const buttons = list.querySelectorAll(".lab-file__actions button:last-child");
  (buttons[Math.min(index, buttons.length - 1)] ?? fallback).focus();
}

/**
 * Draws a file list: an item per file (with `details(file)`: its bytes, edited mark and
 * Edit action), or `none` when empty. Remove calls `remove(file)`, says so, and moves focus
 * to the next Remove button or to `fallback`.
 */
export function renderFileList(list, files, { none, fallback, details, remove }) {
  const onRemove = (file, i) => () => {
    remove(file);
    loadStatus.textContent = `Removed ${file.name}.`;
    focusAfterRemove(list, i, fallback);
  };
  list.replaceChildren(...files.map((file, i) => fileItem(file, { ...details(file), onRemove: onRemove(file, i) })));
  if (!files.length) list.append(h("li", { class: "lab-file lab-file--none", text: none }));
}
