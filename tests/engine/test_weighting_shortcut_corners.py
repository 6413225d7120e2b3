"""The weightings figure's shortcut (calculator/robustness.py `_every_weighting_holds`) against
a brute-force oracle: the figure is given as 100% without drawing exactly when every corner of
the box of weightings (each weight x 0.5 or x 1.5) keeps the result. Each rule is linear in the
weights, so its worst case is at a corner; with two or three questions counted (every other
weight overridden to 0, six answers so that a close call is possible, or five) the corners are few.

Found as survivors by `make mutate`: a close-call test that claims 100% although one weighting
makes a close call (too lax: the page would claim a figure it never checked), and one that never
skips the draws once a close call is possible (too strict: the draws the shortcut exists to
skip, on a phone). Worked out by hand from questions.toml's effects."""

from __future__ import annotations

import itertools

import pytest

from calculator import catalogue, robustness, score
from calculator.decide import compiled, decide

CAT = catalogue()
C = compiled(CAT)
NONE = {q.id: 0 for q in CAT.questions}  # every question counted 0 unless listed
SA_MS = ("staff_augmentation", "managed_services")

CASES = [
    # Keeping the way of working (staff augmentation +2, managed services -1) counted 4, a
    # relationship owner (managed services and BPO +1) counted 3, no sensitive data (0 for all)
    # counted 3: staff augmentation 8, managed services -1 of 10 (22.5 points ahead). With the owner and
    # the data x1.5 and the way of working x0.5: staff augmentation 4, managed services 2.5, of
    # 11 in all, 25 x 1.5 / 11 = 3.41 points, under 3.5, and each has an answer arguing for it:
    # a close call. So the figure must be drawn (it is 100% all the same: that corner is rare).
    ({"service_levels": "yes", "governance": "yes", "integration": "embedded", "operating_model": "keep",
      "consistency": "critical", "data": "none"},
     {"governance": 3, "operating_model": 4, "data": 3},
     False, {"governance": 1.5, "operating_model": 0.5, "data": 1.5}, ("close_call", SA_MS)),
    # The same shape: flexibility (staff augmentation +2, managed services -1) counted 4,
    # consistency critical (managed services +2, staff augmentation -1) counted 1, scope 'some'
    # (0 for all) counted 5. At scope x1.5, flexibility x0.5, consistency x1.5: 2.5 against 1 of
    # 11, 3.41 points: a close call.
    ({"scope_change": "some", "flexibility": "flexibility", "consistency": "critical", "data": "some",
      "urgency": "flexible", "pricing": "service_fee"},
     {"scope_change": 5, "flexibility": 4, "consistency": 1},
     False, {"scope_change": 1.5, "flexibility": 0.5, "consistency": 1.5}, ("close_call", SA_MS)),
    # The first case with five answers (no consistency): too few for a close call, so the
    # corner at 3.41 points keeps staff augmentation, like every other corner: no draws.
    ({"service_levels": "yes", "governance": "yes", "integration": "embedded", "operating_model": "keep",
      "data": "none"},
     {"governance": 3, "operating_model": 4, "data": 3},
     True, None, ("recommend", "staff_augmentation")),
    # Predictability (managed services +2, BPO +1, staff augmentation -2) counted 2, regulated
    # data (staff augmentation +1) counted 2: managed services 4, staff augmentation -2 of 4.
    # Each argues for its model, so a close call would be possible, but at the worst corner
    # (data x1.5, predictability x0.5) managed services still leads by 25 x 0.5 / 4 = 6.25 points
    # (1 raw point of 4 in all) and still fits: every weighting keeps it, no draws.
    ({"flexibility": "predictability", "process_maturity": "partial", "consistency": "critical",
      "data": "regulated", "duration": "short", "pricing": "sla_linked"},
     {"flexibility": 2, "data": 2},
     True, None, ("recommend", "managed_services")),
    # A short engagement (staff augmentation +2, the others -2) counted 2, a relationship owner
    # (managed services and BPO +1) counted 1: staff augmentation 4 against -3 of 3. At the
    # worst corner (owner x1.5, duration x0.5) it leads 2 against -0.5 of 2.5: 25 points. No draws.
    ({"lead_capacity": "daily", "scope_change": "likely", "governance": "yes", "operating_model": "keep",
      "consistency": "low", "duration": "short"},
     {"governance": 1, "duration": 2},
     True, None, ("recommend", "staff_augmentation")),
]
IDS = ["owner-and-data-close-call", "scope-and-consistency-close-call", "five-answers-holds", "predictability-holds",
       "short-engagement-holds"]


def _key(outcome):
    if outcome.state == "close_call":
        return ("close_call", tuple(C.models[m] for m in outcome.pair))
    return (outcome.state, C.models[outcome.leader] if outcome.leader is not None else None)


def _corners(picks, weights):
    """Every corner of the box: each counted weight x 0.5 or x 1.5, by question id."""
    counted = [q for q, w in enumerate(weights) if w > 0]
    for factors in itertools.product((0.5, 1.5), repeat=len(counted)):
        scaled = list(weights)
        for q, f in zip(counted, factors):
            scaled[q] = weights[q] * f
        yield {CAT.questions[q].id: f for q, f in zip(counted, factors)}, decide(C, picks, scaled)


@pytest.mark.parametrize("answers, weights, shortcut, corner, at_corner", CASES, ids=IDS)
def test_the_weightings_shortcut_is_taken_exactly_when_every_corner_keeps_the_result(
        answers, weights, shortcut, corner, at_corner, monkeypatch):
    picks = C.picks(answers)
    w = [{**NONE, **weights}[q.id] for q in CAT.questions]
    current = decide(C, picks, w)
    assert current.state == "recommend" and current.answered == len(answers)
    corners = dict((tuple(sorted(f.items())), _key(o)) for f, o in _corners(picks, w))
    # the oracle: every corner keeps the result, or the hand-worked corner does not
    assert all(k == _key(current) for k in corners.values()) is shortcut
    if corner is not None:
        assert corners[tuple(sorted(corner.items()))] == at_corner
    else:
        assert set(corners.values()) == {at_corner}
    assert robustness._every_weighting_holds(C, picks, w, current) is shortcut

    # On the page: the figure is drawn exactly when the shortcut is not taken (and it is 100%
    # in all five: a drawn weighting rarely lands near the corner).
    drawn = []
    sampled = robustness.sampled_weight_robustness
    monkeypatch.setattr(robustness, "sampled_weight_robustness", lambda *a: drawn.append(1) or sampled(*a))
    figure = score(answers, {**NONE, **weights}).what_would_change["robustness"]
    assert (bool(drawn), figure["share"], figure["samples"]) == (not shortcut, 1.0, 400)
