"""From raw totals to what a reader acts on: a recommendation, a close call, or not yet.

The rules, in order (the method page states the same):

1. No answers: no recommendation.
2. Which models can be proposed at all. A model applies to the work unless the kind of work
   rules it out (questions.toml `applies`: BPO hands over a business process, so it does not
   apply to a build). A model fits when it applies and the answers on balance argue for it (its
   score is above `fits_above`). A model is ready when none of its gates fires. Only a ready
   model that fits is ever recommended, paired in a close call or named "for now"; only a gated
   model that fits is ever named as what would fit later.
3. If no ready model fits: "not ready" when some gated model fits (the result names its steps,
   in order, and an interim option that serves them where there is one); otherwise "no fit":
   none of the three fits the answers as they stand.
4. Close call: the best ready fitting model and the next model of the ranking that applies are
   less than `close_call` points apart, that next model is ready and fits too, at least
   `provisional_below` questions are answered, and answers argue for each of the two (so a
   combination is never proposed without answers that support it).
5. Otherwise the best ready fitting model is recommended: "provisional" below
   `provisional_below` answers; "for now" when a gated model that fits scores above it; "tie"
   when the next applicable model scores the same; else "clear" from `leaning` points ahead of
   the next applicable model (or, when no other model applies, from the line above which a
   model fits), else "leaning". (A "clear"
   result whose confidence is low reads "leaning": see result.py.)
6. "Later": when a gated model that fits scores above the recommendation, the result says it
   would fit once its steps are done ("Managed services now; BPO once the process is documented").

This module works on compiled numbers (option positions, weight lists), because the same
decision is repeated for every counterfactual and every robustness sample.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from .data import Catalogue

__all__ = ["Compiled", "Outcome", "compiled", "decide", "key_of", "keyer", "points", "rules", "verdict"]


def points(raw: float, total_weight: float) -> float:
    """A raw total (or a difference of two) in score points.

    Each answered question adds ``weight x effect`` to each model's raw total (effects -2..+2,
    weights 0..5, all whole numbers, so totals are exact). Scores share one scale::

        score = 50 + 50 * raw / (2 * sum of all weights)  =  50 + 25 * raw / W

    so 50 is neutral, 100 means every question argued as strongly as possible for the model, and
    an unanswered question simply adds nothing (which is why fewer answers give less separated
    scores). Because the model is linear, each question's contribution is exact and the
    contributions add up to ``score - 50`` (research note: for a linear model the contribution
    of a factor is its weight times its value). The loops that run once per sample (``keyer``,
    robustness.py) write ``25 * raw / W`` out rather than call this.

    >>> points(6, 30), 50 + points(-60, 30)
    (5.0, 0.0)
    """
    return 25 * raw / total_weight


@dataclass(frozen=True)
class Compiled:
    """The catalogue as numbers: model and question positions, effects, gates, applicability."""

    cat: Catalogue
    models: tuple[str, ...]  # catalogue order
    rank_key: tuple[int, ...]  # per model: its place in the tie-break order
    effects: tuple[tuple[tuple[int, ...], ...], ...]  # [question][option] -> effect per model
    gates: tuple[tuple[int, tuple[tuple[int, frozenset[int]], ...]], ...]  # (model, ((question, options), ...))
    argues: tuple[tuple[int, ...], ...]  # [question][option] -> which models it argues for (_argues)
    kind: int | None  # the question whose answer says which models apply (None: all always do)
    applies: tuple[frozenset[int], ...]  # [option of `kind`] -> the models that apply
    fit_cut: float  # a model fits when its raw total is above fit_cut x the total weight

    def picks(self, answers: Mapping[str, str]) -> list[int]:
        """Answers as option positions per question (-1: unanswered)."""
        return [q.index(answers[q.id]) if q.id in answers else -1 for q in self.cat.questions]

    def answers(self, picks: Sequence[int]) -> dict[str, str]:
        return {q.id: q.options[p].id for q, p in zip(self.cat.questions, picks) if p >= 0}

    def raw(self, picks: Sequence[int], weights: Sequence[float]) -> list[float]:
        totals = [0] * len(self.models)
        for q, p in enumerate(picks):
            if p >= 0:
                w = weights[q]
                for m, e in enumerate(self.effects[q][p]):
                    totals[m] += w * e
        return totals

    def gated(self, picks: Sequence[int]) -> frozenset[int]:
        return frozenset(m for m, conditions in self.gates if all(picks[q] in o for q, o in conditions))

    @functools.cached_property
    def every_model(self) -> frozenset[int]:
        return frozenset(range(len(self.models)))

    def applicable(self, picks: Sequence[int]) -> frozenset[int]:
        """The models that apply to the work as answered (every model until it is answered)."""
        if self.kind is None or picks[self.kind] < 0:
            return self.every_model
        return self.applies[picks[self.kind]]

    def fits(self, raw: Sequence[float], total: float, applicable: frozenset[int]) -> frozenset[int]:
        """The models that apply and that the answers, on balance, argue for."""
        cut = self.fit_cut * total
        return frozenset(m for m in applicable if raw[m] > cut)

    def supported(self, picks: Sequence[int], weights: Sequence[float], a: int, b: int) -> bool:
        """Whether some answer argues for `a` over `b` and some other for `b` over `a`. An answer
        argues for a model only if it favours it at least as much as any other model (an answer
        that merely hurts `b` more than `a` argues for neither; see explain.reasons)."""
        return self.supports(self.argued(picks, weights), a, b)

    def argued(self, picks: Sequence[int], weights: Sequence[float]) -> int:
        """Which models the answers argue for over which (the `argues` bits of every answer
        with a weight above zero, together)."""
        bits = 0
        for q, p in enumerate(picks):
            if p >= 0 and weights[q] > 0:
                bits |= self.argues[q][p]
        return bits

    def argues_for(self, q: int, p: int, a: int, b: int) -> bool:
        """Whether option `p` of question `q` argues for model `a` over model `b` (see `_argues`)."""
        return bool(self.argues[q][p] >> (a * len(self.models) + b) & 1)

    def supports(self, argued: int, a: int, b: int) -> bool:
        """Whether `argued` (see `argued`) has answers for `a` over `b` and for `b` over `a`."""
        n = len(self.models)
        return bool(argued >> (a * n + b) & 1 and argued >> (b * n + a) & 1)


def _argues(effect: Sequence[int]) -> int:
    """One option's arguments as bits: bit a * n + b is set when the option argues for model a
    over model b (it favours a at least as much as any model, and more than b)."""
    n, top = len(effect), max(effect)
    return sum(1 << (a * n + b) for a in range(n) for b in range(n) if effect[a] == top and effect[a] > effect[b])


@functools.cache
def compiled(cat: Catalogue) -> Compiled:
    models = cat.model_ids
    by_question = {q.id: i for i, q in enumerate(cat.questions)}
    effects = tuple(tuple(tuple(o.effects[m] for m in models) for o in q.options) for q in cat.questions)
    kind = cat.kind_question
    return Compiled(
        cat=cat,
        models=models,
        rank_key=tuple(cat.tie_break.index(m) for m in models),
        effects=effects,
        gates=tuple(
            (
                models.index(g.model),
                tuple((by_question[q], frozenset(cat.question(q).index(o) for o in options))
                      for q, options in g.when.items()),
            )
            for g in cat.gates
        ),
        argues=tuple(tuple(_argues(effect) for effect in options) for options in effects),
        kind=by_question[kind.id] if kind else None,
        applies=tuple(frozenset(models.index(m) for m in o.applies) for o in kind.options) if kind else (),
        # score = 50 + 25 x raw / total > fits_above  <=>  raw > (fits_above - 50) / 25 x total
        fit_cut=(cat.thresholds.fits_above - 50) / 25,
    )


@dataclass(frozen=True)
class Outcome:
    """What the answers lead to. `key` is what counts as "the same result" for the
    counterfactuals and the robustness figures."""

    state: str  # "no_answers" | "not_ready" | "no_fit" | "close_call" | "recommend"
    leader: int | None  # the recommended model (the first of a close pair), else None
    pair: tuple[int, int] | None  # a close call's two models, in tie-break order
    runner: int | None  # the next model below the leader that applies, ready or not
    margin: float | None  # points between leader and runner (or the fit line, with no runner)
    later: int | None  # a gated model that fits, scoring above the leader
    ranking: tuple[int, ...]  # every model, best score first
    gated: frozenset[int]
    answered: int
    applicable: frozenset[int] = frozenset()
    fits: frozenset[int] = frozenset()

    @property
    def key(self) -> tuple:
        if self.state == "close_call":
            return ("close_call", self.pair)
        return (self.state, self.leader)


def rules(
    c: Compiled,
    raw: Sequence[float],
    total: float,
    gated: frozenset[int],
    answered: int,
    supported: Callable[[int, int], bool],
    applicable: frozenset[int] | None = None,
) -> tuple:
    """The rules of this module's docstring on numbers already computed, as the fields of an
    Outcome (see `decide`). `supported(a, b)` is asked only when a close call is possible.
    `applicable`: the models that apply to the work (default: every model)."""
    applicable = c.every_model if applicable is None else applicable
    ranking = tuple(sorted(range(len(raw)), key=lambda m: (-raw[m], c.rank_key[m])))
    if answered == 0:
        return "no_answers", None, None, None, None, None, ranking
    fits = c.fits(raw, total, applicable)
    ready = [m for m in ranking if m in fits and m not in gated]
    if not ready:
        return ("not_ready" if fits else "no_fit"), None, None, None, None, None, ranking
    leader = ready[0]
    # A gated model that fits and scores strictly above the recommendation would fit once its
    # steps are done (every model ranked above the leader that fits is gated).
    position = ranking.index(leader)
    later = next((m for m in ranking[:position] if m in fits and raw[m] > raw[leader]), None)
    # The runner-up is the next model below the leader that applies, ready or not: a gated
    # model below the recommendation does not change it, so the margin is measured against
    # whatever applies next. When no other model applies, the alternative is that none fits:
    # the margin is then measured from the line above which a model fits.
    runner = next((m for m in ranking[position + 1:] if m in applicable), None)
    below = raw[runner] if runner is not None else c.fit_cut * total
    margin = points(raw[leader] - below, total)
    if (
        runner is not None
        and runner not in gated
        and runner in fits
        and answered >= c.cat.thresholds.provisional_below
        and margin < c.cat.thresholds.close_call
        and supported(leader, runner)
    ):
        pair = (leader, runner) if c.rank_key[leader] < c.rank_key[runner] else (runner, leader)
        return "close_call", leader, pair, runner, margin, later, ranking
    return "recommend", leader, None, runner, margin, later, ranking


def keyer(
    c: Compiled, gated: frozenset[int], answered: int, applicable: frozenset[int] | None = None
) -> Callable[[Sequence[float], float, int | None], tuple[tuple, int | None] | None]:
    """`rules` for loops in which the gates, the models that apply and the number of answers
    stay fixed (the robustness samples): a function from a sample's totals, total weight and
    which models its answers argue for (`Compiled.argued`) to (Outcome.key, the recommended or
    first-of-pair model), without building the whole outcome. It gives what
    `key_of(*rules(...))` and `rules(...)[1]` give (tested). Given None for `argued`, it
    returns None when it needs it (a close call is possible), so that callers work it out only
    then."""
    if answered == 0:
        return lambda raw, total, argued: (("no_answers", None), None)
    applicable = c.every_model if applicable is None else applicable
    rk = c.rank_key
    order = [m for m in sorted(range(len(c.models)), key=rk.__getitem__) if m in applicable]  # tie-break order
    ready = [m for m in order if m not in gated]
    waiting = [m for m in order if m in gated]
    th = c.cat.thresholds
    can_close = answered >= th.provisional_below
    close_call = th.close_call
    supports = c.supports
    cut = c.fit_cut

    def key(raw: Sequence[float], total: float, argued: int | None) -> tuple[tuple, int | None] | None:
        limit = cut * total
        # The best ready model that fits; on equal totals the earlier in the tie-break order.
        leader = None
        best = limit
        for m in ready:
            if raw[m] > best:
                leader, best = m, raw[m]
        if leader is None:
            if any(raw[m] > limit for m in waiting):
                return ("not_ready", None), None
            return ("no_fit", None), None
        # The next model below it in the ranking that applies, ready or not (as in `rules`).
        runner = None
        below = -1.0
        for m in order:
            value = raw[m]
            if m != leader and (value < best or value == best and rk[m] > rk[leader]):
                if runner is None or value > below:
                    runner, below = m, value
        if (
            can_close
            and runner is not None
            and runner not in gated
            and below > limit
            and 25 * (best - below) / total < close_call
        ):
            if argued is None:
                return None
            if not supports(argued, leader, runner):
                return ("recommend", leader), leader
            pair = (leader, runner) if rk[leader] < rk[runner] else (runner, leader)
            return ("close_call", pair), leader
        return ("recommend", leader), leader

    return key


def key_of(state: str, leader: int | None, pair: tuple[int, int] | None, *_: object) -> tuple:
    """What counts as "the same result" (Outcome.key) from the fields `rules` returns."""
    return ("close_call", pair) if state == "close_call" else (state, leader)


def decide(
    c: Compiled,
    picks: Sequence[int],
    weights: Sequence[float],
    raw: Sequence[float] | None = None,
    total_weight: float | None = None,
) -> Outcome:
    """Apply the rules in this module's docstring to one set of answers and weights."""
    answered = sum(1 for p in picks if p >= 0)
    raw = c.raw(picks, weights) if raw is None else raw
    total = sum(weights) if total_weight is None else total_weight
    gated = c.gated(picks)
    applicable = c.applicable(picks)
    state, leader, pair, runner, margin, later, ranking = rules(
        c, raw, total, gated, answered, lambda a, b: c.supported(picks, weights, a, b), applicable
    )
    fits = c.fits(raw, total, applicable) if total else frozenset()
    return Outcome(state, leader, pair, runner, margin, later, ranking, gated, answered, applicable, fits)


def verdict(c: Compiled, outcome: Outcome) -> str:
    """One word for how firm the outcome is.

    ``no_answers``, ``not_ready`` (a model fits but is gated), ``no_fit`` (no model fits),
    ``provisional`` (too few answers), ``close_call``, ``for_now`` (a gated model that fits
    scores higher and would fit once its steps are done), ``tie`` (the next model that applies
    scores the same), ``leaning`` or ``clear``.
    """
    th = c.cat.thresholds
    if outcome.state in ("no_answers", "not_ready", "no_fit", "close_call"):
        return outcome.state
    if outcome.answered < th.provisional_below:
        return "provisional"
    if outcome.later is not None:
        return "for_now"
    if outcome.margin == 0:
        return "tie"
    return "clear" if outcome.margin >= th.leaning else "leaning"
