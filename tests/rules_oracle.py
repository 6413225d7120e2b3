"""The decision rules re-stated from their docstrings (calculator/decide.py, scoring.py), as an
independent oracle for the property tests: it reads only the catalogue's data (effects, weights,
gates, thresholds, tie-break order), never the engine's compiled tables or its functions.

If a rule changes on purpose, change its docstring and this file together; a test that compares
the two then says which answers the change affects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from calculator.data import Catalogue

__all__ = ["Expected", "argues_for", "expected", "expected_from", "verdict_of"]


def argues_for(effects: Mapping[str, int], a: str, b: str) -> bool:
    """decide.Compiled.supported: an answer argues for `a` over `b` when it favours `a` at least
    as much as any model, and more than `b`."""
    return effects[a] == max(effects.values()) and effects[a] > effects[b]


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


def expected(cat: Catalogue, answers: Mapping[str, str], weights: Mapping[str, int]) -> Expected:
    """What the rules in decide.py's docstring give for `answers` and the full `weights`."""
    models = cat.model_ids
    raw = {m: 0 for m in models}
    for q in cat.questions:  # scoring.py: each answered question adds weight x effect
        if q.id in answers:
            for m in models:
                raw[m] += weights[q.id] * q.option(answers[q.id]).effects[m]
    total = sum(weights[q.id] for q in cat.questions)
    gated = frozenset(g.model for g in cat.gates if all(answers.get(k) == v for k, v in g.when.items()))
    positive = [q.option(answers[q.id]).effects for q in cat.questions if q.id in answers and weights[q.id] > 0]

    def supported(a: str, b: str) -> bool:
        """Rule 3: some answer (weight above 0) argues for each of the two."""
        return any(argues_for(e, a, b) for e in positive) and any(argues_for(e, b, a) for e in positive)

    return expected_from(cat, raw, total, gated, len(answers), supported)


def expected_from(cat: Catalogue, raw: Mapping[str, float], total: float, gated: frozenset[str],
                  answered: int, supported) -> Expected:
    """The rules on totals already computed (decide.rules), `supported(a, b)` as in rule 3."""
    models = cat.model_ids
    # Ranking: best raw total first; equal totals in the data's tie-break order.
    ranking = tuple(sorted(models, key=lambda m: (-raw[m], cat.tie_break.index(m))))
    base = dict(ranking=ranking, gated=gated, answered=answered, raw=dict(raw), total=total)
    if answered == 0:  # rule 1
        return Expected("no_answers", None, None, None, None, None, **base)
    ready = [m for m in ranking if m not in gated]
    if not ready:  # rule 2
        return Expected("not_ready", None, None, None, None, None, **base)
    leader = ready[0]
    later = ranking[0] if raw[ranking[0]] > raw[leader] else None  # rule 5: strictly above
    i = ranking.index(leader)
    runner = ranking[i + 1] if i + 1 < len(ranking) else None
    margin = 25 * (raw[leader] - raw[runner]) / total if runner else None
    th = cat.thresholds
    if (runner and runner not in gated and answered >= th.provisional_below and margin < th.close_call
            and supported(leader, runner)):
        pair = tuple(sorted((leader, runner), key=cat.tie_break.index))  # rule 3
        return Expected("close_call", leader, pair, runner, margin, later, **base)
    return Expected("recommend", leader, None, runner, margin, later, **base)


def verdict_of(cat: Catalogue, e: Expected) -> str:
    """decide.verdict's docstring: provisional, for now, clear or leaning."""
    if e.state in ("no_answers", "not_ready", "close_call"):
        return e.state
    if e.answered < cat.thresholds.provisional_below:
        return "provisional"
    if e.later is not None:
        return "for_now"
    return "clear" if e.margin >= cat.thresholds.leaning else "leaning"
