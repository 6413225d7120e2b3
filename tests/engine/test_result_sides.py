"""Which models a result's reasons, objections and "later" speak of: a gated model level with
the recommendation, both sides of a close call, and a close call with a model that would fit
once its step is done.

Raw totals are sums of weight x effect (questions.toml); with the default weights W = 34, so a
score is 50 + 25 x raw / 34 and an edge of e raw points is 25 x e / 34 score points.
"""

from __future__ import annotations

from calculator import score


def _rows(reasons, side):
    return [(row["question"], row[side], row["edge"]) for row in reasons]


def test_a_gated_model_level_with_the_recommendation_is_explained_by_its_gate_not_as_a_rival():
    """A business process (BPO +2, weight 3) with much judgement (SA +1, MS -1, BPO -2, weight
    2): staff augmentation 2, managed services -2, BPO 6 - 4 = 2, level with staff
    augmentation, but gated (the judgement is not separated yet). The recommendation's
    reasons are over managed services only, and nothing is counted against it: the reader is
    told about BPO by its gate, not told that the kind of work argues for BPO instead."""
    r = score({"kind": "business_process", "judgement": "much"})
    assert (r.state, r.recommendation) == ("recommend", "staff_augmentation")
    assert r.scores == {"staff_augmentation": 51.5, "managed_services": 48.5, "bpo": 51.5}
    assert "bpo" not in r.ready and [g["model"] for g in r.gates] == ["bpo"]
    # judgement: 2 x (1 - (-1)) = 4 raw points over managed services, 25 x 4 / 34 = 2.94
    assert _rows(r.reasons, "over") == [("judgement", ["managed_services"], 2.94)]
    assert r.against == []


CLOSE = {"kind": "business_process", "lead_capacity": "daily", "flexibility": "flexibility",
         "process_maturity": "partial", "operating_model": "redesign", "urgency": "weeks"}


def test_a_close_call_gives_the_reasons_for_each_side():
    """Staff augmentation 6 + 4 - 4 + 2 = 8, BPO 6 - 2 - 2 + 4 - 2 = 4, managed services 0:
    25 x 4 / 34 = 2.94 points apart, under 3.5, with answers for each. The reader is shown why
    each of the two fits: first the answers for staff augmentation over BPO, then those for
    BPO over staff augmentation, each strongest first."""
    r = score(CLOSE)
    assert r.state == "close_call" and r.combination["models"] == ["staff_augmentation", "bpo"]
    assert r.margin == 2.9
    assert _rows(r.reasons, "over") == [
        ("lead_capacity", ["bpo"], 4.41),      # 3 x (2 - 0) = 6 raw points
        ("flexibility", ["bpo"], 4.41),        # 2 x (2 - (-1)) = 6
        ("urgency", ["bpo"], 2.94),            # 1 x (2 - (-2)) = 4
        ("process_maturity", ["bpo"], 1.47),   # 2 x (0 - (-1)) = 2 (SA ties MS for the top)
        ("operating_model", ["staff_augmentation"], 5.88),  # 2 x (2 - (-2)) = 8
        ("kind", ["staff_augmentation"], 4.41),             # 3 x (2 - 0) = 6
    ]
    assert r.later is None


def test_a_close_call_names_the_gated_model_that_would_fit_later():
    """Staff augmentation 6 - 3 + 2 = 5, managed services 3 + 2 + 2 - 2 + 4 = 9, BPO
    6 + 4 + 2 - 4 + 4 = 12: managed services and staff augmentation are 25 x 4 / 34 = 2.94
    apart (a close call), and BPO scores above both but waits on separating the judgement. The
    reader is told BPO would fit once that is done, as a recommendation would tell them."""
    r = score({"lead_capacity": "daily", "scope_change": "stable", "judgement": "much", "urgency": "flexible",
               "duration": "ongoing", "operating_model": "improve", "process_maturity": "documented"})
    assert r.state == "close_call" and r.combination["models"] == ["staff_augmentation", "managed_services"]
    assert r.scores == {"staff_augmentation": 53.7, "managed_services": 56.6, "bpo": 58.8}
    assert r.later == {"model": "bpo", "steps": ["separate_judgement"]}


def test_a_close_call_shows_the_warnings_about_either_of_its_two_models():
    """The close call above with the work ongoing (duration: MS +2, BPO +2, weight 2): staff
    augmentation 8 + 0 and BPO 4 + 4 are level at 55.9, still a close call. Help needed
    within weeks for work with no end date is a warning about handing work to a provider (BPO
    or managed services): BPO is one of the two proposed, so the reader sees it."""
    r = score({**CLOSE, "duration": "ongoing"})
    assert r.state == "close_call" and r.combination["models"] == ["staff_augmentation", "bpo"]
    assert (r.scores["staff_augmentation"], r.scores["bpo"], r.margin) == (55.9, 55.9, 0.0)
    assert r.later is None
    assert [(w["id"], w["questions"]) for w in r.warnings] == [("urgent_handover", ["urgency", "duration"])]
