"""Every way a calculator link can be damaged, with the exact words each gives: the message (for
developers: what is wrong, where) and the reader's sentence (for someone who only clicked it).

The expected words are written here by hand, one literal per case; when a message is reworded
on purpose, update its line.
"""

from __future__ import annotations

import pytest

from calculator import CalculatorError, decode_share, encode_share, open_link

DAMAGED = "The answers in this link are damaged: part of it may have been cut off or changed when it was copied."
NOT_OURS = "This link's answers are not in a form the calculator makes."

CASES = [
    # code, kind, message (after "share link: "), reader
    ("v2z1", "unknown_question", "unknown question key 'z' at position 3", DAMAGED),
    ("v2D1", "bad_share", "unexpected character 'D' at position 3", DAMAGED),
    ("v2dx", "bad_share", "question 'direction' is followed by 'x' instead of a digit", DAMAGED),
    ("v2d", "bad_share", "question 'direction' is followed by nothing instead of a digit", DAMAGED),
    ("v2d7", "unknown_option", "option 7 does not exist for question 'direction' (options 1-3)", DAMAGED),
    ("v2r9", "unknown_option", "option 9 does not exist for question 'pricing' (options 1-5)", DAMAGED),
    ("v2d1d2", "bad_share", "it answers 'direction' twice", DAMAGED),
    ("v2Wd1d2", "bad_share", "it sets the weight of 'direction' twice", DAMAGED),
    ("v2Wd6", "invalid_weights", "weight 6 for 'direction' is out of range (0-5)", DAMAGED),
    ("v2k1Cz5", "bad_share", "unknown general cost figure 'z' at position 6", DAMAGED),
    ("v2Cp", "bad_share", "the general figure 'people' is followed by nothing instead of a number", DAMAGED),
    ("v2Cp1.2.3", "bad_share", "the general figure 'people' is followed by '1.2.3' instead of a number", DAMAGED),
    ("v2Cp.5", "bad_share", "the general figure 'people' is followed by '.5' instead of a number", DAMAGED),
    ("v2Cp5.", "bad_share", "the general figure 'people' is followed by '5.' instead of a number", DAMAGED),
    ("v2Cp2Cp3", "bad_share", "it has the general cost figures twice", DAMAGED),
    ("v2Cp2p3", "bad_share", "it gives the general figure 'people' twice", DAMAGED),
    ("v2Cp2Hp", "bad_share", "unexpected character 'H' at position 6", DAMAGED),
    ("v2Sp2", "bad_share", "unknown staff_augmentation cost figure 'p' at position 4", DAMAGED),
    ("v2Ch7", "bad_share", "choice 7 does not exist for general.horizon_months", DAMAGED),
    ("v2Ch1.5", "bad_share", "choice 1.5 does not exist for general.horizon_months", DAMAGED),
    ("x2", "bad_version", "it must start with a version such as 'v2'", NOT_OURS),
    ("v", "bad_version", "it must start with a version such as 'v2'", NOT_OURS),
    ("v3k1", "bad_version", "version 3 is not supported; this site reads versions 1 and 2",
     "This link was made by a version of the calculator this page does not know (version 3)."),
    ("   ", "bad_share", "it is empty", "This link's answers part is empty."),
    ("v2" + "d1" * 250, "too_long", "it is 502 characters long; a valid one has at most 500",
     "This link is far longer than any the calculator makes, so it was probably changed or joined to other text."),
]


@pytest.mark.parametrize("code, kind, message, reader", CASES, ids=lambda v: str(v)[:24])
def test_each_damage_gives_its_exact_words(code, kind, message, reader):
    with pytest.raises(CalculatorError) as info:
        decode_share(code)
    assert (info.value.kind, info.value.message, info.value.reader) == (kind, f"share link: {message}", reader)


def test_a_valid_code_beside_the_damaged_ones_opens():
    """'v2p2' (process partly documented) is valid: its damaged neighbours above are the errors."""
    assert decode_share("v2p2").answers == {"process_maturity": "partial"}


def test_an_unknown_option_names_the_options_there_are():
    with pytest.raises(CalculatorError) as info:
        decode_share("v2d7")
    assert (info.value.question, info.value.allowed) == ("direction", ["us", "shared", "provider"])


def test_cost_figures_that_break_a_rule_say_which_and_why():
    """A link whose figures are each readable but do not fit together (a rate without the number
    of people) is refused with the cost check's own words, as damage."""
    with pytest.raises(CalculatorError) as info:
        decode_share("v2Sr5000")
    assert info.value.kind == "invalid_cost" and info.value.reader == DAMAGED
    assert info.value.message.startswith("share link: staff_augmentation.rate_per_person_month: "
                                         "a rate per person needs the number of people")


def test_not_text_and_repeated_parts():
    with pytest.raises(CalculatorError) as info:
        decode_share(42)
    assert (info.value.message, info.value.reader) == ("share link: it must be text", NOT_OURS)
    with pytest.raises(CalculatorError) as info:
        open_link(["v2d1", "v2d2", "v2d3"])
    assert (info.value.kind, info.value.message, info.value.reader) == (
        "repeated", "share link: it has 3 'answers' parts, and a calculator link has one",
        "This link holds 3 sets of answers, and a calculator link holds one.")
    for bad in ("v2d1", [1], None, ("v2d1", 2)):
        with pytest.raises(CalculatorError) as info:
            open_link(bad)
        assert (info.value.kind, info.value.message) == ("bad_request", "values must be a list of strings")
    assert open_link(("v2d1",)).answers == {"direction": "us"}


@pytest.mark.parametrize("value, written", [
    (5000, "5000"), (3.0, "3"), (0.125, "0.125"), (1.5, "1.5"), (2.10, "2.1"), (1e10, "10000000000"),
    (0.0000004, "0"), (12.3456789, "12.345679"),
])
def test_cost_figures_are_written_as_plain_decimals(value, written):
    """A figure in a link: digits and at most one '.', no exponent, no trailing zeros."""
    code = encode_share({}, None, {"bpo": {"price_per_transaction": value}, "general": {"volume": 1}})
    assert code == f"v2Cv1Bu{written}"


def test_weights_and_figures_are_written_in_question_and_input_order():
    code = encode_share({"pricing": "per_unit", "kind": "build"}, {"pricing": 0, "kind": 5},
                        {"general": {"volume": 3, "people": 2}, "managed_services": {"fee_per_month": 9}})
    assert code == "v2k1r3Wk5r0Cp2v3Mr9"
    shared = decode_share(code)
    assert (shared.answers, shared.weights, shared.cost) == (
        {"kind": "build", "pricing": "per_unit"}, {"kind": 5, "pricing": 0},
        {"general": {"people": 2, "volume": 3}, "managed_services": {"fee_per_month": 9}})


@pytest.mark.parametrize("code, kind, message", [
    ("v2a1", "unknown_question", "unknown question key 'a' at position 3"),
    ("v2Ca1", "bad_share", "unknown general cost figure 'a' at position 4"),
    ("v12k1", "bad_version", "version 12 is not supported; this site reads versions 1 and 2"),
    ("v2Ch3", "bad_share", "choice 3 does not exist for general.horizon_months"),
    ("v2" + "x" * 498, "unknown_question", "unknown question key 'x' at position 3"),
])
def test_edges_of_the_link_grammar(code, kind, message):
    """The first letter 'a', a two-digit version, the first choice past the end, and a link of
    exactly the longest length (read, not refused as too long)."""
    with pytest.raises(CalculatorError) as info:
        decode_share(code)
    assert (info.value.kind, info.value.message) == (kind, f"share link: {message}")


def test_errors_name_the_question_they_concern():
    for code, question in (("v2d1d2", "direction"), ("v2Wd1d2", "direction"), ("v2Wd6", "direction")):
        with pytest.raises(CalculatorError) as info:
            decode_share(code)
        assert info.value.question == question


def test_cost_figures_keep_their_digits_and_type():
    """'p12' is twelve people (a whole number); 'p2.5' two and a half (a decimal)."""
    twelve = decode_share("v2Cp12").cost["general"]["people"]
    assert twelve == 12 and isinstance(twelve, int)
    half = decode_share("v2Cp2.5").cost["general"]["people"]
    assert half == 2.5 and isinstance(half, float)
