"""A plan as a reader sees it: rows, the combination in words, the steps in order, worded once.

The page, the terminal and the memo lay out this structure (calculator/view_trees.py, render.py)::

    {
      "summary": one sentence naming the model for each workstream,
      "rows": [{"name", "model", "verdict_label", "waiting", "waiting_text", "reason", "shift",
                "shift_text", "cost", "share"}],
      "columns": [labels of the table's columns], "caption", "notes_title",
      "timeline": [{"label", "guide", "items": [text]}],     # steps first, then maturing shifts
      "cost": sentence or None,
      "notes": [sentences about a plan link that could not be read whole],
    }
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from .cost_view import money, months
from .data import Guide, catalogue
from .view import VERDICT_LABELS, in_text, join_words, lower_first, once_phrase

__all__ = ["plan_view"]

# Where transitions and their length are explained (the same section the urgent-handover warning cites).
STAGGER_GUIDE = Guide.parse("transition-and-exit.md#how-long").to_dict()


def _target(change: Mapping[str, Any]) -> str:
    cat = catalogue()
    if change["state"] == "close_call":
        return "a close call between " + join_words([in_text(cat.name(m)) for m in change["pair"]])
    if change["state"] == "not_ready":
        return "no model ready"
    if change["state"] == "no_fit":
        return "no model that fits"
    return in_text(cat.name(change["recommendation"]))


def _model_words(row: Mapping[str, Any]) -> str:
    """What the workstream gets, in a phrase: 'managed services', 'staff augmentation or managed
    services', 'not ready yet', 'not answered yet'."""
    cat = catalogue()
    if row["state"] == "no_answers":
        return "not answered yet"
    if row["state"] == "not_ready":
        return "not ready yet"
    if row["state"] == "no_fit":
        return "none of the three fits yet"
    if row["state"] == "close_call":
        return " or ".join(in_text(cat.name(m)) for m in row["pair"])
    return in_text(cat.name(row["recommendation"]))


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _clause(row: Mapping[str, Any]) -> str:
    """The row's part of the plan's summary sentence."""
    cat = catalogue()
    name = row["name"]
    if row["state"] == "no_answers":
        return f"{name} not answered yet"
    if row["state"] == "not_ready":
        first = row["first_step"]
        once = once_phrase(cat, first["steps"])
        text = f"{name} kept as it is until {once.removeprefix('once ')}, then {in_text(cat.name(first['model']))}"
        if first["interim"]:
            text += f" (meanwhile {in_text(cat.name(first['interim']['model']))} for the groundwork)"
        return text
    if row["state"] == "no_fit":
        return f"{name}: none of the three fits as answered"
    if row["state"] == "close_call":
        return f"{_model_words(row)} for {name}"
    text = f"{in_text(cat.name(row['recommendation']))} for {name}"
    if row["later"]:
        text += f", then {in_text(cat.name(row['later']['model']))} {once_phrase(cat, row['later']['steps'])}"
    if row["verdict"] == "provisional":
        text += " (provisional)"
    return text


def plan_view(p: Mapping[str, Any], notes: Sequence[str] = ()) -> dict[str, Any]:
    """The display-ready view of a plan (``notes``: what could not be read from a plan link).

    >>> from calculator.plan import plan
    >>> plan_view(plan([{"name": "Payroll", "answers": {"kind": "business_process"}}]))["summary"]
    'The plan: BPO for Payroll (provisional).'
    """
    cat = catalogue()
    rows = []
    for row in p["rows"]:
        shift = None
        if row["shift"]:
            question = cat.question(row["shift"]["question"])
            shift = f"Moves to {_target(row['shift'])} {question.matured}."
        waiting = [cat.step(s).label for s in row["steps"]]
        cost = None
        if row["cost"] is not None:
            c = row["cost"]
            cost = (f"{money(c['total'], c['currency'])} over {months(c['horizon_months'])}" if c["total"] is not None
                    else "no quote entered for its model")
        cautions = [*row["warnings"], *row["pointers"]]
        if row["confidence"]:
            cautions.insert(0, f"Confidence: {row['confidence']}.")
        rows.append({
            "name": row["name"],
            "model": _upper_first(_model_words(row)),   # it starts a table cell
            "cautions": cautions,
            "verdict_label": VERDICT_LABELS[row["verdict"]],
            "waiting": waiting,
            "waiting_text": "; ".join(waiting) if waiting else "nothing",
            "reason": row["reason"],
            "shift": shift,
            "shift_text": shift or "no single maturing step",
            "cost": cost,
            "share": row["share"],
        })
    summary = "The plan: " + "; ".join(_clause(row) for row in p["rows"]) + "."
    timeline = []
    for i, step in enumerate(p["steps"]):
        s = cat.step(step["step"])
        timeline.append({"label": f"Start here: {lower_first(s.label)}" if i == 0 else s.label,
                         "guide": s.guide.to_dict(),
                         "items": [f"Waiting on it: {join_words(step['workstreams'])}."]})
    if len(p["handed_over"]) > 1:
        timeline.append({"label": "Stagger the handovers", "guide": STAGGER_GUIDE, "items": [
            f"{join_words(p['handed_over'])} would each move to a provider. Plan one transition at a time, "
            "each with its owner free to run it, rather than all at once."]})
    shifts = [f"{row['name']}: {lower_first(view_row['shift'])}" for row, view_row in zip(p["rows"], rows)
              if view_row["shift"]]
    if shifts:
        timeline.append({"label": "As the work matures", "guide": None, "items": shifts})
    cost = None
    if p["cost"] is not None:
        c = p["cost"]
        horizons = " or ".join(f"{h}" for h in c["horizons"])
        horizons += " month" if c["horizons"] == [1] else " months"
        if not c["counted"]:
            cost = "No workstream has a quote for its model yet."
        elif not c["mixed_currency"]:
            cost = (f"With each workstream's model, the plan costs {money(c['total'], c['currency'])} over "
                    f"{horizons} for {join_words(c['counted'])}.")
        else:
            parts = [f"{money(b['total'], b['currency'])} for {join_words(b['counted'])}"
                     + ("" if b["currency"] else " (no currency symbol entered)") for b in c["by_currency"]]
            cost = (f"With each workstream's model, the plan costs {join_words(parts)}, over {horizons}. These "
                    "amounts are in different currencies, so they are not added up: the calculator converts "
                    "nothing.")
        if c["missing"]:
            cost += f" Not counted (no figures for its model): {join_words(c['missing'])}."
        if len(c["horizons"]) > 1:
            cost += " The workstreams use different horizons, so read the total with care."
    return {
        "summary": summary,
        "rows": rows,
        "columns": ["Workstream", "Model", "Waiting on", "When it would shift"],
        "caption": "One row per workstream",
        "notes_title": "About this link",
        "timeline": timeline,
        "cost": cost,
        "notes": list(notes),
    }
