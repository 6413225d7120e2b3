"""What the calculator's HTML is made from, gathered once per process and shared by every page.

The engine's question schema and model card, the example answers and their scored result, the
titles of the guide sections the engine links to (from the docs' Markdown, sources.py), the URL
of the calculator's own page, and the names of the runtime files the pages load (publish.py).
Gathering it checks the inputs first (checks.py), so a bad input fails before any HTML exists.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from outside_help_build import checks, engine, publish, sources
from outside_help_build.errors import BuildError


@dataclass(frozen=True)
class Content:
    base: str                        # the site root's path as links start it: "" or "/docs"
    site_url: str                    # mkdocs.yml's site_url ("/" when it has none)
    schema: dict[str, Any]           # the engine's {"op": "questions"} reply
    card: dict[str, Any]             # calculator.model_card()
    example: dict[str, Any]          # example.toml: title and answers
    reply: dict[str, Any]            # the engine's scored reply for the example answers
    guides: dict[str, str]           # guide URL -> its section's title
    page_url: str | None             # root-relative URL of the calculator's own page
    bundle: publish.Bundle


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


@functools.cache
def _load(root: Path, docs_dir: Path, site_url: str) -> Content:
    checks.require(root, docs_dir)
    calculator = engine.load(root)
    pages = sources.pages(docs_dir)
    schema = engine.ask(calculator, {"op": "questions"})
    if not schema.get("ok"):
        raise BuildError(f"the engine's question schema failed: {schema}")
    example = engine.example()
    site_url = site_url or "/"
    reply = engine.ask(calculator, {"op": "score", "answers": example["answers"], "site_url": site_url})
    if not reply.get("ok"):
        raise BuildError(f"the example answers do not score with site_url {site_url!r}: {reply['error']['message']}")
    card = calculator.model_card()
    guides = {
        guide["url"]: pages[guide["page"]].sections[guide["anchor"]].title
        for _, guide in engine.guide_links(card)
    }
    own = [page.url for page in pages.values() if any(m.variant == "page" for m in page.markers)]
    base = base_of(site_url)
    return Content(
        base=base,
        site_url=site_url,
        schema=schema["questions"],
        card=card,
        example=example,
        reply=reply,
        guides=guides,
        page_url=f"{base}/{own[0]}" if own else None,
        bundle=publish.bundle(root),
    )
