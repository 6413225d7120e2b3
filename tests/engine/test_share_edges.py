"""Edges of the link grammar (calculator/share.py): how many version digits are read, which
characters can be question keys, what an old v1 link does with a stray character, and the
question an error names. Each expected message is written by hand."""

from __future__ import annotations

import pytest

from calculator import CalculatorError, decode_plan, decode_share

DAMAGED = "The answers in this link are damaged: part of it may have been cut off or changed when it was copied."
NOT_OURS = "This link's answers are not in a form the calculator makes."
PLAN_NOT_OURS = "This plan link is not in a form the calculator makes."
NOT_WRITTEN = "is not written the way the calculator writes versions"


def _refusal(call, text) -> CalculatorError:
    with pytest.raises(CalculatorError) as info:
        call(text)
    return info.value


# --- version digits: four are read as a number, five or more are refused ------------------------

def test_a_four_digit_version_is_read_as_a_version_this_site_does_not_know():
    """'v1234' is how the calculator would write version 1234: the reader is told the link is
    from a version this page does not know, not that it is malformed."""
    exc = _refusal(decode_share, "v1234d1")
    assert (exc.kind, exc.message, exc.reader) == (
        "bad_version", "share link: version 1234 is not supported; this site reads versions 1 to 3",
        "This link was made by a version of the calculator this page does not know (version 1234).")
    plan_exc = _refusal(decode_plan, "p1234*x")
    assert (plan_exc.kind, plan_exc.message) == ("bad_version", "plan link: version 1234 is not supported")


@pytest.mark.parametrize("text, quoted", [
    ("v12345d1", "v12345"),      # five digits: read, then refused for their number
    ("v123456d1", "v12345"),     # six: the reading stops after the fifth digit
    ("v1234567", "v12345"),
])
def test_five_or_more_version_digits_are_refused_quoting_the_first_five(text, quoted):
    """The version is read up to five digits (one more than any version the calculator
    writes), so the message quotes at most 'v' and five digits, whatever follows."""
    exc = _refusal(decode_share, text)
    assert (exc.kind, exc.message, exc.reader) == (
        "bad_version", f"share link: its version '{quoted}' {NOT_WRITTEN}", NOT_OURS)


def test_a_plan_link_without_a_version_is_shown_the_plan_format():
    """A plan link is told its versions start with 'p' and the planner's own version, 2 (not
    the calculator's 3)."""
    for text in ("x", "P2*1", "p*1"):
        exc = _refusal(decode_plan, text)
        assert (exc.kind, exc.message, exc.reader) == (
            "bad_version", "plan link: it must start with a version such as 'p2'", PLAN_NOT_OURS), text
    exc = _refusal(decode_plan, "p12345*x")
    assert exc.message == f"plan link: its version 'p12345' {NOT_WRITTEN}"


# --- question keys are lower-case letters only ------------------------------------------------

@pytest.mark.parametrize("code, character, position", [
    ("v2d1Z1", "Z", 5), ("v2_1", "_", 3), ("v2Y1", "Y", 3), ("v2d1`1", "`", 5),
], ids=["Z", "underscore", "Y", "backtick"])
def test_a_character_between_upper_and_lower_case_is_no_question_key(code, character, position):
    """'Y', 'Z', '_' and '`' sort between the upper-case section letters and 'a': among the
    answers each is an unexpected character, not an unknown question key (which would tell
    the reader a question is missing)."""
    exc = _refusal(decode_share, code)
    assert (exc.kind, exc.message, exc.reader) == (
        "bad_share", f"share link: unexpected character '{character}' at position {position}", DAMAGED)


def test_a_v1_link_with_a_stray_character_after_its_answers_is_refused():
    """v1 links are read to their end: an 'X' (or any character that is no key) after the
    answers is damage, never silently dropped."""
    assert decode_share("v1d1").answers == {"direction": "us"}
    for code, character in (("v1d1X", "X"), ("v1d1C", "C")):
        exc = _refusal(decode_share, code)
        assert (exc.kind, exc.message, exc.reader) == (
            "bad_share", f"share link: unexpected character '{character}' at position 5", DAMAGED)


def test_a_question_key_without_its_digit_names_the_question():
    """A key followed by something other than a digit names the question it belongs to, so
    the page can say which answer was lost."""
    for code, what in (("v2dx", "'x'"), ("v2k1d", "the end of the link")):
        exc = _refusal(decode_share, code)
        assert exc.to_dict() == {
            "message": f"share link: question 'direction' is followed by {what} instead of a digit",
            "kind": "bad_share",
            "question": "direction",
            "reader": DAMAGED,
        }
