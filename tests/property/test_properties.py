"""Properties that hold for every possible set of answers and weights (Hypothesis)."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import CalculatorError, catalogue, score
from calculator.api import handle
from calculator.data import _towards

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
def test_scores_stay_between_0_and_100_and_rank_in_order(answers, weights):
    """Every model's score is within 0..100 and the ranking follows the scores."""
    if not _scorable(weights):
        return
    r = score(answers, weights)
    assert all(0 <= v <= 100 for v in r.scores.values())
    ordered = [r.scores[m] for m in r.ranking]
    assert ordered == sorted(ordered, reverse=True)


@given(answer_sets, weight_sets)
@SETTINGS
def test_the_same_input_always_gives_the_same_output(answers, weights):
    """Scoring is deterministic, whatever order the answers arrive in."""
    if not _scorable(weights):
        return
    first = score(answers, weights).to_dict()
    reordered = dict(reversed(list(answers.items())))
    assert score(reordered, weights).to_dict() == first


@given(answer_sets, weight_sets)
@SETTINGS
def test_a_gated_model_is_never_proposed_while_a_ready_one_exists(answers, weights):
    """The recommendation and both sides of a close call are ready models; the recommendation
    is the best ready model that fits; with none, the result is not ready or no fit."""
    if not _scorable(weights):
        return
    r = score(answers, weights)
    gated = {g["model"] for g in r.gates}
    assert set(r.ready) == set(CAT.model_ids) - gated
    if not answers:
        assert r.recommendation is None and r.state == "no_answers"
        return
    line = CAT.thresholds.fits_above
    applies = set(CAT.applicable(answers))
    fitting = [m for m in r.ranking if m in applies and r.scores[m] > line - 0.05]
    if r.state in ("not_ready", "no_fit"):
        assert r.recommendation is None and not set(fitting) & set(r.ready) - {m for m in fitting if abs(r.scores[m] - line) < 0.05}
        return
    proposed = r.combination["models"] if r.close_call else [r.recommendation]
    assert proposed and not set(proposed) & gated
    best_ready = next(m for m in r.ranking if m in r.ready and m in fitting)
    assert best_ready in proposed
    if r.later:
        assert r.later["model"] in gated and r.scores[r.later["model"]] >= r.scores[best_ready]


@given(answer_sets, st.sampled_from(CAT.questions), st.data())
@SETTINGS
def test_moving_an_answer_towards_a_model_never_lowers_its_rank_nor_gates_it(answers, question, data):
    """Changing one answer to an option that favours model M at least as much against every
    rival never moves M down the score ranking, and never adds a gate on M."""
    old = data.draw(st.sampled_from(question.options))
    new = data.draw(st.sampled_from(question.options))
    model = data.draw(st.sampled_from(CAT.model_ids))
    if not _towards(old, new, model):
        return
    before = score({**answers, question.id: old.id})
    after = score({**answers, question.id: new.id})
    assert after.ranking.index(model) <= before.ranking.index(model)
    gated_before = {g["id"] for g in before.gates if g["model"] == model}
    gated_after = {g["id"] for g in after.gates if g["model"] == model}
    assert gated_after <= gated_before


@given(answer_sets)
@SETTINGS
def test_a_combination_is_never_proposed_without_answers_on_both_sides(answers):
    """A close call has at least one reason for each of its two models, and enough answers."""
    r = score(answers)
    if r.close_call:
        a, b = r.combination["models"]
        assert any(x["over"] == [b] for x in r.reasons) and any(x["over"] == [a] for x in r.reasons)
        assert len(r.answers) >= CAT.thresholds.provisional_below


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
