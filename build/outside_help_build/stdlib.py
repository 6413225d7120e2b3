"""A trimmed, precompiled Python standard library for the browser: only what the calculator runs on.

Pyodide's `python_stdlib.zip` holds the whole standard library: 614 files, 2.5 MB, and it is
already compressed, so gzip on the wire saves nothing. The engine and Pyodide's own start-up and
package loader import about 160 of those files. This script writes a zip with only those
files (plus the package `__init__`s they need), in a fixed order and with fixed timestamps, so
the same inputs always give the same bytes.

Each source is replaced by its byte code (`name.pyc`, compiled by Pyodide's own interpreter:
bytecode.py), because Pyodide's zip holds sources only and compiling them at every start
was most of the time the browser spent starting Python (4.3 s -> 1.5 s in Chromium).

From the checkout's root:

    python -m outside_help_build.stdlib OUT_DIR    # writes OUT_DIR/python_stdlib-<sha256[:12]>.zip
    python -m outside_help_build.stdlib --sizes    # full vs trimmed vs compiled bytes
    python -m tests.support.node_engine --discover # runs the engine under Pyodide in Node and
                                                   # prints the files it loaded (to refresh KEEP)

The browser gets it with `loadPyodide({indexURL, stdLibURL: ".../python_stdlib-<sha>.zip"})`.
The content hash in the name lets the file be cached as immutable even though its content
can change within one Pyodide version (when the engine starts importing a new module).

How the list stays right: tests/build/test_stdlib_bundle.py runs the discovery again under Node
(tests/support/node_engine.py). It fails if the engine loads a file that is not in KEEP. It also scores every scenario with
the browser's zip and checks the replies match those from the full standard library.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import io
import sys
import zipfile
from pathlib import Path

from outside_help_build import bytecode, paths
from outside_help_build.errors import BuildError

SOURCE_NAME = "python_stdlib.zip"   # Pyodide's full standard library, in node_modules/pyodide
STEM = "python_stdlib"
ZIP_MOUNT = "/lib/python314.zip/"   # where Pyodide mounts the zip (sys.path[1])
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the zip format's earliest date: no build time leaks in

# Files of python_stdlib.zip that the calculator needs. The discovery (`python -m
# tests.support.node_engine --discover`) lists what the engine and Pyodide load: start-up, `loadPackage` of our wheel through its lockfile, every
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
encodings/cp437.py encodings/utf_8.py enum.py fnmatch.py fractions.py functools.py
genericpath.py glob.py heapq.py importlib/__init__.py importlib/_abc.py importlib/_bootstrap.py
importlib/_bootstrap_external.py importlib/abc.py importlib/machinery.py
importlib/metadata/__init__.py importlib/metadata/_collections.py
importlib/metadata/_functools.py importlib/metadata/_itertools.py importlib/metadata/_meta.py
importlib/readers.py importlib/resources/__init__.py importlib/resources/_adapters.py
importlib/resources/_common.py importlib/resources/_functional.py
importlib/resources/_itertools.py importlib/resources/abc.py importlib/resources/readers.py
importlib/util.py inspect.py io.py json/__init__.py json/decoder.py json/encoder.py
json/scanner.py keyword.py linecache.py locale.py logging/__init__.py lzma.py ntpath.py
numbers.py opcode.py operator.py os.py pathlib/__init__.py pathlib/_os.py posixpath.py
pyodide/__init__.py pyodide/_package_loader.py pyodide/_state.py pyodide/code.py
pyodide/common.py pyodide/ffi/__init__.py pyodide/webloop.py random.py re/__init__.py
re/_casefix.py re/_compiler.py re/_constants.py re/_parser.py reprlib.py selectors.py shutil.py
signal.py site.py socket.py ssl.py stat.py string/__init__.py struct.py subprocess.py tarfile.py
tempfile.py textwrap.py threading.py token.py tokenize.py tomllib/__init__.py tomllib/_parser.py
tomllib/_re.py traceback.py types.py typing.py warnings.py weakref.py zipfile/__init__.py
zipfile/_path/__init__.py zipfile/_path/glob.py zipimport.py
"""
# A small margin the discovery may not reach: codecs that str.encode()/bytes.decode() can look
# up by name. (Frozen modules such as os.py are listed above: Python runs the frozen copy, and
# the discovery sees them loaded, so they stay for whatever imports them by their file.)
MARGIN = """
encodings/ascii.py encodings/latin_1.py encodings/utf_8_sig.py
"""
KEEP = frozenset((DISCOVERED + MARGIN).split())


class StdlibError(BuildError):
    """The trimmed standard library could not be made, or is missing a needed file."""


def source_zip(root: Path) -> Path:
    """Pyodide's full standard library in the checkout at `root`."""
    return paths.npm_pyodide(root) / SOURCE_NAME


def name_for(data: bytes) -> str:
    """The file name the browser loads a trimmed zip by: python_stdlib-<sha256[:12]>.zip."""
    return f"{STEM}-{hashlib.sha256(data).hexdigest()[:12]}.zip"


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
                f"{source} lacks {', '.join(missing[:5])}: the Pyodide version changed; run "
                "`python -m tests.support.node_engine --discover` and update KEEP in stdlib.py"
            )
        return {name: None if name.endswith("/") else full.read(name)
                for name in names if _wanted(name, keep)}


def trimmed_zip(root: Path, keep: frozenset[str] = KEEP) -> bytes:
    """The bytes of a zip holding only `keep` from the checkout's Pyodide standard library
    (sources, not byte code)."""
    return _zip(_trimmed_entries(source_zip(root), keep))


def browser_zip(root: Path, keep: frozenset[str] = KEEP) -> bytes:
    """What the browser loads: the trimmed zip with each `name.py` replaced by `name.pyc`,
    compiled by Pyodide's own interpreter. The same inputs give the same bytes."""
    entries = _trimmed_entries(source_zip(root), keep)
    return _compiled(tuple(sorted((n, d) for n, d in entries.items() if d is not None)),
                     tuple(sorted(n for n, d in entries.items() if d is None)), Path(root))


@functools.lru_cache(maxsize=4)
def _compiled(files: tuple[tuple[str, bytes], ...], folders: tuple[str, ...], root: Path) -> bytes:
    sources = {name: data for name, data in files if name.endswith(".py")}
    try:
        compiled = bytecode.compile_sources(sources, prefix=ZIP_MOUNT, root=root)
    except bytecode.BytecodeError as exc:
        raise StdlibError(f"the standard library could not be compiled: {exc}") from None
    entries: dict[str, bytes | None] = dict.fromkeys(folders)
    for name, data in files:
        if name in sources:
            entries[name + "c"] = compiled.pyc[name]
        else:
            entries[name] = data
    return _zip(entries)


def write_stdlib(out_dir: Path, *, root: Path) -> Path:
    """Write `out_dir/python_stdlib-<sha256[:12]>.zip` and return its path.

    Call it from the runtime step with the versioned runtime folder, and give the returned
    file's URL to loadPyodide as `stdLibURL`. Old trimmed zips in `out_dir` are removed,
    so `mkdocs serve` does not pile them up.
    """
    data = browser_zip(root)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / name_for(data)
    for old in out_dir.glob(f"{STEM}-*.zip"):
        if old != target:
            old.unlink()
    if not (target.is_file() and target.read_bytes() == data):
        target.write_bytes(data)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", nargs="?", type=Path)
    parser.add_argument("--sizes", action="store_true", help="print full and trimmed sizes")
    args = parser.parse_args(argv)
    root = Path.cwd()
    try:
        if args.sizes:
            full = source_zip(root).stat().st_size
            for label, data in (("trimmed sources", trimmed_zip(root)),
                                ("browser (byte code)", browser_zip(root))):
                print(f"full {full} bytes, {label} {len(data)} bytes ({len(data) / full:.0%}), "
                      f"gzip {len(gzip.compress(data, 6))} bytes, {name_for(data)}")
            return 0
        if args.out_dir is None:
            parser.error("give OUT_DIR or --sizes")
        print(write_stdlib(args.out_dir, root=root))
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
