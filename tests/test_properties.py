"""Properties that hold for every possible set of answers and weights (Hypothesis)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import CalculatorError, catalogue, score
from calculator.api import handle

CAT = catalogue()
answer_sets = st.fixed_dictionaries(
    {}, optional={q.id: st.sampled_from([o.id for o in q.options]) for q in CAT.questions}
)
weight_sets = st.fixed_dictionaries({}, optional={q.id: st.integers(0, 5) for q in CAT.questions})
SETTINGS = settings(max_examples=200, deadline=None)


def _scorable(weights):
    return sum({q.id: weights.get(q.id, q.weight) for q in CAT.questions}.values()) > 0


@given(answer_sets, weight_sets)
@SETTINGS
def test_scores_stay_between_0_and_100(answers, weights):
    """Every model's score is within 0..100 and the ranking follows the scores."""
    if not _scorable(weights):
        return
    r = score(answers, weights)
    assert all(0 <= v <= 100 for v in r.scores.values())
    ordered = [r.scores[m] for m in r.ranking]
    assert ordered == sorted(ordered, reverse=True)
    assert r.margin == round(abs(r.scores[r.ranking[0]] - r.scores[r.ranking[1]]), 1) or abs(
        r.margin - (r.scores[r.ranking[0]] - r.scores[r.ranking[1]])
    ) <= 0.11


@given(answer_sets, weight_sets)
@SETTINGS
def test_the_same_input_always_gives_the_same_output(answers, weights):
    """Scoring is deterministic, whatever order the answers arrive in."""
    if not _scorable(weights):
        return
    first = score(answers, weights).to_dict()
    reordered = dict(reversed(list(answers.items())))
    assert score(reordered, weights).to_dict() == first


@given(answer_sets, st.sampled_from(CAT.questions), st.data())
@SETTINGS
def test_an_option_favouring_a_model_raises_it_against_every_other(answers, question, data):
    """Answering with an option whose effect is highest for model M raises M relative to each rival."""
    option = data.draw(st.sampled_from(question.options))
    best = max(option.effects.values())
    favoured = [m for m, e in option.effects.items() if e == best]
    if len(favoured) != 1 or question.weight == 0:
        return
    (model,) = favoured
    before = score({k: v for k, v in answers.items() if k != question.id})
    after = score({**answers, question.id: option.id})
    for rival in CAT.model_ids:
        if rival != model:
            gap_before = before.scores[model] - before.scores[rival]
            gap_after = after.scores[model] - after.scores[rival]
            assert gap_after > gap_before - 0.11  # rounding to one decimal on each score
            raw_gap = question.weight * (option.effects[model] - option.effects[rival])
            assert raw_gap > 0


@given(answer_sets)
@SETTINGS
def test_the_recommendation_is_the_top_of_the_ranking(answers):
    """The recommendation is first in the ranking, and a close call names the top two."""
    r = score(answers)
    assert r.recommendation == r.ranking[0]
    if r.close_call:
        assert set(r.combination["models"]) == set(r.ranking[:2])


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
question_ids = st.sampled_from([q.id for q in CAT.questions] + ["", "colour"])
option_ids = st.sampled_from(sorted({o.id for q in CAT.questions for o in q.options}) + ["maybe"])


@given(st.dictionaries(question_ids, option_ids | json_values, max_size=6))
@settings(max_examples=500, deadline=None)
def test_any_json_answers_give_a_result_or_the_engines_own_error(answers):
    """Random answers never raise anything but CalculatorError, and the API never raises."""
    try:
        score(answers)
    except CalculatorError as exc:
        assert exc.message
    reply = json.loads(handle(json.dumps({"op": "score", "answers": answers})))
    assert reply["ok"] or reply["error"]["kind"] != "internal_error"
