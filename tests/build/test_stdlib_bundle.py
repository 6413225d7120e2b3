"""The browser's standard library (outside_help_build.stdlib) is enough for the engine, and is
reproducible.

The engine runs under Pyodide in Node twice (tests/support/node_engine.py). The first run uses
Pyodide's full python_stdlib.zip: every file it loads must be in stdlib.KEEP. The second run uses
the trimmed, precompiled zip the site ships: every reply must match the native engine's, and
Python must compile no source file on the way (the byte code is what makes start-up fast).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from calculator.api import handle
from outside_help_build import paths, stdlib
from tests.support import node_engine

ROOT = Path(__file__).resolve().parents[2]
SOURCE_ZIP = stdlib.source_zip(ROOT)


def _need_node_runtime() -> None:
    if not SOURCE_ZIP.is_file():
        pytest.fail(f"{SOURCE_ZIP} is missing (run `npm ci`)")
    if not paths.has_node(ROOT):
        pytest.fail("node is not installed")


def test_trimmed_zip_is_reproducible_and_smaller():
    _need_node_runtime()
    first, second = stdlib.trimmed_zip(ROOT), stdlib.trimmed_zip(ROOT)
    assert first == second
    assert len(first) < 0.5 * SOURCE_ZIP.stat().st_size
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert stdlib.KEEP <= set(archive.namelist())


def test_browser_zip_holds_byte_code_for_every_kept_source(tmp_path):
    _need_node_runtime()
    written = stdlib.write_stdlib(tmp_path, root=ROOT)
    data = written.read_bytes()
    assert written.name == stdlib.name_for(data)
    assert stdlib.write_stdlib(tmp_path, root=ROOT) == written      # same name, same bytes
    assert written.read_bytes() == data
    assert list(tmp_path.glob("python_stdlib-*.zip")) == [written]
    with zipfile.ZipFile(written) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        headers = {n: archive.read(n)[:8] for n in names if n.endswith(".pyc")}
    assert {name + "c" for name in stdlib.KEEP if name.endswith(".py")} == set(headers)
    assert not [n for n in names if n.endswith(".py")], "sources should be replaced by byte code"
    assert {"encodings/__init__.pyc", "pyodide/__init__.pyc", "tomllib/__init__.pyc"} <= names
    # One magic number (Pyodide's Python), and PEP 552 flags 0b01: hash-based, never checked
    # against a source, so file dates in the browser do not matter.
    assert len({h[:4] for h in headers.values()}) == 1
    assert {int.from_bytes(h[4:8], "little") for h in headers.values()} == {0b01}
    assert len(data) < 0.6 * SOURCE_ZIP.stat().st_size


def test_keep_has_no_duplicates_or_typos():
    listed = (stdlib.DISCOVERED + stdlib.MARGIN).split()
    assert len(listed) == len(set(listed))
    with zipfile.ZipFile(SOURCE_ZIP) as archive:
        assert not set(listed) - set(archive.namelist())


@pytest.fixture(scope="module")
def requests() -> list[str]:
    return node_engine.engine_requests()


@pytest.mark.node
def test_every_file_the_engine_loads_is_kept(requests):
    _need_node_runtime()
    loaded = set(node_engine.run_from_npm(requests, inspect=True)["files"])
    missing = sorted(loaded - stdlib.KEEP)
    assert not missing, (
        f"the engine now loads {missing} from the standard library: add them to DISCOVERED in "
        "build/outside_help_build/stdlib.py (`python -m tests.support.node_engine --discover` "
        "prints the whole list)"
    )


@pytest.mark.node
def test_engine_answers_the_same_with_the_browser_stdlib_and_compiles_nothing(tmp_path, requests):
    _need_node_runtime()
    shipped = stdlib.write_stdlib(tmp_path, root=ROOT)
    run = node_engine.run_from_npm(requests, stdlib_zip=shipped, inspect=True)
    assert run["from_source"] == [], "modules Pyodide compiled from source at start-up"
    assert run["compiled"] == [], "files compiled from source while installing and running the engine"
    native = [json.loads(handle(r)) for r in requests]
    assert len(run["replies"]) == len(native)
    for request, got, expected in zip(requests, run["replies"], native):
        assert json.loads(got) == expected, f"reply differs for {request!r}"
    # The error paths were reached, not just the happy ones.
    kinds = {reply["error"]["kind"] for reply in native if not reply["ok"]}
    assert len(kinds) >= 3, kinds
