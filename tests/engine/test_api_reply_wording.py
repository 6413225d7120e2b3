"""The API's replies word for word: the envelope `handle` wraps every reply in (an engine bug
reported as ``internal_error``, a lone surrogate sent back escaped, keys sorted), the messages of
bad requests, and the fields a request's options change (the weights beside a cost comparison,
the heading level of a provider evaluation's view, the field a bad address names).

Every expected value is written out by hand from calculator/api.py and calculator/addresses.py.
"""

from __future__ import annotations

import json
import re

import pytest

from calculator import api
from calculator.api import handle
from tests.engine.test_providers_io import EVALUATION, ask

# ----- the envelope: what `handle` makes of what `handle_request` gives -----------------------


def test_an_engine_bug_comes_back_as_an_internal_error_naming_the_exception(monkeypatch):
    """A bug is reported, never raised: ok false, kind internal_error, the exception's type and
    text in one cleaned line (the escape character shown, not sent to the terminal)."""
    def broken(request):
        raise RuntimeError("boom\x1b[31m")

    monkeypatch.setattr(api, "handle_request", broken)
    assert handle('{"op": "card"}') == (
        '{"error": {"kind": "internal_error", "message": "internal error: RuntimeError: boom\\\\x1b[31m"}, "ok": false}')


def test_a_reply_holding_a_lone_surrogate_is_sent_escaped_with_its_keys_sorted(monkeypatch):
    """A reply that cannot be UTF-8 (a lone surrogate) is sent as ASCII JSON: every non-ASCII
    character escaped, keys still sorted, and the text encodes as UTF-8."""
    monkeypatch.setattr(api, "handle_request", lambda request: {"ok": True, "name": "Beacon\ud800 £", "a": 1})
    text = handle('{"op": "card"}')
    assert text == '{"a": 1, "name": "Beacon\\ud800 \\u00a3", "ok": true}'
    assert text.encode("utf-8")


# ----- bad requests, word for word --------------------------------------------------------------

ERRORS = [
    # an integer past Python's int-string limit is bad JSON, said in the reader's terms
    ('{"op": "score", "weights": {"kind": 1' + "0" * 5000 + "}}",
     {"kind": "bad_json", "message": "the request has a number with far more digits than any figure the calculator takes"}),
    # up to five unknown fields are named; past five, the rest are counted
    ('{"op": "score", "a": 1, "b": 2, "c": 3, "d": 4, "e": 5}',
     {"kind": "bad_request", "message": "unknown field(s) for 'score': 'a', 'b', 'c', 'd', 'e'"}),
    ('{"op": "score", "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}',
     {"kind": "bad_request", "message": "unknown field(s) for 'score': 'a', 'b', 'c', 'd', 'e' and 1 more"}),
    ('{"op": "score", "g": 7, "a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}',
     {"kind": "bad_request", "message": "unknown field(s) for 'score': 'a', 'b', 'c', 'd', 'e' and 2 more"}),
    # a provider evaluation comes from its link code or its fields, never both
    ('{"op": "providers", "share": "e1.x", "evaluation": {}}',
     {"kind": "bad_request", "message": "give either 'share' or 'evaluation', not both"}),
    # a memo's links never go to another scheme; the page shows the error beside site_url
    ('{"op": "score", "site_url": "ftp://example.org/"}',
     {"kind": "bad_request", "field": "site_url", "message": "site_url must be an http(s) address such as "
      "https://example.org/ or a path on this site starting with a single '/'"}),
    # a tool's page is a folder path of at most 300 characters: a number or a longer path is refused
    ('{"op": "score", "pages": {"calculator": 5}}',
     {"kind": "bad_request", "field": "pages", "message": "pages: the calculator's page must be a folder of this "
      "site such as 'calculator/', relative to its root"}),
    ('{"op": "plan", "workstreams": [], "pages": {"planner": "' + "ab/" * 101 + '"}}',
     {"kind": "bad_request", "field": "pages", "message": "pages: the planner's page must be a folder of this "
      "site such as 'plan/', relative to its root"}),
]


@pytest.mark.parametrize("request_json, error", ERRORS, ids=[
    "huge-number", "five-unknown", "six-unknown", "seven-unknown", "share-and-evaluation", "site-url-scheme",
    "page-not-text", "page-past-300"])
def test_each_bad_request_gets_its_exact_error(request_json, error):
    assert json.loads(handle(request_json)) == {"ok": False, "error": error}


def test_a_tools_page_of_exactly_300_characters_is_used_in_the_memo_link():
    """300 characters is the longest page path taken; the memo links to it."""
    page = "ab/" * 100
    reply = json.loads(handle(json.dumps({"op": "score", "answers": {"direction": "us"}, "site_url": "https://x.example/",
                                          "pages": {"calculator": page}})))
    assert f"(https://x.example/{page}?answers=v3d1-41dF)" in reply["memo"]


# ----- what a request's options change ----------------------------------------------------------

# With these answers managed services fits best; with "kind" weighted 0, staff augmentation does.
ANSWERS = {"kind": "tech_service", "consistency": "low", "governance": "yes"}
STAFF_QUOTE = {"general": {"people": 2}, "staff_augmentation": {"rate_per_person_month": 10}}


@pytest.mark.parametrize("weights, sentence", [
    # one quote entered: never called "cheapest"
    (None, "Fits best: managed services, for which you have entered no quote. "
           "The one quote you entered: staff augmentation."),
    ({"kind": 0}, "Fits best: staff augmentation. You entered a quote for staff augmentation only, so there is "
                  "no cheaper model to weigh against it."),
])
def test_a_cost_request_sets_the_fit_for_its_answers_and_weights_beside_the_cost(weights, sentence):
    """The cost comparison's first line sets the fit (answers and weights) beside the cheapest quote."""
    request = {"op": "cost", "cost": STAFF_QUOTE, "answers": ANSWERS, **({"weights": weights} if weights else {})}
    assert ask(request)["cost_view"]["lines"][0] == sentence


def _heading_tags(node) -> set[str]:
    if isinstance(node, str):
        return set()
    own = {node["t"]} if re.fullmatch(r"h[2-6]", node["t"]) else set()
    return own.union(*(_heading_tags(c) for c in node["c"]))


@pytest.mark.parametrize("page, headings", [
    (None, {"h3"}),               # the default level
    ({"heading": 2}, {"h2"}),     # a page whose evaluation sits right under its h1
    ({"heading": 5}, {"h5"}),
])
def test_a_provider_evaluations_view_has_its_section_headings_at_the_pages_level(page, headings):
    reply = ask({"op": "providers", "evaluation": EVALUATION, **({"page": page} if page else {})})
    assert _heading_tags(reply["view"]) == headings
