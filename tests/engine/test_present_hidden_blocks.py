"""The presentation tree's text and Markdown renderers (calculator/present.py) on the edges the
serialiser tests leave: a line block marked ``aria-hidden`` (a repeat for sighted readers) is
left out of the terminal text and the memo like an inline repeat; a text's own first and last
characters are never trimmed; elements that differ hash apart.

Every expected string is written out by hand.
"""

from __future__ import annotations

import pytest

from calculator.present import El, to_markdown, to_text


def _hidden_then_shown(tag: str) -> El:
    return El("div", {}, [El(tag, {"aria-hidden": "true"}, ["Repeat"]), El("p", {}, ["Shown"])])


@pytest.mark.parametrize("tag", ["p", "caption", "figcaption", "dt", "dd", "h3"])
def test_a_hidden_line_block_is_left_out_of_the_text(tag):
    assert to_text(_hidden_then_shown(tag)) == "Shown\n"


@pytest.mark.parametrize("tag", ["p", "dd", "figcaption", "dt", "caption"])
def test_a_hidden_line_block_is_left_out_of_the_memo(tag):
    # a hidden term or caption was "****": a horizontal rule in the memo
    assert to_markdown(_hidden_then_shown(tag)) == "Shown\n"


@pytest.mark.parametrize("node, text, markdown", [
    (El("p", {}, ["XL size"]), "XL size\n", "XL size\n"),
    (El("p", {}, ["Box X"]), "Box X\n", "Box X\n"),
    (El("div", {}, [El("p", {}, ["X"]), El("p", {}, ["XX"])]), "X\n\nXX\n", "X\n\nXX\n"),
])
def test_only_blank_lines_are_trimmed_from_the_ends_of_a_text(node, text, markdown):
    """The tidy-up drops leading and trailing newlines, never a letter (here an X)."""
    assert to_text(node) == text
    assert to_markdown(node) == markdown


def test_elements_that_differ_hash_apart():
    """Hash follows tag, attributes and children, so a set or dict of a view's elements (a few
    hundred per answer) does not pile every element into one bucket."""
    elements = [El("p"), El("div"), El("p", {"class": "n"}), El("p", {}, ["a"]), El("p", {}, ["b"]),
                El("p", {}, [El("br")])]
    assert len({hash(e) for e in elements}) == len(elements)



@pytest.mark.parametrize("node, markdown", [
    # CommonMark does not read "** Acme**" as bold: the spaces go outside the asterisks
    (El("p", {}, ["Pick", El("strong", {}, [" Acme "]), "now"]), "Pick **Acme** now\n"),
    (El("p", {}, ["Pick", El("em", {}, ["  Acme"])]), "Pick  _Acme_\n"),
    (El("dl", {}, [El("dt", {}, [" Term "]), El("dd", {}, ["Said"])]), "**Term**\n\nSaid\n"),
    (El("p", {}, ["a", El("strong", {}, [" "]), "b"]), "a b\n"),
])
def test_emphasis_keeps_its_spaces_outside_the_marks(node, markdown):
    assert to_markdown(node) == markdown
