// The calculator's module web worker: loads Pyodide and the engine, then answers requests.
//
// Started by calculator-client.mjs with `new Worker(url, {type: "module"})` (Pyodide 314
// supports module workers only), from calculator-start.mjs as the page is parsed, or from the
// page's controller. Everything it loads comes from our own origin: the versioned runtime
// folder (pyodide/<version>/) and the calculator's wheel through its lockfile, whose sha256 the
// browser checks when it fetches the wheel. From the second visit on it restores Python from
// the snapshot it saved in the first (see "Start-up snapshot").
//
// Messages in:   {type: "start", id, indexURL, lockFileURL, stdLibURL, trace}
//                {type: "call",  id, request: "<JSON string for calculator.api.handle>"}
// Messages out:  {type: "progress", step: "loadRuntime" | "installCalculator" | "ready", bytes}
//                (the "ready" step also carries `timings` and `stdlibImportMs`: see Timings)
//                (also sent, at most every 250 ms, while a download is receiving data: the page's
//                timeout counts silence, so a slow connection is not mistaken for a hang)
//                {type: "reply", id, ok: true, response: "<JSON string>", ms: <time in Python>,
//                 at: [received, sent]}  (absolute times, performance.timeOrigin + now: when the
//                 request reached the worker and when the reply left it, for the benchmark)
//                {type: "reply", id, ok: false, error: {message, step, kind?}}
//                {type: "fatal", error: {message, step, kind?}}  (kind "download": a file failed)
// Replies are matched to requests by id. Errors are always posted back, never swallowed.
//
// Timings: the worker marks where its start-up time goes (performance.mark, a few marks per
// start: cheap, always on) and sends them with the "ready" step as [name, absolute time] pairs,
// which calculator-client.mjs turns into page marks named calculator:worker:<name> for the
// benchmark (bench/calculator_load.py). With `trace: true` in the start message (the benchmark
// sets it) Python also reports its import times (-X importtime) during start-up, summed as
// `stdlibImportMs`: the part of the interpreter's start spent importing the standard library.

let engine = null;      // {handle(json: string): string} once ready
let runtime = null;     // the Pyodide the engine runs in (the last one installCalculator was given)
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

// The marks not yet sent to the page, as [name, absolute time in ms since the epoch]. The "ready"
// step carries the start-up's. The work left until the reader's first answers are out (whenQuiet)
// marks when it begins and sends that mark at once (`late`), so the page's timeline shows it came
// after them (tests/browser/test_calculator.py).
let marksSent = 0;
function timings() {
  const marks = performance.getEntriesByType("mark").filter((m) => m.name.startsWith(MARK));
  const fresh = marks.slice(marksSent);
  marksSent = marks.length;
  return fresh.map((m) => [m.name.slice(MARK.length), performance.timeOrigin + m.startTime]);
}

function late(name) {
  mark(name);
  post({ type: "progress", step, bytes, timings: timings() });
}

// A fetch's address (a URL string, a URL or a Request), resolved against the worker's own.
function address(input) {
  return new URL(String(input && input.url ? input.url : input), self.location.href);
}

// What a download is, for its marks: the interpreter, the standard library, the lockfile, the wheel.
function kind(url) {
  const path = address(url).pathname;
  if (path.endsWith(".wasm")) return "wasm";
  if (/python_stdlib[^/]*\.zip$/.test(path)) return "stdlib";
  if (path.endsWith(".whl")) return "wheel";
  if (path.endsWith(".json")) return "lockfile";
  return path.slice(path.lastIndexOf("/") + 1);
}

// The interpreter's compilation: Pyodide instantiates its one large module by streaming (or
// from a buffer when streaming fails); small helper modules are not marked.
//
// The compilation starts as the interpreter's bytes arrive (compileEarly, from the fetch below),
// not when Pyodide asks for the instance: with a start-up snapshot Pyodide asks only once the
// snapshot is read, after the download, and compiling then put the whole compile on a repeat
// visit's critical path. The early compile reads the response Pyodide was given, so if it fails,
// the interpreter is fetched again (from the browser's cache: its URL is immutable) for
// Pyodide's own streaming compile.
const compiling = new WeakMap();   // a response -> compileEarly's promise for it
const realStreaming = WebAssembly.instantiateStreaming;
if (typeof realStreaming === "function") {
  WebAssembly.instantiateStreaming = async function (source, imports, ...rest) {
    mark("compile:start");
    const response = await source;   // Pyodide passes the fetch's promise, maybe before it is in
    const early = compiling.get(response);   // undefined: not compiled early
    const module = early && await early;
    let result;
    if (module) {
      result = { module, instance: await WebAssembly.instantiate(module, imports) };
    } else {   // Pyodide's own compile; fetched again if a failed early compile read the body
      result = await realStreaming.call(this, early ? realFetch(response.url) : response, imports, ...rest);
    }
    mark("compile:end");
    return result;
  };
}

// Resolves to the compiled module, or to null if compiling failed (said in the console).
function compileEarly(response) {
  if (typeof WebAssembly.compileStreaming !== "function" || typeof realStreaming !== "function") return;
  compiling.set(response, WebAssembly.compileStreaming(response).catch((error) => {
    console.warn("[calculator worker] the interpreter did not compile as it arrived; compiling it again:", describe(error));
    return null;
  }));
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
//
// A download that fails (refused, blocked, a 404) is reported to the page at once as a "fatal"
// error of kind "download": Pyodide does not always pass such a failure on (a failed wasm
// download could leave loadPyodide waiting until the page's silence timeout, 30 s).
const realFetch = self.fetch.bind(self);
function downloadFailed(input, why) {
  const url = address(input).href;
  post({ type: "fatal", error: { message: `${url.split("/").pop()}: ${why}`, kind: "download", step } });
}
self.fetch = (input, init) => {
  const url = address(input).href;
  const early = prefetched.get(url);
  if (early && !(init && init.integrity)) {
    prefetched.delete(url);
    return early;
  }
  return download(input, init);
};

// The interpreter and the standard library are asked for as soon as the start message arrives,
// not once Pyodide's loader (pyodide.mjs, and the 1.25 MB of JavaScript it imports) has been
// fetched and run; Pyodide's own fetch of the same address is then given this download (self.fetch
// above), once. The names are Pyodide's own for the pinned version: tests/browser/test_calculator.py
// checks that each runtime file is downloaded once.
const prefetched = new Map();   // absolute URL -> the download's promise, until Pyodide asks for it
function prefetch(url) {
  if (prefetched.has(url)) return;
  const response = download(url);
  response.catch(() => {});   // reported when Pyodide takes it
  prefetched.set(url, response);
}

async function download(input, init) {
  const name = kind(input);
  mark(`fetch:${name}:start`);
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    downloadFailed(input, describe(error));
    if (name === "wasm") interpreterArrived();
    throw error;
  }
  if (!response.ok) downloadFailed(input, `HTTP ${response.status}`);
  if (!response.body || typeof response.clone !== "function") {
    mark(`fetch:${name}:end`);
    if (name === "wasm") interpreterArrived();
    return response;
  }
  // The bytes are counted on a copy of the body, so the response itself goes on as the browser
  // gave it (its address and type kept), to Pyodide or, for the interpreter, to compileEarly; not
  // rebuilt around a counting stream that every chunk of the 9.6 MB interpreter had to pass
  // through on its way to the compiler.
  const reader = response.clone().body.getReader();
  if (name === "wasm" && response.ok) compileEarly(response);   // after the copy: it reads the body
  (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (Date.now() - lastBeat > 250) progress(step);
    }
    mark(`fetch:${name}:end`);
  })().catch(() => {})   // a failed body fails the real read too, which reports it
    .finally(() => { if (name === "wasm") interpreterArrived(); });
  return response;
};

// Resolved once the interpreter's bytes have all arrived (or failed to): fetchWheel waits for it.
let interpreterArrived;
const interpreterDownloaded = new Promise((resolve) => { interpreterArrived = resolve; });

function describe(error) {
  if (error && typeof error.message === "string" && error.message) return error.message;
  return String(error);
}

// Step 1: the Python runtime (pyodide.mjs, the wasm interpreter and the standard library).
// `extra` carries the snapshot options (see "Start-up snapshot" below).
async function loadRuntime(indexURL, lockFileURL, stdLibURL, trace, extra) {
  progress("loadRuntime");
  mark("loader:start");
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href));
  } catch (error) {
    throw Object.assign(new Error(`pyodide.mjs: ${describe(error)}`), { kind: "download" });
  }
  mark("loader:end");
  const pyodide = await loadPyodide({
    indexURL,
    lockFileURL,
    ...(stdLibURL ? { stdLibURL } : {}),
    ...(trace ? { env: { PYTHONPROFILEIMPORTTIME: "1" } } : {}),
    ...extra,
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

function hexToBase64(hex) {
  let binary = "";
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

// A few scores before the reader's first (calculator-warmup.mjs), fetched while Pyodide loads:
// a static import would hold the worker's start for one more round trip.
const warmUpModule = import("./calculator-warmup.mjs").catch((error) => {
  throw Object.assign(new Error(`calculator-warmup.mjs: ${describe(error)}`), { kind: "download" });
});
warmUpModule.catch(() => {});   // reported where it is awaited, not as an unhandled rejection

// Step 2: the calculator's wheel, named with its sha256 in the lockfile; the browser checks the
// digest when it fetches the wheel (fetch `integrity`), then Python unpacks it into
// site-packages. This is what Pyodide's loadPackage does for a pure-Python wheel, done by hand
// because an interpreter that ran loadPackage cannot be snapshotted in this Pyodide ("Unexpected
// hiwire entry"). Then a first call, so the engine's data is parsed before the reader's first
// answer, and on a fresh start the warm-up (calculator-warmup.mjs). fetchWheel starts with the
// worker: the lockfile at once (a round trip saved), the wheel once the interpreter has arrived,
// so that on a slow connection its bytes do not share the bandwidth with the interpreter's, and
// it downloads while Python starts (it used to wait until Python had started).
async function fetchWheel(lockFileURL) {
  const lock = await (await fetch(lockFileURL)).json();
  const entry = lock.packages && lock.packages[PACKAGE];
  if (!entry || !/^[0-9a-f]{64}$/.test(entry.sha256 || "")) {
    throw new Error(`the lockfile does not list the ${PACKAGE} package with its sha256`);
  }
  await interpreterDownloaded;
  const response = await fetch(new URL(entry.file_name, lockFileURL), { integrity: `sha256-${hexToBase64(entry.sha256)}` });
  if (!response.ok) throw new Error(`the calculator package could not be downloaded (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

// `wheel`: fetchWheel's promise. Restored from the snapshot (`restoring`), the engine's modules and
// data are already in memory (calculator-warmup.mjs reads every data file before the snapshot),
// so the files are unpacked only once the reader's first answers are out (whenQuiet).
async function installCalculator(pyodide, wheel) {
  progress("installCalculator");
  mark("wheel:start");
  if (restoring) {
    wheel.then(async (bytes) => {
      await new Promise((resolve) => whenQuiet(resolve));
      if (runtime !== pyodide) return;   // the restore failed: started afresh
      late("wheel:unpack-after-restore");
      unpackWheel(pyodide, bytes);
    }).catch((error) => {
      console.warn("[calculator worker] the calculator's files were not unpacked after the restore:", describe(error));
    });
  } else {
    unpackWheel(pyodide, await wheel);
  }
  mark("wheel:end");
  runtime = pyodide;
  const api = pyodide.pyimport("calculator.api");
  mark("import:end");
  const handle = (json) => api.handle(json);
  const check = JSON.parse(handle(JSON.stringify({ op: "questions" })));
  mark("data:end");
  if (!check.ok) throw new Error(`the calculator did not answer: ${check.error && check.error.message}`);
  if (!restoring) {   // a restored snapshot was taken after the warm-up
    const { warmUp } = await warmUpModule;
    warmUp(handle, check.questions);
    mark("warm-up:end");
  }
  return { handle };
}

// The wheel's files written into site-packages, by Python's zipfile.
function unpackWheel(pyodide, bytes) {
  pyodide.FS.writeFile(WHEEL_PATH, bytes);
  pyodide.runPython(`
import importlib, sys, zipfile
with zipfile.ZipFile(${JSON.stringify(WHEEL_PATH)}) as wheel:
    wheel.extractall(next(p for p in sys.path if p.endswith("/site-packages")))
importlib.invalidate_caches()
`);
  pyodide.FS.unlink(WHEEL_PATH);
}

const PACKAGE = "calculator";
const WHEEL_PATH = "/tmp/calculator.whl";

// ----- Start-up snapshot ------------------------------------------------------------------------
//
// Starting the interpreter is most of the CPU time of a start (issue 23). So after a fresh start,
// once the engine has answered its first (reader-independent) requests and before it is told
// anything about the reader, the worker takes a memory snapshot of the interpreter (Pyodide's
// makeMemorySnapshot: private API in 314.0.7, pinned in package.json) and keeps it in this
// origin's Cache Storage, its zero pages left out (calculator-snapshot.mjs), with its SHA-256.
// The next visit restores it (loadPyodide's _loadSnapshot) instead of starting Python, answers
// from what the snapshot holds, and unpacks the wheel's files again (they live outside it) once
// the reader's first answers are out.
//
// Nothing is downloaded for it, and it is only ever used with the very files it was made from:
// its key names the runtime folder (Pyodide's version), the standard library and the lockfile
// (each named by a hash), and this worker's own address: in a built site its folder is named by
// the digest of our scripts (fingerprint.py), so a change to what the worker or its warm-up does
// before the snapshot makes a new one even if SNAPSHOT_FORMAT was not raised. If anything about
// it fails (no Cache Storage, a corrupt entry: the SHA-256, the layout, Pyodide's magic number
// and build id, or any error while restoring or answering), the worker says so in the console,
// forgets it, and starts afresh as if there had been none; an entry that failed to restore is
// replaced by a marker, so that visitor is not given a snapshot again for these files.
// tests/browser/test_calculator.py damages one and checks.
const SNAPSHOT_CACHE = "outside-help-calculator-snapshot";
const SNAPSHOT_FORMAT = 3;   // raise when what the worker does before snapshotting changes
const NO_SNAPSHOT = "failed";
const PAGES = "pages";        // X-Snapshot of a snapshot kept by calculator-snapshot.mjs

// The snapshot's packing, fetched while Pyodide loads (a static import would hold the worker's
// start for one more round trip).
const snapshotCodec = import("./calculator-snapshot.mjs");
snapshotCodec.catch(() => {});   // reported where it is awaited

function snapshotKey(indexURL, lockFileURL, stdLibURL) {
  const key = new URL(`calculator-snapshot-v${SNAPSHOT_FORMAT}`, indexURL);
  key.searchParams.set("lockfile", lockFileURL);
  key.searchParams.set("stdlib", stdLibURL || "");
  key.searchParams.set("worker", import.meta.url);   // the scripts' digest folder, once built
  return key.href;
}

async function snapshotCache() {
  return typeof caches === "object" && caches ? caches.open(SNAPSHOT_CACHE) : null;
}

// What is saved for `key`: nothing (null), NO_SNAPSHOT after a failed restore, or a snapshot,
// as {bytes: a promise of its bytes} (loadPyodide waits for them only when it needs them). They
// are read once the interpreter's bytes have arrived, while it compiles: read beside it, the
// 13.5 MB slowed the interpreter's own read from the browser's cache (on a repeat visit the
// wasm phase took 297 ms on the desktop and 826 ms throttled, against 173 and 341 ms after).
async function findSnapshot(key) {
  try {
    const cache = await snapshotCache();
    const saved = cache && await cache.match(key);
    if (!saved) return null;
    const kind = saved.headers.get("X-Snapshot");
    if (kind === NO_SNAPSHOT) return NO_SNAPSHOT;
    if (kind !== PAGES) return null;   // not one this worker wrote: replaced by a new one
    return { bytes: interpreterDownloaded.then(() => readSnapshot(saved)) };
  } catch (error) {
    console.warn("[calculator worker] the saved start-up snapshot could not be read:", describe(error));
    return null;
  }
}

async function saveSnapshot(key, body, headers) {
  try {
    const cache = await snapshotCache();
    if (!cache) return;
    for (const old of await cache.keys()) await cache.delete(old);   // other files' snapshots
    await cache.put(key, new Response(body, { headers }));
  } catch (error) {
    console.warn("[calculator worker] the start-up snapshot could not be saved:", describe(error));
  }
}

// The saved snapshot's bytes, once its SHA-256 is checked and its pages are put back in place.
async function readSnapshot(saved) {
  const expected = saved.headers.get("X-Snapshot-Sha256");
  const body = new Uint8Array(await saved.arrayBuffer());
  const { sha256, unpack } = await snapshotCodec;
  if (await sha256(body) !== expected) throw new Error("the saved start-up snapshot does not match its SHA-256");
  const snapshot = unpack(body);
  mark("snapshot:read");
  return snapshot;
}

// Packing the snapshot holds the worker's thread for some milliseconds (tens on a phone), so it is
// kept once no request has come for QUIET_MS: the reader's first answers come first. The wait
// counts from when `run` was handed over too, not only from the last request: both callers hand
// it over just before the page is told the engine is ready, when no request has come yet, and
// counting from the last request alone ran it at once, ahead of the page's first request (on a
// first visit the packing, 36 ms on the desktop and 89 ms throttled before the page's first
// request reached Python: bench/calculator_load.py, "first reply on the page").
const QUIET_MS = 1000;
let lastCall = 0;
function whenQuiet(run, since = performance.now()) {
  const wait = Math.max(lastCall, since) + QUIET_MS - performance.now();
  if (wait > 0) setTimeout(() => whenQuiet(run, since), wait);
  else run();
}

async function keepSnapshot(key, snapshot) {
  try {
    const { pack, sha256 } = await snapshotCodec;
    late("snapshot:packing");
    const body = pack(snapshot);
    const headers = { "Content-Type": "application/octet-stream", "X-Snapshot": PAGES, "X-Snapshot-Sha256": await sha256(body) };
    await saveSnapshot(key, body, headers);
  } catch (error) {
    console.warn("[calculator worker] the start-up snapshot could not be saved:", describe(error));
  }
}

let restoring = false;   // while true, stray rejections from a failed restore are not fatal

async function startFromSnapshot(saved, wheel, indexURL, lockFileURL, stdLibURL) {
  restoring = true;
  try {
    mark("snapshot:start");
    const pyodide = await loadRuntime(indexURL, lockFileURL, stdLibURL, false, { _loadSnapshot: saved });
    const started = await installCalculator(pyodide, wheel);
    // The snapshot froze the random generator's state: draw fresh seeds for this visit.
    pyodide.runPython("import random; random.seed()");
    mark("snapshot:end");
    return started;
  } finally {
    restoring = false;
  }
}

async function start(indexURL, lockFileURL, stdLibURL, trace) {
  prefetch(new URL("pyodide.asm.wasm", indexURL).href);
  prefetch(stdLibURL || new URL("python_stdlib.zip", indexURL).href);
  const wheel = fetchWheel(lockFileURL);
  wheel.catch(() => {});   // reported where it is awaited, not as an unhandled rejection
  const key = snapshotKey(indexURL, lockFileURL, stdLibURL);
  const found = await findSnapshot(key);
  let snapshotting = found === null;   // none yet, and none failed for these files
  let stdlibImportMs = null;
  if (found && found.bytes) {
    let unreadable = false;   // a damaged entry (its SHA-256 or layout): replaced by a new snapshot
    const bytes = found.bytes.catch((error) => { unreadable = true; throw error; });
    try {
      engine = await startFromSnapshot(bytes, wheel, indexURL, lockFileURL, stdLibURL);
    } catch (error) {
      engine = null;
      if (unreadable) {
        console.warn("[calculator worker] the saved start-up snapshot could not be read; starting afresh:", describe(error));
        snapshotting = true;
      } else {
        console.warn("[calculator worker] the saved start-up snapshot did not load; starting afresh:", describe(error));
        mark("snapshot:failed");
        await saveSnapshot(key, "", { "X-Snapshot": NO_SNAPSHOT });
      }
    }
  }
  if (!engine) {
    const pyodide = await loadRuntime(indexURL, lockFileURL, stdLibURL, trace, { _makeSnapshot: snapshotting });
    stdlibImportMs = trace ? importMs(imports.splice(0)) : null;
    engine = await installCalculator(pyodide, wheel);
    if (snapshotting) {
      try {
        const snapshot = pyodide.makeMemorySnapshot();
        mark("snapshot:made");
        whenQuiet(() => keepSnapshot(key, snapshot));   // the reader's answers need not wait
      } catch (error) {
        console.warn("[calculator worker] no start-up snapshot was taken:", describe(error));
      }
    }
  }
  step = "ready";
  lastCall = performance.now();   // the page asks for its first answer now
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
      post({ type: "reply", id, ok: false, error: { message: describe(error), kind: error && error.kind, step } });
    }
    return;
  }
  if (message.type === "call") {
    lastCall = performance.now();
    const received = performance.timeOrigin + lastCall;
    try {
      if (!engine) throw new Error("the calculator is not loaded yet");
      const started = performance.now();
      const response = engine.handle(String(message.request));
      const done = performance.now();
      post({ type: "reply", id, ok: true, response, ms: done - started, at: [received, performance.timeOrigin + done] });
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
  if (restoring) console.warn("[calculator worker] while restoring the snapshot:", describe(event.reason));
  else post({ type: "fatal", error: { message: describe(event.reason), step } });
});
self.addEventListener("error", (event) => {
  event.preventDefault();
  post({ type: "fatal", error: { message: event.message || "worker error", step } });
});
