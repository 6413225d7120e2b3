"""Build the calculator package as a pure-Python wheel, reproducibly.

One job: run hatchling (the build backend named in pyproject.toml) on the repository and leave
exactly one wheel in the output folder. The same sources give the same bytes: the archive
timestamps come from a fixed SOURCE_DATE_EPOCH, hatchling sorts the entries and normalises
their permissions, and anything listed in .gitignore (byte code, caches) is left out.

    python build/wheel.py [--out DIR]     # prints the wheel's path and sha256

Used by build/hooks.py during `mkdocs build` / `mkdocs serve`, and by the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / ".cache" / "wheel"
# 2026-01-01T00:00:00Z. Any fixed value works; it only has to stay the same between builds.
SOURCE_DATE_EPOCH = "1767225600"
PACKAGE = "calculator"


class WheelError(RuntimeError):
    """The wheel could not be built, or is not what the site expects."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def build_wheel(out_dir: Path = DEFAULT_OUT, root: Path = ROOT) -> Path:
    """Build the wheel into `out_dir` (replacing any older wheel there) and return its path."""
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    try:
        wheel = build_wheel(args.out)
    except WheelError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{wheel}  sha256={sha256_of(wheel)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
