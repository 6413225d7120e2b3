"""What each row of a plan carries (calculator/plan.py): its cost line, its own link with the
workstream's weights and figures, a workstream sent without answers, the plan's total to the
cent, and when a workstream would shift as its work matures.

Costs are worked out by hand from cost_inputs.toml's rules (calculator/cost.py's docstring):
total = (monthly fees + your time) x horizon + transition + exit.
"""

from __future__ import annotations

from calculator import decode_plan, decode_share, plan, score
from calculator.plan import Workstream, check_plan

# A build the reader directs day to day: staff augmentation, clear (result.score's docstring).
SA = {"kind": "build", "direction": "us", "lead_capacity": "daily", "scope_change": "likely",
      "integration": "embedded", "duration": "short"}
FIGURES = {"general": {"hour_cost": 50, "people": 2},
           "staff_augmentation": {"rate_per_person_month": 6000, "hours_per_person": 8}}


def test_a_row_names_the_model_its_cost_is_for():
    """The plan's cost line per workstream says which model it costs, for how long, in which
    currency. Two people at 6,000 a month plus 8 hours each at 50 an hour over the default 24
    months: (12,000 + 800) x 24 = 307,200."""
    p = plan([{"name": "Billing", "answers": SA, "cost": FIGURES}])
    assert p["rows"][0]["recommendation"] == "staff_augmentation"
    assert p["rows"][0]["cost"] == {"model": "staff_augmentation", "total": 307200, "horizon_months": 24,
                                    "currency": ""}
    assert p["cost"]["total"] == 307200


def test_a_row_without_a_recommendation_has_a_cost_line_without_a_model():
    """Figures entered for a workstream with no answers: the cost line has no model and no
    total, and the plan counts the workstream as missing from its total."""
    p = plan([{"name": "Payroll", "cost": FIGURES}])
    assert p["rows"][0]["cost"] == {"model": None, "total": None, "horizon_months": 24, "currency": ""}
    assert p["cost"]["missing"] == ["Payroll"] and p["cost"]["counted"] == []


def test_a_workstream_sent_without_answers_is_scored_as_unanswered():
    """A workstream may be sent with a name only (the planner's first row): it is a workstream
    with no answers yet, not an error about missing answers."""
    p = plan([{"name": "Payroll"}])
    row = p["rows"][0]
    assert (row["state"], row["recommendation"], row["answered"], row["answers"]) == ("no_answers", None, 0, {})
    assert check_plan([{"name": "Payroll"}]) == [Workstream("Payroll", {}, {}, {})]


def test_check_plan_gives_each_workstream_with_its_answers_weights_and_figures():
    """check_plan returns the workstreams as they will be planned: the name trimmed, the
    answers in questionnaire order, only the weights that differ from the default, the figures
    that were entered."""
    checked = check_plan([{"name": "  Billing ", "answers": SA, "weights": {"pricing": 0, "kind": 3},
                           "cost": FIGURES}])
    assert checked == [Workstream("Billing", SA, {"pricing": 0}, FIGURES)]
    assert list(checked[0].answers) == ["kind", "direction", "lead_capacity", "scope_change", "integration", "duration"]


def test_each_rows_link_and_the_plans_link_carry_the_weights_and_figures():
    """A row's own link opens the workstream in the calculator as it is in the plan: the same
    answers, the weight changed and the figures entered; so does the plan's link. A reader
    following either would otherwise see other weights or no costs."""
    p = plan([{"name": "Billing", "answers": SA, "weights": {"pricing": 0}, "cost": FIGURES}])
    row = p["rows"][0]
    assert (row["weights"], row["figures"]) == ({"pricing": 0}, FIGURES)
    shared = decode_share(row["share"])
    assert (shared.answers, shared.weights, shared.cost) == (SA, {"pricing": 0}, FIGURES)
    # v3, the answers (k1 d1 c1 s1 i1 t1), the weight (r0), the figures (C c50 p2, S r6000 h8)
    assert row["share"].split("-")[0] == "v3k1d1c1s1i1t1Wr0Cc50p2Sr6000h8"
    found, notes = decode_plan(p["share"])
    assert found == [Workstream("Billing", SA, {"pricing": 0}, FIGURES)] and notes == []


def _sa_row(name: str, horizon: int, transition_fee: float) -> dict:
    return {"name": name, "answers": SA, "cost": {
        "general": {"people": 100000, "horizon_months": horizon},
        "staff_augmentation": {"rate_per_person_month": 10000000, "transition_fee": transition_fee}}}


def test_the_plans_total_is_given_to_the_cent():
    """The plan adds its rows' totals and gives the sum to the cent, as each row is given. Two
    workstreams of one person at 1,000.01 a month over 12 months: 12,000.12 each, 24,000.24 in
    all (not 24,000)."""
    cost = {"general": {"people": 1, "horizon_months": 12}, "staff_augmentation": {"rate_per_person_month": 1000.01}}
    p = plan([{"name": "A", "answers": SA, "cost": cost}, {"name": "B", "answers": SA, "cost": cost}])
    assert [row["cost"]["total"] for row in p["rows"]] == [12000.12, 12000.12]
    assert p["cost"]["total"] == 24000.24 and p["cost"]["by_currency"][0]["total"] == 24000.24


def test_the_plans_total_at_the_largest_figures_is_rounded_to_the_cent():
    """At the largest figures the form takes (100,000 people at 10,000,000 a month) a row costs
    10^12 a month: over 24 months plus a start-up cost of 0.01 that is 24,000,000,000,000.01,
    over 36 months 36,000,000,000,000.01. Their sum, 60,000,000,000,000.02, lies where floating
    point numbers are 1/128 apart, and the float sum of the two rows falls on
    60,000,000,000,000.015625: the plan still gives the sum rounded to the cent (the float
    nearest ...000.02), not to a tenth of a cent or to a whole unit."""
    p = plan([_sa_row("A", 24, 0.01), _sa_row("B", 36, 0.01)])
    assert [row["cost"]["total"] for row in p["rows"]] == [24000000000000.01, 36000000000000.01]
    assert p["cost"]["total"] == 60000000000000.02
    assert p["cost"]["by_currency"] == [{"currency": "", "total": 60000000000000.02, "counted": ["A", "B"]}]


# --- when a workstream would shift --------------------------------------------------------------

def test_the_shift_skips_a_change_against_the_maturing_direction():
    """Scope that changes 'some' fits no model yet. Its nearest changes are to 'likely' (staff
    augmentation) and to 'stable' (BPO: SA -1, MS +1, BPO +2 at weight 3); scope settles from
    likely to stable, so only 'stable' is the work maturing: the plan says the workstream moves
    to BPO once the scope settles, not that nothing is expected."""
    answers = {"scope_change": "some"}
    first = score(answers).what_would_change["answer_changes"][0]
    assert (first["question"], first["to"]) == ("scope_change", "likely")  # the backward change comes first
    after = score({"scope_change": "stable"})
    assert (after.state, after.recommendation) == ("recommend", "bpo")
    assert plan([{"name": "Claims", "answers": answers}])["rows"][0]["shift"] == {
        "question": "scope_change", "to_option": "stable", "when": "once the scope settles",
        "state": "recommend", "recommendation": "bpo", "pair": None}


def test_the_shift_skips_a_change_to_a_question_that_does_not_mature():
    """Responsibility shared, much judgement: managed services (BPO gated). The nearest change
    is to the direction, which is a choice rather than a stage of the work (no `matures`); the
    next, much judgement to little, is the work maturing and moves it to BPO."""
    answers = {"direction": "shared", "judgement": "much"}
    r = score(answers)
    assert r.recommendation == "managed_services"
    assert r.what_would_change["answer_changes"][0]["question"] == "direction"
    after = score({"direction": "shared", "judgement": "little"})
    assert (after.state, after.recommendation) == ("recommend", "bpo")
    assert plan([{"name": "Claims", "answers": answers}])["rows"][0]["shift"] == {
        "question": "judgement", "to_option": "little",
        "when": "once the rule-based part is separated from the judgement",
        "state": "recommend", "recommendation": "bpo", "pair": None}
