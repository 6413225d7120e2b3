"""The result for people outside the browser: plain text for terminals and a Markdown memo.

Both paint the one result view (calculator/view.py); nothing here words the result itself.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .cost_view import cost_view
from .data import catalogue
from .result import Result
from .share import encode_share
from .view import result_view

__all__ = ["DEFAULT_SITE_URL", "render_markdown", "render_text"]

DEFAULT_SITE_URL = "https://outside-help.netlify.app/"  # keep in step with mkdocs.yml site_url
CALCULATOR_PATH = "calculator/"  # the calculator page, relative to the site root


def _item_text(item: Mapping[str, Any]) -> str:
    return item["text"] + (f" ({item['note']})" if item["note"] else "")


def render_text(result: Result, notes: Sequence[str] = (), width: int = 30) -> str:
    """The result for a terminal: headline, score bars, confidence, then each section."""
    view = result_view(result, notes)
    lines = [view["headline"], view["outcome"], ""]
    for row in view["scores"]:
        bar = "#" * round(row["value"] / 100 * width)
        status = f"  [{row['note'] or row['status']}]" if row["status"] else ""
        lines.append(f"  {row['name']:<20} {row['display']:>5}  {bar}{status}")
    if view["confidence"]:
        lines += ["", view["confidence"]]
    for section in view["sections"]:
        lines += ["", f"{section['title']}:"] + [f"  - {_item_text(i)}" for i in section["items"]]
    lines += ["", f"Share code: {result.share}"]
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
    >>> "calculator/?answers=v2d1" in memo
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
