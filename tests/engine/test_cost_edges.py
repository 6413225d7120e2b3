"""The cost comparison at its edges, worked out by hand: a break-even month found in exact
fractions, the precision a "what would change it" figure is shown at on either side of 100, and
the unit named after an entered figure's range (found as survivors by `make mutate`)."""

from __future__ import annotations

import pytest

from calculator._datafile import read_toml
from calculator.cost import check_cost, compare_costs
from calculator.errors import CalculatorError

INPUTS = {(t["group"], t["id"]): t for t in read_toml("cost_inputs.toml")["inputs"]}


def _break_even(transition_fee):
    """Staff augmentation at 200 a month against a managed service at 100 a month that costs
    `transition_fee` to start, over two years."""
    return compare_costs({"general": {"people": 1, "horizon_months": 24},
                          "staff_augmentation": {"rate_per_person_month": 200},
                          "managed_services": {"fee_per_month": 100, "transition_fee": transition_fee}})["break_even"]


def test_break_even_keeps_the_fraction_of_a_start_up_cost():
    """After m months the managed service has cost 1,000.50 + 100m and staff augmentation 200m:
    equal at m = 10.005, so it is first cheaper in month 11 and never equal on a whole month.
    (Dropping the 50 cents would make them equal at month 10.)"""
    assert _break_even(1000.5) == [
        {"model": "managed_services", "cheaper_than": "staff_augmentation", "month": 11, "equal_month": None}]


def test_break_even_on_a_whole_month_says_so():
    """1,000 + 100m = 200m at m = 10 exactly: equal in month 10, cheaper from month 11."""
    assert _break_even(1000) == [
        {"model": "managed_services", "cheaper_than": "staff_augmentation", "month": 11, "equal_month": 10}]


@pytest.mark.parametrize("rate, fee, crossing, to", [
    (100, 100.5, 100.0, 99.0),     # at 100 and above: whole units, so the first whole figure past the tie
    (50, 50.5, 50.0, 49.99),       # below 100: hundredths
], ids=["at-100", "below-100"])
def test_the_figure_that_changes_the_cheapest_is_shown_at_the_views_precision(rate, fee, crossing, to):
    """Staff augmentation at `rate` a month is cheapest; the managed service's fee is the
    figure closest (relatively) to changing that: equal at `crossing`, and the value the reader
    is shown is the first one past it at the precision the view shows money in. (Over 60
    months a hundredth a month is 0.60 in total, more than the half unit that counts as a tie.)"""
    sens = compare_costs({"general": {"people": 1, "horizon_months": 60},
                          "staff_augmentation": {"rate_per_person_month": rate},
                          "managed_services": {"fee_per_month": fee}})["sensitivity"]
    assert (sens["group"], sens["input"], sens["cheapest"]) == ("managed_services", "fee_per_month", "managed_services")
    assert (sens["from"], sens["crossing"], sens["to"]) == (fee, crossing, to)


def _refusal(group, input_id, value):
    with pytest.raises(CalculatorError) as caught:
        check_cost({group: {input_id: value}})
    return str(caught.value)


def _most(group, input_id):
    return f"{INPUTS[(group, input_id)]['max']:,}"


def test_a_one_off_amount_is_asked_for_without_a_unit():
    """A one-off amount ('money') has no unit after its range: 'one-off' is the form's label
    beside the field, not part of the sentence."""
    assert _refusal("bpo", "transition_fee", -1) == (
        f"Provider's transition fee: -1 is less than 0; enter an amount from 0 to {_most('bpo', 'transition_fee')}")
    assert _refusal("bpo", "exit_fee", "x") == (
        f"{INPUTS[('bpo', 'exit_fee')]['label']}: enter an amount from 0 to {_most('bpo', 'exit_fee')}, not text")


def test_a_monthly_amount_is_asked_for_with_its_unit():
    assert _refusal("managed_services", "fee_per_month", -1) == (
        f"Service fee per month: -1 is less than 0; enter an amount from 0 to "
        f"{_most('managed_services', 'fee_per_month')} per month")


def test_break_even_equal_after_the_first_month():
    """100 + 100m = 200m at m = 1: equal after one month, cheaper from month 2."""
    found = compare_costs({"general": {"people": 1, "horizon_months": 24},
                           "staff_augmentation": {"rate_per_person_month": 200},
                           "managed_services": {"fee_per_month": 100, "transition_fee": 100}})["break_even"]
    assert found == [{"model": "managed_services", "cheaper_than": "staff_augmentation", "month": 2, "equal_month": 1}]


def test_break_even_equal_in_the_last_month_of_the_horizon_is_told():
    """Equal at month 10 with a 10-month horizon: cheaper only after it, but the tie falls inside
    the period compared, so it is said."""
    found = compare_costs({"general": {"people": 1, "horizon_months": 10},
                           "staff_augmentation": {"rate_per_person_month": 200},
                           "managed_services": {"fee_per_month": 100, "transition_fee": 1000}})["break_even"]
    assert found == [{"model": "managed_services", "cheaper_than": "staff_augmentation", "month": 11, "equal_month": 10}]


def test_a_rise_past_the_crossing_is_shown_as_the_next_hundredth_up():
    """BPO at 0.50 a transaction x 3,000 a month (1,500) against a 1,850 service fee: BPO is
    cheapest until its price reaches 1,850 / 3,000 = 0.6166...; the figure shown is the next
    hundredth past that, 0.62 (not 0.63), and the crossing is given to six decimals."""
    sens = compare_costs({"general": {"volume": 3000, "horizon_months": 12},
                          "bpo": {"price_per_transaction": 0.5},
                          "managed_services": {"fee_per_month": 1850}})["sensitivity"]
    assert sens == {"group": "bpo", "input": "price_per_transaction", "label": INPUTS[("bpo", "price_per_transaction")]["label"],
                    "unit": "money_per_unit", "from": 0.5, "crossing": 0.616667, "cheapest": "managed_services",
                    "relative": 0.1167, "to": 0.62}


def test_a_figure_one_more_of_would_break_a_rule_is_passed_over_and_the_rest_still_weighed():
    """The managed service is cheapest (its 100 credits cancel its 100 fee: 2,000 to start, then
    nothing). One more credit would exceed the fee, so credits are passed over; the figures after
    them are still weighed: BPO's price would have to fall from 0.50 to 2,000 / 36,000 = 0.0556
    (0.444 of a unit), closer than the volume falling to 333 (0.889 of it)."""
    sens = compare_costs({"general": {"volume": 3000, "horizon_months": 12},
                          "bpo": {"price_per_transaction": 0.5},
                          "managed_services": {"fee_per_month": 100, "credits_per_month": 100, "transition_fee": 2000}})
    assert sens["cheapest"] == ["managed_services"]
    assert sens["sensitivity"] == {"group": "bpo", "input": "price_per_transaction",
                                   "label": INPUTS[("bpo", "price_per_transaction")]["label"], "unit": "money_per_unit",
                                   "from": 0.5, "crossing": 0.055556, "cheapest": "bpo", "relative": 0.4444, "to": 0.05}


def test_the_figure_shown_may_be_the_bottom_of_its_range():
    """The managed service costs 180 in all (a 180 start-up fee, no monthly fee); BPO at 0.50 x
    3,000 a month would need a price of 180 / 36,000 = 0.005 to match it. The first hundredth
    past that, going down, is 0: a price the form allows (its range starts at 0)."""
    sens = compare_costs({"general": {"volume": 3000, "horizon_months": 12},
                          "bpo": {"price_per_transaction": 0.5},
                          "managed_services": {"fee_per_month": 0, "transition_fee": 180}})["sensitivity"]
    assert INPUTS[("bpo", "price_per_transaction")]["min"] == 0
    assert (sens["input"], sens["from"], sens["crossing"], sens["cheapest"], sens["to"]) == (
        "price_per_transaction", 0.5, 0.005, "bpo", 0.0)


def test_monthly_and_total_costs_are_given_to_the_cent():
    """0.111 a transaction x 3 a month is 0.333 a month: 0.33 to the cent, and 3.996 over 12
    months is 4.00 (each rounded once, from the exact figures)."""
    bpo = compare_costs({"general": {"volume": 3, "horizon_months": 12},
                         "bpo": {"price_per_transaction": 0.111}})["models"]["bpo"]
    assert (bpo["monthly"]["fees"], bpo["monthly"]["run"]) == (0.33, 0.33)
    assert (bpo["totals"]["fees"], bpo["totals"]["total"]) == (4.0, 4.0)


def test_the_change_shown_gets_past_the_tie_over_a_short_horizon():
    """Staff augmentation at 50 a month against a service fee of 50.50, over 12 months: totals
    600 and 606. Totals within 0.50 are a tie, so the fee must fall below 50 by more than
    0.50 / 12 = 0.0417: at 49.96 the service costs 599.52 (a tie), at 49.95 it costs 599.40 and
    is cheapest. The sentence was left out here before: it gave up after four hundredths."""
    figures = {"general": {"people": 1, "horizon_months": 12}, "staff_augmentation": {"rate_per_person_month": 50},
               "managed_services": {"fee_per_month": 50.5}}
    sens = compare_costs(figures)["sensitivity"]
    assert (sens["input"], sens["crossing"], sens["to"], sens["cheapest"]) == ("fee_per_month", 50.0, 49.95, "managed_services")
    at_tie = compare_costs({**figures, "managed_services": {"fee_per_month": 49.96}})
    assert at_tie["cheapest"] == ["staff_augmentation", "managed_services"]
