"""The importance controls: one weight select per question in a collapsed <details>.

A changed weight rescores at once and the share code in the URL gains a `W` section; a link
with weights sets the selects and opens the section; "Reset importance" brings the defaults back.
"""

from __future__ import annotations

from calculator import encode_share, questions_schema, score

from tests.support.browser import wait_ready
from tests.browser.test_accessibility import run_axe

RESULT = "[data-calculator-result]"
WEIGHTS = "[data-calculator] [data-calculator-weights]"
DEFAULTS = {q["id"]: q["weight"] for q in questions_schema()["questions"]}


def selected(page) -> dict[str, int]:
    return page.eval_on_selector_all(
        f"{WEIGHTS} select[data-weight]",
        "els => Object.fromEntries(els.map(e => [e.dataset.weight, Number(e.value)]))",
    )


def share_param(page) -> str | None:
    return page.evaluate("() => new URL(location.href).searchParams.get('answers')")


def result_text(page) -> str:
    return " ".join(page.inner_text(RESULT).split())


def test_changing_a_weight_rescores_and_the_link_carries_it(page, site_server):
    page.goto(site_server + "calculator/")
    assert selected(page) == DEFAULTS, "first paint: every question at its default weight"
    assert page.get_attribute(WEIGHTS, "open") is None, "collapsed by default"
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    answers = page.eval_on_selector_all(
        '[data-calculator] input[type="radio"]:checked', "els => Object.fromEntries(els.map(e => [e.name, e.value]))"
    )
    before = result_text(page)
    page.click(f"{WEIGHTS} summary")
    assert page.get_attribute(WEIGHTS, "open") is not None
    page.select_option('select[name="weight-kind"]', "0")
    expected = score(answers, {"kind": 0}).to_dict()
    assert "W" in expected["share"]
    page.wait_for_function("share => new URL(location.href).searchParams.get('answers') === share", arg=expected["share"])
    page.wait_for_selector(f"{RESULT}:not([aria-busy])")
    for model, value in expected["scores"].items():
        assert page.inner_text(f'{RESULT} [data-model="{model}"] .ohc-score__value') == f"{value:.1f}"
    after = result_text(page)
    assert after != before
    assert "changed weights for 1 question" in after


def test_a_link_with_weights_sets_the_selects_and_opens_the_section(page, site_server):
    answers = {"kind": "tech_service", "direction": "shared"}
    weights = {"direction": 5, "pricing": 0}
    share = encode_share(answers, weights)
    page.goto(f"{site_server}calculator/?answers={share}")
    wait_ready(page)
    page.wait_for_function(f"() => document.querySelector('{WEIGHTS}').open")
    assert selected(page) == {**DEFAULTS, **weights}
    assert "changed weights for 2 questions" in result_text(page)
    assert share_param(page) == share
    problems = run_axe(page)
    assert not problems, "axe violations with the importance section open:\n" + "\n".join(problems)

    # Reset: defaults again, rescored, and the link loses its `W` section.
    page.click('[data-action="reset-weights"]')
    expected = score(answers).to_dict()
    page.wait_for_function("share => new URL(location.href).searchParams.get('answers') === share", arg=expected["share"])
    assert "W" not in share_param(page)
    assert selected(page) == DEFAULTS
    page.wait_for_selector(f"{RESULT}:not([aria-busy])")
    assert "changed weights" not in result_text(page)


def test_a_link_without_weights_leaves_the_section_closed(page, site_server):
    share = encode_share({"kind": "business_process"})
    page.goto(f"{site_server}calculator/?answers={share}")
    wait_ready(page)
    page.wait_for_function("() => document.querySelector('input[name=kind][value=business_process]').checked")
    assert page.get_attribute(WEIGHTS, "open") is None
    assert selected(page) == DEFAULTS


def test_every_weight_at_zero_says_so_and_recovers(page, site_server):
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.click(f"{WEIGHTS} summary")
    for qid in DEFAULTS:
        page.select_option(f'select[name="weight-{qid}"]', "0")
    alert = page.locator("[data-calculator-alert]")
    alert.wait_for(state="visible")
    assert "weight above 0" in alert.inner_text()
    page.select_option('select[name="weight-kind"]', "5")
    alert.wait_for(state="hidden")
    page.wait_for_function("() => document.querySelector('[data-calculator]').dataset.result === 'live'")
