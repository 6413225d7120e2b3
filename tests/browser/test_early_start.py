"""The calculator's earliest start (issue 23), in Chromium: on the calculator and planner pages an
inline script before the stylesheets (overrides/partials/calculator-early.html) creates the
calculator's worker and sends it the start message; calculator-client.mjs adopts that worker and
replays what it said before (Engine.start, adoptEarly). These tests check that the reader gets one
worker, started before any of our modules is fetched; that a failure the worker met before it was
adopted still reaches the page with Retry; and that an early worker the client does not recognise
is replaced, not used. The Zensical build has no early start (its templates cannot copy the
config); the calculator tests run there too (test_calculator.py)."""

from __future__ import annotations

import re

import pytest

from tests.support.browser import READY_MS, wait_ready

WORKER = re.compile(r"/javascripts/[0-9a-f]{12}/calculator-worker\.mjs$")


def record(page) -> list[str]:
    """The address of every worker the page creates, in order, as a list that grows."""
    seen: list[str] = []
    page.on("worker", lambda worker: seen.append(worker.url))
    return seen


@pytest.mark.parametrize("path, root", [
    ("calculator/", "[data-calculator]"), ("plan/", "[data-plan-config]"),
], ids=["calculator", "planner"])
def test_the_worker_started_in_the_head_is_the_one_that_answers(page, site_server, path, root):
    seen = record(page)
    page.goto(site_server + path)
    wait_ready(page, root)
    assert [url for url in seen if WORKER.search(url)] == [seen[0]] and WORKER.search(seen[0]), seen
    got = page.evaluate("""() => ({
      start: performance.getEntriesByName("calculator:load-start")[0].startTime,
      from: performance.getEntriesByName("calculator:load-start")[0].detail?.from,
      paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
      left: typeof globalThis.OH_CALCULATOR_EARLY,
    })""")
    assert got["from"] == "head" and got["left"] == "undefined", got   # started there, then adopted
    # Before the stylesheets, so before anything can be painted (with calculator-start.mjs alone
    # it started after the first paint on a throttled phone).
    assert got["start"] < got["paint"], got
    if path == "calculator/":   # its first answer came from that worker
        page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")

def test_a_failure_before_the_worker_was_adopted_reaches_the_page_and_retry_works(page, site_server, page_problems):
    """The worker's script cannot load: the early worker's error is kept until the client adopts
    it, then shown with Retry, as when the client started the worker itself."""
    page_problems.allow(r"Failed to load resource|ERR_FAILED|calculator-worker")
    page.context.add_init_script("globalThis.OH_CALCULATOR_TIMEOUT_MS = 20000;")
    page.context.route(WORKER, lambda route: route.abort())
    seen = record(page)
    page.goto(site_server + "calculator/")
    page.wait_for_selector('[data-calculator][data-state="error"]', timeout=READY_MS)
    message = page.inner_text("[data-calculator-message]")
    # The sentence for a worker that could not start; an error lost before the adoption would
    # have left the page waiting for its silence timeout, whose sentence differs.
    assert "could not start in this browser" in message, message
    assert page.evaluate("() => typeof globalThis.OH_CALCULATOR_EARLY") == "undefined", "not adopted"
    page.context.unroute(WORKER)
    page.evaluate("globalThis.OH_CALCULATOR_TIMEOUT_MS = 90000")   # a real load has silent phases
    page.click('[data-action="retry"]')
    wait_ready(page)
    assert len([url for url in seen if WORKER.search(url)]) == 1, "Retry starts a new worker"


def test_an_early_worker_started_with_another_start_message_is_replaced(page, site_server):
    """The client uses the head's worker only if it was sent the very start message the client
    would send. Here the benchmark's trace switch reads false in the head and true afterwards,
    so the messages differ: the client says so in the console, stops that worker and starts its
    own, which answers."""
    warnings: list[str] = []
    page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    page.context.add_init_script(
        "let reads = 0; Object.defineProperty(globalThis, 'OH_CALCULATOR_TRACE', { get: () => reads++ > 0 });")
    seen = record(page)
    page.goto(site_server + "calculator/")
    wait_ready(page)
    assert len([url for url in seen if WORKER.search(url)]) == 2, seen
    assert any("early worker was started with another trace" in text for text in warnings), warnings
