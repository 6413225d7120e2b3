"""How firmly the outcome holds: two figures, both seeded so the same answers always give the
same numbers.

- The share of randomly perturbed weightings under which the outcome holds (a rank
  acceptability index, after Lahdelma and Salminen's SMAA).
- The share of random ways to answer the unanswered questions under which it holds.

Where bounds prove that every draw would agree, the share is 1 without drawing (the same
figure, tested against the draws). The draws are bit-packed (`sampled_fill_in_robustness`) so
that a phone's Python answers within a frame; the reasons for a result are calculator/explain.py.
"""

from __future__ import annotations

import functools
import random
from math import sumprod
from typing import Any, Sequence

from .data import EFFECT_RANGE, WEIGHT_RANGE
from .decide import Compiled, Outcome, keyer

__all__ = ["fill_in_robustness", "sampled_fill_in_robustness", "sampled_weight_robustness", "weight_robustness"]

# Packing of weighted effects in sampled_fill_in_robustness (see there): each model's field
# holds a weighted effect plus BIAS (so it is never negative), summed over at most all questions.
BIAS = max(map(abs, EFFECT_RANGE)) * max(WEIGHT_RANGE)
FIELD = 16  # bits: room for 2 * BIAS per question for far more questions than there are
MASK = (1 << FIELD) - 1
# In sampled_fill_in_robustness: a sample whose outcome turns on its answers' arguments.
NEEDS_ARGUED = ((), None)


def weight_robustness(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> dict[str, Any]:
    """The share of perturbed weightings (each weight x a factor in 1 +/- spread) under which
    the outcome holds, and how often each model comes first among the ready ones.

    When the bounds of `_every_weighting_holds` show that every weighting in that range gives
    the same recommendation, the share is 1 without drawing: the samples would all agree.
    """
    th = c.cat.thresholds
    n = th.robustness_samples
    if _every_weighting_holds(c, picks, weights, current):
        return {
            "share": 1.0,
            "first": {m: float(i == current.leader) for i, m in enumerate(c.models)},
            "samples": n,
            "spread": th.robustness_spread,
            "seed": th.robustness_seed,
        }
    return sampled_weight_robustness(c, picks, weights, current)


def _lowest(terms: Sequence[float], low: float, high: float) -> float:
    """The least value of sum(f_i * t_i) over factors f_i each in [low, high]."""
    return sum(t * (low if t > 0 else high) for t in terms)


def _every_weighting_holds(c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome) -> bool:
    """Whether every weighting with factors in 1 +/- spread keeps the current recommendation.

    Each condition of the rules is linear in the factors, so its least value over the box of
    factors is found term by term. The recommendation holds if, at that least value, it still
    fits (raw_l > fit_cut * total), it still beats every ready rival that applies (strictly),
    and, where a close call is possible, it stays at least `close_call` points ahead of every
    such rival it could be paired with: 25 * (raw_l - raw_o) >= close_call * total, a linear
    condition too. False when unsure (then the weightings are sampled).
    """
    if current.state != "recommend":
        return False
    th = c.cat.thresholds
    low, high = 1 - th.robustness_spread, 1 + th.robustness_spread
    leader = current.leader
    scale = sum(weights) * high * 4  # the largest a difference can be; for the float margin
    fit_terms = [weights[q] * c.effects[q][p][leader] - c.fit_cut * weights[q] if p >= 0 else -c.fit_cut * weights[q]
                 for q, p in enumerate(picks)]
    if _lowest(fit_terms, low, high) <= 1e-9 * scale:
        return False
    for rival in range(len(c.models)):
        if rival == leader or rival in current.gated or rival not in current.applicable:
            continue
        diffs = [weights[q] * (c.effects[q][p][leader] - c.effects[q][p][rival]) if p >= 0 else 0
                 for q, p in enumerate(picks)]
        if _lowest(diffs, low, high) <= 1e-9 * scale:
            return False
        if current.answered >= th.provisional_below and c.supported(picks, weights, leader, rival):
            terms = [25 * d - th.close_call * w for d, w in zip(diffs, weights)]
            if _lowest(terms, low, high) <= 1e-9 * 25 * scale:
                return False
    return True


def sampled_weight_robustness(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> dict[str, Any]:
    """`weight_robustness` by drawing every sample.

    One draw per question in questionnaire order, answered or not, so the stream of random
    numbers does not depend on which questions are answered. The answers do not change, so
    the gates and which answers support which model are worked out once, outside the loop.
    """
    th = c.cat.thresholds
    spread, n = th.robustness_spread, th.robustness_samples
    n_models = len(c.models)
    # Per model, the weighted effect of each question (0 when unanswered): a sample's total for
    # a model is these times the sample's factors (math.sumprod adds the zeros exactly).
    columns = [[weights[q] * c.effects[q][p][m] if p >= 0 else 0 for q, p in enumerate(picks)] for m in range(n_models)]
    key = keyer(c, current.gated, current.answered, current.applicable)
    argued = c.argued(picks, weights)  # perturbed weights stay above zero (spread < 1)

    holds = 0
    firsts = [0] * n_models
    rows = _factor_rows(th.robustness_seed, spread, n, len(picks))
    for factors, total in zip(rows, _weight_totals(th.robustness_seed, spread, n, tuple(weights))):
        sample_key, first = key([sumprod(factors, column) for column in columns], total, argued)
        holds += sample_key == current.key
        if first is not None:
            firsts[first] += 1
    return {
        "share": round(holds / n, 3),
        "first": {m: round(k / n, 3) for m, k in zip(c.models, firsts)},
        "samples": n,
        "spread": spread,
        "seed": th.robustness_seed,
    }


@functools.cache
def _factor_rows(seed: int, spread: float, n: int, count: int) -> tuple[tuple[float, ...], ...]:
    """`n` samples of `count` factors each (one per question, in questionnaire order), drawn
    uniformly from 1 +/- spread by the generator seeded with `seed`. The figure is seeded, so
    every call draws the very same ones: they are drawn once (issue 23)."""
    rng = random.Random(seed)
    low, width = 1 - spread, 2 * spread
    draws = [low + width * rng.random() for _ in range(n * count)]
    return tuple(tuple(draws[start:start + count]) for start in range(0, n * count, count))


@functools.lru_cache(maxsize=8)
def _weight_totals(seed: int, spread: float, n: int, weights: tuple[int, ...]) -> tuple[float, ...]:
    """Each sample's total weight (the weights times its factors): the same for every set of
    answers scored with these weights, so worked out once for them (most readers keep the
    default weights)."""
    return tuple(sumprod(weights, factors) for factors in _factor_rows(seed, spread, n, len(weights)))


def fill_in_robustness(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> dict[str, Any]:
    """The share of random ways to answer the unanswered questions (every option equally
    likely) under which the outcome holds. All answered: 1.0, with no samples drawn; nor when
    `_every_fill_in_holds` shows that no way of answering them changes the outcome."""
    th = c.cat.thresholds
    open_questions = [q for q, p in enumerate(picks) if p < 0]
    if not open_questions:
        return {"share": 1.0, "samples": 0, "unanswered": 0, "seed": th.robustness_seed}
    if _every_fill_in_holds(c, picks, weights, current):
        return {"share": 1.0, "samples": th.fill_in_samples, "unanswered": len(open_questions),
                "seed": th.robustness_seed + 1}
    return sampled_fill_in_robustness(c, picks, weights, current)


def _every_fill_in_holds(c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome) -> bool:
    """Whether every way to answer the open questions keeps the current recommendation.

    With every question answered a close call is possible, and gates on open questions may
    fire. The recommendation holds if no gate of its own can fire, and, answering each open
    question in the way least favourable to it, it still beats every rival that is not
    already gated by at least `close_call` points (so no tie and no close call, whatever the
    answers argue). Scores are whole numbers here, so the test is exact. False when unsure
    (then the ways are sampled).
    """
    if current.state != "recommend":
        return False
    leader = current.leader
    for model, conditions in c.gates:
        if model == leader and all(picks[q] == -1 or picks[q] in o for q, o in conditions):
            return False  # its own gate could still fire
    if c.kind is not None and picks[c.kind] < 0 and any(leader not in a for a in c.applies):
        return False  # the kind of work could still rule it out
    th = c.cat.thresholds
    total = sum(weights)
    # It must still fit however the rest is answered.
    least_own = sum(weights[q] * min(e[leader] for e in ([c.effects[q][p]] if p >= 0 else c.effects[q]))
                    for q, p in enumerate(picks))
    if not least_own > c.fit_cut * total:
        return False
    fixed = {m for m, conditions in c.gates if all(picks[q] in o for q, o in conditions)}
    for rival in range(len(c.models)):
        if rival == leader or rival in fixed or rival not in current.applicable:
            continue
        least = 0
        for q, p in enumerate(picks):
            options = [c.effects[q][p]] if p >= 0 else c.effects[q]
            least += weights[q] * min(e[leader] - e[rival] for e in options)
        # (A tie or worse, least <= 0, is below the close-call line too: 0 < close_call, data.py.)
        if 25 * least / total < th.close_call:
            return False
    return True


def _uniform(rng: random.Random, size: int, n: int) -> bytes:
    """`n` draws, each uniform over range(`size`) (size <= 256), as bytes."""
    table, drop = _byte_table(size)
    out = b""
    while len(out) < n:
        out += rng.randbytes(n + n // 8 + 8).translate(table, drop)
    return out[:n]


@functools.cache
def _byte_table(size: int) -> tuple[bytes, bytes]:
    """For bytes.translate: each byte modulo `size`, and the bytes to drop (from the largest
    multiple of `size` up: they would favour the first options)."""
    keep = 256 // size * size
    return bytes(b % size for b in range(keep)) + bytes(256 - keep), bytes(range(keep, 256))


def _gated_bytes(c: Compiled, picks: Sequence[int], drawn: dict[int, bytes], n: int) -> bytes:
    """Each of `n` samples' gated models as one byte, bit `model` set when the model's gate
    fires: the gates the given answers settle, and those whose open conditions the sample's
    drawn answers meet (`drawn[q]`: the samples' options for open question q, one byte each).

    Worked out for all samples at once, in C: a condition's drawn options become bytes of 0 or
    1 (bytes.translate), read as one whole number of n bytes; the conditions of a gate are
    ANDed, and each gate's 1s are shifted to its model's bit and ORed in. A byte holds the bits
    of at most 8 models (data.py allows no more) and no bit crosses into the next byte.
    """
    ones = int.from_bytes(b"\x01" * n, "little")
    gated = 0
    for model, conditions in c.gates:
        met = ones
        for q, options in conditions:
            if picks[q] >= 0:
                if picks[q] not in options:
                    break
            else:
                met &= int.from_bytes(drawn[q].translate(_member_table(options)), "little")
        else:
            gated |= met << model
    return gated.to_bytes(n, "little")


@functools.cache
def _member_table(options: frozenset[int]) -> bytes:
    """For bytes.translate: 1 for each option in `options`, 0 for every other byte."""
    return bytes(int(b in options) for b in range(256))


def sampled_fill_in_robustness(
    c: Compiled, picks: Sequence[int], weights: Sequence[int], current: Outcome
) -> dict[str, Any]:
    """`fill_in_robustness` by drawing every sample."""
    th = c.cat.thresholds
    open_questions = [q for q, p in enumerate(picks) if p < 0]
    rng = random.Random(th.robustness_seed + 1)
    n = th.fill_in_samples
    total = sum(weights)
    base = c.raw(picks, weights)
    n_models = len(c.models)
    # Each sample's answer to each open question, uniform over its options: random bytes,
    # those that would favour some options dropped, the rest taken modulo the number of
    # options (all in C: bytes.translate). Columns are questions, rows samples.
    drawn = [_uniform(rng, len(c.effects[q]), n) for q in open_questions]
    # Each open question's options as weighted effects packed into one whole number, a field
    # of FIELD bits per model, each biased by BIAS to stay positive: a sample's added totals
    # are then one sum of whole numbers, unpacked once per model.
    packed = [[sum((weights[q] * e + BIAS) << (FIELD * m) for m, e in enumerate(option)) for option in c.effects[q]]
              for q in open_questions]
    added = list(map(sum, zip(*(map(options.__getitem__, column) for options, column in zip(packed, drawn)))))
    bias = BIAS * len(open_questions)
    raws = [[b - bias + ((a >> shift) & MASK) for a in added] for b, shift in zip(base, range(0, FIELD * n_models, FIELD))]
    # Each sample's gated models as bits (1 << model): the gates the given answers settle, and
    # those whose open conditions the sample's answers meet.
    drawn_for = dict(zip(open_questions, drawn))   # open question -> its column
    gated_bits: Sequence[int] = _gated_bytes(c, picks, drawn_for, n)
    # Which models apply, when the kind of work is one of the open questions: per sample, the
    # drawn kind's option (folded into the gate bits' key above the model bits).
    if c.kind is not None and picks[c.kind] < 0:
        kinds = drawn_for[c.kind]
        gated_bits = [bits | (kind + 1) << n_models for bits, kind in zip(gated_bits, kinds)]
    # Which models a sample's answers argue for (Compiled.argued), worked out only for the
    # samples that could be close calls: the given answers', and the drawn answers' of each
    # open question whose weight counts.
    argued_given = c.argued(picks, weights)
    arguing = [(c.argues[q], column) for q, column in zip(open_questions, drawn) if weights[q] > 0]
    count = len(picks)
    wanted = current.key
    keyers: dict[int, Any] = {}
    # What `key` gave for a sample's totals and gates, kept for the samples that repeat them (the
    # fewer the open questions, the more do): `key` is a function of them alone, except when it
    # needs the sample's own answers' arguments (NEEDS_ARGUED: worked out for each such sample).
    known: dict[tuple, Any] = {}
    holds = 0
    for s, sample in enumerate(zip(zip(*raws), gated_bits)):
        found = known.get(sample)
        if found is None or found is NEEDS_ARGUED:
            raw, bits = sample
            key = keyers.get(bits)
            if key is None:
                kind = bits >> n_models
                applicable = c.applies[kind - 1] if kind else current.applicable
                key = keyers[bits] = keyer(c, frozenset(m for m in range(n_models) if bits >> m & 1), count, applicable)
            if found is None:
                found = known[sample] = key(raw, total, None) or NEEDS_ARGUED
            if found is NEEDS_ARGUED:
                argued = argued_given
                for argues, column in arguing:
                    argued |= argues[column[s]]
                found = key(raw, total, argued)
        holds += found[0] == wanted
    return {
        "share": round(holds / n, 3),
        "samples": n,
        "unanswered": len(open_questions),
        "seed": th.robustness_seed + 1,
    }
