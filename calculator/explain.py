"""Why the calculator recommends what it does, and what would change it.

- Reasons: the answers that favour the recommendation most over its nearest rival, capped at
  four (research note: credit-scoring practice holds that more than four reasons stop helping).
- Warnings and guardrails: rules in questions.toml, shown beside the scores, never hidden in them.
- What would change the answer: every single answer change that changes the headline
  (counterfactuals, after Wachter, Mittelstadt and Russell, 2018), the nearest weight change
  that does, and the share of randomly perturbed weightings under which the recommendation still
  wins (a rank-acceptability index, after Lahdelma and Salminen's SMAA). The perturbation is
  seeded, so the same answers always give the same figure.
"""

from __future__ import annotations

import random
from typing import Any, Mapping

from .data import Catalogue
from .scoring import Tally, rank, tally

__all__ = [
    "answer_changes",
    "contributions",
    "headline",
    "reasons",
    "robustness",
    "rules_fired",
    "verdict",
    "weight_changes",
]

MAX_REASONS = 4
MAX_AGAINST = 2


def verdict(t: Tally, answered: int, cat: Catalogue) -> str:
    """``no_answers``, ``close_call``, ``leaning`` or ``clear``, from the margin."""
    if answered == 0:
        return "no_answers"
    if t.margin < cat.thresholds.close_call:
        return "close_call"
    if t.margin < cat.thresholds.leaning:
        return "leaning"
    return "clear"


def headline(t: Tally, answered: int, cat: Catalogue) -> tuple[str, str]:
    """What a reader acts on: a recommended model, a close pair, or nothing yet.

    A change from "clear" to "leaning" with the same winner is not a different answer.
    """
    v = verdict(t, answered, cat)
    if v == "no_answers":
        return v, ""
    if v == "close_call":
        return v, "+".join(sorted(t.ranking[:2], key=cat.tie_break.index))
    return "recommend", t.ranking[0]


def contributions(
    answers: Mapping[str, str], weights: Mapping[str, int], cat: Catalogue
) -> dict[str, dict[str, float]]:
    """Each answered question's signed contribution, in score points, to each model."""
    total = sum(weights.values())
    result = {}
    for question in cat.questions:
        if question.id in answers:
            effects = question.option(answers[question.id]).effects
            result[question.id] = {
                m: 25 * weights[question.id] * effects[m] / total for m in cat.model_ids
            }
    return result


def reasons(
    answers: Mapping[str, str],
    contrib: Mapping[str, Mapping[str, float]],
    model_id: str,
    cat: Catalogue,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The answers most in favour of ``model_id`` and the ones most against it.

    An answer's edge is its contribution to the model minus its best contribution to a rival;
    ties keep the questionnaire's order.
    """
    rows = []
    for index, question in enumerate(cat.questions):
        if question.id not in contrib:
            continue
        points = contrib[question.id]
        edge = points[model_id] - max(v for m, v in points.items() if m != model_id)
        option = question.option(answers[question.id])
        rows.append(
            (
                edge,
                index,
                {
                    "question": question.id,
                    "option": option.id,
                    "text": option.reason,
                    "model": model_id,
                    "points": round(points[model_id], 2),
                    "edge": round(edge, 2),
                    "guide": question.guide.to_dict(),
                },
            )
        )
    pro = [row for e, i, row in sorted((r for r in rows if r[0] > 0), key=lambda r: (-r[0], r[1]))]
    con = [row for e, i, row in sorted((r for r in rows if r[0] < 0), key=lambda r: (r[0], r[1]))]
    return pro[:MAX_REASONS], con[:MAX_AGAINST]


def rules_fired(rules, answers: Mapping[str, str]) -> list[dict[str, Any]]:
    """The warnings or guardrails whose answers are all given."""
    fired = []
    for rule in rules:
        if rule.fires(answers):
            row: dict[str, Any] = {"id": rule.id, "text": rule.text, "questions": list(rule.when)}
            if rule.model is not None:
                row["model"] = rule.model
            row["guide"] = rule.guide.to_dict()
            fired.append(row)
    return fired


def answer_changes(
    answers: Mapping[str, str], weights: Mapping[str, int], current: tuple[str, str], cat: Catalogue
) -> list[dict[str, Any]]:
    """Every single answer (changed, or newly given) that would change the headline.

    Sorted by how decisive the new result is (largest margin first), then questionnaire order.
    """
    found = []
    for q_index, question in enumerate(cat.questions):
        given = answers.get(question.id)
        for o_index, option in enumerate(question.options):
            if option.id == given:
                continue
            changed = {**answers, question.id: option.id}
            t = tally(changed, weights, cat)
            new = headline(t, len(changed), cat)
            if new == current:
                continue
            found.append(
                (
                    -t.margin,
                    q_index,
                    o_index,
                    {
                        "question": question.id,
                        "prompt": question.prompt,
                        "from": given,
                        "to": option.id,
                        "to_label": option.label,
                        "recommendation": t.ranking[0],
                        "verdict": verdict(t, len(changed), cat),
                        "headline": new[1],
                        "guide": question.guide.to_dict(),
                    },
                )
            )
    return [row for *_, row in sorted(found, key=lambda r: r[:3])]


def weight_changes(
    answers: Mapping[str, str], weights: Mapping[str, int], current: tuple[str, str], cat: Catalogue
) -> list[dict[str, Any]]:
    """For each answered question, the nearest weight (0..5) that would change the headline."""
    found = []
    for question in cat.questions:
        if question.id not in answers:
            continue
        now = weights[question.id]
        for new_weight in sorted(range(6), key=lambda w: (abs(w - now), w)):
            if new_weight == now:
                continue
            changed = {**weights, question.id: new_weight}
            if sum(changed.values()) == 0:
                continue
            t = tally(answers, changed, cat)
            new = headline(t, len(answers), cat)
            if new != current:
                found.append(
                    {
                        "question": question.id,
                        "prompt": question.prompt,
                        "from_weight": now,
                        "to_weight": new_weight,
                        "recommendation": t.ranking[0],
                        "verdict": verdict(t, len(answers), cat),
                        "headline": new[1],
                    }
                )
                break
    return found


def robustness(
    answers: Mapping[str, str], weights: Mapping[str, int], winner: str, cat: Catalogue
) -> dict[str, Any]:
    """How often each model wins when every weight is scaled by a random factor in 1 +/- spread.

    >>> from calculator.data import catalogue
    >>> cat = catalogue()
    >>> w = {q.id: q.weight for q in cat.questions}
    >>> robustness({"direction": "us"}, w, "staff_augmentation", cat)["share"]
    1.0
    """
    th = cat.thresholds
    rng = random.Random(th.robustness_seed)
    order = cat.tie_break  # models in tie-break order: on equal totals the earlier one wins
    wins = [0] * len(order)
    # Each answered question as (its position, its weight x effect on each model, in `order`).
    chosen = [
        (i, [weights[q.id] * q.option(answers[q.id]).effects[m] for m in order])
        for i, q in enumerate(cat.questions)
        if q.id in answers
    ]
    spread, n_questions = th.robustness_spread, len(cat.questions)
    for _ in range(th.robustness_samples):
        # One draw per question in questionnaire order, answered or not, so the stream of random
        # numbers (and so the figure) does not depend on which questions are answered.
        factors = [1 + spread * (2 * rng.random() - 1) for _ in range(n_questions)]
        raw = [0.0] * len(order)
        for i, weighted in chosen:
            f = factors[i]
            for m, value in enumerate(weighted):
                raw[m] += f * value
        best = 0
        for m in range(1, len(order)):
            if raw[m] > raw[best]:  # strictly greater: ties stay with the earlier model
                best = m
        wins[best] += 1
    wins = {m: wins[order.index(m)] for m in cat.model_ids}
    n = th.robustness_samples
    return {
        "share": round(wins[winner] / n, 3),
        "wins": {m: round(c / n, 3) for m, c in wins.items()},
        "samples": n,
        "spread": th.robustness_spread,
        "seed": th.robustness_seed,
    }
