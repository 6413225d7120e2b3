"""How often the calculator recommends each model: over every complete set of answers, before
and after the current model version, and for the textbook profiles with hedged answers.

    python -m bench.recommendation_shares

Figures, not a test (tests/engine/test_advice.py checks the rules; this prints what they add up to):

- Every complete profile (each question answered, default weights) is counted exactly: the
  questions that can trigger a gate or decide which models apply are enumerated, the others are
  folded into a table of raw totals (with which models some answer argues for), and each
  combination is decided by the engine's own functions (calculator.decide.keyer, the rules as
  the robustness loops run them, tested against `rules`; and `rules` with `verdict` once for
  every distinct set of totals, gates and applicable models). No sampling. Any exception is
  counted, not raised.
- Checks over that enumeration, each of which must print 0: exceptions; recommended or paired
  models scoring at or below the fit line (50); BPO recommended or paired for a build.
- The same for the previous model version (calculator/previous.py: its gates, no fit line, no
  applicability, over its fifteen questions), in the same run.
- A random sample of complete profiles through the whole API (score, view, memo), counting
  exceptions: the enumeration proves the rules never fail; this covers the wording around them.
- The textbook profiles (tests/scenarios.json: sa-, ms-, bpo-textbook) with one, then every two,
  of their scale answers replaced by the middle option.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import json
import random
import sys
import time
from pathlib import Path

from calculator.data import catalogue
from calculator.decide import Compiled, Outcome, compiled, keyer, rules, verdict
from calculator.previous import _ADDED, _previous

ROOT = Path(__file__).resolve().parent.parent
CAT = catalogue()
NOW = compiled(CAT)


def _fold(c: Compiled, weights: list[int], questions: list[int], fixed: dict[int, int]) -> collections.Counter:
    """Every way to answer `questions` as (raw totals, argued bits) -> how many ways."""
    n_models = len(c.models)
    table: collections.Counter = collections.Counter({((0,) * n_models, 0): 1})
    for q in questions:
        choices = [fixed[q]] if q in fixed else range(len(c.effects[q]))
        nxt: collections.Counter = collections.Counter()
        for (raw, bits), n in table.items():
            for p in choices:
                e = c.effects[q][p]
                nxt[(tuple(r + weights[q] * x for r, x in zip(raw, e)), bits | c.argues[q][p])] += n
        table = nxt
    return table


def _label(c: Compiled, key: tuple) -> str:
    state, value = key
    if state == "recommend":
        return CAT.name(c.models[value])
    if state == "close_call":
        return "close call: " + " + ".join(CAT.name(c.models[m]) for m in value)
    return {"not_ready": "no model ready", "no_fit": "no model fits", "no_answers": "no answers"}[state]


def shares(c: Compiled = NOW, fixed: dict[str, str] | None = None, ungated: bool = False,
           skip: tuple[str, ...] = ()) -> tuple[collections.Counter, int, collections.Counter]:
    """Outcome -> number of complete profiles (questions in `skip` left out), with some answers
    fixed (and, with `ungated`, only the profiles where no gate fires); and the checks' counts."""
    questions = [i for i, q in enumerate(CAT.questions) if q.id not in skip]
    weights = [q.weight for q in CAT.questions]
    total = sum(weights[q] for q in questions)
    fixed_idx = {CAT.questions.index(CAT.question(q)): CAT.question(q).index(o) for q, o in (fixed or {}).items()}
    kind_q = CAT.questions.index(CAT.kind_question)  # enumerated for every model version, for the checks
    deciding = sorted({q for _, conditions in c.gates for q, _ in conditions} | {kind_q})
    others = _fold(c, weights, [q for q in questions if q not in deciding], fixed_idx)
    build = CAT.kind_question.index("build")
    bpo = c.models.index("bpo")
    n_models = len(c.models)
    groups: collections.Counter = collections.Counter()
    for combo in itertools.product(*[[fixed_idx[q]] if q in fixed_idx else range(len(c.effects[q])) for q in deciding]):
        picks = [-1] * len(CAT.questions)
        raw = [0] * n_models
        bits = 0
        for q, p in zip(deciding, combo):
            picks[q] = p
            raw = [r + weights[q] * x for r, x in zip(raw, c.effects[q][p])]
            bits |= c.argues[q][p]
        kind = picks[kind_q]
        groups[(tuple(raw), bits, c.gated(picks), c.applicable(picks), kind)] += 1
    answered = len(questions)
    # The folded answers by raw totals, each with how many ways give which argued bits.
    by_raw: dict[tuple, collections.Counter] = collections.defaultdict(collections.Counter)
    for (oraw, obits), n in others.items():
        by_raw[oraw][obits] += n
    ways = {oraw: sum(bits.values()) for oraw, bits in by_raw.items()}
    keys: collections.Counter = collections.Counter()
    checks: collections.Counter = collections.Counter()
    keyers: dict[tuple, object] = {}
    seen: set[tuple] = set()
    line = (CAT.thresholds.fits_above - 50) * total / 25
    profiles = 0
    for (graw, gbits, gated, applicable, kind), gn in groups.items():
        if ungated and gated:
            continue
        key = keyers.get((gated, applicable))
        if key is None:
            key = keyers[(gated, applicable)] = keyer(c, gated, answered, applicable)
        for oraw, bits in by_raw.items():
            raw = tuple(a + b for a, b in zip(graw, oraw))
            # Exceptions: the full rules and the verdict once per distinct input they depend on,
            # with a close call's support both given and refused.
            if (raw, gated, applicable) not in seen:
                seen.add((raw, gated, applicable))
                for support in (True, False):
                    try:
                        fields = rules(c, raw, total, gated, answered, lambda a, b: support, applicable)
                        verdict(c, Outcome(*fields, gated, answered, applicable, c.fits(raw, total, applicable)))
                    except Exception as exc:  # noqa: BLE001 - counted and printed, never raised
                        checks[f"exception: {type(exc).__name__}"] += 1
            found = key(raw, total, None)
            outcomes = [(found, gn * ways[oraw])] if found is not None else \
                [(key(raw, total, gbits | obits), gn * on) for obits, on in bits.items()]
            for (k, leader), n in outcomes:
                keys[k] += n
                profiles += n
                named = (leader,) if k[0] == "recommend" else k[1] if k[0] == "close_call" else ()
                if any(raw[m] <= line for m in named):
                    checks["proposed at or below the fit line"] += n
                if kind == build and bpo in named:
                    checks["BPO proposed for a build"] += n
    counts = collections.Counter({_label(c, k): n for k, n in keys.items()})
    return counts, profiles, checks


def api_sample(n: int, seed: int = 20261205) -> collections.Counter:
    """`n` random complete profiles through the whole API: outcome words, and exceptions."""
    from calculator.api import handle

    rng = random.Random(seed)
    found: collections.Counter = collections.Counter()
    for _ in range(n):
        answers = {q.id: rng.choice(q.options).id for q in CAT.questions}
        try:
            reply = json.loads(handle(json.dumps({"op": "score", "answers": answers})))
            found["ok" if reply["ok"] else f"error: {reply['error']['kind']}"] += 1
        except Exception as exc:  # noqa: BLE001 - counted and printed, never raised
            found[f"exception: {type(exc).__name__}"] += 1
    return found


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
            counts[{"not_ready": "no model ready", "no_fit": "no model fits"}[r.state]] += 1
    return counts


def _print(title: str, counts: collections.Counter, total: int, before: collections.Counter | None = None,
           before_total: int = 0) -> None:
    print(f"\n{title} ({total:,} profiles{f'; before: {before_total:,}' if before is not None else ''})")
    labels = list(dict.fromkeys([label for label, _ in counts.most_common()] + list(before or {})))
    for label in labels:
        n = counts.get(label, 0)
        line = f"  {label:<48} {n:>12,}  {100 * n / total:6.2f}%"
        if before is not None:
            b = before.get(label, 0)
            line += f"   before {100 * b / before_total:6.2f}%"
        print(line)


def _print_checks(title: str, checks: collections.Counter) -> None:
    print(f"  {title}:")
    for label in ("exception", "proposed at or below the fit line", "BPO proposed for a build"):
        rows = {k: v for k, v in checks.items() if k.startswith(label)} or {label: 0}
        for k, v in rows.items():
            print(f"    {k:<46} {v:>12,}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="ignored: the shares come from the engine alone")
    parser.add_argument("--json", type=Path, help="write the counts here")
    parser.add_argument("--api-sample", type=int, default=5000, help="random profiles through the API")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found: dict[str, dict] = {}
    prev = _previous()
    counts, total, checks = shares()
    before, before_total, before_checks = shares(prev, skip=_ADDED)
    _print(f"Every complete answer profile, model_version {CAT.model_version} (before: 2026.12)",
           counts, total, before, before_total)
    print("\nChecks over every complete profile (each must be 0 now):")
    _print_checks(f"model {CAT.model_version}", checks)
    _print_checks("model 2026.12, for comparison", before_checks)
    found["all"] = dict(counts)
    found["all_before"] = dict(before)
    found["checks"] = dict(checks)
    found["checks_before"] = dict(before_checks)
    counts, total, _ = shares(ungated=True)
    _print("The complete profiles in which no gate fires (every model ready)", counts, total)
    found["ungated"] = dict(counts)
    buyer = {"kind": "business_process", "direction": "provider", "process_maturity": "documented", "governance": "yes"}
    counts, total, _ = shares(fixed=buyer)
    before, before_total, _ = shares(prev, fixed=buyer, skip=_ADDED)
    _print("Business process, provider directs, documented, owner named; the other answers free",
           counts, total, before, before_total)
    found["bpo_buyer"] = dict(counts)
    for kind in ("build", "tech_service"):
        counts, total, _ = shares(fixed={"kind": kind})
        before, before_total, _ = shares(prev, fixed={"kind": kind}, skip=_ADDED)
        _print(f"Kind of work: {kind}; the other answers free", counts, total, before, before_total)
        found[f"kind_{kind}"] = dict(counts)
    sample = api_sample(args.api_sample)
    print(f"\n{args.api_sample:,} random complete profiles through the API (score, view, memo):")
    for label, n in sample.most_common():
        print(f"  {label:<48} {n:>12,}")
    if not any(k.startswith("exception") for k in sample):
        print(f"  {'exceptions':<48} {0:>12,}")
    found["api_sample"] = dict(sample)
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
