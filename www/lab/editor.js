// The pack editor: one loaded pack file in a textarea, going to a line (from an error, a
// pattern's "Show" or the line box), exporting the edited file and undoing the edits.

import { h } from "../dom.js";
import { $, baseName, download, loadStatus } from "./kit.js";
import { allPacks, editPack as setPackText, findPack, isEdited, onPacksChange, revertPack, useBuiltinPacks } from "./packs.js";

const el = {
  section: $("editor-section"),
  file: $("editor-file"),
  gotoLine: $("goto-line"),
  goto: $("goto"),
  editor: $("editor"),
  status: $("editor-status"),
  exportPack: $("export-pack"),
  revert: $("revert"),
};
let editing = null; // name of the pack file in the editor

const editedPack = () => findPack(editing);
const optionText = (pack) => (isEdited(pack) ? `${pack.name} (edited)` : pack.name);

function render() {
  const packs = allPacks();
  el.section.hidden = packs.length === 0;
  if (!packs.length) {
    editing = null;
    return;
  }
  const keep = editedPack() ? editing : packs[0].name;
  el.file.replaceChildren(...packs.map((p) => h("option", { value: p.name, text: optionText(p) })));
  selectFile(keep);
}

function selectFile(name) {
  const pack = findPack(name);
  el.file.value = name;
  if (editing === name && el.editor.value === pack.text) return;
  editing = name;
  el.editor.value = pack.text;
  el.editor.scrollTop = 0;
  el.status.textContent = "";
}

/** Selects line `n` (from 1) in the editor and scrolls it into view. */
function selectLine(n) {
  const text = el.editor.value;
  let start = 0;
  for (let i = 1; i < n; i++) {
    const next = text.indexOf("\n", start);
    if (next === -1) break;
    start = next + 1;
  }
  let end = text.indexOf("\n", start);
  if (end === -1) end = text.length;
  el.editor.focus();
  el.editor.setSelectionRange(start, end);
  // The editor does not wrap lines, so line n starts n-1 line heights down.
  const lineHeight = parseFloat(getComputedStyle(el.editor).lineHeight) || 20;
  el.editor.scrollTop = Math.max(0, (n - 4) * lineHeight);
  el.gotoLine.value = String(n);
  el.status.textContent = `Line ${n} of ${editing}.`;
}

/** Opens pack file `name` in the editor, with the cursor in it. */
export function openPack(name) {
  selectFile(name);
  el.editor.focus();
}

/** Opens line `line` of pack file `name`, if that file is loaded. */
export function showLine(name, line) {
  if (!findPack(name)) return;
  selectFile(name);
  selectLine(line);
}

function lineOf(text, index) {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The id of the [[signal]] block that `index` is in. */
function signalAt(text, index) {
  const ids = /^\s*id\s*=\s*["']([^"'\n]+)["']/gm;
  let found = null;
  for (let m = ids.exec(text); m && m.index < index; m = ids.exec(text)) found = m[1];
  return found;
}

/**
 * Where a phrase or pattern is written in the loaded pack files: as a literal string
 * ('…'), a basic string ("…", whose escapes JSON shares), or a multi-line literal, preferring
 * the occurrence inside the block of its own signal.
 */
function locatePattern(signal, pattern) {
  const needles = [`'${pattern}'`, JSON.stringify(pattern), `'''${pattern}'''`];
  let fallback = null;
  for (const pack of allPacks()) {
    for (const needle of needles) {
      for (let at = pack.text.indexOf(needle); at !== -1; at = pack.text.indexOf(needle, at + 1)) {
        const hit = { name: pack.name, line: lineOf(pack.text, at) };
        if (signalAt(pack.text, at) === signal) return hit;
        fallback ??= hit;
      }
    }
  }
  return fallback;
}

/** Opens the line where `pattern` of `signal` is written. */
export async function showDefinition(signal, pattern) {
  // With the built-in packs in use there is nothing to edit yet: load them into the editor.
  if (!allPacks().length) await useBuiltinPacks();
  const hit = locatePattern(signal, pattern);
  if (!hit) {
    loadStatus.textContent = `“${pattern}” (${signal}) is not in the loaded pack files.`;
    loadStatus.scrollIntoView({ block: "nearest" });
    return;
  }
  showLine(hit.name, hit.line);
}

/** Wires the editor; `run("editor")` is what Ctrl+Enter does. */
export function initEditor({ run }) {
  onPacksChange(render);
  el.file.addEventListener("change", () => selectFile(el.file.value));
  el.editor.addEventListener("input", () => {
    const pack = editedPack();
    if (pack) setPackText(pack, el.editor.value);
  });
  el.editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run("editor");
    }
  });
  el.goto.addEventListener("click", () => {
    const n = Number(el.gotoLine.value);
    if (Number.isInteger(n) && n >= 1) selectLine(n);
  });
  el.gotoLine.addEventListener("keydown", (event) => {
    if (event.key === "Enter") el.goto.click();
  });
  el.exportPack.addEventListener("click", () => {
    const pack = editedPack();
    if (pack) download(baseName(pack.name), pack.text, "application/toml");
  });
  el.revert.addEventListener("click", () => {
    const pack = editedPack();
    if (!pack) return;
    // The text goes back first, so that the redraw keeps the editor's scroll position.
    el.editor.value = pack.original;
    revertPack(pack);
    el.status.textContent = `Undid the edits to ${pack.name}.`;
  });
  render();
}
