"""Exact output of the presentation tree's serialisers (calculator/present.py) and of the error
type and its line cleaning (calculator/errors.py).

If these broke, a reader would notice: on the site, text shown as markup or an attribute that
closes early (HTML escaping), a page mounted from JSON that differs from the built page, or a
bad tree let through; in a memo (Markdown), headings at the wrong level, list numbers that do not
start at 1, a table whose columns slip, a name with ``*`` or ``#`` turned into emphasis or a
heading; in the terminal, columns of figures that no longer line up, list text that is not
indented under its mark; and in any error message, a control character acting on the terminal,
a bidi override reversing the line, or a message running on without its ellipsis.

Every expected string here was worked out by hand from the rules in those two modules.
"""

from __future__ import annotations

import json

import pytest

from calculator.errors import MAX_MESSAGE, CalculatorError, _escape, clean_line, shown
from calculator.present import (BLOCKS, SVG, VOID, El, escape, escape_markdown, from_json, to_html,
                                to_json, to_markdown, to_text)

BAR = El("svg", {"viewBox": "0 0 10 1"}, [El("rect", {"width": 5}, [El("title", {}, ["Fees"])])])


def p(*children):
    return El("p", {}, list(children))


def tbl(*rows, caption=None, head=None):
    """A table: an optional caption, an optional header row of <th>, body rows of <td>."""
    parts = []
    if caption is not None:
        parts.append(El("caption", {}, [caption]))
    if head is not None:
        parts.append(El("thead", {}, [El("tr", {}, [El("th", {}, [c]) for c in head])]))
    parts.append(El("tbody", {}, [El("tr", {}, [El("td", {}, [c]) for c in row]) for row in rows]))
    return El("table", {}, parts)


# ----- El: construction, its checks, equality, repr -------------------------------------------

BAD_TREES = [
    (lambda: El("script"), "presentation tree: tag 'script' is not allowed"),
    (lambda: El("h1", {}, ["x"]), "presentation tree: tag 'h1' is not allowed"),
    (lambda: El("P"), "presentation tree: tag 'P' is not allowed"),
    (lambda: El("p", {"onclick": "x()"}), "presentation tree: attribute 'onclick' is not allowed (on <p>)"),
    (lambda: El("td", {"Class": "x"}), "presentation tree: attribute 'Class' is not allowed (on <td>)"),
    (lambda: El("a", {"href": "javascript:alert(1)"}),
     "presentation tree: link 'javascript:alert(1)' is not a site path or an http(s) address"),
    (lambda: El("a", {"href": "//evil.example/"}),
     "presentation tree: link '//evil.example/' is not a site path or an http(s) address"),
    (lambda: El("a", {"href": "page.html"}),
     "presentation tree: link 'page.html' is not a site path or an http(s) address"),
    (lambda: El("a", {"href": "ftp://x"}), "presentation tree: link 'ftp://x' is not a site path or an http(s) address"),
    (lambda: El("a", {"href": "mailto:a@b"}),
     "presentation tree: link 'mailto:a@b' is not a site path or an http(s) address"),
    (lambda: El("a", {"href": "http:/x"}), "presentation tree: link 'http:/x' is not a site path or an http(s) address"),
    (lambda: El("a", {"href": " /x"}), "presentation tree: link ' /x' is not a site path or an http(s) address"),
    (lambda: El("a", {"href": ""}), "presentation tree: link '' is not a site path or an http(s) address"),
    # a long quoted value in any message is cut to 39 characters and an ellipsis
    (lambda: El("a", {"href": "javascript:" + "x" * 40}),
     "presentation tree: link 'javascript:" + "x" * 28 + "…' is not a site path or an http(s) address"),
    (lambda: El("p", {}, [3]), "presentation tree: a child of <p> is int, not text or an element"),
    (lambda: El("li", {}, [["x"]]), "presentation tree: a child of <li> is list, not text or an element"),
    (lambda: El("svg", {}, ["text"]), "presentation tree: <svg> holds only <rect> and <title> elements"),
    (lambda: El("rect", {}, ["text"]), "presentation tree: <rect> holds only <rect> and <title> elements"),
    (lambda: El("svg", {}, [El("svg")]), "presentation tree: <svg> holds only <rect> and <title> elements"),
    (lambda: El("svg", {}, [El("span")]), "presentation tree: <svg> holds only <rect> and <title> elements"),
    (lambda: El("div", {}, [El("rect")]), "presentation tree: <rect> belongs inside an <svg>, not in <div>"),
    (lambda: El("title", {}, [El("title")]), "presentation tree: <title> belongs inside an <svg>, not in <title>"),
    (lambda: El("br", {}, ["x"]), "presentation tree: <br> has no children"),
    (lambda: El("br", {}, [El("span")]), "presentation tree: <br> has no children"),
    (lambda: El("br", {}, [3]), "presentation tree: a child of <br> is int, not text or an element"),
]


@pytest.mark.parametrize("make, message", BAD_TREES)
def test_a_bad_tree_is_refused_with_its_exact_message_and_kind(make, message):
    """Each check of the closed tree names what is wrong, as a bad_tree error."""
    with pytest.raises(CalculatorError) as caught:
        make()
    assert caught.value.message == message
    assert str(caught.value) == message
    assert caught.value.kind == "bad_tree"


@pytest.mark.parametrize("href", ["/", "/a/b?c=d", "#x", "?q=1", "http://x.example", "https://x.example/",
                                  "HTTPS://X.EXAMPLE", "Http://x"])
def test_site_paths_fragments_queries_and_http_links_are_allowed(href):
    """A link to this site, a fragment, a query or an http(s) address is kept as given."""
    assert El("a", {"href": href}, ["x"]).attr("href") == href


def test_an_element_keeps_its_fields_as_given_dropping_only_nothing():
    """Attributes in their order as text (None left out), children without None or ""."""
    el = El("td", {"id": "b", "class": None, "colspan": 2, "title": ""}, [None, "", "x", El("br"), " "])
    assert el.tag == "td"
    assert el.attrs == (("id", "b"), ("colspan", "2"), ("title", ""))
    assert el.children == ("x", El("br"), " ")
    assert el.attr("colspan") == "2"
    assert el.attr("title") == ""
    assert el.attr("class") is None
    assert El("br", {}, [None, ""]).children == ()
    # a drawing holds shapes, a shape may hold shapes, a tooltip holds text
    assert El("rect", {}, [El("rect"), El("title", {}, ["t"])]).children == (El("rect"), El("title", {}, ["t"]))


def test_elements_compare_hash_and_print_by_tag_attributes_and_children():
    """Equal trees are equal and hash alike; any difference (even attribute order) is not equal."""
    a = El("p", {"class": "n", "id": "x"}, ["a", El("br")])
    assert a == El("p", {"class": "n", "id": "x"}, ["a", El("br")])
    assert hash(a) == hash(El("p", {"class": "n", "id": "x"}, ["a", El("br")]))
    assert len({a, El("p", {"class": "n", "id": "x"}, ["a", El("br")])}) == 1
    assert a != El("div", {"class": "n", "id": "x"}, ["a", El("br")])
    assert a != El("p", {"id": "x", "class": "n"}, ["a", El("br")])
    assert a != El("p", {"class": "m", "id": "x"}, ["a", El("br")])
    assert a != El("p", {"class": "n", "id": "x"}, ["a"])
    assert a != "p"
    assert a.__eq__("p") is NotImplemented
    assert repr(a) == "El('p', {'class': 'n', 'id': 'x'}, ['a', El('br', {}, [])])"


def test_the_fixed_lists_of_void_drawing_and_block_tags():
    """br alone is void; the drawing is svg, rect, title; the block tags are these."""
    assert VOID == {"br"}
    assert SVG == {"svg", "rect", "title"}
    assert BLOCKS == {"section", "div", "p", "figure", "figcaption", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                      "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr"}


# ----- HTML -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"),
    ("&amp;", "&amp;amp;"), ("plain £ é", "plain £ é"), ("", ""),
])
def test_escape_replaces_the_five_html_characters(text, expected):
    """One escaping function: & < > " ' and nothing else."""
    assert escape(text) == expected


@pytest.mark.parametrize("node, expected", [
    ("a<b", "a&lt;b"),
    (p("Tom & \"Jerry\" <'x'>"), "<p>Tom &amp; &quot;Jerry&quot; &lt;&#x27;x&#x27;&gt;</p>"),
    (El("a", {"title": "x<y", "href": "/s?a=1&b='2'", "class": "c"}, ["go"]),
     '<a title="x&lt;y" href="/s?a=1&amp;b=&#x27;2&#x27;" class="c">go</a>'),
    (El("td", {"colspan": 2, "class": None}, [None, "", "x"]), '<td colspan="2">x</td>'),
    (El("span", {"title": ""}), '<span title=""></span>'),
    (El("br"), "<br>"),
    (El("br", {"class": "x"}), '<br class="x">'),
    (El("div"), "<div></div>"),
    (El("ul", {"class": "l"}, [El("li", {}, ["a", El("br"), El("em", {}, ["b"])])]),
     '<ul class="l"><li>a<br><em>b</em></li></ul>'),
    (p(El("span", {"aria-hidden": "true"}, ["x"])), '<p><span aria-hidden="true">x</span></p>'),
    (p("£5 é"), "<p>£5 é</p>"),
])
def test_html_is_the_tree_with_text_and_attribute_values_escaped(node, expected):
    """Tags as named, attributes in their order, a void element without a closing tag."""
    assert to_html(node) == expected


# ----- JSON -----------------------------------------------------------------------------------

def test_json_form_of_a_tree_is_tag_attribute_pairs_and_children():
    """Text is a string; an element is {t, a, c} with its attributes as [name, value] lists."""
    tree = El("p", {"class": "n", "id": "i"}, ["a", El("br")])
    assert to_json(tree) == {"t": "p", "a": [["class", "n"], ["id", "i"]], "c": ["a", {"t": "br", "a": [], "c": []}]}
    assert to_json("text") == "text"
    assert from_json("text") == "text"


def test_json_round_trip_through_sorted_keys_gives_the_same_tree():
    """A tree written as JSON (keys sorted) and read back is the same tree."""
    tree = El("figure", {"class": "chart", "aria-label": "Costs"}, [
        BAR, El("figcaption", {}, ["Fees & <more>"]),
        El("ol", {"id": "o"}, [El("li", {}, [El("a", {"href": "/x", "title": "t"}, ["x"])])])])
    assert from_json(json.loads(json.dumps(to_json(tree), sort_keys=True))) == tree


@pytest.mark.parametrize("data, expected", [
    ({"t": "td", "a": [["colspan", 2]], "c": ["x"]}, El("td", {"colspan": "2"}, ["x"])),
    ({"t": "p", "a": [["class", None]], "c": ["", "y"]}, El("p", {}, ["y"])),
])
def test_json_values_are_read_like_any_attributes(data, expected):
    """A number value becomes text; a null value and an empty child are left out."""
    assert from_json(data) == expected


NODE = "presentation tree: a node must be text or an object with t, a and c"
PAIRS = "presentation tree: attributes must be a list of [name, value] pairs"
KIDS = "presentation tree: t must be a tag name and c a list of children"


@pytest.mark.parametrize("data, message", [
    (3, NODE), (None, NODE), (["p"], NODE), ({}, NODE), ({"t": "p", "a": []}, NODE),
    ({"t": "p", "a": [], "c": [], "x": 1}, NODE),
    ({"t": "p", "a": {"class": "x"}, "c": []}, PAIRS),
    ({"t": "p", "a": "class", "c": []}, PAIRS),
    ({"t": "p", "a": [["class"]], "c": []}, PAIRS),
    ({"t": "p", "a": [["class", "x", "y"]], "c": []}, PAIRS),
    ({"t": "p", "a": [("class", "x")], "c": []}, PAIRS),
    ({"t": 3, "a": None, "c": "x"}, PAIRS),
    ({"t": "p", "a": [], "c": "x"}, KIDS),
    ({"t": "p", "a": [], "c": None}, KIDS),
    ({"t": 3, "a": [], "c": []}, KIDS),
    ({"t": None, "a": [], "c": []}, KIDS),
    ({"t": ["p"], "a": [], "c": []}, KIDS),
    ({"t": "img", "a": [], "c": []}, "presentation tree: tag 'img' is not allowed"),
    ({"t": "p", "a": [["onclick", "x"]], "c": []}, "presentation tree: attribute 'onclick' is not allowed (on <p>)"),
    ({"t": "p", "a": [[1, "x"]], "c": []}, "presentation tree: attribute '1' is not allowed (on <p>)"),
    ({"t": "a", "a": [["href", "javascript:x"]], "c": []},
     "presentation tree: link 'javascript:x' is not a site path or an http(s) address"),
    ({"t": "p", "a": [], "c": [3]}, NODE),
    ({"t": "p", "a": [], "c": [None]}, NODE),
    ({"t": "p", "a": [], "c": [{"t": "script", "a": [], "c": []}]}, "presentation tree: tag 'script' is not allowed"),
    ({"t": "br", "a": [], "c": ["x"]}, "presentation tree: <br> has no children"),
])
def test_from_json_refuses_each_bad_shape_with_its_exact_message(data, message):
    """Bad JSON from a tree is a bad_tree error naming what is wrong."""
    with pytest.raises(CalculatorError) as caught:
        from_json(data)
    assert caught.value.message == message
    assert caught.value.kind == "bad_tree"


# ----- plain text and Markdown: blocks, inline, lists, tables ---------------------------------

@pytest.mark.parametrize("tag, markdown", [
    ("p", "T\\*\n"), ("dt", "**T\\***\n"), ("dd", "T\\*\n"), ("caption", "**T\\***\n"), ("figcaption", "T\\*\n"),
    ("h2", "## T\\*\n"), ("h3", "### T\\*\n"), ("h4", "#### T\\*\n"), ("h5", "##### T\\*\n"), ("h6", "###### T\\*\n"),
])
def test_each_line_block_is_one_line_in_text_and_markdown(tag, markdown):
    """p, dd, figcaption plain; dt and caption bold in Markdown; headings with their level."""
    assert to_text(El(tag, {}, ["T*"])) == "T*\n"
    assert to_markdown(El(tag, {}, ["T*"])) == markdown


@pytest.mark.parametrize("tag, offset, expected", [
    ("h2", 0, "## T\n"), ("h2", 1, "### T\n"), ("h2", 4, "###### T\n"), ("h2", 5, "###### T\n"),
    ("h3", 2, "##### T\n"), ("h3", 3, "###### T\n"), ("h4", 2, "###### T\n"), ("h5", 2, "###### T\n"),
    ("h6", 0, "###### T\n"), ("h6", 1, "###### T\n"),
])
def test_heading_offset_moves_headings_down_and_stops_at_six(tag, offset, expected):
    """A heading's level plus the offset, never past Markdown's sixth level."""
    assert to_markdown(El(tag, {}, ["T"]), heading_offset=offset) == expected


def test_heading_offset_reaches_headings_inside_sections_and_list_items():
    """The offset applies at every depth; plain text has no heading marks at all."""
    tree = El("section", {}, [El("h2", {}, ["A"]), El("ul", {}, [El("li", {}, [El("h3", {}, ["B"])])]),
                              El("div", {}, [El("h4", {}, ["C"])])])
    assert to_markdown(tree, 1) == "### A\n\n- #### B\n\n##### C\n"
    assert to_markdown(tree) == "## A\n\n- ### B\n\n#### C\n"
    assert to_text(tree) == "A\n\n- B\n\nC\n"


@pytest.mark.parametrize("tag, markdown", [
    ("section", "x\n\ny\n\nz\n"), ("div", "x\n\ny\n\nz\n"), ("figure", "x\n\ny\n\nz\n"), ("li", "x\n\ny\n\nz\n"),
    ("dl", "x\n\ny\n\nz\n"), ("thead", "x\n\ny\n\nz\n"), ("tbody", "x\n\ny\n\nz\n"), ("tr", "x\n\ny\n\nz\n"),
    ("p", "x\n\ny\n\nz\n"), ("dd", "x\n\ny\n\nz\n"), ("figcaption", "x\n\ny\n\nz\n"),
    ("dt", "x\n\n**y**\n\nz\n"), ("caption", "x\n\n**y**\n\nz\n"), ("h3", "x\n\n### y\n\nz\n"),
])
def test_a_block_inside_a_run_of_text_stands_on_its_own_lines(tag, markdown):
    """Text before and after a block element becomes its own paragraph."""
    tree = El("div", {}, ["x", El(tag, {}, ["y"]), "z"])
    assert to_text(tree) == "x\n\ny\n\nz\n"
    assert to_markdown(tree) == markdown


@pytest.mark.parametrize("tag, markdown", [
    ("span", "xyz\n"), ("small", "xyz\n"), ("label", "xyz\n"), ("meter", "xyz\n"), ("th", "xyz\n"), ("td", "xyz\n"),
    ("a", "xyz\n"), ("strong", "x**y**z\n"), ("em", "x_y_z\n"), ("code", "x`y`z\n"),
])
def test_an_inline_element_stays_in_its_line(tag, markdown):
    """Inline elements join the text around them; Markdown marks strong, em and code."""
    tree = El("div", {}, ["x", El(tag, {}, ["y"]), "z"])
    assert to_text(tree) == "xyz\n"
    assert to_markdown(tree) == markdown


@pytest.mark.parametrize("children, text, markdown", [
    (["Go ", El("a", {"href": "/a b(c)"}, ["*now*"])], "Go *now*\n", "Go [\\*now\\*](/a%20b%28c%29)\n"),
    ([El("a", {"href": "https://x.example/"}, [El("strong", {}, ["y"])])], "y\n", "[**y**](https://x.example/)\n"),
    ([El("a", {}, ["x"])], "x\n", "x\n"),
    (["a", El("a", {"href": "/x"}, [" "]), "b"], "a b\n", "a b\n"),
    ([El("code", {}, ["a`b<c"])], "a`b<c\n", "`ab<c`\n"),
    ([El("code", {}, ["x*", El("strong", {}, ["y"])])], "x*y\n", "`x*y`\n"),
    (["a", El("code", {}, [" "]), "b"], "a b\n", "a b\n"),
    ([El("strong", {}, ["a_b"])], "a_b\n", "**a\\_b**\n"),
    ([El("em", {}, ["x"])], "x\n", "_x_\n"),
    (["a", El("strong", {}, [" "]), "b"], "a b\n", "a b\n"),
    (["a", El("em"), "b"], "ab\n", "ab\n"),
    ([El("small", {}, ["*"])], "*\n", "\\*\n"),
    (["a", El("span", {"aria-hidden": "true"}, ["x"]), "b"], "ab\n", "ab\n"),
    (["a", El("span", {"aria-hidden": "false"}, ["x"]), "b"], "axb\n", "axb\n"),
    (["a", BAR, "b"], "ab\n", "ab\n"),
    (["a", El("br"), "b"], "a b\n", "a b\n"),
    (["a\n  b"], "a b\n", "a b\n"),
    (["a  b  "], "a  b\n", "a  b\n"),
    (["# not a heading"], "# not a heading\n", "\\# not a heading\n"),
])
def test_inline_nodes_in_a_paragraph(children, text, markdown):
    """Links, code, emphasis, hidden repeats and drawings, line breaks, in text and Markdown."""
    assert to_text(p(*children)) == text
    assert to_markdown(p(*children)) == markdown


def test_bare_text_and_a_lone_inline_element_are_one_line():
    """A tree that is only text, or only an inline element, is that line."""
    assert to_text("a\nb") == "a b\n"
    assert to_text(El("strong", {}, ["x"])) == "x\n"
    assert to_markdown("# a") == "\\# a\n"
    assert to_markdown(El("strong", {}, ["x"])) == "**x**\n"


def test_runs_of_inline_nodes_between_blocks_become_paragraphs():
    """Text, emphasis and line breaks around a paragraph make paragraphs of their own."""
    tree = El("div", {}, ["a ", El("em", {}, ["b"]), p("c"), "d", El("br"), "e"])
    assert to_text(tree) == "a b\n\nc\n\nd e\n"
    assert to_markdown(tree) == "a _b_\n\nc\n\nd e\n"


def test_a_drawing_between_blocks_leaves_no_extra_blank_lines():
    """An empty run (a chart) never leaves more than one blank line, nor any at the start."""
    between = El("div", {}, [p("Title"), BAR, p("Chart")])
    assert to_text(between) == "Title\n\nChart\n"
    assert to_markdown(between) == "Title\n\nChart\n"
    first = El("figure", {}, [BAR, El("figcaption", {}, ["Chart"])])
    assert to_text(first) == "Chart\n"
    assert to_markdown(first) == "Chart\n"
    # a table of only a caption leaves two blank lines behind it in text: folded to one
    assert to_text(El("div", {}, [tbl(caption="Cap"), p("x")])) == "Cap\n\nx\n"


def test_a_definition_list_is_term_then_meaning():
    """dt and dd each a paragraph; the term bold in Markdown."""
    tree = El("dl", {}, [El("dt", {}, ["Term"]), El("dd", {}, ["Meaning"])])
    assert to_text(tree) == "Term\n\nMeaning\n"
    assert to_markdown(tree) == "**Term**\n\nMeaning\n"


LETTERS = "abcdefghi"


@pytest.mark.parametrize("tree, text, markdown", [
    (El("ul", {}, ["a", El("li", {}, ["b"])]), "- a\n- b\n", "- a\n- b\n"),
    (El("ol", {}, ["one", El("li", {}, ["two"]), "three"]), "1. one\n2. two\n3. three\n", "1. one\n2. two\n3. three\n"),
    (El("ol", {}, [El("li", {}, [p("first"), p("more")]), "two"]), "1. first\n   more\n2. two\n",
     "1. first\n   more\n2. two\n"),
    (El("ul", {}, [El("li", {}, [p("first"), p("more")])]), "- first\n  more\n", "- first\n  more\n"),
    (El("ul", {}, [El("li", {}, ["a", El("ul", {}, ["b", "c"])])]), "- a\n  - b\n  - c\n", "- a\n  - b\n  - c\n"),
    (El("ol", {}, [El("li", {}, ["a", El("ul", {}, ["b", "c"])]), "d"]), "1. a\n   - b\n   - c\n2. d\n",
     "1. a\n   - b\n   - c\n2. d\n"),
    (El("ol", {}, [El("li", {}, ["a", El("ol", {}, ["b"])])]), "1. a\n   1. b\n", "1. a\n   1. b\n"),
    (El("ol", {}, list(LETTERS) + [El("li", {}, [p("j"), p("more")])]),
     "".join(f"{n}. {c}\n" for n, c in enumerate(LETTERS, 1)) + "10. j\n    more\n",
     "".join(f"{n}. {c}\n" for n, c in enumerate(LETTERS, 1)) + "10. j\n    more\n"),
    (El("ul", {}, ["*x*"]), "- *x*\n", "- \\*x\\*\n"),
    (El("ul", {}, ["1. x"]), "- 1. x\n", "- 1\\. x\n"),
    (El("ul", {}, ["a\nb"]), "- a b\n", "- a b\n"),
    (El("ul", {}, [El("li")]), "-\n", "-\n"),
    (El("section", {}, [El("ul", {}, ["a"]), p("b")]), "- a\n\nb\n", "- a\n\nb\n"),
])
def test_lists_marks_numbers_from_one_and_continuation_lines(tree, text, markdown):
    """Bullets, numbers from 1, later lines of an item under its text, nested lists."""
    assert to_text(tree) == text
    assert to_markdown(tree, 0) == markdown


def test_a_text_table_lines_up_its_columns():
    """Caption, then rows: the first column to the left, the others to the right, two spaces
    between, each as wide as its longest cell; no separator line under the header."""
    tree = El("table", {}, [
        El("caption", {}, ["Costs"]),
        El("thead", {}, [El("tr", {}, [El("th", {}, ["Name"]), El("th", {}, ["Fee"])])]),
        El("tbody", {}, [
            El("tr", {}, [El("th", {}, ["Acme"]), El("td", {}, ["12.5", El("span", {"aria-hidden": "true"}, ["!"])])]),
            El("tr", {}, [El("th", {}, ["B"]), El("td", {}, ["7"])]),
            El("tr", {}, [El("th", {}, ["Longname", El("br"), "Ltd"]), El("td", {}, ["100"])]),
        ]),
    ])
    assert to_text(tree) == ("Costs\n"
                             "\n"
                             "Name           Fee\n"
                             "Acme          12.5\n"
                             "B                7\n"
                             "Longname Ltd   100\n")
    assert to_markdown(tree) == ("**Costs**\n"
                                 "\n"
                                 "| Name | Fee |\n"
                                 "|---|---|\n"
                                 "| Acme | 12.5 |\n"
                                 "| B | 7 |\n"
                                 "| Longname Ltd | 100 |\n")


@pytest.mark.parametrize("tree, text", [
    (tbl(["x" * 40, "1"], ["a", "22"]), "x" * 40 + "   1\n" + "a" + " " * 41 + "22\n"),
    (tbl(["x" * 41, "1"], ["a", "22"]), "x" * 41 + " | 1\n" + "a | 22\n"),
    (tbl(["x", "yy"], head=["A", "B", "C"]), "A   B  C\nx  yy\n"),
    (tbl(["A"], head=["Name"]), "Name\nA\n"),
    (tbl(caption="Cap"), "Cap\n"),
    (El("table", {}, [" ", El("tbody", {}, [" ", El("tr", {}, [El("td", {}, ["a"])])])]), "a\n"),
])
def test_text_table_widths_ragged_rows_and_prose_tables(tree, text):
    """Columns up to 40 characters a cell; a longer cell makes rows of " | "; short rows fit."""
    assert to_text(tree) == text


def test_a_table_in_a_list_item_sits_under_the_mark():
    """Each row of a table in a list item is indented to the item's text."""
    tree = El("ul", {}, [El("li", {}, [tbl(["A", "1"], head=["Name", "Fee"])])])
    assert to_text(tree) == "- Name  Fee\n  A       1\n"
    assert to_markdown(tree) == "- | Name | Fee |\n  |---|---|\n  | A | 1 |\n"


@pytest.mark.parametrize("tree, markdown", [
    (tbl(["B*", ""], caption="Costs", head=["Name", "Fee"]), "**Costs**\n\n| Name | Fee |\n|---|---|\n| B\\* |   |\n"),
    (tbl(["x", "yy"], head=["A", "B", "C"]), "| A | B | C |\n|---|---|---|\n| x | yy |   |\n"),
    (tbl(["x", "y"], head=["A"]), "| A |   |\n|---|---|\n| x | y |\n"),
    (tbl(["a"]), "| a |\n|---|\n"),
    (tbl(caption="Cap"), "**Cap**\n"),
    (tbl(["a|b", "c\nd"]), "| a&#124;b | c d |\n|---|---|\n"),
    (El("table", {}, [" ", El("tbody", {}, [" ", El("tr", {}, [El("td", {}, [El("strong", {}, ["1"]), El("br"), "2"])])])]),
     "| **1** 2 |\n|---|\n"),
])
def test_markdown_tables_header_separator_and_padded_rows(tree, markdown):
    """The first row is the header, then |---| per column; short rows and empty cells padded."""
    assert to_markdown(tree) == markdown


# ----- Markdown escaping ------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("plain text", "plain text"),
    ("say \"hi\" (x): it's.", "say \"hi\" (x): it's."),
    ("a\\b", "a\\\\b"), ("`", "\\`"), ("*", "\\*"), ("_", "\\_"), ("[", "\\["), ("]", "\\]"), ("!", "\\!"),
    ("{", "\\{"), ("}", "\\}"), ("\\*", "\\\\\\*"),
    ("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "&#124;"), ("~", "&#126;"), ("&amp;", "&amp;amp;"),
    ("#", "\\#"), ("+ x", "\\+ x"), ("-5", "\\-5"), ("--", "\\--"), ("  # h", "  \\# h"),
    ("a - b # c + d", "a - b # c + d"), ("->", "\\-&gt;"),
    ("1. x", "1\\. x"), ("12) x", "12\\) x"), ("1.", "1\\."), ("1.\tx", "1\\.\tx"), ("  3. x", "  3\\. x"),
    ("1.5", "1.5"), ("1.x", "1.x"), ("a1. x", "a1. x"), ("1 . x", "1 . x"),
    ("# 1. *Acme* <script>", "\\# 1. \\*Acme\\* &lt;script&gt;"),
    ("=", "&#61;"), ("=== x", "&#61;== x"), ("a = b", "a = b"), ("=<", "&#61;&lt;"),
    ("a\nb", "a b"), ("a\rb", "a b"), ("  a \r\n b  ", "a b"), ("x\ty", "x\ty"), ("a  b", "a  b"),
    ("\n# h", "\\# h"), ("\n1. x", "1\\. x"), ("\n= x", "&#61; x"),
])
def test_escape_markdown_makes_each_markup_character_plain(text, expected):
    """Backslashes for inline markup, references for HTML/table/strike characters, and a
    backslash before a line's heading, list or ordered-list mark; newlines fold to spaces."""
    assert escape_markdown(text) == expected


# ----- errors.py --------------------------------------------------------------------------------

@pytest.mark.parametrize("ch, expected", [
    ("\x00", "\\x00"), ("\t", "\\x09"), ("\n", "\\x0a"), ("\x1b", "\\x1b"), ("\x7f", "\\x7f"), ("\x9f", "\\x9f"),  # Cc
    ("\xad", "\\xad"), ("\u200b", "\\u200b"), ("\u202e", "\\u202e"), ("\ufeff", "\\ufeff"),  # Cf
    ("\U000e0001", "\\U000e0001"),  # Cf above the BMP
    ("\ud800", "\\ud800"), ("\udfff", "\\udfff"),  # Cs
    ("\ue000", "\\ue000"), ("\U000f0000", "\\U000f0000"), ("\U0010fffd", "\\U0010fffd"),  # Co
    ("\u0378", "\\u0378"), ("\uffff", "\\uffff"), ("\U0001000c", "\\U0001000c"), ("\U0010ffff", "\\U0010ffff"),  # Cn
    ("\u2028", "\\u2028"), ("\u2029", "\\u2029"),  # Zl, Zp
    # kept: the joiners, letters on either side of each escape-width boundary, spaces, marks
    ("\u200c", "\u200c"), ("\u200d", "\u200d"), ("\xff", "\xff"), ("\u0100", "\u0100"), ("\U00010000", "\U00010000"),
    (" ", " "), ("\xa0", "\xa0"), ("\u0301", "\u0301"), ("é", "é"), ("€", "€"), ("😀", "😀"), ("'", "'"),
])
def test_each_invisible_or_acting_character_has_its_visible_escape(ch, expected):
    """\\xNN below 0x100, \\uNNNN below 0x10000, \\UNNNNNNNN above; other characters as they are."""
    assert _escape(ch) == expected
    assert clean_line("<" + ch + ">") == "<" + expected + ">"


@pytest.mark.parametrize("text, limit, expected", [
    ("abcde", 5, "abcde"),                # exactly the limit
    ("abcdef", 5, "abcd…"),               # one over
    ("abcdefghij", 5, "abcd…"),           # twice the limit
    ("abcdefghijk", 5, "abcd…"),          # past twice the limit
    ("a\x1b", 5, "a\\x1b"),               # escaped, exactly the limit
    ("\x1bab", 5, "\\x1b…"),              # escaped, one over
    ("a", 1, "a"),
    ("ab", 1, "…"),
    ("", 0, ""),
    ("y" * 1000, MAX_MESSAGE, "y" * 1000),
    ("y" * 1001, MAX_MESSAGE, "y" * 999 + "…"),
    ("y" * 2000, MAX_MESSAGE, "y" * 999 + "…"),
    ("y" * 2001, MAX_MESSAGE, "y" * 999 + "…"),
])
def test_clean_line_cuts_to_the_limit_with_an_ellipsis(text, limit, expected):
    """Longer than the limit (after escaping): limit - 1 characters and "…"."""
    assert clean_line(text, limit) == expected


def test_clean_line_defaults_to_a_thousand_characters_and_escapes_in_place():
    """The default limit is MAX_MESSAGE, 1000; escapes replace characters where they stand."""
    assert MAX_MESSAGE == 1000
    assert clean_line("y" * 1000) == "y" * 1000
    assert clean_line("y" * 1001) == "y" * 999 + "…"
    assert clean_line("bad \x1b[31mred\n") == "bad \\x1b[31mred\\x0a"


@pytest.mark.parametrize("value, limit, expected", [
    ("colour", 40, "'colour'"),
    ("", 40, "''"),
    ("it's", 40, "'it's'"),
    ("a\nb", 40, "'a\\x0ab'"),
    ("a" * 40, 40, "'" + "a" * 40 + "'"),
    ("a" * 41, 40, "'" + "a" * 39 + "…'"),
    ("abcd", 4, "'abcd'"),
    ("abcdef", 4, "'abc…'"),
    (5, 40, "'5'"),
    (2.5, 40, "'2.5'"),
    (None, 40, "'None'"),
    (True, 40, "'True'"),
    (["a"], 40, "'['a']'"),
    ("'a'", 40, "''a''"),
    (10 ** 40, 40, "'1" + "0" * 38 + "…'"),
    (10 ** 40 + 1, 40, "a number of about 40 digits"),
    (-(10 ** 40) - 1, 40, "a number of about 40 digits"),
    pytest.param(10 ** 5000, 40, "a number of about 5,000 digits", id="ten-to-the-5000"),
    (100, 2, "'1…'"),
    (101, 2, "a number of about 2 digits"),
    (1000, 2, "a number of about 3 digits"),
])
def test_shown_quotes_text_as_is_and_other_values_by_repr(value, limit, expected):
    """Text in quotes, cleaned and cut; other values by repr; a huge whole number by its size."""
    assert shown(value, limit) == expected


def test_shown_defaults_to_forty_characters():
    """MAX_SHOWN is 40 characters of the value."""
    assert shown("a" * 40) == "'" + "a" * 40 + "'"
    assert shown("a" * 41) == "'" + "a" * 39 + "…'"
    assert shown(10 ** 40 + 1) == "a number of about 40 digits"


def test_an_error_is_invalid_input_with_nothing_else_by_default():
    """Kind invalid_input; to_dict holds only the message and the kind."""
    err = CalculatorError("bad")
    assert isinstance(err, ValueError)
    assert str(err) == "bad"
    assert err.message == "bad"
    assert err.kind == "invalid_input"
    assert (err.question, err.allowed, err.field, err.reader, err.errors, err.detail) == (None,) * 6
    assert err.to_dict() == {"message": "bad", "kind": "invalid_input"}


def test_an_errors_fields_are_kept_cleaned_and_listed_in_order():
    """question and field cleaned to 100 characters; allowed and errors copied to lists."""
    allowed = ("a", "b")
    problems = [{"field": "f", "message": "m"}]
    err = CalculatorError("m\x1b", kind="unknown_question", question="q\x1b", allowed=allowed, field="f\n",
                          reader="r", errors=problems, detail="d")
    problems.append({"field": "g", "message": "n"})
    assert err.message == "m\\x1b"
    assert err.allowed == ["a", "b"]
    assert err.errors == [{"field": "f", "message": "m"}]
    data = err.to_dict()
    assert list(data) == ["message", "kind", "question", "allowed", "field", "reader", "errors", "detail"]
    assert data == {"message": "m\\x1b", "kind": "unknown_question", "question": "q\\x1b", "allowed": ["a", "b"],
                    "field": "f\\x0a", "reader": "r", "errors": [{"field": "f", "message": "m"}], "detail": "d"}
    assert CalculatorError("m", allowed=[], errors=[]).to_dict() == {
        "message": "m", "kind": "invalid_input", "allowed": [], "errors": []}


@pytest.mark.parametrize("name", ["question", "field"])
def test_question_and_field_are_cut_at_a_hundred_characters(name):
    """A question id or field name past 100 characters ends with an ellipsis at 100."""
    assert getattr(CalculatorError("m", **{name: "q" * 100}), name) == "q" * 100
    assert getattr(CalculatorError("m", **{name: "q" * 101}), name) == "q" * 99 + "…"


def test_an_error_message_is_one_line_of_at_most_a_thousand_characters():
    """The whole message is cleaned and cut like clean_line's default."""
    assert CalculatorError("y" * 1000).message == "y" * 1000
    assert CalculatorError("y" * 1001).message == "y" * 999 + "…"
    assert CalculatorError("a\u202eb").message == "a\\u202eb"


A41, A40 = "a" * 41, "a" * 40


@pytest.mark.parametrize("message, expected", [
    ("unknown question '" + A40 + "'", "unknown question '" + A40 + "'"),
    ("unknown question '" + A41 + "'", "unknown question '" + "a" * 39 + "…'"),
    ("'" + A41 + "'", "'" + "a" * 39 + "…'"),
    ("1'" + A41 + "'", "1'" + "a" * 39 + "…'"),
    ("x'" + A41 + "'", "x'" + A41 + "'"),
    ("'" + A41 + "'s", "'" + A41 + "'s"),
    ("'" + "a" * 20 + "\n" + "a" * 21 + "'", "'" + "a" * 20 + "\\x0a" + "a" * 21 + "'"),
    ("'" + "a" * 20 + "' '" + "b" * 20 + "'", "'" + "a" * 20 + "' '" + "b" * 20 + "'"),
    ("'" + A41 + "' and '" + "b" * 50 + "'", "'" + "a" * 39 + "…' and '" + "b" * 39 + "…'"),
])
def test_a_long_quoted_value_in_a_message_is_cut_to_forty_characters(message, expected):
    """A quote of 41 or more characters (not an apostrophe in a word, not over a line) is cut."""
    assert CalculatorError(message).message == expected
