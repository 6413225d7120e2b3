"""How fast the calculator loads and answers, phase by phase, against a baseline and a naive page.

Not a test. Serves built sites on loopback (tests/support/server.py with each site's generated
_headers, and gzip for text and WebAssembly as Netlify sends them: bench/lighthouse.py's
GzipHandler), and in one run measures, in Debian's Chromium driven by Playwright, with a fresh
browser context (cold cache) per load, three pages:

- after:  /calculator/ as this checkout builds it;
- before: /calculator/ as the baseline revision builds it (--baseline, default in
          bench/_baseline.py: the commit before the loading changes), built in this run from git
          into a temporary folder with its own build tools (its build/ first on sys.path);
- naive:  the same calculator page (same theme, same search worker: a fair comparison),
          written into a copy of this checkout's site with the pre-rendered calculator removed
          and the page script (site.mjs) replaced by one that loads the same self-hosted
          Pyodide on the main thread at page load (its defaults, so the full standard library
          as sources), then the engine through the same lockfile, then renders the form and
          the result.

Two profiles, each a median of --runs cold loads per page, with a repeat visit (same context,
HTTP cache warm) after each:

- desktop:   no throttling;
- throttled: a mid-range phone: CPU 4x slower and Chrome DevTools' "Fast 4G" network preset
  (front_end/core/sdk/NetworkManager.ts, Fast4GConditions: 9 Mbit/s down and 1.5 Mbit/s up
  times 0.9, 60 ms latency times 2.75, i.e. 1,012,500 B/s, 168,750 B/s and 165 ms), applied
  with CDP's Network.emulateNetworkConditions (it covers the worker's downloads too). The CPU
  is slowed by bench/_throttle.py for every thread of the renderer, because CDP's own
  Emulation.setCPUThrottlingRate slows the page's main thread only and this Chromium refuses
  it for a worker ("Operation is only supported for pages, not workers"): with it, our worker
  would run at full speed while the naive page was slowed. On a busy host the slowdown is at
  most 4x (a stopped process is not charged for the time it would have waited anyway).

The repeat visit is what a returning reader gets: by then the worker has saved its start-up
snapshot in Cache Storage (the benchmark waits for it), and restores Python from it.

For each load: where the time goes until Python answers, phase by phase along the critical
path (marks the worker sets and calculator-client.mjs copies into the page: see "Timings" in
docs/javascripts/calculator-worker.mjs; the naive page sets the same marks itself), the time
from load to the first answer changing the result (an answer is tapped at first paint, or for
the naive page as soon as its form exists, and the clock stops when the result follows it:
the page says "live" with no question in flight; marking the result as out of date does not count),
main-thread long tasks before loading starts and while Python loads, bytes, requests, and the
median time per recompute over --changes answer changes (in the page, and in Python), both for
changes made by a script (click(): no press) and for a press a reader makes with the pointer
(down, held for --press-ms, up), timed from the change at its end: the page may start working
when the press starts (page-kit.mjs's Foresight). The scripted changes come in three walks
(RECOMPUTE): one question's answers cycled (answers the page has shown before), every question
from the last up with no pause (answers never shown and not foreseen; their time is also split
into phases, PHASES, from the marks the worker sends), and every question from the first down
with --pause-ms before each (answers the page may have foreseen meanwhile).

    .venv/bin/python -m bench.calculator_load [--site SITE_DIR] [--runs 3] [--changes 15]
        [--press-ms 80] [--pause-ms 1000] [--profiles desktop throttled] [--baseline REV | --baseline none] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from bench._baseline import DEFAULT_LOAD_BASELINE, baseline_tree
from bench._site import check_built_from_checkout
from bench._throttle import RendererThrottle
from bench.lighthouse import COMPRESSIBLE, GzipHandler, _gzipped
from outside_help_build import stdlib
from outside_help_build.engine import example
from tests.support.chromium import ARGS, CHROMIUM
from outside_help_build import headers
from tests.support.server import NETLIFY_TOML, SiteServer

ROOT = Path(__file__).resolve().parent.parent

# Chrome DevTools' "Fast 4G" (see the docstring) and a CPU four times slower.
FAST_4G = {"offline": False, "latency": 60 * 2.75,
           "downloadThroughput": 9e6 / 8 * 0.9, "uploadThroughput": 1.5e6 / 8 * 0.9}
CPU_SLOWDOWN = 4
PROFILES = {"desktop": None, "throttled": (CPU_SLOWDOWN, FAST_4G)}

# Runs before any page script, in every variant: long tasks; the moment a result with scores is
# in the DOM and painted; and one tap on an answer as early as a reader could make it (at first
# paint, or when the form appears), timing until the result shows the change.
PROBE = """
globalThis.OH_CALCULATOR_TRACE = true;
window.__bench = { longtasks: [], resultShown: null, tapped: null, changed: null };
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longtasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
} catch (e) {}
const painted = (f) => requestAnimationFrame(() => setTimeout(f, 0));
const seen = () => document.querySelector("[data-calculator-result] .ohc-score__value");
const radios = () => [...document.querySelectorAll('input[type="radio"][name="direction"]')];
// The clock stops when the result follows the tapped answer: the page says "live" (data-result,
// which today's page and the naive page set: see page-kit.mjs) with no question in flight. A
// page that only marks its result as not yet following the answer has not changed it. A page
// from before data-result (the baseline) has no such mark: there the clock stops when the
// result's own content changes, the only sign that page gives.
function tap() {
  const result = document.querySelector("[data-calculator-result]");
  const marked = result && result.closest("[data-result]");
  const other = radios().find((r) => !r.checked);
  if (!result || !other) return false;
  const followed = marked
    ? () => marked.dataset.result === "live" && !result.hasAttribute("aria-busy")
    : (records) => records.some((r) => r.type === "childList" && result.contains(r.target));
  const mo = new MutationObserver((records) => {
    if (followed(records)) {
      mo.disconnect();
      painted(() => { window.__bench.changed = performance.now(); });
    }
  });
  mo.observe(marked || result, { attributes: true, childList: true, subtree: true });
  other.click();
  window.__bench.tapped = performance.now();
  return true;
}
const watch = new MutationObserver(() => {
  if (window.__bench.resultShown === null && seen()) {
    window.__bench.resultShown = -1;
    painted(() => { window.__bench.resultShown = performance.now(); });
  }
  if (window.__bench.tapped === null && radios().length && document.readyState !== "loading") {
    window.__bench.tapped = -1;
    painted(() => { if (!tap()) window.__bench.tapped = null; });
  }
  if (window.__bench.resultShown !== null && window.__bench.tapped !== null) watch.disconnect();
});
watch.observe(document, { childList: true, subtree: true });
document.addEventListener("DOMContentLoaded", () => {
  if (window.__bench.tapped === null && radios().length) {
    window.__bench.tapped = -1;
    painted(() => { if (!tap()) window.__bench.tapped = null; });
  }
});
"""

# Change answers N times and time each change until the result is rebuilt and painted. `walk`
# says which answer changes each time (to the question's next answer):
# - "cycle": always "direction", so from the fourth change on the answers are ones already shown
#   (the page keeps recent replies: page-kit.mjs's Foresight);
# - "up": each question in turn from the last to the first, with no pause, so every change gives
#   answers never shown and not foreseen (after a change the page guesses the other answers to that
#   question and to the ones after it, not the one before);
# - "down": each question in turn from the first to the last, `pauseMs` after the last result was
#   painted, as a reader reads on: the change is one the page may have foreseen by then.
# Returns {times, phases}: each change's ms, and for each change the engine was asked about, where
# its time went (PHASES; from the worker's marks, which a baseline's worker may not send).
RECOMPUTE = """
async ({ n, walk, pauseMs }) => {
  const result = document.querySelector("[data-calculator-result]");
  // The calculator's own answers (the theme has radios of its own: the colour scheme's).
  const form = document.querySelector('input[type="radio"][name="direction"]').form;
  const radios = [...form.querySelectorAll('input[type="radio"]')];
  const names = [...new Set(radios.map((r) => r.name))];
  const question = (i) => walk === "cycle" ? "direction"
    : walk === "up" ? names[names.length - 1 - (i % names.length)] : names[i % names.length];
  let frame = null;
  const painted = () => new Promise((r) => requestAnimationFrame(() => { frame = performance.now(); setTimeout(r, 0); }));
  const times = [], phases = [];
  for (let i = 0; i < n; i++) {
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    const group = radios.filter((r) => r.name === question(i));
    const next = group[(group.findIndex((r) => r.checked) + 1) % group.length];
    let shown = null;
    const done = new Promise((resolve) => {
      // Rebuilt, or asked and answered (a change that leaves the result as it was rebuilds nothing).
      let changed = false;
      const mo = new MutationObserver((records) => {
        if (records.some((r) => r.type === "childList" || r.attributeName === "aria-busy")) changed = true;
        if (changed && !result.hasAttribute("aria-busy")) { shown = performance.now(); mo.disconnect(); resolve(); }
      });
      mo.observe(result, { attributes: true, childList: true, subtree: true });
    });
    const t0 = performance.now();
    next.click();
    await done;
    await painted();
    const end = performance.now();
    times.push(end - t0);
    const call = performance.getEntriesByName("calculator:engine-call").find((m) => m.startTime >= t0);
    const at = call && typeof call.detail === "object" ? call.detail : null;
    if (at && typeof at.received === "number" && call.startTime <= shown) {
      phases.push({
        "to the worker": at.received - t0, "Python": at.ms, "back to the page": call.startTime - at.sent,
        "into the page": shown - call.startTime, "waiting for a frame": frame - shown, "that frame": end - frame,
      });
    }
  }
  return { times, phases };
}
"""

# Where an answer change's time goes (RECOMPUTE's phases), in order: from the click until the
# worker has the request; Python (calculator.api.handle); from the reply leaving the worker until
# the page has it; reading it and putting it on the page; from then until the next frame starts
# (requestAnimationFrame); that frame's style, layout and paint. The worker's own time around
# Python (under a millisecond) is in none of them.
PHASES = ("to the worker", "Python", "back to the page", "into the page", "waiting for a frame", "that frame")

# The reader's pause between two answers in the "down" walk (RECOMPUTE): our assumption of a
# short one (reading a question takes longer); --pause-ms changes it.
PAUSE_MS = 1000

# How long a press lasts, pointer down to up: our assumption for a quick tap or click (no study
# measured here gives one); --press-ms changes it, and --press-ms 0 measures a press with no hold.
PRESS_MS = 80

# A press on the next "direction" answer as a reader makes one: the pointer goes down, stays down
# for --press-ms, and comes up (the answer changes then). Armed before each press: the time of
# the change, and the time the result showing it is painted (as RECOMPUTE waits for it).
PRESS_ARM = """
() => {
  const result = document.querySelector("[data-calculator-result]");
  const radios = [...document.querySelectorAll('input[type="radio"][name="direction"]')];
  const next = radios[(radios.findIndex((r) => r.checked) + 1) % radios.length];
  const press = window.__press = { changed: null, shown: null };
  next.addEventListener("change", () => {
    press.changed = performance.now();
    let rebuilt = false;
    const mo = new MutationObserver((records) => {
      if (records.some((r) => r.type === "childList")) rebuilt = true;
      if (rebuilt && !result.hasAttribute("aria-busy")) {
        mo.disconnect();
        requestAnimationFrame(() => setTimeout(() => { press.shown = performance.now(); }, 0));
      }
    });
    mo.observe(result, { attributes: true, childList: true, subtree: true });
  }, { once: true });
  return next.value;
}
"""


def press_times(page, n: int, hold_ms: float) -> list[float]:
    """ms from the answer changing (the press ends) to the result painted, for n presses."""
    times = []
    for _ in range(n):
        value = page.evaluate(PRESS_ARM)
        radio = page.locator(f'input[name="direction"][value="{value}"]').first
        radio.evaluate("(r) => r.closest('label').scrollIntoView({ block: 'center' })")
        # The middle of the label's first line (an inline label's box spans its lines).
        x, y = radio.evaluate("""(r) => {
          const box = r.closest("label").getClientRects()[0];
          return [box.left + Math.min(box.width / 2, 20), box.top + box.height / 2];
        }""")
        page.mouse.move(x, y)
        page.mouse.down()
        page.wait_for_timeout(hold_ms)
        page.mouse.up()
        page.wait_for_function("() => window.__press.shown !== null", timeout=30_000)
        times.append(page.evaluate("() => window.__press.shown - window.__press.changed"))
    return times


# Every mark of the page, as {name: startTime} (the first of each name), and Python's import time.
MARKS = """() => {
  const marks = {};
  let stdlibImportMs = null;
  for (const m of performance.getEntriesByType("mark")) {
    if (!(m.name in marks)) marks[m.name] = m.startTime;
    if (m.detail && typeof m.detail.stdlibImportMs === "number") stdlibImportMs = m.detail.stdlibImportMs;
  }
  return { marks, stdlibImportMs };
}"""

NAIVE_SLOT = """<div id="naive-root" data-result="loading">
<p id="naive-status">Loading Python&hellip;</p>
<form id="form"></form>
<section data-calculator-result></section>
</div>"""

# What a first attempt looks like: Pyodide and the engine on the main thread, at page load,
# the form and result rendered only once Python runs. The marks are the worker's (same names,
# same hooks: see "Timings" in calculator-worker.mjs), so both pages are timed alike.
NAIVE_JS = """
const mark = (name) => performance.mark("calculator:worker:" + name);
performance.mark("calculator:load-start");
mark("worker");
const kind = (url) => {
  const path = new URL(String(url && url.url ? url.url : url), location.href).pathname;
  if (path.endsWith(".wasm")) return "wasm";
  if (/python_stdlib[^/]*\\.zip$/.test(path)) return "stdlib";
  if (path.endsWith(".whl")) return "wheel";
  if (path.endsWith(".json")) return "lockfile";
  return path.slice(path.lastIndexOf("/") + 1);
};
const realFetch = fetch.bind(globalThis);
globalThis.fetch = async (input, init) => {
  const name = kind(input);
  mark(`fetch:${name}:start`);
  const response = await realFetch(input, init);
  const body = response.body.pipeThrough(new TransformStream({ flush() { mark(`fetch:${name}:end`); } }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
};
const realStreaming = WebAssembly.instantiateStreaming;
WebAssembly.instantiateStreaming = function (...args) {
  mark("compile:start");
  return realStreaming.apply(this, args).then((r) => { mark("compile:end"); return r; });
};
const imports = [];
mark("loader:start");
const { loadPyodide } = await import("../%(runtime)spyodide.mjs");
mark("loader:end");
const pyodide = await loadPyodide({ indexURL: new URL("../%(runtime)s", location).href,
  lockFileURL: new URL("../%(lockfile)s", location).href,
  env: { PYTHONPROFILEIMPORTTIME: "1" }, stderr: (t) => imports.push(t) });
mark("runtime:end");
let stdlibImportMs = 0;
for (const line of imports.splice(0)) {
  const m = /^import time:\\s+\\d+ \\|\\s+(\\d+) \\| (\\S.*)$/.exec(line);
  if (m) stdlibImportMs += Number(m[1]) / 1000;
}
performance.mark("calculator:naive-imports", { detail: { stdlibImportMs } });
mark("wheel:start");
await pyodide.loadPackage("calculator", { messageCallback: () => {} });
mark("wheel:end");
const api = pyodide.pyimport("calculator.api");
mark("import:end");
const ask = (request) => JSON.parse(api.handle(JSON.stringify(request)));
const schema = ask({ op: "questions" }).questions;
mark("data:end");
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
  document.getElementById("naive-root").dataset.result = "live";
}
form.addEventListener("change", render);
render();
document.getElementById("naive-status").textContent = "Ready.";
performance.mark("calculator:first-answer");
"""

# The critical path to Python's first answer: each milestone is a mark (the worker's marks are
# copied into the page as calculator:worker:<name>); a phase is the time from the previous
# milestone to its own. "interpreter start" is split by Python's own import timer (-X importtime).
MILESTONES = (
    ("navigation to loading start", "calculator:load-start"),
    ("worker start (script and imports)", "calculator:worker:worker"),
    ("Pyodide's loader (pyodide.mjs)", "calculator:worker:loader:end"),
    ("download of the interpreter (.wasm)", "calculator:worker:fetch:wasm:end"),
    ("compile, or snapshot read, after download", "calculator:worker:compile:end"),
    ("interpreter start (or restore) + stdlib", "calculator:worker:runtime:end"),
    ("the wheel (unpacked; restored: after the answer)", "calculator:worker:wheel:end"),
    ("the engine's import", "calculator:worker:import:end"),
    ("the engine's data (first request)", "calculator:worker:data:end"),
    ("warm-up requests (first visit)", "calculator:worker:warm-up:end"),
    ("taking the snapshot (first visit)", "calculator:worker:snapshot:made"),
    ("first reply on the page", "calculator:first-answer"),
)


def phases(marks: dict[str, float], stdlib_ms: float | None) -> dict[str, float]:
    """Phase name -> ms along the critical path; missing marks leave their phase out."""
    out: dict[str, float] = {}
    previous = 0.0
    for label, name in MILESTONES:
        if name not in marks:
            continue
        at = marks[name]
        span = max(0.0, at - previous)
        if name.endswith("runtime:end") and stdlib_ms is not None:
            out["  of which standard library imports"] = min(span, stdlib_ms)
        out[label] = span
        previous = max(previous, at)
    for name in ("stdlib", "wasm"):
        end = marks.get(f"calculator:worker:fetch:{name}:end")
        if end is not None:
            out[f"({name} download ends at)"] = end
    if "calculator:worker:snapshot:read" in marks:   # read while the interpreter compiles
        out["(saved snapshot read at)"] = marks["calculator:worker:snapshot:read"]
    return out


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
    # (in javascripts/<digest>/ since the build names our scripts' folder by their content)
    script = re.search(r'<script[^>]*src="[^"]*javascripts/(?:[0-9a-f]{12}/)?site\.mjs"[^>]*></script>', html)
    if script is None:
        raise SystemExit("bench: the calculator page does not load javascripts/site.mjs")
    page = html[:start] + NAIVE_SLOT + html[end:]
    page = page.replace(script.group(0), '<script type="module" src="naive.mjs"></script>')
    # Our page's early start of its own engine (calculator-start.mjs) is not the naive page's.
    page = re.sub(r'<script[^>]*src="[^"]*javascripts/(?:[0-9a-f]{12}/)?calculator-start\.mjs"[^>]*></script>\n?', "", page)
    (naive / "index.html").write_text(page, encoding="utf-8")
    (naive / "naive.mjs").write_text(NAIVE_JS % {
        "runtime": config["runtime"], "lockfile": config["lockfile"],
        "example": json.dumps(example()["answers"]),
    }, encoding="utf-8")
    return copy


def build_baseline(rev: str, tmp: Path) -> tuple[Path, Path]:
    """Build the site as revision `rev` builds it; return (site folder, its netlify.toml)."""
    tree = tmp / "baseline-src"
    tree.mkdir()
    baseline_tree(rev, tree, (".",))
    (tree / "node_modules").symlink_to(ROOT / "node_modules")
    site = tmp / "baseline-site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1",
           "PYTHONPATH": str(tree / "build")}   # its build tools, not this checkout's
    env.pop("SITE_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "outside_help_build", "build", "--generator", "mkdocs",
         "--site-dir", str(site)], cwd=tree, env=env, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:
        raise SystemExit(f"bench: the baseline {rev} did not build:\n{result.stderr[-4000:]}")
    if not (site / headers.FILE_NAME).is_file():
        # Built before the build wrote _headers: give it today's generated headers (its caching
        # rules above all), so that repeat visits are compared like with like.
        headers.write(site)
    return site, tree / "netlify.toml"


def wire_size(site: Path, url_path: str, cache: dict[str, tuple[int, int]]) -> tuple[int, int]:
    """(uncompressed, as sent) bytes of a file of `site`: gzip for what the server compresses."""
    if url_path not in cache:
        local = site / url_path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            cache[url_path] = (0, 0)
        else:
            raw = local.stat().st_size
            sent = len(_gzipped(str(local), local.stat().st_mtime_ns)[0]) if local.suffix in COMPRESSIBLE else raw
            cache[url_path] = (raw, sent)
    return cache[url_path]


def compress_ahead(site: Path) -> None:
    """Gzip the large files the server compresses once, before any load: the server keeps what
    it compressed, and no page may pay for compressing the 10 MB interpreter on first request."""
    for path in site.rglob("*"):
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size > 100_000:
            _gzipped(str(path), path.stat().st_mtime_ns)


def wait_answered(page, timeout: float) -> None:
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0",
                           timeout=timeout)
    page.wait_for_function("() => window.__bench.changed !== null && window.__bench.resultShown > 0",
                           timeout=timeout)


def visit(page) -> dict:
    """The figures of the load just finished in `page`."""
    got = page.evaluate(MARKS)
    marks = got["marks"]
    bench = page.evaluate("() => window.__bench")
    answered = marks["calculator:first-answer"]
    started = marks.get("calculator:load-start", 0.0)
    tasks = bench["longtasks"]
    loading = [min(d, s + d - started) for s, d in tasks if s <= answered and s + d > started]
    before = [min(d, started - s) for s, d in tasks if s < started]
    fcp = page.evaluate(
        "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || null")
    return {
        "first_result_ms": bench["resultShown"],
        "fcp_ms": fcp,
        "load_start_ms": started,
        "python_answers_ms": answered,
        "tap_changes_result_ms": bench["changed"],
        "longtask_page_ms": sum(before),
        "longtask_total_ms": sum(loading),
        "longtask_max_ms": max(loading, default=0.0),
        "phases": phases(marks, got["stdlibImportMs"]),
        "from_snapshot": int("calculator:worker:snapshot:end" in marks),
        "made_snapshot": int("calculator:worker:snapshot:made" in marks),
    }


# The saved start-up snapshot's size, once the worker has saved it (in the background).
SAVED_SNAPSHOT = """async () => {
  if (typeof caches !== "object") return null;
  const cache = await caches.open("outside-help-calculator-snapshot");
  for (const key of await cache.keys()) {
    const saved = await cache.match(key);
    const kind = saved.headers.get("X-Snapshot");   // "gzip" before 2026-12-06, "pages" since
    if (kind === "gzip" || kind === "pages") return (await saved.arrayBuffer()).byteLength;
  }
  return null;
}"""


def wait_snapshot_saved(page, timeout_s: float = 60) -> int | None:
    """The saved snapshot's bytes (as stored), waiting for the worker to save it; None if it never does."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        size = page.evaluate(SAVED_SNAPSHOT)
        if size:
            return size
        page.wait_for_timeout(250)
    return None


def measure(browser, browser_pid: int, url: str, site: Path, profile, changes: int,
            sizes: dict, press_ms: float = PRESS_MS, pause_ms: float = PAUSE_MS) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(PROBE)
    page = context.new_page()
    timeout = 300_000
    cpu, network = profile if profile else (1, None)
    if network:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    with RendererThrottle(browser_pid, cpu):
        page.goto(url)
        wait_answered(page, timeout)
        page.wait_for_timeout(500)   # let the last long task entries arrive
        cold = visit(page)
        raw = sent = 0
        for request in list(finished):
            r, s = wire_size(site, urlsplit(request.url).path, sizes)
            headers = request.sizes()["responseHeadersSize"]
            raw, sent = raw + r + headers, sent + s + headers
        requests = len(finished)
        times = page.evaluate(RECOMPUTE, {"n": changes, "walk": "cycle", "pauseMs": 0})["times"]
        # Python's time per call where every change is asked for (no reply kept or guessed).
        page.evaluate("() => performance.clearMarks('calculator:engine-call')")
        walked = page.evaluate(RECOMPUTE, {"n": changes, "walk": "up", "pauseMs": 0})
        unforeseen = walked["times"]
        engine = page.evaluate("() => performance.getEntriesByName('calculator:engine-call')"
                               ".map(m => typeof m.detail === 'object' ? m.detail.ms : m.detail)")
        paused = page.evaluate(RECOMPUTE, {"n": changes, "walk": "down", "pauseMs": pause_ms})["times"]
        pressed = press_times(page, changes, press_ms)
        # A reader comes back later: by then the worker has saved its snapshot (if it makes one).
        snapshot_bytes = wait_snapshot_saved(page) if cold["made_snapshot"] else None
        # A repeat visit in the same context: the runtime comes from the HTTP cache (our
        # /pyodide/ files are immutable), and Chromium may reuse the compiled WebAssembly.
        page.goto(url)
        wait_answered(page, timeout)
        repeat = visit(page)
    context.close()
    if errors:
        raise RuntimeError(f"page errors on {url}: {errors}")
    return {
        **cold,
        "bytes": raw,
        "bytes_sent": sent,
        "requests": requests,
        "recompute_ms": statistics.median(times),
        "recompute_unforeseen_ms": statistics.median(unforeseen),
        "recompute_paused_ms": statistics.median(paused),
        "press_recompute_ms": statistics.median(pressed),
        "engine_ms": statistics.median(engine) if engine else None,
        "unforeseen_phases_ms": {name: statistics.median(row[name] for row in walked["phases"])
                                 for name in PHASES} if walked["phases"] else None,
        "snapshot_bytes": snapshot_bytes,
        "repeat": repeat,
    }


def measure_plain(browser, url: str, site: Path, sizes: dict) -> dict:
    """A guide page without a calculator, for reference: what the theme alone costs."""
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
    raw = sent = 0
    for request in finished:
        r, s = wire_size(site, urlsplit(request.url).path, sizes)
        headers = request.sizes()["responseHeadersSize"]
        raw, sent = raw + r + headers, sent + s + headers
    context.close()
    return {"fcp_ms": fcp, "longtask_page_ms": sum(d for _, d in tasks), "bytes": raw,
            "bytes_sent": sent, "requests": len(finished)}


# ---------------------------------------------------------------------------------------------
# Medians and tables
# ---------------------------------------------------------------------------------------------

def median_of(runs: list[dict], key: str | tuple[str, str], visit_key: str | None = None):
    """The median of a figure over runs; `key` names it, or (figure, part) a part of one (e.g. a
    phase of unforeseen_phases_ms). Runs without it (a baseline that does not measure it) are left out."""
    values = []
    for run in runs:
        source = run[visit_key] if visit_key else run
        value = (source.get(key[0]) or {}).get(key[1]) if isinstance(key, tuple) else source.get(key)
        if value is not None:
            values.append(value)
    return statistics.median(values) if values else None


def median_phases(runs: list[dict], visit_key: str | None) -> dict[str, float]:
    names: list[str] = []
    for run in runs:
        source = run[visit_key] if visit_key else run
        names += [n for n in source["phases"] if n not in names]
    out = {}
    for name in names:
        values = [(run[visit_key] if visit_key else run)["phases"].get(name) for run in runs]
        values = [v for v in values if v is not None]
        if values:
            out[name] = statistics.median(values)
    return out


def fmt(value, unit: str = "ms") -> str:
    if value is None:
        return "-"
    if unit == "B":
        return f"{value / 1e6:,.2f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "":
        return f"{value:,.0f}"
    return f"{value:,.0f} ms" if abs(value) >= 10 else f"{value:,.1f} ms"


def print_phase_table(profile: str, runs: dict[str, list[dict]], variants: list[str]) -> None:
    order = [label for label, _ in MILESTONES]
    print(f"\nWhere the time goes until Python answers ({profile}; ms along the critical path, "
          "medians)\n")
    head = f"{'phase':40}" + "".join(f"{v + ' cold':>14}" for v in variants) \
        + "".join(f"{v + ' repeat':>15}" for v in variants)
    print(head)
    print("-" * len(head))
    tables = {(v, k): median_phases(runs[v], k) for v in variants for k in (None, "repeat")}
    names = []
    for table in tables.values():
        names += [n for n in table if n not in names]
    names.sort(key=lambda n: (order.index(n) if n in order else
                              order.index("interpreter start (or restore) + stdlib") + 0.5
                              if n.startswith("  of which") else len(order) + 1))
    for name in names:
        cells = [fmt(tables[(v, None)].get(name)) for v in variants] \
            + [fmt(tables[(v, "repeat")].get(name)) for v in variants]
        print(f"{name:40}" + "".join(f"{c:>14}" for c in cells[:len(variants)])
              + "".join(f"{c:>15}" for c in cells[len(variants):]))
    totals = [fmt(median_of(runs[v], "python_answers_ms")) for v in variants] \
        + [fmt(median_of(runs[v], "python_answers_ms", "repeat")) for v in variants]
    print(f"{'= time until Python answers':40}" + "".join(f"{c:>14}" for c in totals[:len(variants)])
          + "".join(f"{c:>15}" for c in totals[len(variants):]))


def print_figures(profile: str, runs: dict[str, list[dict]], variants: list[str], changes: int) -> None:
    rows = [
        ("time to first result on screen", "first_result_ms", None, "ms"),
        ("  (first contentful paint)", "fcp_ms", None, "ms"),
        ("Pyodide loading starts at", "load_start_ms", None, "ms"),
        ("time until Python answers", "python_answers_ms", None, "ms"),
        ("  on a repeat visit", "python_answers_ms", "repeat", "ms"),
        ("first tap changes the result at", "tap_changes_result_ms", None, "ms"),
        ("  on a repeat visit", "tap_changes_result_ms", "repeat", "ms"),
        ("main-thread long tasks before loading starts", "longtask_page_ms", None, "ms"),
        ("main-thread long tasks while Python loads", "longtask_total_ms", None, "ms"),
        ("  longest single long task while loading", "longtask_max_ms", None, "ms"),
        ("bytes (uncompressed)", "bytes", None, "B"),
        ("bytes sent (gzip where Netlify compresses)", "bytes_sent", None, "B"),
        ("requests", "requests", None, ""),
        ("start-up snapshot saved (as stored, Cache Storage)", "snapshot_bytes", None, "B"),
        ("repeat visits restored from it (of runs)", "from_snapshot", "repeat", "n"),
        (f"time per recompute (median of {changes})", "recompute_ms", None, "ms"),
        ("  answers never shown, none foreseen", "recompute_unforeseen_ms", None, "ms"),
        ("    of which Python in the worker", "engine_ms", None, "ms"),
        *((f"    phase: {name}", ("unforeseen_phases_ms", name), None, "ms") for name in PHASES),
        ("  answers never shown, after a reader's pause", "recompute_paused_ms", None, "ms"),
        ("after a press, from its end (median)", "press_recompute_ms", None, "ms"),
    ]
    print(f"\nFigures ({profile}; medians)\n")
    print(f"{'measure':46}" + "".join(f"{v:>13}" for v in variants))
    print("-" * (46 + 13 * len(variants)))
    for label, key, visit_key, unit in rows:
        if unit == "n":
            cells = [f"{sum(r[visit_key][key] for r in runs[v])} of {len(runs[v])}" for v in variants]
        else:
            cells = [fmt(median_of(runs[v], key, visit_key), unit) for v in variants]
        print(f"{label:46}" + "".join(f"{c:>13}" for c in cells))


def goals(results: dict[str, dict[str, list[dict]]], variants: list[str]) -> list[tuple]:
    """The issue's goal figures: (label, {variant: value}, target text, unit)."""
    out = []
    for profile, runs in results.items():
        for visit_key, visit in ((None, "cold"), ("repeat", "repeat")):
            naive = median_of(runs["naive"], "python_answers_ms", visit_key)
            out.append((f"Python answers / naive ({profile}, {visit})",
                        {v: median_of(runs[v], "python_answers_ms", visit_key) / naive
                         for v in variants if v != "naive"}, "<= 0.40x", "x"))
    if "throttled" in results:
        runs = results["throttled"]
        out.append(("first tap changes the result (throttled, cold)",
                    {v: median_of(runs[v], "tap_changes_result_ms") for v in variants},
                    "<= 5,000 ms", "ms"))
        out.append(("first tap changes the result (throttled, repeat)",
                    {v: median_of(runs[v], "tap_changes_result_ms", "repeat") for v in variants},
                    "<= 3,000 ms", "ms"))
    recomputes = (("recompute in the page", "recompute_ms"),
                  ("  answers never shown, none foreseen", "recompute_unforeseen_ms"),
                  ("  answers never shown, after a pause", "recompute_paused_ms"),
                  ("  after a press, from its end", "press_recompute_ms"))
    for profile, target in (("desktop", "<= 16 ms"), ("throttled", "<= 50 ms")):
        if profile in results:
            for label, key in recomputes:
                out.append((f"{label} ({profile})", {v: median_of(results[profile][v], key) for v in variants},
                            target, "ms"))
    for profile, runs in results.items():
        out.append((f"long tasks before loading starts ({profile})",
                    {v: median_of(runs[v], "longtask_page_ms") for v in variants}, "<= 50 ms", "ms"))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=None, help="built site (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--changes", type=int, default=15)
    parser.add_argument("--press-ms", type=float, default=PRESS_MS, help="how long each press lasts (ms)")
    parser.add_argument("--pause-ms", type=float, default=PAUSE_MS,
                        help="the reader's pause before each change of the 'down' walk (ms)")
    parser.add_argument("--profiles", nargs="+", choices=sorted(PROFILES), default=["desktop", "throttled"])
    parser.add_argument("--baseline", default=DEFAULT_LOAD_BASELINE,
                        help="git revision built as 'before' ('none': no baseline)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"error: Chromium not found at {CHROMIUM}", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    from tests.support.build_command import build

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp_path = Path(tmp)
        site = args.site
        if site is not None:
            check_built_from_checkout(site)   # measured as this checkout
        else:
            site = tmp_path / "built"
            result = build(site)
            if result.returncode != 0:
                print(f"error: the site did not build:\n{result.stderr[-4000:]}", file=sys.stderr)
                return 1
        served = make_naive(site.resolve(), tmp_path)
        sites = {"after": (served, NETLIFY_TOML, "calculator/"), "naive": (served, NETLIFY_TOML, "naive/")}
        if args.baseline != "none":
            print(f"building the baseline {args.baseline} ...", file=sys.stderr)
            base_site, base_toml = build_baseline(args.baseline, tmp_path)
            sites["before"] = (base_site, base_toml, "calculator/")
        variants = [v for v in ("before", "after", "naive") if v in sites]
        for folder in {sites[v][0] for v in variants}:
            compress_ahead(folder)
        results: dict[str, dict[str, list[dict]]] = {p: {v: [] for v in variants} for p in args.profiles}
        guide: list[dict] = []
        sizes: dict[str, dict] = {v: {} for v in variants}
        servers = {v: SiteServer(sites[v][0], netlify_toml=sites[v][1], handler=GzipHandler)
                   for v in variants}
        with sync_playwright() as pw:
            for server in servers.values():
                server.__enter__()
            try:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
                version = browser.version
                info = browser.new_browser_cdp_session().send("SystemInfo.getProcessInfo")
                browser_pid = next(p["id"] for p in info["processInfo"] if p["type"] == "browser")
                for profile in args.profiles:
                    for i in range(args.runs):
                        for v in variants:
                            figures = measure(browser, browser_pid, servers[v].url + sites[v][2],
                                              sites[v][0], PROFILES[profile], args.changes, sizes[v],
                                              args.press_ms, args.pause_ms)
                            results[profile][v].append(figures)
                            print(f"{profile} run {i + 1}/{args.runs} {v:6}: answers "
                                  f"{figures['python_answers_ms']:.0f} ms, repeat "
                                  f"{figures['repeat']['python_answers_ms']:.0f} ms, tap "
                                  f"{figures['tap_changes_result_ms']:.0f} ms", file=sys.stderr)
                        if profile == "desktop":
                            guide.append(measure_plain(browser, servers["after"].url + "method/",
                                                       served, sizes["after"]))
                browser.close()
            finally:
                for server in servers.values():
                    server.__exit__()
    print(f"\nCalculator load: {', '.join(variants)}; medians of {args.runs} cold loads each, "
          f"each followed by a repeat visit (Chromium {version} headless, loopback, gzip as "
          f"Netlify sends, {os.cpu_count()} CPUs shared with other work: rely on the ratios "
          "within this run)")
    if "before" in variants:
        print(f"before: /calculator/ as {args.baseline} builds it; after: this checkout; naive: "
              "Pyodide + engine on the main thread at page load, full stdlib")
    for profile in args.profiles:
        label = profile if profile == "desktop" else (
            f"throttled: CPU {CPU_SLOWDOWN}x slower, Fast 4G 1.01 MB/s down, 165 ms latency")
        print_phase_table(label, results[profile], variants)
        print_figures(label, results[profile], variants, args.changes)
    if guide:
        print(f"\nA guide page (/method/, no calculator; desktop): bytes "
              f"{fmt(median_of(guide, 'bytes'), 'B')}, sent {fmt(median_of(guide, 'bytes_sent'), 'B')}, "
              f"requests {fmt(median_of(guide, 'requests'), '')}, long tasks "
              f"{fmt(median_of(guide, 'longtask_page_ms'))}")
    print("\nGoals (issue 23)\n")
    print(f"{'goal figure':52}" + "".join(f"{v:>12}" for v in variants if v != "naive") + f"{'naive':>12}   target")
    for label, values, target, unit in goals(results, variants):
        cells = "".join(f"{fmt(values.get(v), unit):>12}" for v in variants if v != "naive")
        print(f"{label:52}{cells}{fmt(values.get('naive'), unit) if 'naive' in values else '':>12}   {target}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"results": results, "guide": guide}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
