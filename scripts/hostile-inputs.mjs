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

/** A zip archive of one deflated file, written as `name` in `file`. */
function writeZip(file, name, text) {
  const data = Buffer.from(text, "utf8");
  const packed = deflateRawSync(data, { level: 9 });
  const nameBytes = Buffer.from(name, "utf8");
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(packed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(local.length + nameBytes.length + packed.length, 16);
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
