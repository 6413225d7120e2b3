"""The robustness figures' sampled loops (calculator/robustness.py) against the plain loops they
stand for, over generated profiles: the ways to answer the rest against deciding each drawn way
one by one (calculator/decide.py `decide`), and the weightings against one sum per sample.

The sampled loops are written for speed (issue 23: the gates of all 400 drawn ways worked out
at once in bytes, repeated samples looked up, each sample's total weight kept per weighting), so
they must give the very figure the plain loops give, not one near it. Each property counts the
cases that reach the parts it checks and asserts a minimum, so a strategy that stops reaching
them fails loudly.
"""

from __future__ import annotations

import random
from collections import Counter
from math import sumprod

from hypothesis import HealthCheck, given, settings

from calculator import catalogue, robustness
from calculator.decide import compiled, decide
from tests.property.test_rule_properties import profiles

CAT = catalogue()
C = compiled(CAT)
TH = CAT.thresholds
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _case(answers, weights):
    w = [weights[q.id] for q in CAT.questions]
    picks = C.picks(answers)
    return picks, w, decide(C, picks, w)


def _ways_kept(picks, w, current) -> tuple[float, Counter]:
    """The share of the drawn ways to answer the open questions that keep the outcome, each way
    decided on its own, and what the ways gave: their outcomes' states, and how many fired a
    gate or ruled out a model that the given answers had not."""
    open_questions = [q for q, p in enumerate(picks) if p < 0]
    rng = random.Random(TH.robustness_seed + 1)
    drawn = [robustness._uniform(rng, len(C.effects[q]), TH.fill_in_samples) for q in open_questions]
    held, states = 0, Counter()
    for way in zip(*drawn):
        filled = list(picks)
        for q, option in zip(open_questions, way):
            filled[q] = option
        outcome = decide(C, filled, w)
        held += outcome.key == current.key
        states[outcome.state] += 1
        states["gated by the draw"] += outcome.gated != current.gated
        states["ruled out by the draw"] += outcome.applicable != current.applicable
    return round(held / TH.fill_in_samples, 3), states


def _weightings_kept(picks, w, current) -> dict:
    """The weightings figure by the plain loop: each sample's factors, the answered questions'
    weighted effects times them, one sum per model and one for the total weight."""
    n, spread = TH.robustness_samples, TH.robustness_spread
    rng = random.Random(TH.robustness_seed)
    draws = [1 - spread + 2 * spread * rng.random() for _ in range(n * len(picks))]
    answered = [q for q, p in enumerate(picks) if p >= 0]
    columns = [[w[q] * C.effects[q][picks[q]][m] for q in answered] for m in range(len(C.models))]
    key = robustness.keyer(C, current.gated, current.answered, current.applicable)
    argued = C.argued(picks, w)
    held, firsts = 0, [0] * len(C.models)
    for start in range(0, n * len(picks), len(picks)):
        factors = draws[start:start + len(picks)]
        chosen = [factors[q] for q in answered]
        found, first = key([sumprod(chosen, column) for column in columns], sumprod(w, factors), argued)
        held += found == current.key
        if first is not None:
            firsts[first] += 1
    return {"share": round(held / n, 3), "first": {m: round(k / n, 3) for m, k in zip(C.models, firsts)},
            "samples": n, "spread": spread, "seed": TH.robustness_seed}


# Each test draws its cases inside its body (the inner `check`), so it keeps its full count of
# cases under `make mutate` too (tests/support/mutate_profile.py caps only the tests' own settings).

def test_the_drawn_ways_to_answer_the_rest_give_what_deciding_each_way_gives():
    """The ways to answer the rest, drawn and packed, give the share that deciding each drawn
    way on its own gives; the draws reach gates and kinds of work that the given answers leave
    open, close calls that turn on what the answers argue, and outcomes that change."""
    seen: Counter = Counter()

    @SETTINGS
    @given(profiles(min_answers=1))
    def check(profile):
        picks, w, current = _case(*profile)
        if -1 not in picks:
            return
        share, states = _ways_kept(picks, w, current)
        assert robustness.sampled_fill_in_robustness(C, picks, w, current)["share"] == share
        seen["cases"] += 1
        seen["some way gated a model"] += states["gated by the draw"] > 0
        seen["some way ruled a model out"] += states["ruled out by the draw"] > 0
        seen["some way a close call"] += states["close_call"] > 0
        seen["some way changed the outcome"] += share < 1

    check()
    assert seen["cases"] >= 100, seen
    assert seen["some way gated a model"] >= 10, seen
    assert seen["some way ruled a model out"] >= 10, seen
    assert seen["some way a close call"] >= 10, seen
    assert seen["some way changed the outcome"] >= 30, seen


def test_the_sampled_weightings_give_what_the_plain_loop_gives():
    """The weightings figure, with its factors and total weights kept between calls, is the
    plain loop's, for the default weights and for a reader's own (calls alternate between
    weightings, so a total kept for one weighting would show in the next)."""
    seen: Counter = Counter()

    @SETTINGS
    @given(profiles(min_answers=1))
    def check(profile):
        picks, w, current = _case(*profile)
        figure = robustness.sampled_weight_robustness(C, picks, w, current)
        assert figure == _weightings_kept(picks, w, current)
        seen["cases"] += 1
        seen["own weights"] += w != [q.weight for q in CAT.questions]
        seen["outcome moved"] += figure["share"] < 1

    check()
    assert seen["cases"] >= 100, seen
    assert seen["own weights"] >= 50, seen
    assert seen["outcome moved"] >= 30, seen
