"""Run every benchmark in bench/ in turn, against one built site (`make bench`).

Each script prints its own figures; nothing here is a test. Convention: a benchmark is a
`bench/*.py` module with a `main()` that accepts `--site SITE_DIR` (the built site, so the
site is built once) and `--json PATH` (its raw figures, kept in bench/results/, git-ignored).
Run from the checkout's root, as modules, so `tests.support` and `outside_help_build` import plainly:

    .venv/bin/python -m bench.run [--site site] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"

# Extra arguments for particular scripts.
EXTRA = {
    # Medians of 3: on a shared 2-core machine one Lighthouse run's TBT can swing from 150 ms
    # to 1.5 s. Besides the mobile defaults, a pass with the CPU slowdown calibrated to the host.
    "lighthouse": ["--calibrated", "--runs", "3"],
}


# Modules in bench/ that are not benchmarks: `make mutate`'s report and sampler (they read
# mutmut's results, not a built site).
NOT_BENCHMARKS = {"run", "mutation_report", "mutation_sample"}


def scripts() -> list[Path]:
    return sorted(p for p in BENCH.glob("*.py") if p.stem not in NOT_BENCHMARKS and not p.name.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (make build)")
    parser.add_argument("--only", nargs="*", default=None, help="script names to run (default: all)")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        print(f"error: no built site in {site} (run `make build` first)", file=sys.stderr)
        return 1
    RESULTS.mkdir(parents=True, exist_ok=True)
    failed = []
    for script in scripts():
        name = script.stem
        if args.only and name not in args.only:
            continue
        print(f"\n{'=' * 100}\n{name}: {script.relative_to(ROOT)}\n{'=' * 100}", flush=True)
        started = time.monotonic()
        cmd = [sys.executable, "-m", f"bench.{name}", "--site", str(site),
               "--json", str(RESULTS / f"{name}.json"), *EXTRA.get(name, [])]
        code = subprocess.call(cmd, cwd=ROOT)
        print(f"[{name}: exit {code}, {time.monotonic() - started:.0f} s]", flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"\nbenchmarks that failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
