"""What the guides say about the calculator is what the engine's data does."""

import pathlib
import random
import re

from calculator import catalogue
from calculator.decide import compiled, decide

DOCS = pathlib.Path(__file__).parents[2] / "docs"
CAT = catalogue()
TH = CAT.thresholds


def _number(text: str, pattern: str) -> float:
    match = re.search(pattern, text)
    assert match, f"the guide no longer states {pattern!r}"
    return float(match.group(1))


def test_close_call_leaning_and_provisional_thresholds_match_the_data():
    """method.md and calculator.md quote the thresholds questions.toml sets."""
    method = (DOCS / "method.md").read_text()
    assert _number(method, r"less than (\d+(?:\.\d+)?) points apart") == TH.close_call
    assert _number(method, r"under (\d+(?:\.\d+)?) points: \*\*leaning") == TH.leaning
    assert _number(method, r'from (\d+(?:\.\d+)?) points it is a "clear fit"') == TH.leaning
    assert _number(method, r"fewer than (\d+) answers") == TH.provisional_below
    page = (DOCS / "calculator.md").read_text()
    assert _number(page, r"less than (\d+(?:\.\d+)?) points apart") == TH.close_call
    assert _number(page, r"(\d+(?:\.\d+)?) points or more ahead") == TH.leaning
    assert _number(page, r"Fewer than (\d+) answers") == TH.provisional_below


def test_robustness_figures_in_the_guides_match_the_data():
    """The method page quotes the number of varied weightings and of fill-ins the engine tries,
    and the spread of the weight factors."""
    method = (DOCS / "method.md").read_text()
    assert _number(method, r"re-scores your answers \*\*(\d+) times\*\*") == TH.robustness_samples
    assert _number(method, r"at random \*\*(\d+)\s+times\*\*") == TH.fill_in_samples
    assert _number(method, r"random factor between (\d\.\d+) and") == 1 - TH.robustness_spread


def test_the_question_count_and_the_deciding_questions_match():
    """The calculator page says fifteen questions; how-to-choose names the core ones and their count."""
    words = {12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 16: "sixteen"}
    assert f"Answer {words[len(CAT.questions)]} questions" in (DOCS / "calculator.md").read_text()
    text = (DOCS / "how-to-choose.md").read_text()
    core = [q for q in CAT.questions if q.core]
    for q in core:
        assert f"(#{q.guide.anchor})" in text.split("## The four deciding questions")[1].split("\n## ")[0]
    assert len(core) == 4 and f"all {words[len(CAT.questions)]}\nquestions" in text


def test_how_often_the_four_deciding_questions_alone_agree_is_what_the_guide_says():
    """how-to-choose.md states how often the four core questions alone give the same outcome as
    all of them; the engine's own sample (fixed seed) gives that percentage."""
    text = (DOCS / "how-to-choose.md").read_text()
    stated = _number(text, r"in about (\d+)% of all possible combinations")
    c = compiled(CAT)
    weights = [q.weight for q in CAT.questions]
    core = {i for i, q in enumerate(CAT.questions) if q.core}
    rng = random.Random(20261201)
    n = 20_000
    same = 0
    for _ in range(n):
        picks = [rng.randrange(len(q.options)) for q in CAT.questions]
        only = [p if i in core else -1 for i, p in enumerate(picks)]
        same += decide(c, picks, weights).key == decide(c, only, weights).key
    assert round(100 * same / n) == stated, f"the engine gives {100 * same / n:.1f}%"


def test_every_question_and_gate_step_has_its_section_in_the_guides():
    """Each question's guide anchor and each step's anchor is a heading the guides really have."""
    for q in CAT.questions:
        page = (DOCS / q.guide.page).read_text()
        assert f"{{#{q.guide.anchor}}}" in page, q.id
    for step in CAT.steps:
        assert f"{{#{step.guide.anchor}}}" in (DOCS / step.guide.page).read_text(), step.id


def test_the_cost_examples_what_ifs_are_the_engines_totals():
    """docs/cost.md's "what would change the order" figures are what the engine computes for the
    worked example with that one input changed, and each says how big the change is."""
    import copy

    from outside_help_build.engine import example

    from calculator import compare_costs

    page = (DOCS / "cost.md").read_text()
    section = page.split("{#example-sensitivity}")[1].split("\n## ")[0]
    bullets = {b.split("**")[1]: b for b in section.split("\n- ")[1:]}
    base = example()["cost"]
    changes = {  # the bullet's bold label -> (group, input, new value, model whose total is quoted)
        "A small change: 5% more contacts.": ("general", "volume", 6300, "bpo"),
        "A small change: no ramp-up month.": ("staff_augmentation", "parallel_months", 0, "staff_augmentation"),
        "A large change: management time doubled.": ("staff_augmentation", "hours_per_person", 20, "staff_augmentation"),
        "A large change: a third more contacts.": ("general", "volume", 8000, "bpo"),
    }
    assert set(changes) <= set(bullets), f"the guide's what-ifs are now {sorted(bullets)}"
    for label, (group, field, value, model) in changes.items():
        figures = copy.deepcopy(base)
        figures[group][field] = value
        total = compare_costs(figures)["models"][model]["totals"]["total"]
        assert f"**£{total:,.0f}**" in bullets[label], (label, total)
