"""The built sites as fixtures, each built once per test session, for the layers that read them
(tests/build, tests/site, tests/browser import these in their conftest.py; the engine's and the
property tests need none of the build tools).

`build_site(generator)`: the site `python -m outside_help_build build --generator <generator>`
builds (mkdocs, properdocs or zensical), built on first use in a temp folder and reused.
`built_site`: the MkDocs build, which every test of the built pages (links, origins, HTML
validity, browser tests) looks at. Set SITE_DIR to an already built site to use it as the
MkDocs build (e.g. `SITE_DIR=site pytest -m site`).
`each_site`: each generator's build in turn, for the tests every build must pass (pages, links
and anchors, the calculator and the model card, the published runtime).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from outside_help_build.generators import GENERATORS
from tests.support.build_command import build


@pytest.fixture(scope="session")
def build_site(tmp_path_factory: pytest.TempPathFactory):
    sites: dict[str, Path] = {}
    given = os.environ.get("SITE_DIR")
    if given:
        sites["mkdocs"] = Path(given).resolve()
        if not (sites["mkdocs"] / "index.html").is_file():
            pytest.fail(f"SITE_DIR={given} does not hold a built site (no index.html)")

    def site(generator: str) -> Path:
        if generator not in sites:
            folder = tmp_path_factory.mktemp(f"site-{generator}") / "site"
            result = build(folder, generator)
            if result.returncode != 0:
                pytest.fail(f"the {generator} build failed (exit {result.returncode}):\n"
                            f"{result.stdout[-4000:]}\n{result.stderr[-8000:]}")
            sites[generator] = folder
        return sites[generator]

    return site


@pytest.fixture(scope="session")
def built_site(build_site) -> Path:
    """The MkDocs build (the default generator): SITE_DIR if set, else a fresh strict build."""
    return build_site("mkdocs")


@pytest.fixture(scope="session", params=GENERATORS)
def each_site(request, build_site) -> Path:
    """The site built by each generator: MkDocs, ProperDocs and Zensical."""
    return build_site(request.param)
