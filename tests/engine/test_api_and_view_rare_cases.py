"""Rare cases of the API and the result view that the scenario tests do not reach: a site
address at its 2,000-character limit, a request that is not a JSON string, a close call where
only one side's answers describe a part of the work, a leaning fit when one model alone applies,
only the first of several weight changes shown, and a result given as the API's plain data.
Expected values are written by hand from calculator/addresses.py, api.py and view.py. Found
when `make mutate` re-ran, on a quiet machine, mutants it had stopped by its time limit."""

from __future__ import annotations

import json

import pytest

from calculator import CalculatorError, result_view, score
from calculator.addresses import check_site_url
from calculator.api import handle, handle_request

SITE_URL = "site_url must be an http(s) address such as https://example.org/ or a path on this site starting with a single '/'"


@pytest.mark.parametrize("length, taken", [(1999, True), (2000, True), (2001, False)])
def test_a_site_address_is_taken_up_to_2000_characters(length, taken):
    url = "https://example.org/" + "a" * (length - len("https://example.org/") - 1) + "/"
    assert len(url) == length
    if taken:
        assert check_site_url(url) == url
    else:
        with pytest.raises(CalculatorError) as caught:
            check_site_url(url)
        assert (caught.value.message, caught.value.kind, caught.value.field) == (SITE_URL, "bad_request", "site_url")


@pytest.mark.parametrize("request_", [None, 5, b'{"op": "score"}', {"op": "score"}],
                         ids=["null", "number", "bytes", "object"])
def test_a_request_that_is_not_a_json_string_is_a_bad_request(request_):
    """The page always sends a string; anything else is answered, not raised."""
    assert json.loads(handle(request_)) == {
        "ok": False, "error": {"message": "the request must be a JSON string", "kind": "bad_request"}}


# A close call between managed services and BPO in which the answers that argue for managed
# services describe no part of the work (their options have no `part` in questions.toml), while
# paying per transaction argues for BPO and describes "the work you pay for per transaction".
ONE_PART = {"direction": "provider", "scope_change": "some", "process_maturity": "partial", "governance": "partly",
            "operating_model": "keep", "judgement": "some", "consistency": "critical", "data": "regulated",
            "duration": "short", "urgency": "flexible", "pricing": "per_unit"}


def test_a_close_call_with_one_part_named_suggests_splitting_without_naming_parts():
    v = result_view(score(ONE_PART))
    assert (v["state"], v["headline"]) == ("close_call", "Close call between managed services and BPO")
    assert v["outcome"] == "Your answers argue for both; consider splitting the work between managed services and BPO."


# A build (staff augmentation alone applies) whose answers argue for it only a little.
LONE_LEANING = {"kind": "build", "direction": "us", "process_maturity": "undocumented", "integration": "arms_length",
                "data": "none", "duration": "medium", "urgency": "months", "pricing": "service_fee"}


def test_a_leaning_fit_for_the_one_model_that_applies_says_leaning():
    v = result_view(score(LONE_LEANING))
    assert v["verdict"] == "leaning"
    assert v["headline"] == ("Leaning to staff augmentation: the one model of the three for this kind of work, "
                             "2.9 points above an even balance")


def test_only_the_nearest_weight_change_is_shown():
    """Two weight changes would change this result (pricing from 1 to 0, the leads' time from 3
    to 0): the view shows the first alone, after the answer changes."""
    answers = {"lead_capacity": "reviews", "consistency": "important", "urgency": "flexible", "pricing": "per_person"}
    r = score(answers)
    assert len(r.what_would_change["weight_changes"]) == 2
    (changes,) = [s for s in result_view(r)["sections"] if s["id"] == "changes"]
    counted = [item["text"] for item in changes["items"] if " counted " in item["text"]]
    assert counted == ["If “How would you prefer to pay?” counted 0 instead of 1: Managed services."]


def test_a_result_given_as_plain_data_is_viewed_as_the_result_itself():
    """The API and the worker hold a result as its plain data (Result.to_dict()); viewing that
    gives the same view as viewing the result."""
    r = score(LONE_LEANING)
    assert result_view(r.to_dict()) == result_view(r)
    assert handle_request({"op": "score", "answers": LONE_LEANING})["view"] == result_view(r)
