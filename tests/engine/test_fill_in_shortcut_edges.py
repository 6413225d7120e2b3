"""The "ways to answer the rest" figure (calculator/robustness.py, fill_in_robustness) at the
edges of its shortcut: the bounds of `_every_fill_in_holds` settle the figure at 100% without
drawing 400 ways (what keeps the page quick on a phone) exactly when the docstring's worst case
allows it, and otherwise the figure is drawn and comes out near the exact share of ways that
keep the result.

Each profile answers every question but one or two, most with weight 0 (inert: they fire no
gate and argue for nothing), so the exact share is worked out by hand from questions.toml's
effects and checked by trying every way. Raw totals are "SA / MS" (staff augmentation, managed
services); with the kind of work a technical service only those two apply, and a build leaves
staff augmentation alone. A gap of g raw points over a total weight W is 25 * g / W score
points, a close call below 3.5. Found as survivors by `make mutate`."""

from __future__ import annotations

import itertools
import tomllib
from importlib.resources import files

import pytest

from calculator import robustness, score
from calculator.data import catalogue, parse_catalogue
from calculator.decide import compiled, decide

# Every question answered with an option that fires no gate; rows change a few and weight them.
BASE = {"kind": "tech_service", "direction": "shared", "lead_capacity": "daily", "scope_change": "some",
        "flexibility": "balance", "service_levels": "partly", "process_maturity": "partial", "governance": "partly",
        "integration": "alongside", "operating_model": "improve", "judgement": "some", "consistency": "important",
        "data": "some", "duration": "medium", "urgency": "months", "pricing": "no_preference"}
# Neutral answers (0 for every model) that only add to the total weight.
FILLER = ("scope_change", "flexibility", "service_levels", "judgement", "data", "urgency", "pricing", "duration")


def _profile(change, open_questions, weights):
    answers = {q: o for q, o in {**BASE, **change}.items() if q not in open_questions}
    return answers, {**{q: 0 for q in BASE}, **weights}


def _drawn(*_):
    raise AssertionError("400 ways drawn for a result the bounds settle")


def _ways_kept(cat, answers, weights, open_questions):
    """(ways that keep the result, all ways), trying every way to answer the open questions."""
    c = compiled(cat)
    w = [weights[q.id] for q in cat.questions]
    now = decide(c, c.picks(answers), w).key
    ways = list(itertools.product(*(cat.question(q).options for q in open_questions)))
    kept = sum(decide(c, c.picks({**answers, **{q: o.id for q, o in zip(open_questions, way)}}), w).key == now
               for way in ways)
    return kept, len(ways)


# (answers changed from BASE, open questions, weights (others 0), ways kept of all, settled by the bounds)
ROWS = {
    # A build (SA alone applies): kind +2, flexibility open (SA +2 / 0 / -2) at weight 1. The worst
    # way leaves SA at exactly 0, which is not above the fit line: no fit. Drawn, about 2/3.
    "fit_lost_at_exactly_zero": ({"kind": "build"}, ["flexibility"], {"kind": 2, "flexibility": 1}, (2, 3), False),
    # SA 4 / MS 0 (daily leads, weight 2); consistency open at weight 1: low 6/-1, important 4/0,
    # critical 3/2. Total 8: critical leaves a gap of 1 (3.1 points) and argues for MS over SA
    # (daily argues for SA over MS), so a close call. The last option (low) is the best for SA,
    # not the worst. Drawn, about 2/3.
    "close_call_one_way_in_three": ({}, ["consistency"], {"lead_capacity": 2, "consistency": 1,
                                                          "scope_change": 3, "flexibility": 2}, (2, 3), False),
    # As above with daily leads at weight 3 (SA 6 / MS 0) and total 22: the worst gap is 3 raw
    # points, 25 * 3 / 22 = 3.41 score points, just under 3.5: a close call. Drawn, about 2/3.
    "close_call_by_a_tenth_of_a_point": ({}, ["consistency"], {"lead_capacity": 3, "consistency": 1, **dict.fromkeys(
        ("scope_change", "flexibility", "service_levels"), 5), "judgement": 3}, (2, 3), False),
    # Daily leads at weight 5 (SA 10 / MS 0), consistency open, total 50: the worst gap is 7,
    # 25 * 7 / 50 = 3.5 points exactly, which is not below 3.5: never a close call. Settled.
    "worst_gap_exactly_the_close_call_line": ({}, ["consistency"], {"lead_capacity": 5, "consistency": 1, **dict.fromkeys(
        FILLER, 5), "process_maturity": 4}, (3, 3), True),
    # Daily leads at weight 3 (SA 6 / MS 0; its other options would favour MS), consistency open,
    # total 4: the worst gap is 3 (18.75 points). Settled.
    "daily_leads_well_ahead": ({}, ["consistency"], {"lead_capacity": 3, "consistency": 1}, (3, 3), True),
    # MS leads SA (kind a technical service at weight 1: 0 / 2), data open at weight 1 (regulated
    # SA +1): the worst gap is 1 raw point over a total of 2 (12.5 points). MS comes after SA in
    # the tie-break order, but a gap above zero is no tie. Settled.
    "later_in_tie_break_order_but_ahead": ({}, ["data"], {"kind": 1, "data": 1}, (3, 3), True),
    # SA 2 / MS 0 (daily leads, weight 1); judgement open at weight 1 (much 3/-1, some 2/0,
    # little 2/1), governance open at weight 0, total 8. Judgement "little" leaves a gap of 1
    # (3.1 points) but no answer that counts argues for MS over SA (governance "yes" would, but
    # it weighs nothing), so never a close call: every way keeps it, yet the bounds cannot tell
    # (they ignore what the answers argue), so the 400 ways are drawn and all agree.
    "close_gap_without_support": ({}, ["judgement", "governance"], {"lead_capacity": 1, "judgement": 1, "scope_change": 3,
                                                                     "flexibility": 2, "service_levels": 1}, (9, 9), False),
}


@pytest.mark.parametrize("change, open_questions, weights, kept, settled", ROWS.values(), ids=ROWS.keys())
def test_the_fill_in_figure_is_settled_or_drawn_as_the_worst_way_allows(change, open_questions, weights, kept, settled,
                                                                        monkeypatch):
    answers, weights = _profile(change, open_questions, weights)
    assert _ways_kept(catalogue(), answers, weights, open_questions) == kept  # the hand count
    if settled:  # the bounds show every way keeps it: 100% without drawing
        monkeypatch.setattr(robustness, "sampled_fill_in_robustness", _drawn)
    r = score(answers, weights)
    assert r.state == "recommend"
    figure = r.what_would_change["fill_in"]
    assert (figure["samples"], figure["unanswered"]) == (400, len(open_questions))
    share = kept[0] / kept[1]
    if share == 1:
        assert figure["share"] == 1.0
    else:  # drawn: within a few points of the exact share, never 100%
        assert figure["share"] < 1 and abs(figure["share"] - share) < 0.05


def test_the_answers_arguments_are_worked_out_only_for_ways_that_could_be_close_calls(monkeypatch):
    """The figure is drawn for the build above (SA alone applies, so no way can be a close
    call): which models each way's answers argue for is never needed, so never worked out (the
    docstring's promise, part of what keeps 400 ways quick). The rules are asked once per
    different way (flexibility's three options), not once per way drawn: a way drawn again is
    looked up."""
    seen = []
    real = robustness.keyer

    def recording(*args):
        key = real(*args)

        def recorded(raw, total, argued):
            seen.append(argued)
            return key(raw, total, argued)
        return recorded

    monkeypatch.setattr(robustness, "keyer", recording)
    change, open_questions, weights, _, _ = ROWS["fit_lost_at_exactly_zero"]
    assert score(*_profile(change, open_questions, weights)).what_would_change["fill_in"]["share"] < 1
    assert seen == [None] * 3


# --- the same rules on catalogues changed in ways questions.toml allows ----------------------

def _catalogue(change):
    raw = tomllib.loads((files("calculator") / "questions.toml").read_text("utf-8"))
    change(raw)
    return parse_catalogue(raw)


def _figure(cat, answers, weights):
    c = compiled(cat)
    picks, w = c.picks(answers), [weights[q.id] for q in cat.questions]
    current = decide(c, picks, w)
    assert current.state == "recommend"
    return robustness.fill_in_robustness(c, picks, w, current)


def _business_process_first(raw):
    kind = next(q for q in raw["questions"] if q["id"] == "kind")
    kind["options"].sort(key=lambda o: o["id"] != "business_process")


def test_where_the_kind_of_work_is_listed_does_not_stop_the_shortcut(monkeypatch):
    """With "business process" listed first among the kinds of work (all three models apply to
    it), BPO well ahead: kind at weight 3 (BPO +6, the others 0), data open at weight 1
    (regulated: SA +1): the worst gap is 5 raw points over a total of 4. The kind is answered,
    so it cannot rule BPO out: 100% without drawing, as when the option is listed last."""
    cat = _catalogue(_business_process_first)
    assert cat.questions[0].options[0].id == "business_process"
    answers, weights = _profile({"kind": "business_process"}, ["data"], {"kind": 3, "data": 1})
    assert _ways_kept(cat, answers, weights, ["data"]) == (3, 3)
    monkeypatch.setattr(robustness, "sampled_fill_in_robustness", _drawn)
    assert _figure(cat, answers, weights)["share"] == 1.0


def test_the_fit_line_scales_with_the_total_weight():
    """fits_above = 60: a model fits when its raw total is above 0.4 x the total weight. A build
    (SA alone applies), kind at weight 3 (SA +3), flexibility open at weight 1 (+2 / 0 / -2):
    SA 5, 3 or 1 over a total of 4, against a fit line of 1.6, so "predictability" (SA 1)
    leaves nothing that fits: 2 ways in 3 keep it, and the figure is drawn, not 100%."""
    cat = _catalogue(lambda raw: raw["thresholds"].update(fits_above=60.0))
    answers, weights = _profile({"kind": "build"}, ["flexibility"], {"kind": 3, "flexibility": 1})
    assert _ways_kept(cat, answers, weights, ["flexibility"]) == (2, 3)
    share = _figure(cat, answers, weights)["share"]
    assert share < 1 and abs(share - 2 / 3) < 0.05
