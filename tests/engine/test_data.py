"""The question data: complete, consistent, sourced, and checked loudly when it is not."""

import copy
import tomllib
from importlib.resources import files

import pytest

from calculator import CalculatorError, catalogue
from calculator.data import Guide, parse_catalogue

RAW = tomllib.loads(files("calculator").joinpath("questions.toml").read_text())
CAT = catalogue()


def test_model_ids_are_exactly_the_three_models():
    """Model ids are the public contract used by the site and the browser."""
    assert CAT.model_ids == ("staff_augmentation", "managed_services", "bpo")


def test_question_count_keeps_the_form_to_two_minutes():
    """Between 12 and 16 questions, each with at most five short options."""
    assert 12 <= len(CAT.questions) <= 16
    for q in CAT.questions:
        assert len(q.options) <= 5
        assert len(q.prompt.split()) <= 14, q.id
        assert all(len(o.label.split()) <= 14 for o in q.options), q.id


def test_the_sources_deciding_questions_and_missing_factors_are_asked():
    """Ellison's four deciding questions are core; speed, judgement and visibility are asked."""
    core = {q.id for q in CAT.questions if q.core}
    assert core == {"direction", "lead_capacity", "scope_change", "flexibility"}
    ids = {q.id for q in CAT.questions}
    assert {"urgency", "judgement", "integration"} <= ids


def test_kind_of_work_describes_the_work_not_the_model_or_its_duration():
    """The first question's options name work (build, technical service, business process),
    read right for operations as well as IT, and mention neither a model nor a duration."""
    kind = CAT.question("kind")
    assert [o.id for o in kind.options] == ["build", "tech_service", "business_process"]
    labels = " ".join(o.label.lower() for o in kind.options)
    for word in ("team", "staff", "outsourc", "provider", "month", "year", "ongoing"):
        assert word not in labels
    assert all(word in labels for word in ("customer support", "payroll", "it operations"))


def test_lead_capacity_does_not_presume_staff_augmentation():
    """The capacity question asks about time for outside help in general, not about managing extra staff."""
    q = CAT.question("lead_capacity")
    assert "extra people" not in q.prompt and "manage" not in q.prompt.lower()


def test_every_option_effect_has_a_written_rationale_and_a_source():
    """Each option says why its effects are what they are and on which source (or our judgement)."""
    for q in CAT.questions:
        assert q.prompt.endswith("?") and q.help and q.note and q.sources
        for o in q.options:
            assert o.label and o.reason and len(o.why.split()) >= 6 and o.basis, (q.id, o.id)


def test_middle_options_are_no_vote_for_a_single_model():
    """On a scale, an option that is neither first nor last never favours one model alone: it
    is neutral or gives the same top effect to two models. (Kinds of work or of pricing are
    not a scale, and have no middle.)"""
    for q in CAT.questions:
        if q.categories:
            continue
        for o in q.options[1:-1]:
            best = max(o.effects.values())
            favoured = [m for m, e in o.effects.items() if e == best]
            assert best <= 0 or len(favoured) >= 2, (q.id, o.id, dict(o.effects))


def test_the_sources_directions_hold_in_the_effects():
    """Directions the articles state: SLA-linked pricing counts for managed services and BPO alike;
    an undocumented process adds nothing to staff augmentation."""
    sla = CAT.question("pricing").option("sla_linked").effects
    assert sla["managed_services"] == sla["bpo"] > 0
    assert CAT.question("process_maturity").option("undocumented").effects["staff_augmentation"] <= 0


def test_every_gate_names_a_step_with_a_readiness_guide_and_a_source():
    """Gates are data: model, triggering answers, the step that lifts them, and their basis."""
    assert {g.step for g in CAT.gates} == {s.id for s in CAT.steps}
    for gate in CAT.gates:
        assert gate.model in CAT.model_ids and gate.when and gate.text and gate.basis
    assert {s.guide.page for s in CAT.steps} <= {"readiness.md", "how-to-choose.md"}


def test_share_keys_are_unique_and_stable_in_shape():
    """Share links depend on one-letter question keys and one-digit option keys."""
    keys = [q.key for q in CAT.questions]
    assert len(keys) == len(set(keys))
    assert all(len(o.key) == 1 and o.key.isdigit() for q in CAT.questions for o in q.options)


def test_guide_url_follows_directory_urls():
    """Guide links become the site's directory-style URLs."""
    assert Guide.parse("how-to-choose.md#who-directs").url == "how-to-choose/#who-directs"
    assert Guide.parse("compare/all-three.md#combining-models").url == "compare/all-three/#combining-models"


def _question(raw, qid):
    return next(q for q in raw["questions"] if q["id"] == qid)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: d["questions"][0]["options"][0]["effects"].update(bpo=3), "effect on bpo must be a whole number from -2 to 2"),
        (lambda d: d["questions"][0].update(weight=9), "weight must be a whole number from 0 to 5"),
        (lambda d: d["questions"][1].update(key="k"), "question key 'k' is used twice"),
        (lambda d: d["warnings"][0]["when"].update(colour="red"), "unknown question 'colour'"),
        (lambda d: d["gates"][0].update(models=["outsourcing"]), "'models' must list one or more model ids"),
        (lambda d: d["gates"][5].update(tolerated={"bpo": "why not"}), "'tolerated' must say"),
        (lambda d: d["questions"][0]["options"][0].update(applies=["bpo", "bpo"]), "'applies' must list"),
        (lambda d: d["questions"][0]["options"][1].pop("outside"), "'outside' must be a dict"),
        (lambda d: d["questions"][1]["options"][0].update(applies=["staff_augmentation", "managed_services", "bpo"]), "'applies' must be on every option"),
        (lambda d: d["thresholds"].update(fits_above=100.0), "fits_above must be a score"),
        (lambda d: d.update(interim_model="temps"), "interim_model: unknown model 'temps'"),
        (lambda d: d["gates"][6]["when"].update(lead_capacity=["reviews"]),
         "answering 'lead_capacity' with 'reviews' instead of 'little' moves towards staff_augmentation"),
        (lambda d: d["gates"][0].update(step="pray"), "unknown step 'pray'"),
        (lambda d: d["questions"][0].update(guide="how-to-choose"), "must look like 'page.md#anchor'"),
        (lambda d: d.update(tie_break=["bpo"]), "tie_break must list every model exactly once"),
        (lambda d: d["questions"][0]["options"][0].update(basis=["hearsay"]), "unknown source 'hearsay'"),
        (lambda d: d["questions"][0]["options"][0].update(why=" "), "'why' is empty"),
        (lambda d: d["steps"].append({"id": "pray", "label": "Pray", "once": "once prayed",
                                      "guide": "readiness.md#checklist"}), "steps never used by a gate: pray"),
        # A gate triggered by the answer most in the gated model's favour would make "more in
        # favour" mean "not ready".
        (lambda d: d["gates"][0].update(when={"direction": "provider"}), "moves towards managed_services"),
    ],
)
def test_bad_data_is_refused_with_a_message_naming_the_mistake(mutate, message):
    """A mistake in questions.toml stops loading with a message that says where it is."""
    raw = copy.deepcopy(RAW)
    mutate(raw)
    with pytest.raises(CalculatorError, match="questions.toml") as info:
        parse_catalogue(raw)
    assert message in str(info.value)
