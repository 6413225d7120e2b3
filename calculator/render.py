"""The result for people outside the browser: plain text for terminals and a Markdown memo.

Both paint the one result view (calculator/view.py); nothing here words the result itself.
Reader text (a plan's names, anything a reader typed) goes into Markdown only through
``md_text``, so every Markdown renderer shows it as the same plain text; a memo's links go only
to a ``site_url`` that ``check_site_url`` accepted.
"""

from __future__ import annotations

import re
from typing import Any, Mapping, Sequence

from .cost_view import cost_view
from .data import catalogue
from .errors import CalculatorError
from .result import Result
from .share import encode_share
from .view import result_view

__all__ = ["DEFAULT_SITE_URL", "check_site_url", "md_text", "render_markdown", "render_text", "text_from_view"]

DEFAULT_SITE_URL = "https://outside-help.netlify.app/"  # keep in step with mkdocs.yml site_url
CALCULATOR_PATH = "calculator/"  # the calculator page, relative to the site root


# Characters with a meaning in Markdown. Those both CommonMark and Python-Markdown let a
# backslash escape are escaped that way; the others become character references, which every
# renderer shows as the character and never as markup (CommonMark spec 0.31, "Backslash escapes"
# and "Entity and numeric character references"; Python-Markdown's ESCAPED_CHARS).
_BACKSLASHED = frozenset("\\`*_[]{}#!")
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
# What starts a block when a line begins with it: a list item ('-', '+', '1.', '1)').
_BLOCK_START = re.compile(r"^(\s*)([-+]|\d+[.)])")
# A memo's links go only to the site: http(s) with a plain host (no user part), or a path on
# the same site that starts with one '/' ('//host' and '/\\host' go to another site), and only
# characters that cannot end a Markdown link or start markup.
_SITE_URL = re.compile(r"^(https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/!$&*+,;=:@-]*)?"
                       r"|/(?![/\\])[A-Za-z0-9._~%/!$&*+,;=:@-]*)$")


def md_text(text: str) -> str:
    r"""Reader text for a Markdown memo: shown as the same plain text by any renderer.

    >>> md_text("[bank login](https://evil.example/login)")
    '\\[bank login\\](https://evil.example/login)'
    >>> md_text("<img src=x onerror=alert(1)>"), md_text("1. A | B")
    ('&lt;img src=x onerror=alert(1)&gt;', '1\\. A &#124; B')
    """
    out = "".join("\\" + ch if ch in _BACKSLASHED else _REFERENCES.get(ch, ch) for ch in text)
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], out, count=1)


def check_site_url(site_url: Any) -> str:
    """The base address for a memo's links, or an error naming what is accepted.

    >>> check_site_url("https://outside-help.netlify.app/"), check_site_url("/")
    ('https://outside-help.netlify.app/', '/')
    >>> check_site_url("//evil.example/")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: site_url must be an http(s) address such as https://example.org/ or a path on this site starting with a single '/'
    """
    if not isinstance(site_url, str) or len(site_url) > 2000 or not _SITE_URL.match(site_url):
        raise CalculatorError("site_url must be an http(s) address such as https://example.org/ or a path on this "
                              "site starting with a single '/'", kind="bad_request", field="site_url")
    return site_url


def _item_text(item: Mapping[str, Any]) -> str:
    return item["text"] + (f" ({item['note']})" if item["note"] else "")


def render_text(result: Result, notes: Sequence[str] = (), width: int = 30) -> str:
    """The result for a terminal: headline, score bars, confidence, then each section."""
    return text_from_view(result_view(result, notes), result.share, width)


def text_from_view(view: Mapping[str, Any], share: str, width: int = 30) -> str:
    """A result's view (as the API replies with it) for a terminal."""
    lines = [view["headline"], view["outcome"], ""]
    for row in view["scores"]:
        bar = "#" * round(row["value"] / 100 * width)
        status = f"  [{row['note'] or row['status']}]" if row["status"] else ""
        lines.append(f"  {row['name']:<20} {row['display']:>5}  {bar}{status}")
    if view["confidence"]:
        lines += ["", view["confidence"]]
    for section in view["sections"]:
        lines += ["", f"{section['title']}:"] + [f"  - {_item_text(i)}" for i in section["items"]]
    lines += ["", f"Share code: {share}"]
    return "\n".join(lines) + "\n"


def _link(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


def calculator_link(site_url: str, share: str) -> str:
    """The address that opens these answers in the calculator."""
    return f"{site_url.rstrip('/')}/{CALCULATOR_PATH}?answers={share}"


def _cost_markdown(cost: Mapping[str, Any], fit: Mapping[str, Any]) -> list[str]:
    view = cost_view(cost, fit)
    head = [c["label"] for c in view["columns"]]
    labels = view["labels"]
    out = ["", "## What it will cost", "", f"**{view['headline']}**", "",
           f"| {labels['model']} | " + " | ".join(head) + f" | {labels['total']} |",
           "| --- |" + " ---: |" * (len(head) + 1)]
    for row in view["rows"]:
        cells = [row["cells"][c["id"]] for c in view["columns"]]
        out.append(f"| {row['name']} | " + " | ".join(cells) + f" | {row['total'] or row['note']} |")
    if view["lines"]:
        out += [""] + [f"- {line}" for line in view["lines"]]
    return out


def render_markdown(
    result: Result,
    site_url: str = DEFAULT_SITE_URL,
    notes: Sequence[str] = (),
    cost: Mapping[str, Any] | None = None,
    *,
    view: Mapping[str, Any] | None = None,
) -> str:
    """A short decision memo in Markdown, with links back to the guides and to these answers
    (and, when cost figures were entered, the cost table). `view`: the result's view
    (`result_view(result, notes)`) when the caller has already built it.

    >>> from calculator import score
    >>> memo = render_markdown(score({"direction": "us"}))
    >>> memo.splitlines()[0]
    '# Decision memo: how to bring in outside help'
    >>> "calculator/?answers=v3d1-" in memo
    True
    """
    view = result_view(result, notes) if view is None else view
    cat = catalogue()
    out = ["# Decision memo: how to bring in outside help", "",
           f"**{view['headline']}** ({view['verdict_label']})", "", view["outcome"], ""]
    out += ["| Model | Score (0-100) | |", "| --- | ---: | --- |"]
    out += [f"| {row['name']} | {row['display']} | {row['note'] or ''} |" for row in view["scores"]]
    if view["confidence"]:
        out += ["", view["confidence"]]
    for section in view["sections"]:
        out += ["", f"## {section['title']}", ""]
        for item in section["items"]:
            link = f" ([guide]({_link(site_url, item['guide']['url'])}))" if item["guide"] else ""
            out.append(f"- {_item_text(item)}{link}")
    out += ["", "## Answers", ""]
    for q in cat.questions:
        chosen = result.answers.get(q.id)
        out.append(f"- {q.prompt} {q.option(chosen).label if chosen else '(unanswered)'}")
    if result.weights:
        out += ["", "## Changed weights", ""]
        out += [f"- {cat.question(q).prompt} weight {w} (default {cat.question(q).weight})"
                for q, w in result.weights.items()]
    share = result.share
    if cost is not None and cost["entered"]:
        out += _cost_markdown(cost, result.to_dict())
        share = encode_share(result.answers, result.weights, cost["inputs"])
    out += [
        "",
        f"[Open these answers in the calculator]({calculator_link(site_url, share)})",
        "",
        f"_Model version {result.model_version}. A first-pass screen: it does not judge vendors, "
        "prices, locations or contracts._",
    ]
    return "\n".join(out) + "\n"
