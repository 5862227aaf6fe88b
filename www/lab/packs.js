// The pack files of the next run: the list on the page, files added, removed or replaced by
// the built-in packs, and which of them are edited. The editor (editor.js) changes their
// text; whoever shows them listens with onPacksChange.

import { $, loadStatus, messageOf, plural } from "./kit.js";
import { engine } from "./engine.js";
import { renderFileList, replacedNote } from "./files.js";

const el = { builtin: $("builtin"), list: $("pack-list") };
const utf8 = new TextEncoder();
const listeners = [];
let packs = []; // { name, text, original }, sorted by path as the command line sorts them
let dropEdits = false; // "Use the built-in packs" was pressed once with edited files in the list
let onEdit = () => {};

/** Orders paths component by component, as the command line sorts `--pack` files. */
function byPath(a, b) {
  const x = a.name.split("/");
  const y = b.name.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  }
  return x.length - y.length;
}

export const allPacks = () => packs;
export const findPack = (name) => packs.find((p) => p.name === name) ?? null;
export const isEdited = (pack) => pack.text !== pack.original;

/** Calls `fn` whenever the list, or which files are edited, changes. */
export function onPacksChange(fn) {
  listeners.push(fn);
}

function changed() {
  render();
  for (const fn of listeners) fn();
}

/** Adds read files ({ name, text }), replacing those with the same name; returns the note to show. */
export function addPacks(added) {
  if (!added.length) return "";
  const note = `Added ${plural(added.length, "pack file")}${replacedNote(packs, added)}.`;
  for (const p of added) packs = [...packs.filter((x) => x.name !== p.name), { name: p.name, text: p.text, original: p.text }];
  packs.sort(byPath);
  changed();
  return note;
}

/** Sets the text of `pack` (from the editor); tells the listeners only when its edited mark flips. */
export function editPack(pack, text) {
  const wasEdited = isEdited(pack);
  pack.text = text;
  if (wasEdited !== isEdited(pack)) changed();
}

export function revertPack(pack) {
  pack.text = pack.original;
  changed();
}

/** Replaces the list with the packs built into the engine, ready to edit. */
export async function useBuiltinPacks() {
  try {
    const answer = await engine().request({ type: "builtinPacks" });
    packs = answer.packs.map(({ name, text }) => ({ name, text, original: text })).sort(byPath);
    loadStatus.textContent = `Using the ${plural(packs.length, "built-in pack file")}: edit them below.`;
  } catch (err) {
    loadStatus.textContent = `The built-in packs could not be read: ${messageOf(err)}`;
  }
  changed();
}

function render() {
  renderFileList(el.list, packs, {
    none: "None: the run uses the built-in packs.",
    fallback: el.builtin,
    details: (pack) => ({ bytes: utf8.encode(pack.text).length, edited: isEdited(pack), onEdit: () => onEdit(pack.name) }),
    remove: (pack) => {
      packs = packs.filter((p) => p !== pack);
      changed();
    },
  });
}

/** Draws the empty list and wires "Use the built-in packs"; `edit(name)` opens a file in the editor. */
export function initPacks({ edit }) {
  onEdit = edit;
  el.builtin.addEventListener("click", () => {
    // The built-in packs replace the list: edits are dropped only on a second press.
    const edited = packs.filter(isEdited).length;
    if (edited && !dropEdits) {
      dropEdits = true;
      loadStatus.textContent = `${plural(edited, "pack file")} in the list ${edited === 1 ? "has" : "have"} edits: export them first, or press “Use the built-in packs” again to drop them.`;
      return;
    }
    dropEdits = false;
    useBuiltinPacks();
  });
  render();
}
