"""Share codes: short, URL-safe, versioned, and clear about what is wrong with a bad one."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import CalculatorError, catalogue, check_answers, check_weights, decode_share, encode_share, open_link
from calculator.share import MAX_SHARE_LENGTH, READER

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
    assert re.fullmatch(r"v3[A-Za-z0-9]*-[A-Za-z0-9]{4}", code) and len(code) <= 75
    shared = decode_share(code)
    assert (shared.answers, shared.weights, shared.version, shared.notes) == (answers, weights, 3, [])


def test_a_full_set_of_answers_fits_in_a_short_code():
    """Every answer takes two characters, plus five for the check."""
    answers = {q.id: q.options[0].id for q in QUESTIONS}
    assert len(encode_share(answers)) == 2 + 2 * len(QUESTIONS) + 5


@pytest.mark.parametrize(
    "code, kind, words, reader",
    [
        ("", "bad_share", "empty", "empty"),
        ("k1d1", "bad_version", "start with a version", "not_ours"),
        ("v4k1", "bad_version", "version 4 is not supported", "version"),
        ("v2z1", "unknown_question", "unknown question key 'z'", "damaged"),
        ("v2d9", "unknown_option", "option 9 does not exist for question 'direction'", "damaged"),
        ("v2d1d2", "bad_share", "answers 'direction' twice", "damaged"),
        ("v2d", "bad_share", "followed by the end of the link", "damaged"),
        ("v2d1<", "bad_share", "unexpected character '<'", "damaged"),
        ("v2d1Wd8", "invalid_weights", "weight 8 for 'direction' is out of range", "damaged"),
        ("v2" + "d1" * 300, "too_long", f"at most {MAX_SHARE_LENGTH}", "too_long"),
    ],
)
def test_a_mangled_code_names_what_is_wrong_twice_over(code, kind, words, reader):
    """Each kind of damage gives the engine's error: a precise message for developers and a
    sentence for the person who only clicked the link."""
    with pytest.raises(CalculatorError) as info:
        decode_share(code)
    assert info.value.kind == kind
    assert words in str(info.value) and str(info.value).startswith("share link: ")
    assert info.value.reader == READER[reader].format(version=4)
    assert not re.search(r"'[a-z_]+'", info.value.reader) and "share link" not in info.value.reader


def test_unknown_option_error_lists_the_allowed_options():
    """The error carries the question and its option ids for the interface to show."""
    with pytest.raises(CalculatorError) as info:
        decode_share("v2d7")
    assert info.value.question == "direction"
    assert info.value.allowed == ["us", "shared", "provider"]


def test_a_page_address_with_two_answer_parts_is_refused_in_words():
    """`?answers=a&answers=b` is one mistake, explained to the reader; one part is read."""
    assert open_link(["v2d1"]).answers == {"direction": "us"}
    with pytest.raises(CalculatorError) as info:
        open_link(["v2d1", "v2d2"])
    assert info.value.reader == "This link holds 2 sets of answers, and a calculator link holds one."
