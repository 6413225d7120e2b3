"""Score a set of answers and assemble the explained result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from . import explain
from .data import catalogue
from .scoring import check_answers, check_weights, effective_weights, tally
from .share import encode_share

__all__ = ["Result", "score"]


@dataclass(frozen=True)
class Result:
    """Everything the calculator says about one set of answers. ``to_dict()`` is its JSON form."""

    model_version: str
    recommendation: str
    verdict: str
    scores: dict[str, float]
    ranking: list[str]
    margin: float
    confidence: dict[str, Any]
    contributions: dict[str, dict[str, float]]
    reasons: list[dict[str, Any]]
    against: list[dict[str, Any]]
    warnings: list[dict[str, Any]]
    guardrails: list[dict[str, Any]]
    what_would_change: dict[str, Any]
    combination: dict[str, Any] | None
    share: str
    answers: dict[str, str]
    weights: dict[str, int] = field(default_factory=dict)

    @property
    def close_call(self) -> bool:
        return self.verdict == "close_call"

    def to_dict(self) -> dict[str, Any]:
        return {
            "model_version": self.model_version,
            "recommendation": self.recommendation,
            "verdict": self.verdict,
            "close_call": self.close_call,
            "combination": self.combination,
            "scores": self.scores,
            "ranking": self.ranking,
            "margin": self.margin,
            "confidence": self.confidence,
            "contributions": self.contributions,
            "reasons": self.reasons,
            "against": self.against,
            "warnings": self.warnings,
            "guardrails": self.guardrails,
            "what_would_change": self.what_would_change,
            "share": self.share,
            "answers": self.answers,
            "weights": self.weights,
        }


def _confidence(coverage: float, verdict: str, robust_share: float) -> str:
    """high: most of the weight answered, a clear margin, and robust to weight changes."""
    if verdict in ("no_answers", "close_call") or coverage < 0.4 or robust_share < 0.6:
        return "low"
    if verdict == "clear" and coverage >= 0.75 and robust_share >= 0.9:
        return "high"
    return "medium"


def score(answers: Mapping[str, Any], weights: Mapping[str, Any] | None = None) -> Result:
    """Score answers ``{question_id: option_id}`` with optional weight overrides ``{question_id: 0..5}``.

    >>> r = score({"work_type": "team_roles", "direction": "us", "scope_change": "likely"})
    >>> r.recommendation, r.verdict, r.scores["staff_augmentation"] > r.scores["bpo"]
    ('staff_augmentation', 'clear', True)
    >>> score({"direction": "sideways"})
    Traceback (most recent call last):
    ...
    calculator.errors.CalculatorError: unknown option 'sideways' for question 'direction'; allowed options: us, shared, provider
    """
    cat = catalogue()
    given = check_answers(answers, cat)
    overrides = check_weights(weights, cat)
    w = effective_weights(overrides, cat)
    t = tally(given, w, cat)
    current = explain.headline(t, len(given), cat)
    verdict = explain.verdict(t, len(given), cat)
    winner = t.ranking[0]
    contrib = explain.contributions(given, w, cat)
    pro, con = explain.reasons(given, contrib, winner, cat)
    robust = explain.robustness(given, w, winner, cat)
    answered_weight = sum(w[q] for q in given)
    coverage = answered_weight / t.total_weight
    combination = None
    if verdict == "close_call":
        combo = cat.combination(t.ranking[0], t.ranking[1])
        combination = {
            "models": sorted(combo.models, key=cat.tie_break.index),
            "label": combo.label,
            "text": combo.text,
            "guide": combo.guide.to_dict(),
        }
    return Result(
        model_version=cat.model_version,
        recommendation=winner,
        verdict=verdict,
        scores={m: round(t.score(m), 1) for m in cat.model_ids},
        ranking=list(t.ranking),
        margin=round(t.margin, 1),
        confidence={
            "level": _confidence(coverage, verdict, robust["share"]),
            "answered": len(given),
            "total": len(cat.questions),
            "coverage": round(coverage, 3),
        },
        contributions={q: {m: round(v, 2) for m, v in row.items()} for q, row in contrib.items()},
        reasons=pro,
        against=con,
        warnings=explain.rules_fired(cat.warnings, given),
        guardrails=explain.rules_fired(cat.guardrails, given),
        what_would_change={
            "answer_changes": explain.answer_changes(given, w, current, cat),
            "weight_changes": explain.weight_changes(given, w, current, cat),
            "robustness": robust,
        },
        combination=combination,
        share=encode_share(given, overrides),
        answers=given,
        weights=overrides,
    )
