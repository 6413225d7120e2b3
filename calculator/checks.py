"""What the engine accepts as answers and weights: each checked, with a message that names what
is wrong (an unknown question or option, a weight out of range, all weights zero), and the
names JSON types go by in those messages. How the answers are scored is calculator/decide.py."""

from __future__ import annotations

import unicodedata
from typing import Any, Mapping

from .data import Catalogue, catalogue
from .errors import CalculatorError

__all__ = ["JOINERS", "check_answers", "check_weights", "effective_weights", "has_hidden_character",
           "has_visible_character", "json_type"]


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


def json_type(value: Any) -> str:
    """How a JSON value's type is named in error messages."""
    names = {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}
    for kind, name in names.items():
        if isinstance(value, kind):
            return name
    return "a number" if isinstance(value, (int, float)) else type(value).__name__


# Invisible characters real names need: the zero-width non-joiner (Persian, Hindi and other
# scripts join or keep apart letters with it) and the zero-width joiner (emoji sequences such as
# a family or a profession), and the tag characters of subdivision flags (Unicode TR51). Every
# other format character stays refused: bidirectional overrides and isolates can make a name
# read differently from what it holds (Unicode TR36, "Bidirectional Text Spoofing").
JOINERS = frozenset("\u200c\u200d") | frozenset(map(chr, range(0xE0020, 0xE0080)))

# Control, format, surrogate, private-use and unassigned characters, and the line and paragraph
# separators: they act on a terminal or a page (a colour, a reversed line, a new line) instead of
# showing, or cannot be written as UTF-8 at all (a lone surrogate).
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))


def has_hidden_character(text: str) -> bool:
    """Whether reader text (a name, a label, a note) holds a character that acts instead of
    showing, but the joiners real names need.

    >>> has_hidden_character("Acme\u202eLtd"), has_hidden_character("\u0645\u06cc\u200c\u0634\u0648\u062f")
    (True, False)
    """
    return any(unicodedata.category(ch) in _HIDDEN and ch not in JOINERS for ch in text)


def has_visible_character(text: str) -> bool:
    """Whether text shows anything: a character that is not a joiner, a mark or a space.

    >>> has_visible_character("\u200d \u0301"), has_visible_character("A")
    (False, True)
    """
    return not all(ch in JOINERS or unicodedata.category(ch)[0] in "MZ" for ch in text)
