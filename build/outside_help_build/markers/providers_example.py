"""<!-- outside-help: providers-example CODE -->: a worked provider evaluation, the engine's view of
the code and a link that opens it in the comparison."""

from __future__ import annotations

from outside_help_build import content, sources
from outside_help_build import render as shells
from outside_help_build.markers import providers

KIND = "providers-example"


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    reply, view_html = providers.evaluation(data, marker, uid, shells.example_heading(heading_level))
    link = f"{data.site.page_url("providers")}?evaluation={reply['share']}" if data.site.page_url("providers") else ""
    return shells.render_providers_example(view_html=view_html, link=link)
