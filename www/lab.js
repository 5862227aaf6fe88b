// The pattern lab (lab.html): runs pack files over a labelled JSON Lines corpus in the engine
// worker and shows the figures of `redflag eval` (the same Rust code computes them), tables
// per category, label, source, language, signal and pattern, the false positives and misses
// with their matches highlighted, and a pack editor to change a pattern and run again.
// This file wires the parts in lab/ together: packs.js, corpus.js (and files.js, reading
// them), editor.js, run.js, results.js, metrics.js, drill.js and record.js.
//
// English only: this is a tool for researchers and helpline analysts, not for the young
// people the screening page (app.js, in nl/fr/en) is for.
//
// Privacy rules, as on the screening page: files are read with File.text() and go only to
// the worker; nothing is stored; after start-up the page makes no request (downloads are
// object URLs made here); corpus and pack text only ever reach the page as text nodes or a
// textarea's value, never through innerHTML.

import { onFileDrop } from "./dom.js";
import { $, loadStatus, messageOf } from "./lab/kit.js";
import { engine } from "./lab/engine.js";
import { PACK_FILE, droppedFiles, pickedFiles, readFiles } from "./lab/files.js";
import { addPacks, initPacks } from "./lab/packs.js";
import { addCorpus, initCorpus } from "./lab/corpus.js";
import { initEditor, openPack } from "./lab/editor.js";
import { initRun, run, showError } from "./lab/run.js";
import { initResults, showResults } from "./lab/results.js";
import { initDrill } from "./lab/drill.js";

const el = { packFiles: $("pack-files"), packFolder: $("pack-folder"), corpusFiles: $("corpus-files"), drop: $("dropzone") };

/** Reads picked or dropped files ({ file, name }) and adds them as packs or corpus files. */
async function addFiles(items, kind) {
  const read = await readFiles(items, kind);
  const notes = [addPacks(read.packs), addCorpus(read.corpus)].filter(Boolean);
  if (read.ignored.length) notes.push(`Not used: ${read.ignored.join(", ")} (pack files end in .toml, corpus files in .jsonl).`);
  loadStatus.textContent = notes.join(" ") || "No files were added.";
}

function bindPickers() {
  const picker = (input, kind, only = null) =>
    input.addEventListener("change", async () => {
      await addFiles(pickedFiles(input, only), kind);
      input.value = "";
    });
  picker(el.packFiles, "packs");
  // From a folder, only its .toml files, as `redflag eval --pack DIR` reads them.
  picker(el.packFolder, "packs", PACK_FILE);
  picker(el.corpusFiles, "corpus");
}

function bindDrop() {
  onFileDrop(el.drop, "lab-drop--active", async (event) => {
    // The entries must be taken now: the drop's item list is emptied when the event ends.
    const entries = [...event.dataTransfer.items].map((item) => item.webkitGetAsEntry?.()).filter(Boolean);
    const files = entries.length ? await droppedFiles(entries) : [...event.dataTransfer.files].map((file) => ({ file, name: file.name }));
    await addFiles(files, "auto");
  });
}

async function start() {
  initPacks({ edit: openPack });
  initCorpus();
  initEditor({ run });
  initRun({ show: showResults });
  initResults();
  initDrill();
  bindPickers();
  bindDrop();
  let ready = "true";
  try {
    const worker = engine();
    await worker.ready;
    if (!worker.features.evaluate) {
      ready = "failed";
      showError("This engine cannot evaluate", ["The WebAssembly module has no evaluate(): rebuild it (make wasm)."]);
    }
  } catch (err) {
    ready = "failed";
    showError("The engine could not start", [messageOf(err)]);
  }
  document.documentElement.dataset.ready = ready;
}

start();
