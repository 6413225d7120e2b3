"""The fields every refusal carries besides its words: `kind`, `field`, `question`, `allowed`.

The page and the command line read these to put the message beside the right field and to
offer the choices there are, so each is checked exactly here (``exc.to_dict()`` whole), for the
errors of the cost figures' shape and of unknown questions and options. The expected values are
written by hand from cost_inputs.toml and questions.toml.
"""

from __future__ import annotations

import pytest

from calculator import CalculatorError, catalogue, check_answers
from calculator.cost import check_cost

GROUPS = "general, staff_augmentation, managed_services, bpo"
# The general group's inputs in the form's order (cost_inputs.toml).
GENERAL_INPUTS = "horizon_months, currency, hour_cost, people, volume, current_monthly_cost"


def _refusal(call, *args) -> CalculatorError:
    with pytest.raises(CalculatorError) as info:
        call(*args)
    return info.value


# --- the shape of the cost figures ----------------------------------------------------------

def test_an_unknown_cost_group_names_itself_as_the_field_and_lists_the_groups():
    """A request with a group the form does not have is told which groups there are, and the
    page can point at the group it sent; a reader would see a garbled list of groups or no
    field to look at if either slipped."""
    exc = _refusal(check_cost, {"colour": {}})
    assert exc.to_dict() == {
        "message": f"unknown cost group 'colour'; the groups are {GROUPS}",
        "kind": "invalid_cost",
        "field": "colour",
    }


def test_an_unknown_cost_group_is_named_by_its_first_40_characters():
    """A long group name is quoted cut to 39 characters and an ellipsis (errors.shown, 40 in
    all) and named as the field by exactly its first 40 characters."""
    name = "g" * 45
    exc = _refusal(check_cost, {name: {}})
    assert exc.to_dict() == {
        "message": f"unknown cost group '{'g' * 39}…'; the groups are {GROUPS}",
        "kind": "invalid_cost",
        "field": "g" * 40,
    }


@pytest.mark.parametrize("value, said", [([1], "a list"), (5, "a number"), ("12", "a string")],
                         ids=["list", "number", "text"])
def test_a_cost_group_that_is_not_an_object_is_refused_at_that_group(value, said):
    """Each group holds figures by name: a group sent as a list, a number or text is refused
    with what it was, at the group, before any figure in it is looked at."""
    exc = _refusal(check_cost, {"general": value})
    assert exc.to_dict() == {
        "message": f"cost group 'general' must be an object of figures, not {said}",
        "kind": "invalid_cost",
        "field": "general",
    }


def test_a_cost_group_sent_as_null_is_an_empty_group():
    """null for a group leaves every figure in it empty (as null does for one figure): the
    page sends it for a section the reader cleared, and it must not be refused."""
    assert check_cost({"general": None, "bpo": None}) == {}
    assert check_cost({"general": None, "managed_services": {"fee_per_month": 900}}) == {
        "managed_services": {"fee_per_month": 900}}


def test_an_unknown_cost_figure_is_named_by_its_group_and_first_40_characters():
    """A figure the group does not have names the group's figures; its field is the group, a
    dot and the first 40 characters of the name sent (the message quotes 39 and an ellipsis)."""
    exc = _refusal(check_cost, {"general": {"x" * 45: 1}})
    assert exc.to_dict() == {
        "message": f"unknown cost input '{'x' * 39}…' in 'general'; the inputs are {GENERAL_INPUTS}",
        "kind": "invalid_cost",
        "field": "general." + "x" * 40,
    }


def test_a_figure_named_by_a_number_is_refused_like_any_unknown_name():
    """A Python caller's figure keyed by a number (JSON keys are always text) gets the same
    refusal as an unknown name, spelled as the number, not a crash or the word None."""
    exc = _refusal(check_cost, {"general": {5: 1}})
    assert exc.to_dict() == {
        "message": f"unknown cost input '5' in 'general'; the inputs are {GENERAL_INPUTS}",
        "kind": "invalid_cost",
        "field": "general.5",
    }


# --- unknown questions and options ------------------------------------------------------------

def test_an_unknown_question_carries_its_id_and_every_known_question():
    """The page lists the questions there are beside an unknown one: the error carries the id
    sent (as `question`) and every question id in questionnaire order (as `allowed`), and the
    message lists them separated by commas."""
    ids = [q.id for q in catalogue().questions]
    assert ids[:3] == ["kind", "direction", "lead_capacity"] and len(ids) == 16
    expected = {
        "message": f"unknown question 'colour'; known questions: {', '.join(ids)}",
        "kind": "unknown_question",
        "question": "colour",
        "allowed": ids,
    }
    assert _refusal(catalogue().question, "colour").to_dict() == expected
    assert _refusal(check_answers, {"colour": "red"}).to_dict() == expected


def test_an_unknown_question_sent_as_a_number_is_named_as_text():
    """`question` is always text: a question id sent as 7 is named '7', never 'None'."""
    exc = _refusal(catalogue().question, 7)
    assert exc.question == "7" and exc.kind == "unknown_question"
    assert exc.message.startswith("unknown question 7; known questions: kind, direction, ")


def test_an_unknown_option_carries_its_question_and_the_options_there_are():
    """An answer that is not one of the question's options names the question and offers its
    options, in order (direction: us, shared, provider), so the page can show the choices."""
    expected = {
        "message": "unknown option 'sideways' for question 'direction'; allowed options: us, shared, provider",
        "kind": "unknown_option",
        "question": "direction",
        "allowed": ["us", "shared", "provider"],
    }
    assert _refusal(catalogue().question("direction").option, "sideways").to_dict() == expected
    assert _refusal(check_answers, {"direction": "sideways"}).to_dict() == expected


@pytest.mark.parametrize("answers, message", [
    ({"it's" + "q" * 60: "x"}, 'unknown question "it\'s' + "q" * 35 + '…"; known questions: '),
    ({"kind": "it's" + "q" * 60}, 'unknown option "it\'s' + "q" * 35 + '…" for question \'kind\'; '),
], ids=["question", "option"])
def test_a_long_value_with_an_apostrophe_is_cut_like_any_other(answers, message):
    """Python quotes a value holding an apostrophe in double quotes; such a value is still cut to
    39 characters and an ellipsis (errors.MAX_SHOWN), not quoted whole into the message."""
    from calculator import score

    exc = _refusal(score, answers)
    assert exc.message.startswith(message)
