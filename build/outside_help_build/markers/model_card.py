"""<!-- outside-help: model-card -->: every question, weight, effect, gate and source the engine
uses, laid out by the engine (calculator/card_tree.py) with its headings at the marker's place
and its links from the site root."""

from __future__ import annotations

from outside_help_build import content, sources
from outside_help_build import render as shells
from outside_help_build.markers import _page

KIND = "model-card"


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    view_trees = _page.engine_module(data, "view_trees")
    place = view_trees.read_place(_page.place(data, uid, shells.example_heading(heading_level)))
    nodes = _page.engine_module(data, "card_tree").card_tree(data.schemas.card, place)
    present = _page.engine_module(data, "present")
    return shells.render_model_card(card_html="".join(present.to_html(node) for node in nodes))
