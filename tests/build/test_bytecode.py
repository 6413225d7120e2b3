"""outside_help_build.bytecode: Python byte code compiled by Pyodide's own interpreter, in Node.js."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from outside_help_build import bytecode, paths

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "calculator"

SOURCE = b"def double(x):\n    return 2 * x\n\nANSWER = double(21)\n"


def _need_node() -> None:
    if not (paths.npm_pyodide(ROOT) / "pyodide.mjs").is_file():
        pytest.fail(f"{paths.npm_pyodide(ROOT)} is missing (run `npm ci`)")
    if not paths.has_node(ROOT):
        pytest.fail("node is not installed")


@pytest.fixture(scope="module")
def compiled():
    _need_node()
    return bytecode.compile_sources({"pkg/mod.py": SOURCE, "top.py": b"X = 1\n"}, prefix="/lib/",
                                    root=ROOT, cache=None)


def test_compiles_each_source_for_pyodides_python(compiled):
    assert compiled.cache_tag == "cpython-314"      # Pyodide 314 runs CPython 3.14
    assert set(compiled.pyc) == {"pkg/mod.py", "top.py"}
    for data in compiled.pyc.values():
        assert data[4:8] == (1).to_bytes(4, "little"), "PEP 552 unchecked hash-based pyc"
    # A different magic number from this host's Python (3.12/3.13): compiling natively would
    # give byte code the browser refuses.
    assert compiled.pyc["top.py"][:4] != importlib.util.MAGIC_NUMBER


def test_same_sources_give_the_same_bytes():
    # The engine's own modules, compiled twice in two Node processes without the cache: the
    # wheel's sha256 goes into the lockfile, so its byte code must not vary between builds.
    _need_node()
    sources = {f"calculator/{p.name}": p.read_bytes() for p in ENGINE.glob("*.py")}
    first = bytecode.compile_sources(sources, prefix="/lib/", root=ROOT, cache=None)
    second = bytecode.compile_sources(sources, prefix="/lib/", root=ROOT, cache=None)
    assert first == second


def test_a_syntax_error_names_the_file():
    _need_node()
    with pytest.raises(bytecode.BytecodeError, match=r"broken\.py does not compile"):
        bytecode.compile_sources({"broken.py": b"def f(:\n"}, prefix="", root=ROOT, cache=None)


def test_a_file_that_is_not_python_is_refused():
    with pytest.raises(bytecode.BytecodeError, match=r"not Python sources: data\.toml"):
        bytecode.compile_sources({"data.toml": b"a = 1\n"}, prefix="", root=ROOT)


def test_the_cache_answers_without_node_and_a_damaged_entry_is_rebuilt(tmp_path, monkeypatch):
    _need_node()
    cache = tmp_path / "cache"
    first = bytecode.compile_sources({"top.py": b"X = 1\n"}, prefix="", root=ROOT, cache=cache)
    [entry] = cache.glob("*.zip")
    monkeypatch.setattr(paths, "node", lambda root: str(tmp_path / "no-node-here"))
    assert bytecode.compile_sources({"top.py": b"X = 1\n"}, prefix="", root=ROOT, cache=cache) == first
    entry.write_bytes(b"not a zip")
    with pytest.raises(bytecode.BytecodeError, match="Node.js is needed"):
        bytecode.compile_sources({"top.py": b"X = 1\n"}, prefix="", root=ROOT, cache=cache)
    monkeypatch.undo()
    assert bytecode.compile_sources({"top.py": b"X = 1\n"}, prefix="", root=ROOT, cache=cache) == first


def test_another_prefix_is_another_cache_entry(tmp_path):
    _need_node()
    a = bytecode.compile_sources({"top.py": b"X = 1\n"}, prefix="/a/", root=ROOT, cache=tmp_path)
    b = bytecode.compile_sources({"top.py": b"X = 1\n"}, prefix="/b/", root=ROOT, cache=tmp_path)
    assert a.pyc != b.pyc                      # the file name is part of the code object
    assert len(list(tmp_path.glob("*.zip"))) == 2
