// The one engine worker the lab talks to: started on first use (or after it died), thrown
// away and replaced when a run is stopped, since a worker cannot be interrupted otherwise.

import { Engine } from "../engine-client.js";

let current = null;

export function engine() {
  if (!current || current.dead) current = new Engine();
  return current;
}

/** Ends the running worker at once (its pending request rejects with Cancelled). */
export function restartEngine() {
  current?.terminate();
  current = new Engine();
}
