"""The trimmed standard library (build/stdlib.py) is enough for the engine, and is reproducible.

The engine runs under Pyodide in Node twice. The first run uses Pyodide's full
python_stdlib.zip: every file it loads must be in build/stdlib.KEEP. The second run uses the
trimmed zip: every reply must match the native engine's.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
from tests.support.build_modules import load  # noqa: E402

stdlib = load("stdlib")  # build/stdlib.py


def _need_node_runtime() -> None:
    if not stdlib.SOURCE_ZIP.is_file():
        pytest.fail(f"{stdlib.SOURCE_ZIP} is missing (run `npm ci`)")
    if shutil.which(stdlib.node()) is None and not Path(stdlib.node()).exists():
        pytest.fail("node is not installed")


def test_trimmed_zip_is_reproducible_and_smaller(tmp_path):
    _need_node_runtime()
    first, second = stdlib.trimmed_zip(), stdlib.trimmed_zip()
    assert first == second
    assert len(first) < 0.5 * stdlib.SOURCE_ZIP.stat().st_size
    written = stdlib.write_stdlib(tmp_path)
    assert written.name == f"python_stdlib-{stdlib.sha256_of(first)[:12]}.zip"
    assert written.read_bytes() == first
    assert stdlib.write_stdlib(tmp_path) == written           # same name, same bytes
    assert list(tmp_path.glob("python_stdlib-*.zip")) == [written]
    with zipfile.ZipFile(written) as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    assert stdlib.KEEP <= names
    assert {"encodings/__init__.py", "pyodide/__init__.py", "tomllib/__init__.py"} <= names


def test_keep_has_no_duplicates_or_typos():
    listed = (stdlib.DISCOVERED + stdlib.MARGIN).split()
    assert len(listed) == len(set(listed))
    with zipfile.ZipFile(stdlib.SOURCE_ZIP) as archive:
        assert not set(listed) - set(archive.namelist())


@pytest.fixture(scope="module")
def requests():
    return stdlib.engine_requests()


@pytest.mark.node
def test_every_file_the_engine_loads_is_kept(requests):
    _need_node_runtime()
    loaded = set(stdlib.run_engine_in_node(stdlib=None, requests=requests)["files"])
    missing = sorted(loaded - stdlib.KEEP)
    assert not missing, (
        f"the engine now loads {missing} from the standard library: add them to DISCOVERED in "
        "build/stdlib.py (`python build/stdlib.py --discover` prints the whole list)"
    )


@pytest.mark.node
def test_engine_answers_the_same_with_the_trimmed_stdlib(tmp_path, requests):
    _need_node_runtime()
    trimmed = stdlib.write_stdlib(tmp_path)
    run = stdlib.run_engine_in_node(stdlib=trimmed, requests=requests)
    sys.path.insert(0, str(ROOT))
    try:
        from calculator.api import handle
    finally:
        sys.path.remove(str(ROOT))
    native = [json.loads(handle(r if isinstance(r, str) else json.dumps(r))) for r in requests]
    assert len(run["replies"]) == len(native)
    for request, got, expected in zip(requests, run["replies"], native):
        assert got == expected, f"reply differs for {request!r}"
    # The error paths were reached, not just the happy ones.
    kinds = {reply["error"]["kind"] for reply in native if not reply["ok"]}
    assert len(kinds) >= 3, kinds
