"""The built calculator page's pre-rendered result in the words of the fixture written by hand
(tests/data/wording.json), before any script runs (no browser needed)."""

from __future__ import annotations

import html

import pytest

from tests.engine.test_wording import WORDING

pytestmark = pytest.mark.site


def test_the_calculator_page_shows_the_example_result_in_words_before_any_script(built_site):
    """The served HTML itself (before any script runs) carries the example's headline, in the
    result and in the sticky summary, and the sentence under it."""
    page = (built_site / "calculator" / "index.html").read_text("utf-8")
    headline = html.escape(WORDING["example"]["headline"], quote=False)
    assert f"data-calculator-headline>{headline}</p>" in page
    assert f"<span data-calculator-sticky-text>{headline}</span>" in page
    assert html.escape(WORDING["example"]["outcome"], quote=False) in page
