"""Sentences of the result and plan views at their edges, word for word (calculator/view.py,
plan_view.py): a model waiting on two steps, a result no single answer would change, the older
model having given no recommendation, and a plan's cost over one month or over mixed horizons.
Found as survivors by `make mutate`."""

from __future__ import annotations


import pytest

from calculator import plan, plan_view, result_view, score
from calculator.previous import advice_then
from calculator.view import advice_note
from tests.scenarios import BY_ID as SCENARIOS

# A build the reader directs day to day: staff augmentation, clear (result.score's docstring).
SA = {"kind": "build", "direction": "us", "lead_capacity": "daily", "scope_change": "likely",
      "integration": "embedded", "duration": "short"}


def test_a_model_waiting_on_two_steps_names_both_in_order():
    """BPO fits an undocumented process without an owner: first document the process, then name
    an owner, and only then would BPO fit (both steps, the second after "then")."""
    v = result_view(score(SCENARIOS["not-ready-bpo-first"]["answers"]))
    assert v["outcome"] == ("BPO fits your answers but is not ready as things stand. First, document the process; "
                            "then name an owner for the relationship, and BPO would fit.")


def test_a_result_no_single_answer_changes_says_so():
    """Fifteen answers arguing against every model that applies to a build: no one answer
    changed would change that, and the section says so in a sentence of its own."""
    v = result_view(score(SCENARIOS["build-never-bpo"]["answers"]))
    changes = [s for s in v["sections"] if s["id"] == "changes"][0]
    assert [item["text"] for item in changes["items"]] == [
        "No single change to one of your answers would change it.",
        "No single change to how much a question counts would change it."]


@pytest.mark.parametrize("option", ["regulated", "some", "none"])
def test_an_older_model_with_no_answers_to_go_on_gave_no_recommendation(option):
    """The data question is newer than model 2026.12: with it the only answer, the older model
    had no answers and gave no recommendation, and the note says so."""
    assert advice_note(advice_then(score({"data": option}))) == (
        "The advice for these answers has changed since this link was made: it was no recommendation. "
        "See how the calculator decides on the method page.")


def _costed(name: str, months: int) -> dict:
    """A staff augmentation workstream: one person at 1,000 a month over `months` months."""
    return {"name": name, "answers": SA, "cost": {"general": {"people": 1, "horizon_months": months},
                                                  "staff_augmentation": {"rate_per_person_month": 1000}}}


@pytest.mark.parametrize("workstreams, sentence", [
    ([_costed("Billing", 1)], "With each workstream's model, the plan costs 1,000 over 1 month for Billing."),
    # 1,000 over one month and 12,000 over twelve: 13,000, over horizons that differ
    ([_costed("Billing", 1), _costed("Payroll", 12)],
     "With each workstream's model, the plan costs 13,000 over 1 or 12 months for Billing and Payroll. "
     "The workstreams use different horizons, so read the total with care."),
], ids=["one-month", "mixed-horizons"])
def test_a_plans_cost_names_its_horizon_in_words(workstreams, sentence):
    assert plan_view(plan(workstreams))["cost"] == sentence
