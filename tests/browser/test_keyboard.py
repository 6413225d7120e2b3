"""The calculator with the keyboard alone, focus always visible, and what a screen reader gets.

One walk through the calculator page with Tab, Enter, Space and the arrow keys only. It clears
the example, answers a scenario's questions, and tabs on through every control after them.
Each control that takes focus must show a focus indicator: an outline or box-shadow on the
control itself, or on the label that wraps it (the radio options style their label). The
headline in the result region is a polite live region. It must change to the new
recommendation, since that is what a screen reader announces.
"""

from __future__ import annotations

from pathlib import Path

from calculator import questions_schema, score
from tests.scenarios import SCENARIOS
from tests.support.browser import wait_ready

ROOT = Path(__file__).resolve().parents[2]
CALC = "[data-calculator]"
RESULT = "[data-calculator-result]"

# What the focused element (or the label around it) shows while it has focus.
FOCUS_RING = """() => {
  const el = document.activeElement;
  const shown = (node) => {
    if (!node) return null;
    const cs = getComputedStyle(node);
    const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0
      && cs.outlineColor !== "transparent" && !/rgba\\(.*,\\s*0\\)$/.test(cs.outlineColor);
    const shadow = cs.boxShadow && cs.boxShadow !== "none";
    return outline ? `outline ${cs.outlineWidth} ${cs.outlineStyle} ${cs.outlineColor}`
      : shadow ? `box-shadow ${cs.boxShadow}` : null;
  };
  const label = el.closest("label");
  return {
    inCalculator: !!el.closest("[data-calculator]"),
    tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "", value: el.value || "",
    text: (el.innerText || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    focusVisible: el.matches(":focus-visible"),
    ring: shown(el) || (label ? shown(label) : null),
  };
}"""


def _target_scenario() -> dict:
    """A scenario with a clear result that differs from the pre-filled example's."""
    for scenario in SCENARIOS:
        result = score(scenario["answers"])
        if result.verdict == "clear" and result.recommendation != "staff_augmentation":
            return scenario
    raise AssertionError("no clear non-staff-augmentation scenario in tests/scenarios.json")


def _focused(page) -> dict:
    return page.evaluate(FOCUS_RING)


def _assert_visible_focus(state: dict) -> None:
    assert state["focusVisible"], f"focus is not :focus-visible on {state}"
    assert state["ring"], f"no visible focus indicator on {state}"


def test_complete_the_calculator_with_the_keyboard_alone(page, site_server):
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    scenario = _target_scenario()
    answers = scenario["answers"]
    questions = [q for q in questions_schema()["questions"]]
    headline = f"{RESULT} [aria-live]"
    assert page.get_attribute(headline, "aria-live") in ("polite", "assertive")
    before = page.inner_text(headline)

    # Tab from the top of the page into the calculator: its first stop is "clear all answers".
    for _ in range(300):
        page.keyboard.press("Tab")
        state = _focused(page)
        if state["inCalculator"]:
            break
    else:
        raise AssertionError("Tab never reached the calculator")
    assert page.evaluate("() => document.activeElement.dataset.action") == "clear", state
    _assert_visible_focus(state)
    page.keyboard.press("Enter")

    # Each question: one Tab stop (a radio group). Space picks the first option; each arrow
    # key press moves to the next option and picks it. Questions the scenario leaves open are
    # skipped with Tab.
    for number, question in enumerate(questions):
        if number:
            page.keyboard.press("Tab")
        state = _focused(page)
        assert (state["tag"], state["type"], state["name"]) == ("input", "radio", question["id"]), state
        _assert_visible_focus(state)
        if question["id"] in answers:
            options = [o["id"] for o in question["options"]]
            index = options.index(answers[question["id"]])
            if index == 0:
                page.keyboard.press("Space")
            for _ in range(index):
                page.keyboard.press("ArrowDown")
            state = _focused(page)
            assert state["value"] == answers[question["id"]], state
            _assert_visible_focus(state)

    picked = page.eval_on_selector_all(
        f'{CALC} input[type="radio"]:checked', "els => Object.fromEntries(els.map(e => [e.name, e.value]))"
    )
    assert picked == answers
    expected = score(answers)
    page.wait_for_function(
        "rec => document.querySelector('[data-calculator-result]').dataset.recommendation === rec",
        arg=expected.recommendation,
    )
    page.wait_for_function(f"() => !document.querySelector('{RESULT}').hasAttribute('aria-busy')")
    after = page.inner_text(headline)
    assert after != before, "the live region did not change"
    model_name = {m["id"]: m["name"] for m in questions_schema()["models"]}[expected.recommendation]
    assert model_name.lower() in after.lower(), f"the announced headline does not name {model_name}: {after!r}"

    # Every further control in the calculator (result links, copy and print buttons) shows focus.
    seen = []
    for _ in range(120):
        page.keyboard.press("Tab")
        state = _focused(page)
        if not state["inCalculator"]:
            break
        _assert_visible_focus(state)
        seen.append(f"{state['tag']}:{state['text']}")
    else:
        raise AssertionError("Tab never left the calculator")
    assert any(s.startswith("button:") for s in seen), seen
    assert any(s.startswith("a:") for s in seen), seen


def test_a_screen_reader_gets_each_question_its_options_and_the_result(page, site_server):
    """Names come from the markup a screen reader reads: each question is a group named by
    its legend, each option a radio named by its label, and the result is a labelled region
    with a live headline and a status line."""
    page.goto(site_server + "calculator/")
    wait_ready(page)
    calculator = page.locator(CALC)
    for question in questions_schema()["questions"]:
        group = calculator.get_by_role("group", name=question["prompt"])
        assert group.count() == 1, f"no group named {question['prompt']!r}"
        for option in question["options"]:
            radio = group.get_by_role("radio", name=option["label"], exact=True)
            assert radio.count() == 1, f"{question['id']}: no radio named {option['label']!r}"
            assert radio.get_attribute("name") == question["id"]
            assert radio.get_attribute("value") == option["id"]
    region = page.locator(RESULT)
    assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
    assert region.locator("[aria-live]").count() >= 1
    assert calculator.locator('[role="status"]').count() >= 1
