"""Imports stay plain: one entry point, and nothing that a reader's editor cannot follow.

The build tools are the package `outside_help_build`, installed editable by `make setup`
(build/pyproject.toml); that install is what puts build/ and the checkout's root on sys.path.
No module under build/, tests/ or bench/ may reach another module any other way: no `runpy`,
no `importlib.util.spec_from_file_location`, no `sys.path` changes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import outside_help_build

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("build", "tests", "bench")


def _python_files() -> list[Path]:
    return sorted(p for folder in SCANNED for p in (ROOT / folder).rglob("*.py")
                  if "__pycache__" not in p.parts)


def _is_sys_path(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "path"
            and isinstance(node.value, ast.Name) and node.value.id == "sys")


def forbidden(source: str) -> list[str]:
    """Each way of importing around the package that `source` uses, as "line N: what".

    >>> forbidden("import sys\\nsys.path.insert(0, 'x')\\nimport runpy")
    ['line 2: sys.path.insert', 'line 3: import runpy']
    >>> forbidden("import importlib.util\\nimportlib.util.spec_from_file_location('m', 'm.py')")
    ['line 2: spec_from_file_location']
    >>> forbidden("import importlib.util\\nMAGIC = importlib.util.MAGIC_NUMBER")
    []
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Import) and any(a.name == "runpy" for a in node.names):
            found.append((line, "import runpy"))
        elif isinstance(node, ast.ImportFrom) and node.module == "runpy":
            found.append((line, "from runpy import"))
        elif isinstance(node, ast.ImportFrom) and any(a.name == "spec_from_file_location" for a in node.names):
            found.append((line, "spec_from_file_location"))
        elif isinstance(node, ast.Attribute) and node.attr == "spec_from_file_location":
            found.append((line, "spec_from_file_location"))
        elif isinstance(node, ast.Attribute) and _is_sys_path(node.value):
            if node.attr in ("insert", "append", "extend", "remove"):
                found.append((line, f"sys.path.{node.attr}"))
        elif isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if _is_sys_path(target) or (isinstance(target, ast.Subscript) and _is_sys_path(target.value)):
                    found.append((line, "assignment to sys.path"))
    return [f"line {line}: {what}" for line, what in sorted(found)]


def test_no_module_imports_around_the_package():
    problems = [f"{path.relative_to(ROOT)}: {problem}"
                for path in _python_files() for problem in forbidden(path.read_text(encoding="utf-8"))]
    assert not problems, "import the package instead (see build/pyproject.toml):\n" + "\n".join(problems)


def test_the_package_is_this_checkouts_build_folder():
    """The editable install points at this checkout, so an edit under build/ is what runs."""
    assert Path(outside_help_build.__file__).resolve().parent == ROOT / "build" / "outside_help_build"


def test_build_holds_only_the_package_and_its_project_file():
    """build/ is on sys.path (the editable install): any other module there would become a
    top-level import name for every process of the environment."""
    entries = {p.name for p in (ROOT / "build").iterdir() if p.name != "__pycache__"}
    assert entries == {"pyproject.toml", "outside_help_build"}
