"""Build the calculator package as a pure-Python wheel, reproducibly.

One job: run hatchling (the build backend named in pyproject.toml) on the repository and leave
exactly one wheel in the output folder. The same sources give the same bytes: the archive
timestamps come from a fixed SOURCE_DATE_EPOCH, hatchling sorts the entries and normalises
their permissions, and anything listed in .gitignore (byte code, caches) is left out.

Then the browser's byte code is added: `calculator/__pycache__/<module>.cpython-314.pyc` for
every module, compiled by Pyodide's own interpreter (bytecode.py) as "unchecked" pycs,
and listed in RECORD. Pyodide imports them instead of compiling the sources at start-up
(about 45 ms less in Node, more on a slow phone); any other Python ignores another version's
cache files, so the wheel stays pure Python. The sources stay for tracebacks and readers.

    python -m outside_help_build.wheel [--out DIR]   # from the checkout's root; prints the
                                                     # wheel's path and sha256

Used by publish.py (once per build process), and by the tests.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from outside_help_build import bytecode, paths
from outside_help_build.digest import sha256_file
from outside_help_build.errors import BuildError

# 2026-01-01T00:00:00Z. Any fixed value works; it only has to stay the same between builds.
SOURCE_DATE_EPOCH = "1767225600"
PACKAGE = "calculator"
# Where Pyodide installs wheels: the file names the byte code carries (for tracebacks).
SITE_PACKAGES = "/lib/python3.14/site-packages/"


class WheelError(BuildError):
    """The wheel could not be built, or is not what the site expects."""


def build_wheel(out_dir: Path, *, root: Path) -> Path:
    """Build the wheel of the checkout at `root` into `out_dir` (replacing any older wheel
    there) and return its path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PYTHONDONTWRITEBYTECODE="1")
    # Build into a private folder first, so two builds at once (tests, `mkdocs serve`) never
    # see each other's half-written wheel; then move the result into place atomically.
    with tempfile.TemporaryDirectory(prefix="wheel-", dir=out_dir) as tmp:
        proc = subprocess.run(
            [sys.executable, "-m", "hatchling", "build", "--target", "wheel", "--directory", tmp],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            raise WheelError(
                f"hatchling could not build the {PACKAGE} wheel (exit {proc.returncode}):\n"
                + (proc.stderr or proc.stdout).strip()
            )
        built = sorted(Path(tmp).glob("*.whl"))
        if len(built) != 1:
            raise WheelError(f"expected one wheel from hatchling, found {[p.name for p in built]}")
        check_contents(built[0])
        add_bytecode(built[0], root=root)
        for old in out_dir.glob("*.whl"):
            if old.name != built[0].name:
                old.unlink()
        target = out_dir / built[0].name
        os.replace(built[0], target)
    return target


def check_contents(wheel: Path) -> None:
    """Fail unless the wheel holds only the package and its metadata (no docs, tests, build)."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    stray = [
        n for n in names
        if not (n.startswith(f"{PACKAGE}/") or n.split("/")[0].endswith(".dist-info"))
    ]
    if stray:
        raise WheelError(f"{wheel.name} holds files outside the package: {', '.join(stray)}")
    if f"{PACKAGE}/__init__.py" not in names:
        raise WheelError(f"{wheel.name} has no {PACKAGE}/__init__.py")
    cached = [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    if cached:
        raise WheelError(f"{wheel.name} holds byte code: {', '.join(cached)}")


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def add_bytecode(wheel: Path, *, root: Path) -> None:
    """Rewrite `wheel` with Pyodide byte code for each module in __pycache__, listed in RECORD.

    The entries keep their order, dates and permissions; the new files take the package's
    date, so the same sources still give the same bytes.
    """
    with zipfile.ZipFile(wheel) as archive:
        infos = archive.infolist()
        contents = {info.filename: archive.read(info) for info in infos}
    sources = {n: d for n, d in contents.items() if n.startswith(f"{PACKAGE}/") and n.endswith(".py")}
    try:
        compiled = bytecode.compile_sources(sources, prefix=SITE_PACKAGES, root=root)
    except bytecode.BytecodeError as exc:
        raise WheelError(f"the {PACKAGE} wheel's byte code could not be made: {exc}") from None
    record = next((i for i in infos if i.filename.endswith(".dist-info/RECORD")), None)
    if record is None:
        raise WheelError(f"{wheel.name} has no RECORD")
    template = next(i for i in infos if i.filename == f"{PACKAGE}/__init__.py")
    added: dict[str, bytes] = {}
    for source, data in sorted(compiled.pyc.items()):
        folder, _, module = source.rpartition("/")
        added[f"{folder}/__pycache__/{module[:-3]}.{compiled.cache_tag}.pyc"] = data
    lines = contents[record.filename].decode().splitlines()
    keep = [line for line in lines if not line.startswith(f"{record.filename},")]
    new_record = "\n".join(keep + [_record_line(n, d) for n, d in added.items()]
                           + [f"{record.filename},,"]) + "\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in infos:
            if info is record:
                for name, data in added.items():
                    entry = zipfile.ZipInfo(name, date_time=template.date_time)
                    entry.external_attr = template.external_attr
                    entry.create_system = template.create_system
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    out.writestr(entry, data)
                out.writestr(info, new_record.encode())
            else:
                out.writestr(info, contents[info.filename])
    wheel.write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=paths.wheel_cache(Path.cwd()), help="output folder")
    args = parser.parse_args(argv)
    try:
        wheel = build_wheel(args.out, root=Path.cwd())
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{wheel}  sha256={sha256_file(wheel)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
