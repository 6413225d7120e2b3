"""The provider evaluation (calculator/providers.py): hand-checked examples with the arithmetic
written out, every kind of bad input, and properties a buyer relies on."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.errors import CalculatorError
from calculator.providers import MAX_CRITERIA, MAX_PROVIDERS, evaluate

# Two scored criteria and one gate, managed services, 24 months (the cost module's default).
CRITERIA = [{"id": "processor_terms"}, {"id": "service_levels", "weight": 3}, {"id": "transition_plan", "weight": 1}]


def proposal(name, sl, tp, fee, passes=True, **price):
    return {"name": name, "scores": {"service_levels": sl, "transition_plan": tp},
            "passes": {"processor_terms": passes}, "price": {"fee_per_month": fee, **price}}


def request(*providers, **extra):
    return {"model": "managed_services", "price_weight": 40, "criteria": copy.deepcopy(CRITERIA),
            "providers": list(providers), **extra}


def test_two_proposals_by_hand() -> None:
    r = evaluate(request(proposal("A", 5, 1, 1000), proposal("B", 3, 5, 800)))
    # Quality (60 points): A = 60 x (3x5 + 1x1) / (5 x 4) = 60 x 16/20 = 48; B = 60 x (3x3 + 1x5)/20 = 42.
    # Whole-life cost over 24 months: A = 1000 x 24 = 24,000; B = 800 x 24 = 19,200.
    # Price (40 points, relative to the lowest): B = 40; A = 40 x 19,200 / 24,000 = 32.
    # Totals: B = 42 + 40 = 82, A = 48 + 32 = 80; margin 2.
    assert [(p["name"], p["quality"], p["cost"], p["price_score"], p["total"], p["rank"]) for p in r["ranked"]] == [
        ("B", 42.0, 19200.0, 40.0, 82.0, 1), ("A", 48.0, 24000.0, 32.0, 80.0, 2)]
    assert r["winner"] == "B" and r["margin"] == 2.0
    # Weight flip: service levels at 4: A = 60 x 21/25 = 50.4 (+32 = 82.4), B = 60 x 17/25 = 40.8 (+40 = 80.8).
    # At 3 (today) B leads, so 4 is the first whole weight on the flipping side.
    assert r["weight_flip"] == {"criterion": "service_levels", "label": "Service levels, reporting and credits",
                                "from": 3, "to": 4, "leader": "A"}
    # Price flip: A ahead when 48 + 40 x 19,200 / x > 82, i.e. x < 768,000 / 34 = 22,588.235...;
    # 22,588.23 is the highest whole-cent cost that flips (22,588.24 does not).
    assert r["price_flip"] == {"provider": "A", "from": 24000.0, "to": 22588.23, "relative": 0.0588, "leader": "A"}
    # Without transition plan, A = 60 x 5/5 = 60 (+32 = 92) beats B = 60 x 3/5 = 36 (+40 = 76).
    assert [x["criterion"] for x in r["rests_on"]] == ["transition_plan"]
    assert r["wins_on_price"] == {"higher_quality": ["A"]}
    assert r["low_prices"] == []


def test_a_failed_gate_excludes_and_a_low_price_is_flagged() -> None:
    r = evaluate(request(proposal("A", 4, 4, 1000), proposal("B", 4, 4, 1100), proposal("C", 4, 4, 600),
                         proposal("D", 5, 5, 500, passes=False)))
    assert [e["name"] for e in r["excluded"]] == ["D"]
    assert r["excluded"][0]["failed"] == [{"criterion": "processor_terms", "label": "Signs the data-processing terms the law requires"}]
    assert "D" not in [p["name"] for p in r["ranked"]]
    # Costs (24 months): A 24,000, B 26,400, C 14,400. Adjusted average without the highest (B):
    # (24,000 + 14,400) / 2 = 19,200; 15% below is 16,320; C at 14,400 is 25% below it.
    assert r["low_prices"] == [{"provider": "C", "cost": 14400.0, "adjusted_average": 19200.0, "below": 0.25}]
    # Equal quality (48 each): price decides. C = 48 + 40 = 88; A = 48 + 40 x 14,400/24,000 = 72.
    assert [p["name"] for p in r["ranked"]] == ["C", "A", "B"] and r["ranked"][1]["total"] == 72.0


def test_equal_totals_tie_and_name_no_winner() -> None:
    r = evaluate(request(proposal("Beta", 4, 2, 1000), proposal("alpha", 4, 2, 1000)))
    assert r["winner"] is None and r["tied"] == ["alpha", "Beta"]
    assert [p["rank"] for p in r["ranked"]] == [1, 1]
    assert r["weight_flip"] is None and r["price_flip"] is None


def test_whole_life_cost_comes_from_the_cost_module() -> None:
    general = {"general": {"hour_cost": 50, "horizon_months": 36}}
    r = evaluate(request(proposal("A", 4, 4, 1000, governance_hours=10, transition_fee=5000, exit_fee=2000),
                         proposal("B", 4, 4, 1200), cost=general))
    # A: (1000 + 10 h x 50) x 36 + 5,000 + 2,000 = 61,000; B: 1,200 x 36 = 43,200, with its
    # own time, transition and exit not entered.
    a, b = sorted(r["ranked"], key=lambda p: p["name"])
    assert (a["cost"], b["cost"], r["horizon_months"]) == (61000.0, 43200.0, 36)
    assert b["missing"] == ["your_time", "transition", "exit"]


def test_defaults_apply_when_no_criteria_are_given() -> None:
    scores = {"vetting": 5, "replacement": 3, "employment_status": 4, "ip_assignment": 5, "rate_terms": 2,
              "references": 4, "financial_standing": 3, "security_fit": 3, "subcontracting": 4, "exit_terms": 3}
    r = evaluate({"model": "staff_augmentation", "cost": {"general": {"people": 2}}, "providers": [
        {"name": "Solo", "scores": scores, "passes": {"processor_terms": True, "data_location": True},
         "price": {"rate_per_person_month": 6000}}]})
    # Weighted: 25x5 + 15x3 + 15x4 + 10x5 + 5x2 + 10x4 + 5x3 + 5x3 + 5x4 + 5x3 = 395 of 500;
    # quality = 60 x 395/500 = 47.4; the only price is the lowest: 40; total 87.4.
    assert (r["price_weight"], r["ranked"][0]["quality"], r["ranked"][0]["total"]) == (40, 47.4, 87.4)
    assert r["winner"] == "Solo" and r["margin"] is None


BAD = [
    (lambda r: r["providers"][0]["scores"].update(service_levels=7), "providers[0].scores.service_levels",
     "provider “A”: the score for “Service levels, reporting and credits” must be a whole number from 0 to 5, got 7"),
    (lambda r: r["providers"][0]["scores"].update(service_levels=2.5), "providers[0].scores.service_levels", "whole number"),
    (lambda r: r["providers"][0]["scores"].pop("transition_plan"), "providers[0].scores.transition_plan",
     "give a score from 0 to 5 for “Transition plan”"),
    (lambda r: r["providers"][0]["passes"].pop("processor_terms"), "providers[0].passes.processor_terms", "answer pass or fail"),
    (lambda r: r.update(criteria=[{"id": "service_levels", "weight": 0}, {"id": "transition_plan", "weight": 0}]),
     "criteria", "the scored criteria's weights add up to 0"),
    (lambda r: r["criteria"][1].update(weight=-2), "criteria[1].weight", "whole number from 0 to 100"),
    (lambda r: r["providers"][1].update(name=" a "), "providers[1].name", "two providers are called “a”"),
    (lambda r: r.update(providers=[proposal(f"P{i}", 3, 3, 100) for i in range(MAX_PROVIDERS + 1)]),
     "providers", "at most 8 providers; this one has 9"),
    (lambda r: r.update(criteria=[{"id": f"own{i}", "label": f"Own {i}", "kind": "scored", "weight": 1}
                                  for i in range(MAX_CRITERIA + 1)]), "criteria", "at most 30 criteria; this one has 31"),
    (lambda r: r.update(model="offshoring"), "model", "the model must be one of"),
    (lambda r: r.update(fixed_on="5 December"), "fixed_on", "a date like 2026-12-05"),
    (lambda r: r["providers"][0]["price"].update(fee_per_month=-5), "providers[0].price", "Service fee per month: -5 is less than 0"),
    (lambda r: r["providers"][0].update(price={}), "providers[0].price", "enter its price"),
    (lambda r: r["providers"][0]["price"].update(day_rate=5), "providers[0].price", "not a Managed services price figure"),
    (lambda r: r["providers"][0].update(name=""), "providers[0].name", "its name must be text of 1 to 60 characters"),
    (lambda r: r["criteria"].append({"id": "made_up"}), "criteria[3].id", "unknown criterion 'made_up'"),
    (lambda r: r["providers"][0].update(notes={"service_levels": "two\nlines"}), "providers[0].notes.service_levels", "one line"),
    (lambda r: r.update(price_weight=101), "price_weight", "the price weight must be a whole number from 0 to 100"),
]


@pytest.mark.parametrize("change, field, words", BAD)
def test_bad_input_is_one_error_naming_the_field(change, field, words) -> None:
    r = request(proposal("A", 5, 1, 1000), proposal("B", 3, 5, 800))
    change(r)
    with pytest.raises(CalculatorError) as caught:
        evaluate(r)
    assert caught.value.field == field and words in caught.value.message
    assert caught.value.kind == "invalid_evaluation"


def test_hostile_names_are_kept_as_given_text() -> None:
    name = '<img src=x onerror=alert(1)> **Acme** | "Ltd"'
    r = evaluate(request(proposal(name, 5, 1, 1000), proposal("B", 3, 5, 800)))
    assert name in [p["name"] for p in r["ranked"]]


# ----- properties -------------------------------------------------------------------------------

@st.composite
def evaluations(draw):
    n = draw(st.integers(1, 5))
    weights = draw(st.lists(st.integers(0, 10), min_size=3, max_size=3).filter(lambda w: sum(w) > 0))
    ids = ["service_levels", "transition_plan", "service_design"]
    providers = [{
        "name": f"P{i}",
        "scores": {cid: draw(st.integers(0, 5)) for cid in ids},
        "passes": {"processor_terms": draw(st.booleans())},
        "price": {"fee_per_month": draw(st.integers(1, 2_000_000)) / 100},
    } for i in range(n)]
    return {"model": "managed_services", "price_weight": draw(st.integers(0, 100)),
            "criteria": [{"id": "processor_terms"}] + [{"id": c, "weight": w} for c, w in zip(ids, weights)],
            "providers": providers}


def rank_of(reply, name):
    return next((p["rank"] for p in reply["ranked"] if p["name"] == name), None)


SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(evaluations(), st.data())
def test_raising_a_score_never_lowers_the_rank(req, data) -> None:
    i = data.draw(st.integers(0, len(req["providers"]) - 1))
    cid = data.draw(st.sampled_from(["service_levels", "transition_plan", "service_design"]))
    before = evaluate(req)
    raised = copy.deepcopy(req)
    p = raised["providers"][i]
    p["scores"][cid] = min(5, p["scores"][cid] + data.draw(st.integers(1, 5)))
    after = evaluate(raised)
    if rank_of(before, p["name"]) is not None:
        assert rank_of(after, p["name"]) <= rank_of(before, p["name"])


@SETTINGS
@given(evaluations(), st.data())
def test_raising_a_price_never_raises_the_rank(req, data) -> None:
    i = data.draw(st.integers(0, len(req["providers"]) - 1))
    before = evaluate(req)
    raised = copy.deepcopy(req)
    p = raised["providers"][i]
    p["price"]["fee_per_month"] = round(p["price"]["fee_per_month"] + data.draw(st.integers(1, 10**6)) / 100, 2)
    after = evaluate(raised)
    if rank_of(before, p["name"]) is not None:
        assert rank_of(after, p["name"]) >= rank_of(before, p["name"])


@SETTINGS
@given(evaluations())
def test_an_excluded_provider_never_ranks(req) -> None:
    r = evaluate(req)
    failed = {p["name"] for p in req["providers"] if not p["passes"]["processor_terms"]}
    assert {e["name"] for e in r["excluded"]} == failed
    assert not failed & {p["name"] for p in r["ranked"]}
    assert r["winner"] not in failed


@SETTINGS
@given(evaluations(), st.randoms(use_true_random=False))
def test_input_order_does_not_matter(req, rnd) -> None:
    shuffled = copy.deepcopy(req)
    rnd.shuffle(shuffled["providers"])
    a, b = evaluate(req), evaluate(shuffled)
    a.pop("input"), b.pop("input")
    assert a == b


@SETTINGS
@given(evaluations())
def test_the_flips_really_flip(req) -> None:
    r = evaluate(req)
    flip = r["weight_flip"]
    if flip:
        changed = copy.deepcopy(req)
        if flip["criterion"] == "price":
            changed["price_weight"] = flip["to"]
        else:
            next(c for c in changed["criteria"] if c["id"] == flip["criterion"])["weight"] = flip["to"]
        assert evaluate(changed)["winner"] != r["winner"]
    flip = r["price_flip"]
    if flip:
        def winner_at(cost):
            changed = copy.deepcopy(req)
            p = next(p for p in changed["providers"] if p["name"] == flip["provider"])
            p["price"] = {"fee_per_month": 0, "transition_fee": cost}   # whole-life cost = cost, exactly
            return evaluate(changed)

        assert winner_at(flip["to"])["winner"] == flip["leader"] != r["winner"]
        # One cent back towards today's cost, nobody is ahead of the winner yet (at most a tie):
        # the boundary is exact to the cent.
        back = round(flip["to"] + (0.01 if flip["to"] < flip["from"] else -0.01), 2)
        assert rank_of(winner_at(back), r["winner"]) == 1
