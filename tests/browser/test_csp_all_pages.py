"""Every built page, in Chromium, under the headers the build generated (the site's _headers):
zero CSP violations.

The `page` fixture (conftest.py) already fails a test on any console error or CSP violation; these
tests also collect `securitypolicyviolation` events in the page itself, so a violation is caught
even if it is never logged, and they check that the policy really was sent (a test that passes
because no CSP arrived would prove nothing).

Covered: each page loaded and scrolled to the end (so an inline calculator starts), the
calculators brought to the ready state (Pyodide, its worker and WebAssembly under the CSP), the
theme's scripts that run on interaction (search and its worker, palette switch and its stored
choice, hovering abbreviations), the 404 page at a deep unknown path, and the short-path redirects.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from outside_help_build import csp
from tests.support.browser import wait_ready

ROOT = Path(__file__).resolve().parents[2]
NETLIFY = tomllib.loads((ROOT / "netlify.toml").read_text(encoding="utf-8"))   # the redirects

# Collected in the page, before any page script runs (the fixture's listener only logs).
COLLECT = """
globalThis.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  globalThis.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def declared_csp(site: Path) -> str:
    return " ".join(csp.declared_csp(site).split())


def page_urls(site: Path) -> list[str]:
    """URL paths of every built page (404.html is visited at an unknown path instead)."""
    urls = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        urls.append(rel.removesuffix("index.html"))
    return urls


def violations(page) -> list[str]:
    return page.evaluate("() => globalThis.__cspViolations || []")


def open_page(page, url: str):
    page.add_init_script(COLLECT)
    response = page.goto(url)
    assert response is not None
    return response


def assert_policy_sent(response, site: Path) -> None:
    sent = response.headers.get("content-security-policy")
    assert sent, f"{response.url}: no Content-Security-Policy header (is the site's _headers applied?)"
    assert " ".join(sent.split()) == declared_csp(site)


def test_every_page_loads_without_csp_violations(page, built_site, site_server):
    pages = page_urls(built_site)
    assert len(pages) >= 10, pages
    with_calculator = []
    for path in pages:
        response = open_page(page, site_server + path)
        assert response.status == 200, f"/{path}: HTTP {response.status}"
        assert_policy_sent(response, built_site)
        page.wait_for_load_state("load")
        # Scroll to the end in steps, so lazy parts (an inline calculator) start as a reader's would.
        page.evaluate("""async () => {
          for (let y = 0; y <= document.body.scrollHeight; y += innerHeight) {
            scrollTo(0, y); await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
          }
        }""")
        if page.locator("[data-calculator]").count():
            with_calculator.append(path)
            for i in range(page.locator("[data-calculator]").count()):
                wait_ready(page, f"#{page.locator('[data-calculator]').nth(i).get_attribute('id')}")
        assert violations(page) == [], f"/{path}: CSP violations"
    assert "calculator/" in with_calculator, "the calculator page was not found among the built pages"


def search_for(page, query: str) -> None:
    """Type a query once the theme's search is ready, and wait for its results.

    Material builds its index in a worker after load and says "Initializing search" until then;
    text typed before that is not searched. On a loaded machine building the index takes seconds,
    so wait for the theme to say it is ready rather than for a fixed time."""
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m !== null && m.textContent.trim() !== '' && !/Initializing/.test(m.textContent); }",
        timeout=60_000)
    # Typed key by key, as a reader types: the theme searches on key presses (a fill() sets the
    # value at once, and the theme may read the box on focus before the text is in it).
    page.click("input[data-md-component=search-query]")
    page.keyboard.type(query)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)


def test_theme_interactions_without_csp_violations(page, built_site, site_server):
    response = open_page(page, site_server + "how-to-choose/")
    assert_policy_sent(response, built_site)
    # Search: Material's search worker (a file under assets/javascripts/workers/) and its results.
    page.wait_for_load_state("load")
    search_for(page, "managed services")
    page.keyboard.press("Escape")
    # Palette toggle: stored in localStorage and restored by the inline palette script on reload.
    toggle = page.locator("form[data-md-component=palette] label:visible").first
    toggle.click()
    scheme = page.get_attribute("body", "data-md-color-scheme")
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == scheme
    # Abbreviations and link titles: hovering them must not trip the policy either.
    abbr = page.locator("article abbr").first
    if abbr.count():
        abbr.hover()
    link = page.locator("article a[title]").first
    if link.count():
        link.hover()
    page.wait_for_timeout(300)
    assert violations(page) == []


def test_unknown_path_serves_the_404_page_under_the_policy(page, page_problems, built_site, site_server):
    # Chromium logs the document's own 404 status as a console error: that one is expected.
    page_problems.allow(r"status of 404 .*/no/such/page/at/depth/")
    response = open_page(page, site_server + "no/such/page/at/depth/")
    assert response.status == 404
    assert_policy_sent(response, built_site)
    assert page.locator("h1#not-found").count() == 1
    # Its links are absolute (site_url's path), so they work from any depth.
    href = page.get_attribute("article a[href*='calculator/']", "href")
    target = page.request.get(page.url.split("/no/")[0] + "/" + href.lstrip("/"))
    assert target.ok, href
    assert violations(page) == []


def _redirect_cases():
    for rule in NETLIFY.get("redirects", []):
        yield pytest.param(rule, id=rule["from"])


@pytest.mark.parametrize("rule", list(_redirect_cases()))
def test_short_paths_redirect_to_real_pages(page, site_server, rule):
    # The query string must survive, so a shortened share link still carries its answers.
    query = "?answers=v1k1" if rule["to"] == "/calculator/" else "?from=short"
    response = open_page(page, site_server + rule["from"].lstrip("/") + query)
    assert response.status == 200
    assert page.url == site_server + rule["to"].lstrip("/") + query, page.url
    if query.startswith("?answers"):
        wait_ready(page)
        assert page.locator('input[name="kind"][value="build"]').is_checked()   # a v1 link, carried over
    assert violations(page) == []
