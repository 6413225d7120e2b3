"""bench/recommendation_shares.py counts outcomes with its own enumeration (folded raw totals,
decided by the engine's keyer). Checked here against the engine: with every answer fixed, the
bench's count is the one profile `decide` gives for those answers, on a few thousand random
complete profiles, and none of its checks fires.
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


@pytest.mark.parametrize("seed", range(4))
def test_each_complete_profile_counts_as_decide_decides_it(seed):
    """Fixing every answer leaves one profile: the bench counts it once, under the outcome that
    decide gives (and, counting only ungated profiles, not at all when a gate fires)."""
    rng = random.Random(seed)
    for _ in range(600):
        picks = [rng.randrange(len(q.options)) for q in CAT.questions]
        answers = {q.id: q.options[p].id for q, p in zip(CAT.questions, picks)}
        outcome = decide(C, picks, WEIGHTS)
        counts, total, checks = bench.shares(fixed=answers)
        assert (dict(counts), total) == ({bench._label(C, outcome.key): 1}, 1), answers
        assert not checks, (answers, checks)
        _, ungated, _ = bench.shares(fixed=answers, ungated=True)
        assert ungated == (0 if outcome.gated else 1)
