"""The calculator's and the planner's pages say what state their result is in, where the reader
is looking, and keep the reader's work (issue #21): example, live, updating, out of date and not
live (with Retry) at the top of the form and in the sticky bar; a blocked runtime reported within
seconds on both pages in plain words; a damaged link's warning that stays until the reader acts;
the address keeping the last good figures while one is wrong, and the error on the field the
reader changed; keyboard focus never under the sticky bar; the result beside the questions on a
wide screen; the plan table readable on a phone; and heading links a phone can copy.
"""

from __future__ import annotations

import time

import pytest

from calculator import result_view, score
from outside_help_build.engine import example
from tests.support.browser import READY_MS, wait_ready

PAGES = {
    "calculator": ("calculator/", "[data-calculator]"),
    "plan": ("plan/", "[data-plan]"),
}
STATE_TEXT = "[data-page-state-text]"

# Every value data-result takes, in order (page-kit.mjs sets it on the root).
RECORD_STATES = """
window.__states = [];
new MutationObserver((records) => {
  for (const r of records) if (r.attributeName === "data-result") window.__states.push(r.target.dataset.result);
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-result"] });
"""

# Hold every question to the engine for a second, so the page is seen while it waits.
SLOW_ENGINE = """
const send = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (window.__slow && message && message.type === "call") setTimeout(() => send.call(this, message, ...rest), 1000);
  else send.call(this, message, ...rest);
};
"""


def state(page, root: str) -> str:
    return page.get_attribute(root, "data-result")


def labels(page, root: str) -> list[str]:
    """The state words the reader sees (the sticky bar's and the result title's chips)."""
    return [t.strip() for t in page.locator(f"{root} [data-page-state-label]").all_inner_texts()]


def wait_state(page, root: str, want: str, timeout: float = READY_MS) -> None:
    page.wait_for_selector(f'{root}[data-result="{want}"]', timeout=timeout)


def ready(page, root: str) -> None:
    if root == "[data-calculator]":
        wait_ready(page)
    else:
        page.wait_for_selector(f'{root}[data-state="ready"]', timeout=READY_MS)


# ----- states ------------------------------------------------------------------------------------

def test_the_calculator_says_example_then_live_then_updating_then_live(page, site_server):
    page.context.add_init_script(RECORD_STATES + SLOW_ENGINE)
    page.goto(site_server + "calculator/")
    root = PAGES["calculator"][1]
    assert state(page, root) == "example" and labels(page, root) == ["Example", "Example"]
    assert page.is_visible("[data-calculator-example]"), "the example's note says what is shown"
    wait_ready(page)
    wait_state(page, root, "example")
    page.check('input[name="direction"][value="provider"]')
    wait_state(page, root, "live")
    assert "Live" in labels(page, root) and page.inner_text(STATE_TEXT).startswith("Live")
    page.evaluate("() => { window.__slow = true; }")
    page.check('input[name="direction"][value="us"]')
    wait_state(page, root, "updating", timeout=5_000)
    assert labels(page, root)[0] == "Updating…"
    wait_state(page, root, "live")
    assert page.evaluate("() => window.__states").count("updating") >= 1


def test_the_planner_says_example_then_live(page, site_server):
    page.goto(site_server + "plan/")
    root = PAGES["plan"][1]
    assert state(page, root) == "example"
    ready(page, root)
    wait_state(page, root, "example")
    page.locator("[data-stream-name]").first.fill("Payroll run")
    wait_state(page, root, "live")
    assert labels(page, root)[0] == "Live"


def test_an_answer_given_while_loading_marks_the_result_out_of_date(page, site_server, page_problems):
    """Before the engine has started, answers the build has no reply for (two changed: one is a
    first tap, tests/browser/test_first_taps.py) leave a result that no longer matches: it says so."""
    page_problems.allow(r"Failed to load resource|ERR_FAILED")
    page.context.route("**/*.wasm", lambda route: None)   # the runtime never arrives
    page.goto(site_server + "calculator/")
    root = PAGES["calculator"][1]
    page.check('input[name="direction"][value="provider"]')
    page.check('input[name="urgency"][value="weeks"]')
    wait_state(page, root, "stale", timeout=10_000)
    assert labels(page, root) == ["Out of date", "Out of date"]
    assert "does not follow your latest answers" in page.inner_text(STATE_TEXT)


def test_an_answer_given_before_the_page_script_runs_counts(page, site_server, page_problems):
    """A tap while the page is still loading (or a form the browser restored) is the reader's
    answer: once the script runs, the result follows it (a first tap, answered from the build's
    table while the engine cannot start) and the engine starts."""
    page_problems.allow(r"Failed to load resource|ERR_FAILED")
    page.context.route("**/*.wasm", lambda route: None)   # keep the result waiting for the engine
    held = []
    page.route("**/javascripts/*/calculator.mjs", lambda route: held.append(route))
    page.goto(site_server + "calculator/", wait_until="domcontentloaded")
    page.check('input[name="direction"][value="us"]')
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the calculator's script was never requested"
    root = PAGES["calculator"][1]
    assert state(page, root) == "example", "nothing could have reacted yet"
    held[0].continue_()
    wait_state(page, root, "live", timeout=10_000)
    assert page.is_checked('input[name="direction"][value="us"]')
    answers = {**example()["answers"], "direction": "us"}
    assert page.inner_text("[data-calculator-headline]") == result_view(score(answers))["headline"]
    assert labels(page, root) == ["Live", "Live"]
    assert page.get_attribute(root, "data-state") == "loading", "the engine itself has not started"


@pytest.mark.parametrize("blocked", ["**/*.wasm", "**/*.whl"])   # the interpreter; the engine's wheel
@pytest.mark.parametrize("which", PAGES)
def test_a_blocked_runtime_is_reported_within_seconds_in_plain_words_with_retry(page, site_server, page_problems, which, blocked):
    """The interpreter or the engine's wheel blocked (the wheel is fetched beside the interpreter,
    as the worker starts): both pages say so within a few seconds, at the top of the form, in
    plain words, with Retry; after Retry (unblocked) the page goes live."""
    page_problems.allow(r"Failed to load resource|ERR_FAILED|pyodide\.asm\.wasm|\.whl")
    path, root = PAGES[which]
    page.context.route(blocked, lambda route: route.abort())
    started = time.monotonic()
    page.goto(site_server + path)
    page.locator(root).scroll_into_view_if_needed()
    page.wait_for_selector(f'{root}[data-state="error"]', timeout=30_000)
    took = time.monotonic() - started
    assert took < 8, f"the failure took {took:.1f} s to show"
    assert state(page, root) == "failed" and labels(page, root)[0] == "Not live"
    text = page.inner_text(STATE_TEXT)
    assert "could not load" in text and "could not be downloaded" in text
    assert "Failed to fetch" not in text and "step" not in text
    retry = page.locator(f'{root} [data-page-state] [data-action="retry"]')
    assert retry.is_visible()
    box, form = retry.bounding_box(), page.locator(f"{root} form").bounding_box()
    assert box["y"] < form["y"] + 300, "Retry sits at the top of the form"
    page.context.unroute(blocked)
    retry.click()
    assert state(page, root) == "example", "while it loads again, the result is the example again"
    assert "could not load" not in page.inner_text(STATE_TEXT)
    ready(page, root)
    wait_state(page, root, "example")


def test_a_hanging_runtime_on_the_planner_times_out_with_retry(page, site_server, page_problems):
    page_problems.allow(r"Failed to load resource|ERR_FAILED")
    page.context.add_init_script("globalThis.OH_CALCULATOR_TIMEOUT_MS = 3000;")
    page.context.route("**/*.wasm", lambda route: None)
    page.goto(site_server + "plan/")
    page.wait_for_selector('[data-plan][data-state="error"]', timeout=60_000)
    assert "stopped making progress for 3 seconds" in page.inner_text(STATE_TEXT)
    assert page.is_visible('[data-plan] [data-action="retry"]')


# ----- links -----------------------------------------------------------------------------------

def test_the_planners_damaged_link_warning_stays_until_the_reader_acts(page, site_server):
    page.goto(site_server + "plan/?plan=p1-this-is-not-a-plan")
    root = PAGES["plan"][1]
    ready(page, root)
    alert = page.locator("[data-page-alert]")
    alert.wait_for(state="visible")
    wait_state(page, root, "example")
    page.wait_for_timeout(1500)   # the example plan is painted: the warning is still there
    assert alert.is_visible() and "Showing the example plan instead" in alert.inner_text()
    assert state(page, root) == "example"
    page.locator("[data-stream-name]").first.fill("My own")
    alert.wait_for(state="hidden")
    wait_state(page, root, "live")


# ----- figures -----------------------------------------------------------------------------------

def _field(page, group: str, input_id: str):
    return page.locator(f'[data-cost-group="{group}"][data-cost-input="{input_id}"]')


def _share(page) -> str:
    return page.evaluate("() => new URL(location.href).searchParams.get('answers')")


def test_the_address_keeps_the_last_good_figures_while_one_is_wrong(page, site_server):
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.click("[data-calculator-cost] summary")
    people = _field(page, "general", "people")
    people.fill("7")
    page.wait_for_function("() => (new URL(location.href).searchParams.get('answers') || '').length > 0")
    page.wait_for_selector("[data-calculator]:not([data-result=updating]) [data-calculator-result]:not([aria-busy])")
    page.wait_for_timeout(600)
    good = _share(page)
    rate = _field(page, "staff_augmentation", "rate_per_person_month")
    rate.fill("-5")
    error = page.locator(f"#{rate.get_attribute('id')}-error")
    error.wait_for(state="visible")
    assert rate.get_attribute("aria-invalid") == "true"
    colour = page.evaluate("el => getComputedStyle(el).color", error.element_handle())
    text_colour = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset p')).color")
    assert colour != text_colour, "the error is in the error colour"
    page.wait_for_timeout(800)
    assert _share(page) == good, "one wrong figure leaves the last good figures in the address"
    assert page.is_visible("[data-calculator-cost-note]")
    page.reload()
    wait_ready(page)
    page.wait_for_function("() => document.querySelector('[data-cost-group=general][data-cost-input=people]').value === '7'")


def test_emptying_a_field_puts_the_error_on_that_field(page, site_server):
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.click("[data-calculator-cost] summary")
    page.wait_for_selector("[data-calculator-cost-result]:not([hidden]) [data-section=cost-chart]")
    people = _field(page, "general", "people")
    assert people.input_value(), "the example has a number of people"
    people.fill("")
    slot = page.locator(f"#{people.get_attribute('id')}-error")
    slot.wait_for(state="visible")
    assert people.get_attribute("aria-invalid") == "true"
    others = page.locator("[data-cost-error]:not([hidden])")
    assert others.count() == 1, "only the emptied field carries the error"


# ----- layout ----------------------------------------------------------------------------------

def _overlap(a: dict, b: dict) -> bool:
    return not (a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("viewport", [{"width": 1000, "height": 700}, {"width": 390, "height": 844}])
def test_keyboard_focus_is_never_under_the_sticky_bar(page, site_server, viewport):
    """Tab through every question: the focused answer is never covered by the sticky bar (at
    the bottom) or the header (at the top)."""
    page.set_viewport_size(viewport)
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.focus('[data-action="clear"]')
    seen = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
          const el = document.activeElement;
          if (!el || el.type !== "radio") return null;
          const box = (el.closest(".ohc-opt") || el).getBoundingClientRect();
          const bar = document.querySelector(".ohc-sticky").getBoundingClientRect();
          const header = document.querySelector(".md-header").getBoundingClientRect();
          return { name: el.name, box: { y: box.y, height: box.height },
                   bar: { y: bar.y, height: bar.height }, headerBottom: header.bottom };
        }""")
        if info is None:
            if seen:
                break
            continue
        seen.add(info["name"])
        assert not _overlap(info["box"], info["bar"]), f"question {info['name']} is under the sticky bar"
        assert info["box"]["y"] >= info["headerBottom"] - 1, f"question {info['name']} is under the header"
    assert len(seen) >= 15, f"tabbed through {len(seen)} questions"


def test_the_result_sits_beside_the_questions_on_a_wide_screen(page, site_server):
    page.goto(site_server + "calculator/")
    form = page.locator("[data-calculator-form]").bounding_box()
    result = page.locator("[data-calculator-result]").bounding_box()
    assert result["x"] >= form["x"] + form["width"] - 1, "the result is to the right of the questions"
    page.locator('fieldset[data-question]').nth(10).scroll_into_view_if_needed()
    box = page.locator("[data-calculator-headline]").bounding_box()
    assert 0 <= box["y"] <= 900, "the result stays in view beside question 11"


def test_the_plan_table_reads_on_a_phone(page, site_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_server + "plan/")
    cell = page.locator(".ohp-table tbody tr").first.locator("td").first
    table = page.locator(".ohp-table").bounding_box()
    box = cell.bounding_box()
    assert box["width"] >= table["width"] * 0.9, "each cell takes the whole width"
    parts = page.evaluate("""(td) => {
      const range = document.createRange();
      range.selectNodeContents(td.firstChild);
      const text = range.getBoundingClientRect();
      const reason = td.querySelector('.ohp-reason');
      return { text: text.top, reason: reason ? reason.getBoundingClientRect().top : null,
               value: td.firstChild.textContent };
    }""", cell.element_handle())
    if parts["reason"] is not None:
        assert parts["reason"] > parts["text"], "the reason sits under the model, not beside it"
    # in the text itself (the view words it so), not by a style: copied, printed and read aloud alike
    assert parts["value"][:1].isupper(), f"the model name {parts['value']!r} starts with a capital"
    assert page.evaluate("() => document.documentElement.scrollWidth <= innerWidth")


@pytest.fixture
def phone(browser, site_server, page_problems):
    from tests.support.browser import INIT_SCRIPT

    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    page.on("console", page_problems.console)
    yield page
    context.close()
    assert not page_problems.unexpected()


def test_a_heading_link_can_be_copied_on_a_phone(phone, site_server):
    phone.goto(site_server + "how-to-choose/")
    assert phone.evaluate("() => matchMedia('(hover: none)').matches")
    link = phone.locator("article h2 .headerlink").first
    heading_id = phone.locator("article h2").first.get_attribute("id")
    assert link.get_attribute("href") == f"#{heading_id}"
    assert link.is_visible()
    style = phone.evaluate("el => { const s = getComputedStyle(el); return [s.opacity, s.width, s.height]; }",
                           link.element_handle())
    assert float(style[0]) == 1 and float(style[1][:-2]) >= 24 and float(style[2][:-2]) >= 24
    assert link.get_attribute("title"), "the link says what it is"


def test_no_pilcrow_beside_every_heading_on_a_desktop(page, site_server):
    page.goto(site_server + "how-to-choose/")
    link = page.locator("article h2 .headerlink").first
    assert page.evaluate("el => getComputedStyle(el).opacity", link.element_handle()) == "0"
    page.hover("article h2 >> nth=0")
    page.wait_for_function("el => getComputedStyle(el).opacity === '1'", arg=link.element_handle())


def _answers_with_verdict(verdict: str) -> dict[str, str]:
    from calculator import result_view, score
    from tests.scenarios import SCENARIOS

    for scenario in SCENARIOS:
        if result_view(score(scenario["answers"]))["verdict"] == verdict:
            return scenario["answers"]
    raise AssertionError(f"no scenario with a {verdict} verdict")


def test_a_clear_result_ends_with_what_to_do_next(page, site_server):
    from calculator import encode_share

    page.goto(f"{site_server}calculator/?answers={encode_share(_answers_with_verdict('clear'), {})}")
    wait_ready(page)
    wait_state(page, "[data-calculator]", "live")
    assert page.get_attribute("[data-calculator-result]", "data-verdict") == "clear"
    block = page.locator("[data-calculator-next]")
    assert block.is_visible()
    hrefs = block.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    assert any(h.endswith("-cost-intro") for h in hrefs), hrefs
    assert any("plan/?add=" in h for h in hrefs), "the plan link carries these answers"
    assert any("readiness/" in h for h in hrefs) and any("choosing-a-provider/" in h for h in hrefs)
    block.locator("a").first.click()
    page.wait_for_selector("[data-calculator-cost][open]")
