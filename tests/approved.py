"""Approved outputs: everything a reader sees for a fixed set of inputs, kept as text files that a
person has read (tests/data/approved/<case>.txt).

Each case is one input a reader can give: answers in every state of the result, cost figures, a
plan, a provider evaluation, a link of each kind, a bad request, a command line. Its file holds
what the engine gives back, laid out for reading: the memo as Markdown, each view as the HTML the
page shows, the command line's output, and the rest of the reply as sorted JSON.
tests/engine/test_approved_outputs.py compares the engine's output with these files, so any change
a reader would see (a word, a figure, a link, the order of a list) fails a test.

When a change is meant, approve it: ``python -m tests.approved`` rewrites the files, and the diff
(``git diff tests/data/approved``) is read and committed with the change, like any other change of
wording. The inputs are written here by hand; the outputs are the engine's, and only become
expectations once read (CONTRIBUTING.md, "Changing what a reader sees").
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import sys
import tomllib
from pathlib import Path
from typing import Any, Callable

from calculator import api, cli
from calculator.present import from_json, to_html, to_text
from tests.scenarios import HELDOUT, SCENARIOS

__all__ = ["APPROVED", "CASES", "STATE_CASES", "main", "render"]

ROOT = Path(__file__).resolve().parent.parent
APPROVED = ROOT / "tests" / "data" / "approved"
EXAMPLE = tomllib.loads((ROOT / "build" / "outside_help_build" / "example.toml").read_text("utf-8"))
WORDING = json.loads((ROOT / "tests" / "data" / "wording.json").read_text("utf-8"))

# A page as the site describes itself to the engine: the calculator's id, its heading level, the
# site root's path and the words of two guide links (the others fall back to their anchors).
PAGE = {"uid": "ohc", "heading": 3, "link_base": "/outside-help/",
        "guides": {"how-to-choose/#who-directs": "Guide: Who directs the work",
                   "how-to-choose/#governance": "Guide: Can you govern a provider?"}}
SITE = "https://example.org/outside-help/"

# The links the guides themselves carry (docs/examples.md, docs/compare-providers.md), so a link a
# reader copied from a guide is among the cases.
PLAN_LINK = ("p2*4*U3VwcG9ydCBwZWFr*k3d1c1s2f1p1g2i1o1n2t1u1-m2vT*UGF5cm9sbA*k3d3c2s3f3l1p3g1i3j3n1x1t3u3r3-mF5C"
             "*UHJvZHVjdCByb2FkbWFw*k1d1c1s1f1i1o1t2u1r1-m2RT*SVQgc2VydmljZSBkZXNr*k2d3c3s3f3l1p1g1i2o2t3r2-q2fy*A3JP")
RESULT_LINK = "v3k3d3c2s3f3l1p3g1i3j3n1x1t3u3r3-W1x9"


def _evaluation_link() -> str:
    text = (ROOT / "docs" / "compare-providers.md").read_text("utf-8")
    start = text.index("<!-- outside-help: providers-example ") + len("<!-- outside-help: providers-example ")
    return text[start:text.index(" -->", start)]


# ----- hand-written inputs ---------------------------------------------------------------------

def _proposal(name: str, service_levels: int, transition: int, fee: float, passes: bool = True) -> dict[str, Any]:
    return {"name": name, "scores": {"service_levels": service_levels, "transition_plan": transition},
            "passes": {"processor_terms": passes}, "price": {"fee_per_month": fee}}


def _evaluation(*proposals: dict[str, Any]) -> dict[str, Any]:
    return {"model": "managed_services", "price_weight": 40,
            "criteria": [{"id": "processor_terms"}, {"id": "service_levels", "weight": 3},
                         {"id": "transition_plan", "weight": 1}],
            "providers": list(proposals)}


EVALUATIONS = {
    # B wins on price (82 to 80); a weight of 4 on service levels or A 5.9% cheaper would flip it.
    "two": _evaluation(_proposal("Alpha Ops", 5, 1, 1000), _proposal("Beta Services", 3, 5, 800)),
    # Equal quality and price.
    "tie": _evaluation(_proposal("Alpha Ops", 4, 4, 1000), _proposal("Beta Services", 4, 4, 1000)),
    # One passes the gate, one does not.
    "one_passes": _evaluation(_proposal("Alpha Ops", 4, 3, 1000), _proposal("Beta Services", 5, 5, 900, passes=False)),
    # None passes.
    "none_passes": _evaluation(_proposal("Alpha Ops", 4, 3, 1000, passes=False),
                               _proposal("Beta Services", 5, 5, 900, passes=False)),
    # A price far below the others is flagged; D fails the gate.
    "low_price": _evaluation(_proposal("A", 4, 4, 1000), _proposal("B", 4, 4, 1100), _proposal("C", 4, 4, 600),
                             _proposal("D", 5, 5, 500, passes=False)),
}

# Requests the engine must refuse, each with what it must say (the file shows the reply).
BAD_REQUESTS = [
    {"op": "score", "answers": {"color": "red"}},
    {"op": "score", "answers": {"direction": "sideways"}},
    {"op": "score", "answers": {"direction": "us"}, "weights": {"direction": 9}},
    {"op": "score", "share": "v3k1d1-0000"},
    {"op": "score", "share": "v3k1d1Wr0-9AwU", "answers": {}},
    {"op": "score", "answers": {}, "cost": {"general": {"people": -4}}},
    {"op": "score", "answers": {}, "page": {"heading": 9}},
    {"op": "score", "answers": {}, "memo": "yes"},
    {"op": "score", "answers": {}, "colour": 1},
    {"op": "dance"},
    {"op": "open_link", "values": ["v3d1-41dF", "v3d1-41dF"]},
    {"op": "open_link", "values": "v3d1-41dF"},
    {"op": "plan", "workstreams": []},
    {"op": "plan", "workstreams": [{"name": "", "answers": {}}]},
    {"op": "plan", "share": "p2*9*junk"},
    {"op": "plan", "share": PLAN_LINK, "workstreams": []},
    {"op": "providers", "evaluation": {"model": "staff_augmentation"}},
    {"op": "providers", "evaluation": _evaluation(_proposal("A", 7, 1, 1000))},
    {"op": "providers", "share": "e1.nonsense"},
    {"op": "cost", "cost": {"general": {"currency": "dollars"}}},
    {"op": "cost", "cost": {"bpo": {"price_per_transaction": "three"}}},
]



def _changed(**fields: Any) -> dict[str, Any]:
    """The two-proposal evaluation with some of its fields replaced (None: removed)."""
    evaluation = copy.deepcopy(EVALUATIONS["two"]) | fields
    return {k: v for k, v in evaluation.items() if v is not None}


def _provider_changed(**fields: Any) -> dict[str, Any]:
    """The two-proposal evaluation with some fields of its first proposal replaced."""
    evaluation = copy.deepcopy(EVALUATIONS["two"])
    evaluation["providers"][0] |= fields
    return evaluation


_OWN = {"id": "own_check", "label": "Our own check", "kind": "scored", "weight": 2}
_CRITERIA = EVALUATIONS["two"]["criteria"]
_OWN_AND_GATE = [_OWN | {"kind": "scored"}]

# Evaluations the engine must refuse: one for each check of calculator/provider_input.py.
BAD_EVALUATIONS: list[Any] = [
    "an evaluation",
    _changed(colour="red"),
    _changed(model="insourcing"), _changed(model="staff_augmentation"),
    _changed(fixed_on="5 Dec 2026"), _changed(fixed_on="2026-13-01"), _changed(fixed_on=20261205),
    _changed(price_weight=101), _changed(price_weight=40.5), _changed(price_weight="40"),
    _changed(price_method="cheapest"),
    _changed(criteria="all"), _changed(criteria=[{"id": f"own_{i}", "label": f"Own {i}", "kind": "scored", "weight": 1}
                                                 for i in range(31)]),
    _changed(criteria=[5]), _changed(criteria=[{"id": "Own Check"}]), _changed(criteria=[{"id": "own_check", "colour": 1}]),
    _changed(criteria=[{"id": "service_levels", "label": "Mine", "kind": "scored", "weight": 1}]),
    _changed(criteria=[{"id": "own_check", "label": " ", "kind": "scored", "weight": 1}]),
    _changed(criteria=[{"id": "own_check", "label": "x" * 81, "kind": "scored", "weight": 1}]),
    _changed(criteria=[{"id": "own_check", "label": "Our own\x07 check", "kind": "scored", "weight": 1}]),
    _changed(criteria=[{"id": "own_check", "label": "Our own check", "kind": "ranked"}]),
    _changed(criteria=[{"id": "no_such_criterion"}]),
    _changed(criteria=[{"id": "own_check", "label": "Our own check", "kind": "scored"}]),
    _changed(criteria=[_OWN | {"weight": 101}]), _changed(criteria=[_OWN | {"weight": 2.5}]),
    _changed(criteria=[_OWN | {"kind": "pass_fail", "weight": 3}]),
    _changed(criteria=[_OWN, _OWN | {"label": "Another check"}]),
    _changed(criteria=[_OWN, _OWN | {"id": "other_check", "label": "OUR OWN  check"}]),
    _changed(criteria=[_OWN | {"weight": 0}, {"id": "processor_terms"}]),
    _changed(cost="general"), _changed(cost={"general": {}, "bpo": {}}), _changed(cost={"general": {"people": -1}}),
    _changed(providers=None), _changed(providers=[]), _changed(providers=[EVALUATIONS["two"]["providers"][0]] * 9),
    _changed(providers=["Alpha Ops"]),
    _provider_changed(colour="red"), _provider_changed(name=""), _provider_changed(name="A" * 61),
    _provider_changed(name="Alpha\x1b[31m Ops"),
    _provider_changed(scores="high"), _provider_changed(scores={"service_levels": 5, "transition_plan": 1, "no_such": 3}),
    _provider_changed(passes={"processor_terms": True, "service_levels": True}),
    _provider_changed(notes={"no_such": "a note"}),
    _provider_changed(scores={"service_levels": 5}), _provider_changed(scores={"service_levels": 6, "transition_plan": 1}),
    _provider_changed(scores={"service_levels": "5", "transition_plan": 1}),
    _provider_changed(passes={"processor_terms": "yes"}),
    _provider_changed(notes={"service_levels": "n" * 201}), _provider_changed(notes={"service_levels": "one\ntwo"}),
    _provider_changed(notes={"service_levels": "one\x1b[2Ktwo"}),
    _provider_changed(price={"price_per_transaction": 3}), _provider_changed(price={"fee_per_month": -5}),
    _provider_changed(price={"fee_per_month": 1000, "governance_hours": 10}),
    _provider_changed(name="beta services"),
]


def _answering(criteria: list[dict[str, Any]]) -> dict[str, Any]:
    """An evaluation of these criteria, each proposal scoring or passing every one."""
    return _changed(criteria=criteria, providers=[
        {"name": name, "price": {"fee_per_month": fee},
         "scores": {c["id"]: score for c in criteria if c["kind"] == "scored"},
         "passes": {c["id"]: True for c in criteria if c["kind"] == "pass_fail"}}
        for name, score, fee in (("Alpha Ops", 4, 1000), ("Beta Services", 3, 900))])


def _own(count: int, **first: Any) -> dict[str, Any]:
    """An evaluation of `count` criteria of the buyer's own, each scored, weight 1."""
    return _answering([{"id": f"own_{i}", "label": f"Own {i}", "kind": "scored", "weight": 1} | (first if i == 0 else {})
                       for i in range(count)])


def _defaults() -> dict[str, Any]:
    """An evaluation that leaves the criteria to the site's defaults for managed services."""
    from calculator.provider_criteria import defaults

    request = _answering([{"id": c.id, "kind": c.kind} for c in defaults("managed_services")])
    request.pop("criteria")
    return request


# Evaluations at the edges of what is allowed (the first of each pair accepted, the second not),
# and the ways the criteria and figures may be left to their defaults.
EDGE_EVALUATIONS: list[Any] = [
    _own(30), _own(31),
    _provider_changed(notes={"service_levels": "n" * 200}), _provider_changed(notes={"service_levels": "n" * 201}),
    _provider_changed(notes={"service_levels": "  two lines\n  "}),
    _provider_changed(name="A" * 60), _provider_changed(name="  Alpha   Ops  "),
    _own(1, label="l" * 80), _own(1, label="l" * 81),
    _answering([*_OWN_AND_GATE, {"id": "own_gate", "label": "Our own gate", "kind": "pass_fail", "weight": 0}]),
    _answering([*_OWN_AND_GATE, {"id": "own_gate", "label": "Our own gate", "kind": "pass_fail", "weight": 1}]),
    _changed(criteria=[{"id": "own_check", "label": "Our own check"}]),
    _changed(criteria=[{"id": "own_check", "kind": "scored", "weight": 1}]),
    _changed(criteria=[{"id": "processor_terms"}, {"id": "service_levels"}, {"id": "transition_plan", "weight": 5}]),
    _defaults(),
    _changed(criteria=[{"id": "own_check", "colour": 1, "size": 2}]),
    _changed(colour="red", size="large"), _provider_changed(colour="red", size="large"),
    _changed(criteria=[_OWN, _OWN, _OWN | {"id": "b_check", "label": "B"}, _OWN | {"id": "b_check", "label": "C"}]),
    _changed(cost={"general": {}}), _changed(cost={}), _changed(cost={"general": {"hour_cost": 50, "currency": "€"}}),
    _changed(fixed_on="2026-12-05"), _changed(price_weight=0), _changed(price_weight=100),
]


def _scenario_plans() -> str:
    """Every decision scenario (tests/scenarios.json, tests/scenarios_heldout.json) as a
    workstream, eight to a plan, each with some weights and cost figures, some in another
    currency: every outcome a plan row can have, and the change that would shift each."""
    scenarios = SCENARIOS + HELDOUT
    out = []
    for start in range(0, len(scenarios), 8):
        workstreams = []
        for n, scenario in enumerate(scenarios[start:start + 8]):
            item: dict[str, Any] = {"name": scenario["id"][:60], "answers": scenario["answers"]}
            if scenario.get("weights"):
                item["weights"] = scenario["weights"]
            if n % 3 == 0:   # a third priced, one in three of those in euros, at fractions of a cent
                item["cost"] = {"general": {"people": 3, "horizon_months": 7, "currency": "€" if n % 2 else "£"},
                                "staff_augmentation": {"rate_per_person_month": 4321.333},
                                "managed_services": {"fee_per_month": 12000.005}}
            workstreams.append(item)
        if start == 0:
            workstreams[1] = {"name": "No answers given"}
        out.append(_reply({"op": "plan", "workstreams": workstreams, "memo": False}))
    return "".join(out)


def _refusals(requests: list[Any]) -> str:
    """Each evaluation on one line, then the engine's error (or, when accepted, the evaluation as
    the engine read it and its winner)."""
    out = []
    for request in requests:
        reply = json.loads(api.handle(json.dumps({"op": "providers", "evaluation": request})))
        shown = reply if not reply["ok"] else {"accepted": reply["evaluation"]["input"],
                                               "winner": reply["evaluation"]["winner"]}
        out += ["## " + json.dumps(request, ensure_ascii=False, sort_keys=True), _json(shown)]
    return "\n".join(out) + "\n"


# Changes to calculator/provider_criteria.toml, each applied to the real file's contents: the
# loader must refuse each mistake naming the entry, and accept each value at the edge of what is
# allowed. criteria[0] is pass/fail, criteria[3] scored.
PROVIDER_DATA_CHANGES: dict[str, Callable[[dict[str, Any]], Any]] = {
    "schema 2": lambda r: r.update(schema=2),
    "no models": lambda r: r.update(models={}),
    "a source that is not a table": lambda r: r["sources"].update(extra="text"),
    "a source without a guide": lambda r: r["sources"]["judgement"].pop("guide"),
    "a source's guide without an anchor": lambda r: r["sources"]["judgement"].update(guide="page.md"),
    "a source's cite of 121 characters": lambda r: r["sources"]["judgement"].update(cite="c" * 121),
    "a source's cite of 120 characters": lambda r: r["sources"]["judgement"].update(cite="c" * 120),
    "no judgement source": lambda r: r["sources"].pop("judgement"),
    "an unknown field": lambda r: r["criteria"][3].update(colour="red"),
    "an id of 33 characters": lambda r: r["criteria"][3].update(id="a" * 33),
    "an id of 32 characters": lambda r: r["criteria"][3].update(id="a" * 32),
    "an id with capitals": lambda r: r["criteria"][3].update(id="References"),
    "a key of 3 letters": lambda r: r["criteria"][3].update(key="abc"),
    "a key with a digit": lambda r: r["criteria"][3].update(key="a1"),
    "an unknown kind": lambda r: r["criteria"][3].update(kind="ranked"),
    "a scored criterion with models": lambda r: r["criteria"][3].update(models=["bpo"]),
    "a scored criterion without weights": lambda r: r["criteria"][3].pop("weights"),
    "a scored criterion with empty weights": lambda r: r["criteria"][3].update(weights={}),
    "weights naming an unknown model": lambda r: r["criteria"][3]["weights"].update(insourcing=2),
    "a weight of 0": lambda r: r["criteria"][3]["weights"].update(bpo=0),
    "a weight of true": lambda r: r["criteria"][3]["weights"].update(bpo=True),
    "a weight of 2.0": lambda r: r["criteria"][3]["weights"].update(bpo=2.0),
    "a weight of 101": lambda r: r["criteria"][3]["weights"].update(bpo=101),
    "a weight of 1 and of 100": lambda r: r["criteria"][3]["weights"].update(bpo=1, managed_services=100),
    "anchors without score 3": lambda r: r["criteria"][3]["anchors"].pop("3"),
    "an anchor of 201 characters": lambda r: r["criteria"][3]["anchors"].update({"5": "a" * 201}),
    "an anchor of 200 characters": lambda r: r["criteria"][3]["anchors"].update({"5": "a" * 200}),
    "a pass/fail criterion with weights": lambda r: r["criteria"][0].update(weights={"bpo": 1}),
    "a pass/fail criterion with anchors": lambda r: r["criteria"][0].update(anchors={}),
    "a pass/fail criterion without models": lambda r: r["criteria"][0].pop("models"),
    "a pass/fail criterion with no models": lambda r: r["criteria"][0].update(models=[]),
    "a pass/fail criterion naming an unknown model": lambda r: r["criteria"][0].update(models=["bpo", "insourcing"]),
    "a pass/fail criterion for BPO only": lambda r: r["criteria"][0].update(models=["bpo"]),
    "a basis of 61 characters": lambda r: r["criteria"][3].update(basis="b" * 61),
    "a basis not in the sources": lambda r: r["criteria"][3].update(basis="nowhere"),
    "a guide of 121 characters": lambda r: r["criteria"][3].update(guide="g" * 116 + ".md#x"),
    "a guide without an anchor": lambda r: r["criteria"][3].update(guide="choosing-a-provider.md"),
    "a label of 81 characters": lambda r: r["criteria"][3].update(label="l" * 81),
    "a label of 80 characters": lambda r: r["criteria"][3].update(label="l" * 80),
    "a strong answer of 301 characters": lambda r: r["criteria"][3].update(strong="s" * 301),
    "a rationale of 401 characters": lambda r: r["criteria"][3].update(rationale="r" * 401),
    "a rationale of blanks": lambda r: r["criteria"][3].update(rationale="   "),
    "two criteria with one id": lambda r: r["criteria"][4].update(id=r["criteria"][3]["id"]),
    "two criteria with one key": lambda r: r["criteria"][4].update(key=r["criteria"][3]["key"]),
    "two criteria with one label, in other capitals": lambda r: r["criteria"][4].update(label=r["criteria"][3]["label"].upper()),
    "a model with no scored criterion": lambda r: r.update(criteria=[
        {k: v for k, v in c.items() if k != "weights"} | {"weights": {m: w for m, w in c["weights"].items() if m != "bpo"}}
        if "weights" in c else c for c in r["criteria"] if c.get("weights", {"x": 1}).keys() != {"bpo"}]),
    "a method without a basis": lambda r: next(iter(r["methods"].values())).pop("basis"),
    "a method whose basis is not a source": lambda r: next(iter(r["methods"].values())).update(basis="nowhere"),
    "a method's explanation of 801 characters": lambda r: next(iter(r["methods"].values())).update(explanation="e" * 801),
    "a price method that is not a method": lambda r: r["price"].update(method="cheapest"),
    "a default price weight of 101": lambda r: r["price"].update(default_weight=101),
    "a default price weight of -1": lambda r: r["price"].update(default_weight=-1),
    "a default price weight of true": lambda r: r["price"].update(default_weight=True),
    "a default price weight of 100": lambda r: r["price"].update(default_weight=100),
    "a default price weight of 0": lambda r: r["price"].update(default_weight=0),
    "a low-price fraction of 1.0": lambda r: r["low_price"].update(below_adjusted_average=1.0),
    "a low-price fraction of 0.0": lambda r: r["low_price"].update(below_adjusted_average=0.0),
    "a low-price fraction given as 1": lambda r: r["low_price"].update(below_adjusted_average=1),
    "a low-price minimum of 2": lambda r: r["low_price"].update(min_proposals=2),
    "a low-price minimum of 3.0": lambda r: r["low_price"].update(min_proposals=3.0),
    "a price weight basis not in the sources": lambda r: r["price"].update(weight_basis="nowhere"),
    "a low-price basis not in the sources": lambda r: r["low_price"].update(basis="nowhere"),
    "a low-price rule basis not in the sources": lambda r: r["low_price"].update(rule_basis="nowhere"),
    "a price weight rationale of 601 characters": lambda r: r["price"].update(weight_rationale="w" * 601),
}


def _provider_data_changes() -> str:
    from calculator.errors import CalculatorError
    from calculator.provider_criteria import parse

    raw = tomllib.loads((ROOT / "calculator" / "provider_criteria.toml").read_text("utf-8"))
    out = []
    for what, change in PROVIDER_DATA_CHANGES.items():
        changed = copy.deepcopy(raw)
        change(changed)
        try:
            data = parse(changed)
        except CalculatorError as exc:
            out.append(f"{what}: refused: {exc.message} ({exc.kind})")
            continue
        criteria = "; ".join(f"{c.id} {c.key} {c.kind} {dict(c.weights)} {list(c.models)} {len(c.label)}/{len(c.basis)}"
                             for c in data.criteria[3:5] + data.criteria[:1])
        out.append(f"{what}: accepted: {criteria}; price {data.default_method} {data.price_weight}; "
                   f"low {data.low_price_fraction} {data.low_price_min}")
    return "\n".join(out) + "\n"


# Command lines: argv, and what standard input holds (None: closed).
_FIGURES = json.dumps(EXAMPLE["cost"])
_ANSWERS = json.dumps(EXAMPLE["answers"])
COMMANDS: dict[str, tuple[list[str], str | None]] = {
    "score_text": (["score", "--format", "text"], _ANSWERS),
    "score_markdown_from_link": (["score", "--share", RESULT_LINK, "--format", "markdown", "--site-url", SITE], None),
    "score_json_weights": (["score", "--answers", '{"direction": "us", "kind": "build"}', "--weights", '{"pricing": 0}'], None),
    "cost_text": (["cost", "--figures", _FIGURES, "--answers", _ANSWERS, "--format", "text"], None),
    "cost_markdown": (["cost", "--answers", _ANSWERS, "--format", "markdown", "--site-url", SITE], _FIGURES),
    "plan_text": (["plan", "--share", PLAN_LINK, "--format", "text"], None),
    "plan_markdown": (["plan", "--format", "markdown"], json.dumps(EXAMPLE["plan"]["workstreams"])),
    "providers_text": (["providers", "--evaluation", json.dumps(EVALUATIONS["two"]), "--format", "text"], None),
    "providers_markdown": (["providers", "--share", _evaluation_link(), "--format", "markdown"], None),
}
BAD_COMMANDS: list[tuple[list[str], str | None]] = [
    ([], None),
    (["score"], None),
    (["score"], "   "),
    (["score"], "{"),
    (["score", "--answers", '{"direction": "us"}', "--share", RESULT_LINK], None),
    (["cost", "--figures", "{}", "--format", "markdown"], None),
    (["cost", "--share", "v3d1-41dF", "--format", "text"], None),
    (["plan", "--share", PLAN_LINK, "--workstreams", "[]"], None),
    (["providers", "--share", "e1.x", "--evaluation", "{}"], None),
    (["providers", "--evaluation", "{"], None),
    (["providers"], "{"),
    (["plan", "--workstreams", "["], None),
    (["plan"], "["),
    (["cost", "--figures", "{"], None),
    (["cost"], "{"),
    (["cost", "--figures", "{}", "--answers", "{"], None),
    (["cost", "--figures", "{}", "--answers", "{", "--format", "markdown"], None),
    (["cost", "--share", "v3d1-41dF", "--figures", "{}"], None),
    (["cost", "--share", "v3d1-41dF", "--answers", "{}"], None),
    (["score", "--answers", "{"], None),
    (["score", "--answers", "{}", "--weights", "{"], None),
]


# ----- laying an output out for reading --------------------------------------------------------

def _json(data: Any) -> str:
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)


def _reply(request: dict[str, Any]) -> str:
    """A request and the engine's reply: the memo and each view's HTML and text on their own,
    then the rest of the reply as JSON."""
    reply = json.loads(api.handle(json.dumps(request)))
    parts = ["## request", _json(request)]
    memo = reply.pop("memo", None)
    trees = reply.pop("tree", {})
    for name, nodes in trees.items():
        built = [from_json(node) for node in nodes]
        parts += [f"## tree {name} (HTML)", "\n".join(to_html(node) for node in built),
                  f"## tree {name} (text)", "\n".join(to_text(node) for node in built)]
    if isinstance(reply.get("view"), dict) and "type" in reply["view"]:  # a providers view tree
        built = from_json(reply["view"])
        parts += ["## view (HTML)", to_html(built), "## view (text)", to_text(built)]
    if memo is not None:
        parts += ["## memo", memo]
    parts += ["## reply", _json(reply)]
    return "\n".join(parts) + "\n"


def _command(argv: list[str], stdin: str | None) -> str:
    """A command line, its exit status, what it printed and what it said on stderr (argparse's
    help goes to sys.stdout itself, laid out for a terminal 100 columns wide)."""
    out, err = io.StringIO(), io.StringIO()
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            status = cli.main(argv, stdin=io.StringIO(stdin) if stdin is not None else _Closed(), stdout=out)
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns
    shown_in = "(closed)" if stdin is None else stdin
    return (f"$ python -m calculator {' '.join(_quoted(a) for a in argv)}\n## stdin\n{shown_in}\n"
            f"## status {status}\n## stdout\n{out.getvalue()}## stderr\n{err.getvalue()}")


class _Closed:
    """Standard input that is closed."""

    def read(self, size: int = -1) -> str:
        raise ValueError("I/O operation on closed file")


def _quoted(arg: str) -> str:
    return arg if arg and all(c.isalnum() or c in "-_.=/:*" for c in arg) else "'" + arg.replace("'", "'\\''") + "'"


# ----- the cases -------------------------------------------------------------------------------

def _state_cases() -> dict[str, dict[str, Any]]:
    """tests/data/wording.json's states by case name ('result_clear', 'result_clear_again', ...)."""
    cases: dict[str, dict[str, Any]] = {}
    for state in WORDING["states"]:
        name = f"result_{state['state']}"
        while name in cases:
            name += "_again"
        cases[name] = state
    return cases


STATE_CASES = _state_cases()


def _cases() -> dict[str, Callable[[], str]]:
    cases: dict[str, Callable[[], str]] = {
        name: lambda state=state: _reply({"op": "score", "answers": state["answers"], "page": PAGE, "site_url": SITE}
                                         | ({"weights": state["weights"]} if "weights" in state else {}))
        for name, state in STATE_CASES.items()}
    cases |= {
        "result_example_with_costs": lambda: _reply({"op": "score", "answers": EXAMPLE["answers"],
                                                     "cost": EXAMPLE["cost"], "page": PAGE, "site_url": SITE}),
        "result_weights_changed": lambda: _reply({"op": "score", "answers": EXAMPLE["answers"], "page": PAGE,
                                                  "weights": {"pricing": 0, "governance": 5, "duration": 1}}),
        "result_from_a_v1_link": lambda: _reply({"op": "score", "share": _v1_link(), "page": PAGE}),
        "result_from_an_address": lambda: _reply({"op": "open_link", "values": [RESULT_LINK], "page": PAGE,
                                                  "site_url": SITE, "memo": False}),
        "cost_without_answers": lambda: _reply({"op": "cost", "cost": EXAMPLE["cost"], "page": PAGE}),
        "cost_partial": lambda: _reply({"op": "cost", "answers": EXAMPLE["answers"], "page": PAGE,
                                        "cost": {"general": {"people": 3, "currency": "€"},
                                                 "managed_services": {"fee_per_month": 18000}}}),
        "plan_from_the_guides_link": lambda: _reply({"op": "plan", "share": PLAN_LINK, "page": PAGE, "site_url": SITE}),
        "plans_from_scenarios": _scenario_plans,
        "plan_example": lambda: _reply({"op": "plan", "workstreams": EXAMPLE["plan"]["workstreams"], "page": PAGE}),
        "providers_from_the_guides_link": lambda: _reply({"op": "providers", "share": _evaluation_link(), "page": PAGE,
                                                          "site_url": SITE}),
        "bad_requests": lambda: "".join(_reply(r) for r in copy.deepcopy(BAD_REQUESTS)),
        "bad_evaluations": lambda: _refusals(BAD_EVALUATIONS),
        "evaluation_edges": lambda: _refusals(EDGE_EVALUATIONS),
        "provider_data_changes": _provider_data_changes,
        "bad_commands": lambda: "\n".join(_command(argv, stdin) for argv, stdin in BAD_COMMANDS),
        "command_help": lambda: "\n".join(_command(argv, None) for argv in (
            ["--help"], *([name, "--help"] for name in ("questions", "card", "score", "cost", "plan", "providers")))),
        "card": lambda: _reply({"op": "card"}),
        "questions": lambda: _reply({"op": "questions"}),
        "cost_inputs_and_provider_criteria": lambda: _reply({"op": "cost_inputs"}) + _reply({"op": "provider_criteria"}),
    }
    for name, evaluation in EVALUATIONS.items():
        cases[f"providers_{name}"] = lambda evaluation=evaluation: _reply(
            {"op": "providers", "evaluation": evaluation, "page": PAGE, "site_url": SITE})
    for name, (argv, stdin) in COMMANDS.items():
        cases[f"command_{name}"] = lambda argv=argv, stdin=stdin: _command(argv, stdin)
    return cases


def _v1_link() -> str:
    corpus = json.loads((ROOT / "tests" / "data" / "share_v1_corpus.json").read_text("utf-8"))
    return max(corpus["codes"], key=lambda entry: len(entry["code"]))["code"]


CASES = _cases()


def render(name: str) -> str:
    """The output of one case, as its approved file holds it."""
    return CASES[name]()


def main(argv: list[str] | None = None) -> int:
    """Rewrite every approved file from the engine (and delete those of cases that are gone)."""
    APPROVED.mkdir(parents=True, exist_ok=True)
    for old in APPROVED.glob("*.txt"):
        if old.stem not in CASES:
            old.unlink()
    for name in CASES:
        (APPROVED / f"{name}.txt").write_text(render(name), "utf-8")
    print(f"wrote {len(CASES)} files in {APPROVED.relative_to(ROOT)}; read `git diff {APPROVED.relative_to(ROOT)}` "
          "before committing")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
