"""Every op of the JSON API (calculator/api.py), fuzzed: valid requests built from the data give
a reply that agrees with the engine's own functions, and hostile ones give the engine's clear
error (`ok: false` with a message and a kind that is never `internal_error`), never a crash.

The page address: the calculator page reads every value of its `answers` parameter with the
browser's URLSearchParams (docs/javascripts/calculator.mjs) and sends them as `open_link`'s
`values`; the planner reads `plan` the same way and sends it as `plan`'s `share`. The parser
itself is the browser's; here hostile addresses are split with Python's form-urlencoded parser
(the same WHATWG rules: '&' separates, '+' is a space, %XX is decoded) and sent as the page does.
"""

from __future__ import annotations

import json
import string
from collections import Counter
from urllib.parse import parse_qsl, quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import catalogue, encode_share, score
from calculator.api import _FIELDS, handle
from calculator.cost import compare_costs, cost_inputs
from calculator.plan import encode_plan, plan

CAT = catalogue()
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SHARE_PARAM = "answers"  # calculator.mjs SHARE_PARAM
PLAN_PARAM = "plan"  # plan.mjs PLAN_PARAM

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
answers = st.fixed_dictionaries({}, optional={q.id: st.sampled_from([o.id for o in q.options]) for q in CAT.questions})
weights = st.fixed_dictionaries({}, optional={q.id: st.integers(0, 5) for q in CAT.questions})
numeric = [x for x in cost_inputs() if x.choices is None]
cost_figures = st.dictionaries(
    st.sampled_from(numeric), st.integers(0, 50_000), max_size=8
).map(lambda d: {g: {x.id: v for x, v in d.items() if x.group == g} for g in {x.group for x in d}})


def _reply(request) -> dict:
    """The API's reply to a request (a JSON string, as the worker sends it), checked for shape."""
    reply = json.loads(handle(request if isinstance(request, str) else json.dumps(request)))
    assert isinstance(reply, dict) and reply["ok"] in (True, False)
    if not reply["ok"]:
        error = reply["error"]
        assert error["kind"] != "internal_error", error
        assert isinstance(error["message"], str) and error["message"].strip()
    return reply


def _scorable(w):
    return sum({q.id: w.get(q.id, q.weight) for q in CAT.questions}.values()) > 0


def test_the_fuzzed_ops_are_every_op_the_api_has():
    """This file covers every op api.py answers (a new op needs its fuzz test here)."""
    assert set(_FIELDS) == set(OPS)


@given(st.sampled_from(["questions", "card", "cost_inputs", "provider_criteria"]), st.dictionaries(st.text(max_size=6), json_values, max_size=3))
@FUZZ
def test_the_schema_ops_answer_alone_and_refuse_extra_fields(op, extra):
    """questions, card, cost_inputs and provider_criteria take no field but `op`: with none they
    answer, with any other field they name it."""
    extra.pop("op", None)
    reply = _reply({"op": op, **extra})
    if extra:
        assert not reply["ok"] and reply["error"]["kind"] == "bad_request"
        assert "unknown field" in reply["error"]["message"]
    else:
        assert reply["ok"] and op in reply


@given(answers, weights)
@FUZZ
def test_score_answers_as_the_engine_does(a, w):
    """score with answers and weights gives the engine's result and its share code."""
    reply = _reply({"op": "score", "answers": a, "weights": w})
    if not _scorable(w):
        assert not reply["ok"] and reply["error"]["kind"] == "invalid_weights"
        return
    result = score(a, w)
    assert reply["ok"] and reply["result"]["recommendation"] == result.recommendation
    assert reply["result"]["verdict"] == result.verdict and reply["result"]["share"] == result.share


@given(answers, weights)
@FUZZ
def test_open_link_opens_what_score_shares(a, w):
    """A page address holding a result's share code opens the same result (open_link)."""
    if not _scorable(w):
        return
    code = encode_share(a, {k: v for k, v in w.items() if v != CAT.question(k).weight})
    reply = _reply({"op": "open_link", "values": [code]})
    assert reply["ok"] and reply["result"]["answers"] == score(a, w).answers
    assert reply["result"]["recommendation"] == score(a, w).recommendation


@given(cost_figures)
@FUZZ
def test_cost_gives_the_comparison_or_names_the_missing_figure(figures):
    """cost with any figures in range: the comparison compare_costs gives, or one clear error
    naming a figure (a price that needs another figure, credits above the fee)."""
    reply = _reply({"op": "cost", "cost": figures})
    if reply["ok"]:
        assert reply["cost"] == json.loads(json.dumps(compare_costs(figures)))
        assert "cost_view" in reply
    else:
        assert reply["error"]["kind"] in ("invalid_cost", "bad_request")


names = st.text(string.ascii_letters + "éß", min_size=1, max_size=8).map(lambda n: f"Work {n}")


@given(st.lists(st.tuples(names, answers), min_size=1, max_size=4, unique_by=lambda t: t[0].casefold()))
@FUZZ
def test_plan_plans_the_workstreams_and_its_share_reopens_them(streams):
    """plan with workstreams (distinct names) gives the engine's plan; its share code gives the
    same plan back; a repeated name is refused with a clear error."""
    workstreams = [{"name": n, "answers": a} for n, a in streams]
    reply = _reply({"op": "plan", "workstreams": workstreams})
    assert reply["ok"], reply
    twice = _reply({"op": "plan", "workstreams": workstreams + [{"name": streams[0][0].upper(), "answers": {}}]})
    assert not twice["ok"] and twice["error"]["kind"] == "invalid_plan"
    assert reply["plan"] == json.loads(json.dumps(plan(workstreams)))
    again = _reply({"op": "plan", "share": reply["plan"]["share"]})
    assert again["ok"] and again["plan"]["rows"] == reply["plan"]["rows"]


@given(st.sampled_from(sorted(_FIELDS)), st.dictionaries(st.sampled_from(sorted(set().union(*_FIELDS.values()))),
                                                          json_values, max_size=4))
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_op_with_hostile_fields_gets_a_clear_error_or_a_reply(op, fields):
    """Any op with any of the API's field names holding any JSON value: a reply or the clear
    error, never an internal error."""
    _reply({**fields, "op": op})


ADDRESS_ALPHABET = string.ascii_letters + string.digits + "=&+%?#;._-*/ "


@given(st.lists(st.one_of(
    st.text(ADDRESS_ALPHABET, max_size=30),
    st.builds(lambda a: f"{SHARE_PARAM}={quote(encode_share(a))}", answers),
    st.builds(lambda s: f"{SHARE_PARAM}={s}", st.text(ADDRESS_ALPHABET, max_size=30)),
    st.builds(lambda s: f"{PLAN_PARAM}={s}", st.text(ADDRESS_ALPHABET, max_size=30)),
), max_size=4))
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_page_address_opens_or_says_what_is_wrong_with_the_link(parts):
    """Whatever the page address holds, its answers values open a result or give an error whose
    `reader` sentence is for someone who only clicked the link; a plan value likewise."""
    query = "&".join(parts)
    pairs = parse_qsl(query, keep_blank_values=True)
    values = [v for k, v in pairs if k == SHARE_PARAM]
    if values:
        reply = _reply({"op": "open_link", "values": values})
        if not reply["ok"]:
            assert reply["error"].get("reader"), reply
        elif len(values) == 1 and values[0].strip().startswith("v2"):
            assert reply["link"]["version"] == 2
    plans = [v for k, v in pairs if k == PLAN_PARAM]
    if plans:
        reply = _reply({"op": "plan", "share": plans[0]})
        if not reply["ok"]:
            assert reply["error"].get("reader"), reply


@given(st.sampled_from(["staff_augmentation", "managed_services", "bpo"]), st.lists(st.fixed_dictionaries(
    {"name": st.text(max_size=12)}, optional={"scores": json_values, "pass_fail": json_values, "price": json_values}),
    max_size=4), json_values)
@FUZZ
def test_providers_evaluates_or_names_the_field(model, providers, extra):
    """A provider evaluation with hostile proposals and fields: the evaluation, whose share link
    reopens it, or the clear error; never an internal error."""
    reply = _reply({"op": "providers", "evaluation": {"model": model, "providers": providers, "extra": extra}})
    if reply["ok"]:
        again = _reply({"op": "providers", "share": reply["share"]})
        assert again["ok"] and again["evaluation"] == reply["evaluation"]


OPS = {
    "provider_criteria": test_the_schema_ops_answer_alone_and_refuse_extra_fields,
    "providers": test_providers_evaluates_or_names_the_field,
    "questions": test_the_schema_ops_answer_alone_and_refuse_extra_fields,
    "card": test_the_schema_ops_answer_alone_and_refuse_extra_fields,
    "cost_inputs": test_the_schema_ops_answer_alone_and_refuse_extra_fields,
    "score": test_score_answers_as_the_engine_does,
    "open_link": test_open_link_opens_what_score_shares,
    "cost": test_cost_gives_the_comparison_or_names_the_missing_figure,
    "plan": test_plan_plans_the_workstreams_and_its_share_reopens_them,
}
