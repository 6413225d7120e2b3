"""Printing: the calculator and the plan each fit on at most two A4 pages, with the answers, the
result, the date and the link back (Chromium's own PDF, print styles applied)."""

from __future__ import annotations

import datetime
import re

from tests.support.browser import READY_MS, wait_ready


def pdf_pages(page) -> int:
    """Print the page as Chromium does (A4, print media) and count the PDF's pages."""
    data = page.pdf(format="A4", print_background=True)
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def as_print_button_does(page) -> None:
    """What the Print button does before the print dialog: print only the calculator or the
    plan, and fill in the date and the link (window.print itself is not called here)."""
    page.evaluate("() => { document.documentElement.classList.add('ohc-printing');"
                  " window.dispatchEvent(new Event('beforeprint')); }")


def test_the_calculator_prints_on_two_pages_with_date_and_link(page, site_server):
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.check('input[name="direction"][value="provider"]')
    page.wait_for_function("() => new URL(location.href).searchParams.get('answers')")
    page.wait_for_selector("[data-calculator-result]:not([aria-busy])")
    page.click("[data-calculator-cost] summary")
    page.wait_for_selector("[data-calculator-cost-result]:not([hidden]) [data-section=cost-chart]")
    as_print_button_does(page)
    meta = page.inner_text("[data-calculator-print-meta]")
    assert meta.startswith(f"Printed {datetime.date.today().isoformat()} from ")
    assert "/calculator/?answers=v3" in meta
    page.emulate_media(media="print")
    assert page.locator(".ohc-q__help").first.is_hidden(), "help text is not printed"
    assert page.locator("[data-calculator-print-meta]").is_visible()
    assert page.locator("#reading-the-result").is_hidden(), "the guide around it is not printed"
    pages = pdf_pages(page)
    assert 1 <= pages <= 2, f"the printed calculator runs to {pages} pages"


def test_the_plan_prints_on_two_pages_with_date_and_link(page, site_server):
    page.goto(site_server + "plan/")
    page.wait_for_selector("[data-plan][data-state=ready]", timeout=READY_MS)
    page.locator("[data-stream-name]").first.fill("Printed stream")
    page.wait_for_function("() => new URL(location.href).searchParams.get('plan')")
    as_print_button_does(page)
    meta = page.inner_text("[data-plan-print-meta]")
    assert meta.startswith(f"Printed {datetime.date.today().isoformat()} from ") and "/plan/?plan=p2" in meta
    page.emulate_media(media="print")
    pages = pdf_pages(page)
    assert 1 <= pages <= 2, f"the printed plan runs to {pages} pages"
