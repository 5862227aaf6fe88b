// Writes the large hostile inputs that docs/evaluation.md measures ("Hostile input: time and
// memory") into a folder, so that anyone can measure them again:
//
//   node scripts/hostile-inputs.mjs /tmp/hostile
//   /usr/bin/time -v target/release/redflag scan /tmp/hostile/whatsapp-199mb.zip
//
// They are too large to commit and made of ordinary repeated lines, no chat of anyone's.

import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { deflateRawSync, crc32 } from "node:zlib";

const MIB = 1024 * 1024;

/** A little-endian record of `length` bytes with `fields`: [offset, byte width (2 or 4), value]. */
function record(length, fields) {
  const bytes = Buffer.alloc(length);
  for (const [offset, width, value] of fields) (width === 2 ? bytes.writeUInt16LE : bytes.writeUInt32LE).call(bytes, value, offset);
  return bytes;
}

/** A zip archive of one deflated file, written as `name` in `file`. */
function writeZip(file, name, text) {
  const data = Buffer.from(text, "utf8");
  const packed = deflateRawSync(data, { level: 9 });
  const nameBytes = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const DEFLATED = 8;
  const VERSION = 20;
  const local = record(30, [[0, 4, 0x04034b50], [4, 2, VERSION], [8, 2, DEFLATED], [14, 4, crc], [18, 4, packed.length], [22, 4, data.length], [26, 2, nameBytes.length]]);
  const central = record(46, [[0, 4, 0x02014b50], [4, 2, VERSION], [6, 2, VERSION], [10, 2, DEFLATED], [16, 4, crc], [20, 4, packed.length], [24, 4, data.length], [28, 2, nameBytes.length], [42, 4, 0]]);
  const end = record(22, [[0, 4, 0x06054b50], [8, 2, 1], [10, 2, 1], [12, 4, central.length + nameBytes.length], [16, 4, local.length + nameBytes.length + packed.length]]);
  const out = createWriteStream(file);
  for (const part of [local, nameBytes, packed, central, nameBytes, end]) out.write(part);
  out.end();
}

/** WhatsApp lines (Android style) of `body`, one a minute, repeated to just under `bytes`. */
function whatsappText(body, bytes) {
  const hour = Array.from({ length: 60 }, (_, minute) => `03/12/2026, 10:${String(minute).padStart(2, "0")} - Alex: ${body}\n`).join("");
  return hour.repeat(Math.floor(bytes / Buffer.byteLength(hour)));
}

const dir = process.argv[2] ?? "hostile-inputs";
mkdirSync(dir, { recursive: true });
const story = "hey how was school today? and then we went to the park and played football until it got dark, it was fun, we should do it again next week with the others";
const inputs = {
  "whatsapp-199mb.zip": whatsappText(story, 199 * MIB),
  "whatsapp-199mb-short-messages.zip": whatsappText("did you finish the maths homework", 199 * MIB),
};
for (const [name, text] of Object.entries(inputs)) {
  writeZip(path.join(dir, name), "WhatsApp Chat with Alex.txt", text);
  console.log(`${path.join(dir, name)}: ${(Buffer.byteLength(text) / MIB).toFixed(0)} MiB unpacked`);
}
const line = Array.from({ length: 12_000 }, (_, i) => `${i % 2 ? "Alex" : "Sam"}: did you see the pic i sent lol, send me the homework, we should meet at the park`);
createWriteStream(path.join(dir, "lines-1mb.txt")).end(`${line.join("\n")}\n`);
createWriteStream(path.join(dir, "one-line-1mb.txt")).end(line.join(" "));
console.log(`${path.join(dir, "lines-1mb.txt")}, ${path.join(dir, "one-line-1mb.txt")}: the same text with and without line breaks`);
