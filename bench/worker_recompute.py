"""Recomputes in the browser's worker: this engine against a baseline engine, in one run.

    python -m bench.worker_recompute [--site SITE_DIR] [--baseline REV] [--calls 15]

In Debian's Chromium, on a copy of the built site served on loopback, the calculator's own module
worker (javascripts/calculator-worker.mjs) is started twice: once with this build's wheel, once
with a wheel of the baseline engine (default d02523c, before the readiness gates), built from git
into the same runtime; that one's warm-up sends only the scores, without what the baseline does
not know (BASELINE_WARM_UP). Each request is then sent --calls times, the engines taking turns;
the medians of the round trip (page -> worker -> Python -> page) and of the time inside Python are
printed. Timed: a full and a partial score (both engines), and, for this engine only, a score with
the cost figures, the cost comparison alone, a plan of eight workstreams and a provider evaluation
of 8 providers x 30 criteria (its view and memo included, as the page receives them).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench._baseline import DEFAULT_BASELINE, baseline_tree, example_answers
from bench._providers import largest_evaluation
from outside_help_build import lockfile, wheel
from outside_help_build.engine import example
from tests.support.chromium import ARGS, CHROMIUM
from tests.support.server import SiteServer

ROOT = Path(__file__).resolve().parent.parent

# Start every engine's worker, send each request once (the first reply is checked, not timed),
# then time `calls` rounds; in each round every engine answers each of its requests in turn, so
# the host's noise and the interpreter's warming up (V8 tiers the WebAssembly up as it runs) fall
# on both engines alike.
TIMER = """
async ({ engines, runtime, stdlib, calls }) => {
  const started = {};
  for (const [label, { worker: workerURL, lockfile }] of Object.entries(engines)) {
    const worker = new Worker(workerURL, { type: "module" });
    let next = 1;
    const waiting = new Map();
    worker.onmessage = (event) => {
      const data = event.data;
      if (data.type !== "reply") return;
      waiting.get(data.id)(data);
      waiting.delete(data.id);
    };
    const send = (message) => new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
    const reply = await send({ type: "start", indexURL: runtime, lockFileURL: lockfile, stdLibURL: stdlib });
    if (!reply.ok) throw new Error(`${label}: ${reply.error.message}`);
    started[label] = { worker, send };
  }
  const out = {}, texts = {};
  for (const [label, { requests }] of Object.entries(engines)) {
    out[label] = {};
    texts[label] = Object.entries(requests).map(([name, request]) => [name, JSON.stringify(request)]);
    for (const [name, request] of texts[label]) {
      const first = await started[label].send({ type: "call", request });
      if (!first.ok || !JSON.parse(first.response).ok) {
        throw new Error(`${label}, ${name}: ${first.response || first.error.message}`);
      }
      out[label][name] = { total: [], python: [] };
    }
  }
  for (let i = 0; i < calls; i++) {
    for (const label of Object.keys(engines)) {
      for (const [name, request] of texts[label]) {
        const t0 = performance.now();
        const reply = await started[label].send({ type: "call", request });
        out[label][name].total.push(performance.now() - t0);
        out[label][name].python.push(reply.ms);
      }
    }
  }
  for (const { worker } of Object.values(started)) worker.terminate();
  return out;
}
"""


def _baseline_lockfile(rev: str, site: Path, tmp: Path) -> tuple[str, dict]:
    """Build the baseline engine's wheel into the site copy; return its lockfile URL and its
    example answers."""
    tree = tmp / "baseline"
    tree.mkdir()
    baseline_tree(rev, tree, ("calculator", "pyproject.toml", "README.md", "build"))
    os.symlink(ROOT / "node_modules", tree / "node_modules")   # its byte code: the same Pyodide
    built = wheel.build_wheel(tmp / "baseline-wheel", root=tree)
    lock = lockfile.write_lockfile(built, site / "bench-baseline", root=ROOT)
    return lock.relative_to(site).as_posix(), example_answers(tree)


# The baseline engine knows neither a score's `page` and `memo` nor the requests that read its
# other data files, which the worker's warm-up (calculator-warmup.mjs) sends before the first
# reply: its worker runs from a copy of our scripts whose warm-up sends the same scores without them.
BASELINE_WARM_UP = """\
// Written by bench/worker_recompute.py for a baseline engine: the warm-up's scores, without the
// fields and requests that engine does not know.
import { warmUpRequests } from "./calculator-warmup-now.mjs";

export function warmUp(handle, schema) {
  for (const text of warmUpRequests(schema)) {
    const { page, memo, ...request } = JSON.parse(text);
    if (request.op !== "score") continue;
    const reply = JSON.parse(handle(JSON.stringify(request)));
    if (!reply.ok) throw new Error(`the baseline engine failed a warm-up score: ${reply.error.message}`);
  }
}
"""


def _baseline_worker(worker: Path) -> Path:
    """A copy of the worker's folder beside it, with the baseline's warm-up; the copy's worker."""
    folder = worker.parent.with_name("bench-baseline")
    shutil.copytree(worker.parent, folder)
    (folder / "calculator-warmup.mjs").rename(folder / "calculator-warmup-now.mjs")
    (folder / "calculator-warmup.mjs").write_text(BASELINE_WARM_UP, encoding="utf-8")
    return folder / worker.name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site (make build)")
    parser.add_argument("--baseline", default=DEFAULT_BASELINE, help="git revision of the baseline engine")
    parser.add_argument("--calls", type=int, default=15)
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"error: Chromium is not installed at {CHROMIUM}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    data = example()
    with tempfile.TemporaryDirectory(prefix="worker-bench-") as tmp_name:
        tmp = Path(tmp_name)
        site = tmp / "site"
        shutil.copytree(args.site.resolve(), site)
        page_html = (site / "calculator" / "index.html").read_text(encoding="utf-8")
        config = json.loads(html.unescape(re.search(r'data-calculator-config="([^"]*)"', page_html)[1]))
        old_lock, old_answers = _baseline_lockfile(args.baseline, site, tmp)
        # Site-root paths; made absolute on the server below (the worker resolves against its own URL).
        runtime, stdlib = config["runtime"], config["stdlib"]
        # The worker's own path: javascripts/<digest>/ in a built site (fingerprint.py).
        worker_file = next(site.glob("javascripts/**/calculator-worker.mjs"))
        worker = worker_file.relative_to(site).as_posix()
        old_worker = _baseline_worker(worker_file).relative_to(site).as_posix()
        partial_new = dict(list(data["answers"].items())[:5])
        partial_old = dict(list(old_answers.items())[:5])
        streams = [{"name": f"Workstream {i + 1}", "answers": data["answers"], "cost": data["cost"]} for i in range(8)]
        engines = {
            f"baseline {args.baseline}": (old_worker, old_lock, {
                "full score": {"op": "score", "answers": old_answers},
                "partial score (5 answers)": {"op": "score", "answers": partial_old},
            }),
            "now": (worker, config["lockfile"], {
                "full score": {"op": "score", "answers": data["answers"]},
                "partial score (5 answers)": {"op": "score", "answers": partial_new},
                "score with cost figures": {"op": "score", "answers": data["answers"], "cost": data["cost"]},
                "cost comparison alone": {"op": "cost", "cost": data["cost"]},
                "plan of 8 workstreams": {"op": "plan", "workstreams": streams},
                "providers: 8 x 30 criteria": {"op": "providers", "evaluation": largest_evaluation()},
            }),
        }
        with SiteServer(site) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_context().new_page()
            page.goto(server.url + "index.html")
            at = server.url.rstrip("/") + "/"
            figures = page.evaluate(TIMER, {
                "engines": {label: {"worker": at + script, "lockfile": at + lock, "requests": requests}
                            for label, (script, lock, requests) in engines.items()},
                "runtime": at + runtime, "stdlib": at + stdlib, "calls": args.calls})
            page.context.close()
            browser.close()
    names = list(engines["now"][2])
    print(f"Recompute in the worker (Chromium, medians of {args.calls} calls; ms: round trip / in Python)")
    print(f"  {'':<28}" + "".join(f"{label:>26}" for label in figures))
    for name in names:
        cells = []
        for label in figures:
            got = figures[label].get(name)
            cells.append(f"{statistics.median(got['total']):.1f} / {statistics.median(got['python']):.1f}"
                         if got else "—")
        print(f"  {name:<28}" + "".join(f"{c:>26}" for c in cells))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
