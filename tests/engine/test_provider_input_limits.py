"""The provider evaluation's input at its limits (calculator/provider_input.py): exactly
MAX_PROVIDERS proposals are compared, a whole API request passed as the evaluation is read (its
"op" is not an unknown field), and the price-method error lists every method the data file names.

Expected values are written by hand from provider_input.py and provider_criteria.toml.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest

from calculator import provider_input
from calculator.errors import CalculatorError
from calculator.provider_criteria import parse
from calculator.providers import evaluate
from tests.engine.test_providers import proposal, request

ROOT = Path(__file__).resolve().parents[2]
RAW = tomllib.loads((ROOT / "calculator" / "provider_criteria.toml").read_text(encoding="utf-8"))


def test_exactly_eight_proposals_are_compared():
    """At most 8 providers: the eighth is still ranked (equal quality, so the cheaper ranks higher)."""
    r = evaluate(request(*(proposal(f"P{i}", 3, 3, 100 + 10 * i) for i in range(8))))
    assert [p["name"] for p in r["ranked"]] == ["P0", "P1", "P2", "P3", "P4", "P5", "P6", "P7"]
    assert r["winner"] == "P0"


def test_a_whole_providers_request_is_read_as_its_evaluation():
    """The "op" of an API request passed whole to evaluate() is not an unknown field of the
    evaluation (it is read as the evaluation alone); any other extra field still is."""
    ev = request(proposal("A", 5, 1, 1000), proposal("B", 3, 5, 800))
    r = evaluate({"op": "providers", **ev})
    assert r["winner"] == "B" and "op" not in r["input"]
    assert r == evaluate(ev)
    with pytest.raises(CalculatorError) as caught:
        evaluate({"OP": "providers", **ev})
    assert caught.value.message == "unknown field(s) in the evaluation: OP"


def test_the_price_method_error_lists_every_method_of_the_data_file(monkeypatch):
    """With a second price method in provider_criteria.toml, the error names both, comma-separated."""
    raw = copy.deepcopy(RAW)
    raw["methods"]["lowest_total"] = dict(raw["methods"]["relative_to_lowest"], name="Lowest total")
    data = parse(raw)
    monkeypatch.setattr(provider_input, "provider_data", lambda: data)
    ev = request(proposal("A", 5, 1, 1000), price_method="cheapest")
    with pytest.raises(CalculatorError) as caught:
        provider_input.check_evaluation(ev)
    assert (caught.value.field, caught.value.message) == (
        "price_method", "the price-scoring method must be one of relative_to_lowest, lowest_total, not 'cheapest'")
