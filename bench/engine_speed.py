"""The engine's speed natively, this version against a baseline version, side by side in one run.

    python -m bench.engine_speed [--baseline REV] [--rounds N]

The baseline's calculator/ is taken from git (default: d02523c, the last engine before the
readiness gates) into a temporary folder; each version is timed in its own Python process,
alternating rounds so that a busy machine slows both alike. Timed: a full score of each
version's example profile (every question answered), a partial one (the first five answers),
the cost comparison, a plan of eight workstreams and a provider evaluation of 8 providers x 30
criteria (this version only: the baseline has none of them).
Medians of each round's per-call time are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

from bench._baseline import DEFAULT_BASELINE, baseline_tree
from bench._providers import largest_evaluation
from outside_help_build.engine import example

ROOT = Path(__file__).resolve().parent.parent

# Run inside each version's process: times the calls given on stdin, prints JSON.
TIMER = r"""
import json, sys, time
from calculator import score
jobs = json.loads(sys.stdin.read())
out = {}
for name, job in jobs.items():
    if job["kind"] == "score":
        call = lambda: score(job["answers"])
    elif job["kind"] == "cost":
        from calculator import compare_costs
        call = lambda: compare_costs(job["figures"])
    elif job["kind"] == "providers":
        from calculator import evaluate
        call = lambda: evaluate(job["evaluation"])
    else:
        from calculator import plan
        call = lambda: plan(job["workstreams"])
    call()
    n = job["n"]
    start = time.perf_counter()
    for _ in range(n):
        call()
    out[name] = (time.perf_counter() - start) / n * 1000
print(json.dumps(out))
"""


def _jobs(example_answers: dict, with_new: bool) -> dict:
    partial = dict(list(example_answers.items())[:5])
    jobs = {"full score": {"kind": "score", "answers": example_answers, "n": 40},
            "partial score (5 answers)": {"kind": "score", "answers": partial, "n": 40}}
    if with_new:
        figures = example()["cost"]
        jobs["cost comparison"] = {"kind": "cost", "figures": figures, "n": 40}
        streams = [{"name": f"Workstream {i + 1}", "answers": example_answers, "cost": figures} for i in range(8)]
        jobs["plan of 8 workstreams"] = {"kind": "plan", "workstreams": streams, "n": 5}
        jobs["providers: 8 x 30 criteria"] = {"kind": "providers", "evaluation": largest_evaluation(), "n": 5}
    return jobs


def _run(tree: Path, jobs: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", TIMER], input=json.dumps(jobs), capture_output=True,
                          text=True, cwd=tree, env={"PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"})
    if proc.returncode != 0:
        raise SystemExit(f"error: timing failed in {tree}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def _example(tree: Path) -> dict:
    """The example answers of the version in `tree` (build/example.toml before the build package)."""
    for path in (tree / "build" / "example.toml", *sorted(tree.glob("build/*/example.toml"))):
        if path.is_file():
            return tomllib.loads(path.read_text(encoding="utf-8"))["answers"]
    raise SystemExit(f"error: no example.toml under {tree / 'build'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision of the baseline engine")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--site", type=Path, help="ignored: timed natively, without the site")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="engine-baseline-") as tmp:
        old_tree = baseline_tree(args.baseline, Path(tmp), ("calculator", "build/example.toml"))
        old_jobs = _jobs(_example(old_tree), with_new=False)
        new_jobs = _jobs(_example(ROOT), with_new=True)
        rounds: dict[str, dict[str, list[float]]] = {"baseline": {}, "now": {}}
        for _ in range(args.rounds):
            for label, tree, jobs in (("baseline", old_tree, old_jobs), ("now", ROOT, new_jobs)):
                for name, ms in _run(tree, jobs).items():
                    rounds[label].setdefault(name, []).append(ms)
    print(f"Engine speed, native Python {sys.version.split()[0]}, medians of {args.rounds} rounds (ms per call)")
    print(f"  {'':<28}{'baseline ' + args.baseline:>20}{'now':>12}")
    for name in new_jobs:
        old = rounds["baseline"].get(name)
        new = statistics.median(rounds["now"][name])
        print(f"  {name:<28}{(f'{statistics.median(old):.2f}' if old else '—'):>20}{new:>12.2f}")
    if args.json:
        args.json.write_text(json.dumps(rounds, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
