"""The engine under Pyodide in Node.js (tests/node/run_engine.mjs), for the parity and stdlib tests.

run() answers request strings with the engine inside Pyodide, installed from our wheel through
our lockfile as the browser installs it. With `inspect=True` it also reports what Python loaded
from the standard library, which is how KEEP in build/outside_help_build/stdlib.py is found:

    python -m tests.support.node_engine --discover    # from the checkout's root: prints the
                                                      # standard-library files the engine loads
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from calculator import encode_share
from outside_help_build import lockfile, paths, stdlib, wheel

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "node" / "run_engine.mjs"
SCENARIOS = ROOT / "tests" / "scenarios.json"


class NodeEngineError(RuntimeError):
    """The engine did not run under Pyodide in Node."""


def run(runtime_dir: Path, lock: Path, requests: list[str], stdlib_zip: Path | None = None,
        inspect: bool = False, timeout: float = 600, snapshot: bool = False) -> dict:
    """The runner's output for `requests` (JSON strings): {"replies": [...]} and, with
    `inspect`, "files", "modules", "compiled" and "from_source" (see run_engine.mjs). With
    `snapshot`, an interpreter restored from the worker's start-up snapshot answers them."""
    args = [paths.node(ROOT), str(RUNNER), str(runtime_dir), str(lock)]
    args += [str(stdlib_zip)] if stdlib_zip else []
    args += ["--inspect"] if inspect else []
    args += ["--snapshot"] if snapshot else []
    result = subprocess.run(args, input=json.dumps(requests), capture_output=True, text=True,
                            timeout=timeout)
    if result.returncode != 0:
        raise NodeEngineError(f"the engine failed under Pyodide in Node:\n{result.stderr[-4000:]}")
    return json.loads(result.stdout)


def run_from_npm(requests: list[str], stdlib_zip: Path | None = None, inspect: bool = False) -> dict:
    """run() with the npm Pyodide as the runtime (its full standard library unless
    `stdlib_zip` is given) and a freshly built wheel and lockfile."""
    with tempfile.TemporaryDirectory(prefix="node-engine-") as tmp:
        built = wheel.build_wheel(Path(tmp) / "wheel", root=ROOT)
        lock = lockfile.write_lockfile(built, Path(tmp) / "runtime", root=ROOT)
        return run(paths.npm_pyodide(ROOT), lock, requests, stdlib_zip=stdlib_zip, inspect=inspect)


def engine_requests() -> list[str]:
    """Requests that reach every path of calculator.api: each scenario by answers and by share
    link (with weights), old links, the cost comparison, plans, the schema, the model card, and
    each kind of bad input. The parity test and the standard-library discovery both use it."""
    from outside_help_build.engine import example

    scenarios = json.loads(SCENARIOS.read_text(encoding="utf-8"))["scenarios"]
    data = example()
    corpus = json.loads((ROOT / "tests" / "data" / "share_v1_corpus.json").read_text(encoding="utf-8"))["codes"]
    requests: list = [{"op": "questions"}, {"op": "card"}, {"op": "cost_inputs"}, {"op": "score", "answers": {}}]
    for scenario in scenarios:
        requests.append({"op": "score", "answers": scenario["answers"]})
        requests.append({"op": "score", "share": encode_share(scenario["answers"], {"pricing": 0, "direction": 5})})
    requests += [{"op": "open_link", "values": [entry["code"]]} for entry in corpus[:40]]
    requests += [
        {"op": "score", "answers": data["answers"], "cost": data["cost"], "site_url": "/"},
        {"op": "cost", "cost": data["cost"]},
        {"op": "plan", "workstreams": data["plan"]["workstreams"]},
        {"op": "plan", "share": "p1*%%*k1"},
        {"op": "open_link", "values": ["v2d1", "v2d2"]},
        {"op": "cost", "cost": {"bpo": {"price_per_transaction": -1}}},
        {"op": "plan", "workstreams": [{"name": "", "answers": {}}]},
        "not json",
        "[]",
        {"op": "nope"},
        {"op": "score", "share": "v9zz"},
        {"op": "score", "share": "v2" + "z" * 50},
        {"op": "score", "share": "<script>alert(1)</script>"},
        {"op": "score", "answers": {"color": "red"}},
        {"op": "score", "answers": {}, "weights": {"direction": 99}},
        {"op": "score", "answers": {}, "site_url": "javascript:alert(1)"},
    ]
    requests += provider_requests()
    return [r if isinstance(r, str) else json.dumps(r) for r in requests]


def provider_requests() -> list[dict]:
    """The provider comparison's requests: its schema, the worked example's link (from the
    page's marker), an evaluation with every kind of note (exclusion, flips, a low price, a
    hostile name, the reader's own criterion), and its bad-input paths."""
    import re

    page = (ROOT / "docs" / "compare-providers.md").read_text(encoding="utf-8")
    example_code = re.search(r"<!-- outside-help: providers-example (\S+) -->", page).group(1)
    criteria = [{"id": "processor_terms"}, {"id": "service_levels", "weight": 3}, {"id": "transition_plan", "weight": 1},
                {"id": "own1", "label": "Works in <our> tool", "kind": "scored", "weight": 2}]

    def proposal(name, sl, tp, own, fee, passes=True):
        return {"name": name, "scores": {"service_levels": sl, "transition_plan": tp, "own1": own},
                "passes": {"processor_terms": passes}, "notes": {"own1": "*noted* | here"},
                "price": {"fee_per_month": fee, "governance_hours": 4.5}}

    evaluation = {"model": "managed_services", "fixed_on": "2026-12-05", "price_weight": 35, "criteria": criteria,
                  "cost": {"general": {"hour_cost": 61.25, "currency": "€"}},
                  "providers": [proposal("<b>Acme</b>", 5, 2, 3, 1000.5), proposal("Beacon", 3, 5, 4, 800),
                                proposal("Cobalt", 4, 4, 2, 500.25), proposal("Delta", 5, 5, 5, 700, passes=False)]}
    return [
        {"op": "provider_criteria"},
        {"op": "providers", "share": example_code, "page": {"link_base": "/"}},
        {"op": "providers", "evaluation": evaluation, "site_url": "/", "page": {"link_base": "/docs/"}},
        {"op": "providers", "evaluation": {**evaluation, "price_weight": 101}},
        {"op": "providers", "share": example_code[:-4]},
        {"op": "providers", "evaluation": {**evaluation, "providers": evaluation["providers"] * 3}},
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--discover", action="store_true", required=True,
                        help="print the standard-library files the engine loads under Pyodide")
    parser.parse_args(argv)
    files = run_from_npm(engine_requests(), inspect=True)["files"]
    print(" ".join(files))
    extra = sorted(set(files) - stdlib.KEEP)
    print(f"# {len(files)} files loaded; not in KEEP: {extra or 'none'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
