"""Why the calculator says what it says, and what would change it.

- Reasons: for the recommendation, the answers that favour it over each rival, saying which
  rival; capped at four (research note: credit-scoring practice holds that more than four
  reasons stop helping). "Against": answers that favour a rival over it, naming the rival.
- What would change it: every single answer change (or new answer) that changes the outcome
  (counterfactuals, after Wachter, Mittelstadt and Russell, 2018), and for each answered
  question the nearest weight that does.
- Robustness, two figures, both seeded so the same answers always give the same numbers:
  the share of randomly perturbed weightings under which the outcome holds (a rank
  acceptability index, after Lahdelma and Salminen's SMAA), and the share of random ways to
  answer the unanswered questions under which it holds.
"""

from __future__ import annotations

import random
from typing import Any, Sequence

from .decide import Compiled, Outcome, decide, key_of, rules

__all__ = [
    "MAX_AGAINST",
    "MAX_REASONS",
    "against",
    "answer_changes",
    "contributions",
    "fill_in_robustness",
    "reasons",
    "weight_changes",
    "weight_robustness",
]

MAX_REASONS = 4
MAX_AGAINST = 2


def contributions(c: Compiled, picks: Sequence[int], weights: Sequence[float]) -> dict[str, dict[str, float]]:
    """Each answered question's signed contribution, in score points, to each model."""
    total = sum(weights)
    out = {}
    for q, (question, p) in enumerate(zip(c.cat.questions, picks)):
        if p >= 0:
            out[question.id] = {
                m: 25 * weights[q] * e / total for m, e in zip(c.models, c.effects[q][p])
            }
    return out


def _row(c: Compiled, q: int, p: int) -> dict[str, Any]:
    question = c.cat.questions[q]
    option = question.options[p]
    return {
        "question": question.id,
        "option": option.id,
        "text": option.reason,
        "guide": question.guide.to_dict(),
    }


def reasons(
    c: Compiled, picks: Sequence[int], weights: Sequence[float], model: int, rivals: Sequence[int]
) -> list[dict[str, Any]]:
    """The answers that favour `model` over one or more of `rivals`, strongest first.

    Only answers that favour `model` at least as much as any other model count: each option's
    reason sentence (questions.toml) argues for the models it favours most, so an answer that
    merely hurts a rival more than `model` is not given as a reason for `model`.

    Each row says which rivals it favours the model over (`over`). At most MAX_REASONS rows;
    when the strongest rows all concern one rival, the best row for each other rival that has
    one is kept in their place, so every rival the model beats gets its reason.
    """
    total = sum(weights)
    rows = []
    for q, p in enumerate(picks):
        if p < 0 or weights[q] == 0:
            continue
        e = c.effects[q][p]
        if e[model] < max(e):
            continue  # its reason sentence argues for another model (see the docstring)
        edges = {r: 25 * weights[q] * (e[model] - e[r]) / total for r in rivals}
        over = [r for r in rivals if edges[r] > 0]
        if over:
            best = max(edges[r] for r in over)
            rows.append((best, q, p, over))
    rows.sort(key=lambda row: (-row[0], row[1]))
    chosen = rows[:MAX_REASONS]
    for rival in rivals:
        if any(rival in row[3] for row in rows) and not any(rival in row[3] for row in chosen):
            # The weakest chosen row that is not some other rival's only reason gives way.
            def sole(row):
                return any(sum(r in other[3] for other in chosen) == 1 for r in row[3])
            weakest = next(row for row in reversed(chosen) if not sole(row))
            chosen[chosen.index(weakest)] = next(row for row in rows if rival in row[3])
            chosen.sort(key=lambda row: (-row[0], row[1]))
    return [
        {**_row(c, q, p), "over": [c.models[r] for r in over], "edge": round(edge, 2)}
        for edge, q, p, over in chosen
    ]


def against(
    c: Compiled, picks: Sequence[int], weights: Sequence[float], model: int, rivals: Sequence[int]
) -> list[dict[str, Any]]:
    """The answers that favour a rival over `model`, strongest first, naming the rival (one of
    the models the answer favours most, so that its reason sentence fits)."""
    total = sum(weights)
    rows = []
    for q, p in enumerate(picks):
        if p < 0 or weights[q] == 0:
            continue
        e = c.effects[q][p]
        # The rival it favours must be one of the answer's favourites, so its reason fits.
        favourites = [r for r in rivals if e[r] == max(e)]
        if not favourites:
            continue
        best, favours = max(((e[r] - e[model], r) for r in favourites), key=lambda x: (x[0], -c.rank_key[x[1]]))
        if best > 0:
            rows.append((25 * weights[q] * best / total, q, p, favours))
    rows.sort(key=lambda row: (-row[0], row[1]))
    return [
        {**_row(c, q, p), "favours": c.models[r], "edge": round(edge, 2)}
        for edge, q, p, r in rows[:MAX_AGAINST]
    ]


def _describe(c: Compiled, o: Outcome) -> dict[str, Any]:
    """An outcome as data: its state, the model or pair, for change lists."""
    return {
        "state": o.state,
        "recommendation": c.models[o.leader] if o.leader is not None and o.state == "recommend" else None,
        "pair": [c.models[m] for m in o.pair] if o.pair else None,
    }


def answer_changes(
    c: Compiled, picks: Sequence[int], weights: Sequence[float], current: Outcome
) -> list[dict[str, Any]]:
    """Every single answer (changed, or newly given) that would change the outcome.

    Nearest first: a change to a given answer by its distance in the option list (the next
    option is nearer than the far end), then new answers; then questionnaire order.
    """
    found = []
    total = sum(weights)
    for q, question in enumerate(c.cat.questions):
        given = picks[q]
        for p, option in enumerate(question.options):
            if p == given:
                continue
            changed = list(picks)
            changed[q] = p
            new = decide(c, changed, weights, total_weight=total)
            if new.key == current.key:
                continue
            distance = question.distance(p, given) if given >= 0 else len(question.options)
            found.append(
                (
                    (given < 0, distance, q, p),
                    {
                        "question": question.id,
                        "prompt": question.prompt,
                        "from": question.options[given].id if given >= 0 else None,
                        "to": option.id,
                        "to_label": option.label,
                        "distance": distance if given >= 0 else None,
                        **_describe(c, new),
                    },
                )
            )
    return [row for _, row in sorted(found, key=lambda item: item[0])]


def weight_changes(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> list[dict[str, Any]]:
    """For each answered question, the nearest weight (0..5) that would change the outcome.

    Nearest first (by how far the weight moves), then questionnaire order.
    """
    found = []
    for q, question in enumerate(c.cat.questions):
        if picks[q] < 0:
            continue
        now = weights[q]
        for new_weight in sorted(range(6), key=lambda w: (abs(w - now), w)):
            if new_weight == now:
                continue
            changed = list(weights)
            changed[q] = new_weight
            if sum(changed) == 0:
                continue
            new = decide(c, picks, changed)
            if new.key != current.key:
                found.append(
                    (
                        (abs(new_weight - now), q),
                        {
                            "question": question.id,
                            "prompt": question.prompt,
                            "from_weight": now,
                            "to_weight": new_weight,
                            **_describe(c, new),
                        },
                    )
                )
                break
    return [row for _, row in sorted(found, key=lambda item: item[0])]


def weight_robustness(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> dict[str, Any]:
    """The share of perturbed weightings (each weight x a factor in 1 +/- spread) under which
    the outcome holds, and how often each model comes first among the ready ones.

    One draw per question in questionnaire order, answered or not, so the stream of random
    numbers does not depend on which questions are answered. The answers do not change, so
    the gates and which answers support which model are worked out once, outside the loop.
    """
    th = c.cat.thresholds
    rng = random.Random(th.robustness_seed)
    spread, n = th.robustness_spread, th.robustness_samples
    answered = [(q, [weights[q] * e for e in c.effects[q][p]]) for q, p in enumerate(picks) if p >= 0]
    n_models, n_questions = len(c.models), len(picks)
    gated, count = current.gated, current.answered
    support: dict[tuple[int, int], bool] = {}

    def supported(a: int, b: int) -> bool:
        # Perturbed weights stay above zero (spread < 1), so support does not change.
        if (a, b) not in support:
            support[(a, b)] = c.supported(picks, weights, a, b)
        return support[(a, b)]

    holds = 0
    firsts = [0] * n_models
    random_ = rng.random
    low, width = 1 - spread, 2 * spread
    for _ in range(n):
        factors = [low + width * random_() for _ in range(n_questions)]
        raw = [0.0] * n_models
        for q, weighted in answered:
            f = factors[q]
            raw = [r + f * x for r, x in zip(raw, weighted)]
        total = sum(map(float.__mul__, map(float, weights), factors))
        fields = rules(c, raw, total, gated, count, supported)
        holds += key_of(*fields) == current.key
        if fields[1] is not None:
            firsts[fields[1]] += 1
    return {
        "share": round(holds / n, 3),
        "first": {m: round(k / n, 3) for m, k in zip(c.models, firsts)},
        "samples": n,
        "spread": spread,
        "seed": th.robustness_seed,
    }


def fill_in_robustness(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> dict[str, Any]:
    """The share of random ways to answer the unanswered questions (every option equally
    likely) under which the outcome holds. All answered: 1.0, with no samples drawn."""
    th = c.cat.thresholds
    open_questions = [q for q, p in enumerate(picks) if p < 0]
    if not open_questions:
        return {"share": 1.0, "samples": 0, "unanswered": 0, "seed": th.robustness_seed}
    rng = random.Random(th.robustness_seed + 1)
    n = th.fill_in_samples
    total = sum(weights)
    base = c.raw(picks, weights)
    # Each open question's options as weighted effects, added to the answered questions' totals.
    added = [(q, len(c.effects[q]), [[weights[q] * e for e in effects] for effects in c.effects[q]])
             for q in open_questions]
    # Gates: those settled by the given answers alone, and those that depend on open questions
    # (checked per sample on those questions only).
    fixed: set[int] = set()
    pending: list[tuple[int, list[tuple[int, int]]]] = []
    for model, conditions in c.gates:
        if all(picks[q] == o for q, o in conditions if picks[q] >= 0):
            rest = [(q, o) for q, o in conditions if picks[q] < 0]
            if rest:
                pending.append((model, rest))
            else:
                fixed.add(model)
    n_models, count = len(c.models), len(picks)
    holds = 0
    filled = list(picks)
    random_ = rng.random
    for _ in range(n):
        raw = list(base)
        for q, size, options in added:
            p = int(random_() * size)  # uniform over the options (faster than randrange)
            filled[q] = p
            for m, value in enumerate(options[p]):
                raw[m] += value
        gated = frozenset(fixed.union(m for m, rest in pending if all(filled[q] == o for q, o in rest)))
        fields = rules(c, raw, total, gated, count, lambda a, b: c.supported(filled, weights, a, b))
        holds += key_of(*fields) == current.key
    return {
        "share": round(holds / n, 3),
        "samples": n,
        "unanswered": len(open_questions),
        "seed": th.robustness_seed + 1,
    }
