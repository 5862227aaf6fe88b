// Bringing a new result to the young person: it scrolls into view and its verdict takes the
// focus, so that keyboard and screen reader users land on the verdict too, not only those who
// see the page move. In a partner's page the frame asks that page to scroll (embed.js).

import { el } from "./page.js";
import { tellPartnerShown } from "./embed.js";

/** Shows the verdict just rendered: scrolled to, and focused. */
export function revealResult() {
  const title = el.verdict.querySelector(".verdict__title");
  if (!title) return;
  if (!tellPartnerShown(title)) {
    const smooth = !matchMedia("(prefers-reduced-motion: reduce)").matches;
    el.result.scrollIntoView({ block: "start", behavior: smooth ? "smooth" : "auto" });
  }
  // Not from a list being chosen in (language, country, which name is yours): its change shows
  // the result again, and the next arrow key must still reach the list. The scrolling is done
  // above; focus alone would jump, and in a frame move the partner's page.
  if (!(document.activeElement instanceof HTMLSelectElement)) title.focus({ preventScroll: true });
}
