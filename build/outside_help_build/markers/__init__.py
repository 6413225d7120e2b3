"""What each marker becomes: one module per marker kind, one dispatch.

A marker is a line of its own in the docs' Markdown, in one namespace (sources.py reads it and
refuses anything else):

    <!-- outside-help: calculator inline -->        the calculator inside a guide
    <!-- outside-help: calculator page -->          the calculator on its own page
    <!-- outside-help: planner -->                  the planner (several workstreams, one plan)
    <!-- outside-help: model-card -->               every question, weight, effect, gate and source
    <!-- outside-help: calculator-example v3... -->  a worked example: a share code's answers and result
    <!-- outside-help: plan-example p2... -->       a worked plan, from a plan link's code
    <!-- outside-help: providers e1... -->          the provider comparison, starting from an evaluation
    <!-- outside-help: providers-example e1... -->  a worked provider evaluation, from its link code

Each kind's module has ``KIND`` (as sources.KINDS names it) and ``render(data, marker,
heading_level, uid)``, which returns the HTML that replaces the line. Adding a kind is a module
here and a line in sources.KINDS (tests/build/test_build.py checks the two lists are the same).
"""

from __future__ import annotations

from typing import Any, Callable

from outside_help_build import content, sources
from outside_help_build.errors import BuildError
from outside_help_build.markers import (calculator, calculator_example, model_card, plan_example, planner,
                                        providers, providers_example)

__all__ = ["RENDERERS", "render"]

Renderer = Callable[[content.Content, sources.Marker, int, str], str]

RENDERERS: dict[str, Renderer] = {module.KIND: module.render for module in (
    calculator, planner, model_card, calculator_example, plan_example, providers, providers_example)}


def render(data: content.Content, marker: sources.Marker, heading_level: int, uid: str) -> str:
    """The HTML for one marker; a kind without a module is a bug in the build, said as such."""
    renderer: Any = RENDERERS.get(marker.kind)
    if renderer is None:
        raise BuildError(f"line {marker.line}: the build reads markers of kind {marker.kind!r} but has no "
                         f"module for them in outside_help_build/markers/")
    return renderer(data, marker, heading_level, uid)
