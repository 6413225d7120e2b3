"""Browser fixtures: Debian's Chromium driven by Playwright against the built site on loopback.

- `serve_site`: a function, generator -> URL of that generator's build (`build_site`,
  tests/conftest.py) served on 127.0.0.1 by tests/support/server.py with the MIME types and
  headers the build generated into that site's `_headers` (its own CSP hashes), so every page
  runs under the Content-Security-Policy Netlify would send for that build.
- `site_server`: the MkDocs build's URL; a test parametrized with
  `@pytest.mark.parametrize("site_server", BROWSER_GENERATORS, indirect=True)` gets each one.
- `browser`: Chromium at /usr/bin/chromium (or $CHROMIUM); never `playwright install`. When it is
  missing the tests fail under CI=true and are skipped, with the reason, elsewhere.
- `page`: a new context per test. At teardown it fails the test on any console error, uncaught
  page error, CSP violation (a `securitypolicyviolation` listener added before any page script)
  or request to another origin. Other hosts are unresolvable anyway (--host-resolver-rules), so
  the site is proven to work offline. `page_problems.allow(...)` lets a test expect an error.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import pytest

from tests.support.browser import INIT_SCRIPT, READY_MS, PageProblems
from tests.support.chromium import ARGS, CHROMIUM
from tests.support.server import SiteServer
from tests.support.sites import build_site, built_site, each_site  # noqa: F401 (fixtures)


def pytest_collection_modifyitems(items):
    """Every test in tests/browser/ carries the `browser` marker (select with -m browser)."""
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def serve_site(build_site):
    servers: dict[str, str] = {}
    with contextlib.ExitStack() as stack:
        def serve(generator: str) -> str:
            if generator not in servers:
                servers[generator] = stack.enter_context(SiteServer(build_site(generator))).url
            return servers[generator]

        yield serve


@pytest.fixture(scope="session")
def site_server(request, serve_site) -> str:
    return serve_site(getattr(request, "param", "mkdocs"))


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (run `make browser` or apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_problems(site_server) -> PageProblems:
    return PageProblems(site_server.rstrip("/"))


@pytest.fixture
def page(browser, site_server, page_problems):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(INIT_SCRIPT)
    context.on("request", page_problems.request)
    page = context.new_page()
    page.on("console", page_problems.console)
    page.on("pageerror", lambda error: page_problems.errors.append(f"page error: {error}"))
    page.set_default_timeout(READY_MS)
    yield page
    context.close()
    assert not page_problems.foreign, f"requests to other origins: {page_problems.foreign}"
    assert not page_problems.unexpected(), "console errors:\n" + "\n".join(page_problems.unexpected())
