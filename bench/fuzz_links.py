"""Damaged links and hostile requests by the tens of thousands (issue 19).

    python -m bench.fuzz_links [--requests 56000] [--links 1000] [--baseline d1b66df]

Figures, not a test (tests/engine/test_share_check.py and tests/property/test_fuzz_links.py hold the rules):

1. Requests: at least 50,000 JSON requests spread evenly over every op of calculator.api (and
   requests that are no op at all), most carrying a damaged link or a hostile value
   (tests/link_damage.py). Printed: requests per op, replies by outcome (ok or the error's
   kind), internal errors (must be 0) and replies that are not valid UTF-8 (must be 0).
2. Damaged links: generated links (answers, weights, cost figures with full-precision
   decimals) and their single-character substitutions, deletions, insertions, swaps of
   neighbours and truncations: every one of them for the first links, a random sample for the
   rest. Printed per format: how many are refused, open as the same data, open part of a plan
   with a note naming what was lost, and open as different data; "silently" means with no note
   at all, or for v2/p1 links today only the general note that an older link cannot be checked.
   The v2 and p1 rows are shown for the engine before this change (--baseline, run from git
   in a subprocess) and for today's engine, on the same damaged texts.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

from bench._baseline import baseline_tree
from calculator.api import handle
from calculator.plan import UNVERIFIED as PLAN_UNVERIFIED
from calculator.share import UNVERIFIED
from tests.link_damage import (OPS, damages, hostile_request, opens_as, p1_link, plan_opens_as, random_link,
                               random_plan, v2_link)

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "d1b66df"  # the engine before checked links (issue 19)
FULL = 4  # links whose every damage is tried; the others give SAMPLE random damages each
SAMPLE = 60
KINDS = ("substitution", "deletion", "insertion", "swap", "truncation")
OUTCOMES = ("refused", "same", "part_with_note", "different_with_note", "silently_different")

# Run in a subprocess with the baseline engine first on sys.path: reads texts as JSON on
# stdin, prints for each what it opens as (canonical JSON) or null.
_BASELINE_READER = r"""
import json, sys
from calculator import CalculatorError, decode_share
from calculator.plan import decode_plan
out = []
for kind, text in json.load(sys.stdin):
    try:
        if kind == "result":
            s = decode_share(text)
            out.append(json.dumps([s.answers, s.weights, s.cost, s.notes], sort_keys=True))
        else:
            found, notes = decode_plan(text)
            out.append(json.dumps([[[w.name, w.answers, w.weights, w.cost] for w in found], notes], sort_keys=True))
    except CalculatorError:
        out.append(None)
json.dump(out, sys.stdout)
"""


def _canonical_result(opened: Any) -> str | None:
    if opened is None:
        return None
    answers, weights, cost, notes = opened
    return json.dumps([answers, weights, cost, notes], sort_keys=True)


def _canonical_plan(opened: Any) -> str | None:
    if opened is None:
        return None
    found, notes = opened
    return json.dumps([[[w.name, w.answers, w.weights, w.cost] for w in found], notes], sort_keys=True)


def _classify(kind: str, original: str, damaged: str | None, general_notes: tuple[str, ...]) -> str:
    """Compare what a damaged link opens as with what the link itself opens as."""
    if damaged is None:
        return "refused"
    if kind == "result":
        a, b = json.loads(original), json.loads(damaged)
        if a[:3] == b[:3]:
            return "same"
        return "different_with_note" if [n for n in b[3] if n not in general_notes] else "silently_different"
    (made, _), (found, notes) = json.loads(original), json.loads(damaged)
    extra_notes = [n for n in notes if n not in general_notes]
    if found == made:
        return "same"
    if all(ws in made for ws in found) and extra_notes:
        return "part_with_note"
    return "different_with_note" if extra_notes else "silently_different"


def _damaged_texts(links: list[str], rng: random.Random) -> list[tuple[int, str, str]]:
    """(link index, damage kind, damaged text): all damages of the first FULL links, SAMPLE of the others."""
    out = []
    for i, link in enumerate(links):
        every = list(damages(link))
        chosen = every if i < FULL else rng.sample(every, min(SAMPLE, len(every)))
        out += [(i, kind, text) for kind, text in chosen]
    return out


def _tally(kind: str, links: list[str], texts: list[tuple[int, str, str]], opened: list[str | None],
           originals: list[str | None], general: tuple[str, ...]) -> dict[str, Any]:
    by_kind: dict[str, collections.Counter] = {k: collections.Counter() for k in KINDS}
    examples = []
    # A link this reader refuses even undamaged (an older engine, a name it did not allow yet)
    # says nothing about damage: its damaged copies are left out and counted apart.
    unopened = sum(original is None for original in originals)
    skipped = 0
    for (i, damage, text), result in zip(texts, opened):
        if originals[i] is None:
            skipped += 1
            continue
        outcome = _classify(kind, originals[i], result, general)
        by_kind[damage][outcome] += 1
        if outcome == "silently_different" and len(examples) < 3:
            at = next((j for j, (a, b) in enumerate(zip(links[i], text)) if a != b), min(len(text), len(links[i])))
            examples.append(f"{damage} at {at + 1}: …{links[i][max(at - 12, 0):at + 12]}… -> …{text[max(at - 12, 0):at + 12]}…")
    total = sum((c for c in by_kind.values()), collections.Counter())
    return {"links": len(links) - unopened, "damaged": len(texts) - skipped, "unopened": unopened,
            "total": dict(total), "by_kind": {k: dict(v) for k, v in by_kind.items()}, "examples": examples}


def _baseline_open(rev: str, items: list[tuple[str, str]]) -> list[str | None]:
    with tempfile.TemporaryDirectory() as tmp:
        tree = baseline_tree(rev, Path(tmp), ("calculator",))
        run = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(tree)!r})\n" + _BASELINE_READER],
                             input=json.dumps(items), capture_output=True, text=True, check=True, cwd=tmp)
    return json.loads(run.stdout)


def requests_figures(count: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    per_op: collections.Counter = collections.Counter()
    outcomes: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    internal, not_utf8, samples = 0, 0, []
    started = time.monotonic()
    for i in range(count):
        op = OPS[i % len(OPS)]
        request = hostile_request(rng, op)
        text = handle(request)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            not_utf8 += 1
        reply = json.loads(text)
        outcome = "ok" if reply["ok"] else reply["error"]["kind"]
        per_op[op] += 1
        outcomes[op][outcome] += 1
        if outcome == "internal_error":
            internal += 1
            if len(samples) < 5:
                samples.append([request[:300], reply["error"]["message"]])
    return {"requests": count, "seconds": round(time.monotonic() - started, 1), "per_op": dict(per_op),
            "outcomes": {op: dict(c) for op, c in outcomes.items()}, "internal_errors": internal,
            "not_utf8": not_utf8, "internal_samples": samples}


def damage_figures(links: int, seed: int, baseline: str) -> dict[str, Any]:
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    made: dict[str, list[str]] = {
        "v3": [random_link(rng, with_cost=rng.random() < 0.8)[0] for _ in range(links)],
        "p2": [random_plan(rng)[0] for _ in range(links // 4)],
        "v2": [v2_link(rng)[0] for _ in range(links)],
        "p1": [p1_link(rng)[0] for _ in range(links // 4)],
    }
    texts = {fmt: _damaged_texts(made[fmt], rng) for fmt in made}
    readers: dict[str, tuple[str, Callable[[str], Any], Callable[[Any], str | None], tuple[str, ...]]] = {
        "v3": ("result", opens_as, _canonical_result, ()),
        "p2": ("plan", plan_opens_as, _canonical_plan, ()),
        "v2": ("result", opens_as, _canonical_result, (UNVERIFIED,)),
        "p1": ("plan", plan_opens_as, _canonical_plan, (PLAN_UNVERIFIED,)),
    }
    for fmt, (kind, reader, canonical, general) in readers.items():
        originals = [canonical(reader(link)) for link in made[fmt]]
        opened = [canonical(reader(text)) for _, _, text in texts[fmt]]
        out[f"{fmt} today"] = _tally(kind, made[fmt], texts[fmt], opened, originals, general)
    for fmt, kind in (("v2", "result"), ("p1", "plan")):
        items = [(kind, link) for link in made[fmt]] + [(kind, text) for _, _, text in texts[fmt]]
        results = _baseline_open(baseline, items)
        originals, opened = results[: len(made[fmt])], results[len(made[fmt]):]
        out[f"{fmt} before ({baseline})"] = _tally(kind, made[fmt], texts[fmt], opened, originals, ())
    return out


def _print(requests: dict[str, Any], damaged: dict[str, Any]) -> None:
    print(f"Requests: {requests['requests']:,} in {requests['seconds']} s")
    print(f"  {'op':<12}{'requests':>10}  outcomes")
    for op, n in requests["per_op"].items():
        outcomes = ", ".join(f"{k} {v:,}" for k, v in sorted(requests["outcomes"][op].items(), key=lambda kv: -kv[1]))
        print(f"  {op:<12}{n:>10,}  {outcomes}")
    kinds: collections.Counter = collections.Counter()
    for counts in requests["outcomes"].values():
        kinds.update({k: v for k, v in counts.items() if k != "ok"})
    print("  named errors by kind: " + ", ".join(f"{k} {v:,}" for k, v in kinds.most_common()))
    print(f"  internal errors: {requests['internal_errors']}    replies not valid UTF-8: {requests['not_utf8']}")
    for sample in requests["internal_samples"]:
        print(f"    {sample}")
    print("\nDamaged links: every single-character slip of the first links, a sample of the others")
    head = ["format", "links", "damaged"] + list(OUTCOMES) + ["silent share"]
    print("  " + f"{head[0]:<22}" + "".join(f"{h:>20}" for h in head[1:]))
    for name, fig in damaged.items():
        total = fig["total"]
        silent = total.get("silently_different", 0)
        cells = [fig["links"], fig["damaged"]] + [total.get(o, 0) for o in OUTCOMES]
        share = f"{100 * silent / max(fig['damaged'], 1):.1f}%"
        print("  " + f"{name:<22}" + "".join(f"{c:>20,}" for c in cells) + f"{share:>20}")
    for name, fig in damaged.items():
        if fig["unopened"]:
            print(f"  ({name}: {fig['unopened']} of the links made do not open there even undamaged; "
                  "they and their damaged copies are left out)")
    print("\n  silently different, by kind of damage:")
    print("  " + f"{'format':<22}" + "".join(f"{k:>14}" for k in KINDS))
    for name, fig in damaged.items():
        cells = []
        for k in KINDS:
            counts = fig["by_kind"][k]
            n = sum(counts.values())
            cells.append(f"{counts.get('silently_different', 0)}/{n}")
        print("  " + f"{name:<22}" + "".join(f"{c:>14}" for c in cells))
        for example in fig["examples"]:
            print(f"      e.g. {example}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="ignored (the engine needs no built site)")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    parser.add_argument("--requests", type=int, default=56_000)
    parser.add_argument("--links", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--baseline", default=BEFORE, help="git revision of the engine before (default %(default)s)")
    args = parser.parse_args(argv)
    requests = requests_figures(args.requests, args.seed)
    damaged = damage_figures(args.links, args.seed, args.baseline)
    _print(requests, damaged)
    if args.json:
        args.json.write_text(json.dumps({"requests": requests, "damaged": damaged}, indent=1))
    new_silent = sum(damaged[f]["total"].get("silently_different", 0) for f in ("v3 today", "p2 today"))
    return 1 if requests["internal_errors"] or requests["not_utf8"] or new_silent else 0


if __name__ == "__main__":
    sys.exit(main())
