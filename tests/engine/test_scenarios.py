"""Situations from the source articles: each states its claim and what the calculator must say."""

import pytest

from calculator import score
from tests.scenarios import SCENARIOS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_scenario_matches_the_claim(scenario):
    """The outcome, gates, warnings and pointers are those the cited claim implies."""
    r = score(scenario["answers"]).to_dict()
    expect = scenario["expect"]
    context = f"{scenario['situation']} / claim: {scenario['claim']} / got {r['state']} {r['recommendation']} {r['verdict']} {r['scores']}"
    for field in ("recommendation", "verdict", "state", "later"):
        if field in expect:
            assert r[field] == expect[field], context
    if "not_recommendation" in expect:
        assert r["recommendation"] != expect["not_recommendation"], context
    if "not_verdict" in expect:
        assert r["verdict"] != expect["not_verdict"], context
    if "combination" in expect:
        assert (r["combination"] or {}).get("models") == expect["combination"], context
    if "first_step" in expect:
        assert r["first_step"]["step"] == expect["first_step"], context
    for field in ("gates", "warnings", "pointers"):
        assert set(expect.get(field, [])) <= {x["id"] for x in r[field]}, context


def test_there_are_at_least_fifty_scenarios_covering_every_kind_of_outcome():
    """Clear cases for each model, close calls, contradictions, gated, sparse and no answers."""
    assert len(SCENARIOS) >= 50
    clear = {s["expect"].get("recommendation") for s in SCENARIOS if s["expect"].get("verdict") == "clear"}
    assert {"staff_augmentation", "managed_services", "bpo"} <= clear
    kinds = {s["expect"].get("verdict") or s["expect"].get("state") for s in SCENARIOS}
    assert {"close_call", "provisional", "for_now", "not_ready", "no_answers"} <= kinds
    assert sum(bool(s["expect"].get("warnings")) for s in SCENARIOS) >= 5


def test_every_wrong_choice_bullet_of_the_articles_has_a_scenario():
    """Each 'wrong fit' bullet of the Elysiate article is a scenario where that model is not chosen."""
    wrong = [s for s in SCENARIOS if "wrong fit" in s["claim"] and "not_recommendation" in s["expect"]]
    assert {s["expect"]["not_recommendation"] for s in wrong} == {"staff_augmentation", "managed_services", "bpo"}
    assert len(wrong) >= 10


def test_every_scenario_cites_its_claim():
    """Each scenario names the article (or the method rule) its claim comes from."""
    for s in SCENARIOS:
        assert s["claim"].startswith(("[ELLISON]", "[ELYSIATE]", "[METHOD]")), s["id"]
