// The calculator's module web worker: loads Pyodide and the engine, then answers requests.
//
// Started by calculator.mjs with `new Worker(url, {type: "module"})` (Pyodide 314 supports
// module workers only). Everything it loads comes from our own origin: the versioned runtime
// folder (pyodide/<version>/) and the calculator's wheel through its lockfile, whose sha256 the
// browser checks when it fetches the wheel.
//
// Messages in:   {type: "start", id, indexURL, lockFileURL, stdLibURL}
//                {type: "call",  id, request: "<JSON string for calculator.api.handle>"}
// Messages out:  {type: "progress", step: "loadRuntime" | "installCalculator" | "ready", bytes}
//                (also sent, at most every 250 ms, while a download is receiving data: the page's
//                timeout counts silence, so a slow connection is not mistaken for a hang)
//                {type: "reply", id, ok: true, response: "<JSON string>", ms: <time in Python>}
//                {type: "reply", id, ok: false, error: {message, step, kind?}}
//                {type: "fatal", error: {message, step, kind?}}  (kind "download": a file failed)
// Replies are matched to requests by id. Errors are always posted back, never swallowed.

let engine = null;      // {handle(json: string): string} once ready
let starting = null;    // the start-up promise, so a second "start" waits for the first
let step = "idle";

function post(message) {
  self.postMessage(message);
}

let bytes = 0;
let lastBeat = 0;

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
  const url = String(input && input.url ? input.url : input);
  post({ type: "fatal", error: { message: `${url.split("/").pop()}: ${why}`, kind: "download", step } });
}
self.fetch = async (input, init) => {
  let response;
  try {
    response = await realFetch(input, init);
  } catch (error) {
    downloadFailed(input, describe(error));
    throw error;
  }
  if (!response.ok) downloadFailed(input, `HTTP ${response.status}`);
  if (!response.body || typeof TransformStream !== "function") return response;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      if (Date.now() - lastBeat > 250) progress(step);
      controller.enqueue(chunk);
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
async function loadRuntime(indexURL, lockFileURL, stdLibURL) {
  progress("loadRuntime");
  let loadPyodide;
  try {
    ({ loadPyodide } = await import(new URL("pyodide.mjs", indexURL).href));
  } catch (error) {
    throw Object.assign(new Error(`pyodide.mjs: ${describe(error)}`), { kind: "download" });
  }
  return loadPyodide({
    indexURL,
    lockFileURL,
    ...(stdLibURL ? { stdLibURL } : {}),
    checkAPIVersion: true,
    stdout: () => {},
    stderr: (text) => console.warn("[calculator worker]", text),
  });
}

// Step 2: the calculator's wheel, through the lockfile (sha256 checked on fetch), then a first
// call so the engine's data is parsed before the reader's first answer.
async function installCalculator(pyodide) {
  progress("installCalculator");
  const problems = [];
  const loaded = await pyodide.loadPackage("calculator", {
    messageCallback: () => {},
    errorCallback: (text) => problems.push(text),
    checkIntegrity: true,
  });
  if (!Array.isArray(loaded) || !loaded.some((p) => p.name === "calculator")) {
    throw new Error(`the calculator package did not install${problems.length ? `: ${problems.join("; ")}` : ""}`);
  }
  const api = pyodide.pyimport("calculator.api");
  const handle = (json) => api.handle(json);
  const check = JSON.parse(handle(JSON.stringify({ op: "questions" })));
  if (!check.ok) throw new Error(`the calculator did not answer: ${check.error && check.error.message}`);
  return { handle };
}

async function start(indexURL, lockFileURL, stdLibURL) {
  const pyodide = await loadRuntime(indexURL, lockFileURL, stdLibURL);
  engine = await installCalculator(pyodide);
  progress("ready");
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  const { id } = message;
  if (message.type === "start") {
    try {
      starting = starting || start(message.indexURL, message.lockFileURL, message.stdLibURL);
      await starting;
      post({ type: "reply", id, ok: true, response: null });
    } catch (error) {
      starting = null;
      post({ type: "reply", id, ok: false, error: { message: describe(error), kind: error && error.kind, step } });
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
