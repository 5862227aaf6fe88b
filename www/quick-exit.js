// Quick exit (a button, or Escape): empties the box and leaves for a neutral page at once.
// Imported first by app.js, so that it is wired up before anything else can fail.
//
// One exception: Escape that closes an open drop-down list (language, country, "which name is
// you") only closes it, as in every other page; the next Escape leaves.

import { el, state } from "./page.js";
import { tellPartnerExit } from "./embed.js";

function quickExit(event) {
  if (event) event.preventDefault();
  try {
    el.input.value = "";
    state.big = null;
  } catch {
    /* leave anyway */
  }
  // Inside a partner's page, that page leaves too: a frame may not navigate the page around
  // it (Escape does not count as a user action), but the page can, on this message.
  tellPartnerExit();
  location.replace("exit.html");
}

// The <select> whose list is open, as far as the page can tell (browsers do not say): opened by a
// click or by the keys that open it, closed by a choice, by leaving it, or by that one Escape.
let openSelect = null;
const OPENS_LIST = new Set([" ", "Enter", "F4"]);
document.addEventListener("pointerdown", (event) => {
  openSelect = event.target instanceof HTMLSelectElement ? event.target : null;
});
document.addEventListener("change", () => (openSelect = null));
document.addEventListener("focusout", () => (openSelect = null));

for (const button of el.quickExits) button.addEventListener("click", quickExit);
document.addEventListener(
  "keydown",
  (event) => {
    const select = event.target instanceof HTMLSelectElement ? event.target : null;
    if (event.key === "Escape" || event.key === "Esc") {
      if (select && select === openSelect) {
        openSelect = null;
        return;
      }
      quickExit(event);
    } else if (select && (OPENS_LIST.has(event.key) || (event.altKey && event.key === "ArrowDown"))) {
      openSelect = select;
    }
  },
  true,
);
