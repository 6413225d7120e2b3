"""The migration path stays open: the site also builds with Zensical from the same mkdocs.yml.

Zensical is the successor of mkdocs-material, and it reads mkdocs.yml. The test copies the
config, docs/ and overrides/ into a temp folder. There it builds the site with the Zensical
pinned in requirements.lock, then checks that every page MkDocs builds is there with its
shared blocks included.

Known differences (zensical 0.0.73), kept visible by the asserts below:

- MkDocs hooks do not run (Zensical has no hooks). build/hooks.py renders the calculator and
  copies the Pyodide runtime, so a Zensical build has the guides and an empty calculator
  slot: no form, no pre-rendered result, no /pyodide/ folder. The calculator would need a
  Zensical-side build step (or a pre-build script) before a switch.
- Zensical's YAML loader knows `!ENV` but not MkDocs' `!relative` tag, which mkdocs.yml uses
  for markdown-include's base_path. The test registers the tag with MkDocs' meaning
  (`$docs_dir`, `$config_dir`) before Zensical reads the file. The file itself is not changed.
- `theme.name: material` builds with Zensical's "modern" look
  (assets/stylesheets/modern/...). `theme.variant: classic` would keep Material's.
- The search index is /search.json (MkDocs: /search/search_index.json).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# Runs in a fresh interpreter: register MkDocs' `!relative` tag, then run `zensical build`.
SHIM = r"""
import sys
from pathlib import Path
import yaml

config = Path(sys.argv[1]).resolve()

def relative(loader, node):
    value = loader.construct_scalar(node) or "$config_dir"
    for prefix, base in (("$docs_dir", config.parent / "docs"), ("$config_dir", config.parent)):
        if value.startswith(prefix):
            return str(base) + value[len(prefix):]
    return str(config.parent / value)

yaml.Loader.add_constructor("!relative", relative)
from zensical.main import cli
sys.argv = ["zensical", "build", "--config-file", str(config), "--clean", "--strict"]
cli()
"""


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml for the page list (the tags' values do not matter here)."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def _expected_pages() -> list[str]:
    """The HTML files MkDocs writes for the Markdown pages (use_directory_urls)."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    excluded = tuple(line.strip() for line in (config.get("exclude_docs") or "").splitlines() if line.strip())
    pages = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        if rel.startswith(excluded):
            continue
        stem = rel[: -len(".md")]
        pages.append("index.html" if stem == "index" else
                     f"{stem[: -len('/index')]}/index.html" if stem.endswith("/index") else f"{stem}/index.html")
    return pages


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    if importlib.util.find_spec("zensical") is None:
        pytest.fail("zensical is not installed: it is pinned in requirements.lock (run `make setup`)")
    work = tmp_path_factory.mktemp("zensical")
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        if (ROOT / folder).is_dir():
            shutil.copytree(ROOT / folder, work / folder)
    result = subprocess.run(
        [sys.executable, "-c", SHIM, str(work / "mkdocs.yml")],
        cwd=work, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    site = work / "site"
    assert (site / "index.html").is_file(), result.stdout + result.stderr
    return site


def test_zensical_is_the_pinned_version():
    from importlib.metadata import version

    pinned = [line.split("==")[1].split()[0] for line in
              (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
              if line.startswith("zensical==")]
    assert pinned and version("zensical") == pinned[0]


def test_every_page_builds_with_zensical(zensical_site):
    missing = [page for page in _expected_pages() if not (zensical_site / page).is_file()]
    assert not missing, f"pages MkDocs builds but Zensical does not: {missing}"
    assert (zensical_site / "404.html").is_file()
    for folder in ("stylesheets", "javascripts"):
        for source in (ROOT / "docs" / folder).glob("*"):
            assert (zensical_site / folder / source.name).is_file(), f"{folder}/{source.name} not copied"


def test_shared_blocks_and_abbreviations_are_included(zensical_site):
    for page in _expected_pages():
        html = (zensical_site / page).read_text(encoding="utf-8")
        assert "{!" not in html, f"{page}: a markdown-include directive was left unexpanded"
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "<abbr" in home, "abbreviations (docs/_includes/abbreviations.md) not applied"


def test_known_difference_hooks_do_not_run(zensical_site):
    """When Zensical gains hooks (or we add a build step for it), this fails: update the notes."""
    calculator = (zensical_site / "calculator" / "index.html").read_text(encoding="utf-8")
    assert "data-calculator-slot" in calculator
    assert "data-calculator-result" not in calculator
    assert not (zensical_site / "pyodide").exists()
