"""Answers and weights as a short, versioned, URL-safe string, and back.

Format (version 1)::

    v1 <answers> [W <weights>]

``<answers>`` is a run of pairs: a question's one-letter ``key`` then its option's one-digit
``key`` (both fixed in questions.toml, so rewording a question never breaks a link).
``<weights>`` is a run of pairs: a question key then a weight digit 0-5, for changed weights only.
Only ASCII letters and digits are used, so the string needs no escaping in a URL.

>>> encode_share({"direction": "us", "work_type": "team_roles"}, {"pricing": 0})
'v1k1d1Wr0'
>>> decode_share("v1k1d1Wr0")
({'work_type': 'team_roles', 'direction': 'us'}, {'pricing': 0})
"""

from __future__ import annotations

from typing import Any, Mapping

from .data import catalogue
from .errors import CalculatorError

__all__ = ["MAX_SHARE_LENGTH", "SHARE_VERSION", "decode_share", "encode_share"]

SHARE_VERSION = 1
MAX_SHARE_LENGTH = 200


def encode_share(answers: Mapping[str, str], weights: Mapping[str, int] | None = None) -> str:
    """Encode checked answers and weight overrides (see ``check_answers``, ``check_weights``)."""
    cat = catalogue()
    parts = [f"v{SHARE_VERSION}"]
    for question in cat.questions:
        if question.id in answers:
            parts.append(question.key + question.option(answers[question.id]).key)
    changed = [q for q in cat.questions if weights and q.id in weights]
    if changed:
        parts.append("W")
        parts.extend(f"{q.key}{weights[q.id]}" for q in changed)  # type: ignore[index]
    return "".join(parts)


def _error(message: str, kind: str = "bad_share", **extra: Any) -> CalculatorError:
    return CalculatorError(f"share link: {message}", kind=kind, **extra)


def decode_share(text: Any) -> tuple[dict[str, str], dict[str, int]]:
    """Decode a share string into ``(answers, weight overrides)``.

    Every way it can be wrong gives a CalculatorError that says what is wrong:

    >>> decode_share("v9k1")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: share link: version 9 is not supported; this site reads version 1 links
    >>> decode_share("v1d7")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: share link: option 7 does not exist for question 'direction' (options 1-3)
    """
    cat = catalogue()
    if not isinstance(text, str):
        raise _error("it must be text")
    text = text.strip()
    if len(text) > MAX_SHARE_LENGTH:
        raise _error(f"it is {len(text)} characters long; a valid one has at most {MAX_SHARE_LENGTH}")
    if not text:
        raise _error("it is empty")
    if text[0] != "v":
        raise _error("it must start with a version such as 'v1'", kind="bad_version")
    digits = ""
    pos = 1
    while pos < len(text) and text[pos].isascii() and text[pos].isdigit():
        digits += text[pos]
        pos += 1
    if not digits:
        raise _error("it must start with a version such as 'v1'", kind="bad_version")
    if int(digits) != SHARE_VERSION:
        raise _error(
            f"version {int(digits)} is not supported; this site reads version {SHARE_VERSION} links",
            kind="bad_version",
        )
    by_key = {q.key: q for q in cat.questions}
    answers: dict[str, str] = {}
    weights: dict[str, int] = {}
    in_weights = False
    while pos < len(text):
        char = text[pos]
        if char == "W" and not in_weights:
            in_weights = True
            pos += 1
            continue
        if not ("a" <= char <= "z"):
            raise _error(f"unexpected character {char!r} at position {pos + 1}")
        if char not in by_key:
            raise _error(f"unknown question key {char!r} at position {pos + 1}", kind="unknown_question")
        question = by_key[char]
        value = text[pos + 1 : pos + 2]
        if not (value.isascii() and value.isdigit()):
            shown = repr(value) if value else "nothing"
            raise _error(
                f"question {question.id!r} is followed by {shown} instead of a digit",
                question=question.id,
            )
        if in_weights:
            if question.id in weights:
                raise _error(f"it sets the weight of {question.id!r} twice", question=question.id)
            if int(value) > 5:
                raise _error(
                    f"weight {value} for {question.id!r} is out of range (0-5)",
                    kind="invalid_weights",
                    question=question.id,
                )
            weights[question.id] = int(value)
        else:
            if question.id in answers:
                raise _error(f"it answers {question.id!r} twice", question=question.id)
            option = next((o for o in question.options if o.key == value), None)
            if option is None:
                keys = [o.key for o in question.options]
                raise _error(
                    f"option {value} does not exist for question {question.id!r} "
                    f"(options {keys[0]}-{keys[-1]})",
                    kind="unknown_option",
                    question=question.id,
                    allowed=[o.id for o in question.options],
                )
            answers[question.id] = option.id
        pos += 2
    ordered = {q.id: answers[q.id] for q in cat.questions if q.id in answers}
    return ordered, {q.id: weights[q.id] for q in cat.questions if q.id in weights}
