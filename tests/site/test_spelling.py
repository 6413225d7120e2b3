"""Spelling across the guides and the code: codespell with pyproject.toml's [tool.codespell].

That section skips generated and binary files. It also lists any ignored word with the
reason it is not a typo.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECKED = ("docs", "calculator", "build", "tests", "README.md")


def _codespell(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    # Run through this interpreter so the pinned codespell in .venv is the one used.
    return subprocess.run(
        [sys.executable, "-m", "codespell_lib", "--toml", str(ROOT / "pyproject.toml"), *args],
        capture_output=True, text=True, cwd=cwd, timeout=120,
    )


def test_config_is_read_and_catches_a_typo(tmp_path):
    """The config loads, and a planted typo is reported. So a pass below means no typos, not
    'codespell checked nothing'."""
    typo = "rec" + "ieve"   # spelled in two parts so this file itself passes the check
    sample = tmp_path / "sample.md"
    sample.write_text(f"We {typo} the answers.\n", encoding="utf-8")
    result = _codespell(str(sample))
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"{typo} ==> receive" in result.stdout


def test_no_spelling_mistakes():
    paths = [name for name in CHECKED if (ROOT / name).exists()]
    result = _codespell(*paths)
    assert result.returncode == 0, (
        "codespell found misspellings (fix them, or add the word to ignore-words-list in "
        "pyproject.toml's [tool.codespell] with a comment saying why it is right):\n"
        + result.stdout + result.stderr
    )
