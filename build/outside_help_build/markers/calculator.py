"""<!-- outside-help: calculator inline|page -->: the calculator, with the example answers checked,
the example figures filled in and the engine's result for them pre-rendered (a real result at
first paint), and the page config its script (docs/javascripts/calculator.mjs) reads."""

from __future__ import annotations

from outside_help_build import content, first_taps, sources
from outside_help_build import render as shells
from outside_help_build.markers import _page

KIND = "calculator"


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    page_link = data.site.page_url("calculator") if marker.variant == "inline" else None
    heading = shells.calculator_heading(heading_level) + 1
    config = {**_page.runtime(data), "example": {"share": data.examples.reply["share"]},
              "taps": first_taps.config(uid, heading)}
    place = _page.place(data, uid, heading)
    reply = content.ask_example(data, {"op": "score", "share": data.examples.reply["share"], "page": place},
                                "the example answers and figures do not score")
    return shells.render_calculator(
        uid=uid,
        variant=marker.variant,
        heading_level=heading_level,
        schema=data.schemas.questions,
        cost_schema=data.schemas.cost_inputs,
        example=data.examples.example,
        reply=reply,
        views={"result": _page.html(data, reply["tree"]["result"]),
               "cost": _page.html(data, reply["tree"].get("cost", []))},
        links=_page.links(data),
        config=config,
        page_link=page_link,
        plan_link=data.site.page_url("planner"),
    )
