"""What the calculator's HTML is made from, gathered once per process and shared by every page.

Four parts (`Content`): the site (its root, the link texts of the guide sections the engine links
to, from the docs' Markdown, and where each tool's page is, from the markers: `Site`); what the
engine asks and uses (its question schema, cost inputs, model card and plan limits: `Schemas`);
the examples every page starts from and the engine's replies for them (`Examples`); and the
runtime files the pages load (publish.py), with the engine itself. Gathering it checks the inputs
first (checks.py), so a bad input fails before any HTML exists.
"""

from __future__ import annotations

import functools
import importlib
import threading
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from outside_help_build import checks, engine, publish, sources
from outside_help_build.errors import BuildError

# How a guide section is named in a link: the wording of every "Guide: ..." link on the site.
GUIDE_TEXT = "Guide: {title}"


@dataclass(frozen=True)
class Site:
    """Where things are on the site being built."""

    base: str                        # the site root's path as links start it: "" or "/docs"
    url: str                         # mkdocs.yml's site_url ("/" when it has none)
    guides: dict[str, str]           # guide URL -> its link text ("Guide: <section title>")
    pages: dict[str, str]            # each tool's page relative to the site root ("calculator/"),
                                     # for the tools the docs have a marker for

    def page_url(self, tool: str) -> str | None:
        """A tool's page as links start it ("/calculator/"), None when no page holds it."""
        return f"{self.base}/{self.pages[tool]}" if tool in self.pages else None


@dataclass(frozen=True)
class Schemas:
    """What the engine says it asks and uses, for the forms and the model card."""

    questions: dict[str, Any]        # the engine's {"op": "questions"} reply
    cost_inputs: dict[str, Any]      # the engine's {"op": "cost_inputs"} reply
    card: dict[str, Any]             # calculator.model_card()
    limits: dict[str, int]           # the plan's limits: workstreams, characters in a name


@dataclass(frozen=True)
class Examples:
    """The examples every page starts from (example.toml) and the engine's replies for them."""

    example: dict[str, Any]          # example.toml
    reply: dict[str, Any]            # the engine's score reply for the example answers and figures
    plan_reply: dict[str, Any]       # the engine's plan reply for the example workstreams


@dataclass(frozen=True)
class Content:
    site: Site
    schemas: Schemas
    examples: Examples
    bundle: publish.Bundle           # the runtime files the pages load
    engine: ModuleType               # the engine the pages are rendered from


def base_of(site_url: str) -> str:
    """The path links start with, from site_url: "https://x.org/" -> "", "https://x.org/docs/" ->
    "/docs".

    >>> base_of("https://outside-help.netlify.app/"), base_of("https://x.org/docs/"), base_of("")
    ('', '/docs', '')
    """
    return urlsplit(site_url).path.rstrip("/")


_gathering = threading.Lock()


def load(root: Path, docs_dir: Path, site_url: str) -> Content:
    """The content for the checkout at `root`, gathered on the first call in this process."""
    with _gathering:
        return _load(Path(root).resolve(), Path(docs_dir).resolve(), site_url)


def forget() -> None:
    """Gather everything again on the next call, from the engine and docs as they are now."""
    with _gathering:
        _load.cache_clear()
        engine.forget()
        publish.forget()


def _ok(calculator: ModuleType, request: dict[str, Any], what: str) -> dict[str, Any]:
    reply = engine.ask(calculator, request)
    if not reply.get("ok"):
        raise BuildError(f"{what}: {reply['error']['message']}")
    return reply


@functools.cache
def _load(root: Path, docs_dir: Path, site_url: str) -> Content:
    checks.require(root, docs_dir)
    calculator = engine.load(root)
    pages = sources.pages(docs_dir)
    example = engine.example()
    site_url = site_url or "/"
    reply = _ok(calculator, {"op": "score", "answers": example["answers"], "cost": example["cost"],
                             "site_url": site_url}, "the example answers and figures do not score")
    plan_reply = _ok(calculator, {"op": "plan", "workstreams": example["plan"]["workstreams"],
                                  "site_url": site_url}, "the example plan does not plan")
    guides = {
        guide["url"]: GUIDE_TEXT.format(title=pages[guide["page"]].sections[guide["anchor"]].title)
        for _, guide in engine.guide_links(calculator)
    }
    found = {"calculator": ("calculator", "page"), "planner": ("planner", None), "providers": ("providers", None)}
    tool_pages = {}
    for tool, (kind, variant) in found.items():
        holding = [page.url for page in pages.values()
                   if any(m.kind == kind and (variant is None or m.variant == variant) for m in page.markers)]
        if holding:
            tool_pages[tool] = holding[0]
    return Content(
        site=Site(base=base_of(site_url), url=site_url, guides=guides, pages=tool_pages),
        schemas=Schemas(
            questions=_ok(calculator, {"op": "questions"}, "the engine's question schema failed")["questions"],
            cost_inputs=_ok(calculator, {"op": "cost_inputs"}, "the engine's cost inputs failed")["cost_inputs"],
            card=calculator.model_card(),
            limits=_plan_limits(),
        ),
        examples=Examples(example=example, reply=reply, plan_reply=plan_reply),
        bundle=publish.bundle(root),
        engine=calculator,
    )


def _plan_limits() -> dict[str, int]:
    """The plan's limits, from the engine (its plan module; `calculator.plan` is the function)."""
    plan_module = importlib.import_module(f"{engine.PACKAGE}.plan")
    return {"workstreams": plan_module.MAX_WORKSTREAMS, "name": plan_module.MAX_NAME}


def ask_example(data: Content, request: dict[str, Any], where: str) -> dict[str, Any]:
    """The engine's reply for a worked example on a page; its error becomes a BuildError."""
    return _ok(data.engine, {**request, "site_url": data.site.url}, where)
