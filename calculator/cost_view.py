"""The cost comparison as a reader sees it: table rows, chart geometry and sentences, worded once.

Like calculator/view.py for the fit, this is the only place the cost result is put into words;
calculator/view_trees.py lays it out for the page (built and in the browser alike), and
calculator/render.py for the terminal and the memo::

    {
      "entered", "horizon", "headline",
      "columns": [{"id", "label"}],                       # the table's money columns
      "rows": [{"model", "name", "status", "note", "cells": {line: text}, "total": text}],
      "chart": {"title", "description", "bars": [{"model", "name", "total", "note", "label", "width",
                "segments": [{"line", "label", "value", "x", "width"}]}]},   # note: "cheapest" or None;
                                                    # label: the bar's parts in words, for its drawing
      "legend": [{"line", "label"}],
      "labels": {"model", "total", "caption", "notes"},          # the table's and notes' headings
      "sentences": {"conversions": [...], "break_even": [...], "sensitivity": text or None,
                    "missing": [...], "fit": text or None},
      "lines": [...],                                         # the sentences, in reading order
    }

Chart geometry is in percent of the widest bar (0..100), so the chart scales with its box.
"""

from __future__ import annotations

from typing import Any, Mapping

from .data import catalogue
from .view import in_text

__all__ = ["LINE_LABELS", "cost_view", "money", "months", "people"]

LINE_LABELS = {
    "fees": "Provider fees",
    "your_time": "Your time",
    "transition": "Transition",
    "exit": "Exit",
}


def money(value: float, currency: str = "") -> str:
    """An amount as people write it: '£544,800', '£3.00', '−£1,200'.

    >>> money(544800, "£"), money(3, "£"), money(-1200.5), money(1234.5)
    ('£544,800', '£3.00', '−1,201', '1,235')
    """
    amount = abs(value)
    # Whole units from 100 up (rounded half up, as people round money); pennies below that.
    # (Decided on the amount to the penny, so 99.999 is '100', like 100, not '100.00'.)
    text = f"{int(amount + 0.5):,}" if round(amount, 2) >= 100 else f"{amount:,.2f}"
    # A minus sign only on an amount that shows as one: a float's -0.001 is '0.00', not '−0.00'
    # (round and the format above round the same way, to the nearest, ties to even).
    sign = "\u2212" if round(value, 2) < 0 else ""
    return f"{sign}{currency}{text}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")


def people(count: float) -> str:
    """'1 person', '2 people', '0.5 people'."""
    return f"{_number(count)} {'person' if count == 1 else 'people'}"


def months(count: int) -> str:
    """'1 month', '24 months'."""
    return f"{count} month" if count == 1 else f"{count} months"


def _conversion(conv: Mapping[str, Any], cur: str, name: str) -> str:
    if conv["kind"] == "day_rate":
        return (f"{name}: a day rate of {money(conv['day_rate'], cur)} × {_number(conv['days'])} days = "
                f"{money(conv['monthly'], cur)} a month per person, × {people(conv['people'])} = "
                f"{money(conv['monthly'] * conv['people'], cur)} a month.")
    if conv["kind"] == "per_person":
        return (f"{name}: {money(conv['rate'], cur)} per person a month × {people(conv['people'])} = "
                f"{money(conv['monthly'], cur)} a month.")
    if conv["kind"] == "per_transaction":
        return (f"{name}: {money(conv['price'], cur)} per transaction × {_number(conv['volume'])} a month = "
                f"{money(conv['monthly'], cur)} a month.")
    return (f"{name}: {money(conv['price'], cur)} per FTE a month × {people(conv['people'])} = "
            f"{money(conv['monthly'], cur)} a month.")


def _fit_sentence(cost: Mapping[str, Any], fit: Mapping[str, Any] | None, cur: str) -> str | None:
    """Fit and cost side by side, and what it means when they disagree."""
    if fit is None or not cost["cheapest"]:
        return None
    cat = catalogue()
    cheapest = cost["cheapest"]
    names = " and ".join(in_text(cat.name(m)) for m in cheapest)
    quoted = {m: v for m, v in cost["models"].items() if v["status"] == "quoted"}
    lone = len(quoted) == 1  # a lone quote is not "cheapest" (as in the table and the headline)
    fits = fit["combination"]["models"] if fit.get("combination") else (
        [fit["recommendation"]] if fit.get("recommendation") else [])
    if not fits:
        lead = f"Only one quote entered: {names}." if lone else f"Cheapest for your figures: {names}."
        return f"{lead} The calculator has no fit recommendation yet to set beside it."
    fit_names = " and ".join(in_text(cat.name(m)) for m in fits)
    if set(fits) & set(cheapest):
        if lone:
            return (f"Fits best: {fit_names}. You entered a quote for {names} only, so there is no cheaper model "
                    "to weigh against it.")
        return f"Fits best and cheapest for your figures agree: {fit_names}."
    # The gap a reader would save is from the cheaper of the models that fit (a close call names
    # two), not from whichever comes first in the tie-break order.
    best_fit = min((m for m in fits if m in quoted), key=lambda m: quoted[m]["totals"]["total"], default=None)
    if best_fit is None:
        other = f"The one quote you entered: {names}." if lone else f"Cheapest of the quotes you entered: {names}."
        return f"Fits best: {fit_names}, for which you have entered no quote. {other}"
    gap = quoted[best_fit]["totals"]["total"] - quoted[cheapest[0]]["totals"]["total"]
    fit_verb = "fits" if len(fits) == 1 else "fit"
    cheap_verb, cheaper = ("is", "The cheaper model buys") if len(cheapest) == 1 else ("are", "The cheaper models buy")
    return (f"They disagree: {fit_names} {fit_verb} your answers best, and {names} {cheap_verb} cheaper for your "
            f"figures by {money(gap, cur)} over {months(cost['horizon_months'])}. {cheaper} a "
            "different amount of responsibility: decide whether what the better fit gives you is worth the "
            "difference.")


def cost_view(cost: Mapping[str, Any], fit: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The display-ready view of a cost comparison, with the fit result beside it if given.

    >>> v = cost_view(__import__("calculator").compare_costs({}))
    >>> v["entered"], v["headline"]
    (False, 'No figures entered yet: enter a quote for at least one model.')
    """
    cat = catalogue()
    cur = cost["currency"]
    horizon = cost["horizon_months"]
    models = cost["models"]
    quoted = [m for m in cat.model_ids if models[m]["status"] == "quoted"]
    if not quoted:
        headline = ("No figures entered yet: enter a quote for at least one model." if not cost["entered"]
                    else "No quote entered yet: enter a price for at least one model.")
    else:
        cheapest = cost["cheapest"]
        total = models[cheapest[0]]["totals"]["total"]
        names = " and ".join(in_text(cat.name(m)) for m in cheapest)
        headline = f"Cheapest for your figures: {names} ({money(total, cur)} over {months(horizon)})"
        if len(quoted) == 1:
            headline = f"Only one quote entered: {in_text(cat.name(quoted[0]))}, {money(total, cur)} over {months(horizon)}"
        if all(models[m]["totals"]["total"] == 0 for m in quoted):
            headline = ("Every quote entered comes to nothing: the figures that turn prices into money (the number "
                        "of people, the monthly volume or the fee) are missing or zero, so there is nothing to compare yet.")
    # The cheapest is named in the table and the chart alike; a lone quote is not "cheapest".
    marked = dict.fromkeys(cost["cheapest"], "cheapest") if len(quoted) > 1 else {}
    rows = []
    for m in cat.model_ids:
        data = models[m]
        if data["status"] == "quoted":
            cells = {line: money(data["totals"][line], cur) for line in LINE_LABELS}
            for line in data["missing"]:
                cells[line] = "not entered"
            rows.append({"model": m, "name": cat.name(m), "status": "quoted", "note": marked.get(m), "cells": cells,
                         "total": money(data["totals"]["total"], cur)})
        else:
            rows.append({"model": m, "name": cat.name(m), "status": "no_quote", "note": "no quote entered",
                         "cells": dict.fromkeys(LINE_LABELS, ""), "total": ""})
    widest = max((models[m]["totals"]["total"] for m in quoted), default=0) or 1
    bars = []
    for m in quoted:
        totals = models[m]["totals"]
        x = 0.0
        segments = []
        for line, label in LINE_LABELS.items():
            width = 100 * totals[line] / widest if widest > 0 else 0
            if totals[line] > 0:
                segments.append({"line": line, "label": label, "value": money(totals[line], cur),
                                 "x": round(x, 3), "width": round(width, 3)})
            x += width
        parts = ", ".join(f"{seg['label'].lower()} {seg['value']}" for seg in segments)
        bars.append({"model": m, "name": cat.name(m), "total": money(totals["total"], cur),
                     "note": marked.get(m), "label": f"{cat.name(m)}: {parts}",
                     "width": round(x, 3), "segments": segments})
    description = "; ".join(
        f"{b['name']} {b['total']} in all: " + ", ".join(f"{s['label'].lower()} {s['value']}" for s in b["segments"])
        for b in bars
    )
    break_even = [
        (f"{cat.name(b['model'])} costs more to start but less each month: "
         + (f"it costs the same as {in_text(cat.name(b['cheaper_than']))} in month {b['equal_month']} and less from "
            f"month {b['month']}" if b.get("equal_month") else
            f"it becomes cheaper than {in_text(cat.name(b['cheaper_than']))} from month {b['month']}")
         + " (transition included, exit left out).")
        for b in cost["break_even"]
    ]
    sens = cost["sensitivity"]
    if sens:
        value = money(sens["to"], cur) if sens["unit"].startswith("money") else _number(sens["to"])
        now = money(sens["from"], cur) if sens["unit"].startswith("money") else _number(sens["from"])
        sensitivity = (f"The nearest single change: if “{sens['label']}” were {value} instead of {now}, "
                       f"{in_text(cat.name(sens['cheapest']))} would be cheapest.")
    elif len(quoted) >= 2 and len(cost["cheapest"]) == 1 and any(models[m]["totals"]["total"] for m in quoted):
        sensitivity = "No single figure you entered, within its range, would change which model is cheapest."
    else:
        sensitivity = None
    missing = [
        f"{cat.name(m)}: {', '.join(LINE_LABELS[line].lower() for line in models[m]['missing'])} not entered, "
        "so counted as nothing."
        for m in quoted if models[m]["missing"]
    ]
    sentences = {
        "conversions": [_conversion(conv, cur, cat.name(m)) for m in quoted for conv in models[m]["conversions"]],
        "break_even": break_even,
        "sensitivity": sensitivity,
        "missing": missing,
        "fit": _fit_sentence(cost, fit, cur),
    }
    lines = ([sentences["fit"]] if sentences["fit"] else []) + sentences["conversions"] + sentences["break_even"]
    lines += ([sentences["sensitivity"]] if sentences["sensitivity"] else []) + sentences["missing"]
    return {
        "entered": cost["entered"],
        "horizon": horizon,
        "headline": headline,
        "columns": [{"id": line, "label": label} for line, label in LINE_LABELS.items()],
        "rows": rows,
        "chart": {
            "title": f"Total cost over {months(horizon)}, by model and cost line",
            "description": description,
            "bars": bars,
        },
        "legend": [{"line": line, "label": label} for line, label in LINE_LABELS.items()],
        "labels": {
            "model": "Model",
            "total": "Total",
            "caption": f"The same figures as a table: cost over {months(horizon)}",
            "notes": "What the figures say",
        },
        "sentences": sentences,
        "lines": lines,
    }
