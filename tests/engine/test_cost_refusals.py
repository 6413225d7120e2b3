"""Cost figures the calculator refuses, with the exact words and field of each: hours that cannot
be turned into money, and values that are not figures at all.

The labels and limits are those of calculator/cost_inputs.toml, copied here by hand.
"""

from __future__ import annotations

from collections import UserString

import pytest

from calculator import CalculatorError
from calculator.cost import check_cost, compare_costs

HOUR = "Internal cost of one hour of a lead's or manager's time"
NEEDS_HOUR = f"hours are turned into money with the cost of an hour; enter “{HOUR}” too"


def _refusal(figures) -> CalculatorError:
    with pytest.raises(CalculatorError) as info:
        check_cost(figures)
    return info.value


@pytest.mark.parametrize("group, figure, label", [
    ("staff_augmentation", "transition_hours", "Your hours to onboard them (in total)"),
    ("staff_augmentation", "exit_hours", "Your hours to take the work back (in total)"),
    ("managed_services", "transition_hours", "Your hours for the transition (in total)"),
    ("managed_services", "exit_hours", "Your hours for the exit (in total)"),
    ("bpo", "transition_hours", "Your hours for the transition (in total)"),
    ("bpo", "exit_hours", "Your hours for the exit (in total)"),
])
def test_one_off_hours_without_the_cost_of_an_hour_are_refused_at_their_field(group, figure, label):
    """Hours for the transition or the exit are money only at the cost of an hour: without it
    the reader is asked for it at the hours' field. If the check skipped these hours, the
    transition or exit line would quietly count them as free."""
    exc = _refusal({group: {figure: 40}})
    message = f"{label}: {NEEDS_HOUR}"
    assert exc.to_dict() == {
        "message": message,
        "kind": "invalid_cost",
        "field": f"{group}.{figure}",
        "errors": [{"field": f"{group}.{figure}", "message": message}],
    }
    # With the cost of an hour the same hours are accepted.
    assert check_cost({"general": {"hour_cost": 50}, group: {figure: 40}}) == {
        "general": {"hour_cost": 50}, group: {figure: 40}}


def test_transition_and_exit_hours_without_the_cost_of_an_hour_are_both_named():
    """Both one-off hours of a managed service entered without the cost of an hour: two
    problems, in the form's order, each at its own field."""
    exc = _refusal({"managed_services": {"fee_per_month": 9000, "transition_hours": 100, "exit_hours": 20}})
    first = f"Your hours for the transition (in total): {NEEDS_HOUR}"
    second = f"Your hours for the exit (in total): {NEEDS_HOUR}"
    assert exc.message == f"2 figures need attention: {first}; {second}"
    assert exc.errors == [{"field": "managed_services.transition_hours", "message": first},
                          {"field": "managed_services.exit_hours", "message": second}]


def test_the_one_off_hours_are_costed_at_the_cost_of_an_hour():
    """The hours the check asks money for are then in the totals: a managed service of 9,000 a
    month over 12 months, 100 transition hours and 20 exit hours at 50 an hour."""
    r = compare_costs({"general": {"hour_cost": 50, "horizon_months": 12},
                       "managed_services": {"fee_per_month": 9000, "transition_hours": 100, "exit_hours": 20}})
    totals = r["models"]["managed_services"]["totals"]
    # fees 9,000 x 12 = 108,000; transition 100 x 50 = 5,000; exit 20 x 50 = 1,000
    assert (totals["fees"], totals["transition"], totals["exit"], totals["total"]) == (108000, 5000, 1000, 114000)


PEOPLE = "Size of the work, in people (full-time equivalents)"
ASKED = "enter a number from 0 to 100,000 people"


@pytest.mark.parametrize("value, said", [
    ("2", "text"), ([2], "a list"), ({"n": 2}, "a group of values"), (True, "true or false"),
    ((2,), "that"), (2j, "that"),
], ids=["text", "list", "object", "boolean", "tuple", "complex"])
def test_a_figure_that_is_not_a_number_says_what_it_was(value, said):
    """A figure must be a number: text, a list, an object and true/false are each named; any
    other value a Python caller may pass (a tuple, a complex number) is 'that', never mistaken
    for true or false."""
    exc = _refusal({"general": {"people": value}})
    message = f"{PEOPLE}: {ASKED}, not {said}"
    assert (exc.message, exc.field, exc.errors) == (message, "general.people",
                                                    [{"field": "general.people", "message": message}])


def test_a_currency_must_be_one_of_the_symbols_as_text():
    """The currency is one of the form's choices, as text. A value that only compares equal to
    a symbol (a UserString from a Python caller) is refused like any other non-text value: it
    would otherwise be kept and the cost result could not be written as JSON."""
    message = "Currency: choose one of: no symbol, £, €, $"
    for value in (UserString("£"), True, 0, ["£"], "¥"):
        exc = _refusal({"general": {"currency": value}})
        assert (exc.message, exc.field) == (message, "general.currency"), value
    assert check_cost({"general": {"currency": "£"}}) == {"general": {"currency": "£"}}
