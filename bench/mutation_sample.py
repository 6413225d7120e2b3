"""A random sample of the engine's mutants not run yet, for `make mutate-sample`.

A full `make mutate` runs every mutant of calculator/ (about 18,000; hours on two cores). To
measure the engine-wide score in less time, run a sample: this script prints the names of SIZE
mutants drawn at random (seeded, so the same results folder and seed give the same sample) from
those mutmut has not run yet, and mutmut runs exactly those. bench/mutation_report.py then
estimates each partly run module's score from its sample, and the engine's from all modules
weighted by their number of mutants, with a 95% interval.

    python -m bench.mutation_sample --size 1500 [--seed 18] [--modules plan view]

With ``--survivors`` it prints instead every mutant that survived or had no test and is not
judged equivalent, for `make mutate-survivors`: after new tests, only those need running again (a
killed mutant stays killed when tests are added).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from bench.mutation_report import MUTANTS, NOT_RUN, ROOT, results

__all__ = ["main", "not_run", "survivors"]


def not_run(mutants: Path = MUTANTS, modules: list[str] | None = None) -> list[str]:
    """Every mutant not run yet, in a fixed order (module, then name)."""
    return _with_codes(NOT_RUN, mutants, modules)


def survivors(mutants: Path = MUTANTS, modules: list[str] | None = None) -> list[str]:
    """Every mutant that survived its tests or reached none, module by module (as the report
    lists them), but those bench/mutants_equivalent.md judges equivalent (no test can kill them:
    running them again only takes the longest)."""
    return [c.name for module, t in results(mutants).items() if not modules or module in modules
            for c in t.survived + t.untested]


def _with_codes(wanted: set[int | None], mutants: Path, modules: list[str] | None) -> list[str]:
    found = []
    for meta in sorted((mutants / "calculator").glob("*.py.meta")):
        module = meta.name.removesuffix(".py.meta")
        if not (ROOT / "calculator" / f"{module}.py").exists() or (modules and module not in modules):
            continue
        codes = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
        found += sorted(name for name, code in codes.items() if code in wanted)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--size", type=int, help="how many mutants to draw")
    what.add_argument("--survivors", action="store_true", help="every surviving mutant instead of a sample")
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--modules", nargs="*", help="draw from these modules only (default: all)")
    parser.add_argument("--mutants", type=Path, default=MUTANTS, help="mutmut's output folder")
    args = parser.parse_args(argv)
    if args.survivors:
        names = survivors(args.mutants, args.modules)
        print("\n".join(names))
        print(f"{len(names)} surviving mutants", file=sys.stderr)
        return 0
    if args.size < 1:
        print("error: --size must be at least 1", file=sys.stderr)
        return 2
    if not (args.mutants / "calculator").is_dir():
        print(f"error: no mutants in {args.mutants}/calculator yet: run `make mutate MUTANTS=calculator.checks*` "
              "once (mutmut writes every module's mutants before it runs any)", file=sys.stderr)
        return 2
    pool = not_run(args.mutants, args.modules)
    chosen = random.Random(args.seed).sample(pool, min(args.size, len(pool)))
    print("\n".join(sorted(chosen)))
    print(f"{len(chosen)} of the {len(pool)} mutants not run yet", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
