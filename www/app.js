// The screening page: wires the form, the settings and the engine together and starts them.
// Each part lives in its own module (page.js lists what they share and the privacy rules).

import "./quick-exit.js";
import { COUNTRIES, LANGS, pickLang } from "./i18n.js";
import { countryFromTimeZone, deviceTimeZone } from "./country.js";
import { startEmbedded } from "./embed.js";
import { el, state, tr } from "./page.js";
import { engines, startEngines } from "./engines.js";
import { markStale, onPaste, removeBigInput } from "./input.js";
import { bindFileInput } from "./file-input.js";
import { showError } from "./status.js";
import { loadHelplines, renderAside } from "./helplines.js";
import { cancelScan, clearAll, onSubmit, rescan } from "./scan.js";
import { applyPartnerSettings, applyStrings, paramFrom, setCountry, setLanguage } from "./settings.js";

function bind() {
  el.form.addEventListener("submit", onSubmit);
  // Ctrl+Enter (Cmd+Enter on a Mac) checks from the box, as in chat and mail apps.
  el.form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      el.form.requestSubmit();
    }
  });
  el.check.addEventListener("click", (event) => {
    if (state.busy) event.preventDefault();
  });
  el.clear.addEventListener("click", clearAll);
  el.cancel.addEventListener("click", cancelScan);
  el.input.addEventListener("input", markStale);
  el.input.addEventListener("paste", onPaste);
  el.bigRemove.addEventListener("click", () => removeBigInput());
  el.lang.addEventListener("change", () => setLanguage(el.lang.value));
  el.country.addEventListener("change", () => setCountry(el.country.value));
  el.self.addEventListener("change", () => rescan({ self: el.self.value }));
  bindFileInput();
}

async function start() {
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language ?? "en"];
  state.lang = paramFrom("lang", LANGS) ?? pickLang(preferred);
  const named = paramFrom("country", COUNTRIES);
  state.countryChosen = named !== null;
  state.country = named ?? countryFromTimeZone(deviceTimeZone());
  applyStrings();
  loadHelplines();
  renderAside();
  bind();

  startEngines();
  startEmbedded({ onSettings: applyPartnerSettings });
  try {
    await engines.active.ready;
  } catch (err) {
    state.engineFailed = true;
    showError(tr("engineFailed"), { error: err });
  }
  if (engines.spare) await engines.spare.ready.catch(() => {});
  el.root.dataset.ready = state.engineFailed ? "failed" : "true";
}

start();
