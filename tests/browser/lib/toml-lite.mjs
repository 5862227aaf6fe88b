// A small TOML reader for the subset data/helplines.toml uses: comments, [table],
// [[array.of.tables]], key = "string" | 'literal' | true/false | number | [arrays, over,
// lines] | { inline = "tables" }. It throws on anything else, naming the line, so a file
// the real parser (the Rust engine's) might read differently fails loudly here too.

export function parseToml(source) {
  const root = {};
  let current = root;
  const lines = source.split(/\r?\n/);
  let i = 0;

  const fail = (msg) => {
    throw new Error(`line ${i + 1}: ${msg}`);
  };

  function tablePath(path, isArray) {
    let node = root;
    path.forEach((key, k) => {
      const last = k === path.length - 1;
      if (last && isArray) {
        if (node[key] === undefined) node[key] = [];
        if (!Array.isArray(node[key])) fail(`${key} is not an array of tables`);
        const entry = {};
        node[key].push(entry);
        node = entry;
        return;
      }
      if (node[key] === undefined) node[key] = {};
      node = Array.isArray(node[key]) ? node[key][node[key].length - 1] : node[key];
      if (typeof node !== "object" || node === null) fail(`${key} is not a table`);
    });
    return node;
  }

  // A value parser over a string with a cursor; arrays may continue on the next lines.
  let text = "";
  let pos = 0;
  const skipSpace = (multiline) => {
    for (;;) {
      while (pos < text.length && /[ \t]/.test(text[pos])) pos++;
      if (text[pos] === "#") pos = text.length;
      if (pos < text.length || !multiline) return;
      i++;
      if (i >= lines.length) fail("unterminated value");
      text = lines[i];
      pos = 0;
    }
  };
  const parseString = () => {
    const quote = text[pos++];
    let out = "";
    while (pos < text.length && text[pos] !== quote) {
      let c = text[pos++];
      if (quote === '"' && c === "\\") {
        const e = text[pos++];
        const map = { n: "\n", t: "\t", '"': '"', "\\": "\\", r: "\r" };
        if (e === "u") {
          c = String.fromCharCode(parseInt(text.slice(pos, pos + 4), 16));
          pos += 4;
        } else if (e in map) c = map[e];
        else fail(`unknown escape \\${e}`);
      }
      out += c;
    }
    if (text[pos] !== quote) fail("unterminated string");
    pos++;
    return out;
  };
  const parseValue = (multiline) => {
    skipSpace(multiline);
    const c = text[pos];
    if (c === '"' || c === "'") {
      if (text.startsWith(c.repeat(3), pos)) fail("multi-line strings are not used in this file");
      return parseString();
    }
    if (c === "[") {
      pos++;
      const arr = [];
      for (;;) {
        skipSpace(true);
        if (text[pos] === "]") {
          pos++;
          return arr;
        }
        arr.push(parseValue(true));
        skipSpace(true);
        if (text[pos] === ",") pos++;
        else if (text[pos] !== "]") fail("expected , or ] in array");
      }
    }
    if (c === "{") {
      pos++;
      const obj = {};
      skipSpace(false);
      if (text[pos] === "}") {
        pos++;
        return obj;
      }
      for (;;) {
        skipSpace(false);
        const m = /^[A-Za-z0-9_-]+/.exec(text.slice(pos));
        if (!m) fail("expected a key in inline table");
        pos += m[0].length;
        skipSpace(false);
        if (text[pos++] !== "=") fail("expected = in inline table");
        if (m[0] in obj) fail(`duplicate key ${m[0]}`);
        obj[m[0]] = parseValue(false);
        skipSpace(false);
        if (text[pos] === ",") {
          pos++;
          continue;
        }
        if (text[pos] === "}") {
          pos++;
          return obj;
        }
        fail("expected , or } in inline table");
      }
    }
    const rest = text.slice(pos);
    const m = /^(true|false|[+-]?\d+(?:\.\d+)?)(?=[\s,\]}#]|$)/.exec(rest);
    if (!m) fail(`cannot read value: ${rest.slice(0, 20)}`);
    pos += m[0].length;
    if (m[1] === "true") return true;
    if (m[1] === "false") return false;
    return Number(m[1]);
  };

  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line || line.startsWith("#")) continue;
    let m = /^\[\[\s*([A-Za-z0-9_.-]+)\s*\]\](\s*#.*)?$/.exec(line);
    if (m) {
      current = tablePath(m[1].split("."), true);
      continue;
    }
    m = /^\[\s*([A-Za-z0-9_.-]+)\s*\](\s*#.*)?$/.exec(line);
    if (m) {
      current = tablePath(m[1].split("."), false);
      continue;
    }
    m = /^([A-Za-z0-9_-]+)\s*=\s*/.exec(line);
    if (!m) fail(`cannot read: ${line.slice(0, 40)}`);
    if (m[1] in current) fail(`duplicate key ${m[1]}`);
    text = line;
    pos = m[0].length;
    current[m[1]] = parseValue(false);
    skipSpace(false);
    if (pos < text.length) fail(`unexpected text after value: ${text.slice(pos, pos + 20)}`);
  }
  return root;
}
