// Opening a chat file, chosen or dropped anywhere on the page. Plain text goes into the box;
// export files (a WhatsApp .zip, the JSON of Discord, Telegram, Instagram, Messenger or
// Snapchat) go to the engine as bytes, which reads them.

import { onFileDrop } from "./dom.js";
import { el, tr } from "./page.js";
import { BIG_TEXT, markStale, removeBigInput, setBigInput } from "./input.js";

const MAX_FILE_BYTES = 25 * 1024 * 1024;
const TEXT_FILE = /\.(txt|text)$/i;

/**
 * What happened to a file, next to where it was chosen: on a phone the box's own status line
 * is a screen away from the file button.
 */
function say(text) {
  el.inputStatus.textContent = "";
  el.fileStatus.textContent = text;
  el.fileStatus.scrollIntoView({ block: "nearest" });
}

async function loadFile(file) {
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    say(tr("fileTooBig", { mb: Math.round(MAX_FILE_BYTES / 1024 / 1024) }));
    return;
  }
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    say(tr("fileNotText", { name: file.name }));
    return;
  }
  if (!TEXT_FILE.test(file.name) && !file.type.startsWith("text/")) {
    setBigInput({ bytes, name: file.name });
    say(tr("fileLoaded", { name: file.name }));
    return;
  }
  let text = null;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = null;
  }
  if (text === null || text.includes("\u0000")) {
    say(tr("fileNotText", { name: file.name }));
    return;
  }
  if (!text.trim()) {
    say(tr("fileEmpty", { name: file.name }));
    return;
  }
  if (text.length >= BIG_TEXT) {
    setBigInput({ text, name: file.name });
  } else {
    removeBigInput({ focus: false, speak: false });
    el.input.value = text;
    markStale();
  }
  say(tr("fileLoaded", { name: file.name }));
}

/** Wires the file picker, and drops anywhere (which also keeps the browser from opening the file). */
export function bindFileInput() {
  el.file.addEventListener("change", async () => {
    const [file] = el.file.files;
    await loadFile(file);
    el.file.value = "";
  });
  onFileDrop(el.dropzone, "dropzone--active", (event) => loadFile(event.dataTransfer.files[0]));
}
