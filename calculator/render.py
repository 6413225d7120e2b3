"""The result, the cost and the plan for people outside the browser: plain text for terminals
and Markdown memos.

Each output is a small element tree (calculator/present.py) around the page's own layout of the
views (calculator/view_trees.py), rendered by present's generic ``to_text`` and ``to_markdown``:
nothing here words a result (the views do) or lays one out twice, and reader text (a plan's
names, anything a reader typed) reaches Markdown only through present's one Markdown escaping,
so every Markdown renderer shows it as the same plain text. A memo's links go only to the site
and its tools' pages as calculator/addresses.py checks and makes them.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .addresses import DEFAULT_SITE_URL, Address, read_pages
from .cost_view import cost_view
from .data import catalogue
from .plan_view import plan_view
from .present import El, Node, to_markdown, to_text
from .result import Result
from .share import encode_share
from .view import result_view
from .view_trees import Place, cost_tree, plan_tree, result_tree

__all__ = ["cost_text", "plan_memo", "plan_text", "render_markdown",
           "render_text", "text_from_view"]


MEMO_TITLE = "Decision memo: how to bring in outside help"
PLAN_MEMO_TITLE = "Plan: outside help for several pieces of work"
SCREEN_ONLY = "A first-pass screen: it does not judge vendors, prices, locations or contracts."

def _place(site_url: str) -> Place:
    """Where a memo's or a terminal's tree is shown: links to the site's address (guide links are
    named by their sections' anchors); section headings at Place's level 3, one below the title.
    The ids a Place gives (its uid) show in no memo or terminal, which have no ids."""
    return Place(link_base=site_url.rstrip("/") + "/")


def _without(nodes: list[Node], *sections: str) -> list[Node]:
    """A page tree without the parts a text has no use for (the chart beside its own table, the
    verdict's badge where the text leads with the headline instead)."""
    return [n for n in nodes if not (isinstance(n, El) and n.attr("data-section") in sections)]


def _lead(view: Mapping[str, Any]) -> list[Node]:
    return [El("p", {}, [El("strong", {}, [view["headline"]]), f" ({view['verdict_label']})"]),
            El("p", {}, [view["outcome"]])]


def render_text(result: Result, notes: Sequence[str] = ()) -> str:
    """The result for a terminal: headline, each model's score, confidence, then each section."""
    return text_from_view(result_view(result, notes), result.share)


def text_from_view(view: Mapping[str, Any], share: str) -> str:
    """A result's view (as the API replies with it) for a terminal."""
    nodes = _lead(view) + _without(result_tree(view, _place("/")), "verdict")
    return to_text(El("div", {}, [*nodes, El("p", {}, [f"Share code: {share}"])]))


def cost_text(view: Mapping[str, Any]) -> str:
    """A cost comparison's view for a terminal: the headline, the table, the notes."""
    return to_text(El("div", {}, _without(cost_tree(view, _place("/")), "cost-chart")))


def plan_text(view: Mapping[str, Any]) -> str:
    """A plan's view for a terminal."""
    return to_text(El("div", {}, plan_tree(view, _place("/"))))


def render_markdown(
    result: Result,
    site_url: str = DEFAULT_SITE_URL,
    notes: Sequence[str] = (),
    cost: Mapping[str, Any] | None = None,
    *,
    view: Mapping[str, Any] | None = None,
    shown_cost: Mapping[str, Any] | None = None,
    pages: Mapping[str, str] | None = None,
) -> str:
    """A short decision memo in Markdown, with links back to the guides and to these answers
    (and, when cost figures were entered, the cost table). `view` and `shown_cost`: the result's
    view (`result_view(result, notes)`) and the cost's (`cost_view(cost, result.to_dict())`) when
    the caller has already made them. `pages`: where the site's tools are (addresses.py).

    >>> from calculator import score
    >>> memo = render_markdown(score({"direction": "us"}))
    >>> memo.splitlines()[0]
    '# Decision memo: how to bring in outside help'
    >>> "calculator/?answers=v3d1-41dF" in memo
    True
    """
    view = result_view(result, notes) if view is None else view
    cat = catalogue()
    place = _place(site_url)
    nodes: list[Node] = [El("h2", {}, [MEMO_TITLE]), *_lead(view), *_without(result_tree(view, place), "verdict")]
    nodes += [El("h3", {}, ["Answers"]), El("ul", {}, [
        El("li", {}, [f"{q.prompt} {q.option(result.answers[q.id]).label if q.id in result.answers else '(unanswered)'}"])
        for q in cat.questions])]
    if result.weights:
        nodes += [El("h3", {}, ["Changed weights"]), El("ul", {}, [
            El("li", {}, [f"{cat.question(q).prompt} weight {w} (default {cat.question(q).weight})"])
            for q, w in result.weights.items()])]
    share = result.share
    if cost is not None and cost["entered"]:
        nodes += [El("h3", {}, ["What it will cost"]),
                  *_without(cost_tree(shown_cost or cost_view(cost, result.to_dict()), place), "cost-chart")]
        share = encode_share(result.answers, result.weights, cost["inputs"])
    link = Address(site_url, read_pages(pages)).link("calculator", share)
    nodes += [El("p", {}, [El("a", {"href": link}, ["Open these answers in the calculator"])]),
              El("p", {}, [El("em", {}, [f"Model version {result.model_version}. {SCREEN_ONLY}"])])]
    return to_markdown(El("section", {}, nodes), heading_offset=-1)


def plan_memo(p: Mapping[str, Any], site_url: str, notes: Sequence[str] = (),
              pages: Mapping[str, str] | None = None) -> str:
    """The plan as a Markdown memo, with a link that opens it again (`pages`: addresses.py)."""
    link = Address(site_url, read_pages(pages)).link("planner", p["share"])
    nodes = [El("h2", {}, [PLAN_MEMO_TITLE]), *plan_tree(plan_view(p, notes), _place(site_url)),
             El("p", {}, [El("a", {"href": link}, ["Open this plan"])])]
    return to_markdown(El("section", {}, nodes), heading_offset=-1)
