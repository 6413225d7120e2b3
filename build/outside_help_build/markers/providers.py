"""<!-- outside-help: providers CODE -->: the provider comparison (docs/javascripts/providers.mjs)
with the code's evaluation pre-rendered from the engine's view, so a real result is on screen
before Python loads."""

from __future__ import annotations

from typing import Any

from outside_help_build import content, sources
from outside_help_build import render as shells
from outside_help_build.markers import _page

KIND = "providers"


def evaluation(data: content.Content, marker: sources.Marker, uid: str, heading: int) -> tuple[dict[str, Any], str]:
    """The engine's reply for the evaluation a marker's code holds, laid out for its place (links
    from the site root), and its view as HTML from the engine's own renderer (calculator/present.py)."""
    reply = content.ask_example(data, {"op": "providers", "share": marker.variant, "page": _page.place(data, uid, heading)},
                                f"line {marker.line}: the evaluation code {marker.variant!r} does not open")
    return reply, _page.html(data, [reply["view"]])


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    reply, view_html = evaluation(data, marker, uid, shells.calculator_heading(heading_level) + 1)
    config = {**_page.runtime(data), "example": reply["share"]}
    return shells.render_providers(uid=uid, heading_level=heading_level, view_html=view_html, config=config)
