"""Text and Markdown renderings of a result."""

from calculator import render_markdown, render_text, score


def test_memo_names_the_combination_on_a_close_call():
    """A close call's memo leads with the named combination and its explanation."""
    r = score({"work_type": "business_process", "direction": "provider", "service_levels": "yes",
               "management_capacity": "little", "process_maturity": "partial", "flexibility": "predictability"})
    memo = render_markdown(r)
    assert "**Close call: A managed-service style BPO" in memo
    assert r.combination["text"] in memo


def test_memo_has_reasons_warnings_changes_answers_and_a_link_back():
    """The memo carries every part a colleague needs, with links into the guides."""
    memo = render_markdown(score({"direction": "us", "management_capacity": "little"}), "https://example.org/")
    for heading in ["## Why", "## Warnings", "## Before you choose", "## What would change the answer", "## Answers"]:
        assert heading in memo
    assert "(https://example.org/how-to-choose/#management-capacity)" in memo
    assert "[Open these answers in the calculator](https://example.org/calculator/?answers=v1d1c3)" in memo


def test_text_lists_models_in_ranking_order():
    """The terminal view lists the best-scoring model first."""
    text = render_text(score({"work_type": "it_service"}))
    lines = [line.strip() for line in text.splitlines() if line.startswith("  ") and not line.startswith("  -")]
    assert lines[0].startswith("Managed services")


def test_memo_lists_changed_weights_only_when_there_are_some():
    """A memo made with changed weights says which, with their defaults; otherwise it is silent."""
    memo = render_markdown(score({"direction": "us"}, {"pricing": 0}))
    assert "## Changed weights" in memo
    assert "How would you prefer to pay? weight 0 (default 1)" in memo
    assert "## Changed weights" not in render_markdown(score({"direction": "us"}))
