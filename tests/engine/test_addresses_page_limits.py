"""A request's tool pages at their limits (calculator/addresses.py read_pages): a page path of
301 characters is refused (300 is the longest taken), and an unknown tool's name is shown cut to
at most 40 characters.

Expected values are written by hand from addresses.py.
"""

from __future__ import annotations

import pytest

from calculator.addresses import read_pages
from calculator.errors import CalculatorError


@pytest.mark.parametrize("path", ["a" * 300 + "/", "ab/" * 99 + "abc/"], ids=["one-folder", "many-folders"])
def test_a_page_path_of_301_characters_is_refused(path):
    assert len(path) == 301
    with pytest.raises(CalculatorError) as caught:
        read_pages({"calculator": path})
    assert (caught.value.field, caught.value.message) == (
        "pages", "pages: the calculator's page must be a folder of this site such as 'calculator/', relative to its root")


def test_a_page_path_of_300_characters_is_taken():
    path = "a" * 299 + "/"
    assert read_pages({"planner": path})["planner"] == path


@pytest.mark.parametrize("tool, shown", [
    ("x" * 40, "'" + "x" * 40 + "'"),          # 40 characters are shown whole
    ("x" * 41, "'" + "x" * 39 + "…'"),         # a longer name is cut to 39 and an ellipsis (errors.shown)
    ("y" * 39 + "zw", "'" + "y" * 39 + "…'"),
    ("bad\x1b[31m", "'bad\\x1b[31m'"),         # a terminal's escape is shown, not acted on
], ids=["40", "41", "cut", "escape"])
def test_an_unknown_tool_is_named_in_at_most_40_characters(tool, shown):
    with pytest.raises(CalculatorError) as caught:
        read_pages({tool: "x/"})
    assert caught.value.message == f"pages: unknown tool {shown}; the tools are: calculator, planner, providers"
