"""What the browser tests share besides fixtures: timeouts, the problems a page may show, and
waiting for the calculator as a reader would (tests/browser/conftest.py holds the fixtures)."""

from __future__ import annotations

import re

import pytest

# The builds the calculator's browser tests run against: `@pytest.mark.parametrize("site_server",
# BROWSER_GENERATORS, indirect=True)` (tests/browser/conftest.py). ProperDocs builds what MkDocs
# builds (tests/test_properdocs.py checks its site).
BROWSER_GENERATORS = ("mkdocs", "zensical")

# The calculator gives up after 30 s without progress. This machine may be shared and slow, so
# the tests allow more (the timeout path itself is tested with a short value).
TEST_TIMEOUT_MS = 90_000
READY_MS = 120_000

# A JavaScript function, name -> that site module (`await import` of it), for a page under test to
# import one of our scripts. They sit next to the page script every page loads (site.mjs): in
# javascripts/<digest>/ once built (build/outside_help_build/fingerprint.py), so found from its tag.
SITE_MODULE = """(name) => import(new URL(name, document.querySelector('script[type="module"][src$="/site.mjs"]').src).href)"""

# Added to every page before its own scripts: the calculator's patience, and a console error
# for every CSP violation (so the `page` fixture fails the test on one).
INIT_SCRIPT = """
globalThis.OH_CALCULATOR_TIMEOUT_MS = globalThis.OH_CALCULATOR_TIMEOUT_MS || %d;
document.addEventListener("securitypolicyviolation", (e) => {
  console.error(`[csp violation] ${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${e.sourceFile}:${e.lineNumber}`);
});
""" % TEST_TIMEOUT_MS


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
