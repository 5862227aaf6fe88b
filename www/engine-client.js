// The page's side of the engine worker (worker.js): starts a worker, hands it the compiled
// WebAssembly module, and matches each request to its answer by id. Used by the screening
// page (app.js) and the pattern lab (lab.js).

/** The rejection of requests to a worker that was stopped on purpose. */
export class Cancelled extends Error {}

let compiled = null;

/**
 * The engine module, downloaded and compiled once per page and handed to every worker, so
 * that a worker started later (after a Stop) loads no wasm at all. Null when it cannot be
 * compiled here: each worker then tries to load the module itself.
 */
export function compiledEngine() {
  compiled ??= compile();
  return compiled;
}

async function compile() {
  const url = new URL("./pkg/redflag_bg.wasm", import.meta.url);
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // Hosts that send the wrong MIME type: compile from the bytes instead.
  }
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    return await WebAssembly.compile(await response.arrayBuffer());
  } catch {
    return null;
  }
}

export class Engine {
  constructor() {
    this.pending = new Map();
    this.nextId = 1;
    this.dead = false;
    this.features = {};
    this.ready = new Promise((resolve, reject) => {
      this.resolveReady = resolve;
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
    try {
      this.worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    } catch (err) {
      this.fail(err);
      return;
    }
    this.worker.onmessage = (event) => this.onMessage(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new Error(event.message || "the engine worker stopped unexpectedly"));
    };
    this.worker.onmessageerror = () => this.fail(new Error("the engine worker sent an unreadable answer"));
    compiledEngine().then((module) => {
      if (!this.dead) this.worker.postMessage({ type: "init", module });
    });
  }

  onMessage(msg) {
    if (!msg || typeof msg !== "object") return;
    if (msg.type === "ready") {
      this.features = msg.features ?? {};
      this.resolveReady();
      return;
    }
    if (msg.type === "failed") {
      this.fail(new Error(msg.message));
      return;
    }
    const waiting = this.pending.get(msg.id);
    if (!waiting) return;
    this.pending.delete(msg.id);
    if (msg.type === "error") {
      const err = Object.assign(new Error(msg.message), { code: msg.code, args: msg.args, problems: msg.problems });
      waiting.reject(err);
      if (msg.fatal) this.fail(err); // the module panicked: this worker is done
    } else {
      waiting.resolve(msg);
    }
  }

  fail(err) {
    if (this.dead) return;
    this.dead = true;
    this.rejectReady(err);
    for (const waiting of this.pending.values()) waiting.reject(err);
    this.pending.clear();
    if (this.worker) this.worker.terminate();
  }

  /** Sends `payload` with a fresh id; resolves to the answer, rejects with an error reply. */
  async request(payload) {
    await this.ready;
    if (this.dead) throw new Error("the engine worker is not running");
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...payload, id });
    });
  }

  /** Stops the worker at once, even in the middle of a request. */
  terminate() {
    this.fail(new Cancelled("stopped"));
  }
}
