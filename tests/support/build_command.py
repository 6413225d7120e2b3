"""Running the build command (`python -m outside_help_build build`) as `make build` does.

It runs from the project's folder, as every build does: `python -m` puts that folder first on
sys.path, so a copy of the project (tests/build/test_build_faults.py) builds its own engine and docs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def build(site_dir: Path, generator: str = "mkdocs", project: Path = ROOT,
          timeout: float = 900) -> subprocess.CompletedProcess[str]:
    """Build `project` with `generator` into `site_dir`; the finished process, output captured."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("SITE_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "outside_help_build", "build", "--generator", generator,
         "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=timeout,
    )
