"""The words a reader sees for each state of the result, against a fixture written by hand
(tests/data/wording.json), through the API the page calls (the built page's: tests/site/test_wording_built.py)."""

from __future__ import annotations

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
