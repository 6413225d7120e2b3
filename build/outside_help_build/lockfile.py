"""Write the calculator's Pyodide lockfile: the runtime's lockfile plus our wheel and its sha256.

One job: put the wheel and a lockfile that lists it into a content-addressed folder inside the
runtime folder, `<site>/pyodide/<version>/calculator-<sha256 prefix>/`, so that in the browser

    loadPyodide({indexURL, lockFileURL: ".../calculator-<sha>/pyodide-lock.json"})
    pyodide.loadPackage("calculator")

fetches the wheel and checks its sha256 (fetch `integrity`). The folder name changes whenever
the wheel does, so everything under /pyodide/ can be cached as immutable.

The lockfile entry is written by pyodide-lock's own CLI, `pyodide lockfile add-wheels`. Its input
is Pyodide's lockfile with the package list emptied: the engine uses the standard library only,
and the ~120 kB list of scientific packages would be downloaded for nothing.

    python -m outside_help_build.lockfile WHEEL RUNTIME_DIR   # from the checkout's root;
                                                              # prints the lockfile's path
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from outside_help_build import paths
from outside_help_build.digest import sha256_file
from outside_help_build.errors import BuildError

LOCKFILE_NAME = "pyodide-lock.json"
PACKAGE = "calculator"


class LockfileError(BuildError):
    """The lockfile could not be written, or does not match the wheel."""


def app_dir_name(wheel_sha256: str) -> str:
    return f"{PACKAGE}-{wheel_sha256[:12]}"


def pyodide_cli() -> list[str]:
    """The `pyodide` command of the running interpreter's environment."""
    exe = Path(sys.executable).parent / "pyodide"
    if exe.is_file():
        return [str(exe)]
    found = shutil.which("pyodide")
    if found:
        return [found]
    raise LockfileError(
        "the `pyodide` command (pyodide-build, from requirements.lock) is not installed "
        f"next to {sys.executable}"
    )


def write_lockfile(wheel: Path, runtime: Path, *, root: Path) -> Path:
    """Copy `wheel` into its folder under `runtime`, write the lockfile there (from the Pyodide
    lockfile of the checkout at `root`), return its path."""
    source_lockfile = paths.npm_pyodide(root) / LOCKFILE_NAME
    wheel, runtime = Path(wheel), Path(runtime)
    if not source_lockfile.is_file():
        raise LockfileError(f"missing Pyodide runtime file: {source_lockfile} (run `npm ci`)")
    digest = sha256_file(wheel)
    app = runtime / app_dir_name(digest)
    app.mkdir(parents=True, exist_ok=True)
    for old in runtime.glob(f"{PACKAGE}-*"):   # wheels of earlier `mkdocs serve` rebuilds
        if old.is_dir() and old != app:
            shutil.rmtree(old)
    shutil.copyfile(wheel, app / wheel.name)

    source = json.loads(source_lockfile.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="lockfile-") as tmp:
        trimmed = Path(tmp) / "input-lock.json"
        trimmed.write_text(json.dumps({**source, "packages": {}}), encoding="utf-8")
        output = Path(tmp) / LOCKFILE_NAME
        proc = subprocess.run(
            [*pyodide_cli(), "lockfile", "add-wheels",
             "--input", str(trimmed), "--output", str(output),
             "--base-path", str(app), str(app / wheel.name)],
            capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"),
        )
        if proc.returncode != 0 or not output.is_file():
            raise LockfileError(
                f"`pyodide lockfile add-wheels` failed (exit {proc.returncode}):\n"
                + (proc.stderr or proc.stdout).strip()
            )
        lock = json.loads(output.read_text(encoding="utf-8"))
    # Stable bytes: the same wheel always gives the same lockfile.
    (app / LOCKFILE_NAME).write_text(
        json.dumps(lock, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    check_lockfile(app / LOCKFILE_NAME)
    return app / LOCKFILE_NAME


def check_lockfile(lockfile: Path) -> dict:
    """Fail, naming the cause, unless the lockfile lists our wheel with the wheel's own sha256."""
    lockfile = Path(lockfile)
    if not lockfile.is_file():
        raise LockfileError(f"missing lockfile: {lockfile}")
    lock = json.loads(lockfile.read_text(encoding="utf-8"))
    entry = lock.get("packages", {}).get(PACKAGE)
    if entry is None:
        raise LockfileError(f"{lockfile} does not list the `{PACKAGE}` package")
    wheel = lockfile.parent / entry["file_name"]
    if not wheel.is_file():
        raise LockfileError(f"{lockfile} lists {entry['file_name']}, which is not next to it")
    actual = sha256_file(wheel)
    if actual != entry["sha256"]:
        raise LockfileError(
            f"the wheel {wheel.name} does not match the lockfile: its sha256 is {actual}, "
            f"{lockfile} expects {entry['sha256']}"
        )
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("wheel", type=Path)
    parser.add_argument("runtime_dir", type=Path)
    args = parser.parse_args(argv)
    try:
        lockfile = write_lockfile(args.wheel, args.runtime_dir, root=Path.cwd())
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(lockfile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
