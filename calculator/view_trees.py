"""The result, cost and plan views as element trees: how the page shows them, written once.

The views (calculator/view.py, cost_view.py, plan_view.py) word everything a reader sees; the
functions here lay those words out as a tree of :class:`~calculator.present.El`. The build turns
a tree into HTML with ``present.to_html`` (the result at first paint), and the browser mounts the
same tree with docs/javascripts/present.mjs when the reader changes an answer, so the markup at
build time and in the browser is the same by construction (tests/engine/test_view_trees.py checks it
over many answer sets, tests/browser the mount).

A tree depends on where it is shown, given as a :class:`Place`: the ids of the calculator it sits
in, the level of its section headings, where the site's root is, and the link text of each
guide section (the build reads the titles from the guides). The API takes the same as a request's
``"page"`` (``read_place``), so the page and the build ask for the same tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import CalculatorError
from .present import El, Node

__all__ = ["Place", "cost_tree", "plan_tree", "read_place", "result_tree"]

# An id a calculator's elements start with (the build's "ohc1", "ohc2", ...): letters first,
# then letters, digits, '-' and '_', so that "<uid>-score-<model>" is a valid, unique id.
_UID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,39}$")
# The site's root as links start it: "/" or "/docs/" (a path, starting and ending with '/').
_LINK_BASE = re.compile(r"^/(?:[A-Za-z0-9._~%!$&*+,;=:@-]+/)*$")
_MAX_GUIDES = 200
_MAX_GUIDE_TEXT = 300


@dataclass(frozen=True)
class Place:
    """Where a tree is shown.

    ``uid``: the calculator's id (its score bars and chart title get ids from it); ``heading``:
    the level of the tree's section headings (2 to 6); ``link_base``: the site root's path, with
    which every guide link starts; ``guides``: a guide URL ("how-to-choose/#who-directs") to its
    link text ("Guide: Who directs the work"). A guide URL without a text is shown with the words
    of its anchor, as "Guide: who directs", or of its page when it has none ("Guide: how to choose").
    """

    uid: str = "ohc"
    heading: int = 3
    link_base: str = "/"
    guides: Mapping[str, str] = field(default_factory=dict)

    def href(self, url: str) -> str:
        return self.link_base + url

    def guide(self, guide: Mapping[str, str] | None) -> El | None:
        if not guide:
            return None
        url = guide["url"]
        # The anchor's words, or the page's when the link has no anchor ("how-to-choose/").
        page, _, anchor = url.partition("#")
        words = anchor or page.removesuffix("/").split("/")[-1]
        text = self.guides.get(url) or "Guide: " + words.replace("-", " ")
        return El("a", {"href": self.href(url)}, [text])

    def subtitle(self, text: str) -> El:
        return El(f"h{self.heading}", {"class": "ohc-subtitle"}, [text])


def _bad(message: str) -> CalculatorError:
    return CalculatorError(f"page: {message}", kind="bad_request", field="page")


def read_place(data: Any) -> Place:
    """A request's ``"page"`` as a :class:`Place`, or an error naming what is wrong with it."""
    if not isinstance(data, dict):
        raise _bad("must be an object with uid, heading, link_base and guides")
    unknown = sorted(set(data) - {"uid", "heading", "link_base", "guides"})
    if unknown:
        raise _bad(f"unknown field {unknown[0]!r}")
    uid = data.get("uid", "ohc")
    if not isinstance(uid, str) or not _UID.match(uid):
        raise _bad("uid must be a letter then up to 39 letters, digits, '-' or '_'")
    heading = data.get("heading", 3)
    if type(heading) is not int or not 2 <= heading <= 6:
        raise _bad("heading must be a whole number from 2 to 6")
    link_base = data.get("link_base", "/")
    if not isinstance(link_base, str) or len(link_base) > 500 or not _LINK_BASE.match(link_base):
        raise _bad("link_base must be a path on this site that starts and ends with '/'")
    guides = data.get("guides", {})
    if not isinstance(guides, dict) or len(guides) > _MAX_GUIDES:
        raise _bad(f"guides must be an object of at most {_MAX_GUIDES} guide links and their texts")
    for url, text in guides.items():
        if not isinstance(text, str) or not 0 < len(text) <= _MAX_GUIDE_TEXT:
            raise _bad(f"the text of guide {url[:60]!r} must be text of 1 to {_MAX_GUIDE_TEXT} characters")
    return Place(uid, heading, link_base, dict(guides))


def _note(text: str | None) -> list[Node]:
    """A short qualifier after a text: ' (note)'."""
    return [" ", El("span", {"class": "ohc-item-note"}, [f"({text})"])] if text else []


# ----- the result ----------------------------------------------------------------------------

def result_tree(view: Mapping[str, Any], place: Place) -> list[Node]:
    """The result's body: the verdict and outcome, each model's score as a bar, the confidence,
    then each section of the view with its items and guide links."""
    out: list[Node] = [
        El("p", {"class": "ohc-verdict", "data-section": "verdict"}, [
            El("span", {"class": f"ohc-badge ohc-badge--{view['verdict']}"}, [view["verdict_label"]]),
            " ", view["outcome"]]),
        El("div", {"class": "ohc-scores", "data-section": "scores"}, [_score(row, place) for row in view["scores"]]),
    ]
    if view["confidence"]:
        out.append(El("p", {"class": "ohc-confidence", "data-section": "confidence"}, [view["confidence"]]))
    for section in view["sections"]:
        tone = f" ohc-section--{section['tone']}" if section["tone"] else ""
        out.append(El("div", {"class": "ohc-section" + tone, "data-section": section["id"]}, [
            place.subtitle(section["title"]),
            El("ul", {}, [El("li", {}, [item["text"], *_note(item["note"]),
                                        *([" ", place.guide(item["guide"])] if item["guide"] else [])])
                          for item in section["items"]]),
        ]))
    return out


def _score(row: Mapping[str, Any], place: Place) -> El:
    bar = f"{place.uid}-score-{row['model']}"
    classes = "ohc-score" + (" ohc-score--top" if row["top"] else "") + (f" ohc-score--{row['status']}" if row["status"] else "")
    # The spaces between the parts are for text and memos (a grid, as the page lays this out,
    # shows none); the number beside the bar repeats the meter's value, which assistive
    # technology and the text outputs read instead.
    return El("div", {"class": classes, "data-model": row["model"]}, [
        El("label", {"class": "ohc-score__name", "for": bar}, [row["name"]]), " ",
        El("meter", {"class": "ohc-score__bar", "id": bar, "min": 0, "max": 100, "value": row["value"]},
           [f"{row['display']} of 100"]),
        El("span", {"class": "ohc-score__value", "aria-hidden": "true"}, [row["display"]]),
        *([" ", El("span", {"class": "ohc-score__note"}, [row["note"]])] if row["note"] else []),
    ])


# ----- the cost comparison -------------------------------------------------------------------

def cost_tree(view: Mapping[str, Any], place: Place) -> list[Node]:
    """The cost comparison: the headline, a chart (one bar per model, its parts in percent of the
    widest bar), the same figures as a table for anyone who cannot see the chart, the notes."""
    labels = view["labels"]
    out: list[Node] = [El("p", {"class": "ohc-cost__headline", "data-section": "cost-headline"},
                          [El("strong", {}, [view["headline"]])])]
    if view["chart"]["bars"]:
        title = f"{place.uid}-chart-title"
        out.append(El("figure", {"class": "ohc-chart", "data-section": "cost-chart", "aria-labelledby": title}, [
            El("figcaption", {"class": "ohc-chart__title", "id": title}, [view["chart"]["title"]]),
            El("ul", {"class": "ohc-chart__legend"}, [
                El("li", {}, [El("span", {"class": f"ohc-swatch ohc-swatch--{entry['line']}", "aria-hidden": "true"}),
                              entry["label"]]) for entry in view["legend"]]),
            El("div", {"class": "ohc-chart__bars"}, [_bar(bar) for bar in view["chart"]["bars"]]),
        ]))
    columns = view["columns"]
    out.append(El("div", {"class": "ohc-cost-table", "data-section": "cost-table"}, [El("table", {}, [
        El("caption", {}, [labels["caption"]]),
        El("thead", {}, [El("tr", {}, [
            El("th", {"scope": "col"}, [labels["model"]]),
            *(El("th", {"scope": "col"}, [col["label"]]) for col in columns),
            El("th", {"scope": "col"}, [labels["total"]])])]),
        El("tbody", {}, [El("tr", {"data-model": row["model"], "data-status": row["status"]}, [
            El("th", {"scope": "row"}, [row["name"], *_note(row["note"])]),
            *(El("td", {"data-label": col["label"]}, [row["cells"][col["id"]]]) for col in columns),
            El("td", {"data-label": labels["total"]}, [row["total"]])]) for row in view["rows"]]),
    ])]))
    if view["lines"]:
        out.append(El("div", {"class": "ohc-section", "data-section": "cost-notes"}, [
            place.subtitle(labels["notes"]),
            El("ul", {}, [El("li", {}, [line]) for line in view["lines"]])]))
    return out


def _bar(bar: Mapping[str, Any]) -> El:
    return El("div", {"class": "ohc-chart__row", "data-model": bar["model"]}, [
        El("p", {"class": "ohc-chart__label"}, [f"{bar['name']}: ", El("strong", {}, [bar["total"]]), *_note(bar["note"])]),
        El("svg", {"class": "ohc-chart__bar", "viewBox": "0 0 100 8", "preserveAspectRatio": "none", "role": "img",
                   "aria-label": bar["label"]}, [
            El("rect", {"class": f"ohc-seg ohc-seg--{seg['line']}", "x": seg["x"], "y": 0, "width": seg["width"], "height": 8},
               [El("title", {}, [f"{seg['label']}: {seg['value']}"])]) for seg in bar["segments"]]),
    ])


# ----- a plan --------------------------------------------------------------------------------

def plan_tree(view: Mapping[str, Any], place: Place) -> list[Node]:
    """A plan: the summary, one row per workstream, the steps in order, the cost, and any notes
    about a plan link that could not be read whole."""
    _, model_label, waiting_label, shift_label = view["columns"]
    out: list[Node] = [
        El("p", {"class": "ohp-summary", "data-section": "plan-summary"}, [El("strong", {}, [view["summary"]])]),
        El("div", {"class": "ohc-cost-table ohp-table", "data-section": "plan-table"}, [El("table", {}, [
            El("caption", {}, [view["caption"]]),
            El("thead", {}, [El("tr", {}, [El("th", {"scope": "col"}, [label]) for label in view["columns"]])]),
            El("tbody", {}, [El("tr", {}, [
                El("th", {"scope": "row"}, [row["name"]]),
                El("td", {"data-label": model_label}, [
                    row["model"], *_note(row["verdict_label"]),
                    *([El("br"), El("span", {"class": "ohp-reason"}, [row["reason"]])] if row["reason"] else []),
                    *(node for caution in row["cautions"]
                      for node in (El("br"), El("span", {"class": "ohp-caution"}, [caution])))]),
                El("td", {"data-label": waiting_label}, [row["waiting_text"]]),
                El("td", {"data-label": shift_label}, [row["shift_text"]])]) for row in view["rows"]]),
        ])]),
    ]
    for step in view["timeline"]:
        out.append(El("div", {"class": "ohc-section", "data-section": "plan-step"}, [
            place.subtitle(step["label"]),
            El("ul", {}, [*(El("li", {}, [item]) for item in step["items"]),
                          El("li", {}, [place.guide(step["guide"])]) if step["guide"] else None])]))
    if view["cost"]:
        out.append(El("p", {"class": "ohp-cost", "data-section": "plan-cost"}, [view["cost"]]))
    if view["notes"]:
        out.append(El("div", {"class": "ohc-section ohc-section--info", "data-section": "plan-notes"}, [
            place.subtitle(view["notes_title"]),
            El("ul", {}, [El("li", {}, [note]) for note in view["notes"]])]))
    return out
