"""Copy the core Pyodide runtime from node_modules into a versioned folder of the site.

One job: self-host the runtime, so the calculator never fetches from a CDN. Only the files the
calculator needs are copied: the loader, the Emscripten module, the WebAssembly binary and the
standard library. Pyodide's own package lockfile is not published: lockfile.py writes the
calculator's lockfile next to the wheel it describes. Nor is the full standard library
(python_stdlib.zip, 2.5 MB): stdlib.py writes a trimmed one holding only what the engine
and Pyodide use, named by its hash, into the same folder.

    python -m outside_help_build.runtime SITE_DIR   # from the checkout's root; copies into
                                                    # SITE_DIR/pyodide/<version>/

The version comes from node_modules/pyodide/package.json and must match the pin in the repo's
package.json, so a stale `npm ci` is caught here rather than in a reader's browser.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from outside_help_build import paths
from outside_help_build.errors import BuildError

# What the browser (and Node) loads, in load order. Nothing else from the npm package ships.
RUNTIME_FILES = (
    "pyodide.mjs",        # the loader the worker imports
    "pyodide.asm.mjs",    # the Emscripten module it imports in turn
    "pyodide.asm.wasm",   # the interpreter (served as application/wasm)
)
# Read at build time only, never copied into the site: the inputs of lockfile.py and stdlib.py.
SOURCE_LOCKFILE = "pyodide-lock.json"
SOURCE_STDLIB = "python_stdlib.zip"
SITE_FOLDER = "pyodide"   # the runtime lives at <site>/pyodide/<version>/


class RuntimeFilesError(BuildError):
    """The Pyodide runtime is missing, incomplete or not the pinned version."""


def pinned_version(root: Path) -> str:
    """The pyodide version pinned in the checkout's package.json."""
    manifest = Path(root) / "package.json"
    if not manifest.is_file():
        raise RuntimeFilesError(f"{manifest} is missing: run the build from the checkout's root")
    package = json.loads(manifest.read_text(encoding="utf-8"))
    try:
        return package["dependencies"]["pyodide"]
    except KeyError:
        raise RuntimeFilesError("package.json does not pin `pyodide` in `dependencies`") from None


def installed_version(source: Path) -> str:
    manifest = Path(source) / "package.json"
    if not manifest.is_file():
        raise RuntimeFilesError(
            f"the Pyodide runtime is not installed: {manifest} is missing (run `npm ci`)"
        )
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def check_source(root: Path) -> str:
    """Return the installed version after checking it is the pinned one and is complete."""
    source = paths.npm_pyodide(root)
    version = installed_version(source)
    pinned = pinned_version(root)
    if version != pinned:
        raise RuntimeFilesError(
            f"node_modules/pyodide is {version} but package.json pins {pinned} (run `npm ci`)"
        )
    for name in (*RUNTIME_FILES, SOURCE_LOCKFILE, SOURCE_STDLIB):
        if not (source / name).is_file():
            raise RuntimeFilesError(
                f"missing Pyodide runtime file: {source / name} (run `npm ci`)"
            )
    return version


def runtime_dir(site_dir: Path, version: str) -> Path:
    return Path(site_dir) / SITE_FOLDER / version


def copy_runtime(site_dir: Path, *, root: Path) -> Path:
    """Copy the runtime into <site_dir>/pyodide/<version>/ and return that folder."""
    source = paths.npm_pyodide(root)
    version = check_source(root)
    target = runtime_dir(site_dir, version)
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        src, dst = source / name, target / name
        # `mkdocs serve` rebuilds often: skip files that are already there unchanged.
        if dst.is_file() and dst.stat().st_size == src.stat().st_size \
                and dst.stat().st_mtime_ns == src.stat().st_mtime_ns:
            continue
        shutil.copy2(src, dst)
    check_runtime(target)
    return target


def check_runtime(target: Path) -> None:
    """Fail, naming the file, unless every runtime file is in the site folder."""
    for name in RUNTIME_FILES:
        if not (Path(target) / name).is_file():
            raise RuntimeFilesError(f"missing Pyodide runtime file in the site: {Path(target) / name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path)
    args = parser.parse_args(argv)
    try:
        target = copy_runtime(args.site_dir, root=Path.cwd())
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
