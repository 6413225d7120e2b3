"""The calculator in Chromium, on the built site served with netlify.toml's headers.

Each test gets a fresh browser context; the `page` fixture fails it on any console error, CSP
violation or request to another origin (see conftest.py). The tests marked with
`on_every_generator` run against the MkDocs build and the Zensical build (BROWSER_GENERATORS):
ready, answering, the share link, the inline calculator and its link to its own page.
"""

from __future__ import annotations

import re

import pytest

from calculator import encode_share, score

from tests.support.browser import BROWSER_GENERATORS, READY_MS, wait_ready

on_every_generator = pytest.mark.parametrize("site_server", BROWSER_GENERATORS, indirect=True)

ROOT_SEL = "[data-calculator]"
RESULT = "[data-calculator-result]"


def result_text(page) -> str:
    """The result's visible text, whitespace-normalised."""
    return " ".join(page.inner_text(RESULT).split())


def recommendation(page) -> str:
    return page.get_attribute(RESULT, "data-recommendation")


def checked(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        f'{ROOT_SEL} input[type="radio"]:checked', "els => Object.fromEntries(els.map(e => [e.name, e.value]))"
    )


BPO_ANSWERS = {
    "work_type": "business_process", "direction": "provider", "management_capacity": "little",
    "scope_change": "stable", "process_maturity": "documented", "service_levels": "yes",
    "collaboration": "separate", "governance": "yes", "pricing": "per_transaction",
}


@on_every_generator
def test_ready_and_every_answer_updates_the_result(page, site_server):
    page.goto(site_server + "calculator/")
    # First paint: a real, pre-rendered result for the example answers, before Python.
    assert page.get_attribute(ROOT_SEL, "data-state") == "loading"
    prerendered = result_text(page)
    example = checked(page)
    assert recommendation(page) == score(example).recommendation
    assert "Recommendation:" in prerendered
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    # The browser's rendering of the same answers is the build's rendering, word for word.
    assert result_text(page) == prerendered
    assert page.url.endswith("/calculator/"), "example answers are not written into the URL"

    # One answer at a time: the result follows each change at once.
    page.check('input[name="work_type"][value="business_process"]')
    page.wait_for_function("() => new URL(location.href).searchParams.get('answers')?.includes('k3')")
    for question, option in BPO_ANSWERS.items():
        page.check(f'input[name="{question}"][value="{option}"]')
    expected = score({**example, **BPO_ANSWERS}).to_dict()
    page.wait_for_function(
        "share => new URL(location.href).searchParams.get('answers') === share", arg=expected["share"]
    )
    page.wait_for_selector(f'{RESULT}:not([aria-busy])')
    assert recommendation(page) == ("hybrid" if expected["close_call"] else expected["recommendation"])
    for model, value in expected["scores"].items():
        assert page.inner_text(f'{RESULT} [data-model="{model}"] .ohc-score__value') == f"{value:.1f}"
    assert page.eval_on_selector(f'{RESULT} [data-model="bpo"] meter', "m => m.value") == expected["scores"]["bpo"]
    text = result_text(page)
    for reason in expected["reasons"]:
        assert reason["text"] in text
    # Guide links point at real sections of the built site.
    hrefs = page.eval_on_selector_all(f"{RESULT} a[href]", "as => as.map(a => a.href)")
    assert hrefs and all(h.startswith(site_server) and "#" in h for h in hrefs)
    response = page.request.get(hrefs[0].split("#")[0])
    assert response.ok

    # Clear all answers: no recommendation, and the URL no longer carries answers.
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.click('[data-action="clear"]')
    page.wait_for_function(f"() => document.querySelector('{RESULT}').dataset.verdict === 'no_answers'")
    assert checked(page) == {}
    assert "answer at least one question" in page.inner_text("[data-calculator-headline]").lower()


@on_every_generator
def test_a_shared_link_restores_the_answers(page, site_server):
    weights = {"pricing": 0}
    share = encode_share(BPO_ANSWERS, weights)
    expected = score(BPO_ANSWERS, weights).to_dict()
    page.goto(f"{site_server}calculator/?answers={share}")
    wait_ready(page)
    page.wait_for_function(
        "rec => document.querySelector('[data-calculator-result]').dataset.recommendation === rec",
        arg="hybrid" if expected["close_call"] else expected["recommendation"],
    )
    assert checked(page) == BPO_ANSWERS
    assert page.is_hidden("[data-calculator-example]")
    assert "changed weights for 1 question" in result_text(page)
    assert page.is_hidden("[data-calculator-alert]")
    # Copy link / Copy summary are available once the engine is ready.
    page.click('[data-action="copy-link"]')
    page.wait_for_function("() => document.querySelector('[data-calculator-copy-status]').textContent !== ''")
    assert re.search(r"copied|did not allow", page.inner_text("[data-calculator-copy-status]"))
    # The shortened path redirects, keeping the answers.
    page.goto(f"{site_server}calc?answers={share}")
    assert "/calculator/?answers=" in page.url


@pytest.mark.parametrize("query, detail", [
    ("answers=v1z9", "z"),
    ("answers=v9k1", "version 9"),
    ("answers=v1k1&answers=v1k2", "2 “answers” parts"),
    ("answers=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", "could not be read"),
])
def test_a_mangled_link_says_what_is_wrong_and_leaves_a_usable_calculator(page, site_server, query, detail):
    page.goto(f"{site_server}calculator/?{query}")
    wait_ready(page)
    alert = page.locator("[data-calculator-alert]")
    alert.wait_for(state="visible")
    message = alert.inner_text()
    assert "could not be read" in message and detail in message, message
    assert page.locator("[data-calculator-alert] *").count() == 0, "messages are text, never markup"
    assert page.locator("img[src=x]").count() == 0
    # Still usable: an answer updates the result.
    before = result_text(page)
    page.check('input[name="direction"][value="provider"]')
    page.wait_for_function("before => document.querySelector('[data-calculator-result]').innerText.split(/\\s+/).join(' ') !== before", arg=before)


def test_keyboard_only(page, site_server):
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    page.focus("[data-calculator-example] button")
    page.keyboard.press("Tab")   # into the first question's radio group (its checked radio)
    focused = page.evaluate("() => [document.activeElement.name, document.activeElement.value]")
    assert focused == ["work_type", "team_roles"]
    assert page.evaluate("() => document.activeElement.matches(':focus-visible')")
    before = page.inner_text("[data-calculator-headline]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")   # team_roles -> it_service -> business_process
    assert checked(page)["work_type"] == "business_process"
    page.keyboard.press("Tab")         # next question
    assert page.evaluate("() => document.activeElement.name") == "direction"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")   # us -> shared -> provider
    page.wait_for_function("() => new URL(location.href).searchParams.get('answers')?.includes('k3d3')")
    expected = score({**checked(page)}).to_dict()
    page.wait_for_function(
        "rec => document.querySelector('[data-calculator-result]').dataset.recommendation === rec",
        arg="hybrid" if expected["close_call"] else expected["recommendation"],
    )
    # The headline (the live region a screen reader announces) says the new result.
    assert page.get_attribute("[data-calculator-headline]", "aria-live") == "polite"
    assert page.inner_text("[data-calculator-headline]") != before


@on_every_generator
def test_inline_calculator_on_the_guide_page(page, site_server):
    """The inline calculator loads only once scrolled into view, then works and links to its page."""
    runtime_requests = []
    page.on("request", lambda r: "/pyodide/" in r.url and runtime_requests.append(r.url))
    page.goto(site_server + "how-to-choose/")
    assert page.get_attribute(ROOT_SEL, "data-variant") == "inline"
    page.wait_for_timeout(1500)
    assert runtime_requests == [], "Pyodide must not load before the calculator is in view"
    wait_ready(page)
    assert runtime_requests, "scrolling to the calculator starts loading"
    page.check('input[name="work_type"][value="it_service"]')
    page.wait_for_function("() => new URL(location.href).searchParams.get('answers')?.includes('k2')")
    link = page.get_attribute("[data-calculator-page-link]", "href")
    assert "/calculator/?answers=" in link
    page.click("[data-calculator-page-link]")
    wait_ready(page)
    page.wait_for_function("() => document.querySelector('input[name=work_type][value=it_service]').checked")


def test_blocked_webassembly_shows_the_error_and_the_page_still_reads(page, site_server, page_problems):
    page_problems.allow(r"Failed to load resource|ERR_FAILED|pyodide\.asm\.wasm")
    page.context.route("**/*.wasm", lambda route: route.abort())
    page.goto(site_server + "calculator/")
    prerendered = result_text(page)
    page.wait_for_selector('[data-calculator][data-state="error"]', timeout=READY_MS)
    message = page.inner_text("[data-calculator-message]")
    assert "could not load" in message
    assert page.is_visible('[data-action="retry"]')
    assert result_text(page) == prerendered, "the pre-rendered result stays"
    assert page.is_visible("h1") and "How to read the result" in page.inner_text("article")


def test_a_hanging_download_times_out_with_a_retry(page, site_server, page_problems):
    page_problems.allow(r"Failed to load resource|ERR_FAILED")
    page.context.add_init_script("globalThis.OH_CALCULATOR_TIMEOUT_MS = 3000;")
    page.context.route("**/*.wasm", lambda route: None)   # never answered: a silent hang
    page.goto(site_server + "calculator/")
    page.wait_for_selector('[data-calculator][data-state="error"]', timeout=60_000)
    assert "stopped making progress for 3 seconds" in page.inner_text("[data-calculator-message]")
    page.context.unroute("**/*.wasm")
    page.evaluate("globalThis.OH_CALCULATOR_TIMEOUT_MS = 90000")   # a real load has silent phases
    page.click('[data-action="retry"]')
    assert page.get_attribute(ROOT_SEL, "data-state") == "loading"
    wait_ready(page)


def test_pages_without_a_calculator_load_no_pyodide(page, site_server):
    seen = []
    page.on("request", lambda request: seen.append(request.url))
    for path in ["", "models/bpo/", "compare/all-three/", "method/"]:
        page.goto(site_server + path)
        page.wait_for_load_state("load")
        page.evaluate("() => new Promise(r => setTimeout(r, 300))")
        assert page.locator("[data-calculator]").count() == 0
    loaded = [u for u in seen if "/pyodide/" in u or "calculator-worker" in u]
    assert not loaded, loaded
    assert any(u.endswith("calculator.mjs") for u in seen), "the page script is there, idle"
