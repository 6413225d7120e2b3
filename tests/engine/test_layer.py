"""The engine's and the property tests need the engine alone (and pytest, Hypothesis and two
Markdown renderers): none imports the build tools, a site generator, Jinja or the browser driver,
so `pytest tests/engine tests/property calculator` runs where only the engine is installed."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
BUILD_STACK = {"outside_help_build", "jinja2", "mkdocs", "properdocs", "zensical", "playwright", "pyodide_build"}
ENGINE_LAYERS = [p for layer in ("engine", "property") for p in sorted((TESTS / layer).glob("*.py"))]
# The helpers those tests may import, held to the same rule.
HELPERS = [TESTS / "rules_oracle.py", TESTS / "link_damage.py", TESTS / "approved.py", TESTS / "scenarios.py"]


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
            if node.module.startswith("tests.") and not node.module.startswith(("tests.engine", "tests.property")):
                found.add(node.module)
    return found


@pytest.mark.parametrize("path", ENGINE_LAYERS + HELPERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_engine_test_imports_nothing_of_the_build(path):
    imported = _imports(path)
    assert not imported & BUILD_STACK, f"{path.name} imports {sorted(imported & BUILD_STACK)}"
    helpers = {m for m in imported if m.startswith("tests.")}
    allowed = {f"tests.{p.stem}" for p in HELPERS} | {"tests.support.mutate_profile"}
    assert helpers <= allowed, f"{path.name} imports test helpers of other layers: {sorted(helpers - allowed)}"


def test_the_engine_layers_hold_their_tests():
    assert len(ENGINE_LAYERS) >= 40
