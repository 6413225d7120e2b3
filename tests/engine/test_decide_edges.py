"""Edges of the decision rules (calculator/decide.py) on hand-made totals: the close-call line
hit from just below, the fit line when it is recalibrated above or below 50, which models
apply before the kind of work is answered, and the shortcut the robustness loops use (`keyer`)
agreeing with `rules` at each of these.

Scores are 50 + 25 x raw / W (decide.points); a model fits when its score is above
`fits_above`, i.e. when raw > (fits_above - 50) / 25 x W. Models are, in catalogue and
tie-break order: 0 staff augmentation, 1 managed services, 2 BPO.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from calculator import catalogue
from calculator.data import parse_catalogue
from calculator.decide import compiled, decide, key_of, keyer, rules

C = compiled(catalogue())
EVERY = frozenset({0, 1, 2})
ALL_ARGUED = (1 << 9) - 1  # every answer bit set: each model argued for over each other
ENOUGH = 6  # provisional_below: answers needed for a close call


def _raw():
    return tomllib.loads((files("calculator") / "questions.toml").read_text("utf-8"))


def _with_fit_line(fits_above: float):
    """The catalogue with its fit line recalibrated (questions.toml allows 0 to under 100)."""
    raw = _raw()
    raw["thresholds"]["fits_above"] = fits_above
    return compiled(parse_catalogue(raw))


def _agree(c, raw, total, gated=frozenset(), answered=ENOUGH, applicable=EVERY, argued=ALL_ARGUED):
    """What rules decides, checked to be what keyer gives for the same numbers."""
    fields = rules(c, raw, total, gated, answered, lambda a, b: c.supports(argued, a, b), applicable)
    assert keyer(c, gated, answered, applicable)(raw, total, argued) == (key_of(*fields), fields[1])
    return fields


# --- the close-call line ------------------------------------------------------------------------

def test_a_gap_just_under_the_close_call_line_is_a_close_call():
    """Over a total weight of 36, five raw points are 25 x 5 / 36 = 3.47 score points: under
    the close-call line (3.5), so a close call when answers argue for each side. A reader would
    be given one model where the two are within the line if the margin were overstated."""
    key = keyer(C, frozenset(), ENOUGH, EVERY)
    assert key([10, 5, 0], 36, None) is None  # a close call is possible: it needs the arguments
    assert key([10, 5, 0], 36, ALL_ARGUED) == (("close_call", (0, 1)), 0)
    fields = _agree(C, [10, 5, 0], 36)
    assert fields[0] == "close_call" and fields[4] == pytest.approx(125 / 36)
    # Over 35 the same gap is 25 x 5 / 35 = 3.57 points: not under the line, a recommendation.
    assert key([10, 5, 0], 35, None) == (("recommend", 0), 0)
    assert _agree(C, [10, 5, 0], 35)[0] == "recommend"


def test_keyer_without_the_models_that_apply_takes_every_model():
    """Left out, the models that apply are all of them (as in `rules`): managed services at
    raw 9 leads BPO at 4 by 25 x 5 / 34 = 3.68 points, a recommendation."""
    key = keyer(C, frozenset(), ENOUGH)
    assert key([2, 9, 4], 34, ALL_ARGUED) == (("recommend", 1), 1)
    assert key([2, 9, 4], 34, ALL_ARGUED) == keyer(C, frozenset(), ENOUGH, EVERY)([2, 9, 4], 34, ALL_ARGUED)
    fields = rules(C, [2, 9, 4], 34, frozenset(), ENOUGH, lambda a, b: True)
    assert (fields[0], fields[1], fields[3]) == ("recommend", 1, 2)


# --- the fit line, recalibrated ------------------------------------------------------------------

def test_a_fit_line_above_50_leaves_out_models_below_it():
    """With the fit line at 60 (raw above 0.4 x W), over W = 10 the scores 62.5, 57.5 and 50
    (raw 5, 3, 0) leave only the first fitting; raw 3, 1, 0 (57.5, 52.5, 50) leave none, so
    there is no fit rather than a recommendation below the line."""
    c = _with_fit_line(60.0)
    assert c.fit_cut == pytest.approx(0.4)
    assert c.fits([5, 3, 0], 10, EVERY) == frozenset({0})
    assert c.fits([5, 3, 0], 10, frozenset({1, 2})) == frozenset()
    assert keyer(c, frozenset(), ENOUGH, EVERY)([3, 1, 0], 10, ALL_ARGUED) == (("no_fit", None), None)
    assert _agree(c, [3, 1, 0], 10)[0] == "no_fit"
    # Raw 5 against 3: the runner-up (57.5) does not fit, so no close call however near.
    assert _agree(c, [5, 3, 0], 10)[:2] == ("recommend", 0)


def test_with_no_other_model_applying_the_margin_is_measured_from_the_recalibrated_fit_line():
    """Only staff augmentation applies (a build): its margin is its distance above the fit
    line. Fit line 60 over W = 34 is raw 0.4 x 34 = 13.6; raw 20 is 25 x (20 - 13.6) / 34 =
    4.71 points above it."""
    c = _with_fit_line(60.0)
    state, leader, pair, runner, margin, later, ranking = rules(
        c, [20, 4, -8], 34, frozenset(), ENOUGH, lambda a, b: True, frozenset({0}))
    assert (state, leader, pair, runner, later, ranking) == ("recommend", 0, None, None, None, (0, 1, 2))
    assert margin == pytest.approx(160 / 34)


def test_a_fit_line_below_50_measures_the_runner_up_among_negative_totals():
    """With the fit line at 10 (raw above -1.6 x W, so -16 over W = 10) models with negative
    totals still fit. Raw -1.2 against -9 is 25 x 7.8 / 10 = 19.5 points ahead: a
    recommendation; raw -2 against -3 is 2.5 points: a close call. The runner-up is found
    however far below zero its total is."""
    c = _with_fit_line(10.0)
    key = keyer(c, frozenset(), ENOUGH, EVERY)
    assert key([-1.2, -9, -20], 10, None) == (("recommend", 0), 0)
    fields = _agree(c, [-1.2, -9, -20], 10)
    assert fields[:4] == ("recommend", 0, None, 1) and fields[4] == pytest.approx(19.5)
    assert key([-2, -3, -20], 10, None) is None
    assert key([-2, -3, -20], 10, ALL_ARGUED) == (("close_call", (0, 1)), 0)
    assert _agree(c, [-2, -3, -20], 10)[:3] == ("close_call", 0, (0, 1))


# --- which models apply, and fitting without a scale -------------------------------------------

def test_before_the_kind_of_work_is_answered_every_model_applies():
    """Until the kind of work is answered no model is ruled out, whatever the order of its
    options: here the options are listed with the build (staff augmentation only) last, and an
    unanswered kind must not be read as that last option."""
    raw = _raw()
    kind = raw["questions"][0]
    assert kind["id"] == "kind"
    kind["options"].reverse()  # business_process, tech_service, build
    c = compiled(parse_catalogue(raw))
    unanswered = [-1] * len(c.cat.questions)
    assert c.applicable(unanswered) == EVERY
    assert C.applicable(unanswered) == EVERY
    build = list(unanswered)
    build[0] = 2
    assert c.applicable(build) == frozenset({0})


def test_with_a_total_weight_of_zero_no_model_fits():
    """Scores need a total weight to be measured against: with none (every weight 0) no model
    is said to fit, even when the caller hands `decide` totals of its own."""
    n = len(C.cat.questions)
    o = decide(C, [-1] * n, [0] * n, raw=[4, 0, -4], total_weight=0)
    assert (o.state, o.fits) == ("no_answers", frozenset())
    assert decide(C, [-1] * n, [0] * n).fits == frozenset()
