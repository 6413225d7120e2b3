"""calculator/share_providers.py: evaluation links (e1). What each kind of damage is called, where
the limits fall, and the reader's own criteria carried exactly; found by `make mutate`."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from calculator.errors import CalculatorError
from calculator.share_providers import MAX_CODE_LENGTH, decode_evaluation, encode_evaluation

DAMAGED = "This evaluation link is damaged: part of it may have been cut off or changed when it was copied."
NOT_OURS = "This link's evaluation is not in a form this page makes."

EVALUATION = {
    "model": "bpo",
    "criteria": [{"id": "comparable_processes", "weight": 2},
                 {"id": "own1", "label": "Own gate", "kind": "pass_fail"},
                 {"id": "own2", "label": "Own score", "kind": "scored", "weight": 3}],
    "providers": [{"name": "Acme", "scores": {"comparable_processes": 4, "own2": 5}, "passes": {"own1": True}}],
}


def code_of(packed, prefix: str = "e1.", tail: bytes = b"") -> str:
    """A code written the way the module writes one (CRC-32 of the JSON, zlib, base64url)."""
    text = json.dumps(packed, separators=(",", ":")).encode()
    return prefix + f"{zlib.crc32(text):08x}" + base64.urlsafe_b64encode(zlib.compress(text, 9) + tail).rstrip(b"=").decode()


def refused(code) -> tuple[str, str]:
    with pytest.raises(CalculatorError) as caught:
        decode_evaluation(code)
    assert caught.value.kind == "bad_share"
    assert caught.value.field == "share"          # the page shows the problem beside the link, not a form field
    return str(caught.value), caught.value.reader


def test_the_readers_own_criteria_survive_a_link_with_their_kind_and_weight():
    back = decode_evaluation(encode_evaluation(EVALUATION))
    assert back["criteria"] == [
        {"id": "comparable_processes", "weight": 2},
        {"id": "own1", "label": "Own gate", "kind": "pass_fail"},            # no weight: pass or fail
        {"id": "own2", "label": "Own score", "kind": "scored", "weight": 3},
    ]
    assert back["providers"][0]["passes"] == {"own1": True}
    assert back["providers"][0]["scores"] == {"comparable_processes": 4, "own2": 5}


def test_the_code_is_the_documented_format():
    packed = [2, "", 40, 0, [["cp", 2], ["own1", "Own gate", 1, 0], ["own2", "Own score", 0, 3]], {},
              [["Acme", [4, 1, 5], {}, {}]]]
    assert encode_evaluation(EVALUATION) == code_of(packed)


@pytest.mark.parametrize("code, message, reader", [
    (5, "a code starts with e1 and is longer than this", NOT_OURS),
    ("x1.abcdefghi", "a code starts with e1 and is longer than this", NOT_OURS),
    ("e1.abcdefgh", "a code starts with e1 and is longer than this", NOT_OURS),      # 11 characters
    ("e1.abcdefghi", "the code does not decode", DAMAGED),                             # 12: read on
    ("ex.abcdefghij", "no version number and '.' after the e", NOT_OURS),
    ("e1234.abcdefgh", "no version number and '.' after the e", NOT_OURS),             # four digits
    ("e123.abcdefghi", "unknown version 123",
     "This evaluation link was made by a newer version of the page (version 123)."),
    ("e2.abcdefghijk", "unknown version 2", "This evaluation link was made by a newer version of the page (version 2)."),
    ("e" + "1" * (MAX_CODE_LENGTH - 1), "no version number and '.' after the e", NOT_OURS),   # at the limit
    ("e" + "1" * MAX_CODE_LENGTH, f"the code is longer than {MAX_CODE_LENGTH} characters", DAMAGED),
    (code_of([1, 2]), "the code's contents are not an evaluation", DAMAGED),
    (code_of(["not", "seven"] * 3 + [1]), "the code's contents are not an evaluation", DAMAGED),
    (code_of([2, "", 40, 0, [["cp", 2]], {}, [["Acme", [4, 5], {}, {}]]]),
     "the code's contents are not an evaluation", DAMAGED),                          # more marks than criteria
    (code_of([2, "", 40, 0, [["cp", 2]], {}, [["Acme", [4], {}, {}]]], tail=b"stuck on"),
     "the code does not decode", DAMAGED),                                            # text after the data
], ids=["not-text", "other-prefix", "too-short", "long-enough", "no-version", "four-digit-version",
        "three-digit-version", "newer-version", "at-the-limit", "over-the-limit", "not-seven-parts",
        "seven-wrong-parts", "marks-without-criteria", "text-after-the-data"])
def test_each_damage_is_named(code, message, reader):
    assert refused(code) == (f"evaluation link: {message}", reader)


def test_a_changed_checksum_or_spelling_is_damage():
    code = encode_evaluation(EVALUATION)
    checksum = code[3:11]
    other = f"{(int(checksum, 16) + 1) % 2 ** 32:08x}"
    assert refused(code[:3] + other + code[11:]) == ("evaluation link: the checksum does not match", DAMAGED)
    assert refused(code[:3] + checksum.upper() + code[11:])[0] == "evaluation link: the code does not decode"


def test_a_full_stop_pasted_after_a_code_is_damage():
    """Base64url has no '.', so only the first '.' (after the version) belongs to the code: a
    code copied with the sentence's full stop is damaged, not a code of another format."""
    code = encode_evaluation(EVALUATION)
    assert refused(code + ".") == ("evaluation link: the code does not decode", DAMAGED)
    assert refused(code[:20] + "." + code[20:]) == ("evaluation link: the code does not decode", DAMAGED)


def test_a_code_whose_data_ends_in_x_opens():
    """Only the '=' padding is left off the end of the data; a last data character that
    happens to be an 'X' is part of the code (this evaluation's code ends in one)."""
    ev = {"model": "bpo", "criteria": [{"id": "comparable_processes", "weight": 2}],
          "providers": [{"name": "Provider 0", "scores": {"comparable_processes": 4}}]}
    code = encode_evaluation(ev)
    assert code.endswith("X")
    back = decode_evaluation(code)
    assert back["providers"] == [{"name": "Provider 0", "scores": {"comparable_processes": 4}, "passes": {},
                                  "notes": {}, "price": {}}]
    assert back["criteria"] == [{"id": "comparable_processes", "weight": 2}]


def test_a_code_that_expands_past_the_limit_is_refused_before_it_is_read():
    """A short code may inflate to far more than any evaluation (a zip bomb): past
    MAX_JSON_BYTES of JSON it is damage, whatever the JSON would have said."""
    packed = [2, "", 40, 0, [["cp", 2]], {}, [["A" * 250_000, [4], {}, {}]]]
    code = code_of(packed)
    assert len(code) < MAX_CODE_LENGTH
    assert refused(code) == ("evaluation link: the code does not decode", DAMAGED)


@pytest.mark.parametrize("packed, problem", [
    ([2, "", 40, 0, [["cp", 2]], {}, [["Acme", [6], {}, {}]]],
     "provider “Acme”: the score for “Comparable processes run today” must be a whole number from 0 to 5, got 6"),
    ([2, "", 101, 0, [["cp", 2]], {}, [["Acme", [4], {}, {}]]],
     "the price weight must be a whole number from 0 to 100 (quality gets the rest), got 101"),
], ids=["score-over-five", "price-weight-over-100"])
def test_a_code_the_criteria_no_longer_accept_says_why(packed, problem):
    """Written and read whole, but refused by today's checks: the reader is told the link no
    longer fits the criteria, and why, in the checks' own words."""
    assert refused(code_of(packed)) == (f"evaluation link: {problem}",
                                        f"This evaluation link no longer fits the site's criteria: {problem}")


def test_a_price_that_is_not_a_number_never_gets_a_code():
    """JSON has no NaN: a link carrying one could not be read by the page's JavaScript."""
    ev = {"model": "bpo", "criteria": [{"id": "comparable_processes", "weight": 2}],
          "providers": [{"name": "Acme", "scores": {"comparable_processes": 4},
                         "price": {"price_per_fte_month": float("nan")}}]}
    with pytest.raises(CalculatorError) as caught:
        encode_evaluation(ev)
    assert caught.value.message == ("provider “Acme”: Price per FTE per month: enter an amount from 0 to 10,000,000 "
                                    "per person per month; what was entered is not a number")
    assert caught.value.field == "providers[0].price"


@pytest.mark.parametrize("price, problem", [
    ("abc", "Price per FTE per month: enter an amount from 0 to 10,000,000 per person per month, not text"),
    (-5, "Price per FTE per month: -5 is less than 0; enter an amount from 0 to 10,000,000 per person per month"),
], ids=["text", "negative"])
def test_a_code_carrying_a_price_the_cost_module_refuses_says_why(price, problem):
    """A well-formed code whose price is text or below 0 (the page never writes one) is refused
    when it is opened, with the reader's sentence, not accepted and failed later by the arithmetic."""
    packed = [2, "", 40, 0, [["cp", 2]], {}, [["Acme", [4], {}, {"p": price}]]]
    problem = f"provider “Acme”: {problem}"
    assert refused(code_of(packed)) == (f"evaluation link: {problem}",
                                        f"This evaluation link no longer fits the site's criteria: {problem}")
