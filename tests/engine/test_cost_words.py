"""Cost figures in words: the conversions a quote goes through and the message for a figure out
of range, exactly as the reader sees them (calculator/cost.py; mutation survivors). Each
expectation is worked out from cost_inputs.toml's ranges and units."""

from __future__ import annotations

import pytest

from calculator import compare_costs
from calculator.errors import CalculatorError


def test_per_person_and_per_fte_prices_are_converted_into_a_monthly_fee():
    r = compare_costs({"general": {"people": 3}, "bpo": {"price_per_fte_month": 2500},
                       "staff_augmentation": {"rate_per_person_month": 5000}, "managed_services": {"fee_per_month": 100}})
    assert r["models"]["bpo"]["conversions"] == [{"kind": "per_fte", "price": 2500, "people": 3, "monthly": 7500}]
    assert r["models"]["staff_augmentation"]["conversions"] == [
        {"kind": "per_person", "rate": 5000, "people": 3, "monthly": 15000}]
    assert r["models"]["managed_services"]["conversions"] == []   # a monthly fee needs no converting


@pytest.mark.parametrize("figures, message", [
    ({"general": {"people": -1}},
     "Size of the work, in people (full-time equivalents): -1 is less than 0; enter a number from 0 to 100,000 people"),
    ({"general": {"horizon_months": 0}}, "Compare over: 0 is less than 1; enter a whole number from 1 to 60 months"),
    ({"bpo": {"price_per_fte_month": -5}},
     "Price per FTE per month: -5 is less than 0; enter an amount from 0 to 10,000,000 per person per month"),
    ({"general": {"currency": "x"}}, "Currency: choose one of: no symbol, £, €, $"),
    ({"general": {"hour_cost": -1}},
     "Internal cost of one hour of a lead's or manager's time: -1 is less than 0; enter an amount from 0 to 10,000 per hour"),
], ids=["people", "horizon", "money-per-person", "choice", "money-per-hour"])
def test_a_figure_out_of_range_is_answered_with_its_range_and_unit(figures, message):
    with pytest.raises(CalculatorError) as caught:
        compare_costs(figures)
    assert str(caught.value) == message


# How an entered figure is written back in a message (cost._amount): thousands separated, at most
# six decimals with trailing zeros and a bare '.' dropped, and below 0.000001 in Python's short
# form. Each figure is negative so the message quotes it as entered.
@pytest.mark.parametrize("value, written", [
    (-1234.5, "-1,234.5"),            # a fraction keeps the thousands separator
    (-1.0000001, "-1"),               # rounded to six decimals: "1.000000" loses its zeros and '.'
    (-0.0001234, "-0.000123"),        # six decimals, not the short form "0.0001234"
    (-0.000001, "-0.000001"),         # exactly 0.000001 is still written out
    (-0.0000001, "-1e-07"),           # below it, the short form (six decimals would read "-0")
    (-1.2345678e-07, "-1.23457e-07"),  # with six significant digits, as "g" writes it
], ids=["thousands", "rounded-to-whole", "six-decimals", "smallest-written-out", "short-form", "short-form-rounded"])
def test_an_entered_fraction_is_written_back_as_the_reader_can_read_it(value, written):
    with pytest.raises(CalculatorError) as caught:
        compare_costs({"bpo": {"price_per_transaction": value}})
    assert caught.value.message == (f"Price per transaction: {written} is less than 0; enter an amount from 0 to "
                                    f"1,000,000 per transaction")


def test_two_figures_wrong_at_once_are_counted_and_each_said_in_one_message():
    """Two figures out of range in one request: one message counts them and then gives each
    figure's own sentence, in the form's order (managed services before BPO), separated by "; ".
    A reader would see the two sentences run together or garbled if the joining changed."""
    with pytest.raises(CalculatorError) as caught:
        compare_costs({"bpo": {"price_per_transaction": -1}, "managed_services": {"fee_per_month": -1}})
    assert caught.value.message == (
        "2 figures need attention: "
        "Service fee per month: -1 is less than 0; enter an amount from 0 to 1,000,000,000 per month; "
        "Price per transaction: -1 is less than 0; enter an amount from 0 to 1,000,000 per transaction")
    assert caught.value.field == "managed_services.fee_per_month"   # the first one, where the page puts it
