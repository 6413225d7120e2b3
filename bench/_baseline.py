"""The baseline the engine benchmarks compare against: an earlier version's files, from git.

Not a benchmark itself (bench/run.py skips modules whose names start with "_").
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = "d02523c"  # the last engine before the readiness gates


def baseline_tree(rev: str, into: Path, paths: tuple[str, ...]) -> Path:
    """Extract `paths` as they were at git revision `rev` into the folder `into`; return it.
    An unknown revision, or a path that revision does not have, stops the benchmark with a
    message naming it."""
    if _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").returncode != 0:
        raise SystemExit(f"error: the baseline {rev!r} is not a commit of this repository")
    for path in paths:
        if path != "." and _git("cat-file", "-e", f"{rev}:{path}").returncode != 0:
            raise SystemExit(f"error: the baseline {rev} has no {path}")
    archive = _git("archive", rev, *paths).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def example_answers(tree: Path) -> dict[str, Any]:
    """The calculator's example answers in a version's files: build/example.toml until the build
    became a package (41d8479), build/<package>/example.toml since."""
    for path in (tree / "build" / "example.toml", *sorted(tree.glob("build/*/example.toml"))):
        if path.is_file():
            return tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    raise SystemExit(f"error: no example.toml under {tree / 'build'}")


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True)

# The calculator's loading before the start-up work of issue 23 (bench/calculator_load.py):
# the commit that added the phase marks, so its phases are measured the same way.
DEFAULT_LOAD_BASELINE = "723f68d"
