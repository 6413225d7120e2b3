"""compare_costs remembers its last comparisons (calculator/cost.py, issue 23): a page sends the
same figures with every answer, so the second time they come the comparison is not worked out
again. What a reader would notice if it went wrong: another set of figures' costs, a comparison
changed by what an earlier caller did to its copy, or a refusal forgotten."""

from __future__ import annotations

import pytest

from calculator import cost
from calculator.cost import RECENT_COMPARISONS, compare_costs
from calculator.errors import CalculatorError

FIGURES = {
    "general": {"horizon_months": 24, "hour_cost": 60, "people": 4},
    "staff_augmentation": {"rate_per_person_month": 6000},
    "managed_services": {"fee_per_month": 22000},
}
OTHER = {
    "general": {"horizon_months": 12, "hour_cost": 80, "people": 4},
    "staff_augmentation": {"rate_per_person_month": 9000},
    "managed_services": {"fee_per_month": 15000},
}


@pytest.fixture(autouse=True)
def forget():
    cost._recent.clear()
    yield
    cost._recent.clear()


def test_the_same_figures_give_the_same_comparison_each_time_from_one_working_out():
    first = compare_costs(FIGURES)
    assert len(cost._recent) == 1
    again = compare_costs(FIGURES)
    assert again == first == cost._compare(FIGURES)
    assert len(cost._recent) == 1


def test_each_caller_gets_its_own_copy_so_changing_one_changes_no_later_reply():
    first = compare_costs(FIGURES)
    cheapest = first["cheapest"]
    first["cheapest"] = ["bpo"]
    first["models"]["staff_augmentation"]["totals"].clear()
    first["inputs"]["general"]["people"] = 99
    again = compare_costs(FIGURES)
    assert again["cheapest"] == cheapest
    assert again["models"]["staff_augmentation"]["totals"]
    assert again["inputs"]["general"]["people"] == 4
    # and the copy kept is not the one handed out the first time either
    again["sensitivity"] = None
    assert compare_costs(FIGURES)["sensitivity"] == cost._compare(FIGURES)["sensitivity"]


def test_other_figures_get_their_own_comparison_before_and_after():
    a = compare_costs(FIGURES)
    b = compare_costs(OTHER)
    assert b == cost._compare(OTHER) and b != a
    assert compare_costs(FIGURES) == a
    assert compare_costs(OTHER) == b


@pytest.mark.parametrize("value, words", [
    (True, "not true or false"),
    ("1", "not text"),
])
def test_a_figure_that_prints_like_a_good_one_is_still_refused_after_it(value, words):
    """1, True and "1" look alike to a careless key: the repr tells them apart."""
    assert compare_costs({"general": {"hour_cost": 1}})["inputs"] == {"general": {"hour_cost": 1}}
    with pytest.raises(CalculatorError, match=words):
        compare_costs({"general": {"hour_cost": value}})
    assert compare_costs({"general": {"hour_cost": 1.0}})["inputs"] == {"general": {"hour_cost": 1.0}}


def test_a_refusal_is_not_remembered_and_is_given_again():
    bad = {"bpo": {"price_per_transaction": -1}}
    for _ in range(2):
        with pytest.raises(CalculatorError, match="less than 0"):
            compare_costs(bad)
    assert not cost._recent


def test_it_keeps_the_most_recently_used_comparisons_up_to_its_limit():
    figures = [{"general": {"hour_cost": n}} for n in range(RECENT_COMPARISONS)]
    for f in figures:
        compare_costs(f)
    assert len(cost._recent) == RECENT_COMPARISONS
    compare_costs(figures[0])          # used again: now the most recent
    compare_costs({"general": {"hour_cost": 5000}})
    assert len(cost._recent) == RECENT_COMPARISONS
    kept = list(cost._recent)
    assert repr(figures[1]) not in kept, "the least recently used went"
    assert kept[-2:] == [repr(figures[0]), repr({"general": {"hour_cost": 5000}})]
    assert repr(figures[2]) == kept[0]


def test_figures_not_made_of_json_types_are_worked_out_every_time():
    class Number(int):
        def __repr__(self):
            return "7"

    compare_costs({"general": {"hour_cost": 7}})
    kept = list(cost._recent)
    odd = compare_costs({"general": {"hour_cost": Number(9)}})
    assert odd["inputs"]["general"]["hour_cost"] == 9, "not the comparison of a 7"
    assert list(cost._recent) == kept, "and not kept"


@pytest.mark.parametrize("value, plain", [
    (None, True), ({}, True), ([], True), ("x", True), (1, True), (1.5, True), (False, True),
    ({"a": [1, {"b": None}]}, True),
    ((1,), False), ({"a": (1,)}, False), ({1: 2}, False), ({"a": {1: 2}}, False),
    ([1, (2,)], False), ({"a": [1, {"b": {3}}]}, False),
])
def test_plain_means_made_only_of_json_types(value, plain):
    assert cost._plain(value) is plain


def test_subclasses_of_json_types_are_not_plain():
    class Text(str):
        pass

    class Table(dict):
        pass

    class Items(list):
        pass

    for value in (Text("a"), Table(), Items(), {"a": Text("b")}, {Text("a"): 1}, [Items()]):
        assert cost._plain(value) is False, value
