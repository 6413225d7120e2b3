"""Text and Markdown renderings paint the one result view."""

from calculator import render_markdown, render_text, result_view, score
from tests.scenarios import BY_ID as SCENARIOS


def test_memo_leads_with_the_headline_and_the_combination_of_a_close_call():
    """A close call's memo states the close call and how to split the work."""
    r = score(SCENARIOS["close-build-then-run"]["answers"])
    memo = render_markdown(r)
    view = result_view(r)
    assert f"**{view['headline']}** (close call)" in memo
    assert view["outcome"] in memo and "## How to split the work" in memo


def test_memo_has_every_section_of_the_view_with_links_and_a_link_back():
    """The memo carries each section the page shows, with links into the guides."""
    r = score(SCENARIOS["gated-bpo-ms-now"]["answers"])
    memo = render_markdown(r, "https://example.org/")
    for section in result_view(r)["sections"]:
        assert f"## {section['title']}" in memo
    assert "(https://example.org/readiness/#judgement-work)" in memo
    assert f"[Open these answers in the calculator](https://example.org/calculator/?answers={r.share})" in memo
    assert "## Answers" in memo and "(unanswered)" in memo


def test_text_lists_every_model_with_its_status():
    """The terminal view lists the three models, a line each, and marks a gated one."""
    text = render_text(score(SCENARIOS["gated-bpo-ms-now"]["answers"]))
    bpo = [line for line in text.splitlines() if line.startswith("BPO ") and " of 100" in line]
    assert len(bpo) == 1 and bpo[0].endswith(" of 100 not ready: separate the rule-based part from the judgement")


def test_memo_lists_changed_weights_only_when_there_are_some():
    """A memo made with changed weights says which, with their defaults; otherwise it is silent."""
    memo = render_markdown(score({"direction": "us"}, {"pricing": 0}))
    assert "## Changed weights" in memo
    assert "How would you prefer to pay? weight 0 (default 1)" in memo
    assert "## Changed weights" not in render_markdown(score({"direction": "us"}))
