// Quick exit (the button, or Escape): empties the box and leaves for a neutral page at once.
// Imported first by app.js, so that it is wired up before anything else can fail.

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

el.quickExit.addEventListener("click", quickExit);
document.addEventListener(
  "keydown",
  (event) => {
    if (event.key === "Escape" || event.key === "Esc") quickExit(event);
  },
  true,
);
