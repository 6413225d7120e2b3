"""<!-- outside-help: plan-example CODE -->: a worked plan from a plan link's code, with a link
that opens it in the planner. A damaged code fails the build (a worked example must be whole)."""

from __future__ import annotations

from outside_help_build import content, sources
from outside_help_build import render as shells
from outside_help_build.errors import BuildError
from outside_help_build.markers import _page

KIND = "plan-example"


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    reply = content.ask_example(data, {"op": "plan", "share": marker.variant,
                                       "page": _page.place(data, uid, shells.example_heading(heading_level))},
                                f"line {marker.line}: the plan code {marker.variant!r} does not open")
    if reply["plan_view"]["notes"]:
        raise BuildError(f"line {marker.line}: the plan code {marker.variant!r} is damaged: "
                         + " ".join(reply["plan_view"]["notes"]))
    link = f"{data.site.page_url("planner")}?plan={reply['plan']['share']}" if data.site.page_url("planner") else ""
    return shells.render_plan_example(view_html=_page.html(data, reply["tree"]["plan"]), link=link)
