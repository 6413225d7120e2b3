"""Fields of a result that the page, the memo and the links read (calculator/result.py), checked
against questions.toml: the model version, each gate's, exclusion's and warning's parts with
their sources. Found as survivors by `make mutate`."""

from __future__ import annotations

from calculator import score
from calculator._datafile import read_toml

RAW = read_toml("questions.toml")


def test_a_result_names_the_model_version_it_was_worked_out_by():
    assert score({}).to_dict()["model_version"] == RAW["model_version"]


def test_each_gate_in_a_result_carries_its_step_text_and_sources():
    gates = score({"kind": "business_process", "direction": "us"}).to_dict()["gates"]
    table = next(t for t in RAW["gates"] if t["id"] == "provider_directs")
    assert [g for g in gates if g["id"] == "provider_directs"] == [
        {"id": "provider_directs", "model": m, "step": table["step"], "text": table["text"], "basis": table["basis"]}
        for m in table["models"]]


def test_a_model_outside_the_kind_of_work_is_explained_with_its_sources():
    outside = score({"kind": "build"}).to_dict()["outside"]
    option = next(o for o in RAW["questions"][0]["options"] if o["id"] == "build")
    assert [(x["model"], x["text"], x["basis"]) for x in outside] == [
        (m, option["outside"][m], option["outside_basis"]) for m in ("managed_services", "bpo")]
    page, _, anchor = option["outside_guide"].partition("#")
    assert all(x["guide"]["page"] == page and x["guide"]["anchor"] == anchor for x in outside)


def test_a_warning_in_a_result_names_the_questions_that_raised_it():
    warnings = score({"direction": "us", "lead_capacity": "little"}).to_dict()["warnings"]
    table = next(t for t in RAW["warnings"] if t["id"] == "direct_without_capacity")
    assert [(w["id"], w["text"], w["questions"]) for w in warnings] == [
        ("direct_without_capacity", table["text"], list(table["when"]))]


def _outcome(d) -> tuple:
    """What counts as the same result: the state and its model (or the close call's pair)."""
    if d["state"] == "close_call":
        return "close_call", tuple(sorted(d["combination"]["models"]))
    return d["state"], d["recommendation"] or (d["ranking"][0] if d["ranking"] else None)


def test_the_questions_to_answer_next_are_those_that_could_change_the_result_most():
    """On a provisional result, "answer these next" names up to three unanswered questions:
    weak signals last, then those with the most options that would change the result on their
    own (tried by scoring each option added), then the heavier, then questionnaire order."""
    import random

    from calculator.data import catalogue

    cat = catalogue()
    rng = random.Random(18)
    checked = 0
    for _ in range(45):
        answers = {q.id: rng.choice(q.options).id for q in rng.sample(list(cat.questions), rng.randint(0, 5))}
        weights = {q.id: rng.randint(0, 5) for q in rng.sample(list(cat.questions), 2)} if rng.random() < 0.3 else {}
        d = score(answers, weights).to_dict()
        if d["verdict"] != "provisional":
            assert d["unanswered_priority"] == []
            continue
        now = _outcome(d)
        weight = {q.id: weights.get(q.id, q.weight) for q in cat.questions}
        unanswered = [q for q in cat.questions if q.id not in answers]
        moves = {q.id: sum(_outcome(score({**answers, q.id: o.id}, weights).to_dict()) != now for o in q.options)
                 for q in unanswered}
        order = sorted(unanswered, key=lambda q: (q.weak, -moves[q.id], -weight[q.id], cat.questions.index(q)))
        assert d["unanswered_priority"] == [q.id for q in order[:3]], (answers, weights)
        checked += 1
    assert checked >= 20, checked


def test_a_close_calls_part_counts_an_answer_weighted_1_but_not_one_weighted_0():
    """A close call's combination names, for each side, the part of the work its strongest
    answer describes. Here the only answer with a part that favours managed services is the
    service fee: weighted down to 1 it still counts; weighted 0 it does not, and that side has
    no part to name."""
    answers = {"lead_capacity": "little", "scope_change": "stable", "flexibility": "balance",
               "service_levels": "partly", "process_maturity": "partial", "governance": "partly",
               "integration": "alongside", "consistency": "important", "data": "some", "duration": "medium",
               "pricing": "service_fee"}
    fee = next(o for o in RAW["questions"][15]["options"] if o["id"] == "service_fee")
    light = score(answers, {"pricing": 1}).to_dict()
    assert light["state"] == "close_call" and sorted(light["combination"]["models"]) == ["bpo", "managed_services"]
    assert light["combination"]["parts"]["managed_services"] == fee["part"] == "the work you pay for as a service"
    unweighted = score(answers, {"pricing": 0}).to_dict()
    assert unweighted["state"] == "close_call" and unweighted["combination"]["parts"]["managed_services"] is None


def test_a_result_without_a_recommendation_lists_no_reasons_as_an_empty_list():
    result = score({}).to_dict()
    assert result["state"] == "no_answers" and result["reasons"] == [] and result["against"] == []


def test_a_gated_model_scoring_above_the_recommendation_is_not_a_rival_in_its_reasons():
    """Directing the work yourselves holds managed services back (gate provider_directs), though
    it scores highest here; staff augmentation is recommended, and its reasons are given over
    the models scoring below it (BPO), not over the gated one, which its gate explains."""
    answers = {"kind": "tech_service", "direction": "us", "scope_change": "stable", "flexibility": "predictability",
               "process_maturity": "partial", "integration": "embedded", "operating_model": "keep",
               "judgement": "little", "consistency": "critical", "data": "none", "duration": "ongoing",
               "urgency": "months", "pricing": "sla_linked"}
    result = score(answers).to_dict()
    assert result["recommendation"] == "staff_augmentation"
    assert result["scores"]["managed_services"] > result["scores"]["staff_augmentation"]
    assert any(g["id"] == "provider_directs" and g["model"] == "managed_services" for g in result["gates"])
    assert result["reasons"] and all(r["over"] == ["bpo"] for r in result["reasons"])


def test_a_leaning_result_with_no_runner_up_is_limited_by_its_balance_not_a_margin():
    """Building something: only staff augmentation applies, so there is no runner-up to hold a
    margin over; a medium-confidence leaning result is then limited by how its answers balance."""
    answers = {"kind": "build", "direction": "us", "lead_capacity": "daily", "scope_change": "some",
               "flexibility": "predictability", "service_levels": "yes", "process_maturity": "partial",
               "governance": "partly", "integration": "alongside", "operating_model": "redesign",
               "judgement": "little", "consistency": "critical", "data": "none", "duration": "short",
               "urgency": "months", "pricing": "per_person"}
    result = score(answers).to_dict()
    assert (result["recommendation"], result["runner"], result["verdict"]) == ("staff_augmentation", None, "leaning")
    assert (result["confidence"]["level"], result["confidence"]["limit"]) == ("medium", "balance")
