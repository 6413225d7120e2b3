"""The provider comparison in Chromium: the worked example at first paint and the engine's live
view identical; the presentation layer's mount building the same markup as Python's HTML over
several trees; enter, share, reopen, save; print on two pages; axe and a phone's width."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

from calculator.present import El, to_html, to_json
from calculator.providers import evaluate, providers_schema
from calculator.providers_view import providers_view
from calculator.share_providers import decode_evaluation
from tests.browser.test_accessibility import run_axe
from tests.browser.test_print import as_print_button_does, pdf_pages
from tests.support.browser import READY_MS, SITE_MODULE

ROOT = Path(__file__).resolve().parents[2]
TOOL = "[data-providers]"
BODY = "[data-pv-body]"
PAGE = "compare-providers/"
HOSTILE = '<img src=x onerror="window.__pwned=1"> **Bold** | Ltd'
EXAMPLE = re.search(r"<!-- outside-help: providers-example (\S+) -->",
                    (ROOT / "docs" / "compare-providers.md").read_text(encoding="utf-8")).group(1)


def ready(page) -> None:
    page.wait_for_selector(f"{TOOL}[data-state=ready]", timeout=READY_MS)
    page.wait_for_function("() => performance.getEntriesByName('providers:first-evaluation').length > 0")


def headline(page) -> str:
    return " ".join(page.inner_text(f"{BODY} [data-section=headline]").split())


def settled(page) -> None:
    page.wait_for_selector("[data-pv-result]:not([aria-busy]):not([data-stale])")


def test_the_example_at_first_paint_stays_once_the_engine_is_ready(page, site_server, built_site):
    """The build's worked example is kept, not laid out again, once the engine starts (a long
    task on a phone otherwise). That is right because it is what mounting the engine's view gives:
    the build renders the engine's tree with to_html, mount() makes the same markup as to_html
    (test_the_browser_mount_makes_the_same_markup_as_python_html, the example among its trees),
    and the engine in the worker gives the native engine's view (tests/build/test_pyodide_parity.py)."""
    page.goto(site_server + PAGE)
    expected = evaluate(decode_evaluation(EXAMPLE))
    assert headline(page) == f"{expected['winner']} has the highest total: 83.6 of 100, 8.8 points ahead of " \
                             "Brightwater Services (fictional)."
    # The build's HTML as the page file holds it (the theme wraps tables once the page loads, so
    # the file, not the live DOM, is what the build made), parsed by the browser.
    source = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    built_html = re.search(r'data-pv-body>(.*?)</div>\n<div class="ohc-actions">', source, re.S).group(1)
    ready(page)
    same = page.evaluate("""([selector, html]) => {
        const parsed = document.createElement("template");
        parsed.innerHTML = html;
        // The theme wraps each table in its scroll boxes once the page loads; unwrap them.
        const shown = document.querySelector(selector).cloneNode(true);
        for (const wrap of shown.querySelectorAll(".md-typeset__scrollwrap")) wrap.replaceWith(wrap.querySelector("table"));
        return [shown.innerHTML, parsed.innerHTML];
    }""", [BODY, built_html])
    assert same[0] == same[1], "the page no longer shows the build's example once the engine is ready"
    assert "evaluation=" not in page.url, "the example is not written into the address"


def _trees() -> list:
    method = providers_schema()["price"]["method"]
    base = decode_evaluation(EXAMPLE)
    tie = json.loads(json.dumps(base))
    tie["providers"] = [dict(tie["providers"][1], name=HOSTILE), dict(tie["providers"][1], name="Twin")]
    gone = json.loads(json.dumps(base))
    for p in gone["providers"]:
        p["passes"]["data_location"] = False
    trees = [providers_view(evaluate(r), method, "/") for r in (base, tie, gone)]
    trees.append(El("section", {"data-section": "x", "class": "a b"}, [
        El("h3", {}, ["<script>alert(1)</script> & \"quotes\" 'apostrophes'"]),
        El("p", {}, ["text", El("a", {"href": "/sources/#src-iso-27001", "title": "a \"t\" <b>"}, ["link & more"])]),
        El("ul", {}, [El("li", {}, ["\u00a0non-breaking\u00a0space"]), El("li", {}, [])]),
    ]))
    return trees


def test_the_browser_mount_makes_the_same_markup_as_python_html(page, site_server):
    page.goto(site_server + PAGE)
    for tree in _trees():
        same = page.evaluate("""async ([tree, html]) => {
            const { mount } = await (""" + SITE_MODULE + """)("present.mjs");
            const mounted = mount(tree).outerHTML;
            const parsed = document.createElement("template");
            parsed.innerHTML = html;
            return [mounted, parsed.content.firstElementChild.outerHTML];
        }""", [to_json(tree), to_html(tree)])
        assert same[0] == same[1]
    refused = page.evaluate("""async () => {
        const { mount } = await (""" + SITE_MODULE + """)("present.mjs");
        const tries = [{t: "script", a: [], c: ["x"]}, {t: "p", a: [["onclick", "x()"]], c: []},
                       {t: "a", a: [["href", "javascript:alert(1)"]], c: ["x"]}];
        return tries.map((t) => { try { mount(t); return "mounted"; } catch (e) { return e.name; } });
    }""")
    assert refused == ["Error", "Error", "Error"]


def _fill_provider(card, name, score, fee) -> None:
    card.locator("[data-pv-name]").fill(name)
    for select in card.locator("[data-pv-score]").all():
        select.select_option(str(score))
    for select in card.locator("[data-pv-pass]").all():
        select.select_option("pass")
    card.locator("summary").click()
    card.locator('[data-pv-price="fee_per_month"]').fill(str(fee))


def test_enter_fix_share_reopen_and_save(page, site_server):
    page.goto(site_server + PAGE)
    ready(page)
    page.click('[data-action="new"]')
    assert page.locator("[data-pv-locked]").is_visible(), "scores wait until the criteria are fixed"
    assert page.locator('[data-action="add-provider"]').is_disabled()
    page.locator('[data-pv-weight="service_levels"]').fill("30")
    page.click('[data-action="fix"]')
    assert page.locator('[data-pv-weight="service_levels"]').is_disabled()
    assert page.locator('[data-action="fix"]').is_hidden() and page.locator('[data-action="unfix"]').is_visible()
    cards = page.locator("[data-pv-providers] > [data-pv-provider]")
    assert cards.count() == 1
    _fill_provider(cards.nth(0), HOSTILE, 4, 9000)
    page.click('[data-action="add-provider"]')
    _fill_provider(cards.nth(1), "Plain Co", 3, 7000)
    page.wait_for_function("() => new URL(location.href).searchParams.get('evaluation')")
    settled(page)
    assert headline(page).startswith("Plain Co has the highest total") or headline(page).startswith(HOSTILE)
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(f"{BODY} img").count() == 0, "a hostile name stays text"
    today = datetime.date.today().isoformat()
    assert f"Criteria and weights fixed on {today}" in page.inner_text(f"{BODY} [data-section=fixed]")
    code = page.evaluate("() => new URL(location.href).searchParams.get('evaluation')")
    shown = headline(page)
    page.click('[data-action="save"]')
    assert HOSTILE in page.inner_text("[data-pv-saved-list]")

    page.goto(site_server + PAGE + "?evaluation=" + code)
    ready(page)
    assert headline(page) == shown
    assert page.locator("[data-pv-providers] [data-pv-name]").nth(0).input_value() == HOSTILE
    assert page.locator('[data-pv-weight="service_levels"]').input_value() == "30"
    assert HOSTILE in page.inner_text("[data-pv-saved-list]"), "saved on this device across visits"

    page.goto(site_server + PAGE + "?evaluation=" + code[:-5])
    ready(page)
    assert "damaged" in page.inner_text("[data-pv-alert]")
    assert headline(page).startswith("Alder Desk Ltd (fictional)"), "a damaged link falls back to the example"


def test_a_bad_figure_is_named_and_marked(page, site_server):
    page.goto(site_server + PAGE)
    ready(page)
    card = page.locator("[data-pv-providers] > [data-pv-provider]").nth(0)
    card.locator('[data-pv-score="references"]').select_option("")
    page.wait_for_selector("[data-pv-alert]:not([hidden])")
    assert "give a score from 0 to 5 for “References from similar clients”" in page.inner_text("[data-pv-alert]")
    assert card.locator('[data-pv-score="references"]').get_attribute("aria-invalid") == "true"


def test_the_evaluation_prints_on_two_pages(page, site_server):
    page.goto(site_server + PAGE)
    ready(page)
    page.locator("[data-pv-providers] [data-pv-name]").nth(0).fill("Alder Desk Ltd (fictional, edited)")
    page.wait_for_function("() => new URL(location.href).searchParams.get('evaluation')")
    settled(page)
    as_print_button_does(page)
    meta = page.inner_text("[data-pv-print-meta]")
    assert meta.startswith(f"Printed {datetime.date.today().isoformat()} from ") and "?evaluation=e1." in meta
    page.emulate_media(media="print")
    assert page.locator("[data-pv-step=criteria]").is_hidden(), "the form is not printed"
    assert page.locator(f"{BODY} [data-section=scores]").is_visible(), "scores and evidence are printed"
    pages = pdf_pages(page)
    assert 1 <= pages <= 2, f"the printed evaluation runs to {pages} pages"


def test_the_live_comparison_passes_axe(page, site_server):
    """At the width the site's own axe test uses, with the form built and a price part open."""
    page.goto(site_server + PAGE)
    ready(page)
    page.locator("[data-pv-providers] details").first.evaluate("d => d.open = true")
    assert run_axe(page) == []


def test_the_live_comparison_fits_a_phone(page, site_server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_server + PAGE)
    ready(page)
    page.locator("[data-pv-providers] details").first.evaluate("d => d.open = true")
    wide = page.evaluate("""() => [...document.querySelectorAll('[data-providers] *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1
                       && !e.closest('.ohv-table, .ohv-criteria, .md-typeset__scrollwrap'))
        .map((e) => e.tagName + '.' + e.className).slice(0, 10)""")
    assert wide == [], f"wider than a 390 px screen: {wide}"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_the_largest_evaluation_prints_on_two_pages(page, site_server):
    """8 providers x 30 criteria, every score with an evidence note: the memo's compact print
    layout keeps the criteria, weights, scores, evidence, ranking and sensitivity on two pages."""
    from bench._providers import largest_evaluation
    from calculator.share_providers import encode_evaluation

    code = encode_evaluation(largest_evaluation())
    page.goto(f"{site_server}{PAGE}?evaluation={code}")
    ready(page)
    settled(page)
    assert page.locator(f"{BODY} [data-section=scores] thead th").count() == 1 + 8
    as_print_button_does(page)
    page.emulate_media(media="print")
    for section in ("ranking", "setup", "scores", "sensitivity"):
        assert page.locator(f"{BODY} [data-section={section}]").is_visible(), f"{section} is printed"
    text = page.inner_text(BODY)
    assert "Evidence for own16 from provider 8" in text, "every evidence note is printed"
    pages = pdf_pages(page)
    assert 1 <= pages <= 2, f"the largest evaluation prints on {pages} pages"
