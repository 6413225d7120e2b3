"""Answers, weights and cost figures as a short, versioned, checked, URL-safe string, and back.

Format (version 3, the current one)::

    v3 <answers> [W <weights>] [C <figures>] [S <figures>] [M <figures>] [B <figures>] - <check>

``<answers>`` is a run of pairs: a question's one-letter ``key`` then its option's one-digit
``key`` (both fixed in questions.toml, so rewording a question never breaks a link, and a link
made before a question was added opens with that question unanswered).
``<weights>`` is a run of pairs: a question key then a weight digit 0-5, for changed weights only.
The cost figures (calculator/cost_inputs.toml) follow in sections, one upper-case letter per
group (general, staff augmentation, managed services, BPO): each figure is its input's one-letter
key then the number, written as the shortest decimal that reads back as exactly the same number
(digits and at most one '.'; a figure given as a fraction keeps its '.'), or for a choice the
position of the chosen value.

``<check>`` is four base-62 characters over everything before the '-': the length of that text
modulo 62, then its CRC-16/CCITT (``binascii.crc_hqx``). Why this catches every single slip:
changing one character changes the CRC (a CRC whose polynomial has degree 16 and a constant term
catches every error confined to 16 consecutive bits, so also two swapped neighbours); losing or
adding a character changes the length by one, which modulo 62 is never 0; a cut link lacks the
'-' or has fewer than four check characters. tests/engine/test_share_check.py proves it over every
such slip of many links.

Versions 1 and 2 (until December 2026) have no check and no '-'. They keep opening: v1 through
share_v1.toml (carried over to today's questions, with a note for each answer that reads
differently now), v2 directly; both with a note that an older link cannot be verified. A pasted
page address (``https://.../calculator/?answers=...`` or ``?answers=...``) is read for its
``answers`` part. Every way a link can be wrong gives a CalculatorError whose ``message`` says
exactly what is wrong and whose ``reader`` says it for someone who only clicked the link.

>>> encode_share({"direction": "us", "kind": "build"}, {"pricing": 0})
'v3k1d1Wr0-9AwU'
>>> shared = decode_share("v3k1d1Wr0-9AwU")
>>> shared.answers, shared.weights, shared.version, shared.notes
({'kind': 'build', 'direction': 'us'}, {'pricing': 0}, 3, [])
"""

from __future__ import annotations

import binascii
import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from .cost import check_cost, cost_inputs, sections
from .data import catalogue
from .errors import CalculatorError, shown

__all__ = ["CHECK_SEPARATOR", "MAX_SHARE_LENGTH", "SHARE_VERSION", "Shared", "address_value", "decode_body",
           "decode_share", "encode_body", "encode_share", "link_check", "max_share_length", "open_link",
           "read_version"]

SHARE_VERSION = 3
# v1 and v2 links: every answer, weight and cost figure at its longest is under 450 characters;
# anything longer was tampered with. v3 carries exact figures: see max_share_length().
MAX_SHARE_LENGTH = 500
CHECK_SEPARATOR = "-"
CHECK_LENGTH = 4
BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# The longest figure a v3 link writes: 17 significant digits, a '.', and up to six zeros after
# it (check_cost refuses non-zero figures below 0.000001), as _figure writes them.
MAX_FIGURE_LENGTH = 26
# Longest text the decoders look at before finding the link in it (a pasted address).
MAX_ADDRESS_LENGTH = 20_000

# What a reader is told when a link cannot be read (the page adds what it shows instead).
READER = {
    "damaged": "The answers in this link are damaged: part of it may have been cut off or changed when it was copied.",
    "cut": "This link is incomplete: its end is missing, probably cut off when it was copied. Ask the person who sent it for the whole link.",
    "check": "This link does not match its own check, so a character in it was changed, lost or added when it was copied. Ask the person who sent it for the link again.",
    "too_long": "This link is far longer than any the calculator makes, so it was probably changed or joined to other text.",
    "not_ours": "This link's answers are not in a form the calculator makes.",
    "empty": "This link's answers part is empty.",
    "repeated": "This link holds {count} sets of answers, and a calculator link holds one.",
    "version": "This link was made by a version of the calculator this page does not know (version {version}).",
    "address": "This address has no calculator answers in it (no “answers=” part).",
    "plan": "This is a planner link: open it on the planner page.",
}
# Added to what an older link (v1, v2) opens with: it had no check, so damage cannot be told apart.
UNVERIFIED = ("This link was made before links carried a check, so the calculator cannot confirm it "
              "arrived whole: if an answer or figure looks wrong, ask the person who sent it for a new link.")


@dataclass(frozen=True)
class Shared:
    """What a link holds: answers and changed weights in today's questions, the format version
    it was written in, and notes for the reader (answers that read differently since, a link
    that could not be verified)."""

    answers: dict[str, str]
    weights: dict[str, int]
    version: int = SHARE_VERSION
    notes: list[str] = field(default_factory=list)
    cost: dict[str, dict[str, Any]] = field(default_factory=dict)


# A key table: question key -> (question id, {option key: option id}).
KeyTable = Mapping[str, tuple[str, Mapping[str, str]]]


def _current_keys() -> KeyTable:
    return {q.key: (q.id, {o.key: o.id for o in q.options}) for q in catalogue().questions}


def link_check(content: str) -> str:
    """The four check characters of a link's content (see the module docstring).

    >>> link_check("v3k1d1Wr0")
    '9AwU'
    """
    crc = binascii.crc_hqx(content.encode("utf-8", "surrogatepass"), 0)
    digits = BASE62[len(content) % 62]
    for power in (62 * 62, 62, 1):
        digits += BASE62[crc // power % 62]
    return digits


@functools.cache
def max_share_length() -> int:
    """The longest v3 link the engine can make: every answer, every weight changed, every figure
    at its longest, and the check."""
    cat = catalogue()
    figures = sum(1 + (1 if x.choices else MAX_FIGURE_LENGTH) for x in cost_inputs())
    return len(f"v{SHARE_VERSION}") + 4 * len(cat.questions) + 1 + len(sections()) + figures + 1 + CHECK_LENGTH


def _figure(value: Any) -> str:
    """A cost figure in a link: the shortest decimal that reads back as the same number, never
    an exponent; a fraction keeps its '.' so it reads back as a fraction.

    >>> _figure(5000), _figure(3.0), _figure(0.125), _figure(1e10), _figure(1e-06), _figure(0.1 + 0.2)
    ('5000', '3.0', '0.125', '10000000000.0', '0.000001', '0.30000000000000004')
    """
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))  # the shortest decimal that reads back as the same float
    if "e" not in text:
        return text
    # Written out without the exponent (repr uses one below 1e-4 and from 1e16); the modules
    # that would do this (decimal) are not in the browser's trimmed standard library.
    mantissa, exponent = text.split("e")
    digits = mantissa.replace(".", "").lstrip("0") or "0"
    point = len(mantissa.split(".")[0]) + int(exponent)
    if point <= 0:
        return "0." + "0" * -point + digits
    return digits[:point] + "0" * (point - len(digits)) + ("." + digits[point:] if len(digits) > point else ".0")


def encode_body(
    answers: Mapping[str, str],
    weights: Mapping[str, int] | None = None,
    cost: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """A link's content after its version: answers, weights, figures (no check)."""
    cat = catalogue()
    parts = []
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


def encode_share(
    answers: Mapping[str, str],
    weights: Mapping[str, int] | None = None,
    cost: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    """Encode checked answers, weight overrides and cost figures (see ``check_answers``,
    ``check_weights``, ``calculator.cost.check_cost``) as a v3 link with its check."""
    content = f"v{SHARE_VERSION}" + encode_body(answers, weights, cost)
    return content + CHECK_SEPARATOR + link_check(content)


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
            raise _error(f"unexpected character {shown(char)} at position {pos + 1}", "damaged")
        if char not in keys:
            raise _error(f"unknown question key {char!r} at position {pos + 1}", "damaged", kind="unknown_question")
        question_id, options = keys[char]
        value = text[pos + 1 : pos + 2]
        if not (value.isascii() and value.isdigit()):
            what = "the end of the link" if not value else shown(value)
            raise _error(f"question {question_id!r} is followed by {what} instead of a digit", "damaged",
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


def _parse_cost(text: str, pos: int, version: int) -> dict[str, dict[str, Any]]:
    """Read the cost sections from `pos` to the end; the figures are checked by check_cost.
    A v2 link wrote the horizon as its position in the old list of choices (``v2_choices``)."""
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
            raise _error(f"unexpected character {shown(char)} at position {pos + 1}", "damaged")
        item = next((x for x in cost_inputs() if x.group == group and x.key == char), None)
        if item is None:
            raise _error(f"unknown {group} cost figure {char!r} at position {pos + 1}", "damaged")
        end = pos + 1
        while end < len(text) and end - pos <= MAX_FIGURE_LENGTH + 1 and (
                text[end].isascii() and text[end].isdigit() or text[end] == "."):
            end += 1
        number = text[pos + 1 : end]
        label = f"“{item.label}”"
        if text[pos + 1 : pos + 2] == "-":
            raise _error(f"{label} is negative, and the calculator never writes a negative figure", "damaged")
        if len(number) > MAX_FIGURE_LENGTH:
            raise _error(f"{label} has more digits than any figure the calculator writes", "damaged")
        if not number or number.count(".") > 1 or number.startswith(".") or number.endswith("."):
            what = "the end of the link" if not number else shown(number)
            raise _error(f"{label} is followed by {what} instead of a number", "damaged")
        if item.id in figures[group]:
            raise _error(f"it gives {label} twice", "damaged")
        choices = item.choices if item.choices is not None else (item.v2_choices if version <= 2 else None)
        if choices is not None:
            index = int(number) if number.isdigit() else -1
            if not 0 <= index < len(choices):
                raise _error(f"choice {number} does not exist for {label}", "damaged")
            figures[group][item.id] = choices[index]
        else:
            figures[group][item.id] = float(number) if "." in number else int(number)
        pos = end
    try:
        return check_cost(figures)
    except CalculatorError as exc:
        raise _error(exc.message, "damaged", kind="invalid_cost") from None


def decode_body(text: str, pos: int, version: int) -> tuple[dict[str, str], dict[str, int], dict[str, dict[str, Any]]]:
    """Answers, weights and figures of a v2 or v3 link's content from `pos` (after the version)."""
    answers, weights, pos = parse_pairs(text, pos, _current_keys(), stop="".join(sections().values()))
    order = [q.id for q in catalogue().questions]
    return ({q: answers[q] for q in order if q in answers}, {q: weights[q] for q in order if q in weights},
            _parse_cost(text, pos, version))


def _unquote(text: str) -> str:
    """Percent-decoding of a query value ('+' is a space), as a browser's address bar encodes it."""
    text = text.replace("+", " ")
    if "%" not in text:
        return text
    out = bytearray()
    i = 0
    while i < len(text):
        pair = text[i + 1:i + 3]
        if text[i] == "%" and len(pair) == 2 and all(c in "0123456789abcdefABCDEF" for c in pair):
            out.append(int(pair, 16))
            i += 3
        else:
            out += text[i].encode("utf-8", "surrogatepass")
            i += 1
    return out.decode("utf-8", "replace")


def _query_values(text: str, param: str) -> list[str]:
    """Every value of `param` in the query of an address (urllib.parse is not in the browser's
    trimmed standard library, so this reads the query the way parse_qs would)."""
    query = text.split("#", 1)[0]
    query = query.split("?", 1)[1] if "?" in query else query
    values = []
    for part in query.replace(";", "&").split("&"):
        name, _, value = part.partition("=")
        if _unquote(name) == param:
            values.append(_unquote(value))
    return values


def address_value(text: str, param: str, error: Callable[[int], CalculatorError]) -> str:
    """The value of `param` when `text` is a pasted page address (``https://…/?answers=…``,
    ``?answers=…`` or ``answers=…``); `text` itself otherwise.

    >>> address_value("https://example.org/calculator/?answers=v3d1-41dF#top", "answers", None)
    'v3d1-41dF'
    """
    if not ("?" in text or "://" in text or text.startswith(f"{param}=")):
        return text
    values = _query_values(text, param)
    if len(values) != 1:
        raise error(len(values))
    return values[0].strip()


def _address_error(count: int) -> CalculatorError:
    if count:
        return _error(f"the address has {count} 'answers' parts, and a calculator link has one", "repeated",
                      kind="repeated", count=count)
    return _error("the address has no 'answers' part", "address", kind="bad_version")


def read_version(text: str, letter: str, error: Callable[[str], CalculatorError]) -> tuple[int, int]:
    """The version number after `letter` ('v' or 'p') and where the rest starts; only the
    calculator's own spelling ('v3', never 'v03' or 'V3') is read."""
    digits = ""
    pos = 1
    while pos < len(text) and len(digits) <= 4 and text[pos].isascii() and text[pos].isdigit():
        digits += text[pos]
        pos += 1
    if text[:1] != letter or not digits:
        raise error(f"it must start with a version such as '{letter}{SHARE_VERSION if letter == 'v' else 2}'")
    if digits != str(int(digits)) or len(digits) > 4:
        raise error(f"its version {shown(letter + digits)} is not written the way the calculator writes versions")
    return int(digits), pos


def _verified(text: str) -> str:
    """A v3 link's content once its check matches; the reader is told what went wrong otherwise."""
    content, separator, check = text.rpartition(CHECK_SEPARATOR)
    if not separator:
        raise _error("its check is missing (the end of the link is cut off)", "cut", kind="bad_check")
    if CHECK_SEPARATOR in content:
        raise _error(f"it has more than one {CHECK_SEPARATOR!r}", "check", kind="bad_check")
    if len(check) < CHECK_LENGTH and all(c in BASE62 for c in check):
        raise _error(f"its check has {len(check)} of its {CHECK_LENGTH} characters (the end of the link is cut off)",
                     "cut", kind="bad_check")
    if check != link_check(content):
        raise _error("it does not match its check: a character was changed, lost or added", "check",
                     kind="bad_check")
    return content


def decode_share(text: Any) -> Shared:
    """Decode a share string (any supported version, or a page address holding one) into
    today's answers, weights and figures.

    >>> decode_share("v9k1")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: share link: version 9 is not supported; this site reads versions 1 to 3
    >>> decode_share("v2d7")
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: share link: option 7 does not exist for question 'direction' (options 1-3)
    """
    from .share_v1 import decode_v1  # the v1 reader needs this module's parser

    if not isinstance(text, str):
        raise _error("it must be text", "not_ours")
    text = text.strip()
    if len(text) > MAX_ADDRESS_LENGTH:
        raise _error(f"it is {len(text)} characters long; an address holding a link has at most {MAX_ADDRESS_LENGTH}, "
                     f"and a link at most {max_share_length()}", "too_long", kind="too_long")
    planner = (text[:1] == "p" and text[1:2].isdigit()) or text.startswith("plan=") or "?plan=" in text or "&plan=" in text
    if planner and "answers=" not in text:
        raise _error("it is a planner link", "plan", kind="bad_version")
    text = address_value(text, "answers", _address_error)
    if not text:
        raise _error("it is empty", "empty")
    version, pos = read_version(text, "v", lambda message: _error(message, "not_ours", kind="bad_version"))
    limit = max_share_length() if version == SHARE_VERSION else MAX_SHARE_LENGTH
    if len(text) > limit:
        raise _error(f"it is {len(text)} characters long; a valid one has at most {limit}",
                     "too_long", kind="too_long")
    if version == 1:
        shared = decode_v1(text, pos)
        return Shared(shared.answers, shared.weights, 1, shared.notes + [UNVERIFIED], shared.cost)
    if version == 2:
        answers, weights, cost = decode_body(text, pos, 2)
        return Shared(answers, weights, 2, [UNVERIFIED], cost)
    if version != SHARE_VERSION:
        raise _error(f"version {version} is not supported; this site reads versions 1 to {SHARE_VERSION}",
                     "version", kind="bad_version", version=version)
    content = _verified(text)
    answers, weights, cost = decode_body(content, pos, SHARE_VERSION)
    return Shared(answers, weights, SHARE_VERSION, [], cost)


def open_link(values: Any) -> Shared:
    """Read the calculator's part of a page address: every value its ``answers`` parameter has.

    >>> open_link(["v3d1-41dF"]).answers
    {'direction': 'us'}
    >>> open_link(["v3d1-41dF", "v3d1-41dF"])
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
