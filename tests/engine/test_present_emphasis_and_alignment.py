"""The presentation tree's Markdown and text renderers (calculator/present.py) on two edges the
serialiser tests leave: bold and italic wrap the whole text even when its first letter comes
again later in it, and a text table whose first header cell is empty keeps that row's leading
spaces, so its headings stay over their columns. Every expected string is written out by hand.
Found as survivors by `make mutate`."""

from __future__ import annotations

import pytest

from calculator.present import El, to_markdown, to_text


@pytest.mark.parametrize("node, markdown", [
    # the first letter "A" comes again in "Analytics": the marks still go round the whole name
    (El("p", {}, ["Winner: ", El("strong", {}, ["Acme Analytics"])]), "Winner: **Acme Analytics**\n"),
    (El("p", {}, ["Winner:", El("strong", {}, [" Acme Analytics "]), "today"]), "Winner: **Acme Analytics** today\n"),
    (El("p", {}, ["Duration: ", El("em", {}, ["ongoing or occasional"])]), "Duration: _ongoing or occasional_\n"),
    # a term and a caption are bold as a whole
    (El("dl", {}, [El("dt", {}, ["Set-up and Support"]), El("dd", {}, ["Included"])]),
     "**Set-up and Support**\n\nIncluded\n"),
    (El("table", {}, [El("caption", {}, ["Scores, Sources and gates"])]), "**Scores, Sources and gates**\n"),
])
def test_emphasis_wraps_the_whole_text_when_its_first_letter_recurs(node, markdown):
    assert to_markdown(node) == markdown


def test_a_table_with_an_empty_corner_cell_keeps_its_headings_over_their_columns():
    """Column 1 is 4 wide ("Fees"), the figures 6 wide ("Year 1"), two spaces between: the
    header row starts with 4 + 2 spaces, even as the very first line of the text."""
    table = El("table", {}, [
        El("thead", {}, [El("tr", {}, [El("th", {}, [c]) for c in ["", "Year 1", "Year 2"]])]),
        El("tbody", {}, [El("tr", {}, [El("td", {}, [c]) for c in ["Fees", "100", "200"]])]),
    ])
    assert to_text(table) == ("      Year 1  Year 2\n"
                              "Fees     100     200\n")
