"""The presentation layer's core (calculator/present.py): a closed tree, and renderers that keep
every piece of reader text as text (HTML escaped once, Markdown escaped so two Markdown
renderers show the same plain text), and the browser mount's lists matching Python's."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from calculator.errors import CalculatorError
from calculator.present import (ATTRIBUTES, SVG, TAGS, El, escape_markdown, from_json, to_html, to_json,
                                to_markdown, to_text)

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = [
    "<script>alert(1)</script>",
    "**bold** _it_ `code` [x](javascript:alert(1))",
    "# heading", "1. not a list", "- not a list", "> not a quote", "a | b | c",
    "&amp; &lt; &#60;", "<!-- comment -->", "![img](http://x/y.png)", "~~gone~~",
    "\\* backslash", "{: #id }", "===", "line\nbreak", "Acme & Sons \"Ltd\" 'q'",
]


def _plain(rendered_html: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", rendered_html)).split())


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text_in_every_output(text: str) -> None:
    tree = El("section", {}, [El("h2", {}, [text]), El("p", {}, [text]), El("ul", {}, [El("li", {}, [text])])])
    out = to_html(tree)
    assert "<script" not in out and "<!--" not in out and "<img" not in out
    # The HTML is the escaped text and nothing more: unescaping it gives the text back.
    assert html.unescape(re.sub(r"<[^>]+>", "", to_html(El("p", {}, [text])))) == text
    flat = " ".join(text.split())
    assert flat in to_text(tree)
    for render in (MarkdownIt("commonmark").enable("table").enable("strikethrough").render,
                   lambda md: markdown.markdown(md, extensions=["tables"])):
        shown = render(to_markdown(El("p", {}, [text])))
        assert "<script" not in shown and "<a " not in shown and "<img" not in shown and "<em" not in shown
        assert _plain(shown) == flat, f"{text!r} shows as {shown!r}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), min_size=1, max_size=40))
def test_any_text_renders_as_the_same_plain_text_in_markdown(text: str) -> None:
    flat = " ".join(text.split())
    if not flat:
        return
    shown = MarkdownIt("commonmark").enable("table").render(escape_markdown(flat))
    assert _plain(shown) == flat
    assert re.search(r"<(?!/?p>)", shown) is None, f"markup from {flat!r}: {shown!r}"


def test_the_tree_is_closed() -> None:
    with pytest.raises(CalculatorError, match="tag 'script' is not allowed"):
        El("script", {}, ["x"])
    with pytest.raises(CalculatorError, match="attribute 'onclick' is not allowed"):
        El("p", {"onclick": "x()"}, [])
    with pytest.raises(CalculatorError, match="not a site path"):
        El("a", {"href": "javascript:alert(1)"}, ["x"])
    with pytest.raises(CalculatorError, match="not a site path"):
        El("a", {"href": "//evil.example/"}, ["x"])
    with pytest.raises(CalculatorError, match="not text or an element"):
        El("p", {}, [3])
    with pytest.raises(CalculatorError, match="not allowed"):
        from_json({"t": "img", "a": [], "c": []})


def test_a_drawing_holds_only_its_shapes_and_a_line_break_nothing() -> None:
    bar = El("svg", {"viewBox": "0 0 100 8"}, [El("rect", {"x": 0, "width": 50}, [El("title", {}, ["Fees: £5"])])])
    assert to_html(El("p", {}, ["a", El("br"), "b", bar])) == (
        '<p>a<br>b<svg viewBox="0 0 100 8"><rect x="0" width="50"><title>Fees: £5</title></rect></svg></p>')
    # a drawing's words are not text: the table beside a chart holds the same figures
    assert to_text(El("p", {}, ["a", El("br"), "b", bar])) == "a b\n"
    assert to_markdown(El("p", {}, ["a", El("br"), "b", bar])) == "a b\n"
    with pytest.raises(CalculatorError, match="<svg> holds only <rect> and <title> elements"):
        El("svg", {}, ["text"])
    with pytest.raises(CalculatorError, match="<svg> holds only <rect> and <title> elements"):
        El("svg", {}, [El("p", {}, [])])
    with pytest.raises(CalculatorError, match="<rect> belongs inside an <svg>, not in <div>"):
        El("div", {}, [El("rect", {}, [])])
    with pytest.raises(CalculatorError, match="<title> belongs inside an <svg>, not in <p>"):
        El("p", {}, [El("title", {}, ["x"])])
    with pytest.raises(CalculatorError, match="<br> has no children"):
        El("br", {}, ["x"])


def test_json_round_trip_keeps_attribute_order() -> None:
    tree = El("table", {"class": "t", "aria-label": "Ranking"}, [
        El("tbody", {}, [El("tr", {"data-provider": "A"}, [El("th", {"scope": "row"}, ["A"]), El("td", {}, ["1"])])])])
    assert from_json(to_json(tree)) == tree
    assert to_json(tree)["a"] == [["class", "t"], ["aria-label", "Ranking"]]


def test_text_and_markdown_of_a_small_memo() -> None:
    tree = El("section", {}, [
        El("h2", {}, ["Result"]),
        El("p", {}, ["Winner: ", El("strong", {}, ["Acme*"])]),
        El("ul", {}, [El("li", {}, ["first"]), El("li", {}, ["second"])]),
        El("table", {}, [El("thead", {}, [El("tr", {}, [El("th", {}, ["Name"]), El("th", {}, ["Total"])])]),
                         El("tbody", {}, [El("tr", {}, [El("td", {}, ["A|B"]), El("td", {}, ["81.5"])])])]),
        El("p", {}, [El("a", {"href": "/compare-providers/#x"}, ["Guide"])]),
    ])
    assert to_text(tree) == ("Result\n\nWinner: Acme*\n\n- first\n- second\n\nName  Total\nA|B    81.5\n\n"
                             "Guide\n")
    # a table of prose (a cell longer than 40 characters) is written a row to a line
    prose = El("table", {}, [El("tbody", {}, [El("tr", {}, [El("td", {}, ["A"]), El("td", {}, ["x" * 41])])])])
    assert to_text(prose) == "A | " + "x" * 41 + "\n"
    assert to_markdown(tree) == ("## Result\n\nWinner: **Acme\\***\n\n- first\n- second\n\n"
                                 "| Name | Total |\n|---|---|\n| A&#124;B | 81.5 |\n\n"
                                 "[Guide](/compare-providers/#x)\n")


def test_the_browser_mount_allows_exactly_the_same_tags_and_attributes() -> None:
    source = (ROOT / "docs" / "javascripts" / "present.mjs").read_text(encoding="utf-8")

    def listed(name: str) -> set[str]:
        body = re.search(rf"export const {name} = new Set\(\[(.*?)\]\);", source, re.S).group(1)
        return set(re.findall(r'"([^"]+)"', body))

    assert listed("TAGS") == set(TAGS)
    assert listed("ATTRIBUTES") == set(ATTRIBUTES)
    assert listed("SVG_TAGS") == set(SVG)
    assert "innerHTML" not in re.sub(r"//.*", "", source), "the mount never parses markup"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_the_one_escaping_function_escapes_as_the_standard_library_does(text: str) -> None:
    from calculator.present import escape

    assert escape(text) == html.escape(text, quote=True)
