"""Checking answers and weights, and the weighted sum at the heart of the calculator.

Each answered question adds ``weight x effect`` to each model's raw total (effects -2..+2,
weights 0..5, all whole numbers, so totals are exact). Scores share one scale::

    score = 50 + 50 * raw / (2 * sum of all weights)  =  50 + 25 * raw / W

so 50 is neutral, 100 means every question argued as strongly as possible for the model, and an
unanswered question simply adds nothing (which is why fewer answers give less separated scores).
Because the model is linear, each question's contribution is exact and the contributions add up
to ``score - 50`` (research note: for a linear model the contribution of a factor is its weight
times its value).
"""

from __future__ import annotations

from typing import Any, Mapping

from .data import Catalogue, catalogue
from .errors import CalculatorError

__all__ = ["check_answers", "check_weights", "effective_weights", "json_type", "points"]


def check_answers(answers: Any, cat: Catalogue | None = None) -> dict[str, str]:
    """Check ``{question_id: option_id}`` answers; return them in question order.

    ``None`` (JSON null) leaves a question unanswered.

    >>> check_answers({"direction": "us", "kind": None})
    {'direction': 'us'}
    >>> check_answers({"direction": "boss"})
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: unknown option 'boss' for question 'direction'; allowed options: us, shared, provider
    """
    cat = cat or catalogue()
    if not isinstance(answers, Mapping):
        raise CalculatorError(
            "answers must be a JSON object mapping question ids to option ids, "
            f"not {json_type(answers)}",
            kind="invalid_answers",
        )
    for qid, oid in answers.items():
        if not isinstance(qid, str):
            raise CalculatorError(f"question ids must be strings, got {qid!r}", kind="invalid_answers")
        question = cat.question(qid)
        if oid is not None and not isinstance(oid, str):
            raise CalculatorError(
                f"the answer to {qid!r} must be an option id (a string), not {json_type(oid)}; "
                f"allowed options: {', '.join(o.id for o in question.options)}",
                kind="unknown_option",
                question=qid,
                allowed=[o.id for o in question.options],
            )
        if oid is not None:
            question.option(oid)
    return {q.id: answers[q.id] for q in cat.questions if answers.get(q.id) is not None}


def check_weights(weights: Any, cat: Catalogue | None = None) -> dict[str, int]:
    """Check weight overrides ``{question_id: 0..5}``; return only those that differ from the default.

    >>> check_weights({"pricing": 3, "direction": 3})
    {'pricing': 3}
    """
    cat = cat or catalogue()
    if weights is None:
        return {}
    if not isinstance(weights, Mapping):
        raise CalculatorError(
            f"weights must be a JSON object mapping question ids to 0..5, not {json_type(weights)}",
            kind="invalid_weights",
        )
    for qid, weight in weights.items():
        if not isinstance(qid, str):
            raise CalculatorError(f"question ids must be strings, got {qid!r}", kind="invalid_weights")
        cat.question(qid)
        if not isinstance(weight, int) or isinstance(weight, bool) or not 0 <= weight <= 5:
            raise CalculatorError(
                f"the weight of {qid!r} must be a whole number from 0 to 5, got {weight!r}",
                kind="invalid_weights",
                question=qid,
            )
    overrides = {q.id: weights[q.id] for q in cat.questions if q.id in weights}
    return {qid: w for qid, w in overrides.items() if w != cat.question(qid).weight}


def effective_weights(weights: Mapping[str, int], cat: Catalogue) -> dict[str, int]:
    """Every question's weight, overrides applied; refuses a set where all are zero."""
    result = {q.id: weights.get(q.id, q.weight) for q in cat.questions}
    if sum(result.values()) == 0:
        raise CalculatorError("at least one question must have a weight above 0", kind="invalid_weights")
    return result


def points(raw: float, total_weight: float) -> float:
    """A raw total (or a difference of two) in score points: 25 x raw / W."""
    return 25 * raw / total_weight


def json_type(value: Any) -> str:
    """How a JSON value's type is named in error messages."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a number" if isinstance(value, (int, float)) else type(value).__name__
