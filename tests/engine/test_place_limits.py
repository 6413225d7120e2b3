"""A request's "page" at its limits (calculator/view_trees.read_place): the site root's path is
taken up to 500 characters and refused from 501, or when it is not text, and a guide with a bad
text is named by the start of its address (its first 60 characters, cut further when quoted in
single quotes). Found as survivors by `make mutate`."""

from __future__ import annotations

import json

import pytest

from calculator.api import handle
from calculator.errors import CalculatorError
from calculator.view_trees import read_place

LINK_BASE = "page: link_base must be a path on this site that starts and ends with '/'"
# "/" then 499 characters of path segments ending in "/": 500 in all
LONGEST = "/" + "abcdefghi/" * 49 + "abcdefgh/"


def test_a_root_path_of_500_characters_is_taken():
    assert len(LONGEST) == 500
    assert read_place({"link_base": LONGEST}).link_base == LONGEST


@pytest.mark.parametrize("link_base", [LONGEST + "a/", "a" + LONGEST, 5, ["/docs/"]],
                         ids=["502-characters", "no-leading-slash", "a-number", "a-list"])
def test_a_root_path_too_long_or_not_text_is_a_bad_request(link_base):
    with pytest.raises(CalculatorError) as caught:
        read_place({"link_base": link_base})
    assert (str(caught.value), caught.value.field) == (LINK_BASE, "page")


def test_a_root_path_of_501_characters_is_refused_by_the_api():
    reply = json.loads(handle(json.dumps({"op": "score", "answers": {}, "page": {"link_base": LONGEST[:-1] + "z/"}})))
    assert len(LONGEST[:-1] + "z/") == 501
    assert reply["error"] == {"message": LINK_BASE, "kind": "bad_request", "field": "page"}


@pytest.mark.parametrize("url, quoted", [
    # quoted in single quotes: cut to 39 characters and an ellipsis, as every long value is
    ("how-to-choose/" + "x" * 44 + "#who-directs", "'how-to-choose/xxxxxxxxxxxxxxxxxxxxxxxxx…'"),
    # an apostrophe makes it quoted in double quotes: cut the same way (errors._LONG_QUOTE)
    ("readers'-guide/" + "y" * 45 + "#exit-plan", '"readers\'-guide/' + "y" * 24 + '…"'),
], ids=["single-quoted", "double-quoted"])
def test_a_guide_with_a_bad_text_is_named_by_the_start_of_its_address(url, quoted):
    """An address of 70 characters with an empty text: the message quotes its start."""
    assert len(url) == 70
    with pytest.raises(CalculatorError) as caught:
        read_place({"guides": {url: ""}})
    assert str(caught.value) == f"page: the text of guide {quoted} must be text of 1 to 300 characters"
