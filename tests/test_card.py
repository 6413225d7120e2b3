"""The model card publishes exactly what the engine uses."""

from calculator import catalogue, model_card, questions_schema, score


def test_card_effects_reproduce_the_engines_scores():
    """Scoring by hand from the card's numbers gives the engine's scores."""
    card = model_card()
    answers = {"work_type": "it_service", "direction": "shared", "pricing": "per_person"}
    total = sum(q["weight"] for q in card["questions"])
    expected = {}
    for model in card["tie_break"]:
        raw = sum(
            q["weight"] * next(o for o in q["options"] if o["id"] == answers[q["id"]])["effects"][model]
            for q in card["questions"] if q["id"] in answers
        )
        expected[model] = round(50 + 50 * raw / (2 * total), 1)
    assert score(answers).scores == expected


def test_card_lists_every_rule_and_source():
    """Every question carries its source; warnings, guardrails and thresholds are published."""
    card = model_card()
    assert all(q["source"] for q in card["questions"])
    assert len(card["warnings"]) == len(catalogue().warnings)
    assert len(card["guardrails"]) == len(catalogue().guardrails)
    assert card["thresholds"]["close_call"] == catalogue().thresholds.close_call


def test_schema_hides_effects_but_keeps_keys_and_guides():
    """The form schema has what a form needs and nothing that could drift from the card."""
    q = questions_schema()["questions"][0]
    assert set(q) == {"id", "key", "prompt", "help", "weight", "guide", "options"}
    assert set(q["options"][0]) == {"id", "key", "label"}
