"""Why the calculator says what it says, and what would change it.

- Reasons: for the recommendation, the answers that favour it over each rival, saying which
  rival; capped at four (research note: credit-scoring practice holds that more than four
  reasons stop helping). "Against": answers that favour a rival over it, naming the rival.
- What would change it: every single answer change (or new answer) that changes the outcome
  (counterfactuals, after Wachter, Mittelstadt and Russell, 2018), and for each answered
  question the nearest weight that does.

How firmly the outcome holds (the robustness figures, drawn by sampling) is calculator/robustness.py.
"""

from __future__ import annotations

from typing import Any, Sequence

from .decide import Compiled, Outcome, keyer, points

__all__ = [
    "MAX_AGAINST",
    "MAX_REASONS",
    "against",
    "answer_changes",
    "contributions",
    "reasons",
    "weight_changes",
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
                m: points(weights[q] * e, total) for m, e in zip(c.models, c.effects[q][p])
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
        # Only rivals this answer argues against (its reason sentence argues for `model`).
        over = [r for r in rivals if c.argues_for(q, p, model, r)]
        if over:
            e = c.effects[q][p]
            best = max(points(weights[q] * (e[model] - e[r]), total) for r in over)
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
    """The answers that favour a rival over `model`, strongest first, naming every rival they
    favour over it (each one a model the answer favours most, so that its reason sentence fits;
    an answer favouring two rivals equally names both, never one of them alone)."""
    total = sum(weights)
    rows = []
    for q, p in enumerate(picks):
        if p < 0 or weights[q] == 0:
            continue
        favoured = sorted((r for r in rivals if c.argues_for(q, p, r, model)), key=lambda r: c.rank_key[r])
        if favoured:
            e = c.effects[q][p]
            rows.append((points(weights[q] * (e[favoured[0]] - e[model]), total), q, p, favoured))
    rows.sort(key=lambda row: (-row[0], row[1]))
    return [
        {**_row(c, q, p), "favours": [c.models[r] for r in favoured], "edge": round(edge, 2)}
        for edge, q, p, favoured in rows[:MAX_AGAINST]
    ]


def _describe(c: Compiled, key: tuple) -> dict[str, Any]:
    """An outcome (its Outcome.key) as data: its state, the model or pair."""
    state, who = key
    return {
        "state": state,
        "recommendation": c.models[who] if state == "recommend" else None,
        "pair": [c.models[m] for m in who] if state == "close_call" else None,
    }


def answer_changes(
    c: Compiled, picks: Sequence[int], weights: Sequence[float], current: Outcome
) -> list[dict[str, Any]]:
    """Every single answer (changed, or newly given) that would change the outcome.

    Nearest first: a change to a given answer by its distance in the option list (the next
    option is nearer than the far end), then new answers; then questionnaire order.
    One answer changes one question's contribution, so each alternative's totals are the
    current ones with that contribution swapped (no re-scoring from scratch), and each is
    judged by the rules' key alone (decide.keyer, one per set of gates that fire), which asks
    which models the answers argue for only when a close call is possible.
    """
    found = []
    total = sum(weights)
    base = c.raw(picks, weights)
    keyers: dict[tuple, Any] = {}
    asks = [{g for g, _ in conditions} for _, conditions in c.gates]   # the questions each gate asks
    fire = [all(picks[g] in o for g, o in conditions) for _, conditions in c.gates]   # with the answers as given
    for q, question in enumerate(c.cat.questions):
        given = picks[q]
        w = weights[q]
        without = [r - w * e for r, e in zip(base, c.effects[q][given])] if given >= 0 else base
        answered = current.answered + (given < 0)
        # Gates that do not ask about this question fire or not as they do now.
        mine = [gate for gate, asked in zip(c.gates, asks) if q in asked]
        others = frozenset(m for (m, _), asked, fires in zip(c.gates, asks, fire) if fires and q not in asked)
        changed = list(picks)
        for p, option in enumerate(question.options):
            if p == given:
                continue
            changed[q] = p
            raw = [r + w * e for r, e in zip(without, c.effects[q][p])]
            gated = others.union(m for m, conditions in mine if all(changed[g] in o for g, o in conditions))
            applicable = c.applicable(changed) if q == c.kind else current.applicable
            key = keyers.get((gated, answered, applicable))
            if key is None:
                key = keyers[gated, answered, applicable] = keyer(c, gated, answered, applicable)
            leads_to = (key(raw, total, None) or key(raw, total, c.argued(changed, weights)))[0]
            if leads_to == current.key:
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
                        **_describe(c, leads_to),
                    },
                )
            )
    return [row for _, row in sorted(found, key=lambda item: item[0])]


def weight_changes(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> list[dict[str, Any]]:
    """For each answered question, the nearest weight (0..5) that would change the outcome.

    Nearest first (by how far the weight moves), then questionnaire order. A weight changes
    one question's contribution and the total weight; the gates stay as they are, and which
    answers support which model changes only when a weight falls to zero. Each weighting is
    judged by the rules' key alone (decide.keyer), as in `answer_changes`.
    """
    found = []
    base = c.raw(picks, weights)
    base_total = sum(weights)
    key = keyer(c, current.gated, current.answered, current.applicable)
    argued = c.argued(picks, weights)

    for q, question in enumerate(c.cat.questions):
        if picks[q] < 0:
            continue
        now = weights[q]
        effect = c.effects[q][picks[q]]
        for new_weight in sorted(range(6), key=lambda w: (abs(w - now), w)):
            if new_weight == now:
                continue
            total = base_total - now + new_weight
            if total == 0:
                continue
            step = new_weight - now
            raw = [r + step * e for r, e in zip(base, effect)]
            found_key = key(raw, total, None)
            if found_key is None:
                if new_weight == 0:   # this answer no longer argues for anything
                    changed = list(weights)
                    changed[q] = 0
                    found_key = key(raw, total, c.argued(picks, changed))
                else:
                    found_key = key(raw, total, argued)
            leads_to = found_key[0]
            if leads_to != current.key:
                found.append(
                    (
                        (abs(new_weight - now), q),
                        {
                            "question": question.id,
                            "prompt": question.prompt,
                            "from_weight": now,
                            "to_weight": new_weight,
                            **_describe(c, leads_to),
                        },
                    )
                )
                break
    return [row for _, row in sorted(found, key=lambda item: item[0])]
