"""The result as a reader sees it: display-ready rows, worded once, shown anywhere.

Every sentence the result shows is written here and nowhere else. calculator/view_trees.py lays
this structure out for the page (the build's HTML and the browser's DOM come from the same
tree), and calculator/render.py for the terminal and the memo::

    {
      "state", "verdict", "verdict_label",
      "recommendation_attr": model id | "hybrid" | "none",
      "headline", "outcome",
      "scores": [{"model", "name", "value", "display", "top", "status", "note"}],
      "confidence": sentence or None,
      "sections": [{"id", "title", "tone", "items": [{"text", "note", "guide"}]}],
    }

``guide`` is ``{"url": "<page>/#<anchor>"}`` relative to the site root, or None; the layout
turns it into a link. ``note`` is a short qualifier shown after the text, or None.
"""

from __future__ import annotations

import math
from typing import Any, Mapping, Sequence

from .data import Catalogue, catalogue
from .result import Result

__all__ = ["MAX_CHANGES", "VERDICT_LABELS", "advice_note", "in_text", "join_words", "lower_first", "once_phrase", "percent", "result_view"]

MAX_CHANGES = 3  # nearest answer changes shown

VERDICT_LABELS = {
    "clear": "clear fit",
    "leaning": "leaning",
    "close_call": "close call",
    "provisional": "provisional",
    "for_now": "fits now",
    "tie": "tie",
    "not_ready": "not ready yet",
    "no_fit": "no model fits",
    "no_answers": "no answers yet",
}

LIMITS = {
    "few_answers": "Answer at least {needed} questions for a firm result.",
    "unanswered": "The questions you have not answered could still change it.",
    "weights": "It depends on how much each question counts.",
    "margin": "The top two are close.",
    "balance": "It is not far above an even balance.",
    "steps": "It is meant to change once the steps are done.",
}


def percent(share: float) -> str:
    """0.875 -> '88%': rounded half up (as Math.floor(x * 100 + 0.5) would)."""
    return f"{math.floor(share * 100 + 0.5)}%"


def in_text(name: str) -> str:
    """A model's name inside a sentence: 'managed services', but 'BPO'."""
    return name if name[:2].isupper() else lower_first(name)


def join_words(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def lower_first(text: str) -> str:
    """A sentence-initial phrase inside a sentence: 'Document the process' -> 'document the process'."""
    return text[0].lower() + text[1:]


def once_phrase(cat: Catalogue, steps: Sequence[str]) -> str:
    """When steps would be done: 'once the process is documented and an owner is named'."""
    return join_words([cat.step(s).once for s in steps]).replace(" and once ", " and ")



class _Words:
    """Names and phrases from the catalogue."""

    def __init__(self, cat: Catalogue) -> None:
        self.cat = cat

    def name(self, model: str) -> str:
        return self.cat.name(model)

    def mid(self, model: str) -> str:
        return in_text(self.cat.name(model))

    def once(self, steps: Sequence[str]) -> str:
        return once_phrase(self.cat, steps)

    def step(self, step: str) -> str:
        """A step's label inside a sentence."""
        return lower_first(self.cat.step(step).label)

    def outcome(self, change: Mapping[str, Any]) -> str:
        """What a changed answer or weight would lead to, in words."""
        if change["state"] == "close_call":
            return "a close call between " + join_words([self.mid(m) for m in change["pair"]])
        if change["state"] == "not_ready":
            return "no model ready yet"
        if change["state"] == "no_fit":
            return "no model that fits"
        if change["state"] == "no_answers":
            return "no recommendation"
        return self.name(change["recommendation"])


def _headline(r: Mapping[str, Any], w: _Words) -> str:
    state, verdict = r["state"], r["verdict"]
    if state == "no_answers":
        return "No recommendation yet"
    if state == "not_ready":
        step = w.cat.step(r["first_step"]["step"])
        return f"No model is ready yet: first, {lower_first(step.label)}"
    if state == "no_fit":
        if len(r["answers"]) < w.cat.thresholds.provisional_below:
            return "No model fits your answers so far"
        return "None of the three models fits your answers as they stand"
    if state == "close_call":
        a, b = r["combination"]["models"]
        return f"Close call between {w.mid(a)} and {w.mid(b)}"
    model = w.name(r["recommendation"])
    runner = r["runner"]
    if verdict == "provisional":
        if r["margin"] == 0:
            return f"Provisional: {in_text(model)} and {w.mid(runner)} are level so far"
        return f"Provisional: {in_text(model)} leads so far"
    if verdict == "for_now":
        later = r["later"]
        return f"{model} now; {w.name(later['model'])} {w.once(later['steps'])}"
    if verdict == "tie":
        if runner in r["ready"]:
            return f"{model} and {w.mid(runner)} tie; {in_text(model)} is the easier to reverse"
        return f"{model}: {w.mid(runner)} scores the same but is not ready"
    if runner is None:
        lead = f"the one model of the three for this kind of work, {r['margin']:.1f} points above an even balance"
        return f"{model}: {lead}" if verdict == "clear" else f"Leaning to {in_text(model)}: {lead}"
    if verdict == "clear":
        return f"{model}: a clear fit ({r['margin']:.1f} points ahead)"
    return f"Leaning to {in_text(model)} ({r['margin']:.1f} points ahead)"


def _outcome(r: Mapping[str, Any], w: _Words) -> str:
    state, verdict = r["state"], r["verdict"]
    if state == "no_answers":
        return "Answer any question to see how the three models score."
    if state == "not_ready":
        first = r["first_step"]
        rest = first["steps"][1:]
        target = w.mid(first["model"])
        then = f"then {target} would fit" if not rest else (
            f"then {join_words([w.step(s) for s in rest])}, and {target} would fit"
        )
        text = (f"{w.name(first['model'])} fits your answers but is not ready as things stand. "
                f"First, {w.step(first['step'])}; {then}.")
        if first["interim"]:
            text += (f" Meanwhile, {w.mid(first['interim']['model'])} can help with the groundwork: "
                     f"{first['interim']['text']}. That is an interim step, not the answer to the work itself.")
        return text
    if state == "no_fit":
        if len(r["answers"]) < w.cat.thresholds.provisional_below:
            return ("Your answers so far argue for none of the models more than against it: "
                    "answer the questions below to see which fits.")
        return ("On balance your answers argue against each model that applies to this work, so none is "
                "proposed. See what would change that below, and the other ways to get help.")
    if state == "close_call":
        combo = r["combination"]
        a, b = combo["models"]
        pa, pb = combo["parts"][a], combo["parts"][b]
        if pa and pb:
            return f"Consider splitting the work: {w.mid(a)} for {pa}, {w.mid(b)} for {pb}."
        return f"Your answers argue for both; consider splitting the work between {w.mid(a)} and {w.mid(b)}."
    model = r["recommendation"]
    conf = r["confidence"]
    if verdict == "provisional":
        return (f"This is a first indication from {conf['answered']} of {conf['total']} answers: "
                "answer the questions below to firm it up.")
    if verdict == "for_now":
        later = r["later"]
        steps = join_words([w.step(s) for s in later["steps"]])
        return (f"{w.name(later['model'])} scores higher but is not ready as things stand; "
                f"{steps} first, and meanwhile {w.mid(model)} fits.")
    return w.cat.model(model).summary


def _confidence(r: Mapping[str, Any], cat: Catalogue) -> str | None:
    conf = r["confidence"]
    if conf is None:
        return None
    answered, total = conf["answered"], conf["total"]
    if answered == total:
        text = (f"Confidence: {conf['level']}. All {total} questions answered; the result holds in "
                f"{percent(conf['holds_weights'])} of trials in which each question counts a little more or less.")
    else:
        text = (f"Confidence: {conf['level']}. {answered} of {total} questions answered; the result "
                f"holds for {percent(conf['holds_unanswered'])} of the answers you have not given and in "
                f"{percent(conf['holds_weights'])} of trials in which each question counts a little more or less.")
    if conf["limit"]:
        text += " " + LIMITS[conf["limit"]].format(needed=cat.thresholds.provisional_below)
    return text


def _scores(r: Mapping[str, Any], w: _Words) -> list[dict[str, Any]]:
    gated_steps: dict[str, list[str]] = {}
    for gate in r["gates"]:
        steps = gated_steps.setdefault(gate["model"], [])
        if gate["step"] not in steps:
            steps.append(gate["step"])
    outside = {x["model"] for x in r["outside"]}
    top: set[str] = set()
    if r["state"] == "recommend":
        top = {r["recommendation"]}
    elif r["state"] == "close_call":
        top = set(r["combination"]["models"])
    rows = []
    for model in w.cat.model_ids:
        value = r["scores"][model]
        if model in top:
            status, note = ("close" if r["state"] == "close_call" else "recommended"), None
        elif model in outside:
            status, note = "outside", "not for this kind of work"
        elif model in gated_steps:
            status = "later" if r["later"] and r["later"]["model"] == model else "not_ready"
            note = "not ready: " + "; ".join(w.step(s) for s in gated_steps[model])
        else:
            status, note = "", None
        rows.append({
            "model": model,
            "name": w.name(model),
            "value": value,
            "display": f"{value:.1f}",
            "top": model in top,  # only a recommendation or a close call has a top
            "status": status,
            "note": note,
        })
    return rows


def _item(text: str, note: str | None = None, guide: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {"text": text, "note": note, "guide": {"url": guide["url"]} if guide else None}


def _section(sid: str, title: str, items: list[dict[str, Any]], tone: str = "") -> dict[str, Any]:
    return {"id": sid, "title": title, "tone": tone, "items": items}


def _over(models: Sequence[str], w: _Words) -> str:
    return "rather than " + join_words([w.mid(m) for m in models])


def _change_text(change: Mapping[str, Any], w: _Words) -> str:
    """A change to an answer the reader gave: the view lists only those (the questions still
    open are the confidence figure's and, while provisional, "Answer these next")."""
    return f"If “{change['prompt']}” were “{change['to_label']}”: {w.outcome(change)}."


def _sections(r: Mapping[str, Any], w: _Words, notes: Sequence[str]) -> list[dict[str, Any]]:
    cat = w.cat
    out: list[dict[str, Any]] = []
    state, verdict = r["state"], r["verdict"]
    if notes:
        out.append(_section("link", "About this link", [
            _item("This link was made with an earlier version of the calculator; its answers have been "
                  "carried over to today's questions.")
        ] + [_item(n) for n in notes], "info"))
    if state == "close_call":
        out.append(_section("combination", "How to split the work",
                            [_item(_outcome(r, w), None, r["combination"]["guide"])]))
    if verdict == "provisional" and r["unanswered_priority"]:
        out.append(_section("next", "Answer these next", [
            _item(cat.question(q).prompt, None, cat.question(q).guide.to_dict()) for q in r["unanswered_priority"]
        ]))
    if state == "recommend" and r["reasons"]:
        out.append(_section("reasons", f"Why {w.mid(r['recommendation'])}", [
            _item(x["text"], _over(x["over"], w), x["guide"]) for x in r["reasons"]
        ]))
    if state == "close_call":
        a, b = r["combination"]["models"]
        for model, other in ((a, b), (b, a)):
            items = [_item(x["text"], None, x["guide"]) for x in r["reasons"] if x["over"] == [other]]
            if items:
                out.append(_section(f"favours-{model}", f"What favours {w.mid(model)}", items))
    if state == "recommend" and r["against"]:
        out.append(_section("against", f"What points away from {w.mid(r['recommendation'])}", [
            _item(x["text"], "favours " + join_words([w.mid(m) for m in x["favours"]]), x["guide"])
            for x in r["against"]
        ]))
    if r["outside"]:
        out.append(_section("outside", "Not for this kind of work", [
            _item(x["text"], w.name(x["model"]), x["guide"]) for x in r["outside"]
        ], "info"))
    gates_by_model: dict[str, list[dict[str, Any]]] = {}
    for gate in r["gates"]:
        gates_by_model.setdefault(gate["model"], []).append(gate)
    if r["later"]:
        later = r["later"]["model"]
        out.append(_section("steps", f"What {w.mid(later)} is waiting for", [
            _item(f"{cat.step(g['step']).label}: {g['text']}", None, cat.step(g["step"]).guide.to_dict())
            for g in gates_by_model[later]
        ], "warn"))
    if state in ("not_ready", "no_fit") and r["gates"]:
        items = []
        for model in cat.model_ids:
            for g in gates_by_model.get(model, []):
                items.append(_item(f"{cat.step(g['step']).label}: {g['text']}", w.name(model),
                                   cat.step(g["step"]).guide.to_dict()))
        out.append(_section("steps", "What each model is waiting for", items, "warn"))
    if r["warnings"]:
        out.append(_section("warnings", "Answers that pull against each other", [
            _item(x["text"], None, x["guide"]) for x in r["warnings"]
        ], "warn"))
    if r["pointers"]:
        out.append(_section("also", "Also consider", [
            _item(x["text"], None, x["guide"]) for x in r["pointers"]
        ], "info"))
    if state != "no_answers":
        changes = r["what_would_change"]
        given = [c for c in changes["answer_changes"] if c["from"] is not None][:MAX_CHANGES]
        weight = changes["weight_changes"]  # the nearest (first) alone is shown
        items = [_item(_change_text(c, w)) for c in given]
        if not given:
            items.append(_item("No single change to one of your answers would change it."))
        if weight:
            c = weight[0]
            items.append(_item(f"If “{c['prompt']}” counted {c['to_weight']} instead of {c['from_weight']}: "
                               f"{w.outcome(c)}."))
        else:
            items.append(_item("No single change to how much a question counts would change it."))
        out.append(_section("changes", "What would change the result", items))
    if r["weights"]:
        n = len(r["weights"])
        out.append(_section("weights", "Your weighting", [_item(
            f"This result uses changed weights for {n} {'question' if n == 1 else 'questions'}; "
            "see “Adjust how much each question counts” above the result.")], "info"))
    return out


def advice_note(then: Mapping[str, Any]) -> str:
    """The note an older link opens with when the advice for its answers has changed since it
    was made (``then``: previous.advice_then's description of the advice it gave).

    >>> advice_note({"state": "recommend", "recommendation": "bpo", "pair": None})
    'The advice for these answers has changed since this link was made: it was BPO. See how the calculator decides on the method page.'
    """
    return (f"The advice for these answers has changed since this link was made: it was "
            f"{_Words(catalogue()).outcome(then)}. See how the calculator decides on the method page.")


def result_view(result: Result | Mapping[str, Any], notes: Sequence[str] = ()) -> dict[str, Any]:
    """The display-ready view of a result (``notes``: what changed in an older link's answers).

    >>> from calculator import score
    >>> v = result_view(score({}))
    >>> v["headline"], v["recommendation_attr"]
    ('No recommendation yet', 'none')
    """
    r = result.to_dict() if isinstance(result, Result) else result
    cat = catalogue()
    w = _Words(cat)
    if r["state"] == "close_call":
        attr = "hybrid"
    elif r["recommendation"] is None:
        attr = "none"
    else:
        attr = r["recommendation"]
    return {
        "state": r["state"],
        "verdict": r["verdict"],
        "verdict_label": VERDICT_LABELS[r["verdict"]],
        "recommendation_attr": attr,
        "headline": _headline(r, w),
        "outcome": _outcome(r, w),
        "scores": _scores(r, w),
        "confidence": _confidence(r, cat),
        "sections": _sections(r, w, notes),
    }
