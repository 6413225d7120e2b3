"""Several pieces of work, one plan: a model for each workstream, and when each would shift.

Each workstream is scored exactly as it would be alone (``score``), so a plan's row always equals
the calculator's result for that workstream, whatever the order or the other rows. On top, the
plan collects what the workstreams are waiting on (readiness steps), when each would move to
another model as its work matures (the nearest change, among its answers, in the direction the
question data calls maturing: scope settles, targets written, process documented ...), and, where
cost figures were entered, the plan's total with each workstream's model.

A plan travels in one link (``p1*``...): for each workstream, its name in base64url, then ``*``
and its answers, weights and figures as in a v2 share code without the ``v2``. A damaged
workstream is dropped with a note; the others are kept.

>>> p = plan([{"name": "Billing rebuild", "answers": {"kind": "build", "direction": "us"}}])
>>> p["rows"][0]["recommendation"], p["rows"][0]["verdict"]
('staff_augmentation', 'provisional')
"""

from __future__ import annotations

import base64
import binascii
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from .cost import compare_costs
from .data import catalogue
from .errors import CalculatorError
from .result import Result, score
from .scoring import json_type
from .share import decode_share, encode_share

__all__ = ["MAX_NAME", "MAX_PLAN_LENGTH", "MAX_WORKSTREAMS", "PLAN_VERSION", "Workstream",
           "check_plan", "decode_plan", "encode_plan", "plan"]

MAX_WORKSTREAMS = 8
MAX_NAME = 60  # characters in a workstream's name
PLAN_VERSION = 1
BODY_PREFIX = "v2"  # a p1 workstream's answers are a v2 share code without this prefix
MAX_PLAN_LENGTH = 6000  # 8 workstreams with long names, every answer and figure: about 4,800

READER = {
    "too_long": "This plan link is far longer than any plan the calculator makes, so it was probably changed.",
    "not_ours": "This plan link is not in a form the calculator makes.",
    "version": "This plan link was made by a version of the calculator this page does not know (version {version}).",
    "empty": "This plan link holds no workstreams.",
}


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
    """A workstream's name: text, trimmed, at most MAX_NAME characters, no control characters.

    >>> check_name("  Payroll  ", 0)
    'Payroll'
    """
    if not isinstance(name, str):
        raise _bad(f"the name must be text, not {json_type(name)}", index)
    text = " ".join(name.split())
    if not text:
        raise _bad("give the workstream a name", index)
    if len(text) > MAX_NAME:
        raise _bad(f"the name is {len(text)} characters long; at most {MAX_NAME}", index)
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in text):
        raise _bad("the name has a control or invisible character", index)
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
            raise _bad(f"two workstreams are called {name!r}; give each its own name", i)
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
    costed = [row for row in rows if row["cost"] is not None]
    total = None
    if costed:
        currencies = {row["cost"]["currency"] for row in costed}
        horizons = {row["cost"]["horizon_months"] for row in costed}
        known = [row["cost"]["total"] for row in costed if row["cost"]["total"] is not None]
        total = {
            "total": round(sum(known), 2),
            "counted": [row["name"] for row in costed if row["cost"]["total"] is not None],
            "missing": [row["name"] for row in rows if row["cost"] is None or row["cost"]["total"] is None],
            "horizons": sorted(horizons),
            "currency": currencies.pop() if len(currencies) == 1 else "",
            "mixed_currency": len(currencies) > 0,
        }
    return {"version": PLAN_VERSION, "rows": rows, "steps": steps, "cost": total,
            "share": encode_plan(checked)}


def _name_code(name: str) -> str:
    return base64.urlsafe_b64encode(name.encode("utf-8")).decode("ascii").rstrip("=")


def encode_plan(workstreams: Sequence[Workstream]) -> str:
    """The plan as one URL-safe string (only letters, digits and ``-_.*``).

    >>> encode_plan([Workstream("Payroll", {"kind": "business_process"})])
    'p1*UGF5cm9sbA*k3'
    """
    parts = [f"p{PLAN_VERSION}"]
    for ws in workstreams:
        parts += [_name_code(ws.name), encode_share(ws.answers, ws.weights, ws.cost).removeprefix(BODY_PREFIX)]
    return "*".join(parts)


def decode_plan(text: Any) -> tuple[list[Workstream], list[str]]:
    """Read a plan link: the workstreams that could be read, and a sentence for each one that
    could not (or was beyond the limit). Only a link that is not a plan at all is an error."""
    if not isinstance(text, str):
        raise CalculatorError("plan link: it must be text", kind="bad_plan", reader=READER["not_ours"])
    text = text.strip()
    if len(text) > MAX_PLAN_LENGTH:
        raise CalculatorError(f"plan link: it is {len(text)} characters long; at most {MAX_PLAN_LENGTH}",
                              kind="too_long", reader=READER["too_long"])
    parts = text.split("*")
    head = parts[0]
    if not (head.startswith("p") and head[1:].isascii() and head[1:].isdigit()):
        raise CalculatorError("plan link: it must start with a version such as 'p1'", kind="bad_version",
                              reader=READER["not_ours"])
    if int(head[1:]) != PLAN_VERSION:
        raise CalculatorError(f"plan link: version {int(head[1:])} is not supported", kind="bad_version",
                              reader=READER["version"].format(version=int(head[1:])))
    pairs = parts[1:]
    if not pairs:
        raise CalculatorError("plan link: it holds no workstreams", kind="bad_plan", reader=READER["empty"])
    found: list[Workstream] = []
    notes: list[str] = []
    if len(pairs) % 2:
        notes.append("The end of this plan link is cut off; the workstreams before it are shown.")
        pairs = pairs[:-1]
    seen: set[str] = set()
    for n, i in enumerate(range(0, len(pairs), 2), start=1):
        if len(found) == MAX_WORKSTREAMS:
            notes.append(f"This plan link holds more than {MAX_WORKSTREAMS} workstreams; the first "
                         f"{MAX_WORKSTREAMS} are shown.")
            break
        code, body = pairs[i], pairs[i + 1]
        try:
            padded = code + "=" * (-len(code) % 4)
            raw_name = base64.urlsafe_b64decode(padded.encode("ascii")).decode("utf-8")
            name = check_name(raw_name, n - 1)
            if name.casefold() in seen:
                raise _bad("its name is used twice", n - 1)
            shared = decode_share(BODY_PREFIX + body)
        except (CalculatorError, binascii.Error, UnicodeError, ValueError):
            notes.append(f"Workstream {n} of this plan link is damaged and was left out; the others are shown.")
            continue
        seen.add(name.casefold())
        found.append(Workstream(name, shared.answers, shared.weights, shared.cost))
    if not found:
        raise CalculatorError("plan link: no workstream could be read", kind="bad_plan",
                              reader="No workstream in this plan link could be read: it may have been cut off "
                                     "or changed when it was copied.")
    return found, notes
