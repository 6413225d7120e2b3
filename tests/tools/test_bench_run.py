"""bench/run.py (`make bench`) runs each benchmark with --site and --json: every module it picks
must take both, and `make mutate`'s tools (which read mutmut's results and take neither) must not
be picked, or `make bench` fails on them."""

from __future__ import annotations

import ast

from bench import run


def _long_options(path) -> set[str]:
    """The --options a module's argparse parser declares (read from its source, not run)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument":
            found |= {a.value for a in node.args if isinstance(a, ast.Constant) and str(a.value).startswith("--")}
    return found


def test_every_benchmark_takes_the_built_site_and_a_json_path():
    picked = run.scripts()
    assert {p.stem for p in picked} >= {"calculator_load", "lighthouse", "engine_speed", "worker_recompute"}
    for path in picked:
        assert {"--site", "--json"} <= _long_options(path), f"{path.name} does not take --site and --json"


def test_the_mutation_tools_are_not_run_as_benchmarks():
    names = {p.stem for p in run.scripts()}
    assert not names & {"mutation_report", "mutation_sample", "run"}
    assert "--site" not in _long_options(run.BENCH / "mutation_report.py")
