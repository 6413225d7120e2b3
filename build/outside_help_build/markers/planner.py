"""<!-- outside-help: planner -->: the planner, with the example plan's workstreams and the
engine's plan for them pre-rendered, and the page config its script (docs/javascripts/plan.mjs)
reads."""

from __future__ import annotations

from outside_help_build import content, sources
from outside_help_build import render as shells
from outside_help_build.markers import _page

KIND = "planner"


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    config = {**_page.runtime(data), "maxWorkstreams": data.schemas.limits["workstreams"]}
    place = _page.place(data, uid, shells.calculator_heading(heading_level) + 1)
    reply = content.ask_example(data, {"op": "plan", "share": data.examples.plan_reply["plan"]["share"], "page": place},
                                "the example plan does not plan")
    return shells.render_planner(
        uid=uid,
        heading_level=heading_level,
        schema=data.schemas.questions,
        example=data.examples.example["plan"],
        reply=reply,
        view_html=_page.html(data, reply["tree"]["plan"]),
        links=_page.links(data),
        config=config,
        max_workstreams=data.schemas.limits["workstreams"],
        max_name=data.schemas.limits["name"],
    )
