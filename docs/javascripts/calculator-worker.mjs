// The calculator's module web worker: loads Pyodide and the engine, then answers requests.
//
// Started by calculator.mjs with `new Worker(url, {type: "module"})` (Pyodide 314 supports
// module workers only). Everything it loads comes from our own origin: the versioned runtime
// folder (pyodide/<version>/) and the calculator's wheel through its lockfile, whose sha256 the
// browser checks when it fetches the wheel.
//
// Messages in:   {type: "start", id, indexURL, lockFileURL, stdLibURL, trace}
//                {type: "call",  id, request: "<JSON string for calculator.api.handle>"}
// Messages out:  {type: "progress", step: "loadRuntime" | "installCalculator" | "ready", bytes}
//                (the "ready" step also carries `timings` and `stdlibImportMs`: see Timings)
//                (also sent, at most every 250 ms, while a download is receiving data: the page's
//                timeout counts silence, so a slow connection is not mistaken for a hang)
//                {type: "reply", id, ok: true, response: "<JSON string>", ms: <time in Python>}
//                {type: "reply", id, ok: false, error: {message, step}}
// Replies are matched to requests by id. Errors are always posted back, never swallowed.
//
// Timings: the worker marks where its start-up time goes (performance.mark, a few marks per
// start: cheap, always on) and sends them with the "ready" step as [name, absolute time] pairs,
// which calculator-client.mjs turns into page marks named calculator:worker:<name> for the
// benchmark (bench/calculator_load.py). With `trace: true` in the start message (the benchmark
// sets it) Python also reports its import times (-X importtime) during start-up, summed as
// `stdlibImportMs`: the part of the interpreter's start spent importing the standard library.

let engine = null;      // {handle(json: string): string} once ready
let starting = null;    // the start-up promise, so a second "start" waits for the first
let step = "idle";

function post(message) {
  self.postMessage(message);
}

let bytes = 0;
let lastBeat = 0;

const MARK = "ohc:";
function mark(name) {
  performance.mark(MARK + name);
}
mark("worker");

// The start-up marks, as [name, absolute time in ms since the epoch], for the page.
function timings() {
  return performance.getEntriesByType("mark").filter((m) => m.name.startsWith(MARK))
    .map((m) => [m.name.slice(MARK.length), performance.timeOrigin + m.startTime]);
}

// What a download is, for its marks: the interpreter, the standard library, the lockfile, the wheel.
function kind(url) {
  const path = new URL(String(url && url.url ? url.url : url), self.location.href).pathname;
  if (path.endsWith(".wasm")) return "wasm";
  if (/python_stdlib[^/]*\.zip$/.test(path)) return "stdlib";
  if (path.endsWith(".whl")) return "wheel";
  if (path.endsWith(".json")) return "lockfile";
  return path.slice(path.lastIndexOf("/") + 1);
}

// The interpreter's compilation: Pyodide instantiates its one large module by streaming (or
// from a buffer when streaming fails); small helper modules are not marked.
const realStreaming = WebAssembly.instantiateStreaming;
if (typeof realStreaming === "function") {
  WebAssembly.instantiateStreaming = function (...args) {
    mark("compile:start");
    return realStreaming.apply(this, args).then((result) => { mark("compile:end"); return result; });
  };
}
const realInstantiate = WebAssembly.instantiate;
WebAssembly.instantiate = function (source, ...rest) {
  const large = source && source.byteLength > 1e6;
  if (large) mark("compile:start");
  const running = realInstantiate.call(this, source, ...rest);
  return large ? running.then((result) => { mark("compile:end"); return result; }) : running;
};

function progress(name) {
  step = name;
  lastBeat = Date.now();
  post({ type: "progress", step: name, bytes });
}

// Count the bytes of every download (the runtime, the standard library, the wheel) so the page
// can tell a slow download from a hang. The response keeps its status and headers (the wasm
// binary's application/wasm type included); `integrity` is still checked by the real fetch.
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const name = kind(input);
  mark(`fetch:${name}:start`);
  const response = await realFetch(input, init);
  if (!response.body || typeof TransformStream !== "function") {
    mark(`fetch:${name}:end`);
    return response;
  }
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (Date.now() - lastBeat > 250) progress(step);
      controller.enqueue(chunk);
    },
    flush() {
      mark(`fetch:${name}:end`);
    },
  }));
  return new Response(counted, {
    status: response.status, statusText: response.statusText, headers: response.headers,
  });
};

function describe(error) {
  if (error && typeof error.message === "string" && error.message) return error.message;
  return String(error);
}

// Step 1: the Python runtime (pyodide.mjs, the wasm interpreter and the standard library).
async function loadRuntime(indexURL, lockFileURL, stdLibURL, trace) {
  progress("loadRuntime");
  mark("loader:start");
  const { loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href);
  mark("loader:end");
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    ...(stdLibURL ? { stdLibURL } : {}),
    ...(trace ? { env: { PYTHONPROFILEIMPORTTIME: "1" } } : {}),
    checkAPIVersion: true,
    stdout: () => {},
    stderr: (text) => {
      if (trace && text.startsWith("import time:")) imports.push(text);
      else console.warn("[calculator worker]", text);
    },
  });
  mark("runtime:end");
  return pyodide;
}

// -X importtime's lines while tracing; the top-level imports' cumulative times (microseconds)
// add up to the time Python spent importing during start-up.
const imports = [];
function importMs(lines) {
  let total = 0;
  for (const line of lines) {
    const m = /^import time:\s+\d+ \|\s+(\d+) \| (\S.*)$/.exec(line);
    if (m) total += Number(m[1]);
  }
  return total / 1000;
}

// Step 2: the calculator's wheel, through the lockfile (sha256 checked on fetch), then a first
// call so the engine's data is parsed before the reader's first answer.
async function installCalculator(pyodide) {
  progress("installCalculator");
  mark("wheel:start");
  const problems = [];
  const loaded = await pyodide.loadPackage("calculator", {
    messageCallback: () => {},
    errorCallback: (text) => problems.push(text),
    checkIntegrity: true,
  });
  if (!Array.isArray(loaded) || !loaded.some((p) => p.name === "calculator")) {
    throw new Error(`the calculator package did not install${problems.length ? `: ${problems.join("; ")}` : ""}`);
  }
  mark("wheel:end");
  const api = pyodide.pyimport("calculator.api");
  mark("import:end");
  const handle = (json) => api.handle(json);
  const check = JSON.parse(handle(JSON.stringify({ op: "questions" })));
  mark("data:end");
  if (!check.ok) throw new Error(`the calculator did not answer: ${check.error && check.error.message}`);
  return { handle };
}

async function start(indexURL, lockFileURL, stdLibURL, trace) {
  const pyodide = await loadRuntime(indexURL, lockFileURL, stdLibURL, trace);
  const stdlibImportMs = trace ? importMs(imports.splice(0)) : null;
  engine = await installCalculator(pyodide);
  step = "ready";
  post({ type: "progress", step, bytes, timings: timings(), stdlibImportMs });
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  const { id } = message;
  if (message.type === "start") {
    try {
      starting = starting || start(message.indexURL, message.lockFileURL, message.stdLibURL, Boolean(message.trace));
      await starting;
      post({ type: "reply", id, ok: true, response: null });
    } catch (error) {
      starting = null;
      post({ type: "reply", id, ok: false, error: { message: describe(error), step } });
    }
    return;
  }
  if (message.type === "call") {
    try {
      if (!engine) throw new Error("the calculator is not loaded yet");
      const started = performance.now();
      const response = engine.handle(String(message.request));
      post({ type: "reply", id, ok: true, response, ms: performance.now() - started });
    } catch (error) {
      post({ type: "reply", id, ok: false, error: { message: describe(error), step: "call" } });
    }
    return;
  }
  post({ type: "reply", id, ok: false, error: { message: `unknown message type ${JSON.stringify(message.type)}`, step } });
});

// Anything that escapes the handlers above still reaches the page, which shows it and logs it
// as a warning (e.g. Pyodide's parallel downloads: when one fails, the others' rejections are
// not awaited). Handled here once, so the same failure is not reported twice.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  post({ type: "fatal", error: { message: describe(event.reason), step } });
});
self.addEventListener("error", (event) => {
  event.preventDefault();
  post({ type: "fatal", error: { message: event.message || "worker error", step } });
});
