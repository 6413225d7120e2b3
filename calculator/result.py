"""Score a set of answers and assemble the explained result (its JSON form is ``to_dict()``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from . import explain, robustness
from .data import Catalogue, catalogue
from .checks import check_answers, check_weights, effective_weights
from .decide import Compiled, Outcome, compiled, decide, points, verdict
from .share import encode_share

__all__ = ["Result", "score"]

MAX_PRIORITY = 3  # unanswered questions named on a provisional result


@dataclass(frozen=True)
class Result:
    """Everything the calculator says about one set of answers."""

    model_version: str
    state: str
    recommendation: str | None
    verdict: str
    scores: dict[str, float]
    ranking: list[str]
    margin: float | None
    runner: str | None
    ready: list[str]
    gates: list[dict[str, Any]]
    later: dict[str, Any] | None
    first_step: dict[str, Any] | None
    outside: list[dict[str, Any]]
    combination: dict[str, Any] | None
    confidence: dict[str, Any] | None
    contributions: dict[str, dict[str, float]]
    reasons: list[dict[str, Any]]
    against: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    pointers: list[dict[str, Any]]
    what_would_change: dict[str, Any]
    unanswered_priority: list[str]
    share: str
    answers: dict[str, str]
    weights: dict[str, int] = field(default_factory=dict)

    @property
    def close_call(self) -> bool:
        return self.state == "close_call"

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_version": self.model_version,
            "state": self.state,
            "recommendation": self.recommendation,
            "verdict": self.verdict,
            "close_call": self.close_call,
            "combination": self.combination,
            "later": self.later,
            "first_step": self.first_step,
            "outside": self.outside,
            "scores": self.scores,
            "ranking": self.ranking,
            "margin": self.margin,
            "runner": self.runner,
            "ready": self.ready,
            "gates": self.gates,
            "confidence": self.confidence,
            "contributions": self.contributions,
            "reasons": self.reasons,
            "against": self.against,
            "warnings": self.warnings,
            "pointers": self.pointers,
            "what_would_change": self.what_would_change,
            "unanswered_priority": self.unanswered_priority,
            "share": self.share,
            "answers": self.answers,
            "weights": self.weights,
        }


def _steps_for(cat: Catalogue, model: str, answers: Mapping[str, str]) -> list[str]:
    """The steps (in the data's order) that would lift every gate on `model`."""
    needed = {g.step for g in cat.gates if g.model == model and g.fires(answers)}
    return [s.id for s in cat.steps if s.id in needed]


def _first_step(c: Compiled, o: Outcome, answers: Mapping[str, str]) -> dict[str, Any]:
    """When no ready model fits but a gated one does: of the gated models that fit, the one
    that needs the fewest steps (ties: the better score), its steps in order, and an interim
    option where people joining your team could do a step's groundwork meanwhile (only when
    that model, `interim_model`, is itself ready)."""
    waiting = [m for m in o.ranking if m in o.fits and m in o.gated]
    best = min(waiting, key=lambda m: (len(_steps_for(c.cat, c.models[m], answers)), o.ranking.index(m)))
    steps = _steps_for(c.cat, c.models[best], answers)
    interim = None
    if c.models.index(c.cat.interim_model) not in o.gated:
        step = next((s for s in steps if c.cat.step(s).interim), None)
        if step is not None:
            interim = {"model": c.cat.interim_model, "step": step, "text": c.cat.step(step).interim}
    return {"step": steps[0], "model": c.models[best], "steps": steps, "interim": interim}


def _outside(cat: Catalogue, answers: Mapping[str, str]) -> list[dict[str, Any]]:
    """The models the kind of work rules out, each with why and where to look instead."""
    kind = cat.kind_question
    if kind is None or kind.id not in answers:
        return []
    option = kind.option(answers[kind.id])
    return [{"model": m, "text": text, "guide": option.outside_guide.to_dict(), "basis": list(option.outside_basis)}
            for m, text in option.outside.items()]


def _combination(c: Compiled, picks, weights, pair: tuple[int, int]) -> dict[str, Any]:
    """A close call's combination, from what split the two models: for each side, the part of
    the work described by the strongest answer in its favour (questions.toml `part`)."""
    parts: dict[str, str | None] = {}
    for side, other in (pair, pair[::-1]):
        favouring = sorted(
            (
                (-weights[q] * (c.effects[q][p][side] - c.effects[q][p][other]), q, p)
                for q, p in enumerate(picks)
                if p >= 0 and weights[q] > 0 and c.argues_for(q, p, side, other) and c.cat.questions[q].options[p].part
            ),
        )
        parts[c.models[side]] = c.cat.questions[favouring[0][1]].options[favouring[0][2]].part if favouring else None
    a, b = (c.models[m] for m in pair)
    return {"models": [a, b], "parts": parts, "guide": c.cat.combination(a, b).guide.to_dict()}


LOW_BELOW = 0.6  # confidence is low when the outcome holds in under 60% of either robustness figure
HIGH_FROM = 0.9  # high needs a clear fit holding in at least 90% of both
MARGIN_FROM = 0.75  # a medium leaning result or close call holding this well is limited by its margin


def _confidence(c: Compiled, o: Outcome, word: str, weights_share: float, fill_share: float) -> dict[str, Any] | None:
    """How far to trust the outcome, and the one thing that limits it most.

    low: provisional, or the outcome holds in under 60% of varied weightings or of ways to
    answer the rest; high: a clear fit holding in 90% or more of both; medium otherwise. A close
    call, a leaning result or a tie is never more than medium; nor is a "for now" result, which
    is meant to change once its steps are done (the robustness figures hold the gates as they
    are, so they cannot see that).
    """
    if o.state in ("no_answers", "not_ready", "no_fit"):
        return None
    total = len(c.cat.questions)
    weakest = min(weights_share, fill_share)
    if word == "provisional":
        level, limit = "low", "few_answers"
    elif weakest < LOW_BELOW:
        level, limit = "low", "unanswered" if fill_share <= weights_share else "weights"
    elif word == "clear" and weakest >= HIGH_FROM:
        level, limit = "high", None
    elif word == "for_now" and weakest >= HIGH_FROM:
        level, limit = "medium", "steps"
    else:
        level = "medium"
        if word in ("leaning", "close_call", "tie") and weakest >= MARGIN_FROM:
            limit = "margin" if o.runner is not None else "balance"
        else:
            limit = "unanswered" if fill_share <= weights_share else "weights"
    return {
        "level": level,
        "limit": limit,
        "answered": o.answered,
        "total": total,
        "holds_unanswered": fill_share,
        "holds_weights": weights_share,
    }


def score(answers: Mapping[str, Any], weights: Mapping[str, Any] | None = None) -> Result:
    """Score answers ``{question_id: option_id}`` with optional weight overrides ``{question_id: 0..5}``.

    >>> r = score({"kind": "build", "direction": "us", "lead_capacity": "daily", "scope_change": "likely",
    ...            "integration": "embedded", "duration": "short"})
    >>> r.recommendation, r.verdict
    ('staff_augmentation', 'clear')
    >>> score({}).recommendation is None
    True
    >>> score({"direction": "sideways"})
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: unknown option 'sideways' for question 'direction'; allowed options: us, shared, provider
    """
    cat = catalogue()
    c = compiled(cat)
    given = check_answers(answers, cat)
    overrides = check_weights(weights, cat)
    w_map = effective_weights(overrides, cat)
    w = [w_map[q.id] for q in cat.questions]
    picks = c.picks(given)
    raw = c.raw(picks, w)
    total = sum(w)
    o = decide(c, picks, w, raw=raw, total_weight=total)
    word = verdict(c, o)
    models = c.models

    leader = o.leader if o.state == "recommend" else None
    reasons: list[dict[str, Any]] = []
    against: list[dict[str, Any]] = []
    if o.state == "recommend":
        # Rivals: every model scoring below the recommendation (a gated model scoring above
        # it is explained by its gate instead).
        rivals = [m for m in o.ranking if m != leader and not (m in o.gated and raw[m] >= raw[leader])]
        reasons = explain.reasons(c, picks, w, leader, rivals)
        # Only a model that applies to the work can be what an answer points to instead.
        against = explain.against(c, picks, w, leader, [m for m in rivals if m in o.applicable])
    elif o.state == "close_call":
        a, b = o.pair
        reasons = explain.reasons(c, picks, w, a, [b]) + explain.reasons(c, picks, w, b, [a])

    changes = explain.answer_changes(c, picks, w, o)
    robust = robustness.weight_robustness(c, picks, w, o)
    fill_in = robustness.fill_in_robustness(c, picks, w, o)
    confidence = _confidence(c, o, word, robust["share"], fill_in["share"])
    if word == "clear" and confidence["level"] == "low":
        word = "leaning"  # the headline never claims more than the confidence allows
    # A question that describes the work (its kind) is not a lever: changing its answer is
    # never offered as what would change the result (answering it still is).
    levers = [ch for ch in changes if ch["from"] is None or cat.question(ch["question"]).lever]
    # Unanswered questions that matter most: those with the most options that would change
    # the outcome on their own; then the heavier; then questionnaire order.
    counts: dict[str, int] = {}
    for change in changes:
        if change["from"] is None:
            counts[change["question"]] = counts.get(change["question"], 0) + 1
    unanswered = [q for q in cat.questions if q.id not in given]
    priority = sorted(unanswered, key=lambda q: (q.weak, -counts.get(q.id, 0), -w_map[q.id], cat.questions.index(q)))

    proposed = set()
    if o.state == "recommend":
        proposed.add(models[leader])
    if o.state == "close_call":
        proposed.update(models[m] for m in o.pair)
    if o.later is not None:
        proposed.add(models[o.later])
    gates = [
        {"id": g.id, "model": g.model, "step": g.step, "text": g.text, "basis": list(g.basis)}
        for g in cat.gates
        if g.fires(given)
    ]
    def notes(rules):
        return [
            {"id": x.id, "text": x.text, "guide": x.guide.to_dict(), "questions": list(x.when)}
            for x in rules
            if x.fires(given) and (not x.models or proposed & set(x.models) or o.state in ("not_ready", "no_fit"))
        ]

    return Result(
        model_version=cat.model_version,
        state=o.state,
        recommendation=models[o.leader] if o.state == "recommend" else None,
        verdict=word,
        scores={m: round(50 + points(raw[i], total), 1) for i, m in enumerate(models)},
        ranking=[models[m] for m in o.ranking],
        margin=round(o.margin, 1) if o.margin is not None else None,
        runner=models[o.runner] if o.runner is not None else None,
        ready=[models[m] for m in o.ranking if m not in o.gated],
        gates=gates,
        later={"model": models[o.later], "steps": _steps_for(cat, models[o.later], given)}
        if o.later is not None and o.state in ("recommend", "close_call")
        else None,
        first_step=_first_step(c, o, given) if o.state == "not_ready" else None,
        outside=_outside(cat, given),
        combination=_combination(c, picks, w, o.pair) if o.state == "close_call" else None,
        confidence=confidence,
        contributions={
            q: {m: round(v, 2) for m, v in row.items()}
            for q, row in explain.contributions(c, picks, w).items()
        },
        reasons=reasons,
        against=against,
        warnings=notes(cat.warnings),
        pointers=notes(cat.pointers),
        what_would_change={
            "answer_changes": levers,
            "weight_changes": explain.weight_changes(c, picks, w, o),
            "robustness": robust,
            "fill_in": fill_in,
        },
        unanswered_priority=[q.id for q in priority[:MAX_PRIORITY]] if word == "provisional" else [],
        share=encode_share(given, overrides),
        answers=given,
        weights=overrides,
    )
