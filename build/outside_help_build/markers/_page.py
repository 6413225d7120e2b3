"""What the markers' modules share: the engine's answers for a page and its trees as HTML."""

from __future__ import annotations

import importlib
from typing import Any

from outside_help_build import content, render

__all__ = ["html", "links", "place", "runtime"]


def links(data: content.Content) -> render.Links:
    """Where the page shells' own links point (the guides, the other tools)."""
    return render.Links(data.site.base, data.site.guides)


def runtime(data: content.Content) -> dict[str, Any]:
    """What a page script needs to start the engine: the runtime files, relative to the site root."""
    return {
        "runtime": data.bundle.runtime_path,
        "lockfile": data.bundle.lockfile_path,
        "stdlib": data.bundle.stdlib_path,
        "siteUrl": data.site.url,
        "pages": data.site.pages,
        "guides": data.site.guides,
    }


def place(data: content.Content, uid: str, heading: int) -> dict[str, Any]:
    """Where a view is shown, as the engine's API takes it (calculator/view_trees.py): the same
    as the page script sends, so the page's first tree and its later ones are laid out alike."""
    return {"uid": uid, "heading": heading, "link_base": data.site.base + "/", "guides": data.site.guides}


def engine_module(data: content.Content, name: str) -> Any:
    """One module of the engine the build loaded (calculator/<name>.py)."""
    return importlib.import_module(f"{data.engine.__name__}.{name}")


def html(data: content.Content, nodes: list[Any]) -> str:
    """An element tree from the engine's reply as HTML, by the engine's own renderer."""
    present = engine_module(data, "present")
    return "".join(present.to_html(present.from_json(node)) for node in nodes)
