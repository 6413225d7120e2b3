// Run the calculator engine inside Pyodide under Node.js, exactly as the browser's worker does:
// Pyodide from the built site's runtime folder, our wheel through our lockfile, then
// calculator.api.handle(request) for every request.
//
//   node tests/node/run_engine.mjs RUNTIME_DIR LOCKFILE [STDLIB_ZIP] < requests.json > replies.json
//
// STDLIB_ZIP is the trimmed standard library the site ships (build/stdlib.py); without it the
// runtime folder's python_stdlib.zip is used.
//
// requests.json is a JSON array of request strings; the output is a JSON array of the reply
// strings, in the same order. Any failure exits non-zero with one clear line on stderr.

import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

function fail(message) {
  process.stderr.write(`run_engine: ${message}\n`);
  process.exit(1);
}

const [runtimeArg, lockfileArg, stdlibArg] = process.argv.slice(2);
if (!runtimeArg || !lockfileArg) fail("usage: node run_engine.mjs RUNTIME_DIR LOCKFILE < requests.json");
const runtimeDir = path.resolve(runtimeArg) + path.sep;
const lockFile = path.resolve(lockfileArg);

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

const replies = requests.map((request) => api.handle(request));
process.stdout.write(JSON.stringify(replies));
