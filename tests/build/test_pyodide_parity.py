"""Parity: the engine gives identical JSON natively and inside Pyodide under Node.js.

The Pyodide side is the built site's own: the runtime copied into site/pyodide/<version>/, the
trimmed standard library the site ships, and our wheel installed with `loadPackage("calculator")`
through the lockfile the build published, as the browser's worker loads it
(tests/node/run_engine.mjs, through tests/support/node_engine.py); and again in an interpreter
restored from the start-up snapshot the worker saves after a fresh start and restores on the
reader's next visit. Every request goes through
`calculator.api.handle`, the browser's single entry point, so the comparison is on the very
strings the page receives.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculator.api import handle
from outside_help_build import paths
from tests.scenarios import SCENARIOS
from tests.support import node_engine

pytestmark = pytest.mark.node

ROOT = Path(__file__).resolve().parents[2]


def built_runtime(site: Path) -> tuple[Path, Path, Path]:
    """The runtime folder, the calculator's lockfile and the trimmed standard library in a
    built site (exactly one of each)."""
    locks = sorted(site.glob("pyodide/*/calculator-*/pyodide-lock.json"))
    assert len(locks) == 1, f"expected one calculator lockfile in {site}/pyodide/, found {locks}"
    stdlibs = sorted(locks[0].parent.parent.glob("python_stdlib-*.zip"))
    assert len(stdlibs) == 1, f"expected one trimmed standard library, found {stdlibs}"
    return locks[0].parent.parent, locks[0], stdlibs[0]


# "fresh": the interpreter started as on a first visit; "snapshot": restored from the start-up
# snapshot the browser's worker takes after a fresh start, as on every later visit.
@pytest.mark.parametrize("start", ["fresh", "snapshot"])
def test_engine_gives_identical_json_natively_and_in_pyodide(built_site: Path, start: str) -> None:
    if not paths.has_node(ROOT):
        pytest.fail("node is not installed (run `make setup`)")
    runtime, lock, stdlib = built_runtime(built_site)
    batch = node_engine.engine_requests()
    native = [handle(r) for r in batch]
    in_pyodide = node_engine.run(runtime, lock, batch, stdlib_zip=stdlib,
                                 snapshot=start == "snapshot")["replies"]
    assert len(in_pyodide) == len(batch)
    for request, mine, theirs in zip(batch, native, in_pyodide):
        assert json.loads(theirs) == json.loads(mine), f"replies differ for {request}"
        assert theirs == mine, f"reply strings differ for {request}"
    assert sum('"ok": true' in r for r in native) >= len(SCENARIOS) * 2
    assert sum('"ok": false' in r for r in native) >= 10
    assert any('"plan_view"' in r for r in native) and any('"cost_view"' in r for r in native)
