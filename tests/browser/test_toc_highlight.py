"""A reader who arrives by a section link sees that section, and only it, marked in the table
of contents (Material's scroll spy sets `.md-nav__link--active`).

The bug this guards against (GitHub issue #11): a scroll-margin on linked headings larger than
the scroll spy's threshold (header height + 0.8 x the main grid's top margin) made the browser
stop short of the line at which Material counts a heading as reached, so the TOC marked the
PREVIOUS section. Checked on a desktop and a phone viewport, for h2 and h3 sections.
"""

from __future__ import annotations

import pytest

# Section links readers share. Each section is far enough from the end of its page that the
# browser can scroll its heading to the top (checked below): at the very bottom of a page
# Material marks the last section instead, which is a different rule.
SECTION_LINKS = [
    "how-to-choose/#scope-change",          # the link in the issue
    "how-to-choose/#who-directs",
    "how-to-choose/#process-maturity",
    "compare/all-three/#price-points-mistake",
    "compare/staff-augmentation-vs-managed-services/#when-each-fits",
    "models/bpo/#when-it-fits",
    "faq/#cheapest",                          # an h3
    "glossary/#sla",                          # an h3
]

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}

ACTIVE = """() => [...document.querySelectorAll('[data-md-component="toc"] .md-nav__link--active')]
  .map((a) => decodeURIComponent(a.hash.slice(1)))"""


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_section_link_marks_that_section_in_the_toc(page, site_server, viewport):
    """Each section link leaves exactly the linked section marked, with its heading in view."""
    width, height = VIEWPORTS[viewport]
    page.set_viewport_size({"width": width, "height": height})
    problems = []
    for link in SECTION_LINKS:
        fragment = link.split("#", 1)[1]
        page.goto(site_server + link, wait_until="load")
        # The scroll spy updates on the first viewport events after load; wait until it settles.
        page.wait_for_function(f"() => ({ACTIVE})().length > 0", timeout=10_000)
        page.wait_for_timeout(300)
        geometry = page.evaluate(
            """(id) => {
              const heading = document.getElementById(id).getBoundingClientRect();
              const header = document.querySelector('.md-header').getBoundingClientRect();
              const el = document.scrollingElement;
              return { top: heading.top, headerBottom: header.bottom,
                       atEnd: scrollY + innerHeight >= el.scrollHeight - 1 };
            }""",
            fragment,
        )
        assert not geometry["atEnd"], (
            f"{link}: the page ends too soon for this section's heading to reach the top; "
            "pick another section for this test")
        active = sorted(set(page.evaluate(ACTIVE)))
        if active != [fragment]:
            problems.append(f"{link}: TOC marks {active}, expected [{fragment!r}]")
        if geometry["top"] < geometry["headerBottom"]:
            problems.append(f"{link}: the heading is hidden under the header "
                            f"(top {geometry['top']:.0f}px, header ends {geometry['headerBottom']:.0f}px)")
    assert not problems, f"{viewport}:\n" + "\n".join(problems)
