"""calculator/_datafile.py: a data file that is missing, unreadable or not TOML is named in one
clear error by every loader, instead of a traceback from importlib or tomllib."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator import _datafile, cost, data, provider_criteria, share_v1
from calculator.errors import CalculatorError

LOADERS = {
    "questions.toml": data.catalogue,
    "cost_inputs.toml": cost._load,
    "provider_criteria.toml": provider_criteria.provider_data,
    "share_v1.toml": share_v1.v1_table,
}


@pytest.fixture
def package_dir(tmp_path, monkeypatch) -> Path:
    """The loaders read from tmp_path instead of the installed package."""
    monkeypatch.setattr(_datafile.importlib.resources, "files", lambda _package: tmp_path)
    return tmp_path


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_missing_data_file_is_named(package_dir, name):
    with pytest.raises(CalculatorError) as caught:
        LOADERS[name].__wrapped__()   # past the cache: read the file again
    assert str(caught.value) == f"{name}: missing from the calculator package (reinstall it, or rebuild the wheel)"
    assert caught.value.kind == "bad_data"


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_data_file_that_is_not_toml_is_named_with_the_place(package_dir, name):
    (package_dir / name).write_text('schema = 1\n\n[[questions]]\nid = "kind\n', encoding="utf-8")
    with pytest.raises(CalculatorError) as caught:
        LOADERS[name].__wrapped__()
    message = str(caught.value)
    assert message.startswith(f"{name}: not valid TOML: ") and "line 4" in message, message
    assert caught.value.kind == "bad_data"   # the page says the site is broken, not the reader's input


@pytest.mark.parametrize("name", sorted(LOADERS))
def test_a_data_file_that_is_not_utf8_is_named(package_dir, name):
    (package_dir / name).write_bytes(b'schema = 1\nname = "Z\xff"\n')   # Latin-1, not UTF-8
    with pytest.raises(CalculatorError) as caught:
        LOADERS[name].__wrapped__()
    assert str(caught.value) == f"{name}: not UTF-8 text (byte 21 cannot be read)"
    assert caught.value.kind == "bad_data"


def test_the_packaged_files_load_as_before():
    """The real files still load through the one reader (the engine's own checks then run)."""
    for name, loader in LOADERS.items():
        assert loader.__wrapped__(), name
