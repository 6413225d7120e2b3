"""The rules from scores to what a reader acts on: gates, close calls, provisional, not ready."""

from calculator import score
from tests.scenarios import BY_ID as SCENARIOS

BPO = SCENARIOS["bpo-textbook"]["answers"]


def test_a_gated_model_is_never_recommended_and_said_to_fit_later():
    """The best-scoring model, once gated, gives way to the best ready one, and the result says
    what would fit once the step is done."""
    r = score({**BPO, "judgement": "much"})  # the one gate that holds back BPO alone
    assert r.ranking[0] == "bpo" and "bpo" not in r.ready
    assert r.recommendation == "managed_services" and r.verdict == "for_now"
    assert r.later == {"model": "bpo", "steps": ["separate_judgement"]}


def test_an_undocumented_process_holds_back_every_provider_model():
    """The engine's own reason: an undocumented process cannot yet be handed over and governed
    from outside, by a managed service any more than by BPO (it used to fall back to managed
    services 'for now')."""
    r = score({**BPO, "process_maturity": "undocumented"})
    assert r.state == "not_ready" and r.recommendation is None
    assert {"managed_services", "bpo"}.isdisjoint(r.ready)
    assert r.first_step["step"] == "document_process" and r.first_step["model"] == "bpo"


def test_when_every_model_is_gated_there_is_no_recommendation_and_a_first_step():
    """No ready model: no recommendation, and the step that unlocks a model soonest."""
    r = score({"direction": "provider", "governance": "no", "lead_capacity": "little", "kind": "tech_service"})
    assert r.state == "not_ready" and r.recommendation is None and r.ready == []
    assert r.first_step["step"] == "name_owner" and r.first_step["model"] == "managed_services"


def test_a_gated_model_is_never_half_of_a_close_call():
    """A gated model within the close-call margin of the leader is not paired with it."""
    answers = {**SCENARIOS["close-ms-bpo-overlap"]["answers"]}
    assert score(answers).close_call
    gated = score({**answers, "judgement": "much"})
    assert not gated.close_call and gated.recommendation == "managed_services"


def test_a_close_call_needs_answers_on_both_sides():
    """Two models close only because few answers separate them is not a close call."""
    r = score({"pricing": "sla_linked", "consistency": "critical", "duration": "ongoing",
               "governance": "yes", "service_levels": "yes", "operating_model": "redesign"})
    assert r.scores["managed_services"] == r.scores["bpo"]
    assert not r.close_call and r.combination is None


def test_too_few_answers_is_provisional_never_clear():
    """Below the stated number of answers the result is provisional, however one-sided."""
    r = score(SCENARIOS["five-answers-still-provisional"]["answers"])
    assert r.verdict == "provisional" and r.confidence["level"] == "low"
    assert len(r.unanswered_priority) == 3


def test_the_margin_is_measured_against_the_next_model_that_applies_ready_or_not():
    """A gated model below the leader still sets the margin (it does not make the fit 'clearer');
    a model that does not apply to the work does not, and with none left the margin is the
    distance above the fit line."""
    from calculator.data import catalogue

    line = catalogue().thresholds.fits_above
    build = score(SCENARIOS["sa-textbook"]["answers"])  # a build: only staff augmentation applies
    assert build.runner is None and build.margin == round(build.scores["staff_augmentation"] - line, 1)
    r = score({**BPO, "judgement": "much"})  # BPO gated and above; managed services recommended
    assert r.runner == "staff_augmentation"
    assert abs(r.margin - (r.scores["managed_services"] - r.scores["staff_augmentation"])) <= 0.1


def test_the_robustness_shortcut_gives_what_the_rules_give():
    """keyer (used in the robustness loops) agrees with rules on random totals, gates and counts."""
    import itertools
    import random

    from calculator.data import catalogue
    from calculator.decide import compiled, key_of, keyer, rules

    c = compiled(catalogue())
    rng = random.Random(7)
    n = len(c.models)
    subsets = [frozenset(x) for x in itertools.chain.from_iterable(itertools.combinations(range(n), k) for k in range(n + 1))]
    for gated in subsets:
        for applicable in [a for a in subsets if a]:
            for answered in (0, 1, c.cat.thresholds.provisional_below, len(c.cat.questions)):
                key = keyer(c, gated, answered, applicable)
                for _ in range(60):
                    # Whole-number totals make ties common, as they are in real scores.
                    raw = [rng.randint(-6, 6) * rng.choice((1, 0.5)) for _ in range(n)]
                    total = rng.choice((1, 5, 30))
                    argued = rng.getrandbits(n * n)
                    fields = rules(c, raw, total, gated, answered, lambda a, b: c.supports(argued, a, b), applicable)
                    assert key(raw, total, argued) == (key_of(*fields), fields[1])
                    assert key(raw, total, None) in (None, key(raw, total, argued))


def test_support_bits_match_the_definition():
    """An answer argues for a over b only when it favours a most and more than b."""
    from calculator.data import catalogue
    from calculator.decide import compiled

    c = compiled(catalogue())
    for q, options in enumerate(c.effects):
        for p, e in enumerate(options):
            picks = [-1] * len(c.effects)
            picks[q] = p
            weights = [1] * len(c.effects)
            bits = c.argued(picks, weights)
            for a in range(len(c.models)):
                for b in range(len(c.models)):
                    expected = e[a] == max(e) and e[a] > e[b]
                    assert bool(bits >> (a * len(c.models) + b) & 1) == expected
            assert c.argued(picks, [0] * len(c.effects)) == 0
