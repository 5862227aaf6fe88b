// Small DOM helpers shared by the pages (app.js, lab.js): nodes built from script, text only
// (nothing here parses HTML, so user text can never become markup), and dropped files.

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

/**
 * Takes files dropped anywhere on the page (which also keeps the browser from opening them):
 * `zone` shows `activeClass` while files are dragged over, and `onDrop(event)` gets the drop.
 */
export function onFileDrop(zone, activeClass, onDrop) {
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  document.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    zone.classList.add(activeClass);
  });
  document.addEventListener("dragleave", (event) => {
    if (event.relatedTarget === null) zone.classList.remove(activeClass);
  });
  document.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    zone.classList.remove(activeClass);
    onDrop(event);
  });
}
