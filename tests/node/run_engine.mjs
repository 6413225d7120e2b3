// Run the calculator engine inside Pyodide under Node.js, exactly as the browser's worker does:
// Pyodide from a runtime folder, our wheel through our lockfile, then
// calculator.api.handle(request) for every request.
//
//   node tests/node/run_engine.mjs RUNTIME_DIR LOCKFILE [STDLIB_ZIP] [--inspect] < requests.json
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
// Any failure exits non-zero with one clear line on stderr.

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

function fail(message) {
  process.stderr.write(`run_engine: ${message}\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
const inspect = args.includes("--inspect");
const [runtimeArg, lockfileArg, stdlibArg] = args.filter((a) => a !== "--inspect");
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

const pyodide = await loadPyodide({
  indexURL: runtimeDir,
  lockFileURL: lockFile,
  ...(stdlibArg ? { stdLibURL: path.resolve(stdlibArg) } : {}),
  stdout: (text) => process.stderr.write(`[python] ${text}\n`),
  stderr: (text) => process.stderr.write(`[python] ${text}\n`),
});
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
const loaded = await pyodide.loadPackage("calculator", {
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
