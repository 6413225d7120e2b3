"""The road to Zensical stays open: the site, calculator included, builds with it from mkdocs.yml.

Zensical is the successor of mkdocs-material. It reads mkdocs.yml and runs Python-Markdown
extensions, but ignores `hooks:` without a word, so the calculator comes from the extension and
the runtime from the build command (`make build GENERATOR=zensical`). tests/conftest.py builds
the site once (`build_site("zensical")`); the tests every build must pass (pages, links and
anchors, the calculator, the published runtime) run on it through `each_site`, and the browser
tests run the calculator in it (tests/browser/test_calculator.py). Here: what is Zensical's own.

Differences from the MkDocs build that stay visible (zensical 0.0.73), for README.md's list:
- `theme.name: material` gets Zensical's "modern" look (assets/stylesheets/modern/...);
- the search index is /search.json (MkDocs: /search/search_index.json);
- other inline scripts, and a <style> its search dialog inserts at run time, so other CSP
  hashes: the build writes them into its own `_headers` (outside_help_build.headers).
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from outside_help_build import csp, fingerprint

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.site


@pytest.fixture(scope="module")
def zensical_site(build_site) -> Path:
    return build_site("zensical")


def test_zensical_is_the_pinned_version():
    pinned = [line.split("==")[1].split()[0] for line in
              (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()
              if line.startswith("zensical==")]
    assert pinned and version("zensical") == pinned[0]


def test_the_calculator_is_not_dropped(zensical_site):
    """Zensical ignores hooks; the calculator is there anyway: form, pre-rendered result,
    config, the model card, and the runtime the config names."""
    calculator = (zensical_site / "calculator" / "index.html").read_text(encoding="utf-8")
    assert "<!-- outside-help" not in calculator
    assert "data-calculator-config=" in calculator and "data-calculator-result" in calculator
    assert 'type="radio"' in calculator and " checked>" in calculator, "the example answers are checked"
    assert "data-model-card" in (zensical_site / "method" / "index.html").read_text(encoding="utf-8")
    assert len(list(zensical_site.glob("pyodide/*/calculator-*/pyodide-lock.json"))) == 1


def test_theme_files_and_our_assets_are_there(zensical_site):
    digests = fingerprint.digest_folders(zensical_site)
    for folder in ("stylesheets", "javascripts"):
        for source in (ROOT / "docs" / folder).glob("*"):
            copied = zensical_site / folder / digests[folder] / source.name
            assert copied.is_file(), f"{folder}/{source.name} not copied into its digest folder"
    assert (zensical_site / "search.json").is_file(), "Zensical's search index"


def test_shared_blocks_and_abbreviations_are_included(zensical_site):
    pages = [p for p in zensical_site.rglob("*.html") if "pyodide" not in p.parts]
    for page in pages:
        assert "{!" not in page.read_text(encoding="utf-8"), f"{page}: an include was left unexpanded"
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "<abbr" in home, "abbreviations (docs/_includes/abbreviations.md) not applied"


def test_its_headers_carry_the_hashes_its_own_inline_code_needs(zensical_site):
    """Other inline scripts, and a style its search dialog inserts (which no page holds): the
    build writes exactly their hashes into the site's `_headers`, and its stylesheets (under
    modern/) are cached as fingerprinted files."""
    needed = csp.needed(zensical_site)
    assert any("assets/javascripts/bundle." in where[0] for where in needed["style-src"].values()), needed
    assert csp.check(zensical_site) == []
    policy = csp.parse_csp(csp.declared_csp(zensical_site))
    for directive, hashes in needed.items():
        assert {s for s in policy[directive] if csp.HASH_RE.fullmatch(s)} == set(hashes), directive
    written = (zensical_site / "_headers").read_text(encoding="utf-8")
    assert "/assets/stylesheets/modern/main.*.min.css" in written
