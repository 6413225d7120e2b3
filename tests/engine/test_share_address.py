"""Pasted page addresses (calculator/share.py) and the cost schema the page's form is built from
(calculator/cost.py), checked exactly: found by `make mutate` as survivors (changes the engine
tests let through), each expectation worked out from what a browser's address bar sends and
from cost_inputs.toml, not from the code's output."""

from __future__ import annotations

import pytest

from calculator import cost, share
from calculator.errors import CalculatorError
from calculator.share import decode_share


@pytest.mark.parametrize("text, decoded", [
    ("a+b", "a b"),                  # '+' is a space in a query
    ("abc", "abc"),                  # nothing to decode
    ("%41%62", "Ab"),                # two escapes in a row
    ("%4a", "J"), ("%4A", "J"),      # either case of hex digit
    ("a%2Bb+c", "a+b c"),            # an escaped '+' stays a '+'
    ("%E2%80%9C", "\u201c"),         # a three-byte UTF-8 character
    ("%ff", "\ufffd"),               # a byte that is not UTF-8: replaced, never an error
    ("\u00e9%41", "\u00e9A"),        # a character typed as is, then an escape
    ("%4", "%4"), ("%", "%"), ("%41%", "A%"),   # an escape cut short is kept as typed
    ("%zz", "%zz"), ("x%4g", "x%4g"), ("%4X", "%4X"),   # not hex: kept as typed
    ("\ud800%41", "\ufffd\ufffd\ufffdA"),       # a lone surrogate: replaced, never an error
])
def test_percent_decoding_as_the_address_bar_encodes(text, decoded):
    assert share._unquote(text) == decoded


@pytest.mark.parametrize("address, values", [
    ("https://x.org/calculator/?answers=v1&b=2#answers=zzz", ["v1"]),   # the fragment is not the query
    ("?answers=v1#top#more", ["v1"]),                                   # from the first '#' on
    ("answers=v1;answers=v2", ["v1", "v2"]),                            # ';' separates, as parse_qs does
    ("?a=1&answers=v%33", ["v3"]),                                      # the value is decoded
    ("?answer%73=v1", ["v1"]),                                          # so is the name
    ("x?answers=v1?z", ["v1?z"]),                                       # only the first '?' starts the query
    ("?answer=v1&answers", [""]),                                       # a name alone has an empty value
])
def test_query_values_are_read_as_parse_qs_reads_them(address, values):
    assert share._query_values(address, "answers") == values


@pytest.mark.parametrize("address, message, kind, reader", [
    ("https://x.org/calculator/?answers=v2k1&answers=v2k1",
     "share link: the address has 2 'answers' parts, and a calculator link has one", "repeated",
     "This link holds 2 sets of answers, and a calculator link holds one."),
    ("https://x.org/calculator/?from=mail", "share link: the address has no 'answers' part", "bad_version",
     "This address has no calculator answers in it (no \u201canswers=\u201d part)."),
], ids=["two-answers-parts", "no-answers-part"])
def test_an_address_without_exactly_one_answers_part_says_so(address, message, kind, reader):
    with pytest.raises(CalculatorError) as caught:
        decode_share(address)
    err = caught.value
    assert (str(err), err.kind, err.reader) == (message, kind, reader)


def test_a_figure_is_quoted_back_only_below_ten_to_the_sixteen():
    """Past 16 digits a float no longer holds whole units exactly, so the message does not quote it."""
    assert cost._said(10 ** 16 - 1) == "9,999,999,999,999,999"
    assert cost._said(10 ** 16) is None and cost._said(2 * 10 ** 16) is None
    assert cost._said(float("inf")) is None and cost._said(1.5) == "1.5"


def test_the_cost_schema_gives_the_form_every_field_of_an_input():
    """The page builds the cost form from this: groups with their headings, the link's section
    letters, and per input every field the form reads (cost_inputs.toml)."""
    schema = cost.cost_schema()
    assert schema["groups"] == [
        {"id": "general", "label": "The work and your own costs"},
        {"id": "staff_augmentation", "label": "Staff augmentation"},
        {"id": "managed_services", "label": "Managed services"},
        {"id": "bpo", "label": "BPO"},
    ]
    assert schema["sections"] == {"general": "C", "staff_augmentation": "S", "managed_services": "M", "bpo": "B"}
    inputs = {x["id"]: x for x in schema["inputs"]}
    assert inputs["people"] == {
        "id": "people", "key": "p", "group": "general",
        "label": "Size of the work, in people (full-time equivalents)",
        "help": "How many full-time people the work needs. Used for per-person and per-FTE prices.",
        "unit": "people", "unit_label": "people", "min": 0, "max": 100000, "choices": None,
        "default": None, "step": 0.1, "source": "judgement",
    }
    assert inputs["currency"]["choices"] == ["", "\u00a3", "\u20ac", "$"] and inputs["currency"]["default"] == ""
    assert inputs["currency"]["unit_label"] == "" and inputs["currency"]["min"] is None
