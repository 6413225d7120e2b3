"""The words a reader sees for each state of the result, against a fixture written by hand
(tests/data/wording.json): through the API the page calls, and in the built calculator page's
pre-rendered result (no browser needed)."""

from __future__ import annotations

import html
import json
import pathlib

import pytest

from calculator.api import handle

WORDING = json.loads((pathlib.Path(__file__).parents[1] / "data" / "wording.json").read_text("utf-8"))


@pytest.mark.parametrize("case", WORDING["states"], ids=[s["state"] for s in WORDING["states"]])
def test_each_state_reads_as_written(case):
    request = {"op": "score", "answers": case["answers"]}
    if "weights" in case:
        request["weights"] = case["weights"]
    reply = json.loads(handle(json.dumps(request)))
    assert reply["ok"], reply
    view = reply["view"]
    assert (view["verdict"] if view["state"] == "recommend" else view["state"]) == case["state"]
    assert view["headline"] == case["headline"]
    assert view["outcome"] == case["outcome"]


def test_every_state_has_its_wording():
    assert {s["state"] for s in WORDING["states"]} == {
        "no_answers", "not_ready", "no_fit", "provisional", "close_call", "for_now", "tie", "clear", "leaning"}


@pytest.mark.site
def test_the_calculator_page_shows_the_example_result_in_words_before_any_script(built_site):
    """The served HTML itself (before any script runs) carries the example's headline, in the
    result and in the sticky summary, and the sentence under it."""
    page = (built_site / "calculator" / "index.html").read_text("utf-8")
    headline = html.escape(WORDING["example"]["headline"], quote=False)
    assert f"data-calculator-headline>{headline}</p>" in page
    assert f"<span data-calculator-sticky-text>{headline}</span>" in page
    assert html.escape(WORDING["example"]["outcome"], quote=False) in page
