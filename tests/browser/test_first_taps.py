"""The first tap answered before Python runs (build/outside_help_build/first_taps.py and
docs/javascripts/first-taps.mjs): with the runtime's download held, a first change of one answer
shows the engine's result for it at once, and anything further waits for Python, saying so."""

from __future__ import annotations

from calculator import result_view, score
from outside_help_build.engine import example

RESULT = "[data-calculator-result]"
HEADLINE = "[data-calculator-headline]"


def hold_the_runtime(page) -> None:
    """Python never starts: the interpreter's download is never answered (the silence timeout
    is raised so the page keeps waiting instead of reporting a failure)."""
    page.context.add_init_script("globalThis.OH_CALCULATOR_TIMEOUT_MS = 600000;")
    page.context.route("**/*.wasm", lambda route: None)


def test_the_first_tap_shows_the_engines_result_before_python_runs(page, site_server, page_problems):
    page_problems.allow(r"Failed to load resource|ERR_FAILED")
    hold_the_runtime(page)
    page.goto(site_server + "calculator/")
    answers = dict(example()["answers"])
    answers["direction"] = "us"
    page.check('[data-calculator] input[name="direction"][value="us"]')
    view = result_view(score(answers))
    page.wait_for_function("h => document.querySelector('[data-calculator-headline]').textContent === h",
                           arg=view["headline"])
    assert page.get_attribute("[data-calculator]", "data-state") == "loading", "Python has not started"
    assert page.get_attribute("[data-calculator]", "data-result") == "live"
    # While Python loads, the page's words say the result is the reader's, not the example's
    # (the loading steps' words too: calculator.mjs, words().step).
    message = page.inner_text("[data-calculator-message]")
    assert "follows your answers" in message and "example" not in message, message
    assert page.get_attribute(RESULT, "data-recommendation") == view["recommendation_attr"]
    for row in view["scores"]:
        assert page.inner_text(f'{RESULT} [data-model="{row["model"]}"] .ohc-score__value') == row["display"]

    # A second change is not in the table: the result is marked as not following yet, and the
    # headline stays the first tap's.
    page.check('[data-calculator] input[name="urgency"][value="weeks"]')
    page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.result === 'stale'")
    assert page.inner_text(HEADLINE) == view["headline"]
    assert "once the live calculator has started" in page.inner_text("[data-calculator-message]")


def test_a_table_for_other_answers_is_not_used(page, site_server, page_problems):
    """A table whose example is not the page's (a deploy in between, a changed file) is refused:
    the tap waits for Python rather than showing another example's result."""
    page_problems.allow(r"Failed to load resource|ERR_FAILED")
    hold_the_runtime(page)

    def stale_table(route):
        response = route.fetch()
        table = response.json()
        table["example"] = "v3k1-XXXX"
        route.fulfill(response=response, json=table)

    page.context.route("**/first-taps/*.json", stale_table)
    page.goto(site_server + "calculator/")
    headline = page.inner_text(HEADLINE)
    page.check('[data-calculator] input[name="direction"][value="us"]')
    page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.result === 'stale'")
    page.wait_for_timeout(500)
    assert page.inner_text(HEADLINE) == headline
    assert page.get_attribute("[data-calculator]", "data-result") == "stale"
