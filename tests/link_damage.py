"""Generated links and every single-character damage to them, shared by the tests and by
bench/fuzz_links.py (issue 19: "of 111,112 single-character substitutions, deletions,
insertions, swaps and truncations ... 35.1% open silently as different data")."""

from __future__ import annotations

import random
import string
from typing import Any, Iterator

from calculator import CalculatorError, catalogue, check_answers, decode_share, encode_share
from calculator.cost import check_cost, cost_inputs, sections
from calculator.plan import Workstream, decode_plan, encode_plan

__all__ = ["ALPHABET", "damages", "random_figures", "random_link", "random_plan", "v2_link", "p1_link",
           "opens_as", "plan_opens_as"]

# Every character a link can hold, and a few a copy can bring in.
ALPHABET = string.ascii_letters + string.digits + ".-*_" + " %"


def damages(link: str, alphabet: str = ALPHABET) -> Iterator[tuple[str, str]]:
    """(kind, damaged link) for every single substitution, deletion, insertion, adjacent swap
    and truncation of `link`; a change that gives back the same text is skipped."""
    n = len(link)
    for i in range(n):
        for ch in alphabet:
            if ch != link[i]:
                yield "substitution", link[:i] + ch + link[i + 1:]
        yield "deletion", link[:i] + link[i + 1:]
        if i + 1 < n and link[i] != link[i + 1]:
            yield "swap", link[:i] + link[i + 1] + link[i] + link[i + 2:]
        if i:
            yield "truncation", link[:i]
    for i in range(n + 1):
        for ch in alphabet:
            text = link[:i] + ch + link[i:]
            if text.strip() != link:
                yield "insertion", text


def _value(rng: random.Random, item: Any) -> Any:
    if item.choices is not None:
        return rng.choice(item.choices)
    if item.whole:
        return rng.randint(int(item.min), int(item.max))
    top = min(item.max, rng.choice([10, 1000, 100_000, item.max]))
    kind = rng.random()
    if kind < 0.4:
        return rng.randint(int(item.min), int(top))
    if kind < 0.7:
        return round(rng.uniform(item.min, top), rng.randint(1, 3))
    return rng.uniform(item.min, top)  # a full-precision float: 17 significant digits


def random_figures(rng: random.Random) -> dict[str, dict[str, Any]]:
    """Cost figures that check_cost accepts, with some of every group."""
    for _ in range(200):
        figures: dict[str, dict[str, Any]] = {}
        for item in cost_inputs():
            if rng.random() < 0.45:
                figures.setdefault(item.group, {})[item.id] = _value(rng, item)
        try:
            return check_cost(figures)
        except CalculatorError:
            continue
    return {}


def _random_answers(rng: random.Random) -> tuple[dict[str, str], dict[str, int]]:
    cat = catalogue()
    answers = {q.id: rng.choice(q.options).id for q in cat.questions if rng.random() < 0.6}
    weights = {q.id: rng.randint(0, 5) for q in cat.questions if rng.random() < 0.15}
    return check_answers(answers), weights


def random_link(rng: random.Random, with_cost: bool = True) -> tuple[str, tuple[Any, ...]]:
    """A v3 link and what it holds."""
    answers, weights = _random_answers(rng)
    figures = random_figures(rng) if with_cost else {}
    return encode_share(answers, weights, figures), (answers, weights, figures)


def _v2_body(answers: dict[str, str], weights: dict[str, int], figures: dict[str, dict[str, Any]]) -> str:
    """The v2 encoder as it was (calculator 2026.11): figures to six decimals, the horizon as its
    position among 12, 24 and 36 months."""
    cat = catalogue()
    parts = [q.key + q.option(answers[q.id]).key for q in cat.questions if q.id in answers]
    changed = [q for q in cat.questions if q.id in weights]
    if changed:
        parts += ["W"] + [f"{q.key}{weights[q.id]}" for q in changed]
    for group, letter in sections().items():
        written = []
        for item in cost_inputs():
            value = figures.get(group, {}).get(item.id)
            if item.group != group or value is None:
                continue
            if item.id == "horizon_months":
                text = str([12, 24, 36].index(value))
            elif item.choices:
                text = str(item.choices.index(value))
            elif isinstance(value, float) and value.is_integer() or isinstance(value, int):
                text = str(int(value))
            else:
                text = f"{value:.6f}".rstrip("0").rstrip(".")
            written.append(item.key + text)
        if written:
            parts.append(letter + "".join(written))
    return "".join(parts)


def v2_link(rng: random.Random) -> tuple[str, tuple[Any, ...]]:
    """A link as the v2 format wrote it (no check), and what it opens as today."""
    answers, weights = _random_answers(rng)
    figures = random_figures(rng)
    if "horizon_months" in figures.get("general", {}):
        figures["general"]["horizon_months"] = rng.choice([12, 24, 36])
    link = "v2" + _v2_body(answers, weights, figures)
    shared = decode_share(link)
    return link, (shared.answers, shared.weights, shared.cost)


def random_plan(rng: random.Random, count: int | None = None) -> tuple[str, list[Workstream]]:
    """A p2 plan link and its workstreams."""
    names = ["Payroll", "Service desk", "Roadmap", "Billing rebuild", "Claims", "Data platform", "Support",
             "Accounts payable", "Mobile app", "Security operations"]
    count = count or rng.randint(1, 4)
    chosen = rng.sample(names, count)
    workstreams = []
    for name in chosen:
        answers, weights = _random_answers(rng)
        workstreams.append(Workstream(name, answers, weights, random_figures(rng) if rng.random() < 0.5 else {}))
    return encode_plan(workstreams), workstreams


def p1_link(rng: random.Random) -> tuple[str, list[Workstream]]:
    """A plan link as the p1 format wrote it (no count, no checks, v2 bodies)."""
    import base64

    parts = ["p1"]
    workstreams = []
    for name in rng.sample(["Payroll", "Service desk", "Roadmap", "Claims", "Support"], rng.randint(1, 3)):
        link, (answers, weights, figures) = v2_link(rng)
        parts += [base64.urlsafe_b64encode(name.encode()).decode().rstrip("="), link.removeprefix("v2")]
        workstreams.append(Workstream(name, answers, weights, figures))
    return "*".join(parts), workstreams


def opens_as(text: str) -> tuple[Any, ...] | None:
    """What a result link opens as (answers, weights, figures, notes), or None when refused."""
    try:
        shared = decode_share(text)
    except CalculatorError:
        return None
    return shared.answers, shared.weights, shared.cost, shared.notes


def plan_opens_as(text: str) -> tuple[list[Workstream], list[str]] | None:
    try:
        return decode_plan(text)
    except CalculatorError:
        return None
