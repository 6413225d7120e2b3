"""<!-- outside-help: calculator-example CODE -->: a worked example, the answers a share code
holds and the engine's result for them, with a link that opens them in the calculator."""

from __future__ import annotations

from outside_help_build import content, sources
from outside_help_build import render as shells
from outside_help_build.markers import _page

KIND = "calculator-example"


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    reply = content.ask_example(data, {"op": "score", "share": marker.variant,
                                       "page": _page.place(data, uid, shells.example_heading(heading_level))},
                                f"line {marker.line}: the example code {marker.variant!r} does not open")
    link = f"{data.site.page_url("calculator")}?answers={reply['share']}" if data.site.page_url("calculator") else ""
    return shells.render_example(schema=data.schemas.questions, reply=reply, view_html=_page.html(data, reply["tree"]["result"]),
                                 link=link, uid=uid)
