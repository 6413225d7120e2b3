"""A trimmed, precompiled Python standard library for the browser: only what the calculator runs on.

Pyodide's `python_stdlib.zip` holds the whole standard library: 614 files, 2.5 MB, and it is
already compressed, so gzip on the wire saves nothing. The engine and Pyodide's own start-up and
package loader import about 160 of those files. This script writes a zip with only those
files (plus the package `__init__`s they need), in a fixed order and with fixed timestamps, so
the same inputs always give the same bytes.

Each source is replaced by its byte code (`name.pyc`, compiled by Pyodide's own interpreter:
build/bytecode.py), because Pyodide's zip holds sources only and compiling them at every start
was most of the time the browser spent starting Python (4.3 s -> 1.5 s in Chromium).

    python build/stdlib.py OUT_DIR         # writes OUT_DIR/python_stdlib-<sha256[:12]>.zip
    python build/stdlib.py --discover      # runs the engine under Pyodide in Node, prints the
                                           # files it loaded (to refresh KEEP below)
    python build/stdlib.py --sizes         # full vs trimmed vs compiled bytes

The browser gets it with `loadPyodide({indexURL, stdLibURL: ".../python_stdlib-<sha>.zip"})`.
The content hash in the name lets the file be cached as immutable even though its content
can change within one Pyodide version (when the engine starts importing a new module).

How the list stays right: tests/test_stdlib_bundle.py runs the discovery again under Node.
It fails if the engine loads a file that is not in KEEP. It also scores every scenario with
the browser's zip and checks the replies match those from the full standard library.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import io
import json
import os
import runpy
import subprocess
import sys
import tempfile
import types
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE_PYODIDE = ROOT / "node_modules" / "pyodide"
SOURCE_ZIP = NODE_PYODIDE / "python_stdlib.zip"
STEM = "python_stdlib"
ZIP_MOUNT = "/lib/python314.zip/"   # where Pyodide mounts the zip (sys.path[1])
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: no build time leaks in

# Files of python_stdlib.zip that the calculator needs. `--discover` lists what the engine
# and Pyodide load: start-up, `loadPackage` of our wheel through its lockfile, every
# request kind of calculator.api (questions, card, score by answers and by share link, and
# each error path), and a Python exception crossing into JavaScript. The rest are a small
# margin that the discovery does not reach on every run.
DISCOVERED = """
__future__.py _collections_abc.py _colorize.py _opcode_metadata.py _py_warnings.py
_pyodide/__init__.py _pyodide/_base.py _pyodide/_core_docs.py _pyodide/_future_helper.py
_pyodide/_importhook.py _pyodide/docs_argspec.py _pyodide/docstring.py _pyodide/jsbind.py
_sitebuiltins.py _ssl.py _weakrefset.py abc.py annotationlib.py ast.py asyncio/__init__.py
asyncio/base_events.py asyncio/base_futures.py asyncio/base_subprocess.py asyncio/base_tasks.py
asyncio/constants.py asyncio/coroutines.py asyncio/events.py asyncio/exceptions.py
asyncio/format_helpers.py asyncio/futures.py asyncio/graph.py asyncio/locks.py asyncio/log.py
asyncio/mixins.py asyncio/protocols.py asyncio/queues.py asyncio/runners.py
asyncio/selector_events.py asyncio/sslproto.py asyncio/staggered.py asyncio/streams.py
asyncio/subprocess.py asyncio/taskgroups.py asyncio/tasks.py asyncio/threads.py
asyncio/timeouts.py asyncio/transports.py asyncio/trsock.py asyncio/unix_events.py base64.py
bisect.py bz2.py codecs.py codeop.py collections/__init__.py compression/__init__.py
compression/_common/__init__.py compression/_common/_streams.py compression/zstd/__init__.py
compression/zstd/_zstdfile.py concurrent/__init__.py concurrent/futures/__init__.py
concurrent/futures/_base.py contextlib.py contextvars.py copy.py copyreg.py dataclasses.py
datetime.py dis.py email/__init__.py encodings/__init__.py encodings/aliases.py
encodings/cp437.py encodings/utf_8.py enum.py fnmatch.py functools.py genericpath.py glob.py
heapq.py importlib/__init__.py importlib/_abc.py importlib/_bootstrap.py
importlib/_bootstrap_external.py importlib/abc.py importlib/machinery.py
importlib/metadata/__init__.py importlib/metadata/_collections.py
importlib/metadata/_functools.py importlib/metadata/_itertools.py importlib/metadata/_meta.py
importlib/readers.py importlib/resources/__init__.py importlib/resources/_adapters.py
importlib/resources/_common.py importlib/resources/_functional.py
importlib/resources/_itertools.py importlib/resources/abc.py importlib/resources/readers.py
importlib/util.py inspect.py io.py json/__init__.py json/decoder.py json/encoder.py
json/scanner.py keyword.py linecache.py locale.py logging/__init__.py lzma.py ntpath.py
opcode.py operator.py os.py pathlib/__init__.py pathlib/_os.py posixpath.py pyodide/__init__.py
pyodide/_package_loader.py pyodide/_state.py pyodide/code.py pyodide/common.py
pyodide/ffi/__init__.py pyodide/webloop.py random.py re/__init__.py re/_casefix.py
re/_compiler.py re/_constants.py re/_parser.py reprlib.py selectors.py shutil.py signal.py
site.py socket.py ssl.py stat.py string/__init__.py struct.py subprocess.py tarfile.py
tempfile.py textwrap.py threading.py token.py tokenize.py tomllib/__init__.py
tomllib/_parser.py tomllib/_re.py traceback.py types.py typing.py warnings.py weakref.py
zipfile/__init__.py zipfile/_path/__init__.py zipfile/_path/glob.py zipimport.py
"""
# A small margin the discovery may not reach: codecs that str.encode()/bytes.decode() can look
# up by name. (Frozen modules such as os.py are listed above: Python runs the frozen copy, and
# the discovery sees them loaded, so they stay for whatever imports them by their file.)
MARGIN = """
encodings/ascii.py encodings/latin_1.py encodings/utf_8_sig.py
"""
KEEP = frozenset((DISCOVERED + MARGIN).split())


class StdlibError(RuntimeError):
    """The trimmed standard library could not be made, or is missing a needed file."""


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _wanted(name: str, keep: frozenset[str]) -> bool:
    if name.endswith("/"):
        # A folder entry: kept when any kept file lies under it.
        return any(path.startswith(name) for path in keep)
    return name in keep


def _zip(entries: dict[str, bytes | None]) -> bytes:
    """A zip of `entries` (name -> bytes, or None for a folder) in name order, with fixed dates
    and permissions, so the same entries always give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.create_system = 3                       # Unix, whatever builds it
            if entries[name] is None:
                info.external_attr = (0o40755 << 16) | 0x10
                out.writestr(info, b"")
            else:
                info.external_attr = 0o100644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, entries[name], compresslevel=9)
    return buffer.getvalue()


def _trimmed_entries(source: Path, keep: frozenset[str]) -> dict[str, bytes | None]:
    if not Path(source).is_file():
        raise StdlibError(f"missing {source} (run `npm ci`)")
    with zipfile.ZipFile(source) as full:
        names = set(full.namelist())
        missing = sorted(keep - names)
        if missing:
            raise StdlibError(
                f"{source} lacks {', '.join(missing[:5])}: the Pyodide version changed; "
                "run `python build/stdlib.py --discover` and update KEEP in build/stdlib.py"
            )
        return {name: None if name.endswith("/") else full.read(name)
                for name in names if _wanted(name, keep)}


def trimmed_zip(source: Path = SOURCE_ZIP, keep: frozenset[str] = KEEP) -> bytes:
    """The bytes of a zip holding only `keep` from `source` (sources, not byte code)."""
    return _zip(_trimmed_entries(source, keep))


@functools.cache
def _bytecode() -> types.SimpleNamespace:
    """build/bytecode.py, run once from its file (build/ is not a package: see build/hooks.py)."""
    return types.SimpleNamespace(**runpy.run_path(str(Path(__file__).with_name("bytecode.py"))))


def browser_zip(source: Path = SOURCE_ZIP, keep: frozenset[str] = KEEP) -> bytes:
    """What the browser loads: the trimmed zip with each `name.py` replaced by `name.pyc`,
    compiled by Pyodide's own interpreter. The same inputs give the same bytes."""
    entries = _trimmed_entries(source, keep)
    return _compiled(tuple(sorted((n, d) for n, d in entries.items() if d is not None)),
                     tuple(sorted(n for n, d in entries.items() if d is None)))


@functools.lru_cache(maxsize=4)
def _compiled(files: tuple[tuple[str, bytes], ...], folders: tuple[str, ...]) -> bytes:
    bytecode = _bytecode()
    sources = {name: data for name, data in files if name.endswith(".py")}
    try:
        compiled = bytecode.compile_sources(sources, prefix=ZIP_MOUNT)
    except bytecode.BytecodeError as exc:
        raise StdlibError(f"the standard library could not be compiled: {exc}") from None
    entries: dict[str, bytes | None] = dict.fromkeys(folders)
    for name, data in files:
        if name in sources:
            entries[name + "c"] = compiled.pyc[name]
        else:
            entries[name] = data
    return _zip(entries)


def write_stdlib(out_dir: Path, source: Path = SOURCE_ZIP) -> Path:
    """Write `out_dir/python_stdlib-<sha256[:12]>.zip` and return its path.

    Call it from the runtime step with the versioned runtime folder, and give the returned
    file's URL to loadPyodide as `stdLibURL`. Old trimmed zips in `out_dir` are removed,
    so `mkdocs serve` does not pile them up.
    """
    data = browser_zip(source)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{STEM}-{sha256_of(data)[:12]}.zip"
    for old in out_dir.glob(f"{STEM}-*.zip"):
        if old != target:
            old.unlink()
    if not (target.is_file() and target.read_bytes() == data):
        target.write_bytes(data)
    return target


# ---------------------------------------------------------------------------------------------
# Running the engine under Pyodide in Node: what it loads, and whether a zip is enough
# ---------------------------------------------------------------------------------------------

_DRIVER = r"""
import { pathToFileURL } from "node:url";
const config = JSON.parse(process.argv[2]);
const MARK = "\n@@stdlib-result@@\n";
const { loadPyodide } = await import(pathToFileURL(config.pyodide + "/pyodide.mjs").href);
const options = { indexURL: config.pyodide + "/" };
if (config.stdlib) options.stdLibURL = config.stdlib;
if (config.lockfile) options.lockFileURL = config.lockfile;
const py = await loadPyodide(options);
// From here on, note every Python file compiled from source (byte code should make it none).
py.runPython(`
import builtins
_real_compile = builtins.compile
COMPILED = []
def _spy(source, filename, *args, **kwargs):
    if str(filename).endswith(".py"):
        COMPILED.append(str(filename))
    return _real_compile(source, filename, *args, **kwargs)
builtins.compile = _spy
`);
await py.loadPackage(config.lockfile ? "calculator" : config.wheel, { messageCallback: () => {} });
// A Python error crossing into JavaScript is formatted by Python's traceback machinery.
try { py.runPython("import calculator.api\nraise ValueError('probe')"); } catch (e) { }
py.globals.set("REQUESTS", JSON.stringify(config.requests));
py.globals.set("MOUNT", config.mount);
const reply = py.runPython(`
import json, sys
from calculator.api import handle
replies = [json.loads(handle(json.dumps(r) if not isinstance(r, str) else r))
           for r in json.loads(REQUESTS)]
files = sorted({f[len(MOUNT):] for m in list(sys.modules.values())
                for f in [getattr(m, "__file__", None) or ""] if f.startswith(MOUNT)})
# Standard-library modules Python compiled from a source file at start-up, before the spy was
# set (frozen modules report a .py file but run from the interpreter's own copy).
from_source = sorted(m.__name__ for m in list(sys.modules.values())
                     for f in [getattr(m, "__file__", None) or ""]
                     if f.startswith(MOUNT) and f.endswith(".py")
                     and getattr(getattr(m, "__spec__", None), "origin", "") != "frozen")
json.dumps({"replies": replies, "files": files, "modules": sorted(sys.modules),
            "compiled": COMPILED, "from_source": from_source})
`);
process.stdout.write(MARK + reply);
"""


def node() -> str:
    """Node.js: the npm-pinned one (node_modules/.bin/node) if present, else the system's."""
    return _bytecode().node()


def engine_requests() -> list:
    """Requests that reach every path of calculator.api: each scenario by answers and by
    share link, the schema, the model card, and each kind of bad input."""
    sys.path.insert(0, str(ROOT))
    try:
        from calculator import encode_share
    finally:
        sys.path.remove(str(ROOT))
    scenarios = json.loads((ROOT / "tests" / "scenarios.json").read_text(encoding="utf-8"))
    requests: list = [{"op": "questions"}, {"op": "card"}, {"op": "score", "answers": {}}]
    for scenario in scenarios["scenarios"]:
        requests.append({"op": "score", "answers": scenario["answers"]})
        requests.append({"op": "score", "share": encode_share(scenario["answers"])})
    requests += [
        "not json",
        "[]",
        {"op": "nope"},
        {"op": "score", "share": "v9zz"},
        {"op": "score", "share": "v1" + "z" * 50},
        {"op": "score", "answers": {"color": "red"}},
        {"op": "score", "answers": {}, "weights": {"direction": 99}},
        {"op": "score", "answers": {}, "site_url": "javascript:alert(1)"},
    ]
    return requests


def run_engine_in_node(stdlib: Path | None = None, requests: list | None = None,
                       timeout: float = 300) -> dict:
    """Load Pyodide in Node (with `stdlib` as its standard library if given), install the
    calculator wheel through its lockfile as the browser does, answer `requests`.

    Returns {"replies": [...], "files": [zip files loaded], "modules": [sys.modules],
    "compiled": [.py files compiled after start-up], "from_source": [modules loaded from a .py]}.
    """
    sys.path.insert(0, str(ROOT / "build"))
    try:
        import lockfile as lockfile_mod  # build/lockfile.py (the browser helper's)
        import wheel as wheel_mod        # build/wheel.py
    finally:
        sys.path.remove(str(ROOT / "build"))
    with tempfile.TemporaryDirectory(prefix="stdlib-") as tmp:
        tmp_path = Path(tmp)
        wheel = wheel_mod.build_wheel(tmp_path / "wheel")
        lock = lockfile_mod.write_lockfile(wheel, tmp_path / "runtime")
        driver = tmp_path / "driver.mjs"
        driver.write_text(_DRIVER, encoding="utf-8")
        config = {
            "pyodide": str(NODE_PYODIDE),
            "stdlib": str(stdlib) if stdlib else None,
            "lockfile": str(lock),
            "wheel": str(wheel),
            "mount": ZIP_MOUNT,
            "requests": engine_requests() if requests is None else requests,
        }
        result = subprocess.run(
            [node(), str(driver), json.dumps(config)],
            capture_output=True, text=True, timeout=timeout, cwd=tmp,
        )
    if result.returncode != 0:
        raise StdlibError(f"the engine failed under Pyodide in Node:\n{result.stderr[-4000:]}")
    _, mark, payload = result.stdout.rpartition("\n@@stdlib-result@@\n")
    if not mark:
        raise StdlibError(f"no result from the engine under Node:\n{result.stdout[-2000:]}")
    return json.loads(payload)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path)
    parser.add_argument("--discover", action="store_true",
                        help="print the zip files the engine loads under Pyodide in Node")
    parser.add_argument("--sizes", action="store_true", help="print full and trimmed sizes")
    args = parser.parse_args(argv)
    try:
        if args.discover:
            files = run_engine_in_node()["files"]
            print(" ".join(files))
            extra = sorted(set(files) - KEEP)
            print(f"# {len(files)} files loaded; not in KEEP: {extra or 'none'}", file=sys.stderr)
            return 0
        if args.sizes:
            full = SOURCE_ZIP.stat().st_size
            for label, data in (("trimmed sources", trimmed_zip()), ("browser (byte code)", browser_zip())):
                print(f"full {full} bytes, {label} {len(data)} bytes ({len(data) / full:.0%}), "
                      f"gzip {len(gzip.compress(data, 6))} bytes, sha256 {sha256_of(data)[:12]}")
            return 0
        if args.out_dir is None:
            parser.error("give OUT_DIR, --discover or --sizes")
        print(write_stdlib(args.out_dir))
    except StdlibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
