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


# "What would change the cheapest model" at the edges of its rules (cost._sensitivity): which
# crossings count, where the value shown starts, how far it may go. Horizons of one month keep the
# arithmetic short: a total is then the monthly cost plus the one-off costs.

def test_a_crossing_a_billionth_away_is_a_change_not_the_figure_itself():
    """BPO at a price of 0 costs 0; the managed service costs 1 (fee 1, one month): BPO is
    cheapest. Its price crosses where price x 1,000,000,000 = 1, at 0.000000001: exactly the
    billionth below which a crossing counts as the figure itself, so it still counts. The value
    shown is the first hundredth past the tie, 0.01 (BPO then costs 10,000,000). A reader would
    lose the sentence "a price per transaction of 0.01 would make the managed service cheapest"
    if a crossing at the billionth were dropped. (The crossing is given to six decimals: 0.0.)"""
    sens = compare_costs({"general": {"volume": 1_000_000_000, "horizon_months": 1},
                          "bpo": {"price_per_transaction": 0},
                          "managed_services": {"fee_per_month": 1}})["sensitivity"]
    assert INPUTS[("general", "volume")]["max"] == 1_000_000_000
    assert (sens["input"], sens["from"], sens["crossing"], sens["cheapest"], sens["to"]) == (
        "price_per_transaction", 0, 0.0, "managed_services", 0.01)


def test_a_nearer_crossing_outside_its_range_is_passed_over():
    """The managed service costs 5; BPO 0.10 x 10 transactions + a 5.60 transition fee = 6.60.
    BPO's price would have to fall to (5 - 5.60) / 10 = -0.06 to match: the nearest crossing
    (0.16 of a unit) but below 0, so not a price anyone can enter, and the volume's crossing is
    negative too (-6). The next nearest is the transition fee falling to 4 (1.60 of 5.60, 0.2857;
    the service fee rising to 6.60 is 1.60 of 5, 0.32). Shown: the first hundredth at which BPO
    is more than 0.50 cheaper, 1 + fee < 4.50, so 3.49. A reader would otherwise be told
    nothing, or a negative price."""
    sens = compare_costs({"general": {"volume": 10, "horizon_months": 1},
                          "bpo": {"price_per_transaction": 0.1, "transition_fee": 5.6},
                          "managed_services": {"fee_per_month": 5}})["sensitivity"]
    assert (sens["group"], sens["input"], sens["from"], sens["crossing"], sens["cheapest"], sens["relative"], sens["to"]) == (
        "bpo", "transition_fee", 5.6, 4.0, "bpo", 0.2857, 3.49)


def test_a_crossing_at_the_bottom_of_a_range_shows_no_change():
    """The managed service costs 5; BPO 0.20 x 10 + a 5 transition fee = 7. The nearest crossing
    is BPO's price falling to (5 - 5) / 10 = 0, the bottom of its range (0.2 of a unit; the
    transition fee falling to 3 and the service fee rising to 7 are 0.4, the volume falling to 0
    is all of it). At 0 the two only tie, and no price below 0 can be entered, so no value makes
    BPO cheaper: the sentence is left out rather than a figure further off offered instead.
    A reader would see a different figure named if the bottom of the range stopped counting."""
    figures = {"general": {"volume": 10, "horizon_months": 1},
               "bpo": {"price_per_transaction": 0.2, "transition_fee": 5},
               "managed_services": {"fee_per_month": 5}}
    result = compare_costs(figures)
    assert result["cheapest"] == ["managed_services"]
    assert result["sensitivity"] is None
    at_zero = compare_costs({**figures, "bpo": {"price_per_transaction": 0, "transition_fee": 5}})
    assert at_zero["cheapest"] == ["managed_services", "bpo"]   # 5 and 5: a tie, not a change


def _parallel(transition_fee):
    """Staff augmentation: 100 a month for one person + 35 months of parallel running at today's
    10 a month = 450. The managed service: 100 a month + 10 months of parallel running (100) +
    `transition_fee`. One month compared."""
    return {"general": {"people": 1, "current_monthly_cost": 10, "horizon_months": 1},
            "staff_augmentation": {"rate_per_person_month": 100, "parallel_months": 35},
            "managed_services": {"fee_per_month": 100, "parallel_months": 10, "transition_fee": transition_fee}}


def test_a_crossing_at_the_top_of_a_range_shows_no_change():
    """With a 260 transition fee the managed service costs 460, 10 more than staff augmentation.
    The nearest crossing is staff augmentation's parallel months rising by 10 / 10 = 1, to 36:
    the top of their range (1 of 35, 0.0286; the transition fee falling to 250 is 10 of 260,
    0.0385; today's cost rising by 10 / (35 - 10) = 0.4 is 0.04; every other figure 0.1). At 36
    the two only tie (460 each) and no more months can be entered: the sentence is left out
    rather than the transition fee offered instead. A reader would see a different figure named if
    the top of the range stopped counting."""
    assert INPUTS[("staff_augmentation", "parallel_months")]["max"] == 36
    result = compare_costs(_parallel(260))
    assert result["cheapest"] == ["staff_augmentation"]
    assert result["sensitivity"] is None
    at_top = compare_costs({**_parallel(260), "staff_augmentation": {"rate_per_person_month": 100, "parallel_months": 36}})
    assert at_top["cheapest"] == ["staff_augmentation", "managed_services"]


def test_the_figure_shown_may_be_the_top_of_its_range():
    """With a 259.45 transition fee the managed service costs 459.45, 9.45 more. Staff
    augmentation's parallel months cross at 35 + 9.45 / 10 = 35.945 (0.945 of 35, 0.027, the
    nearest); past the tie it must cost more than 459.95, so months above 35.995: the first
    hundredth is 36.00, the top of the range, which can be entered (at 35.99 it costs 459.90, a
    tie). A reader would lose the sentence if the top of the range were not allowed as the value
    shown."""
    sens = compare_costs(_parallel(259.45))["sensitivity"]
    assert (sens["input"], sens["from"], sens["crossing"], sens["cheapest"], sens["relative"], sens["to"]) == (
        "parallel_months", 35, 35.945, "managed_services", 0.027, 36.0)


def test_a_rise_over_a_short_horizon_starts_past_the_tie():
    """BPO at 0.50 x 10 transactions = 5 against a 6.25 service fee, one month. BPO's price
    crosses at 6.25 / 10 = 0.625 (0.125 of a unit; the volume rising to 12.5 is 0.25, the fee
    falling to 5 is 0.2). Past the tie BPO must cost more than 6.75: prices above 0.675, so
    0.68 (at 0.67 BPO costs 6.70, within 0.50 of 6.25: a tie). The half unit is 0.05 of the price
    here, five hundredths: a search that started below the crossing would not get past it."""
    figures = {"general": {"volume": 10, "horizon_months": 1}, "bpo": {"price_per_transaction": 0.5},
               "managed_services": {"fee_per_month": 6.25}}
    sens = compare_costs(figures)["sensitivity"]
    assert (sens["input"], sens["from"], sens["crossing"], sens["cheapest"], sens["relative"], sens["to"]) == (
        "price_per_transaction", 0.5, 0.625, "managed_services", 0.125, 0.68)
    at_tie = compare_costs({**figures, "bpo": {"price_per_transaction": 0.67}})
    assert at_tie["cheapest"] == ["managed_services", "bpo"]


def test_no_change_is_shown_when_a_third_model_ties_for_four_hundredths():
    """Ten people, one month: staff augmentation 100 each = 1,000; the managed service 495 + a
    495 transition fee = 990 (cheapest); BPO 90 per FTE + a 99.05 transition fee = 999.05. The
    nearest crossing is the number of people falling by 10 / 100 = 0.1, to 9.9 (0.01; staff
    augmentation's rate falling to 99 is also 0.01 but comes later in the form; BPO's price per
    FTE, 0.905 of 90, and everything else are further). Staff augmentation is more than 0.50
    cheaper below 9.895, but BPO (90 x people + 99.05) stays within 0.50 of it: at 9.89, 9.88,
    9.87 and 9.86 it costs 989.15, 988.25, 987.35, 986.45 against 989, 988, 987, 986, so those
    are ties between the two. The engine tries four hundredths past the tie and then leaves the
    sentence out (at 9.85 BPO would be 0.55 dearer). A reader would see "9.85 people" offered if
    it searched further."""
    figures = {"general": {"people": 10, "horizon_months": 1}, "staff_augmentation": {"rate_per_person_month": 100},
               "managed_services": {"fee_per_month": 495, "transition_fee": 495},
               "bpo": {"price_per_fte_month": 90, "transition_fee": 99.05}}
    result = compare_costs(figures)
    assert result["cheapest"] == ["managed_services"]
    assert result["sensitivity"] is None
    fourth = compare_costs({**figures, "general": {"people": 9.86, "horizon_months": 1}})
    assert fourth["cheapest"] == ["staff_augmentation", "bpo"]


def test_a_figure_out_of_range_for_one_model_is_still_weighed_against_the_next():
    """Half a person, one month. The managed service costs 500 + a 500 transition fee = 1,000
    (cheapest); staff augmentation 100 x 0.5 + a 1,100 start-up cost = 1,150; BPO 1,600 per FTE x
    0.5 + a 300 transition fee = 1,100. Staff augmentation, first in the form's order, could only
    catch up with fewer than no people ((1,000 - 1,100) / 100 = -1), but BPO does at
    (1,000 - 300) / 1,600 = 0.4375 people: 0.0625 of a person, the nearest change (BPO's price
    falling to 1,400 is 200 of 1,600, 0.125; every other figure is further). Past the tie BPO
    must cost less than 999.50: fewer than 0.4371875 people, so 0.43 (988). A reader would be
    shown the price per FTE instead if the people stopped being weighed after the first model."""
    sens = compare_costs({"general": {"people": 0.5, "horizon_months": 1},
                          "staff_augmentation": {"rate_per_person_month": 100, "transition_fee": 1100},
                          "managed_services": {"fee_per_month": 500, "transition_fee": 500},
                          "bpo": {"price_per_fte_month": 1600, "transition_fee": 300}})["sensitivity"]
    assert (sens["input"], sens["from"], sens["crossing"], sens["cheapest"], sens["relative"], sens["to"]) == (
        "people", 0.5, 0.4375, "bpo", 0.0625, 0.43)
