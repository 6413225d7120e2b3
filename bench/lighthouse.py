"""Lighthouse on the home page, a guide page and the pages that load the calculator's runtime, against our budgets (not a test).

Serves the built site on loopback with the headers the build generated (the site's _headers). It uses
tests/support/server.py, plus gzip for text and WebAssembly responses as Netlify compresses
them (`--no-gzip` serves them raw). Then it runs Lighthouse (npm, pinned in package.json) with
its mobile defaults: a simulated mid-range phone on a slow 4G link. Chromium runs headless,
started by Lighthouse from CHROME_PATH (default /usr/bin/chromium).

Printed:
- the four category scores per page against the budgets (performance >= 0.98 on every page,
  the calculator, planner and provider comparison included; accessibility, best practices and
  SEO 1.0),
  with the audits that cost points;
- the metrics behind performance (FCP, LCP, TBT, CLS, Speed Index);
- for the calculator page: whether the served HTML holds the pre-rendered result (a string
  check of the page, labelled as such; bench/calculator_load.py measures when a result is on
  screen), and the bytes of the runtime files as served (trimmed standard library and our
  one-entry lockfile) beside a constructed counterfactual, labelled as such: the same core with
  Pyodide's defaults (full standard library and package lockfile), raw and gzip.

Time until Python answers and main-thread long tasks while Pyodide loads come from
bench/calculator_load.py (the browser helper's, side by side with a naive page). bench/run.py
runs both scripts.

    .venv/bin/python -m bench.lighthouse [--site SITE_DIR] [--runs 1] [--pages providers,calculator] [--no-gzip] [--json OUT]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import html
import json
import os
import statistics
import subprocess
import sys
import tempfile
from functools import lru_cache
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from bench._site import check_built_from_checkout
from outside_help_build import paths
from tests.support import server as site_server
from tests.support.build_command import build
from tests.support.chromium import CHROMIUM, HEADLESS

ROOT = Path(__file__).resolve().parent.parent
CHROME = os.environ.get("CHROME_PATH", str(CHROMIUM))
# Lighthouse takes Chromium's flags as one space-separated string, so the offline rule (whose
# value holds spaces) is left out: Lighthouse itself loads only the page under test.
CHROME_FLAGS = " ".join(HEADLESS)
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
NODE_PYODIDE = paths.npm_pyodide(ROOT)
REPORTS = ROOT / "bench" / "results" / "lighthouse"   # the full reports (git-ignored)

PAGES = (  # (label, URL path, kind)
    ("home", "", "guide"),
    ("guide", "models/staff-augmentation/", "guide"),
    ("calculator", "calculator/", "calculator"),
    ("inline", "how-to-choose/", "calculator"),   # a guide with the calculator inline
    ("planner", "plan/", "calculator"),           # loads the same runtime
    ("providers", "compare-providers/", "calculator"),   # the provider comparison, same runtime
)
LABELS = tuple(label for label, _, _ in PAGES)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The budgets every change keeps (CONTRIBUTING.md, "Before a commit"): the same on every page,
# whether or not it loads the calculator's runtime.
TARGETS = {
    ("performance", None): 0.98,
    ("accessibility", None): 1.0,
    ("best-practices", None): 1.0,
    ("seo", None): 1.0,
}
METRICS = (
    ("first-contentful-paint", "FCP"),
    ("largest-contentful-paint", "LCP"),
    ("total-blocking-time", "TBT"),
    ("cumulative-layout-shift", "CLS"),
    ("speed-index", "SI"),
)
# What Netlify compresses (text and WebAssembly); zip and wheel files are compressed already.
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".wasm", ".map")


def target(category: str, kind: str) -> float:
    return TARGETS.get((category, kind), TARGETS.get((category, None), 0.0))


# ---------------------------------------------------------------------------------------------
# A local server like Netlify: the site's declared headers, plus gzip
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=256)
def _gzipped(path: str, mtime_ns: int) -> tuple[bytes, str]:
    """The file gzipped, and an ETag for those bytes."""
    body = gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)
    return body, f'"{hashlib.sha256(body).hexdigest()[:16]}-gzip"'


class GzipHandler(site_server.SiteHandler):
    """tests/support/server.py's handler, plus `Content-Encoding: gzip` for compressible files,
    with an ETag, and 304 Not Modified when the browser asks again with it (as Netlify answers
    the conditional request its default Cache-Control makes the browser send)."""

    def do_GET(self):
        local = Path(self.translate_path(self.path))
        if local.is_dir() and urlsplit(self.path).path.endswith("/"):
            local = local / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and local.is_file() and local.suffix in COMPRESSIBLE):
            return super().do_GET()
        body, etag = _gzipped(str(local), local.stat().st_mtime_ns)
        if etag in self.headers.get("If-None-Match", ""):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(str(local)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(site_server.SiteServer):
    def __init__(self, site_dir: Path, compress: bool):
        super().__init__(site_dir)
        if compress:
            base = self.httpd.RequestHandlerClass.func   # the partial's handler class
            handler = type("Handler", (GzipHandler,), {
                "headers_file": base.headers_file, "redirects": base.redirects, "csp": base.csp,
            })
            self.httpd.RequestHandlerClass = type(self.httpd.RequestHandlerClass)(
                handler, **self.httpd.RequestHandlerClass.keywords)


# ---------------------------------------------------------------------------------------------
# Lighthouse
# ---------------------------------------------------------------------------------------------

def node() -> str:
    return paths.node(ROOT)   # the npm-pinned Node: Lighthouse 13 needs Node >= 22.19


def run_lighthouse(url: str, out: Path, cpu_multiplier: float | None = None) -> dict:
    cmd = [
        node(), str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}",
    ]
    if cpu_multiplier is not None:
        cmd.append(f"--throttling.cpuSlowdownMultiplier={cpu_multiplier:.2f}")
    env = {**os.environ, "CHROME_PATH": CHROME}
    for attempt in (1, 2, 3):
        # A busy machine now and then makes Chrome's trace lose its navigation start
        # (NO_NAVSTART); a second try is the documented remedy ("Please run Lighthouse again").
        out.unlink(missing_ok=True)
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
        if result.returncode == 0 and out.is_file():
            return json.loads(out.read_text(encoding="utf-8"))
        print(f"lighthouse attempt {attempt} on {url} failed: {result.stderr.strip()[-300:]}", file=sys.stderr)
    raise RuntimeError(f"lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")


# Lighthouse's default 4x CPU slowdown "moves a typical run in the high-end desktop bracket
# (benchmarkIndex 1500-2000) into the mid-tier mobile bracket" (docs/throttling.md), i.e. it
# aims at a benchmarkIndex of about 1750 / 4 = 440. On a slower or busier host the same 4x
# overshoots; the calibrated multiplier keeps the same target: host index / 440, in [1, 4].
MOBILE_TARGET_INDEX = 440


def calibrated_multiplier(benchmark_index: float) -> float:
    return max(1.0, min(4.0, benchmark_index / MOBILE_TARGET_INDEX))


def summarize(report: dict) -> dict:
    audits = report["audits"]
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    lost = {}
    for category in CATEGORIES:
        items = []
        for ref in report["categories"][category]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                items.append(f"{ref['id']} ({audit['score']:.2f})")
        lost[category] = items
    metrics = {key: audits[key].get("numericValue") for key, _ in METRICS}
    # The LCP element: Lighthouse 13 names it in the lcp-breakdown insight (a "node" item).
    lcp_element = ""
    breakdown = audits.get("lcp-breakdown-insight", {}).get("details") or {}
    for item in breakdown.get("items", []):
        if isinstance(item, dict) and item.get("type") == "node":
            lcp_element = item.get("selector") or item.get("snippet", "")
    environment = report.get("environment", {})
    return {"scores": scores, "lost": lost, "metrics": metrics, "lcp_element": lcp_element,
            "lighthouse": report.get("lighthouseVersion"),
            "benchmark_index": environment.get("benchmarkIndex"),
            "cpu_multiplier": report.get("configSettings", {}).get("throttling", {}).get("cpuSlowdownMultiplier"),
            "warnings": report.get("runWarnings", [])}


# ---------------------------------------------------------------------------------------------
# The calculator page: a result at first paint, and the runtime's bytes
# ---------------------------------------------------------------------------------------------

def calculator_config(site: Path) -> dict:
    page = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    raw = page.split('data-calculator-config="', 1)[1].split('"', 1)[0]
    return json.loads(html.unescape(raw))


def prerendered_result(site: Path) -> bool:
    """The calculator page's HTML holds a result with scores (before any script runs)."""
    page = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    if "data-calculator-result" not in page:
        return False
    result = page.split("data-calculator-result", 1)[1]
    return "<meter" in result.split("</section>", 1)[0] and 'data-recommendation="' in page


def _sizes(files: list[Path]) -> tuple[int, int]:
    raw = sum(f.stat().st_size for f in files)
    gz = sum(len(gzip.compress(f.read_bytes(), 6, mtime=0)) if f.suffix in COMPRESSIBLE
             else f.stat().st_size for f in files)
    return raw, gz


def runtime_bytes(site: Path) -> dict:
    """Bytes of the files the calculator's worker downloads, as built, and with Pyodide's
    defaults (the full python_stdlib.zip and Pyodide's full package lockfile)."""
    config = calculator_config(site)
    folder = site / config["runtime"]
    lock = site / config["lockfile"]
    wheel = sorted(lock.parent.glob("*.whl"))
    stdlib = site / config["stdlib"] if config.get("stdlib") else folder / "python_stdlib.zip"
    core = [folder / n for n in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")]
    after = core + [stdlib, lock, *wheel]
    before = core + [NODE_PYODIDE / "python_stdlib.zip", NODE_PYODIDE / "pyodide-lock.json", *wheel]
    rows = {}
    for name, files in (("before", before), ("after", after)):
        raw, gz = _sizes(files)
        rows[name] = {"raw": raw, "gzip": gz, "files": {f.name: f.stat().st_size for f in files}}
    return rows


# ---------------------------------------------------------------------------------------------

def fmt_score(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.2f}"


def lighthouse_pass(server_url: str, runs: int, label_suffix: str, cpu: float | None,
                    pages: tuple[tuple[str, str, str], ...] = PAGES) -> dict[str, dict]:
    results: dict[str, dict] = {}
    for label, path, kind in pages:
        done = []
        for i in range(runs):
            report = run_lighthouse(server_url + path, REPORTS / f"{label}{label_suffix}-{i + 1}.json", cpu)
            done.append(summarize(report))
            print(f"lighthouse {label}{label_suffix} run {i + 1}/{runs}: " + " ".join(
                f"{c}={fmt_score(v)}" for c, v in done[-1]["scores"].items()), file=sys.stderr)
        middle = sorted(done, key=lambda r: r["scores"]["performance"] or 0)[len(done) // 2]
        results[label] = {"path": path, "kind": kind, **middle,
                          "performance_runs": [r["scores"]["performance"] for r in done]}
    return results


def print_pass(title: str, results: dict[str, dict]) -> list[str]:
    print(f"\n{title}\n")
    header = f"{'page':12} {'path':28}" + "".join(f"{c:>17}" for c in CATEGORIES)
    print(header)
    print("-" * len(header))
    misses = []
    for label, r in results.items():
        cells = []
        for c in CATEGORIES:
            score, goal = r["scores"][c], target(c, r["kind"])
            ok = score is not None and score >= goal
            if not ok:
                misses.append(f"{label} {c} {fmt_score(score)} < {goal:.2f}: " + ", ".join(r["lost"][c][:6]))
            cells.append(f"{fmt_score(score)} {'ok' if ok else 'LOW'} >={goal:.2f}".rjust(17))
        print(f"{label:12} /{r['path']:27}" + "".join(cells))
    print()
    print(f"{'page':12} " + "".join(f"{short:>10}" for _, short in METRICS) + "   LCP element")
    for label, r in results.items():
        vals = []
        for key, short in METRICS:
            v = r["metrics"].get(key)
            vals.append(f"{'-' if v is None else (f'{v:.3f}' if short == 'CLS' else f'{v:,.0f} ms')}".rjust(10))
        print(f"{label:12} " + "".join(vals) + f"   {r['lcp_element'][:60]}")
    if misses:
        print("\nBelow target (and the audits that cost points):")
        for line in misses:
            print(f"  {line}")
    else:
        print("\nEvery score meets its target.")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=None, help="built site (default: build one)")
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page (median)")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed")
    parser.add_argument("--calibrated", action="store_true",
                        help="also run with the CPU slowdown calibrated to this host (see MOBILE_TARGET_INDEX)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--pages", help="comma-separated labels of the pages to measure (default: all: "
                        + ", ".join(LABELS) + ")")
    args = parser.parse_args(argv)
    pages = PAGES
    if args.pages:
        wanted = [w.strip() for w in args.pages.split(",") if w.strip()]
        unknown = [w for w in wanted if w not in LABELS]
        if unknown or not wanted:
            print(f"error: --pages: unknown page label(s) {', '.join(unknown) or '(none given)'}; "
                  f"known: {', '.join(LABELS)}", file=sys.stderr)
            return 2
        pages = tuple(p for p in PAGES if p[0] in wanted)
    for need in (Path(CHROME), LIGHTHOUSE):
        if not need.exists():
            print(f"error: {need} is missing (Chromium: make browser; Lighthouse: npm ci)", file=sys.stderr)
            return 1

    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site
        if site is not None:
            check_built_from_checkout(site)   # measured as this checkout
        else:
            site = Path(tmp) / "site"
            result = build(site)
            if result.returncode != 0:
                print(f"error: the site did not build:\n{result.stderr[-4000:]}", file=sys.stderr)
                return 1
        site = site.resolve()
        REPORTS.mkdir(parents=True, exist_ok=True)
        passes: dict[str, dict] = {}
        with Server(site, compress=not args.no_gzip) as server:
            passes["default"] = lighthouse_pass(server.url, args.runs, "", None, pages)
            index = statistics.median(r["benchmark_index"] for r in passes["default"].values()
                                      if r["benchmark_index"])
            if args.calibrated:
                cpu = calibrated_multiplier(index)
                passes["calibrated"] = lighthouse_pass(server.url, args.runs, "-calibrated", cpu, pages)
        first_paint = prerendered_result(site)
        sizes = runtime_bytes(site)

    first = next(iter(passes["default"].values()))
    served = "with gzip" if not args.no_gzip else "uncompressed"
    misses = print_pass(
        f"Lighthouse {first['lighthouse']}, mobile defaults (simulated slow 4G, 4x CPU slowdown), "
        f"median of {args.runs} run(s) per page, served on loopback {served} with the site's generated "
        f"headers. Host CPU benchmarkIndex {index:.0f} (Lighthouse expects >= 1000 for its 4x).",
        passes["default"])
    if "calibrated" in passes:
        cpu = next(iter(passes["calibrated"].values()))["cpu_multiplier"]
        print_pass(f"The same with the CPU slowdown calibrated to this host: {cpu:.2f}x "
                   f"(benchmarkIndex {index:.0f} / {MOBILE_TARGET_INDEX}, the mid-tier phone 4x aims at)",
                   passes["calibrated"])

    # A string check of the built HTML, not a paint measurement: bench/calculator_load.py measures
    # when a result is on screen in a real page load.
    print(f"\nCalculator page: pre-rendered result with scores in the served HTML (string check, "
          f"not a measurement): {'yes' if first_paint else 'NO'}")
    print("Runtime files the calculator downloads (after first paint, in its worker):")
    print(f"  {'':14} {'raw':>13} {'gzip':>13}")
    # "Pyodide defaults" is a constructed counterfactual: the same runtime core with Pyodide's
    # full python_stdlib.zip and package lockfile, sized from node_modules; no page served it.
    for name, label in (("before", "Pyodide dflt*"), ("after", "as served")):
        print(f"  {label:14} {sizes[name]['raw'] / 1e6:>10.2f} MB {sizes[name]['gzip'] / 1e6:>10.2f} MB")
    saved_raw = sizes["before"]["raw"] - sizes["after"]["raw"]
    saved_gz = sizes["before"]["gzip"] - sizes["after"]["gzip"]
    print(f"  {'difference*':14} {saved_raw / 1e6:>10.2f} MB {saved_gz / 1e6:>10.2f} MB")
    print("  * counterfactual, not measured: the served core with Pyodide's full python_stdlib.zip and "
          "pyodide-lock.json in place of ours")
    for name, size in sizes["after"]["files"].items():
        print(f"    {name:44} {size:>11,} B")

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"passes": passes, "benchmark_index": index,
                                         "first_paint_result": first_paint, "runtime_bytes": sizes,
                                         "gzip": not args.no_gzip, "misses": misses}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
