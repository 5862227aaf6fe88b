// Building DOM nodes from script, shared by the pages (app.js, lab.js). Text only: nothing
// here parses HTML, so user text (a chat, a corpus, a pack file) can never become markup.

/**
 * An element with attributes and children: h("p", { class: "x", text: "hi" }, child, …).
 * `text` sets textContent, `dataset` fills data-*, `true` gives an empty attribute, and
 * null, undefined and false leave an attribute or child out. Strings become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}
