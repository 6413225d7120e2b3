"""Several pieces of work, one plan: a model for each workstream, and when each would shift.

Each workstream is scored exactly as it would be alone (``score``), so a plan's row always equals
the calculator's result for that workstream, whatever the order or the other rows. On top, the
plan collects what the workstreams are waiting on (readiness steps), when each would move to
another model as its work matures (the nearest change, among its answers, in the direction the
question data calls maturing: scope settles, targets written, process documented ...), and, where
cost figures were entered, the plan's total with each workstream's model.

A plan travels in one link (format p2)::

    p2 * <count> * <name> * <body>-<check> * ... * <name> * <body>-<check> * <check>

``<count>`` is how many workstreams it holds; each ``<name>`` is in base64url; each ``<body>``
is the workstream's answers, weights and figures as in a v3 share code without the ``v3``. Each
workstream's ``<check>`` covers the count, its position, its name and its body; the last
``<check>`` covers everything before it (calculator.share.link_check: any single changed, lost,
added or swapped character, and any cut, fails it). A link that passes opens as it was made. A
damaged or cut link opens only the workstreams that pass their own check, with a note naming
the ones that were lost; if none pass, it is refused. Plan links of format p1 (until December
2026: no count, no checks, v2 bodies) keep opening, with a note that they cannot be verified.

>>> p = plan([{"name": "Billing rebuild", "answers": {"kind": "build", "direction": "us"}}])
>>> p["rows"][0]["recommendation"], p["rows"][0]["verdict"]
('staff_augmentation', 'provisional')
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from .cost import compare_costs
from .data import catalogue
from .errors import CalculatorError, shown
from .result import Result, score
from .checks import has_hidden_character, has_visible_character, json_type
from .share import (CHECK_SEPARATOR, SHARE_VERSION, Shared, address_value, decode_body, decode_share, encode_body,
                    encode_share, link_check, max_share_length, read_version)

__all__ = ["MAX_NAME", "MAX_PLAN_LENGTH", "MAX_WORKSTREAMS", "PLAN_VERSION", "Workstream",
           "check_name", "check_plan", "decode_plan", "encode_plan", "max_plan_length", "plan"]

MAX_WORKSTREAMS = 8
MAX_NAME = 60  # characters in a workstream's name
PLAN_VERSION = 2
P1_BODY_PREFIX = "v2"  # a p1 workstream's answers are a v2 share code without this prefix
MAX_PLAN_LENGTH = 6000  # p1: 8 workstreams with long names, every answer and figure: about 4,800
# A name of MAX_NAME characters of up to 4 UTF-8 bytes each, in base64url.
MAX_NAME_CODE = 4 * -(-(MAX_NAME * 4) // 3)
# The models in which a provider takes the work over (a handover needs a transition).
PROVIDER_MODELS = ("managed_services", "bpo")

READER = {
    "too_long": "This plan link is far longer than any plan the calculator makes, so it was probably changed.",
    "not_ours": "This plan link is not in a form the calculator makes.",
    "version": "This plan link was made by a version of the calculator this page does not know (version {version}).",
    "empty": "This plan link holds no workstreams.",
    "damaged": "No workstream in this plan link could be read: it may have been cut off or changed when it was copied.",
    "address": "This address has no plan in it (no “plan=” part).",
    "repeated": "This address holds {count} plans, and a planner link holds one.",
}
# Added to what an old plan link (p1) opens with: it had no check, so damage cannot be told apart.
UNVERIFIED = ("This plan link was made before plan links carried a check, so the planner cannot confirm it "
              "arrived whole: if a workstream looks wrong, ask the person who sent it for a new link.")


def max_plan_length() -> int:
    """The longest p2 link the engine makes: MAX_WORKSTREAMS workstreams at their longest."""
    return 8 + MAX_WORKSTREAMS * (MAX_NAME_CODE + max_share_length() + 2)


@dataclass(frozen=True)
class Workstream:
    name: str
    answers: dict[str, str]
    weights: dict[str, int] = field(default_factory=dict)
    cost: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """As `plan` takes it."""
        return {"name": self.name, "answers": self.answers, "weights": self.weights, "cost": self.cost}


def _bad(message: str, index: int | None = None) -> CalculatorError:
    where = f"workstream {index + 1}: " if index is not None else ""
    return CalculatorError(f"plan: {where}{message}", kind="invalid_plan", detail=message,
                           field=f"workstreams[{index}]" if index is not None else "workstreams")


def check_name(name: Any, index: int) -> str:
    """A workstream's name: text, trimmed, at most MAX_NAME characters, no control characters,
    no bidirectional overrides, at least one visible character.

    >>> check_name("  Payroll  ", 0), check_name("\u0645\u06cc\u200c\u0634\u0648\u062f", 0) == "\u0645\u06cc\u200c\u0634\u0648\u062f"
    ('Payroll', True)
    >>> check_name("Pay\u202eroll", 0)
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: plan: workstream 1: the name has a control or invisible character that could change how it reads
    """
    if name is None:  # left out, or sent as null: either way no name was given
        raise _bad("give the workstream a name", index)
    if not isinstance(name, str):
        raise _bad(f"the name must be text, not {json_type(name)}", index)
    text = " ".join(name.split())
    if not text:
        raise _bad("give the workstream a name", index)
    if len(text) > MAX_NAME:
        raise _bad(f"the name is {len(text):,} characters long; at most {MAX_NAME}", index)
    if has_hidden_character(text):
        raise _bad("the name has a control or invisible character that could change how it reads", index)
    if not has_visible_character(text):
        raise _bad("the name has no visible character", index)
    return text


def check_plan(workstreams: Any) -> list[Workstream]:
    """Check a list of workstreams ``{"name", "answers", "weights"?, "cost"?}``."""
    return [ws for ws, _, _ in _scored(workstreams)]


def _scored(workstreams: Any) -> list[tuple[Workstream, Result, dict[str, Any]]]:
    """Each workstream checked, with its result and cost comparison (worked out to check it)."""
    if not isinstance(workstreams, Sequence) or isinstance(workstreams, (str, bytes)):
        raise _bad(f"workstreams must be a list, not {json_type(workstreams)}")
    if not workstreams:
        raise _bad("add at least one workstream")
    if len(workstreams) > MAX_WORKSTREAMS:
        raise _bad(f"a plan holds at most {MAX_WORKSTREAMS} workstreams, not {len(workstreams)}")
    checked = []
    names: set[str] = set()
    for i, item in enumerate(workstreams):
        if not isinstance(item, Mapping):
            raise _bad(f"must be an object with a name and answers, not {json_type(item)}", i)
        unknown = sorted(str(k) for k in item if k not in ("name", "answers", "weights", "cost"))
        if unknown:
            raise _bad(f"unknown field(s): {', '.join(unknown)}", i)
        name = check_name(item.get("name"), i)
        if name.casefold() in names:
            raise _bad(f"two workstreams are called “{name}”; give each its own name", i)
        names.add(name.casefold())
        try:
            result = score(item.get("answers", {}), item.get("weights"))
            cost = compare_costs(item.get("cost"))
        except CalculatorError as exc:
            raise CalculatorError(f"plan: workstream {i + 1} ({name}): {exc.message}", kind=exc.kind,
                                  question=exc.question, allowed=exc.allowed, detail=exc.detail or exc.message,
                                  field=f"workstreams[{i}]" + (f".{exc.field}" if exc.field else "")) from None
        checked.append((Workstream(name, result.answers, result.weights, cost["inputs"]), result, cost))
    return checked


def _steps(result: Mapping[str, Any]) -> list[str]:
    if result["later"]:
        return list(result["later"]["steps"])
    if result["first_step"]:
        return list(result["first_step"]["steps"])
    return []


def _shift(result: Mapping[str, Any]) -> dict[str, Any] | None:
    """The nearest change among the answers given, in the maturing direction, that moves the
    workstream to another outcome."""
    cat = catalogue()
    for change in result["what_would_change"]["answer_changes"]:
        if change["from"] is None:
            continue
        question = cat.question(change["question"])
        if not question.matures:
            continue
        if question.matures.index(change["to"]) <= question.matures.index(change["from"]):
            continue
        return {"question": question.id, "to_option": change["to"], "when": question.matured,
                "state": change["state"], "recommendation": change["recommendation"], "pair": change["pair"]}
    return None


def _row(ws: Workstream, result: Result, cost: dict[str, Any]) -> dict[str, Any]:
    r = result.to_dict()
    chosen = r["recommendation"]
    cost_row = None
    if cost["entered"]:
        quoted = cost["models"][chosen]["status"] == "quoted" if chosen else False
        cost_row = {"model": chosen, "total": cost["models"][chosen]["totals"]["total"] if quoted else None,
                    "horizon_months": cost["horizon_months"], "currency": cost["currency"]}
    return {
        "name": ws.name,
        "state": r["state"],
        "verdict": r["verdict"],
        "recommendation": chosen,
        "pair": r["combination"]["models"] if r["combination"] else None,
        "later": r["later"],
        "first_step": r["first_step"],
        "steps": _steps(r),
        "reason": r["reasons"][0]["text"] if r["reasons"] else None,
        "confidence": r["confidence"]["level"] if r["confidence"] else None,
        "warnings": [w["text"] for w in r["warnings"]],
        "pointers": [x["text"] for x in r["pointers"]],
        "outside": r["outside"],
        "shift": _shift(r),
        "share": encode_share(ws.answers, ws.weights, ws.cost),
        "cost": cost_row,
        "answered": len(ws.answers),
        "answers": dict(ws.answers),
        "weights": dict(ws.weights),
        "figures": {g: dict(v) for g, v in ws.cost.items()},
    }


def plan(workstreams: Any) -> dict[str, Any]:
    """The plan for a list of workstreams (checked here): one row per workstream, the steps in
    order with the workstreams waiting on each, and the plan's cost where figures were entered."""
    scored = _scored(workstreams)
    checked = [ws for ws, _, _ in scored]
    rows = [_row(*item) for item in scored]
    cat = catalogue()
    steps = []
    for step in cat.steps:
        waiting = [row["name"] for row in rows if step.id in row["steps"]]
        if waiting:
            steps.append({"step": step.id, "workstreams": waiting})
    # Workstreams a provider would take over now (our judgement: one transition at a time, as
    # the transition guide advises, so that each handover has its owner's full attention).
    handed_over = [row["name"] for row in rows if row["state"] == "recommend"
                   and row["recommendation"] in PROVIDER_MODELS]
    costed = [row for row in rows if row["cost"] is not None]
    total = None
    if costed:
        # Amounts in different currencies (or some without a symbol) are never added: the engine
        # converts nothing (cost_inputs.toml: "no conversion is made"), so each currency has its own total.
        counted = [row for row in costed if row["cost"]["total"] is not None]
        currencies = list(dict.fromkeys(row["cost"]["currency"] for row in counted))
        by_currency = [{"currency": cur,
                        "total": round(sum(row["cost"]["total"] for row in counted if row["cost"]["currency"] == cur), 2),
                        "counted": [row["name"] for row in counted if row["cost"]["currency"] == cur]}
                       for cur in currencies]
        total = {
            "total": by_currency[0]["total"] if len(by_currency) == 1 else None,
            "by_currency": by_currency,
            "counted": [row["name"] for row in counted],
            "missing": [row["name"] for row in rows if row["cost"] is None or row["cost"]["total"] is None],
            "horizons": sorted({row["cost"]["horizon_months"] for row in costed}),
            "currency": currencies[0] if len(currencies) == 1 else "",
            "mixed_currency": len(currencies) > 1,
        }
    return {"version": PLAN_VERSION, "rows": rows, "steps": steps, "cost": total,
            "handed_over": handed_over, "share": encode_plan(checked)}


def _name_code(name: str) -> str:
    return base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii").rstrip("=")


def _workstream_check(count: int, index: int, code: str, body: str) -> str:
    return link_check(f"p{PLAN_VERSION}*{count}*{index}*{code}*{body}")


def encode_plan(workstreams: Sequence[Workstream]) -> str:
    """The plan as one URL-safe string (only letters, digits and ``-_.*``), with its checks.

    >>> encode_plan([Workstream("Payroll", {"kind": "business_process"})])
    'p2*1*UGF5cm9sbA*k3-K6KP*N7Au'
    """
    count = len(workstreams)
    parts = [f"p{PLAN_VERSION}", str(count)]
    for index, ws in enumerate(workstreams):
        code, body = _name_code(ws.name), encode_body(ws.answers, ws.weights, ws.cost)
        parts += [code, body + CHECK_SEPARATOR + _workstream_check(count, index, code, body)]
    content = "*".join(parts)
    return content + "*" + link_check(content)


def _name(code: str) -> str | None:
    """A workstream's name from its code in a link, or None when the code cannot hold a name the
    planner wrote (too long, not base64url, not UTF-8, or a name check_name refuses): the
    workstream is then left out, and the reader told which."""
    if len(code) > MAX_NAME_CODE:
        return None
    padded = code + "=" * (-len(code) % 4)
    try:
        return check_name(base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8"), 0)
    except (binascii.Error, UnicodeError, ValueError, CalculatorError):
        return None


def _not_plan(message: str, reader: str, kind: str = "bad_plan", **extra: Any) -> CalculatorError:
    return CalculatorError(f"plan link: {message}", kind=kind, reader=READER[reader].format(**extra))


def _address_error(count: int) -> CalculatorError:
    if count:
        return _not_plan(f"the address has {count} 'plan' parts, and a planner link has one", "repeated",
                         kind="repeated", count=count)
    return _not_plan("the address has no 'plan' part", "address", kind="bad_version")


def decode_plan(text: Any) -> tuple[list[Workstream], list[str]]:
    """Read a plan link (or a pasted planner address): the workstreams that could be read, and a
    sentence for what could not. Only a link with nothing readable is an error.

    >>> found, notes = decode_plan("p2*1*UGF5cm9sbA*k3-K6KP*N7Au")
    >>> found[0].name, found[0].answers, notes
    ('Payroll', {'kind': 'business_process'}, [])
    """
    if not isinstance(text, str):
        raise _not_plan("it must be text", "not_ours")
    text = text.strip()
    if len(text) > 4 * max_plan_length():
        raise _not_plan(f"it is {len(text)} characters long; an address holding a plan link has at most "
                        f"{4 * max_plan_length()}, and a plan link at most {max_plan_length()}", "too_long", kind="too_long")
    text = address_value(text, "plan", _address_error)
    version, _ = read_version(text, "p", lambda message: _not_plan(message, "not_ours", kind="bad_version"))
    if version == 1:
        return _decode_p1(text)
    if version != PLAN_VERSION:
        raise _not_plan(f"version {version} is not supported", "version", kind="bad_version", version=version)
    if len(text) > max_plan_length():
        raise _not_plan(f"it is {len(text)} characters long; at most {max_plan_length()}", "too_long", kind="too_long")
    segments = text.split("*")
    if segments[0] != f"p{PLAN_VERSION}" or len(segments) < 2:
        raise _not_plan("it must start with 'p2*' and the number of workstreams", "not_ours", kind="bad_version")
    count_text = segments[1]
    if not (count_text.isascii() and count_text.isdigit() and len(count_text) <= 2
            and count_text == str(int(count_text))):
        raise _not_plan(f"its number of workstreams {shown(count_text)} cannot be read", "damaged")
    count = int(count_text)
    if count == 0:
        raise _not_plan("it holds no workstreams", "empty")
    whole = len(segments) == 2 * count + 3 and segments[-1] == link_check(text.rpartition("*")[0])
    found: list[Workstream] = []
    lost: list[int] = []
    notes: list[str] = []
    seen: dict[str, int] = {}
    for index in range(count):
        if len(found) == MAX_WORKSTREAMS:
            notes.append(f"This plan link holds more than {MAX_WORKSTREAMS} workstreams; the first "
                         f"{MAX_WORKSTREAMS} are shown.")
            break
        at = 2 + 2 * index
        if at + 1 >= len(segments):
            lost.append(index + 1)
            continue
        code, checked_body = segments[at], segments[at + 1]
        body, separator, check = checked_body.rpartition(CHECK_SEPARATOR)
        if not separator or check != _workstream_check(count, index, code, body):
            lost.append(index + 1)
            continue
        name = _name(code)
        try:
            answers, weights, cost = decode_body(body, 0, SHARE_VERSION)
        except CalculatorError:
            name = None
        if name is None:
            lost.append(index + 1)
            continue
        if name.casefold() in seen:
            notes.append(f"Workstream {index + 1} of this plan link has the same name as workstream "
                         f"{seen[name.casefold()]} (“{name}”), and a plan names each workstream once, so it "
                         "was left out.")
            continue
        seen[name.casefold()] = index + 1
        found.append(Workstream(name, answers, weights, cost))
    if lost:
        which = _join_numbers(lost)
        # (A link of one workstream that loses it has nothing to show, and is refused below.)
        notes.insert(0, f"This plan link was damaged or cut off when it was copied: it holds {count} "
                        f"workstreams, and {which} could not be read, so "
                        f"{'it is' if len(lost) == 1 else 'they are'} left out. Ask the person who sent it for "
                        "the link again.")
    elif not whole:
        notes.insert(0, "The end of this plan link is damaged or cut off, but every workstream in it passed its "
                        "own check, so the whole plan is shown.")
    if not found:
        raise _not_plan("no workstream could be read", "damaged")
    return found, notes


def _join_numbers(numbers: Sequence[int]) -> str:
    """'workstream 2', 'workstreams 2 and 3', 'workstreams 1, 2 and 4'.

    >>> _join_numbers([2]), _join_numbers([1, 2, 4])
    ('workstream 2', 'workstreams 1, 2 and 4')
    """
    if len(numbers) == 1:
        return f"workstream {numbers[0]}"
    return "workstreams " + ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _decode_p1(text: str) -> tuple[list[Workstream], list[str]]:
    """A p1 link (no count, no checks): the workstreams that could be read, with notes."""
    if len(text) > MAX_PLAN_LENGTH:
        raise CalculatorError(f"plan link: it is {len(text)} characters long; at most {MAX_PLAN_LENGTH}",
                              kind="too_long", reader=READER["too_long"])
    pairs = text.split("*")[1:]
    if not pairs:
        raise _not_plan("it holds no workstreams", "empty")
    found: list[Workstream] = []
    notes: list[str | None] = []     # None: where the note naming every damaged workstream goes
    if len(pairs) % 2:
        notes.append("The end of this plan link is cut off; the workstreams before it are shown.")
        pairs = pairs[:-1]
    seen: dict[str, int] = {}
    damaged: list[int] = []
    for n, i in enumerate(range(0, len(pairs), 2), start=1):
        if len(found) == MAX_WORKSTREAMS:
            notes.append(f"This plan link holds more than {MAX_WORKSTREAMS} workstreams; the first "
                         f"{MAX_WORKSTREAMS} are shown.")
            break
        code, body = pairs[i], pairs[i + 1]
        name, shared = _name(code), _p1_body(body)
        if name is None or shared is None:
            if not damaged:
                notes.append(None)
            damaged.append(n)
            continue
        if name.casefold() in seen:
            notes.append(f"Workstream {n} of this plan link has the same name as workstream {seen[name.casefold()]} "
                         f"(“{name}”), and a plan names each workstream once, so it was left out.")
            continue
        seen[name.casefold()] = n
        found.append(Workstream(name, shared.answers, shared.weights, shared.cost))
    if not found:
        raise CalculatorError("plan link: no workstream could be read", kind="bad_plan", reader=READER["damaged"])
    if damaged:
        one = len(damaged) == 1
        lost = (f"{_join_numbers(damaged).capitalize()} of this plan link {'is' if one else 'are'} damaged and "
                f"{'was' if one else 'were'} left out; the others are shown.")
        notes = [lost if note is None else note for note in notes]
    return found, [note for note in notes if note is not None] + [UNVERIFIED]


def _p1_body(body: str) -> Shared | None:
    """A p1 workstream's answers, weights and figures, or None when they cannot be read."""
    try:
        return decode_share(P1_BODY_PREFIX + body)
    except CalculatorError:
        return None
