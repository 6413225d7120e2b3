// Run the calculator engine inside Pyodide under Node.js, exactly as the browser's worker does:
// Pyodide from a runtime folder, our wheel through our lockfile, then
// calculator.api.handle(request) for every request.
//
//   node tests/node/run_engine.mjs RUNTIME_DIR LOCKFILE [STDLIB_ZIP] [--inspect | --snapshot] < requests.json
//
// RUNTIME_DIR is a built site's pyodide/<version>/ folder, or node_modules/pyodide. STDLIB_ZIP is
// the trimmed standard library a site ships (build/outside_help_build/stdlib.py); without it the
// runtime folder's python_stdlib.zip is used.
//
// requests.json is a JSON array of request strings. The output is one JSON object:
//   {"replies": [reply strings, in the same order]}
// and with --inspect (the standard-library discovery, tests/support/node_engine.py) also
//   "files":       standard-library zip files the run loaded,
//   "modules":     every module in sys.modules,
//   "compiled":    .py files Python compiled from source after start-up (a spy on compile()),
//   "from_source": standard-library modules loaded from a .py file at start-up;
// and a Python error is raised into JavaScript once, as the worker's error path does.
// With --snapshot the requests are answered as on a reader's second visit: a first interpreter
// starts as the worker's does before it takes its start-up snapshot (the wheel unpacked by hand,
// one "questions" request, the warm-up of calculator-warmup.mjs), the snapshot is taken
// (makeMemorySnapshot), and a second interpreter restored from it (_loadSnapshot), with the
// random generator reseeded and the wheel's files not unpacked (the worker unpacks them only
// after the first answers), answers them (docs/javascripts/calculator-worker.mjs, "Start-up
// snapshot").
// Any failure exits non-zero with one clear line on stderr.

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { warmUp } from "../../docs/javascripts/calculator-warmup.mjs";

function fail(message) {
  process.stderr.write(`run_engine: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const inspect = args.includes("--inspect");
const snapshot = args.includes("--snapshot");
const [runtimeArg, lockfileArg, stdlibArg] = args.filter((a) => !a.startsWith("--"));
if (!runtimeArg || !lockfileArg) {
  fail("usage: node run_engine.mjs RUNTIME_DIR LOCKFILE [STDLIB_ZIP] [--inspect] < requests.json");
}
const runtimeDir = path.resolve(runtimeArg) + path.sep;
const lockFile = path.resolve(lockfileArg);
// Where Pyodide mounts its standard-library zip (sys.path[1]).
const MOUNT = "/lib/python314.zip/";

let requests;
try {
  requests = JSON.parse(readFileSync(0, "utf8"));
} catch (error) {
  fail(`stdin is not a JSON array of request strings: ${error.message}`);
}
if (!Array.isArray(requests) || !requests.every((r) => typeof r === "string")) {
  fail("stdin must be a JSON array of request strings");
}

let loadPyodide;
try {
  ({ loadPyodide } = await import(pathToFileURL(path.join(runtimeDir, "pyodide.mjs")).href));
} catch (error) {
  fail(`cannot import pyodide.mjs from ${runtimeDir}: ${error.message}`);
}

const options = {
  indexURL: runtimeDir,
  lockFileURL: lockFile,
  ...(stdlibArg ? { stdLibURL: path.resolve(stdlibArg) } : {}),
  stdout: (text) => process.stderr.write(`[python] ${text}\n`),
  stderr: (text) => process.stderr.write(`[python] ${text}\n`),
};

// The worker's way in (installCalculator): the wheel named in the lockfile, unpacked by Python.
function unpackWheel(py) {
  const lock = JSON.parse(readFileSync(lockFile, "utf8"));
  const wheel = path.join(path.dirname(lockFile), lock.packages.calculator.file_name);
  py.FS.writeFile("/tmp/calculator.whl", readFileSync(wheel));
  py.runPython(`
import importlib, sys, zipfile
with zipfile.ZipFile("/tmp/calculator.whl") as wheel:
    wheel.extractall(next(p for p in sys.path if p.endswith("/site-packages")))
importlib.invalidate_caches()
`);
  py.FS.unlink("/tmp/calculator.whl");
}

let pyodide;
if (snapshot) {
  const first = await loadPyodide({ ...options, _makeSnapshot: true });
  unpackWheel(first);
  const firstApi = first.pyimport("calculator.api");
  const check = JSON.parse(firstApi.handle(JSON.stringify({ op: "questions" })));
  if (!check.ok) fail("the engine did not answer before the snapshot");
  try {
    warmUp((request) => firstApi.handle(request), check.questions);
  } catch (error) {
    fail(error.message);
  }
  const saved = first.makeMemorySnapshot();
  pyodide = await loadPyodide({ ...options, _loadSnapshot: saved });
  // The worker answers a restored visit's first requests before it unpacks the wheel's files
  // again: here they are never unpacked, so every request answered below needs none of them.
  pyodide.runPython("import random; random.seed()");
} else {
  pyodide = await loadPyodide(options);
}
if (inspect) {
  // From here on, note every Python file compiled from source (byte code should make it none).
  pyodide.runPython(`
import builtins
_real_compile = builtins.compile
COMPILED = []
def _spy(source, filename, *args, **kwargs):
    if str(filename).endswith(".py"):
        COMPILED.append(str(filename))
    return _real_compile(source, filename, *args, **kwargs)
builtins.compile = _spy
`);
}
const problems = [];
const loaded = snapshot ? [{ name: "calculator" }] : await pyodide.loadPackage("calculator", {
  messageCallback: () => {},
  errorCallback: (text) => problems.push(text),
});
if (!loaded.some((p) => p.name === "calculator")) {
  fail(`loadPackage("calculator") did not install the wheel: ${problems.join("; ") || "no reason given"}`);
}
const api = pyodide.pyimport("calculator.api");
const where = pyodide.runPython("import calculator; calculator.__file__");
if (!where.startsWith("/lib/python")) fail(`calculator imported from ${where}, not from the installed wheel`);

const output = { replies: requests.map((request) => api.handle(request)) };
if (inspect) {
  // A Python error crossing into JavaScript is formatted by Python's traceback machinery.
  try { pyodide.runPython("raise ValueError('probe')"); } catch (error) { /* expected */ }
  pyodide.globals.set("MOUNT", MOUNT);
  Object.assign(output, JSON.parse(pyodide.runPython(`
import json, sys
files = sorted({f[len(MOUNT):] for m in list(sys.modules.values())
                for f in [getattr(m, "__file__", None) or ""] if f.startswith(MOUNT)})
# Standard-library modules Python compiled from a source file at start-up, before the spy was
# set (frozen modules report a .py file but run from the interpreter's own copy).
from_source = sorted(m.__name__ for m in list(sys.modules.values())
                     for f in [getattr(m, "__file__", None) or ""]
                     if f.startswith(MOUNT) and f.endswith(".py")
                     and getattr(getattr(m, "__spec__", None), "origin", "") != "frozen")
json.dumps({"files": files, "modules": sorted(sys.modules), "compiled": COMPILED,
            "from_source": from_source})
`)));
}
process.stdout.write(JSON.stringify(output));
