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

/**
 * Opens the line where a phrase or pattern is written: `at` is where the run's engine read
 * it (`{ file, line }`, the run's `definitions`), or nothing if the run did not say.
 */
export async function showDefinition(pattern, at) {
  // With the built-in packs in use there is nothing to edit yet: load them into the editor.
  if (!allPacks().length) await useBuiltinPacks();
  if (!at || !findPack(at.file)) {
    loadStatus.textContent = `“${pattern}” is not in the loaded pack files.`;
    loadStatus.scrollIntoView({ block: "nearest" });
    return;
  }
  showLine(at.file, at.line);
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
