"""The weight changes a result offers (calculator/explain.py `weight_changes`) are weightings the
calculator accepts: never one that would leave every weight at zero, which `score` refuses
("at least one question must have a weight above 0"). With every other question counted 0, the
one weighted answer cannot be offered at weight 0 (that weighting would read "no fit").

Why the older test did not catch this: in tests/engine/test_robustness_and_explain_figures.py
(`test_with_every_weight_at_zero_...`) only the two answered questions are weighted 0; the
unanswered ones keep their default weights (33 in all), so the total weight never reaches 0 (or
1) there. Here every question not listed is overridden to 0. Worked out by hand from
questions.toml's effects."""

from __future__ import annotations

import pytest

from calculator import CalculatorError, catalogue, score

NONE = {q.id: 0 for q in catalogue().questions}  # every question counted 0

CASES = [
    # A build, only its kind counted (1): staff augmentation (+1 for a build, the others do not
    # apply). Every other weight for the kind (2..5) gives the same result, and weight 0 would be
    # no weight at all; the regulated data counted 1 only adds to staff augmentation's lead.
    ({"kind": "build", "data": "regulated"}, {"kind": 1}, []),
    # Directed by us (+2 staff augmentation, -2 the others), counted 1; clear service levels
    # (-1 staff augmentation, +2 the others) counted 0. At 1 staff augmentation still fits
    # (2 - 1 = 1 above 0) and leads; at 2 it is at 0 and no longer fits, and the provider
    # models (2 - 2 + 4 = 2) fit but wait on the direction gate: "not ready". Counting the
    # direction 0 instead is never offered.
    ({"direction": "us", "service_levels": "yes"}, {"direction": 1},
     [("service_levels", 0, 2, "not_ready", None)]),
    # A tech service (BPO does not apply) the provider directs (+2 managed services, -2 staff
    # augmentation, which that answer gates), counted 2, the kind and the leads' time counted 0:
    # managed services. Direction 1, 3, 4 or 5 keeps it; counting the kind (+2 managed services)
    # only adds to its lead, the leads' time (+2 staff augmentation) only lifts a gated model:
    # nothing is offered, and direction 0 never.
    ({"kind": "tech_service", "direction": "provider", "lead_capacity": "daily"}, {"direction": 2}, []),
]


@pytest.mark.parametrize("answers, weights, offered", CASES, ids=["build-kind-only", "direction-only", "provider-only"])
def test_no_weight_change_leaves_every_weight_at_zero(answers, weights, offered):
    r = score(answers, {**NONE, **weights})
    assert r.state == "recommend"
    assert [(x["question"], x["from_weight"], x["to_weight"], x["state"], x["recommendation"])
            for x in r.what_would_change["weight_changes"]] == offered
    # the weighting that is never offered is one the calculator refuses outright
    (only,) = weights
    with pytest.raises(CalculatorError) as info:
        score(answers, {**NONE, only: 0})
    assert (info.value.kind, info.value.message) == (
        "invalid_weights", "at least one question must have a weight above 0")
