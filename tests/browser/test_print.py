"""Printing: the calculator and the plan each fit on at most two A4 pages, with the answers, the
result, the date and the link back (Chromium's own PDF, print styles applied)."""

from __future__ import annotations

import datetime
import re
import zlib

from tests.support.browser import READY_MS, wait_ready


def pdf_pages(page) -> int:
    """Print the page as Chromium does (A4, print media) and count the PDF's pages; fail if one
    of them is blank (no text drawn on it)."""
    data = page.pdf(format="A4", print_background=True)
    pages = _page_texts(data)
    blank = [i + 1 for i, drawn in enumerate(pages) if not drawn]
    assert not blank, f"page(s) {blank} of {len(pages)} print blank"
    return len(pages)


def _page_texts(data: bytes) -> list[bool]:
    """For each page of Chromium's PDF, whether its content stream draws any text (Tj/TJ)."""
    objects = {int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)}

    def drawn(ref: int) -> bool:
        body = objects.get(ref, b"")
        m = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S)
        if not m:
            return False
        raw = m.group(1)
        try:
            raw = zlib.decompress(raw)
        except zlib.error:
            pass
        return bool(re.search(rb"T[jJ]\b", raw))

    result = []
    for body in objects.values():
        if not re.search(rb"/Type\s*/Page[^s]", body):
            continue
        refs = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", body)
        ids = [int(x) for x in re.findall(rb"(\d+) 0 R", refs.group(1))] if refs else []
        result.append(any(drawn(i) for i in ids))
    return result


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


def test_a_short_print_has_no_blank_page(page, site_server):
    """The example result alone, printed with the Print button: one page, never a blank second
    one (Material's `body { min-height: 100% }` pushed one out)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_server + "plan/")
    page.wait_for_selector("[data-plan][data-state=ready]", timeout=READY_MS)
    as_print_button_does(page)
    page.emulate_media(media="print")
    assert pdf_pages(page) == 1
