"""What the terminal text and the Markdown memo pass on from the result (calculator/render.py):
an older link's notes and the share code in the text; in a memo, the fit sentence beside the
cost table, the changed weights in the link back, and guide links under the site's own path.
Found as survivors by `make mutate`."""

from __future__ import annotations

from calculator import compare_costs, render_markdown, render_text, score

# A build the reader directs day to day: staff augmentation, clear (result.score's docstring).
SA = {"kind": "build", "direction": "us", "lead_capacity": "daily", "scope_change": "likely",
      "integration": "embedded", "duration": "short"}
# Staff augmentation: (2 x 6,000 + 2 x 8 hours x 50) x 24 = 307,200; the managed service
# 20,000 x 24 = 480,000: staff augmentation is the cheaper quote.
FIGURES = {"general": {"hour_cost": 50, "people": 2},
           "staff_augmentation": {"rate_per_person_month": 6000, "hours_per_person": 8},
           "managed_services": {"fee_per_month": 20000}}


def test_the_text_carries_an_older_links_notes_and_the_share_code():
    """The notes on how an older link's answers were carried over are listed under "About this
    link", and the text ends with the code that opens the same answers (v3, direction d1)."""
    text = render_text(score({"direction": "us"}), ["Your answer on data was carried over as “none”."])
    assert ("About this link\n\n"
            "- This link was made with an earlier version of the calculator; its answers have been carried over "
            "to today's questions.\n"
            "- Your answer on data was carried over as “none”.\n") in text
    assert text.endswith("\nShare code: v3d1-41dF\n")


def test_a_memo_sets_the_fit_beside_the_cost_table():
    """Made from the result and the cost alone (no views handed in), the memo's cost notes still
    open with how the fit and the cost compare."""
    memo = render_markdown(score(SA), "https://example.org/", cost=compare_costs(FIGURES))
    assert ("## What the figures say\n\n"
            "- Fits best and cheapest for your figures agree: staff augmentation.\n") in memo


def test_a_memos_link_back_keeps_the_changed_weights_with_the_figures():
    """With figures entered the link back is made again with them: it still carries the
    changed weight (W, pricing r0) before the figures (C: hour cost 50, 2 people; S: rate 6,000,
    8 hours; M: service fee r20000), as tests/engine/test_plan_rows.py spells the code out."""
    memo = render_markdown(score(SA, {"pricing": 0}), "https://example.org/", cost=compare_costs(FIGURES))
    assert "(https://example.org/calculator/?answers=v3k1d1c1s1i1t1Wr0Cc50p2Sr6000h8Mr20000-" in memo


def test_a_memos_guide_links_keep_the_site_path_as_given():
    """A site under a path ending in a letter ("/docsX") is linked under that path, with one '/'
    added, never a shortened one."""
    memo = render_markdown(score(SA), "https://example.org/docsX")
    assert "[Guide: who directs](https://example.org/docsX/how-to-choose/#who-directs)" in memo
    assert "(https://example.org/docs/" not in memo
