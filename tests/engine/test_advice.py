"""Advice that fits the work (issue 17): the rules of calculator/decide.py checked over generated
answer sets and weights, and over the data, not only on the examples they were written from.

Each property states a rule of the decide.py docstring and fails on the engine before it (which
fell back to whichever model was left, however badly it fitted).
"""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import catalogue, score
from calculator.api import handle
from calculator.decide import compiled, decide
from calculator.render import render_markdown, render_text
from calculator.view import result_view

CAT = catalogue()
C = compiled(CAT)
PROVIDER_MODELS = {"managed_services", "bpo"}
answer_sets = st.fixed_dictionaries({}, optional={q.id: st.sampled_from([o.id for o in q.options]) for q in CAT.questions})
weight_sets = st.fixed_dictionaries({}, optional={q.id: st.integers(0, 5) for q in CAT.questions})
# Mostly complete answer sets, as the exhaustive enumeration in bench/ counts them.
full_sets = st.fixed_dictionaries({q.id: st.sampled_from([o.id for o in q.options]) for q in CAT.questions})
SETTINGS = settings(max_examples=300, deadline=None)


def _exact(answers, weights):
    """The engine's outcome on exact numbers: raw totals, total weight, the models that fit."""
    w = [weights.get(q.id, q.weight) for q in CAT.questions]
    picks = C.picks(answers)
    raw = C.raw(picks, w)
    total = sum(w)
    o = decide(C, picks, w, raw=raw, total_weight=total)
    return o, raw, total


def _scorable(weights):
    return sum(weights.get(q.id, q.weight) for q in CAT.questions) > 0


def _check(answers, weights):
    if not _scorable(weights):
        return
    r = score(answers, weights)
    o, raw, total = _exact(answers, weights)
    index = {m: i for i, m in enumerate(C.models)}
    applies = set(CAT.applicable(answers))
    fits = {m for m in applies if raw[index[m]] * 25 > (CAT.thresholds.fits_above - 50) * total}
    proposed = set()
    if r.recommendation:
        proposed.add(r.recommendation)
    if r.combination:
        proposed.update(r.combination["models"])
    # 1. Nothing is proposed, now or later, that does not apply or that the answers argue against.
    assert proposed <= fits & set(r.ready), (answers, weights, r.scores)
    if r.later:
        assert r.later["model"] in fits - set(r.ready)
    if proposed:
        assert all(r.scores[m] > CAT.thresholds.fits_above for m in proposed)
    # 2. Without a ready model that fits: not ready exactly when a gated one fits, else no fit.
    if answers and not proposed:
        assert r.state == ("not_ready" if fits - set(r.ready) else "no_fit")
        if r.state == "not_ready":
            assert r.first_step["model"] in fits - set(r.ready)
            interim = r.first_step["interim"]
            if interim:
                assert interim["model"] in r.ready and interim["step"] in r.first_step["steps"]
    # 3. The best ready model that fits is the one proposed (ties by the tie-break order).
    if fits & set(r.ready):
        best = min(fits & set(r.ready), key=lambda m: (-raw[index[m]], CAT.tie_break.index(m)))
        assert best in proposed
    # 4. Headline and confidence never disagree; a tie is called a tie; "for now" is never high.
    if r.verdict == "clear":
        assert r.confidence["level"] in ("medium", "high")
    if r.verdict == "for_now":
        assert r.confidence["level"] != "high"
    if r.state == "recommend" and r.verdict not in ("provisional", "for_now"):
        assert (r.verdict == "tie") == (o.margin == 0)
    # 5. What points away names only models that apply and that the answer favours most.
    for row in r.against:
        q = CAT.question(row["question"])
        effects = q.option(row["option"]).effects
        for m in row["favours"]:
            assert m in applies and effects[m] == max(effects.values()) and effects[m] > effects[r.recommendation]
    # 6. "Answer these next" puts weak signals last; "what would change it" never changes the work.
    weak = [CAT.question(q).weak for q in r.unanswered_priority]
    assert weak == sorted(weak)
    for change in r.what_would_change["answer_changes"]:
        assert change["from"] is None or CAT.question(change["question"]).lever
    # 7. Every output renders.
    view = result_view(r)
    assert view["headline"] and render_text(r) and render_markdown(r, "https://example.org/")


@given(answer_sets, weight_sets)
@SETTINGS
def test_partial_answers_with_weights_get_advice_that_fits_the_work(answers, weights):
    _check(answers, weights)


@given(full_sets)
@SETTINGS
def test_complete_answers_get_advice_that_fits_the_work(answers):
    _check(answers, {})


def test_bpo_is_never_proposed_for_a_build_or_a_technical_service():
    """BPO hands over a business process: for a build or a technical service it is never the
    recommendation, half of a close call, what fits later, or where a change would lead."""
    for kind in ("build", "tech_service"):
        assert "bpo" not in CAT.applicable({"kind": kind})
    rng = __import__("random").Random(17)
    for _ in range(400):
        answers = {q.id: rng.choice(q.options).id for q in CAT.questions}
        answers["kind"] = rng.choice(["build", "tech_service"])
        r = score(answers)
        named = {r.recommendation, *(r.combination or {}).get("models", []), (r.later or {}).get("model")}
        assert "bpo" not in named
        for change in r.what_would_change["answer_changes"]:
            assert change["recommendation"] != "bpo" and "bpo" not in (change["pair"] or [])


def test_the_pricing_preference_never_changes_which_models_apply():
    """Per-transaction pricing on an IT service desk does not bring BPO in (it used to make a
    close call between managed services and BPO)."""
    desk = {"kind": "tech_service", "direction": "provider", "lead_capacity": "reviews", "scope_change": "stable",
            "flexibility": "predictability", "service_levels": "yes", "process_maturity": "documented",
            "governance": "yes", "integration": "arms_length", "judgement": "little", "consistency": "critical",
            "duration": "ongoing"}
    for option in CAT.question("pricing").options:
        r = score({**desk, "pricing": option.id})
        assert r.recommendation == "managed_services" and not r.close_call


def test_a_build_a_provider_would_run_points_to_a_project_not_to_bpo():
    """Today's engine recommended BPO (scoring 28.8) for this build with confidence 'high'."""
    build = {"kind": "build", "direction": "provider", "lead_capacity": "little", "scope_change": "likely",
             "duration": "medium"}
    r = score(build)
    assert r.recommendation is None and "bpo" not in (r.later or {}).values()
    assert "project_delivery" in {p["id"] for p in r.pointers}
    assert {x["model"] for x in r.outside} == {"managed_services", "bpo"}


def test_gates_hold_back_every_provider_model_alike_unless_the_data_says_why_not():
    """Every gate on one model in which the provider directs the work holds back the other too,
    or names it as tolerated with its reason (questions.toml [[gates]])."""
    by_id = {}
    for g in CAT.gates:
        by_id.setdefault(g.id, set()).add(g.model)
    for gate_id, models in by_id.items():
        gate = next(g for g in CAT.gates if g.id == gate_id)
        if models & PROVIDER_MODELS:
            assert PROVIDER_MODELS <= models | set(gate.tolerated), gate_id
            assert all(gate.tolerated.values()) and (not gate.tolerated or gate.tolerated_basis)


def test_each_model_needs_what_it_hands_over():
    """The handover conditions of the gates' comment: undocumented work and fluid work without
    targets hold back both provider models; leads who can only review hold back staff
    augmentation; wanting to direct holds back both provider models."""
    def held(answers):
        return {g.model for g in CAT.gates if g.fires(answers)}
    assert held({"process_maturity": "undocumented"}) == PROVIDER_MODELS
    assert held({"scope_change": "likely", "service_levels": "no"}) == PROVIDER_MODELS
    assert held({"governance": "no"}) == PROVIDER_MODELS
    assert held({"direction": "us"}) == PROVIDER_MODELS
    assert held({"lead_capacity": "reviews"}) == held({"lead_capacity": "little"}) == {"staff_augmentation"}
    assert held({"direction": "provider"}) == {"staff_augmentation"}
    assert held({"judgement": "much"}) == {"bpo"}


def test_the_all_equal_two_gated_answers_no_longer_crash():
    """Three equal totals with two models gated raised TypeError in verdict (margin None)."""
    reply = handle('{"op": "score", "share": "v2d3s1l3p2i2o2j3n2r3"}')
    assert '"ok": true' in reply
    r = score({"direction": "provider", "scope_change": "likely", "service_levels": "no",
               "process_maturity": "partial", "integration": "alongside", "operating_model": "improve",
               "judgement": "little", "consistency": "important", "pricing": "per_unit"})
    assert r.state == "not_ready" and result_view(r)["headline"]


def test_every_combination_of_the_gate_and_kind_answers_gives_advice_that_fits():
    """Every combination of the answers that fire gates or decide which models apply, with the
    other questions at each of their options in turn (a slice of the exhaustive enumeration
    that bench/recommendation_shares.py runs in full)."""
    deciding = sorted({q for g in CAT.gates for q in g.when} | {CAT.kind_question.id},
                      key=[q.id for q in CAT.questions].index)
    others = [q for q in CAT.questions if q.id not in deciding]
    checked = 0
    for combo in itertools.product(*[[o.id for o in CAT.question(q).options] for q in deciding]):
        for i in range(3):
            answers = dict(zip(deciding, combo))
            answers.update({q.id: q.options[min(i, len(q.options) - 1)].id for q in others})
            o, raw, total = _exact(answers, {})
            if o.leader is not None:
                assert o.leader in o.fits and o.leader in o.applicable and o.leader not in o.gated
                assert raw[o.leader] > 0
            if o.pair:
                assert set(o.pair) <= o.fits - o.gated
            checked += 1
    assert checked == 3 ** (len(deciding)) * 3


def test_an_older_link_says_when_its_advice_changed():
    """A v2 link made when the engine fell back to managed services for an undocumented process
    opens with a note that the advice changed; one whose advice did not change has no note."""
    import json

    # v2 codes, as the calculator wrote them before this version: kind k, direction d, lead time c,
    # scope s, service levels l, process p, owner g, judgement j, duration t.
    changed = "v2k3d3c2s3l1p3g1j3t3"  # provider-run business process, undocumented
    reply = json.loads(handle(json.dumps({"op": "score", "share": changed})))
    assert reply["result"]["state"] == "not_ready"
    assert ("The advice for these answers has changed since this link was made: it was Managed services. "
            "See how the calculator decides on the method page.") in reply["link"]["notes"]
    same = "v2k1d1c1s1"  # a build the team directs: staff augmentation then and now
    notes = json.loads(handle(json.dumps({"op": "score", "share": same})))["link"]["notes"]
    assert not [n for n in notes if n.startswith("The advice for these answers has changed")]
    fresh = json.loads(handle(json.dumps({"op": "score", "answers": {"kind": "business_process", "process_maturity": "undocumented"}})))
    new_link = json.loads(handle(json.dumps({"op": "score", "share": fresh["share"]})))
    assert not [n for n in new_link["link"]["notes"] if n.startswith("The advice")]


def test_links_made_before_the_data_question_open_with_it_unanswered():
    """The regulated-data question is new: an older link has no answer to it."""
    from calculator import decode_share

    shared = decode_share("v2k1d1c1s1")
    assert "data" not in shared.answers and score(shared.answers).recommendation == "staff_augmentation"


def test_an_interim_option_serves_the_first_step_and_says_it_is_interim():
    """Not ready, a process to document, and people you could direct: the result offers them
    for the groundwork, worded as interim; with no lead to direct them, it offers nothing."""
    answers = {"kind": "business_process", "direction": "shared", "lead_capacity": "daily", "scope_change": "stable",
               "service_levels": "yes", "process_maturity": "undocumented", "governance": "yes",
               "integration": "arms_length", "judgement": "little", "consistency": "critical", "duration": "ongoing"}
    r = score(answers)
    assert r.state == "not_ready" and r.first_step["model"] == "bpo"
    assert r.first_step["interim"]["model"] == "staff_augmentation" and r.first_step["interim"]["step"] == "document_process"
    outcome = result_view(r)["outcome"]
    assert "write the process down" in outcome and "That is an interim step, not the answer to the work itself." in outcome
    assert score({**answers, "lead_capacity": "little"}).first_step["interim"] is None
