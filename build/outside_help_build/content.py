"""What the calculator's HTML is made from, gathered once per process and shared by every page.

The engine's question schema, cost inputs and model card; its replies for the examples
(example.toml: the calculator's answers and figures, the planner's workstreams); the link texts
of the guide sections the engine links to (titles from the docs' Markdown, sources.py); the
URLs of the calculator's and the planner's own pages; and the names of the runtime files the
pages load (publish.py). Gathering it checks the inputs first (checks.py), so a bad input fails
before any HTML exists.
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
class Content:
    base: str                        # the site root's path as links start it: "" or "/docs"
    site_url: str                    # mkdocs.yml's site_url ("/" when it has none)
    schema: dict[str, Any]           # the engine's {"op": "questions"} reply
    cost_schema: dict[str, Any]      # the engine's {"op": "cost_inputs"} reply
    card: dict[str, Any]             # calculator.model_card()
    example: dict[str, Any]          # example.toml
    reply: dict[str, Any]            # the engine's score reply for the example answers and figures
    plan_reply: dict[str, Any]       # the engine's plan reply for the example workstreams
    guides: dict[str, str]           # guide URL -> its link text ("Guide: <section title>")
    calculator_url: str | None       # root-relative URL of the calculator's own page
    planner_url: str | None          # root-relative URL of the planner's page
    providers_url: str | None        # root-relative URL of the provider comparison's page
    pages: dict[str, str]            # each tool's page relative to the site root, for memos' links
    limits: dict[str, int]           # the plan's limits: workstreams, characters in a name
    bundle: publish.Bundle
    engine: ModuleType


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
    base = base_of(site_url)

    def page_of(kind: str, variant: str | None = None) -> str | None:
        found = [page.url for page in pages.values()
                 if any(m.kind == kind and (variant is None or m.variant == variant) for m in page.markers)]
        return found[0] if found else None

    tools = {"calculator": page_of("calculator", "page"), "planner": page_of("planner"),
             "providers": page_of("providers")}

    def own(tool: str) -> str | None:
        return f"{base}/{tools[tool]}" if tools[tool] is not None else None

    return Content(
        base=base,
        site_url=site_url,
        schema=_ok(calculator, {"op": "questions"}, "the engine's question schema failed")["questions"],
        cost_schema=_ok(calculator, {"op": "cost_inputs"}, "the engine's cost inputs failed")["cost_inputs"],
        card=calculator.model_card(),
        example=example,
        reply=reply,
        plan_reply=plan_reply,
        guides=guides,
        calculator_url=own("calculator"),
        planner_url=own("planner"),
        providers_url=own("providers"),
        pages={tool: path for tool, path in tools.items() if path is not None},
        limits=_plan_limits(),
        bundle=publish.bundle(root),
        engine=calculator,
    )


def _plan_limits() -> dict[str, int]:
    """The plan's limits, from the engine (its plan module; `calculator.plan` is the function)."""
    plan_module = importlib.import_module(f"{engine.PACKAGE}.plan")
    return {"workstreams": plan_module.MAX_WORKSTREAMS, "name": plan_module.MAX_NAME}


def ask_example(data: Content, request: dict[str, Any], where: str) -> dict[str, Any]:
    """The engine's reply for a worked example on a page; its error becomes a BuildError."""
    return _ok(data.engine, {**request, "site_url": data.site_url}, where)
