"""Situations from the source articles: each states its claim and what the calculator must say."""

import json
import pathlib

import pytest

from calculator import score

SCENARIOS = json.loads((pathlib.Path(__file__).parent / "scenarios.json").read_text())["scenarios"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["id"] for s in SCENARIOS])
def test_scenario_matches_the_articles_claim(scenario):
    """The recommendation, verdict, warnings and guardrails are those the cited claim implies."""
    result = score(scenario["answers"]).to_dict()
    expect = scenario["expect"]
    context = f"{scenario['situation']} / claim: {scenario['claim']} / got {result['scores']}"
    if "recommendation" in expect:
        assert result["recommendation"] == expect["recommendation"], context
    if "verdict" in expect:
        assert result["verdict"] == expect["verdict"], context
    if "combination" in expect:
        assert result["combination"]["models"] == expect["combination"], context
    if "ranking_last" in expect:
        assert result["ranking"][-1] == expect["ranking_last"], context
    fired_warnings = {w["id"] for w in result["warnings"]}
    fired_guardrails = {g["id"] for g in result["guardrails"]}
    assert set(expect.get("warnings", [])) <= fired_warnings, context
    assert set(expect.get("guardrails", [])) <= fired_guardrails, context


def test_scenarios_cover_every_model_and_close_calls():
    """The scenario set has clear cases for each model, close calls and contradictions."""
    clear = {s["expect"].get("recommendation") for s in SCENARIOS if s["expect"].get("verdict") == "clear"}
    assert {"staff_augmentation", "managed_services", "bpo"} <= clear
    assert sum(s["expect"].get("verdict") == "close_call" for s in SCENARIOS) >= 2
    assert any(s["expect"].get("warnings") for s in SCENARIOS)


def test_every_scenario_cites_a_source():
    """Each scenario names the article its claim comes from."""
    for s in SCENARIOS:
        assert s["claim"].startswith(("[ELLISON]", "[ELYSIATE]")), s["id"]
