"""The baseline the engine benchmarks compare against: an earlier version's files, from git.

Not a benchmark itself (bench/run.py skips modules whose names start with "_").
"""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = "d02523c"  # the last engine before the readiness gates


def baseline_tree(rev: str, into: Path, paths: tuple[str, ...]) -> Path:
    """Extract `paths` as they were at git revision `rev` into the folder `into`; return it."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, *paths],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into

# The calculator's loading before the start-up work of issue 23 (bench/calculator_load.py):
# the commit that added the phase marks, so its phases are measured the same way.
DEFAULT_LOAD_BASELINE = "723f68d"
