"""Python byte code for the browser, compiled by Pyodide's own interpreter (in Node.js).

Why: Pyodide's python_stdlib.zip holds sources only, so at every start the browser compiles
each standard-library module it imports. Measured in Node.js with the trimmed standard library
(stdlib.py): `loadPyodide` takes 2.6-3.5 s from sources and 0.45-1.1 s from byte code;
in Chromium the calculator's worker was ready 4.3 s after it started, 1.5 s with byte code.

Byte code belongs to one Python minor version, and the host's Python (3.12/3.13 here) is not
the browser's (Pyodide 314 runs 3.14), so bytecode.mjs (next to this file) compiles inside the
same npm Pyodide that the site ships. Every .pyc is "unchecked hash-based" (PEP 552): Python
loads it without comparing it to a source file or its date.

Compiling starts Pyodide in Node (3-5 s), so results are kept in .cache/bytecode/, keyed by
the sources, the file prefix, the Pyodide version and the driver script: a second build with
the same inputs reads the cache, and any change to one of them compiles again.

    python -m outside_help_build.bytecode FILE.py ...    # compiles, prints each .pyc's size
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from outside_help_build import paths
from outside_help_build.errors import BuildError

DRIVER = Path(__file__).resolve().with_suffix(".mjs")

__all__ = ["BytecodeError", "Compiled", "compile_sources"]


class BytecodeError(BuildError):
    """The sources could not be compiled (no Node.js, no Pyodide, or a source that is wrong)."""


@dataclass(frozen=True)
class Compiled:
    cache_tag: str              # e.g. "cpython-314": names files in __pycache__
    pyc: dict[str, bytes]       # source name -> complete .pyc file


def _pyodide_version(pyodide: Path) -> str:
    package = pyodide / "package.json"
    if not package.is_file():
        raise BytecodeError(f"missing {package} (run `npm ci`)")
    return json.loads(package.read_text(encoding="utf-8"))["version"]


def _sources_zip(sources: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(sources):
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), sources[name])
    return buffer.getvalue()


def _read(data: bytes, names: set[str]) -> Compiled:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pyc = {name: archive.read(name) for name in archive.namelist()}
        tag = archive.comment.decode()
    if set(pyc) != names or not tag:
        raise BytecodeError(f"the compiled archive does not match its sources ({sorted(set(pyc) ^ names)[:5]})")
    return Compiled(tag, pyc)


def compile_sources(sources: dict[str, bytes], prefix: str, *, root: Path,
                    cache: Path | None = paths.BYTECODE_CACHE) -> Compiled:
    """Compile each `name.py` in `sources` as the file `prefix + name`, with the Pyodide and the
    Node.js of the checkout at `root` (node_modules/pyodide, node_modules/.bin/node).

    Raises BytecodeError naming the cause: Node.js or Pyodide missing, a file that is not
    a .py source, or a source with a syntax error.
    """
    pyodide, node = paths.npm_pyodide(root), paths.node(root)
    if not sources:
        return Compiled("", {})
    bad = sorted(name for name in sources if not name.endswith(".py"))
    if bad:
        raise BytecodeError(f"not Python sources: {', '.join(bad[:5])}")
    packed = _sources_zip(sources)
    key = hashlib.sha256()
    for part in (_pyodide_version(pyodide).encode(), prefix.encode(), DRIVER.read_bytes(), packed):
        key.update(hashlib.sha256(part).digest())
    cached = cache / f"{key.hexdigest()[:32]}.zip" if cache else None
    if cached and cached.is_file():
        try:
            return _read(cached.read_bytes(), set(sources))
        except (BytecodeError, zipfile.BadZipFile):
            cached.unlink()               # damaged: compile again below
    if not paths.has_node(root):
        raise BytecodeError("Node.js is needed to compile byte code (run `npm ci`, or install node)")
    with tempfile.TemporaryDirectory(prefix="bytecode-") as tmp:
        source_zip, out_zip = Path(tmp) / "in.zip", Path(tmp) / "out.zip"
        source_zip.write_bytes(packed)
        proc = subprocess.run(
            [node, str(DRIVER), str(pyodide), str(source_zip), str(out_zip), prefix],
            capture_output=True, text=True, timeout=300,
        )
        if proc.returncode != 0 or not out_zip.is_file():
            detail = proc.stderr.strip().splitlines()[-1:] or [f"exit {proc.returncode}"]
            raise BytecodeError(f"could not compile byte code with Pyodide in Node: {detail[0]}")
        data = out_zip.read_bytes()
    compiled = _read(data, set(sources))
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{id(data)}.tmp")
        partial.write_bytes(data)
        partial.replace(cached)          # atomic: parallel builds never read half a file
    return compiled


def main(argv: list[str] | None = None) -> int:
    files = [Path(a) for a in (sys.argv[1:] if argv is None else argv)]
    if not files:
        print("usage: python -m outside_help_build.bytecode FILE.py ...", file=sys.stderr)
        return 2
    try:
        compiled = compile_sources({f.name: f.read_bytes() for f in files}, prefix="",
                                   root=Path.cwd(), cache=None)
    except (OSError, BytecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, data in compiled.pyc.items():
        print(f"{name}: {len(data)} bytes ({compiled.cache_tag})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
