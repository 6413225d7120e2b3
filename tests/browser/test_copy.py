"""Copying from the page: the calculator's summary and the planner's memo. The page asks the engine
for them only when the reader copies (its requests for each answer say `memo: false`), so these
check that what reaches the clipboard is the whole memo, for the answers on screen."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from calculator.api import handle
from tests.support.browser import wait_ready


# The site's pages may not read the clipboard (Permissions-Policy clipboard-read=()), so the test
# records what the page hands to the browser's clipboard on its way there (the real write still
# happens, and the page says "copied" only once the browser has taken it).
RECORD = """
for (const name of ["write", "writeText"]) {
  const real = navigator.clipboard[name].bind(navigator.clipboard);
  navigator.clipboard[name] = async (what) => {
    const done = real(what);
    window.__copied = name === "writeText" ? what : await (await what[0].getType("text/plain")).text();
    return done;
  };
}
"""


def _clipboard(page, site_server: str) -> None:
    page.context.grant_permissions(["clipboard-write"], origin=site_server.rstrip("/"))
    page.add_init_script(RECORD)


def _copied(page, status: str, words: str) -> str:
    page.wait_for_function("([status, words]) => document.querySelector(status).textContent.includes(words)",
                           arg=[status, words])
    return page.evaluate("() => window.__copied")


def test_copy_summary_gives_the_memo_of_the_answers_on_screen(page, site_server):
    _clipboard(page, site_server)
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.check('input[name="direction"][value="us"]')
    page.wait_for_function("() => new URL(location.href).searchParams.has('answers')")
    page.wait_for_selector("[data-calculator-result]:not([aria-busy])")
    share = parse_qs(urlsplit(page.url).query)["answers"][0]
    config = page.evaluate("() => JSON.parse(document.querySelector('[data-calculator]').dataset.calculatorConfig)")
    assert config["pages"] == {"calculator": "calculator/", "planner": "plan/", "providers": "compare-providers/"}
    page.click('[data-action="copy-summary"]')
    text = _copied(page, "[data-calculator-copy-status]", "Summary copied")
    expected = json.loads(handle(json.dumps({"op": "score", "share": share, "site_url": config["siteUrl"],
                                             "pages": config["pages"]})))["memo"]
    assert text == expected
    assert text.startswith("# Decision memo") and f"calculator/?answers={share})" in text


def test_copy_as_markdown_gives_the_plan_memo(page, site_server):
    _clipboard(page, site_server)
    page.goto(site_server + "plan/")
    wait_ready(page, "[data-plan]")
    page.locator("[data-stream-name]").first.fill("Platform <b>build</b>")
    page.wait_for_function("() => new URL(location.href).searchParams.has('plan')")
    page.wait_for_selector("[data-plan-result]:not([aria-busy])")
    share = parse_qs(urlsplit(page.url).query)["plan"][0]
    config = page.evaluate("() => JSON.parse(document.querySelector('[data-plan]').dataset.planConfig)")
    page.click('[data-action="copy-memo"]')
    text = _copied(page, "[data-plan-status]", "Plan copied")
    expected = json.loads(handle(json.dumps({"op": "plan", "share": share, "site_url": config["siteUrl"],
                                             "pages": config["pages"]})))["memo"]
    assert text == expected
    assert text.startswith("# Plan: outside help") and "Platform &lt;b&gt;build&lt;/b&gt;" in text
