"""calculator/previous.py: what model 2026.12 advised, so that an older link can say when its
advice has changed. Checked against that model's own output, frozen in
tests/data/previous_advice_corpus.json (the engine as released at commit d1b66df, run on each
answer set): never against previous.py itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from calculator import score
from calculator.previous import advice_then

CORPUS = json.loads((Path(__file__).parents[1] / "data" / "previous_advice_corpus.json").read_text(encoding="utf-8"))
CASES = CORPUS["cases"]


def _advice(state: str, recommendation: str | None, pair: list[str] | None) -> tuple:
    return state, recommendation if state == "recommend" else None, tuple(pair) if state == "close_call" else None


@pytest.mark.parametrize("case", CASES, ids=[f"set{i:02d}" for i in range(len(CASES))])
def test_the_previous_advice_is_what_model_2026_12_said(case):
    result = score(case["answers"], case["weights"])
    then = case["then"]
    now = _advice(result.state, result.recommendation,
                  result.combination["models"] if result.state == "close_call" else None)
    said = _advice(then["state"], then["recommendation"], then["pair"])
    got = advice_then(result)
    if said == now:
        assert got is None, "the advice has not changed, so nothing is said about it"
    else:
        assert got is not None, f"the advice changed from {said} to {now}, and the link must say so"
        assert _advice(got["state"], got["recommendation"], got["pair"]) == said
        assert got == {"state": said[0], "recommendation": said[1], "pair": list(said[2]) if said[2] else None}


def test_the_corpus_covers_changed_and_unchanged_advice_of_every_kind():
    """Each then/now pair of states the corpus holds, with and without changed weights, and
    answer sets with the data question that model 2026.12 never asked."""
    kinds = {(c["then"]["state"], score(c["answers"], c["weights"]).state) for c in CASES}
    assert {("close_call", "recommend"), ("recommend", "close_call"), ("recommend", "not_ready"),
            ("close_call", "close_call"), ("recommend", "recommend"), ("not_ready", "no_fit")} <= kinds
    changed = sum(advice_then(score(c["answers"], c["weights"])) is not None for c in CASES)
    assert 15 <= changed <= len(CASES) - 10, changed
    assert sum(bool(c["weights"]) for c in CASES) >= 15 and sum("data" in c["answers"] for c in CASES) >= 5
