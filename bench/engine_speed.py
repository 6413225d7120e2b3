"""The engine's speed natively and under Pyodide, this version against a baseline version, side by
side in one run.

    python -m bench.engine_speed [--baseline REV] [--rounds N]

The baseline's calculator/ is taken from git (default: d02523c, the last engine before the
readiness gates) into a temporary folder; each version is timed in its own Python process, and
in its own Node.js process running the npm Pyodide (bench/pyodide_timer.mjs: the WebAssembly
interpreter a reader's browser runs the engine in, without the worker and the page around it),
alternating rounds so that a busy machine slows both alike. Like with like: both versions score
the same profile, the baseline's example, which this version reads through the v1 link
migration (the baseline encodes it as its own share link; this version opens that link), in
full, with its first five answers, and with one answer changed (every other option of every
question, in each version's own catalogue: a reader's change the page did not foresee). Work
only this version does is timed in rows of its own: the fill-in sampling a partial score now
draws, this version's own example, the cost comparison, a plan of eight workstreams and a
provider evaluation of 8 providers x 30 criteria. Medians of each round's per-call time are
printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench._baseline import DEFAULT_BASELINE, baseline_tree, example_answers
from bench._providers import largest_evaluation
from outside_help_build import paths
from outside_help_build.engine import example

ROOT = Path(__file__).resolve().parent.parent

# Run inside each version's process: times the calls given on stdin, prints JSON.
TIMER = r"""
import json, sys, time
from calculator import score
jobs = json.loads(sys.stdin.read())
out = {}
for name, job in jobs.items():
    per = 1   # scores per call
    if job["kind"] == "score":
        call = lambda: score(job["answers"])
    elif job["kind"] == "neighbours":   # every set of answers one answer away, in this catalogue
        from calculator.data import catalogue
        given = job["answers"]
        sets = [{**given, q.id: o.id} for q in catalogue().questions for o in q.options if given.get(q.id) != o.id]
        per = len(sets)
        call = lambda: [score(answers) for answers in sets]
    elif job["kind"] == "fill_in":
        from calculator.data import catalogue
        from calculator.decide import compiled, decide
        try:
            from calculator.robustness import fill_in_robustness
        except ImportError:  # an engine from before the robustness figures had their own module
            from calculator.explain import fill_in_robustness
        c = compiled(catalogue())
        w = [q.weight for q in catalogue().questions]
        picks = c.picks(job["answers"])
        outcome = decide(c, picks, w)
        call = lambda: fill_in_robustness(c, picks, w, outcome)
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
    out[name] = (time.perf_counter() - start) / n / per * 1000
print(json.dumps(out))
"""


def _jobs(same_profile: dict, partial: dict, own_example: dict | None) -> dict:
    """The timed calls: the same profile's full and partial score (both versions), then this
    version's extra work (when `own_example` is given)."""
    n = len(same_profile)
    jobs = {f"full score, same profile ({n} answers)": {"kind": "score", "answers": same_profile, "n": 40},
            "  with one answer changed (each way, mean)": {"kind": "neighbours", "answers": same_profile, "n": 2},
            "partial score, same profile (5 answers)": {"kind": "score", "answers": partial, "n": 40}}
    if own_example is not None:
        jobs["  of which fill-in sampling (new work)"] = {"kind": "fill_in", "answers": partial, "n": 40}
        jobs[f"full score, own example ({len(own_example)} answers)"] = {
            "kind": "score", "answers": own_example, "n": 40}
        figures = example()["cost"]
        jobs["cost comparison"] = {"kind": "cost", "figures": figures, "n": 40}
        streams = [{"name": f"Workstream {i + 1}", "answers": own_example, "cost": figures} for i in range(8)]
        jobs["plan of 8 workstreams"] = {"kind": "plan", "workstreams": streams, "n": 5}
        jobs["providers: 8 x 30 criteria"] = {"kind": "providers", "evaluation": largest_evaluation(), "n": 5}
    return jobs


def _migrated(old_tree: Path, answers: dict) -> dict:
    """The baseline's answers as this version reads them: encoded as a link by the baseline,
    opened by this version (through the v1 migration when the baseline wrote v1)."""
    proc = subprocess.run(
        [sys.executable, "-c", "import json, sys; from calculator import encode_share; "
                               "print(encode_share(json.loads(sys.stdin.read())))"],
        input=json.dumps(answers), capture_output=True, text=True, cwd=old_tree,
        env={"PYTHONPATH": str(old_tree), "PYTHONDONTWRITEBYTECODE": "1"})
    if proc.returncode != 0:
        raise SystemExit(f"error: the baseline could not encode its example:\n{proc.stderr[-2000:]}")
    from calculator import decode_share

    return decode_share(proc.stdout.strip()).answers


def _run(tree: Path, jobs: dict) -> dict:
    proc = subprocess.run([sys.executable, "-c", TIMER], input=json.dumps(jobs), capture_output=True,
                          text=True, cwd=tree, env={"PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"})
    if proc.returncode != 0:
        raise SystemExit(f"error: timing failed in {tree}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def _run_pyodide(tree: Path, jobs: dict) -> dict:
    node, pyodide = paths.node(ROOT), paths.npm_pyodide(ROOT)
    if not (pyodide / "pyodide.mjs").is_file():
        raise SystemExit(f"error: no npm Pyodide in {pyodide} (run `make setup`)")
    proc = subprocess.run([node, str(ROOT / "bench" / "pyodide_timer.mjs"), str(pyodide), str(tree / "calculator")],
                          input=json.dumps({"timer": TIMER, "jobs": json.dumps(jobs)}), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"error: timing under Pyodide failed for {tree}:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


RUNNERS = {  # where the engine runs: a label for the table, and how its calls are timed
    "native": (f"native Python {sys.version.split()[0]}", _run),
    "pyodide": ("Pyodide (npm, in Node.js)", _run_pyodide),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision of the baseline engine")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--site", type=Path, help="ignored: timed without the site")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="engine-baseline-") as tmp:
        old_tree = baseline_tree(args.baseline, Path(tmp), ("calculator", "build"))
        old_example = example_answers(old_tree)
        old_partial = dict(list(old_example.items())[:5])
        old_jobs = _jobs(old_example, old_partial, None)   # the rows both versions time, in order
        new_jobs = _jobs(_migrated(old_tree, old_example), _migrated(old_tree, old_partial), example_answers(ROOT))
        # The same rows for both: the baseline's answers (in its ids) and this version's reading
        # of them (in today's ids) are one profile.
        old_jobs = dict(zip(new_jobs, old_jobs.values()))
        rounds = {where: {"baseline": {}, "now": {}} for where in RUNNERS}
        for _ in range(args.rounds):
            for where, (_, run) in RUNNERS.items():
                for label, tree, jobs in (("baseline", old_tree, old_jobs), ("now", ROOT, new_jobs)):
                    for name, ms in run(tree, jobs).items():
                        rounds[where][label].setdefault(name, []).append(ms)
    for where, (title, _) in RUNNERS.items():
        print(f"Engine speed, {title}, medians of {args.rounds} rounds (ms per call)")
        print(f"  {'':<44}{'baseline ' + args.baseline:>20}{'now':>12}")
        for name in new_jobs:
            old = rounds[where]["baseline"].get(name)
            new = statistics.median(rounds[where]["now"][name])
            print(f"  {name:<44}{(f'{statistics.median(old):.2f}' if old else '—'):>20}{new:>12.2f}")
    print("  (same profile: the baseline's example; this version opens it through the v1 link migration."
          " Rows with '—' are work the baseline does not do.)")
    if args.json:
        args.json.write_text(json.dumps(rounds, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
