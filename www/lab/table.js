// The lab's tables: a sortable, filterable table of rows in a box that scrolls sideways on
// narrow screens, the titled card around it, and the buttons inside its cells.

import { h } from "../dom.js";

/**
 * A table in a box that scrolls sideways on narrow screens (and can be scrolled by keyboard).
 * Whenever the table is wider than its box, a note above it says so: a scroll bar alone is
 * easy to miss on a phone, where it is hidden until the box is touched.
 */
export function tableWrap(labelledBy, table) {
  const hint = h("p", { class: "lab-table-hint", id: `${table.id}-hint`, hidden: true, text: "More columns: scroll the table sideways." });
  const wrap = h("div", { class: "lab-table-wrap", role: "region", "aria-labelledby": labelledBy, "aria-describedby": hint.id, tabindex: "0" }, table);
  const observer = new ResizeObserver(() => {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    hint.hidden = !scrolls;
    wrap.classList.toggle("lab-table-wrap--scrolls", scrolls);
  });
  observer.observe(wrap);
  observer.observe(table);
  return h("div", { class: "lab-table-box" }, hint, wrap);
}

const ariaSort = (dir) => (dir === "asc" ? "ascending" : "descending");

/**
 * A table of rows. Columns: { key, label, numeric?, header? (a row header), sortable?,
 * value(row) for sorting, cell(row) → text or node }. With `sort` ({ key, dir }) the headers
 * are buttons that sort; `redraw(filter)` shows only the rows the filter keeps.
 */
export function dataTable({ id, labelledBy, columns, rows, sort = null, rowData = () => ({}), onRowClick = null }) {
  const thead = h("thead");
  const tbody = h("tbody");
  const table = h("table", { class: "lab-table", id, "aria-labelledby": labelledBy }, thead, tbody);
  let order = sort;
  let keep = () => true;

  const headCell = (col) => {
    const numeric = col.numeric ? "lab-num" : null;
    if (!order || col.sortable === false) return h("th", { scope: "col", class: numeric, text: col.label });
    const sorted = order.key === col.key;
    const button = h(
      "button",
      { type: "button", class: "lab-sort" },
      col.label,
      h("span", { class: "lab-sort__arrow", "aria-hidden": "true", text: sorted ? (order.dir === "asc" ? " ▲" : " ▼") : "" }),
    );
    button.addEventListener("click", () => {
      order = sorted ? { key: col.key, dir: order.dir === "asc" ? "desc" : "asc" } : { key: col.key, dir: col.numeric ? "desc" : "asc" };
      drawHead();
      drawBody();
      thead.querySelector(`[data-col="${col.key}"] button`).focus();
    });
    return h("th", { scope: "col", class: numeric, dataset: { col: col.key }, "aria-sort": sorted ? ariaSort(order.dir) : null }, button);
  };

  const drawHead = () => thead.replaceChildren(h("tr", {}, columns.map(headCell)));

  const sorted = (list) => {
    if (!order) return list;
    const col = columns.find((c) => c.key === order.key);
    const sign = order.dir === "asc" ? 1 : -1;
    const value = (row) => col.value(row) ?? -1; // undefined figures sort below every number
    return list
      .map((row, i) => ({ row, i }))
      .sort((a, b) => {
        const x = value(a.row);
        const y = value(b.row);
        return (x < y ? -1 : x > y ? 1 : 0) * sign || a.i - b.i;
      })
      .map(({ row }) => row);
  };

  const rowOf = (row) => {
    const tr = h(
      "tr",
      { dataset: rowData(row) },
      columns.map((col) => {
        const content = col.cell(row);
        const attrs = { class: col.numeric ? "lab-num" : null, dataset: { col: col.key } };
        return col.header ? h("th", { scope: "row", ...attrs }, content) : h("td", attrs, content);
      }),
    );
    if (onRowClick) {
      tr.classList.add("lab-row--pick");
      tr.addEventListener("click", (event) => {
        if (!event.target.closest("button, a, input")) onRowClick(row);
      });
    }
    return tr;
  };

  const drawBody = () => {
    const list = sorted(rows.filter(keep));
    tbody.replaceChildren(...list.map(rowOf));
    return list.length;
  };

  drawHead();
  drawBody();
  return {
    node: tableWrap(labelledBy, table),
    redraw(filter) {
      keep = filter;
      return drawBody();
    },
  };
}

/** A titled box for one table. Not a landmark itself: the table's scroll box is one, under the same title. */
export function card(id, title, ...children) {
  return h("div", { class: "card lab-card" }, h("h3", { id: `${id}-title`, text: title }), children);
}

/** A button inside a cell (a signal or pattern that lists its records when pressed). */
export function pickButton(text, label, onClick, className = "") {
  const button = h("button", { type: "button", class: `lab-pick-button ${className}`.trim(), "aria-label": label, text });
  button.addEventListener("click", onClick);
  return button;
}
