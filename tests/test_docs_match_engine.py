"""Numbers the guides state about the calculator match the engine's data."""

import pathlib
import re

from calculator import catalogue

DOCS = pathlib.Path(__file__).parent.parent / "docs"


def _points(text: str, pattern: str) -> float:
    match = re.search(pattern, text)
    assert match, f"the guide no longer states {pattern!r}"
    return float(match.group(1))


def test_close_call_and_leaning_thresholds_in_the_guides_match_the_data():
    """method.md and calculator.md quote the same close-call and leaning thresholds as questions.toml."""
    th = catalogue().thresholds
    method = (DOCS / "method.md").read_text()
    assert _points(method, r"less than (\d+(?:\.\d+)?) points apart") == th.close_call
    assert _points(method, r'from (\d+(?:\.\d+)?) points it is a "clear fit"') == th.leaning
    page = (DOCS / "calculator.md").read_text()
    assert _points(page, r"\| Under (\d+(?:\.\d+)?) points \|") == th.close_call
    assert _points(page, r"\| (\d+(?:\.\d+)?) points or more \|") == th.leaning


def test_robustness_figures_in_the_guides_match_the_data():
    """The guides quote the number of perturbed weightings the engine really tries."""
    th = catalogue().thresholds
    text = (DOCS / "method.md").read_text() + (DOCS / "calculator.md").read_text()
    assert str(th.robustness_samples) in text
