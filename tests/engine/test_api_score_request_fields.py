"""The score request's own fields, as api.handle_request reads them: a link code comes alone
(with neither answers, weights nor cost figures beside it), a request without answers is scored
as nothing answered, and the memo is made from the views the reply already holds (the result's
view and the cost's are built once per request, not again for the memo).

Expected values are written by hand from calculator/api.py and calculator/render.py.
"""

from __future__ import annotations

import json

import pytest

from calculator import render
from calculator.api import handle, handle_request

NOT_BOTH = {"kind": "bad_request", "message": "give either 'share' or 'answers'/'weights'/'cost', not both"}
FIGURES = {"general": {"people": 2}, "staff_augmentation": {"rate_per_person_month": 5000}}


def ask(request: dict) -> dict:
    return json.loads(handle(json.dumps(request)))


@pytest.mark.parametrize("beside", [
    {"answers": {"direction": "us"}},
    {"weights": {"kind": 0}},                   # weights alone beside a link code
    {"cost": FIGURES},                          # cost figures alone beside a link code
    {"weights": {"kind": 0}, "cost": FIGURES},
], ids=["answers", "weights", "cost", "weights-and-cost"])
def test_a_link_code_with_answers_weights_or_figures_beside_it_is_refused(beside):
    """The reader would otherwise see the link's answers while thinking their weights or figures
    were used: the request is refused, naming both ways of giving them."""
    assert ask({"op": "score", "share": "v3d1-41dF", **beside}) == {"ok": False, "error": NOT_BOTH}


def test_a_score_request_without_answers_is_scored_as_nothing_answered():
    """No "answers" field is the empty form (every question unanswered), not an error."""
    reply = ask({"op": "score"})
    assert reply["ok"] is True
    assert reply["result"]["recommendation"] is None
    assert reply["result"]["answers"] == {}
    assert reply["link"] == {"version": 3, "notes": []}
    # the same reply as for the empty form sent explicitly
    assert reply == ask({"op": "score", "answers": {}})


def _must_not_be_called(*args, **kwargs):
    raise AssertionError("the memo built a view the reply already had")


@pytest.mark.parametrize("request_", [
    {"op": "score", "answers": {"direction": "us"}, "cost": FIGURES},
    {"op": "open_link", "values": ["v3d1Cp2Sr5000-DC5P"]},     # the same answers and figures, as a link
], ids=["score", "open_link"])
def test_the_memo_reuses_the_result_and_cost_views_of_the_reply(monkeypatch, request_):
    """render_markdown takes the views the caller has made (view=, shown_cost=): the memo shows
    the very result and cost the page shows, and a score with figures does not lay them out twice
    (the memo is made while the reader waits for the answer)."""
    monkeypatch.setattr(render, "result_view", _must_not_be_called)
    monkeypatch.setattr(render, "cost_view", _must_not_be_called)
    reply = handle_request(request_)
    assert reply["result"]["recommendation"] == "staff_augmentation"
    assert reply["cost"]["cheapest"] == ["staff_augmentation"]
    assert "## What it will cost" in reply["memo"]
    assert "?answers=v3d1Cp2Sr5000-DC5P" in reply["memo"]
