"""Words and figures of the cost and plan views a reader sees (calculator/cost_view.py,
plan_view.py, view_trees.py, render.py): amounts and counts as people write them, each
conversion step in the currency entered, the headline and notes word for word, chart bars for
totals under one unit, the plan's cost sentence (one month, several horizons, a total without a
currency symbol), a shift to "no model ready", and the notes a memo passes on. Expected values
are worked out by hand (cost.py: total = (monthly fees + your time) x horizon + transition + exit).
Found as survivors by `make mutate`."""

from __future__ import annotations

import pytest

from calculator import compare_costs, cost_view, render_markdown, score
from calculator.cost_view import money, people
from calculator.plan import plan
from calculator.plan_view import plan_view
from calculator.render import plan_memo
from calculator.view import result_view
from calculator.view_trees import Place

# A build the reader directs day to day: staff augmentation, clear (as in test_render_passes_on.py).
SA = {"kind": "build", "direction": "us", "lead_capacity": "daily", "scope_change": "likely",
      "integration": "embedded", "duration": "short"}


@pytest.mark.parametrize("args, text", [
    ((-5, "£"), "\u2212£5.00"),      # a refund has the minus sign before the currency
    ((-1200.5, ""), "\u22121,201"),
    ((0, "£"), "£0.00"),             # nothing is not a refund: no minus sign
    ((100, "£"), "£100"),            # whole units from 100 up
    ((100.4, ""), "100"),
    ((99.99, ""), "99.99"),          # pennies below 100
    ((1234.5,), "1,235"),            # no currency given: no symbol, rounded half up
    ((-0.001, "£"), "£0.00"),        # a float's leftover below a penny is nothing, not a refund
    ((-0.006, "£"), "\u2212£0.01"),  # a penny's refund keeps its sign
    ((99.999, "£"), "£100"),         # 100 to the penny is written as 100 is, not '£100.00'
    ((-99.996, ""), "\u2212100"),
], ids=["small-refund", "large-refund", "zero", "exactly-100", "just-over-100", "just-under-100", "no-currency",
        "float-leftover", "one-penny-refund", "rounds-up-to-100", "refund-rounds-up-to-100"])
def test_amounts_are_written_as_people_write_money(args, text):
    assert money(*args) == text


@pytest.mark.parametrize("count, text", [
    (2.5, "2.5 people"),      # a fraction keeps its digits, no trailing zero
    (2.25, "2.25 people"),
    (2.001, "2 people"),      # rounds to two decimals, no dangling point
    (1, "1 person"),
    (1500, "1,500 people"),
], ids=["half", "quarter", "rounds-to-whole", "one", "thousands"])
def test_counts_are_written_without_trailing_zeros_or_a_dangling_point(count, text):
    assert people(count) == text


@pytest.mark.parametrize("figures, conversions", [
    # 100 a day x 20.5 days = 2,050 a month per person; x 3 people = 6,150 a month
    ({"general": {"people": 3, "currency": "£"}, "staff_augmentation": {"day_rate": 100, "days_per_month": 20.5}},
     ["Staff augmentation: a day rate of £100 × 20.5 days = £2,050 a month per person, × 3 people = "
      "£6,150 a month."]),
    # 50.00 a day (pennies below 100) x 20.001 days = 1,000.05 a month per person (written 1,000);
    # x 4 people = 4,000.2
    ({"general": {"people": 4, "currency": "€"}, "staff_augmentation": {"day_rate": 50, "days_per_month": 20.001}},
     ["Staff augmentation: a day rate of €50.00 × 20 days = €1,000 a month per person, × 4 people = "
      "€4,000 a month."]),
    # BPO at 900 per FTE a month x 2 people = 1,800 a month
    ({"general": {"people": 2, "currency": "$"}, "bpo": {"price_per_fte_month": 900}},
     ["BPO: $900 per FTE a month × 2 people = $1,800 a month."]),
    # 3 per transaction x 2.5 a month = 7.50 a month
    ({"general": {"volume": 2.5, "currency": "£"}, "bpo": {"price_per_transaction": 3}},
     ["BPO: £3.00 per transaction × 2.5 a month = £7.50 a month."]),
], ids=["day-rate-fraction-of-days", "day-rate-days-round", "per-fte", "per-transaction"])
def test_each_conversion_step_is_in_the_currency_entered(figures, conversions):
    assert cost_view(compare_costs(figures))["sentences"]["conversions"] == conversions


# Staff augmentation and the managed service at 200 a month each for one person, 12 months: a tie.
LEVEL = {"general": {"people": 1, "horizon_months": 12, "currency": "£"},
         "staff_augmentation": {"rate_per_person_month": 200}, "managed_services": {"fee_per_month": 200}}


@pytest.mark.parametrize("figures, headline", [
    ({}, "No figures entered yet: enter a quote for at least one model."),
    ({"general": {"people": 2}}, "No quote entered yet: enter a price for at least one model."),
    # 200 x 12 = 2,400 for both: two cheapest, joined with "and"
    (LEVEL, "Cheapest for your figures: staff augmentation and managed services (£2,400 over 12 months)"),
    ({"general": {"people": 0}, "staff_augmentation": {"rate_per_person_month": 10},
      "managed_services": {"fee_per_month": 0}},
     "Every quote entered comes to nothing: the figures that turn prices into money (the number of people, "
     "the monthly volume or the fee) are missing or zero, so there is nothing to compare yet."),
], ids=["nothing-entered", "no-price", "tie", "all-zero"])
def test_the_cost_headline_word_for_word(figures, headline):
    assert cost_view(compare_costs(figures))["headline"] == headline


@pytest.mark.parametrize("figures, sentence", [
    # BPO 0.20 x 10 + 5 transition = 7 against the managed service's 5 over one month: two quotes,
    # one cheapest, and no figure within its range changes it (test_cost_view_sentences.py).
    ({"general": {"volume": 10, "horizon_months": 1}, "bpo": {"price_per_transaction": 0.2, "transition_fee": 5},
      "managed_services": {"fee_per_month": 5}},
     "No single figure you entered, within its range, would change which model is cheapest."),
    # the managed service's fee of 50.50 falling to 49.99 would make it cheapest: a money figure
    ({"general": {"people": 1, "horizon_months": 60, "currency": "£"},
      "staff_augmentation": {"rate_per_person_month": 50}, "managed_services": {"fee_per_month": 50.5}},
     "The nearest single change: if “Service fee per month” were £49.99 instead of £50.50, managed services "
     "would be cheapest."),
    (LEVEL, None),   # a tie: no single cheapest to change
], ids=["nothing-changes-it", "money-figure", "tie"])
def test_the_sensitivity_sentence_word_for_word(figures, sentence):
    assert cost_view(compare_costs(figures))["sentences"]["sensitivity"] == sentence


def test_a_bar_under_one_unit_still_fills_the_chart():
    """A lone quote of 0.25 a day x 2 days for one person over one month is 0.50 in all: it is
    the widest bar, so it is drawn full width, with its one segment."""
    v = cost_view(compare_costs({"general": {"people": 1, "horizon_months": 1, "currency": "£"},
                                 "staff_augmentation": {"day_rate": 0.25, "days_per_month": 2}}))
    (bar,) = v["chart"]["bars"]
    assert (bar["width"], bar["total"]) == (100.0, "£0.50")
    assert bar["segments"] == [{"line": "fees", "label": "Provider fees", "value": "£0.50", "x": 0.0, "width": 100.0}]


def _ws(name, horizon, currency, rate):
    cost = {"general": {"people": 1, "horizon_months": horizon}, "staff_augmentation": {"rate_per_person_month": rate}}
    if currency:
        cost["general"]["currency"] = currency
    return {"name": name, "answers": SA, "cost": cost}


@pytest.mark.parametrize("workstreams, sentence", [
    # 1,000 for one month: "1 month", singular
    ([_ws("Payroll", 1, "£", 1000)], "With each workstream's model, the plan costs £1,000 over 1 month for Payroll."),
    ([_ws("Payroll", 2, "£", 1000)], "With each workstream's model, the plan costs £2,000 over 2 months for Payroll."),
    # 12 x 1,000 in pounds; 24 x 1,000 with no symbol: not added up, and two horizons named
    ([_ws("Payroll", 12, "£", 1000), _ws("Support", 24, "", 1000)],
     "With each workstream's model, the plan costs £12,000 for Payroll and 24,000 for Support (no currency "
     "symbol entered), over 12 or 24 months. These amounts are in different currencies, so they are not added "
     "up: the calculator converts nothing. The workstreams use different horizons, so read the total with care."),
    # same currency, horizons 6 and 12: 6,000 + 12,000 = 18,000
    ([_ws("Payroll", 6, "£", 1000), _ws("Support", 12, "£", 1000)],
     "With each workstream's model, the plan costs £18,000 over 6 or 12 months for Payroll and Support. "
     "The workstreams use different horizons, so read the total with care."),
], ids=["one-month", "two-months", "mixed-currency-and-horizons", "two-horizons"])
def test_the_plans_cost_sentence_word_for_word(workstreams, sentence):
    assert plan_view(plan(workstreams))["cost"] == sentence


# A business process with no service levels written: writing them "partly" leaves no model ready.
NOT_READY_AFTER = {"kind": "business_process", "lead_capacity": "daily", "scope_change": "some",
                   "flexibility": "predictability", "service_levels": "no", "process_maturity": "undocumented",
                   "governance": "partly", "integration": "arms_length", "operating_model": "redesign",
                   "judgement": "much", "consistency": "low", "data": "some", "duration": "ongoing"}


def test_a_shift_to_no_model_ready_is_said_so():
    row = plan_view(plan([{"name": "Claims", "answers": NOT_READY_AFTER}]))["rows"][0]
    assert row["shift"] == "Moves to no model ready once the service levels are written."


def test_a_plan_memo_lists_the_links_notes():
    """A plan memo made with notes on its link lists them under "About this link"."""
    memo = plan_memo(plan([_ws("Payroll", 1, "£", 1000)]), "https://example.org/", ["A note on the link."])
    assert "## About this link\n\n- A note on the link.\n" in memo


def test_a_result_memo_lists_the_links_notes_when_no_view_is_given():
    memo = render_markdown(score(SA), "https://example.org/", ["Your answer on data was carried over as “none”."])
    assert "- Your answer on data was carried over as “none”.\n" in memo


def test_a_result_memo_uses_the_view_it_is_given():
    """The view handed in (as the API hands in the one it showed) is the one laid out: its notes,
    not notes worked out again."""
    result = score(SA)
    view = result_view(result, ["A note only the given view has."])
    memo = render_markdown(result, "https://example.org/", view=view)
    assert "- A note only the given view has.\n" in memo


def test_a_memo_with_figures_and_no_cost_view_shows_the_cost_table():
    """Staff augmentation at 6,000 for 2 people over 24 months: 288,000, in the memo's table."""
    memo = render_markdown(score(SA), "https://example.org/",
                           cost=compare_costs({"general": {"people": 2, "currency": "£"},
                                               "staff_augmentation": {"rate_per_person_month": 6000}}))
    assert "| Staff augmentation | £288,000 |" in memo


@pytest.mark.parametrize("url, text", [
    ("how-to-choose/#who-directs", "Guide: who directs"),   # the anchor's words
    ("how-to-choose/", "Guide: how to choose"),             # no anchor: the page's words, no slash
    ("guides/staff-transfer/", "Guide: staff transfer"),    # the last part of a nested page
    ("models/bpo/when-to-use/", "Guide: when to use"),      # ...however deep
    ("how-to-choose/#", "Guide: how to choose"),            # an empty anchor: the page's words
    ("/a#b#c", "Guide: b#c"),                                # the anchor is all after the first '#'
], ids=["anchor", "page", "nested-page", "deeper-page", "empty-anchor", "two-hashes"])
def test_a_guide_link_without_its_own_text_is_named_from_its_address(url, text):
    link = Place(link_base="/docs/").guide({"url": url})
    assert (link.tag, dict(link.attrs)["href"], link.children) == ("a", "/docs/" + url, (text,))
