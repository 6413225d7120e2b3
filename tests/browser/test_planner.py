"""The plan page in Chromium: add, edit, copy answers, remove, share, reopen, keep on this
device, and workstream names that stay text."""

from __future__ import annotations

from calculator import plan, plan_view
from outside_help_build.engine import example
from tests.support.browser import READY_MS

PLAN = "[data-plan]"
RESULT = "[data-plan-result]"


def ready(page) -> None:
    page.wait_for_selector(f"{PLAN}[data-state=ready]", timeout=READY_MS)
    page.wait_for_function("() => performance.getEntriesByName('plan:first-plan').length > 0"
                           " || new URL(location.href).searchParams.has('plan')")


def summary(page) -> str:
    return " ".join(page.inner_text(f"{RESULT} [data-section=plan-summary]").split())


def cards(page):
    return page.locator("[data-plan-streams] > [data-stream]")


def wait_plan_share(page) -> str:
    page.wait_for_function("() => new URL(location.href).searchParams.get('plan')")
    page.wait_for_selector(f"[data-plan][data-result=live] {RESULT}:not([aria-busy])")
    return page.evaluate("() => new URL(location.href).searchParams.get('plan')")


def test_the_example_plan_is_there_at_first_paint_and_the_engine_agrees(page, site_server):
    """The example plan is painted before Python loads; the live engine paints the same."""
    page.goto(site_server + "plan/")
    expected = plan_view(plan(example()["plan"]["workstreams"]))
    assert summary(page) == expected["summary"]
    assert cards(page).count() == len(example()["plan"]["workstreams"])
    ready(page)
    assert summary(page) == expected["summary"]
    assert "plan=" not in page.url, "the example is not written into the address"


def test_add_name_answer_copy_and_remove_workstreams(page, site_server):
    """A new workstream: named, started from another's answers, planned; then removed."""
    page.goto(site_server + "plan/")
    ready(page)
    page.click('[data-action="add"]')
    new = cards(page).nth(3)
    name = new.locator("[data-stream-name]")
    assert page.evaluate("() => document.activeElement.matches('[data-stream-name]')"), "focus goes to the new name"
    name.fill("Billing rebuild")
    new.locator("[data-stream-copy]").select_option(label="Platform build")
    assert new.locator('select[data-question="direction"]').input_value() == "us"
    share = wait_plan_share(page)
    assert "Billing rebuild" in summary(page) and "staff augmentation for Billing rebuild" in summary(page)
    assert new.locator("[data-stream-count]").inner_text() != "0"
    new.locator('[data-action="remove"]').click()
    page.wait_for_function("before => new URL(location.href).searchParams.get('plan') !== before", arg=share)
    assert cards(page).count() == 3 and "Billing rebuild" not in summary(page)


def test_a_plan_link_reopens_the_same_plan_and_a_damaged_one_keeps_the_rest(page, site_server):
    """The whole plan travels in one link; a damaged workstream is dropped with a sentence."""
    page.goto(site_server + "plan/")
    ready(page)
    cards(page).nth(0).locator("[data-stream-name]").fill("Platform rebuild")
    share = wait_plan_share(page)
    before = summary(page)
    page.goto(f"{site_server}plan/?plan={share}")
    ready(page)
    page.wait_for_selector("[data-plan][data-result=live]")
    assert summary(page) == before
    assert cards(page).nth(0).locator("[data-stream-name]").input_value() == "Platform rebuild"
    damaged = share.replace("*k1", "*k9", 1)
    page.goto(f"{site_server}plan/?plan={damaged}")
    ready(page)
    page.wait_for_selector("[data-section=plan-notes]")
    assert "workstream 1 could not be read" in page.inner_text("[data-section=plan-notes]")
    assert cards(page).count() == 2


def test_names_are_text_never_markup(page, site_server):
    """A name full of markup stays text in the plan, the table and the memo."""
    page.goto(site_server + "plan/")
    ready(page)
    hostile = '<img src=x onerror="window.__pwned=1">'
    cards(page).nth(1).locator("[data-stream-name]").fill(hostile)
    wait_plan_share(page)
    page.wait_for_function("h => document.querySelector('[data-section=plan-summary]').textContent.includes(h)", arg=hostile)
    assert page.locator(f"{RESULT} img").count() == 0
    assert page.evaluate("() => window.__pwned") is None


def test_a_name_that_is_too_long_is_refused_next_to_it(page, site_server):
    """The engine's message about a name shows next to that workstream's name."""
    page.goto(site_server + "plan/")
    ready(page)
    name = cards(page).nth(0).locator("[data-stream-name]")
    name.evaluate("el => el.removeAttribute('maxlength')")
    name.fill("x" * 80)
    error = cards(page).nth(0).locator("[data-stream-error]")
    error.wait_for(state="visible")
    assert "at most 60" in error.inner_text()


def test_save_on_this_device_open_and_delete(page, site_server):
    """Save keeps the plan in local storage only; it is listed, opens, and can be deleted."""
    page.goto(site_server + "plan/")
    ready(page)
    cards(page).nth(0).locator("[data-stream-name]").fill("Kept plan stream")
    wait_plan_share(page)
    page.click('[data-action="save"]')
    saved = page.locator("[data-plan-saved]")
    saved.wait_for(state="visible")
    assert "Kept plan stream" in saved.inner_text()
    stored = page.evaluate("() => localStorage.getItem('outside-help.plans.v1')")
    assert stored and "Kept plan stream" in stored
    page.goto(site_server + "plan/")
    ready(page)
    page.locator('[data-plan-saved] [data-action="open-saved"]').first.click()
    page.wait_for_function("() => new URL(location.href).searchParams.has('plan')")
    ready(page)
    page.wait_for_function("() => document.querySelector('[data-stream-name]').value === 'Kept plan stream'")
    page.click('[data-action="delete-all-saved"]')
    saved.wait_for(state="hidden")
    assert page.evaluate("() => localStorage.getItem('outside-help.plans.v1')") is None


def test_from_the_calculator_to_a_plan(page, site_server):
    """'Add to a plan' on the calculator opens the planner with that workstream in it."""
    page.goto(site_server + "calculator/")
    page.wait_for_selector("[data-calculator][data-state=ready]", timeout=READY_MS)
    page.check('input[name="direction"][value="provider"]')
    page.wait_for_function("() => new URL(location.href).searchParams.get('answers')?.includes('d3')")
    page.wait_for_function("() => document.querySelector('[data-calculator-plan-link]').href.includes('add=')")
    page.click("[data-calculator-plan-link]")
    ready(page)
    page.wait_for_function("() => new URL(location.href).searchParams.has('plan')")
    assert cards(page).count() == 1
    assert cards(page).nth(0).locator("[data-stream-name]").input_value() == "From the calculator"
    assert cards(page).nth(0).locator('select[data-question="direction"]').input_value() == "provider"


def test_the_planner_with_the_keyboard_alone(page, site_server):
    """Add a workstream, name it and answer a question with the keyboard only."""
    page.goto(site_server + "plan/")
    ready(page)
    page.focus('[data-action="add"]')
    page.keyboard.press("Enter")
    page.keyboard.type("Keyboard stream")
    page.keyboard.press("Tab")   # "start from the answers of"
    page.keyboard.press("Tab")   # the answers' summary
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")   # the first question
    assert page.evaluate("() => document.activeElement.dataset.question") == "kind"
    page.keyboard.press("ArrowDown")
    wait_plan_share(page)
    page.wait_for_function("() => document.querySelector('[data-section=plan-summary]').textContent.includes('Keyboard stream')")
