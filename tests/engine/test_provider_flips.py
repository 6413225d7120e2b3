""""What would change the winner" in a provider evaluation, checked against a brute-force search:
the weight change is the smallest whole-number change of one weight that puts another provider
strictly ahead (tried weight by weight, nearest first), and the root finder it rests on returns
the nearest flipping whole number, tried number by number."""

from __future__ import annotations

import copy
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator.errors import CalculatorError
from calculator.providers import _first_whole_below_zero, evaluate

CRITERIA = ("service_levels", "transition_plan", "references")


@settings(max_examples=300, deadline=None)
@given(st.integers(-12, 12), st.integers(1, 4), st.integers(-40, 40), st.integers(1, 4),
       st.integers(-15, 15), st.integers(0, 20), st.data())
def test_the_root_finder_returns_the_nearest_flipping_whole_number(num, den, c_num, c_den, low, span, data) -> None:
    slope, const = Fraction(num, den), Fraction(c_num, c_den)
    high = low + span
    current = data.draw(st.integers(low, high))
    flipping = [x for x in range(low, high + 1) if slope * x + const < 0]
    expected = None if current in flipping or not flipping else min(flipping, key=lambda x: abs(x - current))
    assert _first_whole_below_zero(slope, const, current, low, high) == expected


@st.composite
def evaluations(draw):
    names = ["Ash", "Birch", "Cedar"][: draw(st.integers(2, 3))]
    count = draw(st.integers(1, 3))
    criteria = [{"id": cid, "weight": draw(st.integers(0, 6))} for cid in CRITERIA[:count]]
    if not any(c["weight"] for c in criteria):
        criteria[0]["weight"] = draw(st.integers(1, 6))
    providers = [{"name": n, "scores": {c["id"]: draw(st.integers(0, 5)) for c in criteria},
                  "price": {"fee_per_month": draw(st.integers(500, 1500))}} for n in names]
    return {"model": "managed_services", "price_weight": draw(st.integers(0, 100)), "criteria": criteria,
            "providers": providers}


def _flipped(request, winner, criterion, weight):
    """The provider strictly ahead of `winner` with this one weight changed, or None (also when
    the changed weights are not a valid evaluation)."""
    changed = copy.deepcopy(request)
    if criterion == "price":
        changed["price_weight"] = weight
    else:
        next(c for c in changed["criteria"] if c["id"] == criterion)["weight"] = weight
    try:
        ranked = evaluate(changed)["ranked"]
    except CalculatorError:
        return None
    mine = next(p["total"] for p in ranked if p["name"] == winner)
    ahead = [p for p in ranked if p["name"] != winner and p["total"] > mine]
    return max(ahead, key=lambda p: p["total"])["name"] if ahead else None


@settings(max_examples=40, deadline=None)
@given(evaluations())
def test_the_weight_flip_is_the_nearest_weight_that_puts_another_provider_ahead(request) -> None:
    r = evaluate(request)
    if r["winner"] is None:
        return
    current = {c["id"]: c["weight"] for c in request["criteria"]} | {"price": request["price_weight"]}
    order = [c["id"] for c in request["criteria"]] + ["price"]
    found = None
    for distance in range(1, 101):
        for what in order:
            for weight in (current[what] - distance, current[what] + distance):
                if 0 <= weight <= 100 and found is None:
                    leader = _flipped(request, r["winner"], what, weight)
                    if leader is not None:
                        found = (what, weight, leader)
        if found:
            break
    flip = r["weight_flip"]
    if found is None:
        assert flip is None
    else:
        assert flip is not None and (flip["criterion"], flip["to"], flip["from"]) == (found[0], found[1], current[found[0]])
        assert flip["leader"] == _flipped(request, r["winner"], flip["criterion"], flip["to"])
