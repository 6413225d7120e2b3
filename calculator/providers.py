"""Compare providers' proposals: gates, weighted quality, whole-life cost and price score.

The method (docs/compare-providers.md explains it; the criteria and the price method are data in
provider_criteria.toml):

    excluded         a proposal that fails any pass/fail criterion (the reason is each failed gate)
    quality          (100 - price weight) x sum(weight x score) / (5 x sum(weight))
    whole-life cost  the cost module's total for the chosen model over the horizon, from the
                     proposal's price and the shared figures (calculator/cost.py does the sums)
    price score      price weight x lowest whole-life cost / this proposal's whole-life cost
                     ("relative to the lowest price", Cabinet Office bid evaluation guidance 2021)
    total            quality + price score, out of 100; rank 1 is the highest total

Then the sensitivity: the margin between first and second; the single criterion weight (or the
quality/price split) whose smallest whole-number change puts another provider ahead, and the
single whole-life cost change (to the cent) that does; the criteria whose removal alone would
change the winner ("the lead rests on it"); a winner with a lower quality score than a rival
("wins on price"); and proposals whose cost is abnormally low against the others.

Arithmetic is exact (fractions), so equal totals tie exactly and the flipping points are exact;
the reply rounds figures for display only.

>>> r = evaluate({"model": "managed_services", "price_weight": 40,
...     "criteria": [{"id": "service_levels", "weight": 3}, {"id": "transition_plan", "weight": 1}],
...     "providers": [
...         {"name": "A", "scores": {"service_levels": 5, "transition_plan": 1}, "price": {"fee_per_month": 1000}},
...         {"name": "B", "scores": {"service_levels": 3, "transition_plan": 5}, "price": {"fee_per_month": 800}}]})
>>> [(p["name"], p["quality"], p["price_score"], p["total"]) for p in r["ranked"]]
[('B', 42.0, 40.0, 82.0), ('A', 48.0, 32.0, 80.0)]
>>> r["winner"], r["margin"]
('B', 2.0)
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any, Sequence

from .cost import compare_costs, cost_inputs
from .provider_criteria import ANCHOR_SCORES, MAX_WEIGHT, defaults, provider_data
from .provider_input import (CENT, MAX_CRITERIA, MAX_LABEL, MAX_NAME, MAX_NOTE, MAX_PROVIDERS, MAX_SCORE, Chosen,
                             Evaluation, Proposal, check_evaluation, invalid)

__all__ = ["MAX_CRITERIA", "MAX_NAME", "MAX_NOTE", "MAX_PROVIDERS", "MAX_SCORE", "Chosen", "Evaluation",
           "Proposal", "check_evaluation", "evaluate", "providers_schema"]


# ----- the arithmetic -------------------------------------------------------------------------

def _whole_life(ev: Evaluation, p: Proposal, index: int) -> dict[str, Any]:
    # check_evaluation has checked these very figures with check_cost, as compare_costs does.
    result = compare_costs({"general": ev.general, ev.model: p.price})
    mine = result["models"][ev.model]
    if mine["status"] != "quoted":
        raise invalid(f"provider “{p.name}”: enter its price ({provider_data().models[ev.model]} fees) so its "
                      f"whole-life cost can be worked out", f"providers[{index}].price")
    if mine["totals"]["total"] <= 0:
        raise invalid(f"provider “{p.name}”: its whole-life cost is 0; a price score needs a cost above 0",
                      f"providers[{index}].price")
    return {"total": mine["totals"]["total"], "lines": mine["totals"], "missing": mine["missing"],
            "horizon_months": result["horizon_months"], "currency": result["currency"]}


def _quality_fractions(criteria: Sequence[Chosen], weights: Sequence[int],
                       proposals: Sequence[Proposal]) -> list[Fraction]:
    """Each proposal's weighted quality as a fraction of the best possible (0 to 1)."""
    scored = [(c.id, w) for c, w in zip(criteria, weights) if c.kind == "scored"]
    total = sum(w for _, w in scored)
    return [Fraction(sum(w * p.scores[cid] for cid, w in scored), MAX_SCORE * total) for p in proposals]


def _totals(quality: Sequence[Fraction], costs: Sequence[Fraction],
            price_weight: int) -> list[tuple[Fraction, Fraction, Fraction]]:
    """(quality points, price score, total) per proposal: relative to the lowest cost."""
    low = min(costs)
    out = []
    for q, c in zip(quality, costs):
        qp = (100 - price_weight) * q
        pp = price_weight * low / c
        out.append((qp, pp, qp + pp))
    return out


def _leader(totals: Sequence[Fraction]) -> int | None:
    """The index of the single highest total, or None when the top is shared."""
    top = max(totals)
    leaders = [i for i, t in enumerate(totals) if t == top]
    return leaders[0] if len(leaders) == 1 else None


def _ahead_of(winner: int, totals: Sequence[Fraction]) -> int | None:
    """The provider now strictly ahead of `winner` (the highest such), or None."""
    best = None
    for i, t in enumerate(totals):
        if i != winner and t > totals[winner] and (best is None or t > totals[best]):
            best = i
    return best


def _weight_flip(ev: Evaluation, ranked: Sequence[Proposal], costs: Sequence[Fraction], winner: int) -> dict[str, Any] | None:
    """The smallest whole-number change of one weight (a criterion's or the price weight) that
    puts another provider strictly ahead of the winner.

    For criterion i at weight x, with d the winner's score minus a rival's, A and B the rest's
    weighted score difference and weight, Q the quality points and dP the price-score gap, the
    rival is ahead when Q(A + x d) + 5 dP (B + x) < 0: linear in x, so the flipping side starts
    at the first whole number past the root. The result is checked by evaluating it again."""
    weights = [c.weight for c in ev.criteria]
    quality = _quality_fractions(ev.criteria, weights, ranked)
    base = _totals(quality, costs, ev.price_weight)
    q_points = 100 - ev.price_weight
    candidates: list[tuple[int, int, str, int]] = []   # (distance, order, what, new weight)
    for order, c in enumerate(ev.criteria):
        if c.kind != "scored":
            continue
        rest = [(o, o_c.weight) for o, o_c in enumerate(ev.criteria) if o_c.kind == "scored" and o != order]
        b = sum(w for _, w in rest)
        for r in range(len(ranked)):
            if r == winner:
                continue
            d = ranked[winner].scores[c.id] - ranked[r].scores[c.id]
            a = sum(w * (ranked[winner].scores[ev.criteria[o].id] - ranked[r].scores[ev.criteria[o].id]) for o, w in rest)
            dp = base[winner][1] - base[r][1]
            slope = q_points * d + 5 * dp
            const = q_points * a + 5 * dp * b
            x = _first_whole_below_zero(slope, const, c.weight, 0, MAX_WEIGHT)
            if x is not None and b + x > 0:
                candidates.append((abs(x - c.weight), order, c.id, x))
    # The split: total = (100 - p) q + p s for quality fraction q and price share s.
    for r in range(len(ranked)):
        if r == winner:
            continue
        dq = quality[winner] - quality[r]
        ds = min(costs) / costs[winner] - min(costs) / costs[r]
        x = _first_whole_below_zero(ds - dq, 100 * dq, ev.price_weight, 0, 100)
        if x is not None:
            candidates.append((abs(x - ev.price_weight), len(ev.criteria), "price", x))
    for _, _, what, x in sorted(candidates):
        if what == "price":
            totals = [t for _, _, t in _totals(quality, costs, x)]
            label, current = "price weight", ev.price_weight
        else:
            trial = [x if c.id == what else c.weight for c in ev.criteria]
            totals = [t for _, _, t in _totals(_quality_fractions(ev.criteria, trial, ranked), costs, ev.price_weight)]
            label, current = next(c.label for c in ev.criteria if c.id == what), next(c.weight for c in ev.criteria if c.id == what)
        ahead = _ahead_of(winner, totals)
        if ahead is not None:
            return {"criterion": what, "label": label, "from": current, "to": x, "leader": ranked[ahead].name}
    return None


def _first_whole_below_zero(slope: Fraction, const: Fraction, current: int, low: int, high: int) -> int | None:
    """The whole number nearest `current` in [low, high] where slope * x + const < 0, or None."""
    if slope == 0:
        return None
    root = -Fraction(const) / slope
    if slope < 0:          # negative for x above the root
        x = math.floor(root) + 1
        return x if low <= x <= high and x > current else None
    x = math.ceil(root) - 1   # negative for x below the root
    return x if low <= x <= high and x < current else None


def _price_flip(ev: Evaluation, ranked: Sequence[Proposal], quality: Sequence[Fraction], costs: Sequence[Fraction],
                winner: int) -> dict[str, Any] | None:
    """The single whole-life cost change, to the cent, with the smallest relative size that puts
    another provider strictly ahead: a rival's cost falling, or the winner's rising. Totals move
    one way as one cost moves (a lower cost never lowers its own total nor raises another's), so
    a search over whole cents finds the exact boundary."""

    def flips(index: int, cents: int) -> int | None:
        trial = list(costs)
        trial[index] = Fraction(cents, CENT)
        return _ahead_of(winner, [t for _, _, t in _totals(quality, trial, ev.price_weight)])

    best = None
    for index in range(len(ranked)):
        now = int(costs[index] * CENT)
        if index != winner:
            if now <= 1 or flips(index, 1) is None:
                continue
            lo, hi = 1, now                  # flips at lo, not at hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (mid, hi) if flips(index, mid) is not None else (lo, mid)
            target = lo
        else:
            hi = max(now * 2, now + 1)
            while flips(index, hi) is None:
                if hi > 10 ** 16:
                    hi = None
                    break
                hi *= 2
            if hi is None:
                continue
            lo = now                         # not flipped at lo, flipped at hi
            while hi - lo > 1:
                mid = (lo + hi) // 2
                lo, hi = (lo, mid) if flips(index, mid) is not None else (mid, hi)
            target = hi
        change = abs(Fraction(target, CENT) - costs[index]) / costs[index]
        leader = flips(index, target)
        if best is None or change < best[0]:
            best = (change, index, target, leader)
    if best is None:
        return None
    change, index, target, leader = best
    return {"provider": ranked[index].name, "from": float(costs[index]), "to": target / CENT,
            "relative": round(float(change), 4), "leader": ranked[leader].name}


def _rests_on(ev: Evaluation, ranked: Sequence[Proposal], costs: Sequence[Fraction], winner: int) -> list[dict[str, str]]:
    """The scored criteria whose removal alone would put another provider ahead of the winner."""
    found = []
    for c in ev.criteria:
        if c.kind != "scored" or c.weight == 0:
            continue
        trial = [0 if o.id == c.id else o.weight for o in ev.criteria]
        if sum(w for o, w in zip(ev.criteria, trial) if o.kind == "scored") == 0:
            continue
        totals = [t for _, _, t in _totals(_quality_fractions(ev.criteria, trial, ranked), costs, ev.price_weight)]
        ahead = _ahead_of(winner, totals)
        if ahead is not None:
            found.append({"criterion": c.id, "label": c.label, "leader": ranked[ahead].name})
    return found


def _low_prices(ranked: Sequence[Proposal], costs: Sequence[Fraction]) -> list[dict[str, Any]]:
    """Proposals more than the set fraction below the adjusted average (the average of the
    ranked proposals' costs without the highest), when there are enough proposals to judge."""
    data = provider_data()
    if len(costs) < data.low_price_min:
        return []
    adjusted = (sum(costs) - max(costs)) / (len(costs) - 1)
    limit = (1 - Fraction(str(data.low_price_fraction))) * adjusted
    return [{"provider": p.name, "cost": float(c), "adjusted_average": round(float(adjusted), 2),
             "below": round(float(1 - c / adjusted), 4)}
            for p, c in zip(ranked, costs) if c < limit]


def _low_price_rule() -> dict[str, Any]:
    """The rule behind the low-price flag, from provider_criteria.toml's [low_price]: how far
    below the adjusted average, from how many proposals, and the sources of the trigger and of
    the duty to ask, as the page cites them."""
    data = provider_data()
    basis_cite, basis_guide = data.sources[data.low_price_basis]
    rule_cite, rule_guide = data.sources[data.low_price_rule_basis]
    return {"below": data.low_price_fraction, "min_proposals": data.low_price_min, "basis_cite": basis_cite,
            "basis_guide": basis_guide, "rule_cite": rule_cite, "rule_guide": rule_guide}


def _round(x: Fraction) -> float:
    return round(float(x), 4)


def evaluate(request: Any) -> dict[str, Any]:
    """The evaluation for a request (checked here); see the module's docstring."""
    ev = check_evaluation(request)
    data = provider_data()
    lives = [_whole_life(ev, p, i) for i, p in enumerate(ev.proposals)]
    gates = [c for c in ev.criteria if c.kind == "pass_fail"]
    excluded, ranked, ranked_lives = [], [], []
    for p, life in zip(ev.proposals, lives):
        failed = [c for c in gates if not p.passes[c.id]]
        if failed:
            excluded.append({"name": p.name, "failed": [{"criterion": c.id, "label": c.label} for c in failed],
                             "cost": life["total"], "scores": p.scores, "notes": p.notes, "passes": p.passes})
        else:
            ranked.append(p)
            ranked_lives.append(life)
    # One order for everything that follows (names differ ignoring case), so the reply does not
    # depend on the order the proposals came in.
    excluded.sort(key=lambda e: e["name"].casefold())
    pairs = sorted(zip(ranked, ranked_lives), key=lambda pair: pair[0].name.casefold())
    ranked, ranked_lives = [p for p, _ in pairs], [life for _, life in pairs]
    reply: dict[str, Any] = {
        "model": ev.model, "model_name": data.models[ev.model], "fixed_on": ev.fixed_on,
        "price_weight": ev.price_weight, "quality_weight": 100 - ev.price_weight,
        "price_method": ev.price_method, "horizon_months": lives[0]["horizon_months"],
        "currency": lives[0]["currency"],
        "criteria": [_criterion_out(ev, c) for c in ev.criteria],
        "excluded": excluded, "ranked": [], "winner": None, "tied": [], "margin": None,
        "weight_flip": None, "price_flip": None, "rests_on": [], "wins_on_price": None, "low_prices": [],
        "low_price_rule": _low_price_rule(), "input": ev.to_dict(),
    }
    if not ranked:
        return reply
    # The cost module rounds totals to the cent; read them as exact cents (2.16, not the binary
    # float nearest it), so a figure read back from the reply compares exactly as it did here.
    costs = [Fraction(round(life["total"] * CENT), CENT) for life in ranked_lives]
    quality = _quality_fractions(ev.criteria, [c.weight for c in ev.criteria], ranked)
    totals = _totals(quality, costs, ev.price_weight)
    order = sorted(range(len(ranked)), key=lambda i: (-totals[i][2], ranked[i].name.casefold(), ranked[i].name))
    for i in order:
        p, life, (qp, pp, t) = ranked[i], ranked_lives[i], totals[i]
        reply["ranked"].append({
            "name": p.name, "rank": 1 + sum(other[2] > t for other in totals),
            "quality": _round(qp), "price_score": _round(pp), "total": _round(t), "cost": life["total"],
            "cost_lines": life["lines"], "missing": life["missing"],
            "scores": p.scores, "notes": p.notes, "passes": p.passes,
        })
    winner = _leader([t for _, _, t in totals])
    if winner is None:
        reply["tied"] = [r["name"] for r in reply["ranked"] if r["rank"] == 1]
    else:
        reply["winner"] = ranked[winner].name
        if len(ranked) > 1:
            second = order[1]
            reply["margin"] = _round(totals[winner][2] - totals[second][2])
            reply["weight_flip"] = _weight_flip(ev, ranked, costs, winner)
            reply["price_flip"] = _price_flip(ev, ranked, quality, costs, winner)
            reply["rests_on"] = _rests_on(ev, ranked, costs, winner)
            better = [ranked[i].name for i in order if quality[i] > quality[winner]]
            if better:
                reply["wins_on_price"] = {"higher_quality": better}
    reply["low_prices"] = _low_prices(ranked, costs)
    return reply


def _criterion_out(ev: Evaluation, c: Chosen) -> dict[str, Any]:
    data = provider_data()
    total = sum(o.weight for o in ev.criteria if o.kind == "scored")
    out: dict[str, Any] = {"id": c.id, "label": c.label, "kind": c.kind, "weight": c.weight, "custom": c.known is None,
                           "share": round(100 * c.weight / total, 2) if c.kind == "scored" else None}
    if c.known is not None:
        k = c.known
        out.update(strong=k.strong, rationale=k.rationale, basis=k.basis, basis_cite=data.sources[k.basis][0],
                   basis_guide=data.sources[k.basis][1], guide=k.guide,
                   default_weight=k.weights.get(ev.model) if k.kind == "scored" else None,
                   anchors={str(s): k.anchors[s] for s in ANCHOR_SCORES} if k.kind == "scored" else None)
    return out


def providers_schema() -> dict[str, Any]:
    """What a form needs: the models, each model's default criteria, the price split and method,
    and the limits."""
    data = provider_data()
    method = data.methods[data.default_method]
    return {
        "models": [{"id": m, "name": n} for m, n in data.models.items()],
        "criteria": {m: [{"id": c.id, "label": c.label, "kind": c.kind, "strong": c.strong,
                          "weight": c.weights.get(m, 0), "rationale": c.rationale, "basis": c.basis,
                          "basis_cite": data.sources[c.basis][0], "basis_guide": data.sources[c.basis][1],
                          "guide": c.guide,
                          "anchors": {str(s): c.anchors[s] for s in ANCHOR_SCORES} if c.kind == "scored" else None}
                         for c in defaults(m)] for m in data.models},
        "price": {"weight": data.price_weight, "rationale": data.price_weight_rationale,
                  "basis": data.price_weight_basis,
                  "method": {"id": method.id, "name": method.name, "formula": method.formula,
                             "explanation": method.explanation, "basis": method.basis,
                             "basis_cite": data.sources[method.basis][0], "basis_guide": data.sources[method.basis][1]}},
        "low_price": _low_price_rule(),
        "price_figures": {m: [x.id for x in cost_inputs() if x.group == m] for m in data.models},
        "limits": {"providers": MAX_PROVIDERS, "criteria": MAX_CRITERIA, "name": MAX_NAME, "note": MAX_NOTE,
                   "label": MAX_LABEL, "score": MAX_SCORE, "weight": MAX_WEIGHT},
    }
