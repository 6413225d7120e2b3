"""The Python-Markdown extension that puts the calculator and the model card into the pages.

Registered under `markdown_extensions` in mkdocs.yml, so MkDocs, ProperDocs and Zensical all run
it (Zensical ignores `hooks:`, but runs Python-Markdown extensions):

    markdown_extensions:
      - outside_help_build.extension:
          site_url: *site_url     # links are root-relative, built from site_url's path
          docs_dir: docs          # the Markdown sources, relative to the checkout's root

A preprocessor replaces each marker line (sources.py) with HTML kept in Python-Markdown's
htmlStash, so nothing parses or changes it afterwards:

    <!-- calculator: inline -->   the calculator: the form with the example answers checked, and
    <!-- calculator: page -->     the engine's result for them pre-rendered (a real result at
                                  first paint, before Python loads in the browser)
    <!-- model-card -->           every question, weight, effect, gate and source
    <!-- plan -->                 the planner, with the example plan pre-rendered
    <!-- calculator-example: v2... -->  a worked example: the answers and the engine's result
    <!-- plan-example: p1... -->        a worked plan
    <!-- providers: e1... -->           the provider comparison, starting from that evaluation
    <!-- providers-example: e1... -->   a worked provider evaluation

Preprocessors run from the highest priority down. This one (22) runs before Python-Markdown's
`html_block` (20), which would otherwise take the marker for an HTML comment, and after
markdown-include (101) and the fenced-code preprocessors (25), so included blocks are seen and
a marker shown in fenced code is left alone. The calculator's headings sit one
level below the last Markdown heading before the marker (h2 when there is none). An unknown or
malformed marker fails the build naming its line.

Links are root-relative (/how-to-choose/#who-directs), built from the path of site_url, because
a Markdown extension is not told the page's URL by every generator.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from outside_help_build import content, render, sources
from outside_help_build.errors import BuildError

# Python-Markdown's html_block preprocessor is registered at 20 (markdown/preprocessors.py).
PRIORITY = 22


class CalculatorExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "site_url": ["", "mkdocs.yml's site_url: its path starts every link the HTML holds"],
            "docs_dir": ["docs", "the docs' Markdown sources, relative to the checkout's root"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(MarkerPreprocessor(md, self.getConfigs()), "outside_help_markers", PRIORITY)


class MarkerPreprocessor(Preprocessor):
    """Replaces marker lines with the calculator's or the model card's HTML."""

    def __init__(self, md: Markdown, config: dict[str, str]) -> None:
        super().__init__(md)
        self.site_url = config["site_url"]
        self.docs_dir = Path(config["docs_dir"])

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        level = 1                     # the last heading's level so far (1: none but the title)
        count = 0
        for number, line in enumerate(lines, 1):
            marker = sources.find_marker(line, number)
            if marker is None:
                level = sources.heading_level(line) or level
                out.append(line)
                continue
            # Gathered on the first marker of the process, not before: pages without a marker,
            # and MkDocs' check of the config, never build the wheel.
            data = content.load(Path.cwd(), self.docs_dir, self.site_url)
            count += 1
            html = RENDERERS[marker.kind](data, marker, level + 1, f"ohc{count}")
            out += ["", self.md.htmlStash.store(html), ""]
        return out


def _links(data: content.Content) -> render.Links:
    return render.Links(data.base, data.guides)


def _runtime(data: content.Content) -> dict[str, Any]:
    """What a page script needs to start the engine: the runtime files, relative to the site root."""
    return {
        "runtime": data.bundle.runtime_path,
        "lockfile": data.bundle.lockfile_path,
        "stdlib": data.bundle.stdlib_path,
        "siteUrl": data.site_url,
        "guides": data.guides,
    }


def _place(data: content.Content, uid: str, heading: int) -> dict[str, Any]:
    """Where a view is shown, as the engine's API takes it (calculator/view_trees.py): the same
    as the page script sends, so the page's first tree and its later ones are laid out alike."""
    return {"uid": uid, "heading": heading, "link_base": data.base + "/", "guides": data.guides}


def _html(data: content.Content, nodes: list[Any]) -> str:
    """An element tree from the engine's reply as HTML, by the engine's own renderer."""
    present = importlib.import_module(f"{data.engine.__name__}.present")
    return "".join(present.to_html(present.from_json(node)) for node in nodes)


def calculator_html(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """The calculator, with the page config its script (docs/javascripts/calculator.mjs) reads."""
    page_link = data.calculator_url if marker.variant == "inline" else None
    config = {**_runtime(data), "example": {"share": data.reply["share"]}}
    place = _place(data, uid, render.calculator_heading(heading_level) + 1)
    reply = content.ask_example(data, {"op": "score", "share": data.reply["share"], "page": place},
                                "the example answers and figures do not score")
    return render.render_calculator(
        uid=uid,
        variant=marker.variant,
        heading_level=heading_level,
        schema=data.schema,
        cost_schema=data.cost_schema,
        example=data.example,
        reply=reply,
        views={"result": _html(data, reply["tree"]["result"]), "cost": _html(data, reply["tree"].get("cost", []))},
        links=_links(data),
        config=config,
        page_link=page_link,
        plan_link=data.planner_url,
    )


def planner_html(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """The planner, with the page config its script (docs/javascripts/plan.mjs) reads."""
    config = {**_runtime(data), "maxWorkstreams": data.limits["workstreams"]}
    place = _place(data, uid, render.calculator_heading(heading_level) + 1)
    reply = content.ask_example(data, {"op": "plan", "share": data.plan_reply["plan"]["share"], "page": place},
                                "the example plan does not plan")
    return render.render_planner(
        uid=uid,
        heading_level=heading_level,
        schema=data.schema,
        example=data.example["plan"],
        reply=reply,
        view_html=_html(data, reply["tree"]["plan"]),
        links=_links(data),
        config=config,
        max_workstreams=data.limits["workstreams"],
        max_name=data.limits["name"],
    )


def example_html(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """A worked example: the answers a share code holds and the engine's result for them."""
    reply = content.ask_example(data, {"op": "score", "share": marker.variant,
                                       "page": _place(data, uid, render.example_heading(heading_level))},
                                f"line {marker.line}: the example code {marker.variant!r} does not open")
    link = f"{data.calculator_url}?answers={reply['share']}" if data.calculator_url else ""
    return render.render_example(schema=data.schema, reply=reply, view_html=_html(data, reply["tree"]["result"]),
                                 link=link, uid=uid)


def plan_example_html(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """A worked plan, from a plan link's code."""
    reply = content.ask_example(data, {"op": "plan", "share": marker.variant,
                                       "page": _place(data, uid, render.example_heading(heading_level))},
                                f"line {marker.line}: the plan code {marker.variant!r} does not open")
    if reply["plan_view"]["notes"]:
        raise BuildError(f"line {marker.line}: the plan code {marker.variant!r} is damaged: "
                                 + " ".join(reply["plan_view"]["notes"]))
    link = f"{data.planner_url}?plan={reply['plan']['share']}" if data.planner_url else ""
    return render.render_plan_example(view_html=_html(data, reply["tree"]["plan"]), link=link)


def _evaluation(data: content.Content, marker: sources.Marker) -> tuple[dict[str, Any], str]:
    """The engine's reply for the evaluation a marker's code holds (links start at the site
    root), and its view as HTML from the engine's own renderer (calculator/present.py)."""
    reply = content.ask_example(data, {"op": "providers", "share": marker.variant, "link_base": data.base + "/"},
                                f"line {marker.line}: the evaluation code {marker.variant!r} does not open")
    return reply, _html(data, [reply["view"]])


def providers_html(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """The provider comparison (docs/javascripts/providers.mjs) with the marker's evaluation
    pre-rendered from the engine's view, so a real result is on screen before Python loads."""
    reply, view_html = _evaluation(data, marker)
    config = {**_runtime(data), "example": reply["share"]}
    return render.render_providers(uid=uid, heading_level=heading_level, view_html=view_html, config=config)


def providers_example_html(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """A worked provider evaluation: the engine's view of the code, and a link that opens it."""
    reply, view_html = _evaluation(data, marker)
    link = f"{data.providers_url}?evaluation={reply['share']}" if data.providers_url else ""
    return render.render_providers_example(view_html=view_html, link=link)


def model_card_html(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """The model card, laid out by the engine (calculator/card_tree.py) with its headings at the
    marker's place and its links from the site root, as HTML by the engine's own renderer."""
    view_trees = importlib.import_module(f"{data.engine.__name__}.view_trees")
    card_tree = importlib.import_module(f"{data.engine.__name__}.card_tree")
    present = importlib.import_module(f"{data.engine.__name__}.present")
    place = view_trees.read_place(_place(data, uid, render.example_heading(heading_level)))
    nodes = card_tree.card_tree(data.card, place)
    return render.render_model_card(card_html="".join(present.to_html(node) for node in nodes))


RENDERERS = {
    "calculator": calculator_html,
    "planner": planner_html,
    "calculator-example": example_html,
    "plan-example": plan_example_html,
    "model-card": model_card_html,
    "providers": providers_html,
    "providers-example": providers_example_html,
}


def makeExtension(**kwargs: Any) -> CalculatorExtension:   # noqa: N802 (Python-Markdown's name)
    return CalculatorExtension(**kwargs)
