"""What the "what would change" part of a result reports at its edges (calculator/robustness.py,
explain.py): each model's share of the drawn weightings it comes first in is given to three
decimals, like the share itself; with every weight at zero the weight change offered is the
nearest that decides (1); answers pointing away by the same points keep questionnaire order.
Found as survivors by `make mutate`."""

from __future__ import annotations

from calculator import score


def test_the_share_each_model_comes_first_is_given_to_three_decimals():
    """A build with kind and direction counted 1 (staff augmentation fits by 1 raw point, and a
    weighting can undo the fit): the figure is drawn from 400 weightings, so a count such as
    391/400 = 0.9775 must still be shown as 0.978, not with a fourth decimal."""
    r = score({"kind": "build", "data": "regulated", "direction": "shared"}, {"kind": 1, "direction": 1})
    figure = r.what_would_change["robustness"]
    assert figure["samples"] == 400
    assert sorted(figure["first"]) == ["bpo", "managed_services", "staff_augmentation"]
    # three decimals for every model, as for the share itself
    assert all(v == round(v, 3) for v in figure["first"].values())
    # only staff augmentation applies to a build, so it is first whenever the fit holds
    assert figure["first"]["managed_services"] == 0.0 and figure["first"]["bpo"] == 0.0
    assert figure["first"]["staff_augmentation"] == figure["share"]
    assert 0.95 < figure["share"] < 1


def test_with_every_weight_at_zero_the_nearest_weight_that_decides_is_1():
    """Two answers, both weighted 0: no model fits. Counting either answer 1 (a total weight of
    just 1) already recommends staff augmentation, so the change offered is to weight 1, the
    nearest, not 2."""
    r = score({"kind": "build", "data": "regulated"}, {"kind": 0, "data": 0})
    assert (r.verdict, r.recommendation) == ("no_fit", None)
    assert [(x["question"], x["from_weight"], x["to_weight"], x["state"], x["recommendation"])
            for x in r.what_would_change["weight_changes"]] == [
        ("kind", 0, 1, "recommend", "staff_augmentation"),
        ("data", 0, 1, "recommend", "staff_augmentation"),
    ]


def test_what_points_away_ties_keep_questionnaire_order():
    """Staff augmentation, with two answers pointing to managed services by the same 4.41 points:
    the kind of work (asked first) is listed before consistency, whatever the place of each
    chosen option in its own list (kind's 'tech_service' comes later in its list than
    consistency's 'critical')."""
    r = score({"kind": "tech_service", "lead_capacity": "daily", "scope_change": "stable",
               "flexibility": "flexibility", "service_levels": "no", "process_maturity": "partial",
               "governance": "partly", "consistency": "critical", "data": "regulated",
               "duration": "ongoing", "urgency": "months", "pricing": "per_person"})
    assert r.recommendation == "staff_augmentation"
    assert [(x["question"], x["favours"], x["edge"]) for x in r.against] == [
        ("kind", ["managed_services"], 4.41),
        ("consistency", ["managed_services"], 4.41),
    ]
