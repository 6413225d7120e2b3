"""HTML for the calculator, the planner, the worked examples and the model card.

One job: the page shells around the engine's views, from the templates in templates/. Nothing
here words or lays out a result: the engine gives each view as an element tree
(calculator/view_trees.py, providers_view.py), the build turns it into HTML with the engine's own
renderer (calculator/present.py) and the shell prints that HTML in a slot (`Slots`); the browser
mounts the same trees (docs/javascripts/present.mjs) when the reader changes an answer. Every
value a template prints goes through `html.escape` (the environment's `finalize`), so no text
from the engine or the reader can become markup.
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
    views: Mapping[str, str],
    links: Links,
    config: Mapping[str, Any],
    page_link: str | None,
    plan_link: str | None,
) -> str:
    """The whole calculator: the form with the example answers checked, the cost part with the
    example figures, the status line, and the engine's result for the example (`views`: the
    result's and the cost's HTML, laid out for this calculator's ids and heading level)."""
    return _shell("calculator.html", views,
        uid=uid,
        variant=variant,
        h=calculator_heading(heading_level),
        questions=schema["questions"],
        weight_words=WEIGHT_WORDS,
        answers=reply["result"]["answers"],
        example=example,
        cost_schema=cost_schema,
        cost_figures=example["cost"],
        v=reply["view"],
        links=links,
        config_json=config_json(config),
        page_link=page_link,
        plan_link=plan_link,
    )


def calculator_heading(heading_level: int) -> int:
    """The level of a calculator's or planner's own headings ("Your answers", "Result"); its
    result's section headings are one below."""
    return max(2, min(heading_level, 5))


def example_heading(heading_level: int) -> int:
    """The level of a worked example's section headings: a worked example has no heading of its
    own, so its sections take the level of the marker's place."""
    return max(2, min(heading_level, 6))


def render_planner(
    *,
    uid: str,
    heading_level: int,
    schema: Mapping[str, Any],
    example: Mapping[str, Any],
    reply: Mapping[str, Any],
    view_html: str,
    links: Links,
    config: Mapping[str, Any],
    max_workstreams: int,
    max_name: int,
) -> str:
    """The planner: the example plan's workstream cards, a template for new ones, and the
    engine's plan for the example (`view_html`), pre-rendered."""
    rows = reply["plan"]["rows"]
    return _shell("plan.html", {"plan": view_html},
        uid=uid,
        h=calculator_heading(heading_level),
        questions=schema["questions"],
        example={"title": example["title"], "workstreams": rows},
        pv=reply["plan_view"],
        links=links,
        config_json=config_json(config),
        max_workstreams=max_workstreams,
        max_name=max_name,
    )


def render_example(*, schema: Mapping[str, Any], reply: Mapping[str, Any], view_html: str,
                   link: str, uid: str) -> str:
    """A worked example: the answers a share code holds, the engine's result (`view_html`), and a link."""
    given = reply["result"]["answers"]
    answers = [   # in the order the calculator asks them
        (q["prompt"], next(o["label"] for o in q["options"] if o["id"] == given[q["id"]]))
        for q in schema["questions"] if q["id"] in given
    ]
    return _shell("example.html", {"result": view_html},
        uid=uid, answers=answers, total=len(schema["questions"]), v=reply["view"], link=link,
    )


def render_plan_example(*, view_html: str, link: str) -> str:
    """A worked plan, from a plan link: the engine's plan (`view_html`) and a link that opens it."""
    return _shell("plan_example.html", {"plan": view_html}, link=link)


def render_model_card(*, card_html: str) -> str:
    """The model card: the engine's tree of it (calculator/card_tree.py, as HTML) in its shell."""
    return _shell("model_card.html", {"card": card_html})


class Slots:
    """Where the engine's views go in a template: the template prints ``slots.<name>`` (a token,
    plain text that escaping leaves alone), and the view's HTML replaces it. That HTML comes from
    the engine's own renderer (calculator/present.py: to_html, with its one escaping function),
    so the build never words or lays out a view itself."""

    def __init__(self, names: Any) -> None:
        self._names = set(names)

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._names:
            raise AttributeError(f"the template asks for a view {name!r} it was not given")
        return f"@@outside-help-view:{name}@@"


def _shell(template: str, views: Mapping[str, str], **context: Any) -> str:
    """A page shell from `template` with each of `views` in its slot (each printed exactly once)."""
    page = _env().get_template(template).render(slots=Slots(views), **context)
    for name, html_text in views.items():
        token = f"@@outside-help-view:{name}@@"
        if page.count(token) != 1:
            raise ValueError(f"{template} must print slots.{name} exactly once")
        page = page.replace(token, html_text)
    return page


def render_providers(*, uid: str, heading_level: int, view_html: str, config: Mapping[str, Any]) -> str:
    """The provider comparison: its form (filled by its script), status lines, and the engine's
    view of the starting evaluation, pre-rendered."""
    return _shell("providers.html", {"view": view_html},
                  uid=uid, h=calculator_heading(heading_level), config_json=config_json(config))


def render_providers_example(*, view_html: str, link: str) -> str:
    """A worked provider evaluation: the engine's view and a link that opens it on the page."""
    return _shell("providers_example.html", {"view": view_html}, link=link)
