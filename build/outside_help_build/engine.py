"""The engine (calculator/) as the build uses it: imported from the checkout being built, and
asked exactly as the browser's worker asks it (JSON in, JSON out through calculator.api).

The editable install puts the checkout's root on sys.path (build/pyproject.toml), and a
generator started with `python -m` from a checkout's root finds that checkout's engine first.
load() insists that the engine it imported is the one in the checkout being built, so a copy of
the project (the fault tests) never renders another copy's questions.
"""

from __future__ import annotations

import importlib
import json
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

from outside_help_build.errors import BuildError

PACKAGE = "calculator"
# The answers the calculator shows at first paint (pre-checked, with their result pre-rendered).
EXAMPLE = Path(__file__).resolve().with_name("example.toml")


class EngineError(BuildError):
    """The engine does not import, is not the checkout's, or rejects the build's requests."""


def load(root: Path) -> ModuleType:
    """The `calculator` package of the checkout at `root`, imported normally."""
    try:
        engine = importlib.import_module(PACKAGE)
        importlib.import_module(f"{PACKAGE}.api")
    except Exception as exc:   # whatever the engine raises on import becomes one build error
        raise EngineError(f"the engine ({PACKAGE}/) does not import: {exc}") from exc
    where = Path(engine.__file__).resolve().parent
    expected = (Path(root) / PACKAGE).resolve()
    if where != expected:
        raise EngineError(
            f"imported the engine from {where}, not from {expected}: run the build from the "
            "checkout's root (`make build`, or `python -m mkdocs build` there)"
        )
    return engine


def forget() -> None:
    """Drop the imported engine, so the next load() reads calculator/ again (`mkdocs serve`)."""
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


def ask(engine: ModuleType, request: dict[str, Any]) -> dict[str, Any]:
    """Call the engine exactly as the browser's worker does: a JSON string in and out."""
    return json.loads(engine.api.handle(json.dumps(request)))


def example() -> dict[str, Any]:
    """example.toml: `title` and `answers` (the calculator's example), `cost` (its figures) and
    `plan` (the plan page's example: `title` and `workstreams`)."""
    data = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    plan = data.get("plan")
    if (not isinstance(data.get("title"), str) or not isinstance(data.get("answers"), dict)
            or not isinstance(data.get("cost"), dict) or not isinstance(plan, dict)
            or not isinstance(plan.get("title"), str) or not isinstance(plan.get("workstreams"), list)):
        raise EngineError(f"{EXAMPLE} needs `title`, an [answers] table, a [cost] table and a [plan] "
                          "table with `title` and [[plan.workstreams]]")
    return data


def guide_links(engine: ModuleType) -> list[tuple[str, dict[str, str]]]:
    """Every guide link in the engine's data, with where it comes from:
    [("question direction", {"page": "how-to-choose.md", "anchor": ..., "url": ...}), ...]."""
    return [(where, guide.to_dict()) for where, guide in engine.catalogue().guides()]
