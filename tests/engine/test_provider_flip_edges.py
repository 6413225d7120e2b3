"""The provider evaluation's sensitivity figures at their edges, each worked out by hand: the
weight change that puts a rival ahead when it is a weight set to 0 or a lower price weight, the
cost change to the cent when prices are a cent or two or the winner's cost must rise past the
search's limit (10^16 cents), ties between equally small changes, the abnormally-low-price flag
at its limit and its rounding, the criteria's shares, and a whole-life cost of 0."""

from __future__ import annotations

import pytest

from calculator.errors import CalculatorError
from calculator.providers import evaluate

SL, TP = "service_levels", "transition_plan"


def bid(name, scores, **price):
    return {"name": name, "scores": scores, "price": {"fee_per_month": 0, **price}}


def request(weights, *bids, price_weight=40, **extra):
    return {"model": "managed_services", "price_weight": price_weight,
            "criteria": [{"id": cid, "weight": w} for cid, w in weights.items()], "providers": list(bids), **extra}


SERVICE = "Service levels, reporting and credits"

WEIGHT_FLIPS = {
    # Equal costs. Wren 5/0, Rook 0/4 at weights 1 and 1: Wren 60 x 5/10 = 30 beats Rook 60 x 4/10 = 24.
    # Service levels at 0 leaves transition plan alone (its weight 1 keeps the total above 0):
    # Rook 60 x 4/5 = 48 > Wren 0. Nearest change, first in criteria order: service levels 1 -> 0.
    "a weight of 1 set to 0": (
        request({SL: 1, TP: 1}, bid("Wren", {SL: 5, TP: 0}, fee_per_month=1000),
                bid("Rook", {SL: 0, TP: 4}, fee_per_month=1000)),
        {"criterion": SL, "label": SERVICE, "from": 1, "to": 0, "leader": "Rook"}),
    # Costs 19,200 and 24,000 (price 40 and 32). Weights 1 and 2: Wren 60 x 9/15 + 40 = 76, Rook
    # 60 x 7/15 + 32 = 60. Transition plan at 1: Wren 60 x 6/10 + 40 = 76, Rook 60 x 6/10 + 32 = 68;
    # at 0: Wren 60 x 3/5 + 40 = 76, Rook 60 + 32 = 92. So transition plan 2 -> 0 (Wren stays at 76
    # whatever the weights; service levels would need 1 -> 5: Rook 60 x 27/35 + 32 = 78.3).
    "a weight of 2 set to 0": (
        request({SL: 1, TP: 2}, bid("Wren", {SL: 3, TP: 3}, fee_per_month=800),
                bid("Rook", {SL: 5, TP: 1}, fee_per_month=1000)),
        {"criterion": TP, "label": "Transition plan", "from": 2, "to": 0, "leader": "Rook"}),
    # Price weight 1, weights 1 and 49: quality Wren 149/250, Rook 150/250; costs 2,400 and 24,000.
    # Totals (100 - p) q + p s: at p = 1 Wren 99 x 0.596 + 1 = 60.004 > Rook 99 x 0.6 + 0.1 = 59.5;
    # at p = 0 Rook 60 > Wren 59.6. Service levels would need 1 -> 3 (distance 2): the split wins.
    "the price weight set to 0": (
        request({SL: 1, TP: 49}, bid("Wren", {SL: 2, TP: 3}, fee_per_month=100),
                bid("Rook", {SL: 3, TP: 3}, fee_per_month=1000), price_weight=1),
        {"criterion": "price", "label": "price weight", "from": 1, "to": 0, "leader": "Rook"}),
    # One criterion, so only the split can change anything. Wren 3/5 at 19,200, Rook 5/5 at 24,000:
    # Wren - Rook = (100 - p)(0.6 - 1) + p (1 - 0.8) = 0.6 p - 40: Wren leads at 70 (+2), Rook at
    # 66 (-0.4), not at 67 (+0.2). The price weight falls from 70 to 66.
    "the price weight lowered": (
        request({SL: 3}, bid("Wren", {SL: 3}, fee_per_month=800), bid("Rook", {SL: 5}, fee_per_month=1000),
                price_weight=70),
        {"criterion": "price", "label": "price weight", "from": 70, "to": 66, "leader": "Rook"}),
}


@pytest.mark.parametrize("req, flip", WEIGHT_FLIPS.values(), ids=WEIGHT_FLIPS.keys())
def test_the_weight_that_would_change_the_winner(req, flip) -> None:
    r = evaluate(req)
    assert r["winner"] == "Wren" and r["weight_flip"] == flip


def test_each_criterions_share_of_the_quality_points_is_shown_to_two_decimals() -> None:
    r = evaluate(WEIGHT_FLIPS["a weight of 2 set to 0"][0])
    # Weights 1 and 2 of 3: 33.33% and 66.67%.
    assert [(c["id"], c["share"]) for c in r["criteria"]] == [(SL, 33.33), (TP, 66.67)]


# Two criteria weighted 88 and 61, price weight 43 (quality 57): Wren 5/5 and Rook 0/3, so
# Rook's quality is short by 57 x (88 x 5 + 61 x 2) / 745 = 32034/745 points, and Rook ahead
# needs Wren's price score below 43 - 32034/745 = 1/745. Rook's price cannot do it (at a cent
# Wren still scores 43 x 0.01 / Wren's cost >= 1/745); Wren's own cost can: above
# 43 x 745 x Rook's cost = 32,035 x Rook's cost.
def _far(wren_cost, rook_cost):
    return request({SL: 88, TP: 61}, bid("Wren", {SL: 5, TP: 5}, exit_fee=wren_cost),
                   bid("Rook", {SL: 0, TP: 3}, transition_fee=rook_cost), price_weight=43)


PRICE_FLIPS = {
    # One criterion, costs of a cent and two cents: Wren 36 + 40 = 76, Rook 48 + 20 = 68. Rook at one
    # cent scores 48 + 40 = 88 (half its cost: relative 0.5); Wren at two cents scores 76 < 88, but
    # that is a change of 1 (double), so Rook's fall is the one shown.
    "a rival two cents down to one": (
        request({SL: 1}, bid("Wren", {SL: 3}, exit_fee=0.01), bid("Rook", {SL: 4}, exit_fee=0.02)), "Wren",
        {"provider": "Rook", "from": 0.02, "to": 0.01, "relative": 0.5, "leader": "Rook"}),
    # Ash (quality 0, 24,000) 0 + 40 = 40; Birch (5/5, 48,000) 60 + 20 = 80; Cedar (4/5, 96,000)
    # 48 + 10 = 58. Ash can never lead (40 at most), nor can Birch's rise put anyone ahead (it falls
    # to 60 at most, Cedar stays 58). Cedar leads below 30,000: 48 + 40 x 24,000/c > 80.
    "the only change is the last rival's": (
        request({SL: 1}, bid("Ash", {SL: 0}, fee_per_month=1000), bid("Birch", {SL: 5}, fee_per_month=2000),
                bid("Cedar", {SL: 4}, fee_per_month=4000)), "Birch",
        {"provider": "Cedar", "from": 96000.0, "to": 29999.99, "relative": 0.6875, "leader": "Cedar"}),
    # Both cost 10 cents: Wren 60 + 40 = 100, Rook 24 + 40 = 64. Rook at a cent: Wren 60 + 4 = 64, a
    # tie, not ahead. Wren above 1.00: 60 + 40 x 0.10/c < 64. First cent on that side: 1.01.
    "the winner's rise found to the cent": (
        request({SL: 1}, bid("Wren", {SL: 5}, exit_fee=0.10), bid("Rook", {SL: 2}, exit_fee=0.10)), "Wren",
        {"provider": "Wren", "from": 0.1, "to": 1.01, "relative": 9.1, "leader": "Rook"}),
    # Ash and Birch alike (36 + 40 = 76 each, 24,000), Cedar 60 + 20 = 80 at 48,000. Either rival
    # leads below 19,200 (Cedar 60 + 40c/48,000 < 76): the same change, so the first by name.
    "equal changes: the first rival by name": (
        request({SL: 1}, bid("Ash", {SL: 3}, fee_per_month=1000), bid("Birch", {SL: 3}, fee_per_month=1000),
                bid("Cedar", {SL: 5}, fee_per_month=2000)), "Cedar",
        {"provider": "Ash", "from": 24000.0, "to": 19199.99, "relative": 0.2, "leader": "Ash"}),
    # Wren a cent, Rook 5,000,000,000 (5 x 10^11 cents): the flip is just above 32,035 x 5 x 10^11
    # cents = 1.60175 x 10^16 cents. Doubling from 2 cents, the search passes 2^53 (below 10^16)
    # and finds it at 2^54.
    "the winner's rise beyond 10^16 cents, found": (
        _far(0.01, 5e9), "Wren",
        {"provider": "Wren", "from": 0.01, "to": 160175000000000.0, "relative": 1.60175e16, "leader": "Rook"}),
    # Rook at 8,000,000,000: the flip (2.5628 x 10^16 cents) is beyond 2^54 (1.8 x 10^16), the
    # first step past the 10^16-cent limit: the search gives up, and no change is shown.
    "the winner's rise past the search's limit": (_far(0.01, 8e9), "Wren", None),
    # Wren at 3 cents, Rook as found above: doubling from 6 cents, the last step within the limit is
    # 6 x 2^50 and the next, 6 x 2^51 (1.35 x 10^16 cents), is still short of the flip: given up.
    "the same rise from 3 cents, past the limit": (_far(0.03, 5e9), "Wren", None),
}


@pytest.mark.parametrize("req, winner, flip", PRICE_FLIPS.values(), ids=PRICE_FLIPS.keys())
def test_the_cost_change_that_would_change_the_winner(req, winner, flip) -> None:
    r = evaluate(req)
    assert (r["winner"], r["price_flip"]) == (winner, flip)


def _bids(*costs):
    """Bids of equal quality with these whole-life costs (over one month the fee is the cost)."""
    return request({SL: 1}, *(bid(f"P{i}", {SL: 3}, fee_per_month=c) for i, c in enumerate(costs)),
                   cost={"general": {"horizon_months": 1}})


LOW_PRICES = {
    # All alike: the adjusted average is each one's cost, so none is below it at all.
    "equal costs": (_bids(1000, 1000, 1000), []),
    # Adjusted average (23,000 + 17,000) / 2 = 20,000; 15% below it is 17,000: P1 at exactly
    # 17,000 is not more than 15% below.
    "exactly 15% below": (_bids(23000, 17000, 30000), []),
    # A cent under it is: (23,000.01 + 16,999.99) / 2 = 20,000, and 1 - 16,999.99 / 20,000 = 0.1500005.
    "a cent more than 15% below": (_bids(23000.01, 16999.99, 30000),
                                   [{"provider": "P1", "cost": 16999.99, "adjusted_average": 20000.0, "below": 0.15}]),
    # (24,001 + 24,000 + 12,000) / 3 = 20,000.333...; P2 is 1 - 12,000 / 20,000.333 = 0.400009999... below.
    "the average and the gap rounded": (_bids(24001, 24000, 12000, 26400),
                                        [{"provider": "P2", "cost": 12000.0, "adjusted_average": 20000.33,
                                          "below": 0.4}]),
}


@pytest.mark.parametrize("req, flagged", LOW_PRICES.values(), ids=LOW_PRICES.keys())
def test_an_abnormally_low_price_is_one_more_than_15_percent_below_the_adjusted_average(req, flagged) -> None:
    assert evaluate(req)["low_prices"] == flagged


@pytest.mark.parametrize("passes", [True, False], ids=["ranked", "excluded"])
def test_a_whole_life_cost_of_0_is_refused_naming_the_provider(passes) -> None:
    req = request({SL: 1}, bid("Wren", {SL: 3}, fee_per_month=100),
                  {**bid("Rook", {SL: 4}, fee_per_month=0), "passes": {"processor_terms": passes}})
    req["criteria"].append({"id": "processor_terms"})
    req["providers"][0]["passes"] = {"processor_terms": True}
    with pytest.raises(CalculatorError) as caught:
        evaluate(req)
    assert caught.value.message == "provider “Rook”: its whole-life cost is 0; a price score needs a cost above 0"
    assert caught.value.field == "providers[1].price"
    assert caught.value.kind == "invalid_evaluation"
