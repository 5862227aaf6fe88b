// The engine workers: one active and one spare, both loaded at start-up, so that "Stop" can
// throw the busy one away and carry on at once without loading anything.

import { Engine } from "./engine-client.js";

export const engines = { active: null, spare: null };
const started = new WeakSet();

/** A new worker, remembered as started once its engine has loaded. */
function spawn() {
  const engine = new Engine();
  engine.ready.then(() => started.add(engine), () => {});
  return engine;
}

/** Whether `engine` has loaded (a Check before that waits, and says so). */
export function isStarted(engine) {
  return started.has(engine);
}

/** Starts the active worker and its spare (once, at start-up). */
export function startEngines() {
  engines.active = spawn();
  spawnSpare();
}

function spawnSpare() {
  const spare = spawn();
  engines.spare = spare;
  spare.ready.catch(() => {
    if (engines.spare === spare) engines.spare = null;
  });
}

/** Throws the active worker away (it may be busy or broken) and switches to the spare. */
export function replaceActive() {
  if (engines.active && !engines.active.dead) engines.active.terminate();
  engines.active = engines.spare && !engines.spare.dead ? engines.spare : spawn();
  engines.spare = null;
  // A new spare means loading the worker again: done only after a Stop or a crash.
  spawnSpare();
}
