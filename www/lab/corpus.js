// The corpus files of the next run, in the order they were added (the order records are
// read), and their list on the page.

import { $, plural } from "./kit.js";
import { renderFileList, replacedNote } from "./files.js";

const el = { list: $("corpus-list"), picker: $("corpus-files") };
let files = []; // { name, text, bytes }

export const corpusFiles = () => files;

/** Adds read files, replacing those with the same name in place; returns the note to show. */
export function addCorpus(added) {
  if (!added.length) return "";
  const note = `Added ${plural(added.length, "corpus file")}${replacedNote(files, added)}.`;
  for (const c of added) {
    const at = files.findIndex((x) => x.name === c.name);
    if (at === -1) files.push(c);
    else files[at] = c;
  }
  render();
  return note;
}

function render() {
  renderFileList(el.list, files, {
    none: "None yet.",
    fallback: el.picker,
    details: (file) => ({ bytes: file.bytes }),
    remove: (file) => {
      files = files.filter((c) => c !== file);
      render();
    },
  });
}

export const initCorpus = render;
