"""Answers and weights as a short, versioned, URL-safe string, and back.

Format (version 2, the current one)::

    v2 <answers> [W <weights>] [C <figures>] [S <figures>] [M <figures>] [B <figures>]

``<answers>`` is a run of pairs: a question's one-letter ``key`` then its option's one-digit
``key`` (both fixed in questions.toml, so rewording a question never breaks a link).
``<weights>`` is a run of pairs: a question key then a weight digit 0-5, for changed weights only.
The cost figures (calculator/cost_inputs.toml) follow in sections, one upper-case letter per
group (general, staff augmentation, managed services, BPO): each figure is its input's one-letter
key then the number (digits and at most one '.'), or for a choice the position of the chosen
value. Only ASCII letters, digits and '.' are used, so the string needs no escaping in a URL.

Version 1 links (December 2026 and before) have the same grammar with the old questions' keys;
they are read through share_v1.toml and carried over to today's questions, with a note for each
answer that reads differently now. Every way a link can be wrong gives a CalculatorError whose
``message`` says exactly what is wrong and whose ``reader`` says it for someone who only
clicked the link.

>>> encode_share({"direction": "us", "kind": "build"}, {"pricing": 0})
'v2k1d1Wr0'
>>> shared = decode_share("v2k1d1Wr0")
>>> shared.answers, shared.weights, shared.version
({'kind': 'build', 'direction': 'us'}, {'pricing': 0}, 2)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from .cost import check_cost, cost_inputs, sections
from .data import catalogue
from .errors import CalculatorError

__all__ = ["MAX_SHARE_LENGTH", "SHARE_VERSION", "Shared", "decode_share", "encode_share", "open_link"]

SHARE_VERSION = 2
# Every answer, weight and cost figure at its longest is under 450 characters; anything longer
# was tampered with.
MAX_SHARE_LENGTH = 500

# What a reader is told when a link cannot be read (the page adds what it shows instead).
READER = {
    "damaged": "The answers in this link are damaged: part of it may have been cut off or changed when it was copied.",
    "too_long": "This link is far longer than any the calculator makes, so it was probably changed or joined to other text.",
    "not_ours": "This link's answers are not in a form the calculator makes.",
    "empty": "This link's answers part is empty.",
    "repeated": "This link holds {count} sets of answers, and a calculator link holds one.",
    "version": "This link was made by a version of the calculator this page does not know (version {version}).",
}


@dataclass(frozen=True)
class Shared:
    """What a link holds: answers and changed weights in today's questions, the format version
    it was written in, and notes on answers that read differently since (older links)."""

    answers: dict[str, str]
    weights: dict[str, int]
    version: int = SHARE_VERSION
    notes: list[str] = field(default_factory=list)
    cost: dict[str, dict[str, Any]] = field(default_factory=dict)


# A key table: question key -> (question id, {option key: option id}).
KeyTable = Mapping[str, tuple[str, Mapping[str, str]]]


def _current_keys() -> KeyTable:
    return {q.key: (q.id, {o.key: o.id for o in q.options}) for q in catalogue().questions}


def _figure(value: Any) -> str:
    """A cost figure in a link: plain decimal digits, never an exponent.

    >>> _figure(5000), _figure(3.0), _figure(0.125), _figure(1e10)
    ('5000', '3', '0.125', '10000000000')
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return str(value)
    return f"{value:.6f}".rstrip("0").rstrip(".")


def encode_share(
    answers: Mapping[str, str],
    weights: Mapping[str, int] | None = None,
    cost: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """Encode checked answers, weight overrides and cost figures (see ``check_answers``,
    ``check_weights``, ``calculator.cost.check_cost``)."""
    cat = catalogue()
    parts = [f"v{SHARE_VERSION}"]
    for question in cat.questions:
        if question.id in answers:
            parts.append(question.key + question.option(answers[question.id]).key)
    changed = [q for q in cat.questions if weights and q.id in weights]
    if changed:
        parts.append("W")
        parts.extend(f"{q.key}{weights[q.id]}" for q in changed)  # type: ignore[index]
    for group, letter in sections().items():
        figures = (cost or {}).get(group) or {}
        written = []
        for item in cost_inputs():
            if item.group == group and figures.get(item.id) is not None:
                value = figures[item.id]
                written.append(item.key + (str(item.choices.index(value)) if item.choices else _figure(value)))
        if written:
            parts.append(letter + "".join(written))
    return "".join(parts)


def _error(message: str, reader: str, kind: str = "bad_share", **extra: Any) -> CalculatorError:
    return CalculatorError(f"share link: {message}", kind=kind, reader=READER[reader].format(**extra), **{
        k: v for k, v in extra.items() if k in ("question", "allowed")
    })


def parse_pairs(text: str, pos: int, keys: KeyTable, stop: str = "") -> tuple[dict[str, str], dict[str, int], int]:
    """Read ``<answers> [W <weights>]`` from `text` at `pos` with a key table; ids in, ids out.
    Stops at the end or at a letter in `stop`, and returns where it stopped."""
    answers: dict[str, str] = {}
    weights: dict[str, int] = {}
    in_weights = False
    while pos < len(text):
        char = text[pos]
        if char in stop:
            break
        if char == "W" and not in_weights:
            in_weights = True
            pos += 1
            continue
        if not ("a" <= char <= "z"):
            raise _error(f"unexpected character {char!r} at position {pos + 1}", "damaged")
        if char not in keys:
            raise _error(f"unknown question key {char!r} at position {pos + 1}", "damaged", kind="unknown_question")
        question_id, options = keys[char]
        value = text[pos + 1 : pos + 2]
        if not (value.isascii() and value.isdigit()):
            shown = repr(value) if value else "nothing"
            raise _error(f"question {question_id!r} is followed by {shown} instead of a digit", "damaged",
                         question=question_id)
        if in_weights:
            if question_id in weights:
                raise _error(f"it sets the weight of {question_id!r} twice", "damaged", question=question_id)
            if int(value) > 5:
                raise _error(f"weight {value} for {question_id!r} is out of range (0-5)", "damaged",
                             kind="invalid_weights", question=question_id)
            weights[question_id] = int(value)
        else:
            if question_id in answers:
                raise _error(f"it answers {question_id!r} twice", "damaged", question=question_id)
            if value not in options:
                keys_ = sorted(options)
                raise _error(
                    f"option {value} does not exist for question {question_id!r} (options {keys_[0]}-{keys_[-1]})",
                    "damaged",
                    kind="unknown_option",
                    question=question_id,
                    allowed=[options[k] for k in keys_],
                )
            answers[question_id] = options[value]
        pos += 2
    return answers, weights, pos


def _parse_cost(text: str, pos: int) -> dict[str, dict[str, Any]]:
    """Read the cost sections from `pos` to the end; the figures are checked by check_cost."""
    by_letter = {letter: group for group, letter in sections().items()}
    figures: dict[str, dict[str, Any]] = {}
    group = None
    while pos < len(text):
        char = text[pos]
        if char in by_letter:
            group = by_letter[char]
            if group in figures:
                raise _error(f"it has the {group} cost figures twice", "damaged")
            figures[group] = {}
            pos += 1
            continue
        if group is None or not ("a" <= char <= "z"):
            raise _error(f"unexpected character {char!r} at position {pos + 1}", "damaged")
        item = next((x for x in cost_inputs() if x.group == group and x.key == char), None)
        if item is None:
            raise _error(f"unknown {group} cost figure {char!r} at position {pos + 1}", "damaged")
        end = pos + 1
        while end < len(text) and (text[end].isascii() and text[end].isdigit() or text[end] == "."):
            end += 1
        number = text[pos + 1 : end]
        if not number or number.count(".") > 1 or number.startswith(".") or number.endswith("."):
            shown = repr(number) if number else "nothing"
            raise _error(f"the {group} figure {item.id!r} is followed by {shown} instead of a number", "damaged")
        if item.id in figures[group]:
            raise _error(f"it gives the {group} figure {item.id!r} twice", "damaged")
        if item.choices is not None:
            index = int(number) if number.isdigit() else -1
            if not 0 <= index < len(item.choices):
                raise _error(f"choice {number} does not exist for {item.field}", "damaged")
            figures[group][item.id] = item.choices[index]
        else:
            figures[group][item.id] = float(number) if "." in number else int(number)
        pos = end
    try:
        return check_cost(figures)
    except CalculatorError as exc:
        raise _error(exc.message, "damaged", kind="invalid_cost") from None


def decode_share(text: Any) -> Shared:
    """Decode a share string (any supported version) into today's answers and weights.

    >>> decode_share("v9k1")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: share link: version 9 is not supported; this site reads versions 1 and 2
    >>> decode_share("v2d7")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: share link: option 7 does not exist for question 'direction' (options 1-3)
    """
    from .share_v1 import decode_v1  # the v1 reader needs this module's parser

    cat = catalogue()
    if not isinstance(text, str):
        raise _error("it must be text", "not_ours")
    text = text.strip()
    if len(text) > MAX_SHARE_LENGTH:
        raise _error(f"it is {len(text)} characters long; a valid one has at most {MAX_SHARE_LENGTH}",
                     "too_long", kind="too_long")
    if not text:
        raise _error("it is empty", "empty")
    digits = ""
    pos = 1
    while pos < len(text) and text[pos].isascii() and text[pos].isdigit():
        digits += text[pos]
        pos += 1
    if text[0] != "v" or not digits:
        raise _error("it must start with a version such as 'v2'", "not_ours", kind="bad_version")
    version = int(digits)
    if version == 1:
        return decode_v1(text, pos)
    if version != SHARE_VERSION:
        raise _error(f"version {version} is not supported; this site reads versions 1 and {SHARE_VERSION}",
                     "version", kind="bad_version", version=version)
    answers, weights, pos = parse_pairs(text, pos, _current_keys(), stop="".join(sections().values()))
    order = [q.id for q in cat.questions]
    return Shared(
        answers={q: answers[q] for q in order if q in answers},
        weights={q: weights[q] for q in order if q in weights},
        cost=_parse_cost(text, pos),
    )


def open_link(values: Any) -> Shared:
    """Read the calculator's part of a page address: every value its ``answers`` parameter has.

    >>> open_link(["v2d1"]).answers
    {'direction': 'us'}
    >>> open_link(["v2d1", "v2d2"])
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: share link: it has 2 'answers' parts, and a calculator link has one
    """
    if not isinstance(values, Sequence) or isinstance(values, str) or not all(isinstance(v, str) for v in values):
        raise CalculatorError("values must be a list of strings", kind="bad_request")
    if len(values) != 1:
        raise _error(f"it has {len(values)} 'answers' parts, and a calculator link has one", "repeated",
                     kind="repeated", count=len(values))
    return decode_share(values[0])
