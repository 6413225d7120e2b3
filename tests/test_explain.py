"""Reasons, warnings, guardrails, and what would change the answer."""

from calculator import score
from calculator.result import Result

ROADMAP = {"work_type": "team_roles", "direction": "us", "management_capacity": "plenty",
           "scope_change": "likely", "flexibility": "flexibility", "collaboration": "embedded"}


def test_reasons_favour_the_recommendation_and_are_capped_at_four():
    """Reasons explain the winner, most decisive first, at most four, each with a guide link."""
    r = score(ROADMAP)
    assert 1 <= len(r.reasons) <= 4
    edges = [x["edge"] for x in r.reasons]
    assert edges == sorted(edges, reverse=True) and all(e > 0 for e in edges)
    assert all(x["guide"]["url"].startswith("how-to-choose/#") for x in r.reasons)


def test_against_lists_answers_that_work_against_the_recommendation():
    """An answer favouring another model shows up under 'against'."""
    r = score({**ROADMAP, "pricing": "per_transaction"})
    assert r.recommendation == "staff_augmentation"
    assert [x["question"] for x in r.against] == ["pricing"]


def test_every_listed_answer_change_really_changes_the_headline():
    """Each counterfactual, applied, gives the recommendation or close call it promises."""
    answers = {"work_type": "it_service", "direction": "shared", "scope_change": "some"}
    r = score(answers)
    changes = r.what_would_change["answer_changes"]
    assert changes
    for change in changes:
        after = score({**answers, change["question"]: change["to"]})
        assert after.recommendation == change["recommendation"]
        assert after.verdict == change["verdict"]
        assert after.close_call or after.recommendation != r.recommendation


def headline(r):
    return ("close_call", sorted(r.ranking[:2])) if r.close_call else ("recommend", r.recommendation)


def test_weight_change_is_the_nearest_that_flips():
    """The listed weight change flips the headline, and no nearer weight does."""
    answers = {"work_type": "business_process", "direction": "us"}
    r = score(answers)
    change = next(c for c in r.what_would_change["weight_changes"] if c["question"] == "work_type")
    flipped = score(answers, {"work_type": change["to_weight"]})
    assert headline(flipped) != headline(r)
    step = 1 if change["to_weight"] > change["from_weight"] else -1
    for w in range(change["from_weight"] + step, change["to_weight"], step):
        assert headline(score(answers, {"work_type": w})) == headline(r)


def test_robustness_is_seeded_and_in_range():
    """The perturbed-weights figure is the same on every run and between 0 and 1."""
    first = score({"work_type": "it_service", "direction": "us"}).what_would_change["robustness"]
    second = score({"work_type": "it_service", "direction": "us"}).what_would_change["robustness"]
    assert first == second
    assert 0 <= first["share"] <= 1 and abs(sum(first["wins"].values()) - 1) < 0.01


def test_close_call_names_the_combination_of_the_top_two():
    """A close call between managed services and BPO names their overlap, with a guide link."""
    r = score({"work_type": "business_process", "direction": "provider", "service_levels": "yes",
               "management_capacity": "little", "process_maturity": "partial", "flexibility": "predictability"})
    assert r.close_call
    assert r.combination["models"] == ["managed_services", "bpo"]
    assert r.combination["guide"]["url"] == "compare/managed-services-vs-bpo/#overlap"


def test_contradictory_answers_raise_a_warning_not_a_silent_average():
    """'We direct the work' with 'no capacity to manage' is flagged."""
    r = score({"direction": "us", "management_capacity": "little"})
    assert [w["id"] for w in r.warnings] == ["direct_without_capacity"]
    assert r.warnings[0]["questions"] == ["direction", "management_capacity"]


def test_confidence_grows_with_answers():
    """Answering more of the questions raises the confidence level."""
    levels = ["low", "medium", "high"]
    few = score({"direction": "us"}).confidence
    many = score({**ROADMAP, "service_levels": "no", "operating_model": "keep", "duration": "short",
                  "consistency": "low"}).confidence
    assert levels.index(many["level"]) > levels.index(few["level"])
    assert many["answered"] == 10 and many["total"] == 13


def test_result_json_has_the_documented_keys():
    """The JSON form carries every field the site and CLI rely on."""
    data = score(ROADMAP).to_dict()
    assert set(data) == {f for f in Result.__dataclass_fields__} | {"close_call"}
