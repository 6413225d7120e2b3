"""The one result view: every state worded once, cautions only for proposed models."""

import pytest

from calculator import decode_share, result_view, score
from tests.scenarios import BY_ID as SCENARIOS


def view(answers, weights=None, notes=()):
    return result_view(score(answers, weights), notes)


def sections(v):
    return {s["id"]: s for s in v["sections"]}


@pytest.mark.parametrize(
    "scenario, headline",
    [
        ("no-answers", "No recommendation yet"),
        ("one-answer-direct", "Provisional: staff augmentation leads so far"),
        ("gated-bpo-ms-now", "Managed services now; BPO once the rule-based part is separated from the judgement"),
        ("tie-ms-bpo", "Managed services and BPO tie; managed services is the easier to reverse"),
        ("sparse-gate-only", "No model fits your answers so far"),
        ("build-never-bpo", "None of the three models fits your answers as they stand"),
        ("sa-textbook", "Staff augmentation: the one model of the three for this kind of work, 39.0 points above an even balance"),
        ("not-ready-everything-gated", "No model is ready yet: first, name an owner for the relationship"),
        ("close-build-then-run", "Close call between staff augmentation and managed services"),
    ],
)
def test_each_state_has_its_headline(scenario, headline):
    """The headline says what to act on, in words, for every kind of outcome."""
    assert view(SCENARIOS[scenario]["answers"])["headline"] == headline


def test_a_clear_fit_headline_gives_the_margin():
    """A clear fit names the model and how far ahead it is."""
    v = view(SCENARIOS["bpo-textbook"]["answers"])
    assert v["headline"].startswith("BPO: a clear fit (") and v["headline"].endswith(" points ahead)")
    assert v["verdict_label"] == "clear fit" and v["recommendation_attr"] == "bpo"


def test_a_close_call_is_worded_from_what_split_the_two_models():
    """The combination follows from the answers: scope still moving vs work held to service levels."""
    v = view(SCENARIOS["close-build-then-run"]["answers"])
    assert v["recommendation_attr"] == "hybrid"
    assert v["outcome"] == ("Consider splitting the work: staff augmentation for the work whose scope is "
                            "still moving, managed services for the technical service.")
    assert {"favours-staff_augmentation", "favours-managed_services"} <= set(sections(v))


def test_no_answers_has_no_recommendation_and_no_combination():
    """Nothing answered: no model, no combination, no confidence, no 'what would change it'."""
    v = view({})
    assert v["recommendation_attr"] == "none" and v["confidence"] is None and v["sections"] == []


def test_gate_steps_are_shown_only_for_the_model_proposed_later():
    """A gated model that scores below the recommendation gets no caution in the result."""
    later = view(SCENARIOS["gated-bpo-ms-now"]["answers"])
    steps = sections(later)["steps"]
    assert steps["title"] == "What BPO is waiting for"
    assert steps["items"][0]["guide"] == {"url": "readiness/#judgement-work"}
    roadmap = view(SCENARIOS["sa-roadmap-team"]["answers"])   # MS and BPO gated, far behind
    assert "steps" not in sections(roadmap)
    assert all(row["status"] != "later" for row in roadmap["scores"])


def test_gated_scores_say_what_they_wait_for():
    """Each gated model's score row notes the step it is waiting for."""
    v = view(SCENARIOS["not-ready-everything-gated"]["answers"])
    notes = {row["model"]: row["note"] for row in v["scores"]}
    assert notes["managed_services"] == "not ready: name an owner for the relationship"
    assert notes["staff_augmentation"].startswith("not ready: ")


def test_what_would_change_it_says_so_plainly_when_nothing_would():
    """When no single answer or weight change would alter the outcome, the view says so."""
    items = [i["text"] for i in sections(view(SCENARIOS["bpo-textbook"]["answers"]))["changes"]["items"]]
    assert "No single change to how much a question counts would change it." in items


def test_what_would_change_it_shows_the_nearest_answer_and_weight_change():
    """A close call lists answer changes and the nearest weight change, in sentences."""
    items = [i["text"] for i in sections(view(SCENARIOS["close-build-then-run"]["answers"]))["changes"]["items"]]
    assert any(t.startswith("If “") and "” were “" in t for t in items)
    assert any(" counted " in t and " instead of " in t for t in items)


def test_a_provisional_result_names_the_questions_to_answer_next():
    """Few answers: the view lists the unanswered questions that matter most, with guide links."""
    next_up = sections(view({"direction": "us"}))["next"]
    assert len(next_up["items"]) == 3 and all(i["guide"] for i in next_up["items"])


def test_an_old_link_says_its_answers_were_carried_over():
    """A v1 link's notes appear in the result, once."""
    shared = decode_share("v1k1d1")
    v = result_view(score(shared.answers, shared.weights), shared.notes)
    link = sections(v)["link"]
    assert link["items"][0]["text"].startswith("This link was made with an earlier version")
    assert link["items"][1]["text"] == shared.notes[0]


def test_confidence_sentence_states_both_robustness_figures_and_the_limit():
    """The confidence sentence gives the answered count, both figures, and what limits it."""
    text = view({"direction": "us"})["confidence"]
    assert text.startswith("Confidence: low. 1 of 16 questions answered; the result holds for ")
    assert ("of the answers you have not given and in 100% of trials in which each question counts "
            "a little more or less.") in text
    assert text.endswith("Answer at least 6 questions for a firm result.")
