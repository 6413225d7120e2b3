"""The model card publishes exactly what the engine uses."""

from calculator import catalogue, model_card, questions_schema, score


def test_card_effects_reproduce_the_engines_scores():
    """Scoring by hand from the card's numbers gives the engine's scores."""
    card = model_card()
    answers = {"kind": "tech_service", "direction": "shared", "pricing": "per_person"}
    total = sum(q["weight"] for q in card["questions"])
    expected = {}
    for model in card["tie_break"]:
        raw = sum(
            q["weight"] * next(o for o in q["options"] if o["id"] == answers[q["id"]])["effects"][model]
            for q in card["questions"] if q["id"] in answers
        )
        expected[model] = round(50 + 50 * raw / (2 * total), 1)
    assert score(answers).scores == expected


def test_card_lists_every_rule_rationale_and_source_in_words():
    """Every option's rationale and sources, every gate with its step, warnings and thresholds
    are published, with sources resolved to citations (no raw tags)."""
    card = model_card()
    cat = catalogue()
    for q in card["questions"]:
        assert q["note"] and q["sources"]
        for o in q["options"]:
            assert o["why"] and all(b["cite"] and b["guide"]["url"] for b in o["basis"])
    assert sum(len(g["models"]) for g in card["gates"]) == len(cat.gates)
    assert len(card["warnings"]) == len(cat.warnings)
    gate = next(g for g in card["gates"] if g["id"] == "needs_documented_process")
    assert gate["models"] == ["managed_services", "bpo"]
    judgement = next(g for g in card["gates"] if g["id"] == "needs_rule_based_work")
    assert judgement["tolerated"][0]["model"] == "managed_services" and judgement["tolerated_basis"]
    assert {a["option"]: a["models"] for a in card["applies"]}["build"] == ["staff_augmentation"]
    assert gate["when"][0]["labels"] == ["Undocumented: it lives in people's heads"]
    assert gate["step"] == "document_process"
    assert card["thresholds"]["provisional_below"] == cat.thresholds.provisional_below
    assert not any("[" in q["note"] for q in card["questions"])


def test_schema_hides_effects_but_keeps_keys_and_guides():
    """The form schema has what a form needs and nothing that could drift from the card."""
    q = questions_schema()["questions"][0]
    assert set(q) == {"id", "key", "prompt", "help", "weight", "core", "guide", "options"}
    assert set(q["options"][0]) == {"id", "key", "label"}
