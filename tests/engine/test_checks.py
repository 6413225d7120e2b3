"""The weighted sum: input checks, exact contributions, ranges and stated tie-breaks."""

import pytest

from calculator import CalculatorError, catalogue, check_answers, check_weights, score
from calculator.decide import compiled, decide


def test_contributions_add_up_to_each_score():
    """Each model's score is 50 plus the contributions of the answered questions."""
    r = score({"kind": "tech_service", "direction": "shared", "pricing": "per_person"})
    for model, value in r.scores.items():
        total = 50 + sum(row[model] for row in r.contributions.values())
        assert abs(total - value) < 0.11


def test_no_answers_gives_neutral_scores_and_no_recommendation():
    """With nothing answered every model sits at 50 and nothing is recommended."""
    r = score({})
    assert r.scores == dict.fromkeys(catalogue().model_ids, 50.0)
    assert r.recommendation is None and r.verdict == "no_answers" and r.confidence is None


def test_exact_tie_is_broken_by_the_stated_order():
    """Equal totals rank staff augmentation, then managed services, then BPO, never dict order."""
    c = compiled(catalogue())
    weights = [q.weight for q in catalogue().questions]
    picks = [-1] * len(weights)
    picks[[q.id for q in catalogue().questions].index("pricing")] = 4  # no preference: all zero
    o = decide(c, picks, weights)
    assert [c.models[m] for m in o.ranking] == ["staff_augmentation", "managed_services", "bpo"]


def test_a_weight_of_zero_removes_a_question_from_the_scores():
    """Setting a question's weight to 0 makes its answer count for nothing."""
    with_pricing = score({"direction": "shared", "pricing": "per_unit"}, {"pricing": 0})
    without = score({"direction": "shared"}, {"pricing": 0})
    assert with_pricing.scores == without.scores


def test_weight_overrides_change_the_outcome():
    """Raising one question's weight can move the recommendation: weights are real inputs."""
    answers = {"kind": "business_process", "integration": "embedded", "lead_capacity": "daily"}
    assert score(answers).recommendation == "staff_augmentation"
    assert score(answers, {"kind": 5, "lead_capacity": 1, "integration": 1}).recommendation == "bpo"


def test_unknown_question_error_names_it_and_lists_the_known_ones():
    """A wrong question id is refused with the id and the allowed ids."""
    with pytest.raises(CalculatorError) as info:
        check_answers({"budget": "high"})
    assert "unknown question 'budget'" in str(info.value)
    assert info.value.allowed == [q.id for q in catalogue().questions]


@pytest.mark.parametrize(
    "answers, words",
    [
        ([], "answers must be a JSON object"),
        ({"direction": 3}, "must be an option id (a string), not a number"),
        ({"direction": ["us"]}, "not a list"),
    ],
)
def test_malformed_answers_are_refused_clearly(answers, words):
    """Answers of the wrong shape are refused with a message naming the problem."""
    with pytest.raises(CalculatorError, match=words.replace("(", r"\(").replace(")", r"\)")):
        check_answers(answers)


@pytest.mark.parametrize("weights", [{"direction": 6}, {"direction": -1}, {"direction": True}, {"direction": 2.5}])
def test_weights_outside_0_to_5_are_refused(weights):
    """Weights must be whole numbers from 0 to 5."""
    with pytest.raises(CalculatorError, match="whole number from 0 to 5"):
        check_weights(weights)


def test_all_weights_zero_is_refused():
    """With every weight at zero there is nothing to score, and the engine says so."""
    with pytest.raises(CalculatorError, match="at least one question must have a weight above 0"):
        score({}, {q.id: 0 for q in catalogue().questions})
