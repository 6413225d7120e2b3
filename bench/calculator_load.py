"""How fast the calculator loads and answers, side by side with a naive page (not a test).

Serves the built site on loopback (tests/support/server.py, the site's _headers), and in one
run measures, in Debian's Chromium driven by Playwright, with a fresh browser context (cold
cache) per load:

- ours:  /calculator/ as built: the form and a result pre-rendered at build time, a module
         worker that loads Pyodide and the engine after first paint, the trimmed standard
         library and the engine both shipped as byte code (outside_help_build/bytecode.py);
- naive: the same calculator page (same theme, same search worker: a fair comparison),
         written into a temporary copy of the site with the pre-rendered calculator removed and
         the page script (site.mjs) replaced by one that loads the same self-hosted Pyodide on the main
         thread at page load (its defaults, so the full standard library as sources), then
         the engine through the same lockfile, then renders the form and the result.

For each: time to first result on screen, time until Python answers, main-thread long-task
time while loading (PerformanceObserver "longtask"), bytes transferred (uncompressed, and
gzip-estimated for what a CDN would send), and the median time per recompute over N answer
changes; then, for a repeat visit in the same browser context, time until Python answers.
Prints a table of medians over --runs loads.

    .venv/bin/python -m bench.calculator_load [--site SITE_DIR] [--runs 3] [--changes 15]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from outside_help_build import stdlib
from outside_help_build.engine import example
from tests.support.build_command import build
from tests.support.chromium import ARGS, CHROMIUM
from tests.support.server import SiteServer

ROOT = Path(__file__).resolve().parent.parent

# Runs before any page script, in both variants: long tasks, and the moment a result with
# scores is in the DOM and a frame has been painted with it.
PROBE = """
window.__bench = { longtasks: [], resultShown: null };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
const seen = () => document.querySelector("[data-calculator-result] .ohc-score__value");
const watch = new MutationObserver(() => {
  if (window.__bench.resultShown === null && seen()) {
    watch.disconnect();
    window.__bench.resultShown = -1;
    requestAnimationFrame(() => setTimeout(() => { window.__bench.resultShown = performance.now(); }, 0));
  }
});
watch.observe(document, { childList: true, subtree: true });
"""

# Change an answer N times and time each change until the result is rebuilt and painted.
RECOMPUTE = """
async (n) => {
  const result = document.querySelector("[data-calculator-result]");
  const radios = [...document.querySelectorAll('input[type="radio"][name="direction"]')];
  const painted = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const times = [];
  for (let i = 0; i < n; i++) {
    const current = radios.findIndex((r) => r.checked);
    const next = radios[(current + 1) % radios.length];
    const done = new Promise((resolve) => {
      let changed = false;
      const mo = new MutationObserver((records) => {
        if (records.some((r) => r.type === "childList")) changed = true;
        if (changed && !result.hasAttribute("aria-busy")) { mo.disconnect(); resolve(); }
      });
      mo.observe(result, { attributes: true, childList: true, subtree: true });
    });
    const t0 = performance.now();
    next.click();
    await done;
    await painted();
    times.push(performance.now() - t0);
  }
  return times;
}
"""

NAIVE_SLOT = """<div id="naive-root">
<p id="naive-status">Loading Python&hellip;</p>
<form id="form"></form>
<section data-calculator-result></section>
</div>"""

# What a first attempt looks like: Pyodide and the engine on the main thread, at page load,
# the form and result rendered only once Python runs.
NAIVE_JS = """
import { loadPyodide } from "../%(runtime)spyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../%(runtime)s", location).href,
  lockFileURL: new URL("../%(lockfile)s", location).href });
await pyodide.loadPackage("calculator", { messageCallback: () => {} });
const api = pyodide.pyimport("calculator.api");
const ask = (request) => JSON.parse(api.handle(JSON.stringify(request)));
const schema = ask({ op: "questions" }).questions;
const form = document.getElementById("form");
const result = document.querySelector("[data-calculator-result]");
const example = %(example)s;
for (const q of schema.questions) {
  const fs = document.createElement("fieldset");
  const legend = document.createElement("legend");
  legend.textContent = q.prompt;
  fs.append(legend);
  for (const o of q.options) {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.type = "radio"; input.name = q.id; input.value = o.id;
    input.checked = example[q.id] === o.id;
    label.append(input, " ", o.label);
    fs.append(label);
  }
  form.append(fs);
}
function render() {
  result.setAttribute("aria-busy", "true");
  const answers = Object.fromEntries(new FormData(form));
  const reply = ask({ op: "score", answers });
  const r = reply.result;
  const rows = schema.models.map((m) => {
    const div = document.createElement("div");
    const value = document.createElement("span");
    value.className = "ohc-score__value";
    value.textContent = r.scores[m.id].toFixed(1);
    div.append(m.name + " ", value);
    return div;
  });
  const head = document.createElement("p");
  head.textContent = reply.headline;
  const reasons = document.createElement("ul");
  for (const x of r.reasons) { const li = document.createElement("li"); li.textContent = x.text; reasons.append(li); }
  result.replaceChildren(head, ...rows, reasons);
  result.removeAttribute("aria-busy");
}
form.addEventListener("change", render);
render();
document.getElementById("naive-status").textContent = "Ready.";
performance.mark("calculator:first-answer");
"""


def make_naive(site: Path, tmp: Path) -> Path:
    """A copy of the built site with /naive/ added; the full stdlib is put back for it."""
    copy = tmp / "site"
    shutil.copytree(site, copy, symlinks=True)
    html = (site / "calculator" / "index.html").read_text(encoding="utf-8")
    config = json.loads(
        html.split('data-calculator-config="', 1)[1].split('"', 1)[0]
        .replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")
    )
    runtime_dir = copy / config["runtime"]
    shutil.copy2(stdlib.source_zip(ROOT), runtime_dir / "python_stdlib.zip")
    naive = copy / "naive"
    naive.mkdir()
    start = html.index('<div class="ohc ')
    end = html.index("</section>\n</div>", start) + len("</section>\n</div>")
    # The site's one page script (site.mjs) loads calculator.mjs; the naive page gets its own.
    script = re.search(r'<script[^>]*src="[^"]*javascripts/site\.mjs"[^>]*></script>', html)
    if script is None:
        raise SystemExit("bench: the calculator page does not load javascripts/site.mjs")
    page = html[:start] + NAIVE_SLOT + html[end:]
    page = page.replace(script.group(0), '<script type="module" src="naive.mjs"></script>')
    (naive / "index.html").write_text(page, encoding="utf-8")
    (naive / "naive.mjs").write_text(NAIVE_JS % {
        "runtime": config["runtime"], "lockfile": config["lockfile"],
        "example": json.dumps(example()["answers"]),
    }, encoding="utf-8")
    return copy


def gz_size(site: Path, url_path: str, cache: dict[str, int]) -> int:
    if url_path not in cache:
        local = site / url_path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        cache[url_path] = len(gzip.compress(local.read_bytes(), 6)) if local.is_file() else 0
    return cache[url_path]


def measure(browser, url: str, site: Path, changes: int, gz_cache: dict[str, int]) -> dict:
    from urllib.parse import urlsplit

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBE)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0",
                           timeout=300_000)
    page.wait_for_function("() => window.__bench.resultShown > 0", timeout=60_000)
    answered = page.evaluate("() => performance.getEntriesByName('calculator:first-answer')[0].startTime")
    shown = page.evaluate("() => window.__bench.resultShown")
    fcp = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    started = page.evaluate(
        "() => (performance.getEntriesByName('calculator:load-start')[0] || {startTime: 0}).startTime")
    page.wait_for_timeout(500)   # let the last long task entries arrive
    tasks = page.evaluate("() => window.__bench.longtasks")
    # "While Pyodide loads": from the moment loading starts (ours: after first paint, when the
    # calculator is in view; naive: at page load) until Python's first answer is on screen.
    # A long task that overlaps the start counts with its part after it.
    loading = [min(d, s + d - started) for s, d in tasks if s <= answered and s + d > started]
    before = [min(d, started - s) for s, d in tasks if s < started]
    loaded = list(finished)   # what loading cost (Chromium re-requests the favicon on replaceState)
    raw = gz = 0
    for request in loaded:
        sizes = request.sizes()
        raw += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        gz += gz_size(site, urlsplit(request.url).path, gz_cache) + sizes["responseHeadersSize"]
    page.evaluate("() => performance.clearMarks('calculator:engine-call')")
    times = page.evaluate(RECOMPUTE, changes)
    engine = page.evaluate("() => performance.getEntriesByName('calculator:engine-call').map(m => m.detail)")
    # A repeat visit in the same context: the runtime comes from the HTTP cache (our /pyodide/
    # files are immutable), and Chromium may reuse the compiled WebAssembly it cached.
    page.goto(url)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0",
                           timeout=300_000)
    answered_again = page.evaluate(
        "() => performance.getEntriesByName('calculator:first-answer')[0].startTime")
    context.close()
    if errors:
        raise RuntimeError(f"page errors on {url}: {errors}")
    return {
        "first_result_ms": shown,
        "fcp_ms": fcp,
        "python_answers_ms": answered,
        "load_start_ms": started,
        "longtask_page_ms": sum(before),
        "longtask_total_ms": sum(loading),
        "longtask_max_ms": max(loading, default=0.0),
        "bytes": raw,
        "bytes_gzip": gz,
        "requests": len(loaded),
        "recompute_ms": statistics.median(times),
        "engine_ms": statistics.median(engine) if engine else None,
        "python_answers_repeat_ms": answered_again,
    }


def measure_plain(browser, url: str, site: Path, gz_cache: dict[str, int]) -> dict:
    """A guide page without a calculator, for reference: what the theme alone costs."""
    from urllib.parse import urlsplit

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBE)
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(1500)
    fcp = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    tasks = page.evaluate("() => window.__bench.longtasks")
    raw = gz = 0
    for request in finished:
        sizes = request.sizes()
        raw += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        gz += gz_size(site, urlsplit(request.url).path, gz_cache) + sizes["responseHeadersSize"]
    context.close()
    return {"fcp_ms": fcp, "longtask_page_ms": sum(d for _, d in tasks), "bytes": raw,
            "bytes_gzip": gz, "requests": len(finished)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=None, help="built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--changes", type=int, default=15)
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"error: Chromium not found at {CHROMIUM}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_path = Path(tmp)
        site = args.site
        if site is None:
            site = tmp_path / "built"
            result = build(site)
            if result.returncode != 0:
                print(f"error: the site did not build:\n{result.stderr[-4000:]}", file=sys.stderr)
                return 1
        served = make_naive(site.resolve(), tmp_path)
        runs: dict[str, list[dict]] = {"ours": [], "naive": [], "guide": []}
        gz_cache: dict[str, int] = {}
        with SiteServer(served) as server, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            version = browser.version
            for i in range(args.runs):
                for name, path in (("ours", "calculator/"), ("naive", "naive/")):
                    figures = measure(browser, server.url + path, served, args.changes, gz_cache)
                    runs[name].append(figures)
                    print(f"run {i + 1}/{args.runs} {name:5}: " + ", ".join(
                        f"{k}={v:.0f}" for k, v in figures.items() if v is not None), file=sys.stderr)
                runs["guide"].append(measure_plain(browser, server.url + "method/", served, gz_cache))
            browser.close()
    med = {name: {k: statistics.median(r[k] for r in rs if r[k] is not None)
                  for k in rs[0] if any(r[k] is not None for r in rs)}
           for name, rs in runs.items()}
    rows = [
        ("time to first result on screen", "first_result_ms", "ms"),
        ("  (first contentful paint)", "fcp_ms", "ms"),
        ("Pyodide loading starts at", "load_start_ms", "ms"),
        ("time until Python answers", "python_answers_ms", "ms"),
        ("  on a repeat visit (HTTP cache warm)", "python_answers_repeat_ms", "ms"),
        ("main-thread long tasks before loading starts", "longtask_page_ms", "ms"),
        ("main-thread long tasks while Pyodide loads", "longtask_total_ms", "ms"),
        ("  longest single long task while loading", "longtask_max_ms", "ms"),
        ("bytes transferred (uncompressed)", "bytes", "B"),
        ("bytes transferred (gzip estimate)", "bytes_gzip", "B"),
        ("requests", "requests", ""),
        (f"time per recompute (median of {args.changes})", "recompute_ms", "ms"),
        ("  of which Python in the worker", "engine_ms", "ms"),
    ]
    print(f"\nCalculator load, median of {args.runs} cold loads each "
          f"(Chromium {version} headless, loopback, no throttling, {os.cpu_count()} CPUs)\n")
    print(f"{'measure':46} {'ours':>12} {'naive':>12} {'guide page':>12}")
    print("-" * 85)
    for label, key, unit in rows:
        def fmt(v):
            if v is None:
                return "-"
            if unit == "B":
                return f"{v / 1e6:,.2f} MB"
            if unit == "ms":
                return f"{v:,.0f} ms" if v >= 10 else f"{v:,.1f} ms"
            return f"{v:,.0f}"
        print(f"{label:46} {fmt(med['ours'].get(key)):>12} {fmt(med['naive'].get(key)):>12} "
              f"{fmt(med['guide'].get(key)):>12}")
    print("\nours: /calculator/ as built; naive: Pyodide + engine on the main thread at page load, "
          "full stdlib;\nguide page: /method/ (no calculator), for what the theme alone costs.")
    if args.json:
        args.json.write_text(json.dumps({"runs": runs, "median": med}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
