"""The calculator's "What will it cost?" part in Chromium: figures in, chart and table out,
the engine's own messages as you type, and the figures in the link."""

from __future__ import annotations

from calculator import compare_costs, cost_view, encode_share, score
from outside_help_build.engine import example
from tests.support.browser import wait_ready

COST = "[data-calculator-cost]"
COST_RESULT = "[data-calculator-cost-result]"


def field(group: str, name: str) -> str:
    return f'{COST} [data-cost-group="{group}"][data-cost-input="{name}"]'


def open_cost(page) -> None:
    page.click(f"{COST} summary")
    page.wait_for_selector(f"{COST_RESULT}:not([hidden]) [data-section=cost-table]")


def test_the_example_figures_show_the_guides_totals_once_opened(page, site_server):
    """Collapsed at first; opened, the example figures give the cost guide's worked example,
    as a chart and as a table, beside the fit, and the link then carries the figures."""
    page.goto(site_server + "calculator/")
    assert page.get_attribute(COST, "open") is None, "collapsed until opened"
    assert page.is_hidden(COST_RESULT)
    wait_ready(page)
    open_cost(page)
    data = example()
    expected = cost_view(compare_costs(data["cost"]), score(data["answers"]).to_dict())
    assert page.inner_text(f"{COST_RESULT} [data-section=cost-headline]") == expected["headline"]
    rows = page.eval_on_selector_all(f"{COST_RESULT} tbody tr", "rows => rows.map(r => r.innerText.replace(/\\s+/g, ' ').trim())")
    assert any("£585,400" in row for row in rows) and any("£578,160" in row for row in rows)
    bars = page.locator(f"{COST_RESULT} svg.ohc-chart__bar")
    assert bars.count() == 3
    assert bars.first.get_attribute("role") == "img" and "provider fees" in bars.first.get_attribute("aria-label")
    labels = dict(page.eval_on_selector_all(f"{COST_RESULT} .ohc-chart__row", "rows => rows.map(r => [r.dataset.model, r.innerText.trim()])"))
    assert labels["bpo"] == "BPO: £578,160 (cheapest)", labels
    assert "cheapest" not in labels["staff_augmentation"] + labels["managed_services"], labels
    text = page.inner_text(COST_RESULT)
    assert expected["sentences"]["fit"] in " ".join(text.split())


def test_enter_figures_see_them_share_and_reopen(page, site_server):
    """A reader's own quotes: the table follows, the link carries them, and reopening it shows
    the same costs with the same figures in the fields."""
    page.goto(site_server + "calculator/")
    wait_ready(page)
    open_cost(page)
    page.click('[data-action="clear-figures"]')
    page.fill(field("general", "people"), "2")
    page.fill(field("staff_augmentation", "rate_per_person_month"), "5000")
    page.fill(field("managed_services", "fee_per_month"), "12000")
    page.wait_for_function(
        "() => (document.querySelector('[data-calculator-cost-result] [data-section=cost-headline]') || {}).textContent"
        "?.includes('£240,000')")
    # Clearing the figures empties the horizon too (a number field since issue 17); the engine
    # then compares over its default, 24 months, which the headline states.
    figures = {"general": {"currency": "£", "people": 2},
               "staff_augmentation": {"rate_per_person_month": 5000},
               "managed_services": {"fee_per_month": 12000}}
    answers = example()["answers"]
    share = encode_share(answers, {}, figures)
    page.wait_for_function("share => new URL(location.href).searchParams.get('answers') === share", arg=share)
    rows = {r.get_attribute("data-model"): r.get_attribute("data-status") for r in page.locator(f"{COST_RESULT} tbody tr").all()}
    assert rows == {"staff_augmentation": "quoted", "managed_services": "quoted", "bpo": "no_quote"}
    assert "no quote entered" in page.inner_text(f'{COST_RESULT} tr[data-model="bpo"]')

    page.goto(f"{site_server}calculator/?answers={share}")
    wait_ready(page)
    page.wait_for_selector(f"{COST_RESULT}:not([hidden]) [data-section=cost-table]")
    assert page.get_attribute(COST, "open") is not None
    assert page.input_value(field("general", "people")) == "2"
    assert page.input_value(field("managed_services", "fee_per_month")) == "12000"
    assert "£240,000" in page.inner_text(f"{COST_RESULT} [data-section=cost-headline]")


def test_a_bad_figure_is_named_next_to_its_field_and_the_fit_stays_live(page, site_server):
    """A negative price gets the engine's message next to the field; the fit result still
    follows the answers; fixing the figure brings the costs back."""
    page.goto(site_server + "calculator/")
    wait_ready(page)
    open_cost(page)
    price = field("bpo", "price_per_transaction")
    page.fill(price, "-3")
    error = page.locator(f'#{page.get_attribute(price, "id")}-error')
    error.wait_for(state="visible")
    assert "-3 is less than 0; enter an amount from 0 to" in error.inner_text()
    assert page.get_attribute(price, "aria-invalid") == "true"
    assert page.locator("[data-calculator-cost-note]").is_visible()
    page.check('input[name="direction"][value="us"]')
    page.wait_for_function("() => new URL(location.href).searchParams.get('answers')?.includes('d1')")
    page.fill(price, "3")
    error.wait_for(state="hidden")
    assert page.get_attribute(price, "aria-invalid") is None
    page.wait_for_selector("[data-calculator-cost-note]", state="hidden")


def test_a_figure_that_needs_another_says_which(page, site_server):
    """A day rate without the days billed a month: the engine names the missing figure."""
    page.goto(site_server + "calculator/")
    wait_ready(page)
    open_cost(page)
    page.click('[data-action="clear-figures"]')
    page.fill(field("general", "people"), "3")
    page.fill(field("staff_augmentation", "day_rate"), "400")
    rate = field("staff_augmentation", "day_rate")
    error = page.locator(f'#{page.get_attribute(rate, "id")}-error')
    error.wait_for(state="visible")
    assert "Days billed per person per month" in error.inner_text()
    page.fill(field("staff_augmentation", "days_per_month"), "20")
    error.wait_for(state="hidden")
    page.wait_for_function(
        "() => document.querySelector('[data-calculator-cost-result]').innerText.includes('£400.00 × 20 days')"
        " || document.querySelector('[data-calculator-cost-result]').innerText.includes('£400 × 20 days')")
