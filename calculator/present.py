"""What is shown, as data: a small element tree, and the generic renderers that turn it into
HTML, plain text and Markdown.

A view builds a tree of :class:`El` (a tag from a closed list, attributes from a closed list,
children) and text (plain ``str``). The tree says *what* is shown; the renderers here say *how*
for each output, once, for every view:

- :func:`to_html` for the build (one escaping function, :func:`escape`, for text and attributes);
- :func:`to_text` for the command line (tables of short cells in aligned columns; drawings and
  ``aria-hidden`` repeats left out);
- :func:`to_markdown` for memos: every piece of reader text is escaped so that Markdown
  renderers show it as the same plain text, and raw HTML never passes through;
- :func:`to_json` for the browser, where docs/javascripts/present.mjs mounts the same tree with
  ``createElement``/``textContent``/``setAttribute`` only, refusing any tag or attribute not in
  the same lists (tests/engine/test_present.py checks the lists match).

A bad tree (an unknown tag or attribute, a link to a ``javascript:`` address, a child that is
neither text nor an element) raises ``CalculatorError`` of kind ``bad_tree``: it is a bug in a
view, never the reader's fault.

>>> tree = El("p", {"class": "note"}, ["Fees <b>&</b> ", El("strong", {}, ["credits"])])
>>> to_html(tree)
'<p class="note">Fees &lt;b&gt;&amp;&lt;/b&gt; <strong>credits</strong></p>'
>>> to_markdown(tree)
'Fees &lt;b&gt;&amp;&lt;/b&gt; **credits**\\n'
>>> to_text(tree)
'Fees <b>&</b> credits\\n'
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Union

from .errors import CalculatorError

__all__ = ["ATTRIBUTES", "El", "Node", "SVG", "TAGS", "VOID", "escape", "escape_markdown", "from_json",
           "to_html", "to_json", "to_markdown", "to_text"]

# The closed lists. docs/javascripts/present.mjs holds the same two lists (tested).
TAGS = frozenset({
    "section", "div", "p", "span", "strong", "em", "small", "code", "a", "br",
    "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
    "label", "meter", "figure", "figcaption",
    "svg", "rect", "title",
})
ATTRIBUTES = frozenset({
    "class", "id", "href", "scope", "colspan", "title", "role", "tabindex", "for",
    "aria-label", "aria-labelledby", "aria-describedby", "aria-hidden",
    "data-section", "data-provider", "data-criterion", "data-status", "data-rank",
    "data-model", "data-label", "min", "max", "value",
    "viewBox", "preserveAspectRatio", "x", "y", "width", "height",
})
# An element with no closing tag and no children.
VOID = frozenset({"br"})
# The chart's drawing (a bar's parts as rectangles, each with its tooltip): SVG, mounted in the
# SVG namespace. Only these tags may sit inside an <svg>, and they may sit nowhere else.
SVG = frozenset({"svg", "rect", "title"})
BLOCKS = frozenset({"section", "div", "p", "figure", "figcaption", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                    "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr"})
# A link may go to a path on this site, a fragment, or an http(s) address; nothing else
# (no javascript:, data: or protocol-relative //host addresses).
_SAFE_HREF = re.compile(r"^(?:/(?!/)|#|\?|https?://)", re.IGNORECASE)


def _bad(message: str) -> CalculatorError:
    return CalculatorError(f"presentation tree: {message}", kind="bad_tree")


# Inside an <svg>: the shapes; they may sit nowhere else.
_SHAPES = SVG - {"svg"}


class El:
    """One element: a tag, its attributes (in order) and its children (elements or text).

    Made once and never changed (nothing assigns to an element after it is made; the fields are
    slots, not a frozen dataclass, because a result's views make a few hundred of them on every
    answer in a phone's Python)."""

    __slots__ = ("tag", "attrs", "children")
    tag: str
    attrs: tuple[tuple[str, str], ...]
    children: tuple["Node", ...]

    def __init__(self, tag: str, attrs: Mapping[str, Any] | None = None,
                 children: Iterable["Node | None"] = ()) -> None:
        if tag not in TAGS:
            raise _bad(f"tag {tag!r} is not allowed")
        pairs = []
        if attrs:
            for name, value in attrs.items():
                if value is None:
                    continue
                if name not in ATTRIBUTES:
                    raise _bad(f"attribute {name!r} is not allowed (on <{tag}>)")
                value = str(value)
                if name == "href" and not _SAFE_HREF.match(value):
                    raise _bad(f"link {value!r} is not a site path or an http(s) address")
                pairs.append((name, value))
        kids = [child for child in children if child is not None and child != ""]
        drawing = tag in SVG and tag != "title"
        for child in kids:
            if isinstance(child, str):
                if drawing:
                    raise _bad(f"<{tag}> holds only <rect> and <title> elements")
            elif not isinstance(child, El):
                raise _bad(f"a child of <{tag}> is {type(child).__name__}, not text or an element")
            elif drawing != (child.tag in _SHAPES):
                if drawing:
                    raise _bad(f"<{tag}> holds only <rect> and <title> elements")
                raise _bad(f"<{child.tag}> belongs inside an <svg>, not in <{tag}>")
        if kids and tag in VOID:
            raise _bad(f"<{tag}> has no children")
        self.tag = tag
        self.attrs = tuple(pairs)
        self.children = tuple(kids)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, El):
            return NotImplemented
        return (self.tag, self.attrs, self.children) == (other.tag, other.attrs, other.children)

    def __hash__(self) -> int:
        return hash((self.tag, self.attrs, self.children))

    def __repr__(self) -> str:
        return f"El({self.tag!r}, {dict(self.attrs)!r}, {list(self.children)!r})"

    def attr(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


Node = Union[El, str]


# What html.escape(text, quote=True) replaces, written out here so the engine does not load the
# html package (and its entity tables) into the browser's trimmed standard library.
_HTML_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """The one escaping function of the HTML output (text and attribute values alike).

    >>> escape("<a href='x'>Tom & Jerry</a>")
    '&lt;a href=&#x27;x&#x27;&gt;Tom &amp; Jerry&lt;/a&gt;'
    """
    return text.translate(_HTML_ESCAPES)


def to_html(node: Node) -> str:
    """The tree as HTML: every text and attribute value escaped, nothing else added."""
    if isinstance(node, str):
        return escape(node)
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in node.attrs)
    if node.tag in VOID:
        return f"<{node.tag}{attrs}>"
    inner = "".join(to_html(child) for child in node.children)
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"


def to_json(node: Node) -> Any:
    """The tree as JSON-ready data: text is a string, an element ``{"t", "a", "c"}`` with its
    attributes as a list of pairs (so their order survives key sorting)."""
    if isinstance(node, str):
        return node
    return {"t": node.tag, "a": [list(p) for p in node.attrs], "c": [to_json(c) for c in node.children]}


def from_json(data: Any) -> Node:
    """The tree back from :func:`to_json`'s form, checked like any tree."""
    if isinstance(data, str):
        return data
    if not isinstance(data, dict) or set(data) != {"t", "a", "c"}:
        raise _bad("a node must be text or an object with t, a and c")
    if not isinstance(data["a"], list) or not all(isinstance(p, list) and len(p) == 2 for p in data["a"]):
        raise _bad("attributes must be a list of [name, value] pairs")
    if not isinstance(data["c"], list) or not isinstance(data["t"], str):
        raise _bad("t must be a tag name and c a list of children")
    return El(data["t"], dict((str(k), v) for k, v in data["a"]), [from_json(c) for c in data["c"]])


# ----- plain text -----------------------------------------------------------------------------

def _inline_text(node: Node) -> str:
    if isinstance(node, str):
        return " ".join(node.split()) if "\n" in node else node
    if node.tag in SVG or node.attr("aria-hidden") == "true":
        return ""                # a drawing (a table beside it holds its figures) or a repeat
    if node.tag == "br":
        return " "
    return "".join(_inline_text(c) for c in node.children)


def _text_blocks(node: Node, out: list[str]) -> None:
    """A block as lines of text (a nested list's lines are padded by its item's mark, _marked)."""
    if isinstance(node, str) or node.tag not in BLOCKS:
        out.append(_inline_text(node))
        return
    if node.tag == "table":
        _text_table(node, out)
        return
    if node.tag in ("ul", "ol"):
        for number, item in enumerate(node.children, 1):
            inner: list[str] = []
            _text_blocks(item, inner)  # a bare text item is one line, as its paragraph would be
            out += _marked(inner, f"{number}. " if node.tag == "ol" else "- ")
        out.append("")
        return
    if node.tag in ("p", "caption", "figcaption", "dt", "dd") or node.tag.startswith("h"):
        out += [_inline_text(node), ""]
        return
    run: list[Node] = []
    for child in node.children:          # section, div, li: inline runs become lines
        if isinstance(child, El) and child.tag in BLOCKS:
            if run:
                out += ["".join(_inline_text(c) for c in run), ""]
                run = []
            _text_blocks(child, out)
        else:
            run.append(child)
    if run:
        out += ["".join(_inline_text(c) for c in run), ""]


# A table whose cells are all at most this long is laid out in aligned columns; a longer cell
# is prose, and its rows are written one to a line with " | " between the cells.
_SHORT_CELL = 40


def _text_table(table: El, out: list[str]) -> None:
    """A table for a terminal: its caption, then its rows. Short cells line up in columns, the
    first column to the left and the others (figures, and their headings) to the right."""
    for part in table.children:
        if isinstance(part, El) and part.tag == "caption":
            out += [_inline_text(part), ""]
    rows = [[_inline_text(cell) for cell in row.children]
            for part in table.children if isinstance(part, El) and part.tag in ("thead", "tbody")
            for row in part.children if isinstance(row, El)]
    if any(len(text) > _SHORT_CELL for row in rows for text in row):
        out += [" | ".join(row) for row in rows]
    else:
        widths = [max((len(row[i]) for row in rows if i < len(row)), default=0) for i in range(max(map(len, rows), default=0))]
        out += ["  ".join(text.ljust(widths[i]) if i == 0 else text.rjust(widths[i])
                          for i, text in enumerate(row)) for row in rows]
    out.append("")


def _marked(inner: list[str], mark: str) -> list[str]:
    """A list item's lines (blank ones dropped) under its mark: the first after the mark, the
    rest padded to line up with it; an empty item is the mark alone. Text and Markdown alike."""
    lines = [line for line in inner if line.strip()] or [""]
    pad = " " * len(mark)
    return [(mark if i == 0 else pad) + line for i, line in enumerate(lines)]


def _tidy(lines: list[str]) -> str:
    text = "\n".join(line.rstrip() for line in lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text + "\n"


def to_text(node: Node) -> str:
    """The tree as plain text: blocks on their own lines, lists with "- ", table rows with " | "."""
    out: list[str] = []
    _text_blocks(node, out)
    return _tidy(out)


# ----- Markdown -------------------------------------------------------------------------------

# Both CommonMark and Python-Markdown let these be escaped with a backslash; they can start
# markup anywhere in a line (emphasis, code, links, images, attribute lists).
_MD_BACKSLASHED = "\\`*_[]!{}"
# These are written as character references instead, which every Markdown renderer shows as the
# character and none reads as markup (raw HTML, entities, tables, strikethrough).
_MD_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
# Both in one pass (the two sets share no character, so neither escape is escaped again).
_MD_ESCAPES = str.maketrans({**{ch: "\\" + ch for ch in _MD_BACKSLASHED}, **_MD_ENTITY})
_MD_ANY = re.compile("[" + re.escape(_MD_BACKSLASHED + "".join(_MD_ENTITY)) + "]")
# These start a block only at the beginning of a line: headings, lists, rules, setext underlines.
_MD_LINE_START = re.compile(r"^(\s*)([#+\-])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    """Reader text for Markdown: shown as the same plain text, never as markup.

    >>> escape_markdown("# 1. *Acme* <script>")
    '\\\\# 1. \\\\*Acme\\\\* &lt;script&gt;'
    """
    text = " ".join(text.split()) if ("\n" in text or "\r" in text) else text
    if _MD_ANY.search(text):
        text = text.translate(_MD_ESCAPES)
    if text.startswith("="):
        text = "&#61;" + text[1:]
    text = _MD_LINE_START.sub(r"\1\\\2", text)
    return _MD_ORDERED.sub(r"\1\\\2", text)


def _emphasis(inner: str, mark: str) -> str:
    """``inner`` between two ``mark``s, its own spaces outside them: CommonMark reads ``** a**``
    as plain asterisks, not bold (a delimiter run next to a space does not open or close)."""
    core = inner.strip()
    if not core:
        return inner
    start = inner.index(core[0])
    return f"{inner[:start]}{mark}{core}{mark}{inner[start + len(core):]}"


def _md_inline(node: Node) -> str:
    if isinstance(node, str):
        return escape_markdown(node)
    if node.tag in SVG or node.attr("aria-hidden") == "true":
        return ""
    if node.tag == "br":
        return " "
    inner = "".join(_md_inline(c) for c in node.children)
    if not inner.strip():
        return inner
    if node.tag == "strong":
        return _emphasis(inner, "**")
    if node.tag == "em":
        return _emphasis(inner, "_")
    if node.tag == "code":
        return f"`{_inline_text(node).replace('`', '')}`"
    if node.tag == "a" and node.attr("href"):
        href = node.attr("href").replace("(", "%28").replace(")", "%29").replace(" ", "%20")
        return f"[{inner}]({href})"
    return inner


def _md_blocks(node: Node, out: list[str], level: int) -> None:
    if isinstance(node, str) or node.tag not in BLOCKS:
        out += [_md_inline(node), ""]
        return
    if node.tag.startswith("h"):  # h2 to h6, the only blocks whose names start with h
        depth = min(6, int(node.tag[1]) + level)
        out += ["#" * depth + " " + _md_inline(node), ""]
        return
    if node.tag in ("p", "dt", "dd", "caption", "figcaption"):
        text = _md_inline(node)
        out += [_emphasis(text.strip(), "**") if node.tag in ("dt", "caption") else text, ""]
        return
    if node.tag == "table":
        _md_table(node, out)
        return
    if node.tag in ("ul", "ol"):
        for number, item in enumerate(node.children, 1):
            inner: list[str] = []
            _md_blocks(item, inner, level)  # bare text: the same line as its paragraph
            out += _marked(inner, f"{number}. " if node.tag == "ol" else "- ")
        out.append("")
        return
    run: list[Node] = []
    for child in node.children:
        if isinstance(child, El) and child.tag in BLOCKS:
            if run:
                out += ["".join(_md_inline(c) for c in run), ""]
                run = []
            _md_blocks(child, out, level)
        else:
            run.append(child)
    if run:
        out += ["".join(_md_inline(c) for c in run), ""]


def _md_table(table: El, out: list[str]) -> None:
    rows = [row for part in table.children if isinstance(part, El) and part.tag in ("thead", "tbody")
            for row in part.children if isinstance(row, El)]
    caption = next((c for c in table.children if isinstance(c, El) and c.tag == "caption"), None)
    if caption is not None:
        out += [_emphasis(_md_inline(caption).strip(), "**"), ""]
    if not rows:
        return
    cells = [[_md_inline(cell) or " " for cell in row.children] for row in rows]
    width = max(len(r) for r in cells)
    cells = [r + [" "] * (width - len(r)) for r in cells]
    out.append("| " + " | ".join(cells[0]) + " |")
    out.append("|" + "---|" * width)
    out += ["| " + " | ".join(r) + " |" for r in cells[1:]]
    out.append("")


def to_markdown(node: Node, heading_offset: int = 0) -> str:
    """The tree as Markdown. ``heading_offset`` moves every heading down that many levels."""
    out: list[str] = []
    _md_blocks(node, out, heading_offset)
    return _tidy(out)
