// The calculator engine's client: one module worker per page, requests matched to replies by id.
//
// After Pyodide's web-worker example: the worker (calculator-worker.mjs) loads Pyodide and the
// engine; this module starts it, sends JSON requests (calculator.api.handle) and resolves each
// reply's promise by its id. Errors are rejected with a LoadError the page shows to the reader,
// never swallowed. Used by calculator.mjs (the calculator) and plan.mjs (the plan page), through
// page-kit.mjs, which says on the page how loading goes.

const WORKER_URL = new URL("./calculator-worker.mjs", import.meta.url);
export const DEFAULT_TIMEOUT_MS = 30000;

export class LoadError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind;   // "unsupported" | "timeout" | "download" | "load"
  }
}

export function mark(name) {
  if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
}

export function supported() {
  return typeof WebAssembly === "object" && typeof Worker === "function";
}

// The benchmark (bench/calculator_load.py) asks for Python's import times with an init script.
function tracing() {
  return globalThis.OH_CALCULATOR_TRACE === true;
}

export function timeoutMs() {
  // Tests may shorten the timeout with an init script; readers always get the default.
  const override = Number(globalThis.OH_CALCULATOR_TIMEOUT_MS);
  return override > 0 ? override : DEFAULT_TIMEOUT_MS;
}

export class Engine {
  constructor(indexURL, lockFileURL, stdLibURL) {
    this.indexURL = indexURL;
    this.lockFileURL = lockFileURL;
    this.stdLibURL = stdLibURL;
    this.worker = null;
    this.ready = null;        // promise of start-up
    this.pending = new Map(); // id -> {resolve, reject}
    this.nextId = 1;
    this.listeners = new Set();
    this.step = null;
    this.failStart = null;
    this.beat = null;
    this.bytes = 0;
  }

  onProgress(listener) {
    this.listeners.add(listener);
    if (this.step) listener(this.step);
  }

  // Start the worker. The timeout counts silence, not total time: every progress message from
  // the worker (a step, or data arriving on a download) restarts it, so a slow connection loads
  // while a hang (a wrong MIME type or a CSP gap makes loadPyodide wait for ever) is caught.
  start(timeout = timeoutMs()) {
    if (this.ready) return this.ready;
    this.ready = new Promise((resolve, reject) => {
      let settled = false;
      let timer = null;
      const finish = (error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.failStart = null;
        this.beat = null;
        if (error) {
          this.stop();
          reject(error);
        } else {
          resolve();
        }
      };
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(new LoadError(
          "timeout", `it stopped making progress for ${Math.round(timeout / 1000)} seconds`,
        )), timeout);
      };
      this.failStart = (error) => finish(error);
      this.beat = arm;
      arm();
      mark("calculator:load-start");
      try {
        this.worker = new Worker(WORKER_URL, { type: "module", name: "calculator" });
      } catch (error) {
        finish(new LoadError("load", `its worker could not start: ${error.message}`));
        return;
      }
      this.worker.addEventListener("message", (event) => this.receive(event.data));
      this.worker.addEventListener("error", (event) => {
        event.preventDefault();
        finish(new LoadError("load", event.message || "its worker script could not be loaded"));
      });
      this.send({
        type: "start", indexURL: this.indexURL, lockFileURL: this.lockFileURL, stdLibURL: this.stdLibURL,
        trace: tracing(),
      })
        .then(() => finish(null), (error) => finish(new LoadError(error.kind || "load", error.message)));
    });
    return this.ready;
  }

  stop() {
    if (this.worker) this.worker.terminate();
    this.worker = null;
    this.ready = null;
    this.step = null;
    for (const { reject } of this.pending.values()) reject(new Error("the calculator was stopped"));
    this.pending.clear();
  }

  send(message) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  }

  receive(data) {
    if (!data || typeof data !== "object") return;
    if (data.type === "progress") {
      if (this.beat) this.beat();
      this.bytes = data.bytes;
      if (Array.isArray(data.timings)) workerMarks(data.timings, data.stdlibImportMs);
      if (data.step === this.step) return;
      this.step = data.step;
      mark(`calculator:${data.step}`);
      for (const listener of this.listeners) listener(data.step);
      return;
    }
    if (data.type === "fatal") {
      console.warn("[calculator] worker error:", data.error && data.error.message);
      if (this.failStart) this.failStart(new LoadError(data.error.kind || "load", data.error.message));
      return;
    }
    const waiting = this.pending.get(data.id);
    if (!waiting) return;
    // How long Python took, and when the request reached the worker and the reply left it (on
    // the page's timeline), for the benchmark (bench/calculator_load.py reads these marks).
    if (typeof data.ms === "number") {
      const [received, sent] = Array.isArray(data.at) ? data.at.map((at) => at - performance.timeOrigin) : [];
      performance.mark("calculator:engine-call", { detail: { ms: data.ms, received, sent } });
    }
    this.pending.delete(data.id);
    if (data.ok) waiting.resolve(data.response);
    else waiting.reject(Object.assign(new Error(data.error ? data.error.message : "unknown error"),
      { kind: data.error && data.error.kind }));
  }

  // One request to calculator.api.handle: a JSON-ready object in, the parsed reply out.
  async call(request) {
    await this.ready;
    return JSON.parse(await this.send({ type: "call", request: JSON.stringify(request) }));
  }
}

// The worker's start-up marks (calculator-worker.mjs, "Timings") on the page's own timeline, as
// calculator:worker:<name>, for the benchmark; Python's import time rides on the last one.
function workerMarks(timings, stdlibImportMs) {
  for (const [name, at] of timings) {
    const startTime = at - performance.timeOrigin;
    if (typeof name === "string" && startTime >= 0) {
      performance.mark(`calculator:worker:${name}`, { startTime, detail: { stdlibImportMs } });
    }
  }
}

const engines = new Map();   // lockfile URL -> Engine (one worker per page, shared by its calculators)

// The engine for a calculator's config (runtime folder, lockfile and standard library), whose
// URLs are relative to the site root. The site root is found from this module's own address
// (see siteRoot), so it works on any page and under any path prefix.
export function engineFor(config) {
  const root = siteRoot();
  const indexURL = new URL(config.runtime, root).href;
  const lockFileURL = new URL(config.lockfile, root).href;
  // The trimmed standard library (build: stdlib); without it Pyodide loads its full one.
  const stdLibURL = config.stdlib ? new URL(config.stdlib, root).href : undefined;
  if (!engines.has(lockFileURL)) engines.set(lockFileURL, new Engine(indexURL, lockFileURL, stdLibURL));
  return engines.get(lockFileURL);
}

// This module lives in <root>/javascripts/<digest>/ in a built site (the build names the folder
// by its files' content: build/outside_help_build/fingerprint.py), in <root>/javascripts/ as
// written in docs/.
export function siteRoot() {
  const here = new URL(import.meta.url);
  const at = here.pathname.lastIndexOf("/javascripts/");
  return at < 0 ? new URL("../", here) : new URL(here.pathname.slice(0, at + 1), here);
}
