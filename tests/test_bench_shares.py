"""bench/recommendation_shares.py counts outcomes with its own enumeration (folded raw totals and
its own table of which answers argue for which model). Checked here against the engine: with
every answer fixed, the bench's count is the one profile `decide` gives for those answers, on a
few thousand random complete profiles; and its argument table is the engine's (decide._argues).
"""

from __future__ import annotations

import random

import pytest

from bench import recommendation_shares as bench
from calculator import catalogue
from calculator.decide import compiled, decide

CAT = catalogue()
C = compiled(CAT)
WEIGHTS = [q.weight for q in CAT.questions]


def test_the_bench_argues_as_the_engine_does():
    """For every option of every question, the bench's 'argues for a over b' pairs are exactly
    the engine's (Compiled.argues_for)."""
    for q, options in enumerate(C.effects):
        for p, effects in enumerate(options):
            flags = bench._flags(effects)
            for i, (a, b) in enumerate(bench.PAIRS):
                assert bool(flags >> i & 1) == C.argues_for(q, p, a, b), (CAT.questions[q].id, p, a, b)


@pytest.mark.parametrize("seed", range(4))
def test_each_complete_profile_counts_as_decide_decides_it(seed):
    """Fixing every answer leaves one profile: the bench counts it once, under the outcome that
    decide gives (and, counting only ungated profiles, not at all when a gate fires)."""
    rng = random.Random(seed)
    for _ in range(600):
        picks = [rng.randrange(len(q.options)) for q in CAT.questions]
        answers = {q.id: q.options[p].id for q, p in zip(CAT.questions, picks)}
        outcome = decide(C, picks, WEIGHTS)
        counts, total = bench.shares(answers)
        assert (dict(counts), total) == ({bench._label(outcome.key): 1}, 1), answers
        _, ungated = bench.shares(answers, ungated=True)
        assert ungated == (0 if outcome.gated else 1)
