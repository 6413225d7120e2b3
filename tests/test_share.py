"""Share codes: short, URL-safe, versioned, and clear about what is wrong with a bad one."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import CalculatorError, catalogue, check_answers, check_weights, decode_share, encode_share

QUESTIONS = catalogue().questions
answer_sets = st.fixed_dictionaries(
    {}, optional={q.id: st.sampled_from([o.id for o in q.options]) for q in QUESTIONS}
)
weight_sets = st.fixed_dictionaries({}, optional={q.id: st.integers(0, 5) for q in QUESTIONS})


@given(answer_sets, weight_sets)
@settings(max_examples=300, deadline=None)
def test_encode_then_decode_gives_back_the_answers_and_weights(answers, weights):
    """Any valid answers and weight overrides survive the round trip exactly."""
    answers, weights = check_answers(answers), check_weights(weights)
    code = encode_share(answers, weights)
    assert re.fullmatch(r"[A-Za-z0-9]+", code) and len(code) <= 60
    assert decode_share(code) == (answers, weights)


def test_a_full_set_of_answers_fits_in_a_short_code():
    """All thirteen answers take under 30 characters."""
    answers = {q.id: q.options[0].id for q in QUESTIONS}
    assert len(encode_share(answers)) < 30


@pytest.mark.parametrize(
    "code, kind, words",
    [
        ("", "bad_share", "empty"),
        ("k1d1", "bad_version", "start with a version"),
        ("v2k1", "bad_version", "version 2 is not supported"),
        ("v1z1", "unknown_question", "unknown question key 'z'"),
        ("v1d9", "unknown_option", "option 9 does not exist for question 'direction'"),
        ("v1d1d2", "bad_share", "answers 'direction' twice"),
        ("v1d", "bad_share", "followed by nothing"),
        ("v1d1<", "bad_share", "unexpected character '<'"),
        ("v1d1Wd8", "invalid_weights", "weight 8 for 'direction' is out of range"),
        ("v1" + "d1" * 200, "bad_share", "at most 200"),
    ],
)
def test_a_mangled_code_names_what_is_wrong(code, kind, words):
    """Each kind of damage gives the engine's own error, with a message naming the problem."""
    with pytest.raises(CalculatorError) as info:
        decode_share(code)
    assert info.value.kind == kind
    assert words in str(info.value)
    assert str(info.value).startswith("share link: ")


def test_unknown_option_error_lists_the_allowed_options():
    """The error carries the question and its option ids for the interface to show."""
    with pytest.raises(CalculatorError) as info:
        decode_share("v1d7")
    assert info.value.question == "direction"
    assert info.value.allowed == ["us", "shared", "provider"]
