"""The decision rules re-stated from their docstrings (calculator/decide.py, result.py), as an
independent oracle for the property tests: it reads only the catalogue's data (effects, weights,
gates, `applies`, thresholds, tie-break order), never the engine's compiled tables or its
functions.

If a rule changes on purpose, change its docstring and this file together; a test that compares
the two then says which answers the change affects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from calculator.data import Catalogue

__all__ = ["Expected", "applicable_to", "argues_for", "expected", "expected_from", "fired_gates", "headline_of", "verdict_of"]


def argues_for(effects: Mapping[str, int], a: str, b: str) -> bool:
    """decide.Compiled.supported: an answer argues for `a` over `b` when it favours `a` at least
    as much as any model, and more than `b`."""
    return effects[a] == max(effects.values()) and effects[a] > effects[b]


def fired_gates(cat: Catalogue, answers: Mapping[str, str]) -> list:
    """questions.toml [[gates]]: a gate fires when every question in `when` has its answer, or
    one of its list of answers."""
    def allowed(value):
        return (value,) if isinstance(value, str) else tuple(value)
    return [g for g in cat.gates if all(answers.get(q) in allowed(v) for q, v in g.when.items())]


def applicable_to(cat: Catalogue, answers: Mapping[str, str]) -> frozenset[str]:
    """Rule 2: the kind of work (the question whose options carry `applies`) says which models
    apply; until it is answered, every model does."""
    for q in cat.questions:
        if q.options[0].applies is not None and q.id in answers:
            return frozenset(q.option(answers[q.id]).applies)
    return frozenset(cat.model_ids)


@dataclass(frozen=True)
class Expected:
    state: str
    leader: str | None
    pair: tuple[str, str] | None
    runner: str | None
    margin: float | None
    later: str | None
    ranking: tuple[str, ...]
    gated: frozenset[str]
    answered: int
    raw: dict[str, int]
    total: int
    applicable: frozenset[str] = frozenset()
    fits: frozenset[str] = frozenset()


def expected(cat: Catalogue, answers: Mapping[str, str], weights: Mapping[str, int]) -> Expected:
    """What the rules in decide.py's docstring give for `answers` and the full `weights`."""
    models = cat.model_ids
    raw = {m: 0 for m in models}
    for q in cat.questions:  # scoring: each answered question adds weight x effect
        if q.id in answers:
            for m in models:
                raw[m] += weights[q.id] * q.option(answers[q.id]).effects[m]
    total = sum(weights[q.id] for q in cat.questions)
    gated = frozenset(g.model for g in fired_gates(cat, answers))
    positive = [q.option(answers[q.id]).effects for q in cat.questions if q.id in answers and weights[q.id] > 0]

    def supported(a: str, b: str) -> bool:
        """Rule 4: some answer (weight above 0) argues for each of the two."""
        return any(argues_for(e, a, b) for e in positive) and any(argues_for(e, b, a) for e in positive)

    return expected_from(cat, raw, total, gated, len(answers), supported, applicable_to(cat, answers))


def expected_from(cat: Catalogue, raw: Mapping[str, float], total: float, gated: frozenset[str],
                  answered: int, supported, applicable: frozenset[str] | None = None) -> Expected:
    """The rules on totals already computed (decide.rules), `supported(a, b)` as in rule 4."""
    models = cat.model_ids
    applicable = frozenset(models) if applicable is None else applicable
    th = cat.thresholds
    # Ranking: best raw total first; equal totals in the data's tie-break order.
    ranking = tuple(sorted(models, key=lambda m: (-raw[m], cat.tie_break.index(m))))
    # Rule 2: a model fits when it applies and its score 50 + 25 x raw / total is above
    # fits_above (compared on raw totals: raw > (fits_above - 50) / 25 x total).
    line = (th.fits_above - 50) / 25 * total
    fits = frozenset(m for m in applicable if total and raw[m] > line)
    base = dict(ranking=ranking, gated=gated, answered=answered, raw=dict(raw), total=total,
                applicable=applicable, fits=fits)
    if answered == 0:  # rule 1
        return Expected("no_answers", None, None, None, None, None, **base)
    ready = [m for m in ranking if m in fits and m not in gated]
    if not ready:  # rule 3: a gated model fits (not ready) or none does (no fit)
        return Expected("not_ready" if fits else "no_fit", None, None, None, None, None, **base)
    leader = ready[0]
    i = ranking.index(leader)
    # Rule 6: a gated model that fits and scores strictly above the recommendation.
    later = next((m for m in ranking[:i] if m in fits and raw[m] > raw[leader]), None)
    # Rule 5: the margin is against the next model below that applies (ready or not), else
    # against the line above which a model fits.
    runner = next((m for m in ranking[i + 1:] if m in applicable), None)
    margin = 25 * (raw[leader] - (raw[runner] if runner else line)) / total
    if (runner and runner not in gated and runner in fits and answered >= th.provisional_below
            and margin < th.close_call and supported(leader, runner)):
        pair = tuple(sorted((leader, runner), key=cat.tie_break.index))  # rule 4
        return Expected("close_call", leader, pair, runner, margin, later, **base)
    return Expected("recommend", leader, None, runner, margin, later, **base)


def verdict_of(cat: Catalogue, e: Expected) -> str:
    """decide.verdict's docstring: provisional, for now, tie, clear or leaning (before the
    confidence can turn a "clear" into "leaning"; see `headline_of`)."""
    if e.state in ("no_answers", "not_ready", "no_fit", "close_call"):
        return e.state
    if e.answered < cat.thresholds.provisional_below:
        return "provisional"
    if e.later is not None:
        return "for_now"
    if e.margin == 0:
        return "tie"
    return "clear" if e.margin >= cat.thresholds.leaning else "leaning"


def headline_of(word: str, level: str | None) -> str:
    """result.py: a "clear" result whose confidence is low reads "leaning"."""
    return "leaning" if word == "clear" and level == "low" else word
