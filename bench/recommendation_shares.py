"""How often the calculator recommends each model: over every complete set of answers, and
for the textbook profile of each model with one and with two hedged answers.

    python -m bench.recommendation_shares

Figures, not a test (the tests check the rules; this prints what the rules add up to):

- Every complete profile (each of the 15 questions answered, default weights) is counted
  exactly: the questions that can trigger a gate are enumerated, the others are folded into a
  table of raw totals (with which models some answer argues for), and each combination is decided
  by the engine's own rules (calculator.decide.rules). No sampling.
- The same for the profiles of a business-process buyer who wants the provider to run a
  documented process and has an owner for the relationship.
- The textbook profiles (tests/scenarios.json: sa-, ms-, bpo-textbook) with one, then every two,
  of their scale answers replaced by the middle option.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import sys
import json
import time
from pathlib import Path

from calculator.data import catalogue
from calculator.decide import compiled, key_of, rules

ROOT = Path(__file__).resolve().parent.parent
CAT = catalogue()
C = compiled(CAT)
WEIGHTS = [q.weight for q in CAT.questions]
TOTAL = sum(WEIGHTS)
N_MODELS = len(C.models)
PAIRS = [(a, b) for a in range(N_MODELS) for b in range(N_MODELS) if a != b]


def _flags(effects: tuple[int, ...]) -> int:
    """Which ordered pairs (a, b) this answer argues for: a over b, a being a favourite."""
    top = max(effects)
    bits = 0
    for i, (a, b) in enumerate(PAIRS):
        if effects[a] > effects[b] and effects[a] == top:
            bits |= 1 << i
    return bits


def _fold(questions: list[int], fixed: dict[int, int]) -> collections.Counter:
    """Every way to answer `questions` as (raw totals, argued pairs) -> how many ways."""
    table: collections.Counter = collections.Counter({((0,) * N_MODELS, 0): 1})
    for q in questions:
        choices = [fixed[q]] if q in fixed else range(len(C.effects[q]))
        nxt: collections.Counter = collections.Counter()
        for (raw, bits), n in table.items():
            for p in choices:
                e = C.effects[q][p]
                key = (tuple(r + WEIGHTS[q] * x for r, x in zip(raw, e)), bits | _flags(e))
                nxt[key] += n
        table = nxt
    return table


def shares(fixed: dict[str, str] | None = None, ungated: bool = False) -> tuple[collections.Counter, int]:
    """Outcome -> number of complete profiles, with some answers fixed (and, with `ungated`,
    only the profiles where no gate fires)."""
    fixed_idx = {CAT.questions.index(CAT.question(q)): CAT.question(q).index(o) for q, o in (fixed or {}).items()}
    gate_questions = sorted({q for _, conditions in C.gates for q, _ in conditions})
    other_questions = [q for q in range(len(CAT.questions)) if q not in gate_questions]
    others = _fold(other_questions, fixed_idx)
    counts: collections.Counter = collections.Counter()
    total = 0
    gate_choices = [[fixed_idx[q]] if q in fixed_idx else range(len(C.effects[q])) for q in gate_questions]
    # Group the gate questions' answers by what they change: raw totals, argued pairs, gates.
    groups: collections.Counter = collections.Counter()
    for combo in itertools.product(*gate_choices):
        picks = [-1] * len(CAT.questions)
        raw = [0] * N_MODELS
        bits = 0
        for q, p in zip(gate_questions, combo):
            picks[q] = p
            e = C.effects[q][p]
            raw = [r + WEIGHTS[q] * x for r, x in zip(raw, e)]
            bits |= _flags(e)
        groups[(tuple(raw), bits, C.gated(picks))] += 1
    answered = len(CAT.questions)
    for (graw, gbits, gated), gn in groups.items():
        if ungated and gated:
            continue
        for (oraw, obits), on in others.items():
            raw = [a + b for a, b in zip(graw, oraw)]
            bits = gbits | obits
            fields = rules(C, raw, TOTAL, gated, answered,
                           lambda a, b: bool(bits >> PAIRS.index((a, b)) & 1 and bits >> PAIRS.index((b, a)) & 1))
            counts[_label(key_of(*fields))] += gn * on
            total += gn * on
    return counts, total


def _label(key: tuple) -> str:
    state, value = key
    if state == "recommend":
        return CAT.name(C.models[value])
    if state == "close_call":
        return "close call: " + " + ".join(CAT.name(C.models[m]) for m in value)
    return {"not_ready": "no model ready", "no_answers": "no answers"}[state]


def hedged(profile: dict[str, str], n: int) -> collections.Counter:
    """Outcomes of `profile` with every choice of `n` scale answers set to the middle option."""
    from calculator import score

    scale = [q for q in CAT.questions if not q.categories and q.id in profile and len(q.options) == 3]
    counts: collections.Counter = collections.Counter()
    for chosen in itertools.combinations(scale, n):
        answers = dict(profile)
        for q in chosen:
            answers[q.id] = q.options[1].id
        r = score(answers)
        if r.state == "close_call":
            counts["close call: " + " + ".join(CAT.name(m) for m in r.combination["models"])] += 1
        elif r.recommendation:
            counts[CAT.name(r.recommendation) + (" (for now)" if r.later else "")] += 1
        else:
            counts["no model ready"] += 1
    return counts


def _print(title: str, counts: collections.Counter, total: int) -> None:
    print(f"\n{title} ({total:,} profiles)")
    for label, n in counts.most_common():
        print(f"  {label:<48} {n:>12,}  {100 * n / total:6.2f}%")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="ignored: the shares come from the engine alone")
    parser.add_argument("--json", type=Path, help="write the counts here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found: dict[str, dict] = {}
    counts, total = shares()
    _print(f"Every complete answer profile, model_version {CAT.model_version}", counts, total)
    found["all"] = dict(counts)
    counts, total = shares(ungated=True)
    _print("The complete profiles in which no gate fires (every model ready)", counts, total)
    found["ungated"] = dict(counts)
    buyer = {"kind": "business_process", "direction": "provider", "process_maturity": "documented", "governance": "yes"}
    counts, total = shares(buyer)
    _print("Business process, provider directs, documented, owner named; the other 11 answers free", counts, total)
    found["bpo_buyer"] = dict(counts)
    scenarios = {s["id"]: s for s in json.loads((ROOT / "tests" / "scenarios.json").read_text())["scenarios"]}
    for sid in ("sa-textbook", "ms-textbook", "bpo-textbook"):
        profile = scenarios[sid]["answers"]
        for n in (1, 2):
            counts = hedged(profile, n)
            _print(f"{sid} with {n} hedged answer{'s' if n > 1 else ''}", counts, sum(counts.values()))
            found[f"{sid}-hedged-{n}"] = dict(counts)
    print(f"\n(enumerated in {time.perf_counter() - started:.1f} s)")
    if args.json:
        args.json.write_text(json.dumps(found, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
