// bench/engine_speed.py's timer under Pyodide in Node.js: the same Python timing code, run on one
// version's engine inside the WebAssembly interpreter a reader's browser runs it in.
//
//   node bench/pyodide_timer.mjs PYODIDE_DIR ENGINE_DIR < {"timer": "<Python>", "jobs": "<JSON>"}
//
// PYODIDE_DIR: the npm Pyodide (node_modules/pyodide). ENGINE_DIR: a version's calculator/ folder,
// copied into Pyodide's file system as it is (its .py and data files), so a baseline from git
// needs no wheel. The timer reads the jobs from standard input and prints one line of JSON,
// which is printed here as it is. Any failure exits non-zero with one clear line on stderr.

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

function fail(message) {
  process.stderr.write(`pyodide_timer: ${message}\n`);
  process.exit(1);
}

const [pyodideArg, engineArg] = process.argv.slice(2);
if (!pyodideArg || !engineArg) fail("usage: node pyodide_timer.mjs PYODIDE_DIR ENGINE_DIR < input.json");

let input;
try {
  input = JSON.parse(readFileSync(0, "utf8"));
} catch (error) {
  fail(`stdin is not JSON: ${error.message}`);
}

let loadPyodide;
try {
  ({ loadPyodide } = await import(pathToFileURL(path.join(path.resolve(pyodideArg), "pyodide.mjs")).href));
} catch (error) {
  fail(`cannot import pyodide.mjs from ${pyodideArg}: ${error.message}`);
}

const printed = [];
try {
  const py = await loadPyodide({
    indexURL: path.resolve(pyodideArg) + path.sep,
    stdout: (text) => printed.push(text),
    stderr: (text) => process.stderr.write(`[python] ${text}\n`),
  });
  const into = "/bench/calculator";
  py.FS.mkdirTree(into);
  for (const name of readdirSync(engineArg)) {
    const file = path.join(engineArg, name);
    if (statSync(file).isFile()) py.FS.writeFile(`${into}/${name}`, readFileSync(file));
  }
  py.globals.set("JOBS", input.jobs);
  py.runPython(`import io, sys\nsys.path.insert(0, "/bench")\nsys.stdin = io.StringIO(JOBS)`);
  py.runPython(input.timer);
} catch (error) {
  fail(`the timer failed under Pyodide: ${String(error.message || error).slice(-2000)}`);
}
process.stdout.write(printed.join("\n") + "\n");
