"""HTML for the calculator slot and the model card, rendered at build time from the engine's data.

One job: turn the engine's JSON (question schema, a scored result, the model card) into HTML.
The templates live in templates/ next to this file, as data. Every value a template prints goes through
`html.escape` (the environment's `finalize`), so no text from questions.toml can become markup.
The browser script (docs/javascripts/calculator.mjs) rebuilds the same result markup with
`textContent` when the reader changes an answer; the phrases both use are defined once here and
passed to the browser in the slot's config (see `phrases()`).
"""

from __future__ import annotations

import functools
import html
import json
import math
from pathlib import Path
from typing import Any, Mapping

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"

VERDICT_WORDS = {
    "clear": "clear fit",
    "leaning": "leaning",
    "close_call": "close call",
    "no_answers": "no answers yet",
}


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


# ---------------------------------------------------------------------------------------------
# Formatting shared with the browser (calculator.mjs implements the same functions).
# ---------------------------------------------------------------------------------------------

def fmt1(value: float) -> str:
    """A score or margin with one decimal, as JavaScript's toFixed(1) prints it."""
    return f"{value:.1f}"


def percent(share: float) -> str:
    """0.875 -> '88%': rounded half up, exactly as Math.floor(x * 100 + 0.5) does."""
    return f"{math.floor(share * 100 + 0.5)}%"


def effect(value: int) -> str:
    return f"+{value}" if value > 0 else ("0" if value == 0 else f"\u2212{-value}")


class Context:
    """What a template needs besides the data: model names, links and guide titles.

    `base` is the site root's path as links start it: "" for a site at the domain's root,
    "/docs" under a folder (site_url's path without its last slash). Links are root-relative
    because the same HTML must come out of every generator, and only some tell a Markdown
    extension which page it is rendering.
    """

    def __init__(self, *, base: str, models: list[Mapping[str, Any]], guides: Mapping[str, str]):
        self.base = base.rstrip("/")
        self.models = list(models)
        self.names = {m["id"]: m["name"] for m in models}
        self.guides = dict(guides)

    def name(self, model_id: str) -> str:
        return self.names[model_id]

    def link(self, guide: Mapping[str, str]) -> str:
        """The guide section's root-relative URL, e.g. /how-to-choose/#who-directs."""
        return f"{self.base}/{guide['url']}"

    def guide_text(self, guide: Mapping[str, str]) -> str:
        return "Guide: " + self.guides.get(guide["url"], guide["anchor"].replace("-", " "))

    def outcome(self, change: Mapping[str, Any]) -> str:
        """What a changed answer would lead to, in words."""
        if change["verdict"] == "close_call":
            pair = change["headline"].split("+")
            return "a close call between " + " and ".join(self.name(m) for m in pair)
        return f"{self.name(change['recommendation'])} ({VERDICT_WORDS[change['verdict']]})"


def _globals(ctx: Context) -> dict[str, Any]:
    return {
        "ctx": ctx,
        "fmt1": fmt1,
        "percent": percent,
        "effect": effect,
        "verdict_word": VERDICT_WORDS.get,
    }


def recommendation_attr(result: Mapping[str, Any]) -> str:
    """The value of data-recommendation: the model id, or `hybrid` for a close call."""
    return "hybrid" if result["close_call"] else result["recommendation"]


def render_calculator(
    *,
    uid: str,
    variant: str,
    heading_level: int,
    schema: Mapping[str, Any],
    reply: Mapping[str, Any],
    example: Mapping[str, Any],
    ctx: Context,
    config: Mapping[str, Any],
    page_link: str | None,
) -> str:
    """The whole calculator: form (example answers checked), status, pre-rendered result."""
    result = reply["result"]
    return _env().get_template("calculator.html").render(
        **_globals(ctx),
        uid=uid,
        variant=variant,
        h=max(2, min(heading_level, 5)),
        questions=schema["questions"],
        weight_words=WEIGHT_WORDS,
        answers=result["answers"],
        example=example,
        reply=reply,
        r=result,
        rec_attr=recommendation_attr(result),
        config_json=json.dumps(config, sort_keys=True, separators=(",", ":")),
        page_link=page_link,
    )


def render_model_card(*, card: Mapping[str, Any], heading_level: int, ctx: Context) -> str:
    questions = {
        q["id"]: {"prompt": q["prompt"], "options": {o["id"]: o["label"] for o in q["options"]}}
        for q in card["questions"]
    }
    combinations = [
        {**c, "model_names": [ctx.name(m) for m in c["models"]]} for c in card["combinations"]
    ]
    return _env().get_template("model_card.html").render(
        **_globals(ctx),
        card={**card, "combinations": combinations},
        questions=questions,
        tie_break_names=[ctx.name(m) for m in card["tie_break"]],
        h=max(2, min(heading_level, 6)),
    )
