"""Hostile share links: mangled, truncated, oversized, script-bearing, unknown keys, repeats.

Each case opens the calculator with the link, served under netlify.toml's headers, and checks:
- a clear message in the calculator's alert, as plain text (the alert has no child elements);
- a usable calculator: `data-state="ready"`, and answering a radio updates the result and the URL;
- nothing from the URL became markup: no new script, image, frame or element with an event
  handler attribute, no dialog (alert/confirm/prompt), and the canary `__pwned()` never ran;
- zero CSP violations and no console errors (the `page` fixture, conftest.py).

The payloads call `__pwned()` instead of `alert()`, so a successful injection is counted even
where a dialog would be suppressed; dialogs are recorded as well.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.support.browser import wait_ready

ALERT = "[data-calculator-alert]"
RESULT = "[data-calculator-result]"

CANARY = """
globalThis.__pwnedCount = 0;
globalThis.__pwned = () => { globalThis.__pwnedCount += 1; };
"""

# Elements and attributes that would only be there if a payload had been parsed as HTML.
INJECTED = (
    "img[src='x'], img[src='x:'], svg[onload], iframe, object, embed, base, meta[http-equiv], "
    "form[action], [onerror], [onload], [onclick], [onmouseover], [onfocus], [srcdoc], "
    "a[href^='javascript:' i]"
)

# Each case loads Pyodide afresh (10-20 s on a busy machine), so the list covers each kind of
# attack once rather than every spelling of it.
XSS = [
    "<script>__pwned()</script>",
    '"><img src=x onerror=__pwned()>',
    "v1k1\"><svg/onload=__pwned()>",
    "'><iframe srcdoc='<script>parent.__pwned()</script>'>",
    "javascript:__pwned()",
    "v1k1</p><base href=//evil.example/>",
    "${__pwned()}{{constructor.constructor('__pwned()')()}}",
]

# (query string, the engine's sentence for the reader the message must contain)
DAMAGED = "The answers in this link are damaged"
NOT_OURS = "not in a form the calculator makes"
CASES = [
    # script-bearing: as typed, and percent-encoded as a link would carry it
    *[(f"answers={p}", DAMAGED if p.startswith("v1") else NOT_OURS) for p in XSS],
    (f"answers={quote(XSS[1], safe='')}", NOT_OURS),
    # mangled
    ("answers=v2k1d9", DAMAGED),
    ("answers=v4k1", "this page does not know (version 4)"),
    ("answers=v2K1", DAMAGED),
    ("answers=v2k1%00d1", DAMAGED),
    ("answers=v2k1%E2%80%AEd1", DAMAGED),    # right-to-left override
    ("answers=v2k1Wr9", DAMAGED),
    ("answers=v2k3Sr-5", DAMAGED),           # a negative figure
    # truncated
    ("answers=v2k", DAMAGED),
    ("answers=", "answers part is empty"),
    # unknown question keys
    ("answers=v2q1", DAMAGED),
    # oversized
    ("answers=v2" + "k1" * 30_000, "far longer than any the calculator makes"),   # 60 kB
    ("answers=v2" + "d1" * 250, "far longer than any the calculator makes"),      # just over the limit
    # repeated parameters
    ("answers=v2k1&answers=v2k1", "This link holds 2 sets of answers"),
    ("answers=v2k1&answers=%3Cscript%3E__pwned()%3C/script%3E&answers=", "This link holds 3 sets of answers"),
]


def case_id(case) -> str:
    query = case[0]
    return (query[:40] + f"…({len(query)})") if len(query) > 40 else query


def open_hostile(page, url: str) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.add_init_script(CANARY)
    page.goto(url)
    return dialogs


def assert_nothing_injected(page, dialogs: list[str], baseline_scripts: int | None = None) -> None:
    assert dialogs == [], f"a dialog opened: {dialogs}"
    assert page.evaluate("() => globalThis.__pwnedCount") == 0, "an injected script ran"
    injected = page.eval_on_selector_all(INJECTED, "els => els.map(e => e.outerHTML.slice(0, 120))")
    assert injected == [], f"markup from the URL is in the page: {injected}"
    if baseline_scripts is not None:
        assert page.locator("script").count() == baseline_scripts, "a script element was added"


def assert_usable(page) -> None:
    """Answering still works: the result and the URL follow a new answer."""
    before = page.inner_text(RESULT)
    page.check('input[name="kind"][value="tech_service"]')
    # Let the first answer's result arrive before the next (the state line above the questions
    # changes as it does, and a click aimed while it moves can land beside the option).
    page.wait_for_function("() => (new URL(location.href).searchParams.get('answers') || '').includes('k2')")
    page.wait_for_selector("[data-calculator-result]:not([aria-busy])")
    page.check('input[name="direction"][value="provider"]')
    page.wait_for_function(
        "() => (new URL(location.href).searchParams.get('answers') || '').includes('k2d3')"
    )
    page.wait_for_function(
        "before => document.querySelector('[data-calculator-result]').innerText !== before", arg=before
    )
    assert page.get_attribute("[data-calculator]", "data-state") == "ready"


@pytest.fixture(scope="module")
def baseline_scripts(browser, site_server) -> int:
    """How many <script> elements the calculator page has on a clean load."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_server + "calculator/")
    count = page.locator("script").count()
    context.close()
    return count


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_hostile_link_on_the_calculator_page(page, site_server, baseline_scripts, case):
    query, expected = case
    dialogs = open_hostile(page, f"{site_server}calculator/?{query}")
    wait_ready(page)
    alert = page.locator(ALERT)
    alert.wait_for(state="visible")
    message = alert.inner_text()
    assert expected in message and "Showing the example answers instead" in message, message
    assert "share link:" not in message, "the decoder's own wording is not shown to readers"
    assert len(message) < 400, f"the message should be short, not echo the whole link: {len(message)} chars"
    assert page.locator(f"{ALERT} *").count() == 0, "the message is text, never markup"
    # The example answers are shown instead, and labelled as such.
    assert page.locator("[data-calculator-example]").is_visible()
    assert_nothing_injected(page, dialogs, baseline_scripts)
    assert_usable(page)
    assert_nothing_injected(page, dialogs, baseline_scripts)


def test_hostile_link_on_the_inline_calculator(page, site_server):
    """The guide page's inline calculator reads the same parameter and reacts the same way."""
    dialogs = open_hostile(page, site_server + "how-to-choose/?answers=" + quote('"><img src=x onerror=__pwned()>'))
    root = "[data-calculator]"
    wait_ready(page, root)
    alert = page.locator(ALERT)
    alert.wait_for(state="visible")
    assert NOT_OURS in alert.inner_text()
    assert_nothing_injected(page, dialogs)
    page.check('input[name="direction"][value="provider"]')
    page.wait_for_function("() => (new URL(location.href).searchParams.get('answers') || '').includes('d3')")


# (Material reads ?q= itself: it opens the search, tested in test_hostile_urls_for_the_theme.)
@pytest.mark.parametrize("query", ["Answers=v2k3&answer=v2k3", "colour=red&utm_source=%3Cscript%3E__pwned()%3C/script%3E"])
def test_unknown_parameters_are_ignored(page, site_server, baseline_scripts, query):
    """Parameters the calculator does not read change nothing and raise no alarm."""
    dialogs = open_hostile(page, f"{site_server}calculator/?{query}")
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    assert page.locator(ALERT).is_hidden()
    assert page.locator('input[name="kind"][value="business_process"]').is_checked()   # the example
    assert_nothing_injected(page, dialogs, baseline_scripts)
    assert_usable(page)


@pytest.mark.parametrize("path", [
    # Material reads ?q= (search) and ?h= (highlight terms) from the URL.
    "faq/?h=" + quote("<img src=x onerror=__pwned()>"),
    "faq/?q=" + quote('"><svg onload=__pwned()>'),
    "faq/?h=" + quote("</mark><script>__pwned()</script>"),
    # A fragment is looked up by id by Material's inline script, never parsed.
    "faq/#" + quote("<img src=x onerror=__pwned()>"),
])
def test_hostile_urls_for_the_theme(page, site_server, path):
    dialogs = open_hostile(page, site_server + path)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert_nothing_injected(page, dialogs)


def test_hostile_path_on_the_404_page(page, page_problems, site_server):
    page_problems.allow(r"status of 404")
    dialogs = open_hostile(page, site_server + quote("<script>__pwned()</script>/x\"><img src=x onerror=__pwned()>", safe="/"))
    assert page.locator("h1#not-found").count() == 1
    assert_nothing_injected(page, dialogs)
