"""Safe memos (issue 19): a workstream's name in a plan memo renders as the same plain text in
real Markdown renderers with raw HTML enabled (Python-Markdown, as MkDocs uses it, and
markdown-it-py's CommonMark with html on), never as a link, image, raw HTML, comment or heading."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import markdown
import pytest
from markdown_it import MarkdownIt

from calculator.api import handle
from calculator.present import escape_markdown
from calculator.addresses import check_site_url

HOSTILE_NAMES = [
    "[bank login](https://evil.example/login)",
    "![x](https://evil.example/t.png)",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "# Heading",
    "`code` and ``more``",
    "A | B | C",
    "> quoted",
    "- item",
    "1. first",
    "2) second",
    "+ plus",
    "**bold** _em_ ~~gone~~",
    "&lt;script&gt; &amp; &#60;",
    "back\\slash \\* star",
    "{: onclick=alert(1)}",
    "<https://evil.example/>",
    "[x]: https://evil.example/",
    "Paie 👩‍💻 and می‌شود",
]
RENDERERS = {
    "python-markdown": lambda text: markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html"]),
    "markdown-it": lambda text: MarkdownIt("commonmark", {"html": True}).enable("table").render(text),
}


class _Page(HTMLParser):
    """The tags and the visible text of rendered HTML (comments count as tags)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_comment(self, data):
        self.tags.append("<!--")

    def handle_data(self, data):
        self.text.append(data)


def _rendered(renderer: str, memo: str) -> _Page:
    page = _Page()
    page.feed(RENDERERS[renderer](memo))
    return page


def _plan_memo(names: list[str]) -> str:
    request = {"op": "plan", "workstreams": [{"name": n, "answers": {"kind": "business_process"}} for n in names]}
    reply = json.loads(handle(json.dumps(request)))
    assert reply["ok"], reply
    return reply["memo"]


@pytest.mark.parametrize("renderer", RENDERERS)
@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_renders_as_its_own_text(renderer, name):
    """The memo with the name in the summary, the table, the steps and the shifts: rendered, it
    shows the name's text every time and adds no tag beyond what the memo without it has."""
    memo = _plan_memo([name, "Payroll"])
    plain = _rendered(renderer, _plan_memo(["Reference", "Payroll"]))
    page = _rendered(renderer, memo)
    text = " ".join("".join(page.text).split())
    assert text.count(" ".join(name.split())) >= 2, (memo, text)
    assert sorted(page.tags) == sorted(plain.tags), memo


@pytest.mark.parametrize("renderer", RENDERERS)
def test_two_names_cannot_hide_the_text_between_them(renderer):
    """'<!--' and '-->' as two names: everything between them stays visible."""
    page = _rendered(renderer, _plan_memo(["<!--", "-->"]))
    text = "".join(page.text)
    assert "BPO for <!-- (provisional); BPO for --> (provisional)" in text and "<!--" not in page.tags


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_escaped_text_reads_back_as_the_same_text(name):
    """escape_markdown's output (the one Markdown escaping every memo's text goes through),
    rendered inline, is exactly the input as text."""
    for renderer in RENDERERS:
        page = _rendered(renderer, "Name: " + escape_markdown(name))
        assert "".join(page.text).strip() == f"Name: {name}".strip()
        assert page.tags == ["p"]


@pytest.mark.parametrize("url", [
    "//evil.example/", "/\\evil.example/", "https://a.example/\n<b>x</b>", "javascript:alert(1)",
    "https://outside-help.netlify.app@evil.example/", "https://a.example/)[x](https://evil.example",
    "https://a.example/ x", "ftp://a.example/", "https:///x", "/\x00", "https://a.example/?q=1", "",
])
def test_site_url_accepts_only_http_hosts_and_single_slash_paths(url):
    """In the API: a bad site_url is a bad request, whichever op carries it."""
    for request in ({"op": "score", "answers": {}, "site_url": url},
                    {"op": "plan", "workstreams": [{"name": "A", "answers": {}}], "site_url": url},
                    {"op": "open_link", "values": ["v2d1"], "site_url": url}):
        reply = json.loads(handle(json.dumps(request)))
        assert reply["error"]["kind"] == "bad_request" and "site_url" in reply["error"]["message"]


@pytest.mark.parametrize("url", ["https://outside-help.netlify.app/", "http://127.0.0.1:8000/", "/", "/docs/",
                                 "https://example.org", "https://example.org/a_b-c.d/~e/%20/"])
def test_site_url_keeps_the_addresses_the_site_uses(url):
    assert check_site_url(url) == url
