"""Reasons per rival, what points away, what would change the result, and robustness."""

from calculator import score
from calculator.result import Result
from tests.scenarios import BY_ID as SCENARIOS

MS = SCENARIOS["ms-textbook"]["answers"]
ROADMAP = SCENARIOS["sa-roadmap-team"]["answers"]


def test_reasons_name_the_rivals_and_include_the_defining_ones():
    """A managed-services recommendation lists its defining reasons (provider directs, clear
    service levels) even though they favour BPO equally, saying they are over staff augmentation."""
    r = score(MS)
    assert r.recommendation == "managed_services" and 1 <= len(r.reasons) <= 4
    by_question = {x["question"]: x["over"] for x in r.reasons}
    assert by_question.get("direction") == ["staff_augmentation"]
    assert any("bpo" in over for over in by_question.values()), "a reason over BPO is kept too"


def test_every_rival_beaten_gets_a_reason_when_one_exists():
    """If some answer favours the recommendation over a rival, that rival appears in 'over'."""
    r = score(ROADMAP)
    assert {m for x in r.reasons for m in x["over"]} == {"managed_services", "bpo"}


def test_a_reason_is_only_given_for_a_model_it_argues_for():
    """An answer that merely hurts a rival more (inside judgement hurts BPO most) is not a reason
    for managed services: its sentence argues for staff augmentation."""
    r = score({"kind": "business_process", "direction": "shared", "lead_capacity": "reviews",
               "integration": "alongside", "operating_model": "improve", "scope_change": "some", "judgement": "much"})
    assert r.recommendation == "managed_services"
    assert "judgement" not in {x["question"] for x in r.reasons}
    assert [x for x in r.against if x["question"] == "judgement"][0]["favours"] == ["staff_augmentation"]


def test_what_points_away_names_the_model_it_favours():
    """Each 'against' row names the rival it favours over the recommendation, and only a model
    that applies to the work: for a build, nothing points to managed services or BPO."""
    service = score({**ROADMAP, "kind": "tech_service", "pricing": "service_fee"})
    assert service.recommendation == "staff_augmentation"
    assert {(x["question"], tuple(x["favours"])) for x in service.against} == {
        ("kind", ("managed_services",)), ("pricing", ("managed_services",))}
    build = score({**ROADMAP, "pricing": "service_fee"})
    assert build.recommendation == "staff_augmentation" and build.against == []


def test_what_points_away_names_every_model_an_answer_favours_equally():
    """An answer favouring two rivals equally over the recommendation names both, never one of
    them as if it favoured that one more (service levels favour managed services and BPO alike)."""
    r = score({**ROADMAP, "kind": "business_process", "service_levels": "yes", "scope_change": "some"})
    assert r.recommendation == "staff_augmentation"
    rows = {x["question"]: x["favours"] for x in r.against}
    assert rows.get("service_levels") == ["managed_services", "bpo"]


def test_every_listed_answer_change_really_changes_the_outcome():
    """Each counterfactual, applied, gives the outcome it promises, and differs from now."""
    answers = {"kind": "tech_service", "direction": "shared", "scope_change": "some",
               "service_levels": "partly", "governance": "yes", "duration": "ongoing"}
    r = score(answers)
    changes = r.what_would_change["answer_changes"]
    assert changes
    for change in changes:
        after = score({**answers, change["question"]: change["to"]})
        assert after.state == change["state"] and after.recommendation == change["recommendation"]
        pair = after.combination["models"] if after.combination else None
        assert pair == change["pair"]
        assert (after.state, after.recommendation, pair) != (r.state, r.recommendation, None)


def test_answer_changes_come_nearest_first():
    """Changes to given answers come before new answers, the next option before the far end."""
    r = score(SCENARIOS["close-build-then-run"]["answers"])
    given = [c for c in r.what_would_change["answer_changes"] if c["from"] is not None]
    distances = [c["distance"] for c in given]
    assert distances == sorted(distances)
    kinds = [c["from"] is None for c in r.what_would_change["answer_changes"]]
    assert kinds == sorted(kinds)


def _key(r):
    return (r.state, r.recommendation, tuple(r.combination["models"]) if r.combination else None)


def test_the_weight_change_shown_is_the_nearest_that_changes_the_outcome():
    """The listed weight change changes the outcome, and no nearer weight on that question does."""
    answers = SCENARIOS["one-answer-direct"]["answers"]
    r = score(answers)
    change = r.what_would_change["weight_changes"][0]
    q = change["question"]
    assert _key(score(answers, {q: change["to_weight"]})) != _key(r)
    step = 1 if change["to_weight"] > change["from_weight"] else -1
    for weight in range(change["from_weight"] + step, change["to_weight"], step):
        assert _key(score(answers, {q: weight})) == _key(r)


def test_both_robustness_figures_are_seeded_and_in_range():
    """The weightings figure and the unanswered-answers figure are the same on every run."""
    answers = {"kind": "tech_service", "direction": "provider", "service_levels": "yes"}
    first, second = score(answers).what_would_change, score(answers).what_would_change
    assert first["robustness"] == second["robustness"] and first["fill_in"] == second["fill_in"]
    assert 0 <= first["robustness"]["share"] <= 1 and 0 <= first["fill_in"]["share"] <= 1
    from calculator.data import catalogue

    assert first["fill_in"]["unanswered"] == len(catalogue().questions) - len(answers)


def test_all_answered_means_nothing_left_to_fill_in():
    """With every question answered, the result holds for all (100%) of the answers not given."""
    fill = score(MS).what_would_change["fill_in"]
    assert fill == {"share": 1.0, "samples": 0, "unanswered": 0, "seed": fill["seed"]}


def test_one_answer_is_never_confident():
    """A single answer gives a provisional leader with low confidence, whatever the weightings say."""
    r = score({"direction": "us"})
    assert r.verdict == "provisional" and r.confidence["level"] == "low"
    assert r.confidence["limit"] == "few_answers"
    assert r.what_would_change["robustness"]["share"] == 1.0
    assert r.what_would_change["fill_in"]["share"] < 0.9


def test_warnings_are_shown_only_for_proposed_models():
    """A warning about unit prices on a moving scope concerns the provider models; it is not
    shown when staff augmentation is recommended."""
    base = {"scope_change": "likely", "pricing": "per_unit"}
    sa = score({**ROADMAP, **base})
    assert sa.recommendation == "staff_augmentation" and not sa.warnings
    bpo = score({**SCENARIOS["contradiction-moving-scope-unit-prices"]["answers"]})
    assert [w["id"] for w in bpo.warnings] == ["changing_scope_unit_prices"]


def test_result_json_has_the_documented_keys():
    """The JSON form carries every field the site and CLI rely on."""
    data = score(ROADMAP).to_dict()
    assert set(data) == {f for f in Result.__dataclass_fields__} | {"close_call"}


def _random_profiles(count, seed):
    """Random answers (some questions left open) and weights, as compiled picks and weights."""
    import random

    from calculator.data import catalogue
    from calculator.decide import compiled, decide

    c = compiled(catalogue())
    rng = random.Random(seed)
    for _ in range(count):
        picks = [rng.randrange(len(o)) if rng.random() < 0.6 else -1 for o in c.effects]
        weights = [rng.choice((0, 1, 2, 3, 5)) if rng.random() < 0.3 else q.weight for q in c.cat.questions]
        if sum(weights) == 0:
            continue
        yield c, picks, weights, decide(c, picks, weights)


def test_the_weightings_shortcut_only_skips_samples_that_would_all_agree():
    """When the bounds say every weighting keeps the result, drawing the samples gives the same figures."""
    from calculator import robustness

    used = 0
    for c, picks, weights, o in _random_profiles(400, 1):
        if robustness._every_weighting_holds(c, picks, weights, o):
            used += 1
            assert robustness.weight_robustness(c, picks, weights, o) == robustness.sampled_weight_robustness(c, picks, weights, o)
    assert used > 50  # the shortcut is taken often enough for this to test it


def test_the_fill_in_shortcut_only_skips_samples_that_would_all_agree():
    """When the bounds say every way to answer the rest keeps the result, the samples all agree too."""
    from calculator import robustness

    used = 0
    for c, picks, weights, o in _random_profiles(600, 2):
        if -1 in picks and robustness._every_fill_in_holds(c, picks, weights, o):
            used += 1
            assert robustness.sampled_fill_in_robustness(c, picks, weights, o)["share"] == 1.0
    assert used > 20


def test_fill_in_answers_are_drawn_uniformly():
    """Every option of an open question is drawn about equally often, and no other value."""
    import random
    from collections import Counter

    from calculator.robustness import _uniform

    for size in (2, 3, 5):
        counts = Counter(_uniform(random.Random(size), size, 30000))
        assert set(counts) == set(range(size))
        assert all(abs(k / 30000 - 1 / size) < 0.01 for k in counts.values())
