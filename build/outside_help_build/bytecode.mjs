// Compile Python sources to byte code with Pyodide's own interpreter, in Node.js.
//
//     node build/outside_help_build/bytecode.mjs PYODIDE_DIR IN.zip OUT.zip PREFIX
//
// IN.zip holds Python sources (`name.py`). OUT.zip gets one entry per source, under the same
// name, holding the complete .pyc file: the interpreter's magic number, the flags for an
// "unchecked hash-based" pyc (PEP 552: never compared with its source, so file dates in the
// browser's in-memory file system do not matter), the source hash, then the marshalled code.
// Each code object names its file PREFIX + name, where the browser will find it. The archive's
// comment is the interpreter's cache tag (e.g. "cpython-314"), for __pycache__ file names.
//
// Why Pyodide and not the host Python: byte code is specific to one Python minor version, and
// only Pyodide's interpreter is sure to be the one the browser runs (outside_help_build/bytecode.py).
// Fails with exit 1 and one message naming the file that did not compile.

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [pyodideDir, input, output, prefix] = process.argv.slice(2);
if (!output || prefix === undefined) {
  console.error("usage: node build/outside_help_build/bytecode.mjs PYODIDE_DIR IN.zip OUT.zip PREFIX");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
const py = await loadPyodide({
  indexURL: `${pyodideDir}/`,
  // No column tables in the code objects: they only place the ^^^ marks under a source line
  // in tracebacks, and the browser has no sources to show (-X no_debug_ranges). A fixed hash
  // seed: marshal's output can follow the order of hashed containers, and the same sources
  // must give the same bytes (the wheel's sha256 is in the lockfile, the zip's in its name).
  env: { PYTHONNODEBUGRANGES: "1", PYTHONHASHSEED: "0" },
  stdout: () => {},
  stderr: () => {},
});
py.FS.writeFile("/tmp/in.zip", readFileSync(input));
py.globals.set("PREFIX", prefix);
try {
  py.runPython(`
import importlib.util, marshal, sys, zipfile

def pyc(name, source):
    try:
        code = compile(source, PREFIX + name, "exec", dont_inherit=True, optimize=0)
    except SyntaxError as exc:
        raise SystemExit(f"{name} does not compile: {exc}") from None
    flags = 0b01   # hash-based, check_source off (PEP 552 "unchecked")
    return (importlib.util.MAGIC_NUMBER + flags.to_bytes(4, "little")
            + importlib.util.source_hash(source) + marshal.dumps(code))

with zipfile.ZipFile("/tmp/in.zip") as src, zipfile.ZipFile("/tmp/out.zip", "w") as out:
    out.comment = sys.implementation.cache_tag.encode()
    for name in sorted(src.namelist()):
        if not name.endswith(".py"):
            raise SystemExit(f"{name} is not a Python source file")
        info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
        out.writestr(info, pyc(name, src.read(name)))
`);
} catch (error) {
  const text = String(error.message || error);
  const last = text.trim().split("\n").pop();
  console.error(`bytecode: ${last.replace(/^SystemExit: /, "")}`);
  process.exit(1);
}
writeFileSync(output, py.FS.readFile("/tmp/out.zip"));
