"""Messages for people, sums with meaning, and cost figures that flip what they say they flip
(issues 19 and 17)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator import CalculatorError, compare_costs, cost_view, plan, plan_view
from calculator.api import handle
from calculator.render import cost_text
from calculator.cost import _compute, cost_inputs

INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\bgot\b|\bnan\b|\binf\b|not a string|general\.|\bbpo\.")


def call(request):
    return json.loads(handle(json.dumps(request)))


# ---------------------------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------------------------

def test_every_problem_of_a_request_is_reported_at_once_in_the_forms_words():
    """Three bad figures: one error listing all three, each with its field and its label."""
    reply = call({"op": "cost", "cost": {"general": {"people": -5, "horizon_months": 0},
                                         "bpo": {"price_per_transaction": "cheap"}}})
    error = reply["error"]
    assert error["kind"] == "invalid_cost" and error["field"] == "general.horizon_months"
    assert error["errors"] == [
        {"field": "general.horizon_months", "message": "Compare over: 0 is less than 1; enter a whole number from 1 to 60 months"},
        {"field": "general.people", "message": "Size of the work, in people (full-time equivalents): -5 is less than 0; "
                                               "enter a number from 0 to 100,000 people"},
        {"field": "bpo.price_per_transaction", "message": "Price per transaction: enter an amount from 0 to 1,000,000 "
                                                          "per transaction, not text"},
    ]
    assert error["message"].startswith("3 figures need attention: Compare over: 0 is less than 1")
    assert not INTERNAL.search(error["message"])


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 10 ** 400, True, "4", [1], -5, 1e-7])
def test_a_bad_figure_is_said_without_internal_words(value):
    with pytest.raises(CalculatorError) as info:
        compare_costs({"general": {"people": value}})
    message = info.value.message
    assert message.startswith("Size of the work, in people (full-time equivalents): ")
    assert not INTERNAL.search(message) and len(message) < 200, message


def test_a_negative_figure_in_a_link_is_called_negative():
    with pytest.raises(CalculatorError) as info:
        call_link = __import__("calculator").decode_share("v2k3Sr-5")
        del call_link
    assert "“Rate per person per month” is negative" in info.value.message


def test_error_lines_never_echo_huge_input_or_control_characters():
    """A 90 kB key, an escape sequence and a bidi override come back short and escaped."""
    for request in ({"op": "score", "answers": {"x" * 90_000: "y"}},
                    {"op": "score", "answers": {"kind": "\x1b[2J\u202eevil"}},
                    {"op": "x" * 90_000}):
        error = call(request)["error"]
        assert len(error["message"]) < 400, error["message"][:100]
        assert "…" in error["message"] or "\\x1b" in error["message"]
        assert not any(ch in error["message"] for ch in "\x1b\u202e\n")


def test_duplicate_names_are_called_duplicates_not_damage():
    error = call({"op": "plan", "workstreams": [{"name": "Payroll", "answers": {}}, {"name": "payroll ", "answers": {}}]})
    assert error["error"]["message"] == ("plan: workstream 2: two workstreams are called “payroll”; give each its own name")


@pytest.mark.parametrize("name", ["Family 👨‍👩‍👧‍👦", "Devs 👩🏽‍💻", "می‌شود", "Flag 🏴󠁧󠁢󠁳󠁣󠁴󠁿", "नमस्‍ते"])
def test_names_with_joiners_used_by_real_scripts_and_emoji_are_accepted(name):
    reply = call({"op": "plan", "workstreams": [{"name": name, "answers": {}}]})
    assert reply["ok"] and reply["plan"]["rows"][0]["name"] == name


@pytest.mark.parametrize("name", ["Pay\u202eroll", "Pay\u2066roll", "Pay\x07roll", "\u200d", "Pay\u200eroll"])
def test_names_with_bidi_overrides_or_control_characters_stay_refused(name):
    reply = call({"op": "plan", "workstreams": [{"name": name, "answers": {}}]})
    assert reply["error"]["kind"] == "invalid_plan"


# ---------------------------------------------------------------------------------------------
# Sums with meaning
# ---------------------------------------------------------------------------------------------

def _ws(name, currency, rate):
    return {"name": name, "answers": {"kind": "build", "direction": "us"},
            "cost": {"general": {"people": 2, "currency": currency}, "staff_augmentation": {"rate_per_person_month": rate}}}


def test_amounts_in_different_currencies_are_never_added():
    p = plan([_ws("Web", "£", 250), _ws("Data", "$", 750), _ws("Ops", "£", 100)])
    assert p["cost"]["mixed_currency"] and p["cost"]["total"] is None
    assert p["cost"]["by_currency"] == [{"currency": "£", "total": 16800.0, "counted": ["Web", "Ops"]},
                                        {"currency": "$", "total": 36000.0, "counted": ["Data"]}]
    sentence = plan_view(p)["cost"]
    assert "£16,800 for Web and Ops and $36,000 for Data" in sentence and "not added up" in sentence
    assert "52,800" not in sentence
    same = plan([_ws("Web", "£", 250), _ws("Ops", "£", 100)])
    assert plan_view(same)["cost"].startswith("With each workstream's model, the plan costs £16,800 over 24 months")


def test_a_comparison_where_everything_costs_nothing_says_the_figures_are_missing():
    view = cost_view(compare_costs({"general": {"people": 0, "volume": 0}, "staff_augmentation": {"rate_per_person_month": 5000},
                                    "managed_services": {"fee_per_month": 0}, "bpo": {"price_per_transaction": 3}}))
    assert view["headline"].startswith("Every quote entered comes to nothing") and "cheapest" not in view["headline"].lower()


@pytest.mark.parametrize("rate", [0.01, 5000, 9_999_999.99])
def test_the_text_table_stays_aligned_for_any_figure(rate):
    view = cost_view(compare_costs({"general": {"people": 100_000, "horizon_months": 60, "currency": "€"},
                                    "staff_augmentation": {"rate_per_person_month": rate, "transition_fee": 1e10},
                                    "managed_services": {"fee_per_month": 1e9}}))
    rows = cost_text(view).split("\n\n")[2].splitlines()
    assert rows[0].startswith("Model ") and len(rows) == 4, rows
    quoted = [row for row in rows if "no quote" not in row]
    ends = {len(row) for row in quoted}
    assert len(ends) == 1, rows  # every row as long as the header: right-aligned columns line up
    for col_end in [m.end() for m in re.finditer(r"\S+(?=  |$)", rows[0])]:
        assert all(row[col_end - 1] != " " for row in quoted[1:]), rows


# ---------------------------------------------------------------------------------------------
# Issue 17: the nearest single change, break-even, one person, the horizon
# ---------------------------------------------------------------------------------------------

def test_the_nearest_change_shown_really_flips_the_cheapest_model():
    """Issue 17's case: a price per transaction whose crossing is 1.425. The value shown is
    1.42 (below the crossing, where BPO is cheapest), never 1.43 (where it is not)."""
    figures = {"general": {"volume": 1000, "people": 1},
               "staff_augmentation": {"rate_per_person_month": 1425},
               "bpo": {"price_per_transaction": 1.5}}
    sens = compare_costs(figures)["sensitivity"]
    assert (sens["input"], sens["crossing"], sens["to"], sens["cheapest"]) == ("price_per_transaction", 1.425, 1.42, "bpo")
    assert "were 1.42 instead of 1.50, BPO would be cheapest" in cost_view(compare_costs(figures))["sentences"]["sensitivity"]


figure_sets = st.fixed_dictionaries({
    "general": st.fixed_dictionaries({"people": st.integers(1, 50), "volume": st.integers(100, 100_000),
                                      "hour_cost": st.floats(1, 200).map(lambda x: round(x, 2))}),
    "staff_augmentation": st.fixed_dictionaries({"rate_per_person_month": st.floats(100, 20_000).map(lambda x: round(x, 2))}),
    "managed_services": st.fixed_dictionaries({"fee_per_month": st.floats(100, 500_000).map(lambda x: round(x, 2))},
                                              optional={"transition_fee": st.integers(0, 100_000)}),
    "bpo": st.fixed_dictionaries({"price_per_transaction": st.floats(0.01, 50).map(lambda x: round(x, 3))},
                                 optional={"governance_hours": st.integers(0, 100)}),
})


@given(figure_sets)
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_value_shown_for_the_nearest_change_always_flips_it(figures):
    """Put the value the sentence shows into the figures: the model it names is then cheapest alone."""
    cost = compare_costs(figures)
    sens = cost["sensitivity"]
    if sens is None:
        return
    changed = json.loads(json.dumps(figures))
    changed[sens["group"]][sens["input"]] = sens["to"]
    assert _compute(changed)["cheapest"] == [sens["cheapest"]], (sens, figures)


def test_break_even_at_equality_says_equal_then_cheaper():
    """8,000 more to start and 1,000 less a month: equal in month 8, cheaper from month 9."""
    figures = {"general": {"people": 1, "volume": 1000}, "staff_augmentation": {"rate_per_person_month": 5000},
               "bpo": {"price_per_transaction": 4, "transition_fee": 8000}}
    cost = compare_costs(figures)
    assert cost["break_even"] == [{"model": "bpo", "cheaper_than": "staff_augmentation", "month": 9, "equal_month": 8}]
    sentence = cost_view(cost)["sentences"]["break_even"][0]
    assert "costs the same as staff augmentation in month 8 and less from month 9" in sentence
    assert "cheaper than staff augmentation from month 8" not in sentence


def test_one_person_is_a_person():
    view = cost_view(compare_costs({"general": {"people": 1}, "staff_augmentation": {"rate_per_person_month": 5000}}))
    assert "× 1 person =" in view["sentences"]["conversions"][0] and "1 people" not in " ".join(view["lines"])


@pytest.mark.parametrize("months", [1, 6, 13, 60])
def test_any_whole_number_of_months_from_1_to_60_is_a_horizon(months):
    """3 developers for 6 months cost 6 months, not the old shortest horizon of 12."""
    cost = compare_costs({"general": {"people": 3, "horizon_months": months},
                          "staff_augmentation": {"rate_per_person_month": 8000}})
    assert cost["models"]["staff_augmentation"]["totals"]["total"] == 3 * 8000 * months
    headline = cost_view(cost)["headline"]
    assert headline.endswith(f"over {months} month" if months == 1 else f"over {months} months")
    schema = next(i for i in cost_inputs() if i.id == "horizon_months")
    assert (schema.min, schema.max, schema.whole, schema.choices) == (1, 60, True, None)
