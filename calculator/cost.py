"""What each model would cost over the horizon, from the reader's own figures.

Four lines per model (docs/cost.md explains them): provider fees, your own time (directing
augmented people, or governing a provider), the one-off transition into the model and the
one-off exit out of it. Everything is the reader's arithmetic made explicit:

    monthly fees     staff augmentation: people x rate (or day rate x days x people)
                     managed services:   service fee - expected credits
                     BPO:                price x monthly volume (or price per FTE x people) - credits
    your time        hours a month (per person for staff augmentation) x cost of an hour
    transition       provider fee + your hours x cost of an hour + parallel months x today's cost
    exit             provider fee + your hours x cost of an hour
    total            (monthly fees + your time) x horizon + transition + exit

A model whose price is not entered is "no quote entered", never zero. A line left empty is
"not entered" and adds nothing, and the result says so. Cost never changes the fit score: the
two are shown side by side. The inputs are described in cost_inputs.toml.

>>> r = compare_costs({"general": {"people": 2, "hour_cost": 50},
...                    "staff_augmentation": {"rate_per_person_month": 6000, "hours_per_person": 8}})
>>> r["models"]["staff_augmentation"]["totals"]["total"], r["models"]["bpo"]["status"]
(307200.0, 'no_quote')
"""

from __future__ import annotations

import copy
import functools
import math
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Mapping

from ._datafile import read_toml
from .data import catalogue
from .errors import CalculatorError, shown
from .checks import json_type

__all__ = ["CostInput", "LINES", "check_cost", "compare_costs", "cost_inputs", "cost_schema", "sections"]

GROUPS = ("general", "staff_augmentation", "managed_services", "bpo")
LINES = ("fees", "your_time", "transition", "exit")
TIE = 0.5  # totals closer than this (half a currency unit) are equal


@dataclass(frozen=True)
class CostInput:
    id: str
    key: str
    group: str
    label: str
    help: str
    unit: str
    min: float | None
    max: float | None
    choices: tuple[Any, ...] | None
    default: Any
    step: float
    source: str
    whole: bool = False
    v2_choices: tuple[Any, ...] | None = None

    @property
    def field(self) -> str:
        """How errors name it: 'bpo.price_per_transaction'."""
        return f"{self.group}.{self.id}"


def _bad_data(message: str) -> CalculatorError:
    return CalculatorError(f"cost_inputs.toml: {message}", kind="bad_data")


@functools.cache
def _load() -> tuple[tuple[CostInput, ...], dict[str, str], dict[str, str], dict[str, str]]:
    raw = read_toml("cost_inputs.toml")
    if raw.get("schema") != 1:
        raise _bad_data("schema must be 1")
    sources = {s.id for s in catalogue().sources}
    found = []
    for i, t in enumerate(raw.get("inputs", [])):
        where = f"inputs[{i}]"
        try:
            item = CostInput(
                id=t["id"], key=t["key"], group=t["group"], label=t["label"], help=t["help"],
                unit=t["unit"], min=t.get("min"), max=t.get("max"),
                choices=tuple(t["choices"]) if "choices" in t else None,
                default=t.get("default"), step=t["step"], source=t["source"], whole=t.get("whole", False),
                v2_choices=tuple(t["v2_choices"]) if "v2_choices" in t else None,
            )
        except KeyError as exc:
            raise _bad_data(f"{where}: missing {exc}") from None
        if item.group not in GROUPS:
            raise _bad_data(f"{where}: unknown group {item.group!r}")
        if not (len(item.key) == 1 and "a" <= item.key <= "z"):
            raise _bad_data(f"{where}: key {item.key!r} must be one lower-case letter")
        if item.source not in sources:
            raise _bad_data(f"{where}: unknown source {item.source!r}")
        if item.choices is None and (item.min is None or item.max is None or not item.min < item.max):
            raise _bad_data(f"{where}: a figure needs min < max (or a list of choices)")
        found.append(item)
    for group in GROUPS:
        mine = [x for x in found if x.group == group]
        for attr in ("id", "key"):
            values = [getattr(x, attr) for x in mine]
            if len(values) != len(set(values)):
                raise _bad_data(f"two {group} inputs share a {attr}")
    sections = raw["sections"]
    if set(sections) != set(GROUPS) or len(set(sections.values())) != len(GROUPS):
        raise _bad_data("[sections] must give each group its own letter")
    if set(raw.get("groups", {})) != set(GROUPS):
        raise _bad_data("[groups] must name every group")
    units = raw.get("units", {})
    missing = sorted({x.unit for x in found} - set(units))
    if missing:
        raise _bad_data(f"[units] has no label for {', '.join(missing)}")
    return tuple(found), dict(sections), dict(raw["groups"]), dict(units)


def cost_inputs() -> tuple[CostInput, ...]:
    """Every cost input, checked, in the form's order."""
    return _load()[0]


def sections() -> dict[str, str]:
    """Share-link section letter per group."""
    return _load()[1]


def _input(group: str, input_id: str) -> CostInput:
    for item in cost_inputs():
        if item.group == group and item.id == input_id:
            return item
    allowed = [x.id for x in cost_inputs() if x.group == group]
    raise CalculatorError(
        f"unknown cost input {shown(input_id)} in {group!r}; the inputs are {', '.join(allowed)}",
        kind="invalid_cost", field=f"{group}.{input_id[:40]}",
    )


def _problem(item: CostInput, message: str) -> dict[str, str]:
    """One problem with a figure, as the reader reads it: the field's label, then what to do."""
    label = item.label.removeprefix("Or: ")
    return {"field": item.field, "message": f"{label[:1].upper()}{label[1:]}: {message}"}


def _refused(problems: list[dict[str, str]]) -> CalculatorError:
    """Every problem of a request in one error: the first names the field, all are listed."""
    message = problems[0]["message"] if len(problems) == 1 else (
        f"{len(problems)} figures need attention: " + "; ".join(p["message"] for p in problems))
    return CalculatorError(message, kind="invalid_cost", field=problems[0]["field"], errors=problems)


def _amount(value: float) -> str:
    """A limit or an entered figure in words: '100,000', '0.5', '-5'.

    >>> _amount(100000), _amount(0.5), _amount(-5), _amount(1e10)
    ('100,000', '0.5', '-5', '10,000,000,000')
    """
    if float(value).is_integer() and abs(value) < 1e16:
        return f"{int(value):,}"
    return format(value, ",.6f").rstrip("0").rstrip(".") if abs(value) >= 1e-6 else format(value, "g")


SMALLEST = 1e-6  # a non-zero figure below this is a typing slip, and a link could not carry it short


def _asked(item: CostInput) -> str:
    """What to enter, in the field's own unit: 'enter a number from 0 to 100,000 people'."""
    unit = _load()[3][item.unit]
    what = "a whole number" if item.whole else "an amount" if item.unit.startswith("money") else "a number"
    tail = f" {unit}" if unit and item.unit not in ("money", "choice") else ""
    return f"enter {what} from {_amount(item.min)} to {_amount(item.max)}{tail}"


def _said(value: float) -> str | None:
    """An entered number in words, when it is short enough to quote."""
    return _amount(value) if (isinstance(value, int) or math.isfinite(value)) and abs(value) < 10 ** 16 else None


def _figure_problem(item: CostInput, value: Any) -> str | None:
    """What is wrong with one entered value, or None."""
    if item.choices is not None:
        if isinstance(value, bool) or not isinstance(value, (str, int, float)) or value not in item.choices:
            names = ", ".join(c if c != "" else "no symbol" for c in map(str, item.choices))
            return f"choose one of: {names}"
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        kinds = {str: "text", list: "a list", dict: "a group of values"}
        kind = next((v for k, v in kinds.items() if isinstance(value, k)), "true or false" if isinstance(value, bool) else "that")
        return f"{_asked(item)}, not {kind}"
    if isinstance(value, float) and math.isnan(value):
        return f"{_asked(item)}; what was entered is not a number"
    if value < item.min:
        said = _said(value)
        return f"{said + ' is less than ' + _amount(item.min) if said else 'that is far below the range'}; {_asked(item)}"
    if value > item.max:
        said = _said(value)
        return f"{said + ' is more than ' + _amount(item.max) if said else 'that is far above the range'}; {_asked(item)}"
    if item.whole and not float(value).is_integer():
        return _asked(item)
    if 0 < value < SMALLEST:
        return f"enter 0 or a figure of at least {SMALLEST:.6f}; smaller figures are not meant"
    return None


def check_cost(inputs: Any) -> dict[str, dict[str, Any]]:
    """Check cost inputs ``{group: {input id: number}}``; return the entered ones, in order.

    ``None`` leaves an input empty. Every problem is found at once and reported in one
    CalculatorError: its message names each field by its label, its ``errors`` list each
    ``{"field", "message"}``:

    >>> check_cost({"bpo": {"price_per_transaction": -1}})
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: Price per transaction: -1 is less than 0; enter an amount from 0 to 1,000,000 per transaction
    """
    if inputs is None:
        return {}
    if not isinstance(inputs, Mapping):
        raise CalculatorError(f"cost figures must be a JSON object of groups, not {json_type(inputs)}",
                              kind="invalid_cost")
    for group in inputs:
        if group not in GROUPS:
            raise CalculatorError(f"unknown cost group {shown(group)}; the groups are {', '.join(GROUPS)}",
                                  kind="invalid_cost", field=str(group)[:40])
        if inputs[group] is not None and not isinstance(inputs[group], Mapping):
            raise CalculatorError(f"cost group {group!r} must be an object of figures, not {json_type(inputs[group])}",
                                  kind="invalid_cost", field=group)
        for input_id in inputs[group] or {}:
            _input(group, input_id if isinstance(input_id, str) else repr(input_id))
    checked: dict[str, dict[str, Any]] = {}
    problems = []
    for item in cost_inputs():
        value = (inputs.get(item.group) or {}).get(item.id)
        if value is None:
            continue
        problem = _figure_problem(item, value)
        if problem:
            problems.append(_problem(item, problem))
            continue
        checked.setdefault(item.group, {})[item.id] = value
    problems += _combination_problems(checked)
    if problems:
        raise _refused(problems)
    return checked


def _has(c: Mapping[str, Mapping[str, Any]], group: str, input_id: str) -> bool:
    return input_id in c.get(group, {})


def _combination_problems(c: Mapping[str, Mapping[str, Any]]) -> list[dict[str, str]]:
    """Figures that need another figure to be turned into money, and prices given twice."""
    found: list[dict[str, str]] = []

    def need(group: str, input_id: str, other_group: str, other_id: str, why: str) -> None:
        if _has(c, group, input_id) and not _has(c, other_group, other_id):
            problem = _problem(_input(group, input_id), f"{why}; enter “{_input(other_group, other_id).label}” too")
            if problem not in found:
                found.append(problem)

    def one_of(group: str, first: str, second: str) -> None:
        if _has(c, group, first) and _has(c, group, second):
            found.append(_problem(_input(group, second), f"give either “{_input(group, first).label}” or "
                                  f"this, not both"))

    one_of("staff_augmentation", "rate_per_person_month", "day_rate")
    one_of("bpo", "price_per_transaction", "price_per_fte_month")
    if found:
        return found  # the checks below assume one price per model
    need("staff_augmentation", "rate_per_person_month", "general", "people", "a rate per person needs the number of people")
    need("staff_augmentation", "day_rate", "general", "people", "a day rate needs the number of people")
    need("staff_augmentation", "day_rate", "staff_augmentation", "days_per_month",
         "a day rate is turned into a monthly rate with the days billed a month")
    need("staff_augmentation", "hours_per_person", "general", "people", "hours per person need the number of people")
    need("bpo", "price_per_transaction", "general", "volume", "a price per transaction is turned into a monthly fee with the monthly volume")
    need("bpo", "price_per_fte_month", "general", "people", "a price per FTE needs the number of people")
    for group in GROUPS[1:]:
        for hours in ("hours_per_person", "governance_hours", "transition_hours", "exit_hours"):
            if _has(c, group, hours):
                need(group, hours, "general", "hour_cost", "hours are turned into money with the cost of an hour")
        need(group, "parallel_months", "general", "current_monthly_cost",
             "parallel running costs today's arrangement for each month")
    if found:
        return found  # a fee cannot be worked out without its figures
    for group in ("managed_services", "bpo"):
        if _has(c, group, "credits_per_month"):
            fees = _monthly_fees(c, group)
            if fees is None:
                found.append(_problem(_input(group, "credits_per_month"), "credits reduce a fee: enter the price first"))
            elif c[group]["credits_per_month"] > fees:
                found.append(_problem(_input(group, "credits_per_month"),
                                      f"the credits you expect ({_amount(c[group]['credits_per_month'])} a month) are "
                                      f"larger than the fee ({_amount(fees)} a month)"))
    return found


def _monthly_fees(c: Mapping[str, Mapping[str, Any]], model: str) -> float | None:
    """The provider's monthly fee before credits, or None when no price is entered."""
    g, m = c.get("general", {}), c.get(model, {})
    if model == "staff_augmentation":
        if "rate_per_person_month" in m:
            return m["rate_per_person_month"] * g["people"]
        if "day_rate" in m:
            return m["day_rate"] * m["days_per_month"] * g["people"]
        return None
    if model == "managed_services":
        return m.get("fee_per_month")
    if "price_per_transaction" in m:
        return m["price_per_transaction"] * g["volume"]
    if "price_per_fte_month" in m:
        return m["price_per_fte_month"] * g["people"]
    return None


def _conversions(c: Mapping[str, Mapping[str, Any]], model: str) -> list[dict[str, Any]]:
    """Each conversion between bases, as data (the view words it)."""
    g, m = c.get("general", {}), c.get(model, {})
    out = []
    if model == "staff_augmentation" and "day_rate" in m:
        out.append({"kind": "day_rate", "day_rate": m["day_rate"], "days": m["days_per_month"],
                    "monthly": m["day_rate"] * m["days_per_month"], "people": g["people"]})
    elif model == "staff_augmentation" and "rate_per_person_month" in m:
        out.append({"kind": "per_person", "rate": m["rate_per_person_month"], "people": g["people"],
                    "monthly": m["rate_per_person_month"] * g["people"]})
    if model == "bpo" and "price_per_transaction" in m:
        out.append({"kind": "per_transaction", "price": m["price_per_transaction"], "volume": g["volume"],
                    "monthly": m["price_per_transaction"] * g["volume"]})
    if model == "bpo" and "price_per_fte_month" in m:
        out.append({"kind": "per_fte", "price": m["price_per_fte_month"], "people": g["people"],
                    "monthly": m["price_per_fte_month"] * g["people"]})
    return out


def _model_costs(c: Mapping[str, Mapping[str, Any]], model: str, horizon: int) -> dict[str, Any]:
    g, m = c.get("general", {}), c.get(model, {})
    fees = _monthly_fees(c, model)
    hour = g.get("hour_cost")
    if fees is None:
        return {"status": "no_quote", "monthly": None, "totals": None, "missing": [], "conversions": []}
    credits = m.get("credits_per_month", 0)
    # Your time: directing each augmented person, or governing a provider.
    if model == "staff_augmentation":
        time = m["hours_per_person"] * g["people"] * hour if "hours_per_person" in m else None
    else:
        time = m["governance_hours"] * hour if "governance_hours" in m else None
    missing = ["your_time"] if time is None else []
    one_off = {}
    for line, parts in (("transition", ("transition_fee", "transition_hours", "parallel_months")),
                        ("exit", ("exit_fee", "exit_hours"))):
        if not any(p in m for p in parts):
            missing.append(line)
            one_off[line] = 0.0
            continue
        one_off[line] = (m.get(parts[0], 0) + m.get(parts[1], 0) * (hour or 0)
                         + (m.get("parallel_months", 0) * g.get("current_monthly_cost", 0) if line == "transition" else 0))
    run_fees = fees - credits
    run = run_fees + (time or 0)
    totals = {
        "fees": run_fees * horizon,
        "your_time": (time or 0) * horizon,
        "transition": one_off["transition"],
        "exit": one_off["exit"],
    }
    totals["total"] = totals["fees"] + totals["your_time"] + totals["transition"] + totals["exit"]
    return {
        "status": "quoted",
        "monthly": {"fees": fees, "credits": credits, "your_time": time or 0, "run": run},
        "totals": totals,
        "missing": missing,
        "conversions": _conversions(c, model),
    }


def _cheapest(models: Mapping[str, Mapping[str, Any]]) -> list[str]:
    quoted = {k: v["totals"]["total"] for k, v in models.items() if v["status"] == "quoted"}
    if not quoted:
        return []
    low = min(quoted.values())
    return [k for k in models if k in quoted and quoted[k] - low <= TIE]


def _ratio(value: float) -> tuple[int, int]:
    return value.as_integer_ratio() if isinstance(value, float) else (int(value), 1)


def _break_even(models: Mapping[str, Mapping[str, Any]], horizon: int) -> list[dict[str, Any]]:
    """Where a model with the higher start-up cost (transition) and the lower running cost
    catches up: the first month its cumulative cost (transition + months x monthly run) is
    lower, and the month the two are equal when that falls on a whole month (worked out in exact
    fractions, so equality is never mistaken for "cheaper"). Exit costs fall at the end, so
    they are left out of the running comparison."""
    quoted = [k for k, v in models.items() if v["status"] == "quoted"]
    found = []
    for a in quoted:
        for b in quoted:
            ta, tb = models[a]["totals"]["transition"], models[b]["totals"]["transition"]
            ra, rb = models[a]["monthly"]["run"], models[b]["monthly"]["run"]
            if ta > tb and ra < rb:
                # The crossing (ta - tb) / (rb - ra) as an exact ratio of integers (the floats'
                # own values; the fractions module is not in the browser's standard library).
                num, den = _ratio(ta - tb), _ratio(rb - ra)
                top, bottom = num[0] * den[1], num[1] * den[0]
                month = top // bottom + 1  # first month strictly cheaper
                equal = top // bottom if top % bottom == 0 and top >= bottom else None
                if month <= horizon or (equal is not None and equal <= horizon):
                    found.append({"model": a, "cheaper_than": b, "month": month, "equal_month": equal})
    return found


def _compute(c: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    horizon = c.get("general", {}).get("horizon_months", _input("general", "horizon_months").default)
    models = {m: _model_costs(c, m, horizon) for m in catalogue().model_ids}
    return {"horizon_months": horizon, "models": models, "cheapest": _cheapest(models)}


def _shown_step(item: CostInput, value: float) -> float:
    """The precision the view shows a figure at (cost_view.money and _number): whole units for
    amounts of 100 and more, hundredths below that and for other figures."""
    return 1.0 if item.unit.startswith("money") and abs(value) >= 100 else 0.01


def _sensitivity(c: dict[str, dict[str, Any]], base: dict[str, Any]) -> dict[str, Any] | None:
    """The single entered figure whose smallest change (relative to its value) changes the
    cheapest model, and a value, as the view shows it, that really does. Totals are linear in
    each figure, so the crossing points are exact; the value shown is the crossing moved to the
    far side at the precision shown (price 1.425 crossing from 1.50: 1.42, not 1.43), checked by
    working the costs out again with it. Whole-number figures (the horizon) are left to the
    break-even sentences."""
    cheapest = base["cheapest"]
    if len(cheapest) != 1 or sum(v["status"] == "quoted" for v in base["models"].values()) < 2:
        return None
    (current,) = cheapest

    def totals(figures: dict[str, dict[str, Any]]) -> dict[str, float]:
        return {k: v["totals"]["total"] for k, v in _compute(figures)["models"].items() if v["status"] == "quoted"}

    def changed(item: CostInput, value: float) -> dict[str, dict[str, Any]]:
        trial = {g: dict(v) for g, v in c.items()}
        trial[item.group][item.id] = value
        return trial

    t0 = totals(c)  # unrounded, unlike `base`
    best = None
    for item in cost_inputs():
        if item.choices is not None or item.whole or item.id not in c.get(item.group, {}):
            continue
        x0 = c[item.group][item.id]
        trial = changed(item, x0 + 1)
        if _combination_problems(trial):  # one more can break a rule (credits above the fee)
            continue
        t1 = totals(trial)
        if set(t0) != set(t1):
            continue
        for other in t0:
            if other == current:
                continue
            slope = (t1[current] - t1[other]) - (t0[current] - t0[other])
            gap = t0[current] - t0[other]  # negative: current is cheaper
            if abs(slope) < 1e-12:
                continue
            x_star = x0 - gap / slope
            if not item.min <= x_star <= item.max or abs(x_star - x0) < 1e-9:
                continue
            relative = abs(x_star - x0) / max(abs(x0), 1.0)
            if best is None or relative < best["relative"]:
                best = {"group": item.group, "input": item.id, "label": item.label, "unit": item.unit,
                        "from": x0, "crossing": x_star, "cheapest": other, "relative": relative, "item": item,
                        "slope": slope}
    if best is None:
        return None
    item, slope = best.pop("item"), best.pop("slope")
    step = _shown_step(item, best["crossing"])
    up = best["crossing"] > best["from"]
    # Totals within TIE of each other are a tie, so the other model is cheapest only past the
    # crossing by TIE / |slope|: start there (over a short horizon that is many shown steps).
    beyond = best["crossing"] + (TIE / abs(slope) if up else -TIE / abs(slope))
    value = (math.floor if up else math.ceil)(beyond / step) * step
    for _ in range(4):  # the first value shown past the tie, then one step further while rounding ties
        value = round(value + (step if up else -step), 2)
        if not item.min <= value <= item.max:
            return None
        trial = changed(item, value)
        if not _combination_problems(trial) and _compute(trial)["cheapest"] == [best["cheapest"]]:
            break
    else:
        return None
    best["to"] = value
    best["crossing"] = round(best["crossing"], 6)
    best["relative"] = round(best["relative"], 4)
    return best


# The comparisons made last, by their inputs (issue 23: answers that respond at once). The page
# sends its cost figures again with every answer the reader changes, and the planner every
# workstream's with every change to one of them, while working a comparison out (its break-even
# and how far each figure could move) took over a third of a score's time. Inputs made only of
# JSON's own types are known by their repr, which tells 1 from 1.0 and True; others are worked
# out every time. Each caller gets its own copy, so nothing a caller changes reaches the next.
RECENT_COMPARISONS = 64
_recent: OrderedDict[str, dict[str, Any]] = OrderedDict()


def _plain(value: Any) -> bool:
    """Whether `value` is made only of dicts with text keys, lists, text, numbers, booleans and None
    (exactly those types: a subclass could print like one and compare unlike it)."""
    kind = type(value)
    if kind is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if kind is list:
        return all(map(_plain, value))
    return kind in (str, int, float, bool, type(None))


def compare_costs(inputs: Any) -> dict[str, Any]:
    """The cost comparison for checked or unchecked inputs (they are checked here)."""
    key = repr(inputs) if _plain(inputs) else None
    found = _recent.get(key)   # None for a key not kept, and None is never kept
    if found is None:
        found = _compare(inputs)
        if key is not None:
            _recent[key] = found
            if len(_recent) > RECENT_COMPARISONS:
                del _recent[next(iter(_recent))]   # the least recently used
    else:
        _recent.move_to_end(key)
    return copy.deepcopy(found)


def _compare(inputs: Any) -> dict[str, Any]:
    """compare_costs without the memory of recent comparisons."""
    c = check_cost(inputs)
    base = _compute(c)
    for model in base["models"].values():
        for part in ("monthly", "totals"):
            if model[part]:
                model[part] = {k: round(v, 2) for k, v in model[part].items()}
    return {
        "entered": bool(c),
        "inputs": c,
        "currency": c.get("general", {}).get("currency", ""),
        **base,
        "break_even": _break_even(base["models"], base["horizon_months"]),
        "sensitivity": _sensitivity(c, base),
    }


def cost_schema() -> dict[str, Any]:
    """The cost inputs as JSON-ready data, for forms and the model card."""
    return {
        "groups": [{"id": g, "label": _load()[2][g]} for g in GROUPS],
        "sections": sections(),
        "inputs": [
            {
                "id": x.id, "key": x.key, "group": x.group, "label": x.label, "help": x.help,
                "unit": x.unit, "unit_label": _load()[3][x.unit], "min": x.min, "max": x.max,
                "choices": list(x.choices) if x.choices is not None else None,
                "default": x.default, "step": x.step, "source": x.source,
            }
            for x in cost_inputs()
        ],
    }
