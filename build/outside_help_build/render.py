"""HTML for the calculator, the planner, the worked examples and the model card.

One job: paint the engine's display-ready views (calculator/view.py, cost_view.py, plan_view.py)
and its model card with the templates in templates/. Nothing here words a result: the views do,
once, and the browser's painter (docs/javascripts/calculator-paint.mjs) paints the same views in
the same markup when the reader changes an answer. Every value a template prints goes through
`html.escape` (the environment's `finalize`), so no text from the engine or the reader can
become markup.
"""

from __future__ import annotations

import functools
import html
import json
from pathlib import Path
from typing import Any, Mapping

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"

# The weight a reader can give a question (calculator/questions.toml: 0 ignores it, 5 decides).
WEIGHT_WORDS = (
    (0, "Ignore"),
    (1, "A little"),
    (2, "Some"),
    (3, "A lot"),
    (4, "Very much"),
    (5, "Decisive"),
)


def _escape(value: Any) -> str:
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def environment() -> jinja2.Environment:
    # autoescape is off because `finalize` escapes every printed value with html.escape.
    # Templates compose with {% include %} only (an included template's output is not printed
    # through finalize, so nothing is escaped twice).
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        finalize=_escape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )


@functools.cache
def _env() -> jinja2.Environment:
    """One environment per process (Jinja reloads a template whose file changed)."""
    return environment()


def effect(value: int) -> str:
    """An effect as the model card prints it: +2, 0, −1."""
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"\u2212{-value}")


class Links:
    """Where the painted links point, and what they say.

    `base` is the site root's path as links start it: "" for a site at the domain's root,
    "/docs" under a folder (site_url's path without its last slash). Links are root-relative
    because the same HTML must come out of every generator, and only some tell a Markdown
    extension which page it is rendering. `texts` maps a guide URL to its link text.
    """

    def __init__(self, base: str, texts: Mapping[str, str]):
        self.base = base.rstrip("/")
        self.texts = dict(texts)

    def href(self, url: str) -> str:
        """A site-root URL ("how-to-choose/#who-directs") as a link: "/how-to-choose/#who-directs"."""
        return f"{self.base}/{url}"

    def text(self, url: str) -> str:
        """The link text of a guide section: "Guide: <its title>"."""
        return self.texts[url]


def config_json(config: Mapping[str, Any]) -> str:
    return json.dumps(config, sort_keys=True, separators=(",", ":"))


def render_calculator(
    *,
    uid: str,
    variant: str,
    heading_level: int,
    schema: Mapping[str, Any],
    cost_schema: Mapping[str, Any],
    example: Mapping[str, Any],
    reply: Mapping[str, Any],
    links: Links,
    config: Mapping[str, Any],
    page_link: str | None,
    plan_link: str | None,
) -> str:
    """The whole calculator: the form with the example answers checked, the cost part with the
    example figures, the status line, and the engine's result for the example, pre-rendered."""
    return _env().get_template("calculator.html").render(
        uid=uid,
        variant=variant,
        h=max(2, min(heading_level, 5)),
        questions=schema["questions"],
        weight_words=WEIGHT_WORDS,
        answers=reply["result"]["answers"],
        example=example,
        cost_schema=cost_schema,
        cost_figures=example["cost"],
        v=reply["view"],
        cv=reply["cost_view"],
        links=links,
        config_json=config_json(config),
        page_link=page_link,
        plan_link=plan_link,
    )


def render_planner(
    *,
    uid: str,
    heading_level: int,
    schema: Mapping[str, Any],
    example: Mapping[str, Any],
    reply: Mapping[str, Any],
    links: Links,
    config: Mapping[str, Any],
    max_workstreams: int,
    max_name: int,
) -> str:
    """The planner: the example plan's workstream cards, a template for new ones, and the
    engine's plan for the example, pre-rendered."""
    rows = reply["plan"]["rows"]
    return _env().get_template("plan.html").render(
        uid=uid,
        h=max(2, min(heading_level, 5)),
        questions=schema["questions"],
        example={"title": example["title"], "workstreams": rows},
        pv=reply["plan_view"],
        links=links,
        config_json=config_json(config),
        max_workstreams=max_workstreams,
        max_name=max_name,
    )


def render_example(*, heading_level: int, schema: Mapping[str, Any], reply: Mapping[str, Any],
                   links: Links, link: str, uid: str) -> str:
    """A worked example: the answers a share code holds, the engine's result, and a link."""
    questions = {q["id"]: q for q in schema["questions"]}
    answers = [
        (questions[qid]["prompt"], next(o["label"] for o in questions[qid]["options"] if o["id"] == oid))
        for qid, oid in reply["result"]["answers"].items()
    ]
    return _env().get_template("example.html").render(
        # No heading of its own: the result's section titles take the heading level itself.
        uid=uid, h=max(1, min(heading_level - 1, 5)), answers=answers, total=len(schema["questions"]),
        v=reply["view"], links=links, link=link,
    )


def render_plan_example(*, heading_level: int, reply: Mapping[str, Any], links: Links, link: str) -> str:
    """A worked plan, from a plan link: the engine's plan view and a link that opens it."""
    return _env().get_template("plan_example.html").render(
        h=max(1, min(heading_level - 1, 5)), pv=reply["plan_view"], links=links, link=link,
    )


def render_model_card(*, card: Mapping[str, Any], heading_level: int, links: Links) -> str:
    """Every question, effect, rationale, gate, warning, pointer and threshold, with sources."""
    names = {m["id"]: m["name"] for m in card["models"]}
    steps = {s["id"]: s for s in card["steps"]}
    return _env().get_template("model_card.html").render(
        card=card,
        links=links,
        effect=effect,
        name=names.get,
        step=steps.get,
        tie_break_names=[names[m] for m in card["tie_break"]],
        h=max(2, min(heading_level, 6)),
    )



# Where the engine's element tree goes in a template: the template prints this token (plain
# text, unchanged by escaping), and the tree's HTML replaces it. That HTML comes from the
# engine's own renderer (calculator/present.py: to_html, with its one escaping function), so
# the build never words or paints a view itself.
VIEW_SLOT = "@@outside-help-view@@"


def _with_view(page: str, view_html: str) -> str:
    if page.count(VIEW_SLOT) != 1:
        raise ValueError("a template with an engine view prints VIEW_SLOT exactly once")
    return page.replace(VIEW_SLOT, view_html)


def render_providers(*, uid: str, heading_level: int, view_html: str, config: Mapping[str, Any]) -> str:
    """The provider comparison: its form (filled by its script), status lines, and the engine's
    view of the starting evaluation, pre-rendered."""
    page = _env().get_template("providers.html").render(
        uid=uid, h=max(2, min(heading_level, 5)), config_json=config_json(config), view_slot=VIEW_SLOT,
    )
    return _with_view(page, view_html)


def render_providers_example(*, view_html: str, link: str) -> str:
    """A worked provider evaluation: the engine's view and a link that opens it on the page."""
    page = _env().get_template("providers_example.html").render(link=link, view_slot=VIEW_SLOT)
    return _with_view(page, view_html)
