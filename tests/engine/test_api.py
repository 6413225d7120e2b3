"""The JSON entry point the browser calls: contract, errors, and no exceptions."""

import json
import re
from pathlib import Path

from calculator import decode_share, result_view, score
from calculator.api import handle
from calculator.data import catalogue

# The worked evaluation of the comparison guide (any valid e1 code would do).
PROVIDERS_EXAMPLE = re.search(r"<!-- outside-help: providers-example (\S+) -->", (
    Path(__file__).resolve().parents[2] / "docs" / "compare-providers.md").read_text(encoding="utf-8")).group(1)


def call(request):
    return json.loads(handle(json.dumps(request)))


def test_score_reply_has_result_view_memo_and_link():
    """A score request returns the result, its display-ready view and the Markdown memo."""
    reply = call({"op": "score", "answers": {"direction": "us"}})
    assert reply["ok"] is True
    assert reply["result"]["recommendation"] == "staff_augmentation"
    assert reply["view"] == result_view(score({"direction": "us"}))
    assert reply["memo"].startswith("# Decision memo")
    assert reply["link"] == {"version": 3, "notes": []}


def test_share_request_scores_the_decoded_answers():
    """Scoring a share code equals scoring the answers it holds."""
    reply = call({"op": "score", "share": "v2k3d3p1"})
    shared = decode_share("v2k3d3p1")
    assert reply["result"] == score(shared.answers, shared.weights).to_dict()


def test_open_link_reads_an_old_link_with_its_notes():
    """The page's `answers` values: a v1 link opens, carried over, with its notes in the view."""
    reply = call({"op": "open_link", "values": ["v1k1d1"]})
    assert reply["ok"] and reply["link"]["version"] == 1 and reply["link"]["notes"]
    assert reply["view"]["sections"][0]["id"] == "link"


def test_open_link_errors_carry_a_sentence_for_the_reader():
    """A damaged or doubled link gives ok=false with a plain reader sentence."""
    damaged = call({"op": "open_link", "values": ["v2d9"]})
    assert not damaged["ok"] and damaged["error"]["reader"].startswith("The answers in this link are damaged")
    doubled = call({"op": "open_link", "values": ["v2d1", "v2d1"]})
    assert doubled["error"]["kind"] == "repeated"
    assert call({"op": "open_link", "values": "v2d1"})["error"]["kind"] == "bad_request"


def test_site_url_is_used_for_memo_links():
    """The memo links back to the site the reader is on."""
    reply = call({"op": "score", "answers": {"direction": "us"}, "site_url": "http://127.0.0.1:8000/"})
    assert "http://127.0.0.1:8000/calculator/?answers=v3d1-41dF" in reply["memo"]


def test_questions_and_card_requests():
    """The schema and the model card are available over the same interface."""
    assert len(call({"op": "questions"})["questions"]["questions"]) == len(catalogue().questions) == 16
    assert call({"op": "card"})["card"]["tie_break"][0] == "staff_augmentation"


def test_errors_come_back_as_data_with_a_clear_message():
    """Bad requests give ok=false and a message naming the problem, never an exception."""
    assert call({"op": "dance"})["error"]["message"].startswith("unknown op 'dance'")
    for op in ([], {}, 3, None):  # found by test_fuzz: a list here once crashed the lookup
        assert call({"op": op})["error"]["kind"] == "bad_request"
    assert "unknown field(s) for 'score': 'colour'" in call({"op": "score", "colour": 1})["error"]["message"]
    both = call({"op": "score", "share": "v2", "answers": {}})
    assert "not both" in both["error"]["message"]
    bad_share = call({"op": "score", "share": "v2q9"})
    assert bad_share["error"]["kind"] == "unknown_question"
    assert json.loads(handle("[" * 100_001))["error"]["kind"] == "bad_request"
    assert json.loads(handle("[" * 5000 + "]" * 5000))["error"]["kind"] in {"bad_json", "bad_request"}
    assert call({"op": "score", "answers": {}, "site_url": "javascript:alert(1)"})["error"]["kind"] == "bad_request"


def test_reply_is_stable_json():
    """The same request gives byte-identical replies (keys sorted), for parity checks."""
    request = json.dumps({"op": "score", "answers": {"kind": "tech_service"}})
    assert handle(request) == handle(request)


def test_cost_rides_along_with_the_score_and_in_the_share_code():
    """A score request with figures returns the cost, its view beside the fit, and a share code
    that carries the figures; opening that code gives the same cost."""
    figures = {"general": {"people": 2}, "staff_augmentation": {"rate_per_person_month": 5000}}
    reply = call({"op": "score", "answers": {"direction": "us"}, "cost": figures})
    assert reply["cost"]["cheapest"] == ["staff_augmentation"]
    # one quote: set beside the fit, never called "cheapest" (there is nothing to be cheaper than)
    assert reply["cost_view"]["sentences"]["fit"] == (
        "Fits best: staff augmentation. You entered a quote for staff augmentation only, so there is no cheaper "
        "model to weigh against it.")
    assert reply["share"] == "v3d1Cp2Sr5000-DC5P"
    again = call({"op": "open_link", "values": [reply["share"]]})
    assert again["cost"] == reply["cost"]
    assert "## What it will cost" in reply["memo"] and "?answers=v3d1Cp2Sr5000-DC5P" in reply["memo"]
    assert "cost" not in call({"op": "score", "answers": {"direction": "us"}})


def test_cost_alone_and_its_inputs_schema():
    """The cost comparison and the input descriptions are available on their own."""
    assert call({"op": "cost", "cost": {}})["cost_view"]["entered"] is False
    schema = call({"op": "cost_inputs"})["cost_inputs"]
    assert {i["group"] for i in schema["inputs"]} == {"general", "staff_augmentation", "managed_services", "bpo"}
    assert call({"op": "cost", "cost": {"general": {"people": -1}}})["error"]["field"] == "general.people"


def test_plan_requests_by_workstreams_and_by_link():
    """A plan request returns the plan, its view and a memo; the same plan comes back from its link."""
    ws = [{"name": "Payroll", "answers": {"kind": "business_process"}}]
    reply = call({"op": "plan", "workstreams": ws})
    assert reply["ok"] and reply["plan_view"]["summary"] == "The plan: BPO for Payroll (provisional)."
    again = call({"op": "plan", "share": reply["plan"]["share"]})
    assert again["plan"] == reply["plan"]
    assert call({"op": "plan", "share": "p1*%%*k1"})["error"]["reader"].startswith("No workstream")
    assert call({"op": "plan", "workstreams": []})["error"]["kind"] == "invalid_plan"


def test_a_page_can_leave_the_memo_for_later_and_gets_the_same_one_when_it_asks():
    """`memo: false` (what the page sends with each answer) leaves the memo out and nothing else;
    the memo asked for afterwards, for the same request, is the one a reply would have carried."""
    requests = [
        {"op": "score", "answers": {"direction": "us", "kind": "build"}, "cost": {"staff_augmentation": {"rate_per_person_month": 5000}, "general": {"people": 2}}},
        {"op": "open_link", "values": ["v2d1"]},
        {"op": "plan", "workstreams": [{"name": "A", "answers": {"kind": "business_process"}}]},
    ]
    for request in requests:
        whole = json.loads(handle(json.dumps(request)))
        light = json.loads(handle(json.dumps({**request, "memo": False})))
        assert whole["ok"] and "memo" not in light
        assert {k: v for k, v in whole.items() if k != "memo"} == light
        assert json.loads(handle(json.dumps({**request, "memo": True})))["memo"] == whole["memo"]
        refused = json.loads(handle(json.dumps({**request, "memo": "no"})))
        assert refused["error"] == {"message": "memo must be true or false", "kind": "bad_request", "field": "memo"}


def test_a_memo_links_to_the_tools_where_the_site_has_them():
    """The build passes each tool's page (`pages`); every memo links there. Wrong pages are named."""
    pages = {"calculator": "tools/calc/", "planner": "tools/plan/", "providers": "tools/compare/"}
    site = "https://example.org/docs/"
    scored = call({"op": "score", "answers": {"direction": "us"}, "site_url": site, "pages": pages})
    assert f"(https://example.org/docs/tools/calc/?answers={scored['share']})" in scored["memo"]
    planned = call({"op": "plan", "workstreams": [{"name": "A", "answers": {}}], "site_url": site, "pages": pages})
    assert f"(https://example.org/docs/tools/plan/?plan={planned['plan']['share']})" in planned["memo"]
    evaluated = call({"op": "providers", "share": PROVIDERS_EXAMPLE, "site_url": site, "pages": pages})
    assert f"(https://example.org/docs/tools/compare/?evaluation={evaluated['share']})" in evaluated["memo"]
    # left out, each tool's page is where mkdocs.yml puts it
    assert "(https://example.org/docs/calculator/?answers=" in call(
        {"op": "score", "answers": {"direction": "us"}, "site_url": site})["memo"]
    for wrong, message in [
        ([], "pages must be an object naming the page of calculator, planner or providers"),
        ({"shop": "x/"}, "pages: unknown tool 'shop'; the tools are: calculator, planner, providers"),
        ({"planner": "/plan/"}, "pages: the planner's page must be a folder of this site such as 'plan/', relative to its root"),
        ({"planner": "https://evil.example/"}, "pages: the planner's page must be a folder of this site such as 'plan/', relative to its root"),
        ({"planner": "plan"}, "pages: the planner's page must be a folder of this site such as 'plan/', relative to its root"),
    ]:
        assert call({"op": "score", "answers": {}, "pages": wrong})["error"] == {
            "message": message, "kind": "bad_request", "field": "pages"}
