"""The advice of the previous model version, so that an older link can say when it changed.

A link made before model 2027.01 (share versions 1 and 2) was made by model 2026.12. That model
had the same questions (less the data question) and effects, but fewer gates, no applicability
by kind of work and no fit rule: it recommended the best-scoring ready model, however badly it
fitted. When its advice for a link's answers differs from today's, the link opens with a
one-line note saying what it said then (api.py), so that no one is surprised by a changed
result they had shared.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, Mapping

from .data import catalogue
from .decide import Compiled, compiled, key_of, rules
from .result import Result

__all__ = ["PREVIOUS_VERSION", "advice_then"]

PREVIOUS_VERSION = "2026.12"
# The gates of model 2026.12 (its questions.toml), one model each: (model, {question: option}).
_GATES = (
    ("managed_services", {"direction": "us"}),
    ("bpo", {"direction": "us"}),
    ("staff_augmentation", {"direction": "provider"}),
    ("bpo", {"process_maturity": "undocumented"}),
    ("bpo", {"governance": "no"}),
    ("bpo", {"judgement": "much"}),
    ("managed_services", {"governance": "no"}),
    ("managed_services", {"scope_change": "likely", "service_levels": "no"}),
    ("staff_augmentation", {"lead_capacity": "little"}),
)
# Questions added since 2026.12: they were not in its total weight.
_ADDED = ("data",)


@functools.cache
def _previous() -> Compiled:
    """Today's compiled catalogue with model 2026.12's gates, no fit line and every model applying."""
    c = compiled(catalogue())
    cat = c.cat
    index = {q.id: i for i, q in enumerate(cat.questions)}
    gates = tuple(
        (c.models.index(model), tuple((index[q], frozenset({cat.question(q).index(o)})) for q, o in when.items()))
        for model, when in _GATES
    )
    return dataclasses.replace(c, gates=gates, fit_cut=float("-inf"), kind=None, applies=())


def advice_then(result: Result) -> dict[str, Any] | None:
    """What model 2026.12 advised for the result's answers and weights, when it differs from
    today's advice: ``{"state", "recommendation", "pair"}``; None when it is the same.

    >>> from calculator import score
    >>> advice_then(score({"kind": "build", "direction": "provider", "lead_capacity": "reviews",
    ...                    "scope_change": "stable", "process_maturity": "documented", "governance": "yes"}))
    {'state': 'recommend', 'recommendation': 'bpo', 'pair': None}
    """
    c = _previous()
    cat = c.cat
    answers: Mapping[str, str] = {q: o for q, o in result.answers.items() if q not in _ADDED}
    weights = [result.weights.get(q.id, q.weight) for q in cat.questions]
    picks = c.picks(answers)
    raw = c.raw(picks, weights)
    total = sum(w for q, w in zip(cat.questions, weights) if q.id not in _ADDED)
    answered = sum(p >= 0 for p in picks)
    fields = rules(c, raw, total, c.gated(picks), answered, lambda a, b: c.supported(picks, weights, a, b))
    then = key_of(*fields)
    now = ("close_call", tuple(c.models.index(m) for m in result.combination["models"])) \
        if result.state == "close_call" else (result.state, c.models.index(result.recommendation)
                                              if result.recommendation else None)
    if then == now:
        return None
    state, leader, pair = fields[:3]
    return {
        "state": state,
        "recommendation": c.models[leader] if state == "recommend" else None,
        "pair": [c.models[m] for m in pair] if state == "close_call" else None,
    }
