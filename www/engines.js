// The engine workers: one active and one spare, both loaded at start-up, so that "Stop" can
// throw the busy one away and carry on at once without loading anything.

import { Engine } from "./engine-client.js";

export const engines = { active: null, spare: null };

/** Starts the active worker and its spare (once, at start-up). */
export function startEngines() {
  engines.active = new Engine();
  spawnSpare();
}

function spawnSpare() {
  const spare = new Engine();
  engines.spare = spare;
  spare.ready.catch(() => {
    if (engines.spare === spare) engines.spare = null;
  });
}

/** Throws the active worker away (it may be busy or broken) and switches to the spare. */
export function replaceActive() {
  if (engines.active && !engines.active.dead) engines.active.terminate();
  engines.active = engines.spare && !engines.spare.dead ? engines.spare : new Engine();
  engines.spare = null;
  // A new spare means loading the worker again: done only after a Stop or a crash.
  spawnSpare();
}
