"""Browser fixtures: Debian's Chromium driven by Playwright against the built site on loopback.

- `site_server`: the built site (`built_site`, tests/conftest.py) served on 127.0.0.1 and a free
  port by tests/support/server.py, with the MIME types and the headers netlify.toml declares
  (so every page runs under the real Content-Security-Policy).
- `browser`: Chromium at /usr/bin/chromium (or $CHROMIUM); never `playwright install`. When it is
  missing the tests fail under CI=true and are skipped, with the reason, elsewhere.
- `page`: a new context per test. At teardown it fails the test on any console error, uncaught
  page error, CSP violation (a `securitypolicyviolation` listener added before any page script)
  or request to another origin. Other hosts are unresolvable anyway (--host-resolver-rules), so
  the site is proven to work offline. `page_problems.allow(...)` lets a test expect an error.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "support"))
from server import SiteServer  # noqa: E402

sys.path.remove(str(ROOT / "tests" / "support"))

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Offline: any host but loopback fails to resolve, so nothing can leave the machine.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# The calculator gives up after 30 s without progress. This machine may be shared and slow, so
# the tests allow more (the timeout path itself is tested with a short value).
TEST_TIMEOUT_MS = 90_000
READY_MS = 120_000

INIT_SCRIPT = """
globalThis.OH_CALCULATOR_TIMEOUT_MS = globalThis.OH_CALCULATOR_TIMEOUT_MS || %d;
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`[csp violation] ${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`);
});
""" % TEST_TIMEOUT_MS


def pytest_collection_modifyitems(items):
    """Every test in tests/browser/ carries the `browser` marker (select with -m browser)."""
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    with SiteServer(built_site) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (run `make browser` or apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors, page errors, CSP violations and other-origin requests seen by a page."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.allowed: list[re.Pattern[str]] = []

    def allow(self, pattern: str) -> None:
        """Expect console errors matching `pattern` (e.g. a download the test itself blocks)."""
        self.allowed.append(re.compile(pattern))

    def console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def request(self, request) -> None:
        url = request.url
        if not url.startswith(self.origin) and not url.startswith(("data:", "blob:", "about:")):
            self.foreign.append(url)

    def unexpected(self) -> list[str]:
        errors = [e for e in self.errors if not any(p.search(e) for p in self.allowed)]
        csp = [e for e in self.errors if "[csp violation]" in e]   # never allowed
        return sorted(set(errors + csp))


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


def wait_ready(page, root: str = "[data-calculator]") -> None:
    """Scroll to the calculator as a reader would, then wait until it is ready.

    The calculator starts loading only once it is in view (or touched), so the scroll is what
    starts it on pages where it sits below the fold. Fails fast, with its message, if it errors.
    """
    page.locator(root).first.scroll_into_view_if_needed()
    page.wait_for_selector(f'{root}[data-state="ready"], {root}[data-state="error"]', timeout=READY_MS)
    state = page.get_attribute(root, "data-state")
    if state != "ready":
        message = page.inner_text(f"{root} [data-calculator-message]")
        pytest.fail(f"the calculator did not become ready: {message}")
