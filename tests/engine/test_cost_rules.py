"""Every rule that ties one cost figure to another (cost.py, _combination_problems), and every
kind of value a figure cannot take (_figure_problem, check_cost), with the exact words the
reader sees beside the figure and the field the page marks. The sentences are the rules as
cost.py states them, with each figure's label from cost_inputs.toml; written here by hand."""

from __future__ import annotations

import pytest

from calculator.cost import check_cost
from calculator.errors import CalculatorError

PEOPLE = "Size of the work, in people (full-time equivalents)"
PEOPLE_ASKED = "enter a number from 0 to 100,000 people"


@pytest.mark.parametrize("figures, field, message", [
    ({"bpo": {"price_per_transaction": 1, "price_per_fte_month": 1}, "general": {"volume": 1, "people": 1}},
     "bpo.price_per_fte_month", "Price per FTE per month: give either “Price per transaction” or this, not both"),
    ({"staff_augmentation": {"rate_per_person_month": 1, "day_rate": 1}, "general": {"people": 1}},
     "staff_augmentation.day_rate", "Day rate per person: give either “Rate per person per month” or this, not both"),
    ({"staff_augmentation": {"rate_per_person_month": 1}}, "staff_augmentation.rate_per_person_month",
     f"Rate per person per month: a rate per person needs the number of people; enter “{PEOPLE}” too"),
    ({"staff_augmentation": {"day_rate": 1, "days_per_month": 20}}, "staff_augmentation.day_rate",
     f"Day rate per person: a day rate needs the number of people; enter “{PEOPLE}” too"),
    ({"staff_augmentation": {"day_rate": 1}, "general": {"people": 1}}, "staff_augmentation.day_rate",
     "Day rate per person: a day rate is turned into a monthly rate with the days billed a month; "
     "enter “Days billed per person per month” too"),
    ({"bpo": {"price_per_transaction": 1}}, "bpo.price_per_transaction",
     "Price per transaction: a price per transaction is turned into a monthly fee with the monthly volume; "
     "enter “Size of the work, in transactions a month” too"),
    ({"bpo": {"price_per_fte_month": 1}}, "bpo.price_per_fte_month",
     f"Price per FTE per month: a price per FTE needs the number of people; enter “{PEOPLE}” too"),
    ({"managed_services": {"fee_per_month": 1, "governance_hours": 1}}, "managed_services.governance_hours",
     "Hours your owner spends governing it, per month: hours are turned into money with the cost of an hour; "
     "enter “Internal cost of one hour of a lead's or manager's time” too"),
    ({"managed_services": {"fee_per_month": 1, "parallel_months": 1}}, "managed_services.parallel_months",
     "Months of parallel running: parallel running costs today's arrangement for each month; "
     "enter “Cost of today's arrangement, per month” too"),
    ({"bpo": {"credits_per_month": 1}}, "bpo.credits_per_month",
     "Service credits you expect per month: credits reduce a fee: enter the price first"),
    ({"managed_services": {"fee_per_month": 1, "credits_per_month": 2}}, "managed_services.credits_per_month",
     "Service credits you expect per month: the credits you expect (2 a month) are larger than the fee (1 a month)"),
    ({"staff_augmentation": {"rate_per_person_month": 1, "hours_per_person": 1}, "general": {"hour_cost": 5}},
     "staff_augmentation.rate_per_person_month",
     f"2 figures need attention: Rate per person per month: a rate per person needs the number of people; "
     f"enter “{PEOPLE}” too; Hours your leads spend directing each person, per month: hours per person need "
     f"the number of people; enter “{PEOPLE}” too"),
], ids=["bpo-two-prices", "sa-two-rates", "rate-needs-people", "day-rate-needs-people", "day-rate-needs-days",
        "transactions-need-volume", "fte-price-needs-people", "hours-need-hour-cost", "parallel-needs-todays-cost",
        "credits-need-a-price", "credits-above-the-fee", "two-rules-at-once"])
def test_each_rule_between_figures_names_the_figure_and_what_it_needs(figures, field, message):
    """A reader who enters a figure that needs another (or a price twice) is told which, beside
    that figure; without the rule the figure would be ignored or counted twice, silently."""
    with pytest.raises(CalculatorError) as caught:
        check_cost(figures)
    assert (caught.value.kind, caught.value.field, caught.value.message) == ("invalid_cost", field, message)


@pytest.mark.parametrize("value, said", [
    ([1], f"{PEOPLE}: {PEOPLE_ASKED}, not a list"),
    ({"a": 1}, f"{PEOPLE}: {PEOPLE_ASKED}, not a group of values"),
    (True, f"{PEOPLE}: {PEOPLE_ASKED}, not true or false"),
    (-1e300, f"{PEOPLE}: that is far below the range; {PEOPLE_ASKED}"),
    (1e300, f"{PEOPLE}: that is far above the range; {PEOPLE_ASKED}"),
    (0.0000009, f"{PEOPLE}: enter 0 or a figure of at least 0.000001; smaller figures are not meant"),
], ids=["list", "object", "boolean", "far-below", "far-above", "below-the-smallest"])
def test_a_value_a_figure_cannot_take_is_named_in_words(value, said):
    with pytest.raises(CalculatorError) as caught:
        check_cost({"general": {"people": value}})
    assert (caught.value.field, caught.value.message) == ("general.people", said)


def test_the_smallest_figure_and_an_empty_one_are_accepted():
    """0.000001 is the smallest figure that is not 0 (below it is refused, above); None leaves
    the figure empty."""
    assert check_cost({"general": {"people": 0.000001}}) == {"general": {"people": 0.000001}}
    assert check_cost({"general": {"people": None}}) == {}


@pytest.mark.parametrize("figures, field, message", [
    ([1], None, "cost figures must be a JSON object of groups, not a list"),
    ({"general": {"peeple": 1}}, "general.peeple",
     "unknown cost input 'peeple' in 'general'; the inputs are horizon_months, currency, hour_cost, people, volume, "
     "current_monthly_cost"),
    ({"general": {"currency": ["x"]}}, "general.currency", "Currency: choose one of: no symbol, £, €, $"),
    ({"general": {"currency": True}}, "general.currency", "Currency: choose one of: no symbol, £, €, $"),
], ids=["not-an-object", "unknown-figure", "choice-as-a-list", "choice-as-a-boolean"])
def test_figures_in_the_wrong_shape_are_refused_with_what_is_allowed(figures, field, message):
    with pytest.raises(CalculatorError) as caught:
        check_cost(figures)
    assert (caught.value.kind, caught.value.field, caught.value.message) == ("invalid_cost", field, message)
