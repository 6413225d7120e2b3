"""Small exact checks of engine helpers that the larger tests reach only through cached or
aggregated values, so that a wrong change in them is caught (found by `make mutate`)."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from calculator import catalogue
from calculator.data import parse_catalogue
from calculator.decide import _argues, compiled
from calculator.scoring import points

CAT = catalogue()


def _fresh():
    """A catalogue parsed here, so its compiled tables are built by the code under test now."""
    return parse_catalogue(tomllib.loads((files("calculator") / "questions.toml").read_text("utf-8")))


@pytest.mark.parametrize("raw, total, want", [(4, 33, 100 / 33), (-7, 50, -3.5), (0, 1, 0.0), (14, 50, 7.0)])
def test_points_is_25_times_raw_over_the_total_weight(raw, total, want):
    assert points(raw, total) == pytest.approx(want, abs=1e-12)


def test_answers_and_picks_are_inverse():
    c = compiled(_fresh())
    answers = {"kind": "build", "pricing": "no_preference", "direction": "us"}
    picks = c.picks(answers)
    assert picks[0] == 0 and picks[[q.id for q in CAT.questions].index("pricing")] == 4
    assert picks.count(-1) == len(CAT.questions) - 3
    assert c.answers(picks) == {q.id: answers[q.id] for q in CAT.questions if q.id in answers}
    assert c.answers([-1] * len(CAT.questions)) == {}
    first = [0] + [-1] * (len(CAT.questions) - 1)
    assert c.answers(first) == {CAT.questions[0].id: CAT.questions[0].options[0].id}


@pytest.mark.parametrize("effect, pairs", [
    ((2, -2, -2), {(0, 1), (0, 2)}),            # one favourite, over both others
    ((-1, 1, 1), {(1, 0), (2, 0)}),             # two favourites, each over the third only
    ((0, 0, 0), set()),                          # no favourite over anyone
    ((0, 0, -1), {(0, 2), (1, 2)}),              # 'hurts BPO' argues for both others over it
    ((-2, -1, 2), {(2, 0), (2, 1)}),
    ((1, 2, 0), {(1, 0), (1, 2)}),               # a second-best never argues (1 over 0 only if top)
])
def test_argues_sets_one_bit_per_favoured_pair(effect, pairs):
    """decide._argues: bit a*n+b set exactly when the option favours a at least as much as any
    model and more than b."""
    n = len(effect)
    assert _argues(effect) == sum(1 << (a * n + b) for a, b in pairs)


def test_the_compiled_tables_are_the_catalogues_data():
    """compiled(): effects, gates (model, (question, option) positions) and the tie-break ranks
    come from the data, in catalogue order."""
    cat = _fresh()
    c = compiled(cat)
    assert c.models == tuple(m.id for m in cat.models)
    assert c.rank_key == tuple(cat.tie_break.index(m) for m in c.models)
    for q, question in enumerate(cat.questions):
        for p, option in enumerate(question.options):
            assert c.effects[q][p] == tuple(option.effects[m] for m in c.models)
            assert c.argues[q][p] == _argues(c.effects[q][p])
    ids = [q.id for q in cat.questions]
    for (model, conditions), gate in zip(c.gates, cat.gates):
        assert c.models[model] == gate.model
        assert conditions == tuple((ids.index(q), cat.question(q).index(o)) for q, o in gate.when.items())
