"""The engine's benchmarks still run, each for one round against this very commit as its baseline
(`make bench` runs them in full). Nothing is timed here: a figure is never a test. What is checked
is that each one finishes, prints its table and writes the same rows for both engines.

Why: nothing ran them between benchmark sessions, and both broke unnoticed. worker_recompute
failed from ca2645a on (the baseline worker never started), and engine_speed failed with a git
traceback for any baseline after the build became a package.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench(name: str, *args: str, timeout: float) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", f"bench.{name}", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"bench.{name} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    return done


@pytest.mark.subprocess
def test_the_engine_speed_benchmark_runs_natively_and_under_pyodide(tmp_path):
    figures = tmp_path / "engine_speed.json"
    done = _bench("engine_speed", "--baseline", "HEAD", "--rounds", "1", "--json", str(figures), timeout=300)
    assert "native Python" in done.stdout and "Pyodide (npm, in Node.js)" in done.stdout
    rounds = json.loads(figures.read_text(encoding="utf-8"))
    assert set(rounds) == {"native", "pyodide"}
    for where in rounds.values():
        shared = set(where["baseline"])
        assert {"partial score, same profile (5 answers)", "  with one answer changed (each way, mean)"} <= shared
        assert shared < set(where["now"])   # the rows only this version's work has come on top
        assert all(len(times) == 1 and times[0] > 0 for times in where["now"].values())


@pytest.mark.subprocess
def test_the_worker_recompute_benchmark_runs_in_the_browser(built_site, browser, tmp_path):
    figures = tmp_path / "worker_recompute.json"
    done = _bench("worker_recompute", "--site", str(built_site), "--baseline", "HEAD", "--calls", "1",
                  "--json", str(figures), timeout=600)
    assert "Recompute in the worker" in done.stdout
    engines = json.loads(figures.read_text(encoding="utf-8"))
    assert set(engines) == {"baseline HEAD", "now"}
    assert set(engines["baseline HEAD"]) == {"full score", "partial score (5 answers)"}
    for rows in engines.values():
        for row in rows.values():
            assert len(row["total"]) == len(row["python"]) == 1 and row["total"][0] > 0 and row["python"][0] > 0
