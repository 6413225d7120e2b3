"""A press on an answer asks for its result before the press ends (page-kit.mjs's Foresight):
the reply is used only when the answer really changes to the one pressed, and a press that ends
elsewhere changes nothing the reader sees."""

from __future__ import annotations

from calculator import result_view, score
from outside_help_build.engine import example
from tests.support.browser import wait_ready

RESULT = "[data-calculator-result]"

# Every request the page sends to its worker, in order (their ops and answers).
RECORD_CALLS = """
window.__calls = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === "call") window.__calls.push(JSON.parse(message.request));
  return post.call(this, message, ...rest);
};
"""


def calls(page) -> list[dict]:
    return page.evaluate("() => window.__calls")


def label(page, question: str, option: str):
    return page.locator(f'[data-calculator] label:has(> input[name="{question}"][value="{option}"])')


def press(page, question: str, option: str) -> None:
    """Pointer down on the option's label (the page may ask for its result now); stays down."""
    target = label(page, question, option)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    page.mouse.down()


# The example answers direction "shared"; "us" gives another headline ("No model is ready yet"),
# "provider" the same one as the example.
assert example()["answers"]["direction"] == "shared"


def test_a_press_asks_once_and_the_result_follows_the_answer(page, site_server):
    """Down, a pause long enough for the reply, up: one score request for the new answers (asked
    at the press, used at the change), and the result painted is the engine's for them."""
    page.add_init_script(RECORD_CALLS)
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    before = len(calls(page))
    answers = dict(example()["answers"])
    answers["direction"] = "us"
    press(page, "direction", "us")
    page.wait_for_function("n => window.__calls.length > n", arg=before)   # asked at the press
    page.wait_for_timeout(300)
    page.mouse.up()
    view = result_view(score(answers))
    page.wait_for_function("headline => document.querySelector('[data-calculator-headline]').textContent === headline"
                           " && document.querySelector('[data-calculator]').dataset.result === 'live'",
                           arg=view["headline"])
    page.wait_for_selector(f"{RESULT}:not([aria-busy])")
    asked = calls(page)[before:]
    assert [(c["op"], c["answers"]) for c in asked] == [("score", answers)], "asked once, at the press"
    assert page.get_attribute(RESULT, "data-recommendation") == view["recommendation_attr"]
    assert page.is_checked(f'input[name="direction"][value="{answers["direction"]}"]')


def test_a_press_that_ends_elsewhere_changes_nothing(page, site_server):
    """Down on an answer, then away and up on the page's heading: no answer changes, the result
    still shows the example, and the next real change gets its own result, not the guess."""
    page.add_init_script(RECORD_CALLS)
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    answers = dict(example()["answers"])
    guessed = "provider"
    headline = page.inner_text("[data-calculator-headline]")
    press(page, "direction", guessed)
    page.wait_for_timeout(300)
    heading = page.locator("h1").first.bounding_box()
    page.mouse.move(heading["x"] + 5, heading["y"] + 5, steps=5)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert page.is_checked(f'input[name="direction"][value="{answers["direction"]}"]')
    assert page.inner_text("[data-calculator-headline]") == headline
    assert page.get_attribute("[data-calculator]", "data-result") == "example"

    answers["direction"] = "us"
    page.check('input[name="direction"][value="us"]')
    view = result_view(score(answers))
    page.wait_for_function("headline => document.querySelector('[data-calculator-headline]').textContent === headline",
                           arg=view["headline"])
    assert calls(page)[-1]["answers"] == answers
