"""Where the build finds things in a checkout: the npm Pyodide, Node.js and the caches.

A checkout's root is the folder holding mkdocs.yml, docs/, calculator/ and node_modules/. The
build runs there (`make build`, a generator, the tests): the entry points pass that folder on,
and the functions here name what lies in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

# The checkout this package was installed from (editable: build/outside_help_build/ -> root).
# Only the byte-code cache lives here, because its keys are the compiled sources themselves, so
# every copy of the project (the fault tests' copies, Netlify's workspace) can share it.
HOME = Path(__file__).resolve().parents[2]
BYTECODE_CACHE = HOME / ".cache" / "bytecode"


def npm_pyodide(root: Path) -> Path:
    """The Pyodide package `npm ci` installed (pinned in package.json)."""
    return Path(root) / "node_modules" / "pyodide"


def node(root: Path) -> str:
    """Node.js: the npm-pinned one (node_modules/.bin/node) if present, else the system's `node`."""
    pinned = Path(root) / "node_modules" / ".bin" / "node"
    return str(pinned) if pinned.exists() else "node"


def has_node(root: Path) -> bool:
    """Whether node(root) can be run."""
    found = node(root)
    return Path(found).exists() or shutil.which(found) is not None


def wheel_cache(root: Path) -> Path:
    """Where the calculator's wheel is built for this checkout (one wheel at a time)."""
    return Path(root) / ".cache" / "wheel"
