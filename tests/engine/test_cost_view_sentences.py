"""The cost view's sentences word for word (calculator/cost_view.py): the headline for each kind
of empty comparison, a day rate converted, the nearest change in money, the sentence when no
figure changes the cheapest, the fit set beside the cost, and amounts under one unit. Each
expectation is worked out by hand from the figures (cost.py's docstring: total = (monthly fees +
your time) x horizon + transition + exit). Found as survivors by `make mutate`."""

from __future__ import annotations


import pytest

from calculator import compare_costs, cost_view, score
from tests.scenarios import BY_ID as SCENARIOS

# A close call between staff augmentation and managed services (tests/scenarios.json).
CLOSE = SCENARIOS["close-build-then-run"]["answers"]

# BPO at 0.20 x 10 transactions + a 5 transition fee = 7, the managed service 5, one month: no
# figure within its range makes BPO cheaper (tests/engine/test_cost_edges.py works it out).
NO_CHANGE = {"general": {"volume": 10, "horizon_months": 1},
             "bpo": {"price_per_transaction": 0.2, "transition_fee": 5},
             "managed_services": {"fee_per_month": 5}}
# Staff augmentation and the managed service at 200 a month each for one person: a tie.
LEVEL = {"general": {"people": 1, "horizon_months": 12, "currency": "£"},
         "staff_augmentation": {"rate_per_person_month": 200}, "managed_services": {"fee_per_month": 200}}


@pytest.mark.parametrize("figures, headline", [
    ({}, "No figures entered yet: enter a quote for at least one model."),
    ({"general": {"people": 2}}, "No quote entered yet: enter a price for at least one model."),
    # 0 people x 10 and a 0 fee: both quotes come to 0
    ({"general": {"people": 0}, "staff_augmentation": {"rate_per_person_month": 10},
      "managed_services": {"fee_per_month": 0}},
     "Every quote entered comes to nothing: the figures that turn prices into money (the number of people, "
     "the monthly volume or the fee) are missing or zero, so there is nothing to compare yet."),
], ids=["nothing-entered", "no-price", "all-zero"])
def test_the_headline_says_why_there_is_nothing_to_compare(figures, headline):
    assert cost_view(compare_costs(figures))["headline"] == headline


def test_a_day_rate_is_converted_in_the_currency_entered_at_every_step():
    """500 a day x 20 days = 10,000 a month per person; x 2 people = 20,000 a month: each amount
    with the pound sign."""
    v = cost_view(compare_costs({"general": {"people": 2, "currency": "£"},
                                 "staff_augmentation": {"day_rate": 500, "days_per_month": 20}}))
    assert v["sentences"]["conversions"] == [
        "Staff augmentation: a day rate of £500 × 20 days = £10,000 a month per person, × 2 people = £20,000 a month."]


@pytest.mark.parametrize("figures, sentence", [
    # Staff augmentation at 50 a month is cheapest; the service fee of 50.50 falling to 49.99 would
    # make the managed service cheapest (tests/engine/test_cost_edges.py): a fee, so in pounds.
    ({"general": {"people": 1, "horizon_months": 60, "currency": "£"},
      "staff_augmentation": {"rate_per_person_month": 50}, "managed_services": {"fee_per_month": 50.5}},
     "The nearest single change: if “Service fee per month” were £49.99 instead of £50.50, managed services "
     "would be cheapest."),
    (NO_CHANGE, "No single figure you entered, within its range, would change which model is cheapest."),
    # two cheapest at 2,400 each: there is no single cheapest for a figure to change
    (LEVEL, None),
], ids=["money-figure", "no-figure-changes-it", "tie"])
def test_what_would_change_the_cheapest_is_said_in_the_figures_unit(figures, sentence):
    assert cost_view(compare_costs(figures))["sentences"]["sensitivity"] == sentence


@pytest.mark.parametrize("figures, answers, sentence", [
    # 200 x 12 = 2,400 for both: two cheapest, named together; no answers, so no fit to set beside them
    (LEVEL, {}, "Cheapest for your figures: staff augmentation and managed services. The calculator has no fit "
                "recommendation yet to set beside it."),
    # the close call's two models at 300 a month (3,600 over 12 months) against BPO at 20 x 10
    # transactions (2,400): both fit better, BPO is 1,200 cheaper
    ({"general": {"people": 1, "volume": 10, "horizon_months": 12, "currency": "£"},
      "staff_augmentation": {"rate_per_person_month": 300}, "managed_services": {"fee_per_month": 300},
      "bpo": {"price_per_transaction": 20}}, CLOSE,
     "They disagree: staff augmentation and managed services fit your answers best, and BPO is cheaper for your "
     "figures by £1,200 over 12 months. The cheaper model buys a different amount of responsibility: decide "
     "whether what the better fit gives you is worth the difference."),
], ids=["two-cheapest-no-fit", "two-fit-one-cheaper"])
def test_the_fit_and_the_cost_are_set_side_by_side_in_words(figures, answers, sentence):
    assert cost_view(compare_costs(figures), score(answers).to_dict())["sentences"]["fit"] == sentence


def test_amounts_under_one_unit_are_shown_without_a_minus_sign():
    """An exit fee of 0 is £0.00 and a 0.50 transition fee £0.50 (pennies below 100), in the
    table and in the chart: neither is a refund."""
    v = cost_view(compare_costs({"general": {"people": 2, "currency": "£"},
                                 "managed_services": {"fee_per_month": 2000, "transition_fee": 0.5, "exit_fee": 0}}))
    row = {r["model"]: r for r in v["rows"]}["managed_services"]
    assert (row["cells"]["transition"], row["cells"]["exit"]) == ("£0.50", "£0.00")
    bar = v["chart"]["bars"][0]
    assert [(s["line"], s["value"]) for s in bar["segments"]] == [("fees", "£48,000"), ("transition", "£0.50")]
